"""The attainment chart: no pace or projection mark sits on a bar's label."""

from pathlib import Path

import pytest

from pat_core import cargar, evaluar
from pat_core.graficas import cumplimiento_indicadores
from pat_core.proyeccion import proyectar

DATOS = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def figura():
    datos = cargar(DATOS, 2020)
    return cumplimiento_indicadores(proyectar(datos, evaluar(datos, "2020-09-30")))


def fila(traza, etiqueta: str) -> int:
    return list(traza.y).index(etiqueta)


def test_the_label_of_2_1_starts_past_its_projection(figura):
    barra, ritmo, proyeccion, etiquetas = figura.data
    assert etiquetas.mode == "text"
    clave = next(y for y in etiquetas.y if y.startswith("2.1 "))
    x_etiqueta = etiquetas.x[fila(etiquetas, clave)]
    assert barra.text[fila(barra, clave)] == ""  # written once, by the text trace
    assert etiquetas.text[fila(etiquetas, clave)] == "33.3 % de 80 %"
    assert x_etiqueta > proyeccion.x[fila(proyeccion, clave)] >= barra.x[fila(barra, clave)]


def test_no_mark_inside_a_label_outside_its_bar(figura):
    barra, ritmo, proyeccion, etiquetas = figura.data
    for i, clave in enumerate(etiquetas.y):
        inicio, fin = etiquetas.x[i], etiquetas.x[i] + 2.5 * len(etiquetas.text[i])
        for marcas in (ritmo, proyeccion):
            assert not inicio - 3 < marcas.x[fila(marcas, clave)] < fin, clave


def test_long_bars_keep_their_label_inside(figura):
    barra = figura.data[0]
    dentro = [t for t, x in zip(barra.text, barra.x) if x >= 45]
    assert dentro and all(dentro)


def test_a_target_without_a_value_says_why_and_its_target_apart():
    """«sin medición de 80 %» read as a measurement of 80 %: the target is said apart."""
    datos = cargar(DATOS, 2020)
    etiquetas = cumplimiento_indicadores(proyectar(datos, evaluar(datos, "2020-01-31"))).data[-1]
    textos = dict(zip((y.split(" ")[0] for y in etiquetas.y), etiquetas.text))
    assert textos["5.1"] == "sin medición · meta 5"
    assert textos["1.1"] == "sin medición · meta 15 %"
    assert textos["2.1"] == "0 % de 80 %"
    assert not [t for t in textos.values() if t.startswith(("sin medición de", "sin casos de"))]
