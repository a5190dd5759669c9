"""Read only what changed: pat_core.cache.CacheLecturas."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from pat_core import cargar, lectura
from pat_core.cache import CacheLecturas
from pat_core.comites import consolidar
from tests.ayudantes import EVIDENCIAS, carpeta, escribir_libro
from tests.ayudantes import ENCABEZADOS, MEDICIONES
from pat_core import vocabulario as v


def _tocar(ruta: Path, segundos: int) -> None:
    """A new modification time, as a save in Excel gives."""
    estado = ruta.stat()
    os.utime(ruta, ns=(estado.st_atime_ns, estado.st_mtime_ns + segundos * 1_000_000_000))


@pytest.fixture
def contador(monkeypatch):
    """Every workbook file actually parsed, by name."""
    leidos: list[str] = []
    original = lectura._leer_hojas

    def contando(contenido, nombre, especs):
        leidos.append(nombre)
        return original(contenido, nombre, especs)

    monkeypatch.setattr(lectura, "_leer_hojas", contando)
    return leidos


def _comites(tmp_path: Path, n: int) -> Path:
    raiz = tmp_path / "datos"
    for i in range(n):
        carpeta_comite = raiz / f"C{i}"
        carpeta_comite.mkdir(parents=True)
        carpeta(carpeta_comite)
    return raiz


def test_igual_que_cargar(datos_ejemplo):
    cache = CacheLecturas()
    for _ in range(2):
        datos = cache.cargar(datos_ejemplo, 2020)
        directo = cargar(datos_ejemplo, 2020)
        for hoja in ("indicadores", "actividades", "evidencias", "mediciones", "hitos",
                     "sesiones", "inhabiles"):
            pd.testing.assert_frame_equal(getattr(datos, hoja), getattr(directo, hoja))
        assert datos.problemas == directo.problemas


def test_editar_un_libro_relee_solo_ese(tmp_path, contador):
    raiz = _comites(tmp_path, 4)
    cache = CacheLecturas()
    consolidar(raiz, 2020, "2020-12-31", cache)
    assert len(contador) == 8 and cache.lecturas == 8
    contador.clear()
    consolidar(raiz, 2020, "2020-12-31", cache)
    assert contador == []

    escribir_libro(raiz / "C2" / "evidencias_2020.xlsx", {
        v.HOJA_EVIDENCIAS: [ENCABEZADOS[v.HOJA_EVIDENCIAS], *EVIDENCIAS,
                            ["2.1.2", date(2020, 5, 1), "Video", 100, None, "Ana"]],
        v.HOJA_MEDICIONES: [ENCABEZADOS[v.HOJA_MEDICIONES], *MEDICIONES],
    })
    _tocar(raiz / "C2" / "evidencias_2020.xlsx", 5)
    total = consolidar(raiz, 2020, "2020-12-31", cache)
    assert contador == ["evidencias_2020.xlsx"]  # the plan of C2 and every other file: from memory
    assert cache.lecturas == 9
    concluidas = total.resumen.set_index("Comité")["Concluidas"]
    assert concluidas["C2"] == concluidas["C0"] + 1


def test_misma_hora_otro_tamano_se_relee(tmp_path, contador):
    datos = carpeta(tmp_path)
    cache = CacheLecturas()
    cache.cargar(datos, 2020)
    ruta = datos / "evidencias_2020.xlsx"
    antes = ruta.stat()
    escribir_libro(ruta, {v.HOJA_EVIDENCIAS: [ENCABEZADOS[v.HOJA_EVIDENCIAS]],
                          v.HOJA_MEDICIONES: [ENCABEZADOS[v.HOJA_MEDICIONES]]})
    os.utime(ruta, ns=(antes.st_atime_ns, antes.st_mtime_ns))
    assert ruta.stat().st_size != antes.st_size
    contador.clear()
    assert len(cache.cargar(datos, 2020).evidencias) == 0
    assert contador == ["evidencias_2020.xlsx"]


def test_una_lectura_fallida_no_se_recuerda(tmp_path, contador):
    datos = carpeta(tmp_path)
    ruta = datos / "evidencias_2020.xlsx"
    bueno = ruta.read_bytes()
    ruta.write_bytes(bueno[: len(bueno) // 2])  # caught half-saved
    cache = CacheLecturas()
    assert cache.cargar(datos, 2020).ilegibles
    ruta.write_bytes(bueno)
    datos_buenos = cache.cargar(datos, 2020)
    assert not datos_buenos.ilegibles and len(datos_buenos.evidencias) == 2


def test_acotada_y_sin_versiones_viejas(tmp_path):
    raiz = _comites(tmp_path, 3)
    cache = CacheLecturas(maximo_libros=4, maximo_anios=2)
    consolidar(raiz, 2020, "2020-12-31", cache)
    assert len(cache) <= 4 and len(cache._anios) <= 2
    cache = CacheLecturas()
    consolidar(raiz, 2020, "2020-12-31", cache)
    for segundos in (1, 2, 3):
        _tocar(raiz / "C0" / "pat_2020.xlsx", segundos)
        consolidar(raiz, 2020, "2020-12-31", cache)
    assert len(cache) == 6  # one entry per file: an edited file's older version is dropped
    cache.vaciar()
    assert len(cache) == 0


def test_sesiones_en_hilos_a_la_vez(tmp_path):
    raiz = _comites(tmp_path, 6)
    cache = CacheLecturas()
    with ThreadPoolExecutor(max_workers=6) as hilos:
        resultados = list(hilos.map(lambda _: consolidar(raiz, 2020, "2020-12-31", cache),
                                    range(12)))
    primero = resultados[0]
    for otro in resultados[1:]:
        pd.testing.assert_frame_equal(otro.resumen, primero.resumen)
        pd.testing.assert_frame_equal(otro.actividades, primero.actividades)
    assert len(cache) == 12


def test_los_datos_de_la_cache_no_cambian_al_usarlos(datos_ejemplo):
    cache = CacheLecturas()
    datos = cache.cargar(datos_ejemplo, 2020)
    datos.actividades.loc[:, v.ACTIVIDAD] = "cambiada"
    datos.problemas.clear()
    otra = cache.cargar(datos_ejemplo, 2020)
    assert (otra.actividades[v.ACTIVIDAD] != "cambiada").all()
    assert otra.problemas == cargar(datos_ejemplo, 2020).problemas


def test_sin_streamlit():
    import subprocess
    import sys

    codigo = ("import sys, pat_core, pat_core.cache, pat_core.comites, pat_core.cli, pat_core.comandos; "
              "print('streamlit' in sys.modules)")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent, check=True)
    assert salida.stdout.strip() == "False"


@pytest.fixture
def en_procesos(monkeypatch):
    """Roll-ups hand every new workbook to worker processes, even a few of them; this
    process must not read any itself (its reader fails if called)."""
    import pat_core.cache as modulo_cache

    monkeypatch.setattr(modulo_cache, "MINIMO_PARALELO", 1)
    monkeypatch.setattr(modulo_cache.os, "cpu_count", lambda: 2)
    leidos_aqui: list[Path] = []
    original = modulo_cache.leer_validado

    def aqui(ruta, *argumentos):
        leidos_aqui.append(Path(ruta))
        return original(ruta, *argumentos)

    monkeypatch.setattr(modulo_cache, "leer_validado", aqui)
    return leidos_aqui


def test_un_consolidado_en_frio_lee_en_procesos_y_da_lo_mismo(tmp_path, en_procesos, monkeypatch):
    """Many new workbooks are read in worker processes; the roll-up is the same as reading
    them one by one here, and a second roll-up reads nothing."""
    import pat_core.cache as modulo_cache

    raiz = _comites(tmp_path, 3)
    with monkeypatch.context() as parche:
        parche.setattr(modulo_cache, "MINIMO_PARALELO", 10**9)
        serie = consolidar(raiz, 2020, "2020-12-31", CacheLecturas())
    assert len(en_procesos) == 6  # read here, one by one
    en_procesos.clear()
    cache = CacheLecturas()
    paralelo = consolidar(raiz, 2020, "2020-12-31", cache)
    assert en_procesos == []  # the workers read them all
    assert cache.lecturas == 6  # 3 committees × 2 workbooks
    pd.testing.assert_frame_equal(serie.actividades, paralelo.actividades)
    pd.testing.assert_frame_equal(serie.indicadores, paralelo.indicadores)
    pd.testing.assert_frame_equal(serie.resumen, paralelo.resumen)
    assert serie.problemas == paralelo.problemas
    consolidar(raiz, 2020, "2020-12-31", cache)
    assert cache.lecturas == 6


def test_un_libro_que_falla_en_un_proceso_se_lee_aqui_y_se_informa(tmp_path, en_procesos):
    raiz = _comites(tmp_path, 3)
    roto = raiz / "C1" / "evidencias_2020.xlsx"
    roto.write_bytes(roto.read_bytes()[:300])  # half-saved
    total = consolidar(raiz, 2020, "2020-12-31", CacheLecturas())
    assert en_procesos == [roto]  # only the failed one, to say why in Spanish
    assert list(total.ilegibles) == ["C1"]
    assert "guardado a medias" in total.ilegibles["C1"][0].mensaje
    assert set(total.actividades["Comité"]) == {"C0", "C2"}


def test_los_procesos_esperan_la_siguiente_carga_y_luego_terminan(tmp_path, en_procesos,
                                                                   monkeypatch):
    import time

    from pat_core import procesos

    monkeypatch.setattr(procesos, "ESPERA_TRABAJADORES", 1.0)
    raiz = _comites(tmp_path, 2)
    cache = CacheLecturas()
    consolidar(raiz, 2020, "2020-12-31", cache)
    trabajadores = cache.trabajadores.grupo
    assert trabajadores is not None  # kept for the next roll-up
    for libro in raiz.rglob("*.xlsx"):
        _tocar(libro, 5)  # saved again: new to the cache
    consolidar(raiz, 2020, "2020-12-31", cache)
    assert en_procesos == [] and cache.lecturas == 8
    assert cache.trabajadores.grupo is trabajadores  # the same processes, not new ones
    limite = time.monotonic() + 10
    while cache.trabajadores.grupo is not None and time.monotonic() < limite:
        time.sleep(0.1)
    assert cache.trabajadores.grupo is None  # idle for a while: stopped
