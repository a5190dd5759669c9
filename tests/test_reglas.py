"""Thresholds from tablero.toml: pat_core.reglas.cargar_umbrales."""

from __future__ import annotations

import tomllib

import pytest

from pat_core import Umbrales, cargar_umbrales
from pat_core.problemas import ERROR
from pat_core.reglas import ARCHIVO_UMBRALES, como_toml


def escribir(tmp_path, texto: str):
    (tmp_path / ARCHIVO_UMBRALES).write_text(texto, encoding="utf-8")
    return tmp_path


def test_sin_archivo_predeterminados(tmp_path):
    assert cargar_umbrales(tmp_path) == (Umbrales(), [])


def test_carpeta_inexistente_predeterminados(tmp_path):
    assert cargar_umbrales(tmp_path / "no-existe") == (Umbrales(), [])


def test_datos_entregados_sin_tablero_toml(datos_ejemplo):
    assert cargar_umbrales(datos_ejemplo) == (Umbrales(), [])


def test_archivo_que_cambia_valores(tmp_path):
    escribir(tmp_path, """
# Umbrales del comité
[semaforo]
rezago_amarillo = 10
rezago_rojo = 25.5
dias_amarillo = 45

[metas]
ritmo_minimo_meta = 80
""")
    umbrales, problemas = cargar_umbrales(tmp_path)
    assert problemas == []
    assert umbrales == Umbrales(rezago_amarillo=10, rezago_rojo=25.5, dias_amarillo=45,
                                dias_rojo=10, ritmo_minimo_meta=80)


def test_archivo_vacio_predeterminados(tmp_path):
    assert cargar_umbrales(escribir(tmp_path, "")) == (Umbrales(), [])


def test_otras_secciones_se_ignoran(tmp_path):
    umbrales, problemas = cargar_umbrales(escribir(tmp_path, "[tablero]\ntitulo = 'CEPCI'\n"))
    assert (umbrales, problemas) == (Umbrales(), [])


def assert_error(tmp_path, texto: str, *en_el_mensaje: str):
    umbrales, problemas = cargar_umbrales(escribir(tmp_path, texto))
    assert umbrales == Umbrales()
    assert len(problemas) == 1
    problema = problemas[0]
    assert problema.severidad == ERROR
    assert problema.libro == ARCHIVO_UMBRALES
    assert "predeterminados" in problema.mensaje
    for parte in en_el_mensaje:
        assert parte in problema.mensaje
    return problema


def test_clave_desconocida(tmp_path):
    assert_error(tmp_path, "[semaforo]\nrezago_naranja = 20\n", "semaforo.rezago_naranja",
                 "no es un umbral conocido")


def test_umbral_en_la_seccion_equivocada(tmp_path):
    assert_error(tmp_path, "[metas]\ndias_rojo = 5\n", "metas.dias_rojo")


@pytest.mark.parametrize("valor", ['"quince"', "true", "-5", "[1, 2]", "2020-01-01", "nan", "inf"])
def test_valor_que_no_es_numero_positivo(tmp_path, valor):
    assert_error(tmp_path, f"[semaforo]\nrezago_amarillo = {valor}\n", "semaforo.rezago_amarillo",
                 "número mayor o igual que 0")


def test_rojo_mas_laxo_que_amarillo_en_rezago(tmp_path):
    assert_error(tmp_path, "[semaforo]\nrezago_amarillo = 40\n", "rojo", "amarillo")


def test_rojo_mas_laxo_que_amarillo_en_dias(tmp_path):
    assert_error(tmp_path, "[semaforo]\ndias_rojo = 40\n", "rojo", "amarillo")


def test_rojo_igual_que_amarillo_es_valido(tmp_path):
    umbrales, problemas = cargar_umbrales(escribir(tmp_path, "[semaforo]\nrezago_amarillo = 35\ndias_rojo = 30\n"))
    assert problemas == []
    assert (umbrales.rezago_amarillo, umbrales.dias_rojo) == (35, 30)


@pytest.mark.parametrize("texto", ["[semaforo\nrezago_rojo = 20\n", "rezago_rojo = = 3",
                                   "[semaforo]\nx = 'sin cerrar\n"])
def test_toml_roto(tmp_path, texto):
    assert_error(tmp_path, texto, "No se pudo leer")


def test_archivo_que_no_es_utf8(tmp_path):
    (tmp_path / ARCHIVO_UMBRALES).write_bytes("# año\n".encode("latin-1") + b"\xff\xfe[semaforo]\n")
    umbrales, problemas = cargar_umbrales(tmp_path)
    assert umbrales == Umbrales()
    assert len(problemas) == 1 and problemas[0].es_error


def test_seccion_que_no_es_tabla(tmp_path):
    # «semaforo = 5» instead of a [semaforo] table must not crash the loader.
    umbrales, problemas = cargar_umbrales(escribir(tmp_path, "semaforo = 5\n"))
    assert umbrales == Umbrales()
    assert len(problemas) == 1 and problemas[0].es_error
    assert "semaforo" in problemas[0].mensaje


def test_como_toml_ida_y_vuelta(tmp_path):
    umbrales = Umbrales(rezago_amarillo=12, rezago_rojo=30, dias_amarillo=20, dias_rojo=5,
                        ritmo_minimo_meta=85)
    texto = como_toml(umbrales)
    assert tomllib.loads(texto)["semaforo"]["rezago_amarillo"] == 12
    assert cargar_umbrales(escribir(tmp_path, texto)) == (umbrales, [])


def test_los_dias_son_enteros(tmp_path):
    (tmp_path / "tablero.toml").write_text("[plazos]\ndias_habiles_proximos = 20.5\n", encoding="utf-8")
    umbrales, problemas = cargar_umbrales(tmp_path)
    assert umbrales == Umbrales() and "entero" in problemas[0].mensaje
    (tmp_path / "tablero.toml").write_text("[plazos]\ndias_habiles_proximos = 15.0\n", encoding="utf-8")
    umbrales, problemas = cargar_umbrales(tmp_path)
    assert problemas == [] and umbrales.dias_habiles_proximos == 15
    assert isinstance(umbrales.dias_habiles_proximos, int)
