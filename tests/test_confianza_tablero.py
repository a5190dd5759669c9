"""The dashboard in front of the hostile cells of issue 11: the page stays up, the figures
stay finite, and the screen says which rows were left out."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from pat_core import vocabulario as v
from tests.test_app import abrir


@pytest.fixture
def logrado_enorme(copia_datos: Path, monkeypatch) -> Path:
    """The shipped data with Logrado 1E+308 measured for 5.1, a `número` target of 5."""
    ruta = copia_datos / "evidencias_2020.xlsx"
    libro = load_workbook(ruta)
    libro[v.HOJA_MEDICIONES].append(["5.1", date(2020, 6, 30), 1e308, None, None])
    libro.save(ruta)
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    return copia_datos


def textos(app: AppTest) -> list[str]:
    return [str(m.value) for m in app.metric] + [t.value for t in app.markdown]


def test_a_huge_number_leaves_the_resumen_up_and_says_why(logrado_enorme):
    """Logrado 1E+308 once replaced Resumen with an error and broke its CSV."""
    app = abrir()
    assert not app.error
    assert app.title[0].value.replace("\\", "") == "Resumen del programa"
    assert any("fila(s) con error quedaron fuera" in aviso.value for aviso in app.warning)
    assert not any(x in t.lower() for t in textos(app) for x in ("inf", "nan", "e+30"))


def test_the_section_of_that_indicator_stays_up_with_finite_figures(logrado_enorme):
    app = abrir("paginas/secciones.py", seccion="V")
    assert not app.error
    assert app.title[0].value.replace("\\", "").startswith("Sección V")
    assert not any(x in t.lower() for t in textos(app) for x in ("inf", "nan", "e+30"))
