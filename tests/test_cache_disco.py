"""Validated workbooks kept on disk between processes: pat_core.cache_disco."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from pat_core import Umbrales, cache_disco
from pat_core.cache import CacheLecturas, lecturas_en_disco
from pat_core.cache_disco import CacheEnDisco, carpeta_cache
from pat_core.comites import consolidar

RAIZ = Path(__file__).resolve().parent.parent
VARIADA = RAIZ / "tests" / "golden" / "variada"
HOJAS = ("indicadores", "actividades", "evidencias", "mediciones", "hitos", "sesiones", "inhabiles")


@pytest.fixture
def datos(tmp_path) -> Path:
    """The golden «variada» workbooks (every sheet, every kind of problem), copied."""
    destino = tmp_path / "datos"
    destino.mkdir()
    for libro in VARIADA.glob("*.xlsx"):
        shutil.copy2(libro, destino / libro.name)
    return destino


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    carpeta = tmp_path / "cache"
    monkeypatch.setenv("PAT_CACHE", str(carpeta))
    return carpeta


def _iguales(uno, otro) -> None:
    for hoja in HOJAS:
        pd.testing.assert_frame_equal(getattr(uno, hoja), getattr(otro, hoja))
    assert uno.problemas == otro.problemas
    assert uno.ilegibles == otro.ilegibles


def test_otro_proceso_no_relee_y_obtiene_lo_mismo(datos, cache):
    primero = lecturas_en_disco(datos)
    leido = primero.cargar(datos, 2020)
    assert primero.lecturas == 2 and len(list(cache.glob("*.arrow"))) == 2
    otro = lecturas_en_disco(datos)  # as a new process: nothing in memory
    del_disco = otro.cargar(datos, 2020)
    assert otro.lecturas == 0
    _iguales(del_disco, leido)
    _iguales(del_disco, CacheLecturas().cargar(datos, 2020))


def test_un_libro_editado_se_relee_y_su_entrada_se_reescribe(datos, cache):
    lecturas_en_disco(datos).cargar(datos, 2020)
    antes = {p.name: p.read_bytes() for p in cache.glob("*.arrow")}
    libro = datos / "evidencias_2020.xlsx"
    estado = libro.stat()
    os.utime(libro, ns=(estado.st_atime_ns, estado.st_mtime_ns + 10**9))
    otro = lecturas_en_disco(datos)
    otro.cargar(datos, 2020)
    assert otro.lecturas == 1  # only the edited one
    despues = {p.name: p.read_bytes() for p in cache.glob("*.arrow")}
    assert despues.keys() == antes.keys()  # one entry per workbook, rewritten in place
    assert sum(despues[n] != antes[n] for n in antes) == 1


def test_una_entrada_danada_se_ignora_y_se_reescribe(datos, cache):
    leido = lecturas_en_disco(datos).cargar(datos, 2020)
    for entrada in cache.glob("*.arrow"):
        entrada.write_bytes(entrada.read_bytes()[:100])
    otro = lecturas_en_disco(datos)
    _iguales(otro.cargar(datos, 2020), leido)
    assert otro.lecturas == 2
    tercero = lecturas_en_disco(datos)
    tercero.cargar(datos, 2020)
    assert tercero.lecturas == 0  # rewritten whole


def test_un_libro_ilegible_no_se_guarda(datos, cache):
    libro = datos / "evidencias_2020.xlsx"
    libro.write_bytes(libro.read_bytes()[:500])  # caught half-saved
    leido = lecturas_en_disco(datos).cargar(datos, 2020)
    assert leido.ilegibles
    assert len(list(cache.glob("*.arrow"))) == 1  # the plan only


def test_otros_umbrales_u_otra_version_no_usan_la_entrada(datos, cache, monkeypatch):
    lecturas_en_disco(datos).cargar(datos, 2020)
    otros = lecturas_en_disco(datos)
    otros.cargar(datos, 2020, replace(Umbrales(), filas_maximas=100))
    assert otros.lecturas == 2
    monkeypatch.setattr(cache_disco, "_version", "otra")
    nueva = lecturas_en_disco(datos)
    nueva.cargar(datos, 2020)
    assert nueva.lecturas == 2


def test_donde_va_la_cache(tmp_path, monkeypatch):
    datos = tmp_path / "datos"
    datos.mkdir()
    monkeypatch.setenv("PAT_CACHE", "off")
    assert carpeta_cache(datos) is None
    monkeypatch.setenv("PAT_CACHE", " OFF ")
    assert carpeta_cache(datos) is None
    monkeypatch.setenv("PAT_CACHE", str(datos / "cache"))
    assert carpeta_cache(datos) is None  # never inside the committee's folder
    monkeypatch.setenv("PAT_CACHE", str(tmp_path / "otra"))
    assert carpeta_cache(datos) == tmp_path / "otra"
    monkeypatch.delenv("PAT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert carpeta_cache(datos) == tmp_path / "xdg" / "tablero-pat"


def test_una_carpeta_que_no_se_puede_escribir_solo_hace_mas_lenta_la_lectura(datos, tmp_path):
    archivo = tmp_path / "no-es-carpeta"
    archivo.write_text("x")
    cache = CacheLecturas(disco=CacheEnDisco(archivo / "cache"))
    _iguales(cache.cargar(datos, 2020), CacheLecturas().cargar(datos, 2020))


def test_la_linea_de_comandos_usa_la_cache_y_no_escribe_en_los_datos(datos, tmp_path):
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    entorno.pop("PAT_CACHE")
    orden = [sys.executable, "-m", "pat_core", "indicadores", "--datos", str(datos),
             "--corte", "2020-06-30"]
    antes = sorted(p.name for p in datos.iterdir())
    frio = subprocess.run(orden, capture_output=True, env=entorno, cwd=tmp_path)
    caliente = subprocess.run(orden, capture_output=True, env=entorno, cwd=tmp_path)
    apagada = subprocess.run(orden, capture_output=True, env={**entorno, "PAT_CACHE": "off"},
                             cwd=tmp_path)
    assert frio.returncode == caliente.returncode == apagada.returncode == 0
    assert frio.stdout == caliente.stdout == apagada.stdout
    assert len(list((tmp_path / "xdg" / "tablero-pat").glob("*.arrow"))) == 2
    assert sorted(p.name for p in datos.iterdir()) == antes


def _esquema(entrada: Path) -> pa.Schema:
    return pa.ipc.open_file(pa.py_buffer(entrada.read_bytes()[:-16])).schema


def _es_consolidado(entrada: Path) -> bool:
    """Whether an entry holds a roll-up's joined sheets (its metadata names the committees)."""
    return b"comites" in _esquema(entrada).metadata


def test_una_entrada_con_bytes_cambiados_nunca_da_cifras(datos, cache):
    """Damage anywhere in an entry (a disk error, a power cut mid-write) fails its checksum:
    the workbook is read again, and the figures are the workbook's."""
    leido = CacheLecturas().cargar(datos, 2020)
    lecturas_en_disco(datos).cargar(datos, 2020)
    [registro] = sorted(cache.glob("*.arrow"), key=lambda e: -e.stat().st_size)[:1]
    bueno = registro.read_bytes()
    for posicion in range(64, len(bueno) - 64, max(1, len(bueno) // 40)):
        danado = bytearray(bueno)
        danado[posicion] ^= 0x5A
        registro.write_bytes(bytes(danado))
        otro = lecturas_en_disco(datos)
        _iguales(otro.cargar(datos, 2020), leido)
        assert otro.lecturas == 1
        registro.write_bytes(bueno)


def test_otro_archivo_con_la_misma_hora_y_tamano_se_relee(datos, cache):
    """A file put in place keeping the time and size (cp -p, a sync tool) is another file."""
    lecturas_en_disco(datos).cargar(datos, 2020)
    libro = datos / "evidencias_2020.xlsx"
    estado = libro.stat()
    copia = datos.parent / "copia.xlsx"
    copia.write_bytes(libro.read_bytes())
    os.utime(copia, ns=(estado.st_atime_ns, estado.st_mtime_ns))
    os.replace(copia, libro)
    otro = lecturas_en_disco(datos)
    otro.cargar(datos, 2020)
    assert otro.lecturas == 1


def test_un_libro_recien_guardado_se_lee_pero_no_se_guarda(datos, cache):
    """Saved within the clock's tick, a second save could keep its time and size: it is
    kept once it is a little older."""
    libro = datos / "evidencias_2020.xlsx"
    libro.write_bytes(libro.read_bytes())  # saved now
    lecturas_en_disco(datos).cargar(datos, 2020)
    assert len(list(cache.glob("*.arrow"))) == 1  # the plan only


def test_con_comite_la_cache_tampoco_va_dentro_de_la_carpeta_de_datos(tmp_path):
    raiz = tmp_path / "datos"
    (raiz / "Comite_A").mkdir(parents=True)
    for libro in VARIADA.glob("*.xlsx"):
        shutil.copy2(libro, raiz / "Comite_A" / libro.name)
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ), "PAT_CACHE": str(raiz / "cache")}
    salida = subprocess.run([sys.executable, "-m", "pat_core", "indicadores", "--datos", str(raiz),
                             "--comite", "Comite_A", "--corte", "2020-06-30"],
                            capture_output=True, env=entorno, cwd=tmp_path)
    assert salida.returncode == 0, salida.stderr.decode()
    assert not (raiz / "cache").exists()


def test_un_cero_negativo_no_cambia_el_signo_de_los_demas_ceros():
    from pat_core import celdas
    from pat_core.columnas import leer_columna

    for crudas in ([-0.0, 0.0, 0.0], [0.0, -0.0, 0.0]):
        valores, _ = leer_columna(celdas.numero, crudas)
        assert [str(x) for x in valores] == [str(celdas.numero(c)) for c in crudas]


@pytest.fixture
def comites(tmp_path) -> Path:
    """Three committees: the golden «variada» workbooks and the shipped data, twice."""
    raiz = tmp_path / "comites"
    for nombre, origen in (("Variada", VARIADA), ("API_A", RAIZ / "data"), ("API_B", RAIZ / "data")):
        (raiz / nombre).mkdir(parents=True)
        for libro in origen.glob("*.xlsx"):
            shutil.copy2(libro, raiz / nombre / libro.name)
    return raiz


def _mismo_consolidado(uno, otro) -> None:
    pd.testing.assert_frame_equal(uno.indicadores, otro.indicadores)
    pd.testing.assert_frame_equal(uno.actividades, otro.actividades)
    pd.testing.assert_frame_equal(uno.resumen, otro.resumen)
    assert uno.problemas == otro.problemas and uno.ilegibles == otro.ilegibles


def test_el_consolidado_se_carga_de_una_sola_entrada(comites, cache, monkeypatch):
    """Another process loads every committee's joined sheets at once: no workbook's entry is
    opened, and the figures are those computed from the workbooks."""
    sin_cache = consolidar(comites, 2020, "2020-06-30", CacheLecturas())
    consolidar(comites, 2020, "2020-06-30", lecturas_en_disco(comites))
    abiertas = []
    monkeypatch.setattr(CacheEnDisco, "cargar", lambda self, llave: abiertas.append(llave))
    otro = lecturas_en_disco(comites)
    _mismo_consolidado(consolidar(comites, 2020, "2020-06-30", otro), sin_cache)
    assert otro.lecturas == 0 and abiertas == []


def test_tras_editar_un_libro_el_consolidado_solo_relee_ese(comites, cache):
    consolidar(comites, 2020, "2020-06-30", lecturas_en_disco(comites))
    libro = comites / "API_B" / "evidencias_2020.xlsx"
    estado = libro.stat()
    os.utime(libro, ns=(estado.st_atime_ns, estado.st_mtime_ns + 10**9))
    otro = lecturas_en_disco(comites)
    total = consolidar(comites, 2020, "2020-06-30", otro)
    assert otro.lecturas == 1
    _mismo_consolidado(total, consolidar(comites, 2020, "2020-06-30", CacheLecturas()))
    tercero = lecturas_en_disco(comites)  # the joined sheets were kept again
    _mismo_consolidado(consolidar(comites, 2020, "2020-06-30", tercero), total)
    assert tercero.lecturas == 0


def test_con_un_comite_ilegible_el_consolidado_no_se_guarda(comites, cache):
    """A failed read is never kept: the next roll-up tries that workbook again, and says so."""
    (comites / "API_B" / "evidencias_2020.xlsx").write_text("no es un libro", encoding="utf-8")
    primero = consolidar(comites, 2020, "2020-06-30", lecturas_en_disco(comites))
    otro = lecturas_en_disco(comites)
    segundo = consolidar(comites, 2020, "2020-06-30", otro)
    assert "API_B" in primero.ilegibles and "API_B" in segundo.ilegibles
    _mismo_consolidado(segundo, primero)
    entradas = list(cache.glob("*.arrow"))
    assert not any(map(_es_consolidado, entradas)) and len(entradas) == 5  # the readable workbooks


def test_un_consolidado_de_forma_inesperada_no_se_usa_ni_rompe_nada(comites, cache):
    """An entry whole and of the right versions, but not of the shape this code reads (another
    version's roll-up, say): the workbooks are read, never a crash."""
    esperado = consolidar(comites, 2020, "2020-06-30", CacheLecturas())
    consolidar(comites, 2020, "2020-06-30", lecturas_en_disco(comites))
    [entrada] = [e for e in cache.glob("*.arrow") if _es_consolidado(e)]
    huella = _esquema(entrada).metadata[b"huella"]
    disco = CacheEnDisco(cache)
    assert disco._escribir(entrada, lambda: pa.record_batch({"x": pa.array([1])}), huella)
    otro = lecturas_en_disco(comites)
    _mismo_consolidado(consolidar(comites, 2020, "2020-06-30", otro), esperado)


def test_un_plan_que_falta_un_momento_tras_cargar_el_consolidado_no_borra_al_comite(comites, cache):
    """Loaded from its entry, the roll-up still remembers each committee's workbooks: one whose
    plan is gone for a moment (Excel saving it) is a failed read, said, never a committee gone."""
    consolidar(comites, 2020, "2020-06-30", lecturas_en_disco(comites))
    servidor = lecturas_en_disco(comites)  # a server started after: the roll-up comes from disk
    consolidar(comites, 2020, "2020-06-30", servidor)
    assert servidor.lecturas == 0
    (comites / "API_B" / "pat_2020.xlsx").unlink()
    total = consolidar(comites, 2020, "2020-06-30", servidor)
    assert "API_B" in total.ilegibles and "API_B" not in total.comites
