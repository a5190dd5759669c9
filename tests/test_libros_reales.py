"""Workbooks typed the way people type, saved by openpyxl and by LibreOffice Calc.

tests/fixtures/crear_libros.py wrote them: title rows and a merged title cell,
headers with odd spacing and case, formulas (cached values), a hidden sheet,
non-breaking spaces, keys with a trailing dot or typed as numbers, numbers and
date serials stored as text, percentages as 0.2, 60% and 100, Sí/No columns.
"""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pat_core import cargar
from pat_core import vocabulario as v
from pat_core.contrato import FILA

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VARIANTES = ["openpyxl", "libreoffice"]


@pytest.fixture(scope="module", params=VARIANTES)
def datos(request):
    return cargar(FIXTURES / request.param, 2020)


def test_everything_is_read_without_problems(datos):
    assert datos.problemas == []


def test_indicators(datos):
    tabla = datos.indicadores.set_index(v.CLAVE_INDICADOR)
    assert list(tabla.index) == ["1.1", "2.1", "4.2"]
    assert list(tabla[v.SECCION]) == ["I", "II", "IV"]
    assert list(tabla[v.VALOR_META]) == [15.0, 80.0, 1.0]
    assert list(tabla[v.UNIDAD]) == [v.PORCENTAJE, v.PORCENTAJE, v.NUMERO]
    assert list(tabla[v.CALCULO]) == [v.MEDICION, v.POR_ACTIVIDADES, v.MEDICION]


def test_activities(datos):
    tabla = datos.actividades.set_index(v.CLAVE_ACTIVIDAD)
    assert list(tabla.index) == ["1.1.1", "2.1.1", "4.2.1"]
    assert list(tabla[v.FECHA_INICIO].dt.date) == [date(2020, 3, 2), date(2020, 2, 3), date(2020, 2, 3)]
    assert list(tabla[v.FECHA_FIN].dt.date) == [date(2020, 12, 31), date(2020, 6, 30), date(2020, 12, 2)]
    assert tabla.at["1.1.1", v.RIESGOS] == "Cargas de trabajo"
    assert list(tabla[v.SOLICITADA_UEIPPCI]) == [False, True, True]
    assert list(tabla[FILA]) == [3, 4, 5]  # Excel rows, below a title row and the headers


def test_evidence_and_measurements(datos):
    evidencias = datos.evidencias
    assert list(evidencias[v.CLAVE_ACTIVIDAD]) == ["1.1.1", "1.1.1", "2.1.1", "4.2.1"]
    assert list(evidencias[v.FECHA].dt.date) == [
        date(2020, 4, 15), date(2020, 6, 30), date(2020, 5, 1), date(2020, 9, 30)]
    assert list(evidencias[v.AVANCE]) == [20.0, 60.0, 100.0, 60.0]
    assert evidencias[v.DESCRIPCION].iloc[3] == "Seguimiento registrado"
    mediciones = datos.mediciones
    assert list(mediciones[v.LOGRADO]) == [46.0, 58.0, 1.0]
    assert list(mediciones[v.TOTAL].fillna(-1)) == [200.0, 1200.0, -1]


def test_both_variants_read_the_same():
    openpyxl, libreoffice = (cargar(FIXTURES / nombre, 2020) for nombre in VARIANTES)
    for hoja in ("indicadores", "actividades", "evidencias", "mediciones"):
        pd.testing.assert_frame_equal(getattr(openpyxl, hoja), getattr(libreoffice, hoja))


def test_the_libreoffice_variant_really_holds_formulas():
    hoja = load_workbook(FIXTURES / "libreoffice" / "pat_2020.xlsx")["Indicadores"]
    formulas = [c.value for fila in hoja.iter_rows() for c in fila
                if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas, "LibreOffice should have kept =15/100 as a formula"
