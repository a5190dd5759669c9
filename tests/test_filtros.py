"""The filters, links and chart text the dashboard and the CLI share (pat_core/filtros.py,
pat_core/graficas.py): computed in pat_core, never in the UI."""

import math
from datetime import date

import pandas as pd
import pytest

from pat_core import graficas
from pat_core import vocabulario as v
from pat_core.filtros import (FiltroActividades, FiltroEvidencias, argumentos_actividades,
                              enlace_web, normalizar)


@pytest.mark.parametrize("valor,esperado", [
    ("https://ejemplo.org/acta.pdf", "https://ejemplo.org/acta.pdf"),
    ("  HTTP://EJEMPLO.ORG  ", "HTTP://EJEMPLO.ORG"),
    ("javascript:alert(1)", None),
    ("JavaScript://ejemplo.org/%0Aalert(1)", None),
    ("data:text/html,<b>x</b>", None),
    ("file:///etc/passwd", None),
    ("http:/sin-servidor", None),
    ("www.ejemplo.org", None),
    ("https://ejemplo.org/a b", None),
    (None, None),
    (float("nan"), None),
])
def test_only_http_and_https_addresses_are_links(valor, esperado):
    assert enlace_web(valor) == esperado


def test_the_evidence_filter_keeps_sections_activities_and_text():
    registro = pd.DataFrame({
        v.SECCION: ["I", "I", "II"], v.CLAVE_ACTIVIDAD: ["1.1.1", "1.1.2", "2.1.1"],
        v.ACTIVIDAD: ["Curso", "Taller", "Infografía"],
        v.DESCRIPCION: ["Lista de asistencia", "Memoria", "Publicación en intranet"],
        v.REGISTRO: ["Ana", "Ana", "Luis"],
    })
    assert len(FiltroEvidencias().aplicar(registro)) == 3
    assert list(FiltroEvidencias(secciones=("I",)).aplicar(registro)[v.CLAVE_ACTIVIDAD]) == [
        "1.1.1", "1.1.2"]
    assert list(FiltroEvidencias(actividades=("1.1.2", "2.1.1"), texto="PUBLICACION")
                .aplicar(registro)[v.CLAVE_ACTIVIDAD]) == ["2.1.1"]


def test_filter_values_are_read_as_the_cli_reads_them():
    assert normalizar("secciones", "iii") == "III"
    assert normalizar("indicadores", "2.1.") == "2.1"
    assert normalizar("semaforos", "rojo") == "Rojo"
    assert normalizar("responsables", "Ana") == "Ana"
    with pytest.raises(ValueError, match="número romano"):
        normalizar("secciones", "XX")
    with pytest.raises(ValueError, match="color de semáforo"):
        normalizar("semaforos", "Morado")


def test_the_command_line_of_a_filter():
    filtro = FiltroActividades(secciones=("V",), semaforos=("Rojo", "Amarillo"), texto="curso")
    assert argumentos_actividades(filtro, 2020, pd.Timestamp(date(2020, 9, 30)), "API_X") == [
        "actividades", "--anio", "2020", "--corte", "2020-09-30", "--comite", "API_X",
        "--seccion", "V", "--semaforo", "Rojo", "--semaforo", "Amarillo", "--buscar", "curso"]


def test_plotly_text_escapes_only_what_plotly_reads_as_markup():
    assert graficas.texto_plotly('Ver "esto" & <b>aquello</b> it\'s') == (
        'Ver "esto" &amp; &lt;b&gt;aquello&lt;/b&gt; it\'s')
    assert graficas.texto_plotly(None) == "" and graficas.texto_plotly(float("nan")) == ""


def test_long_names_wrap_whole():
    nombre = "Atención a denuncias en materia de ética, integridad pública y conflictos de interés"
    envuelto = graficas.envuelto(nombre, 22)
    assert "…" not in envuelto and envuelto.replace("<br>", " ") == nombre
    assert all(len(linea) <= 22 for linea in envuelto.split("<br>"))


def test_a_sparkline_series_starts_at_the_first_measurement_with_numbers_only():
    serie = graficas.serie_mensual([None, None, 23.0, None, 29.04, float("nan"), 35.56])
    assert serie == [23.0, 23.0, 29.0, 29.0, 35.6]
    assert all(isinstance(x, float) and math.isfinite(x) for x in serie)
    assert graficas.serie_mensual([None, None]) == []
