"""The dashboard in front of the hostile cells of issue 11: the page stays up, the figures
stay finite, and the screen says which rows were left out."""

from datetime import date

from streamlit.testing.v1 import AppTest

from tests.ayudantes import carpeta

ENORME = [["1.1", date(2020, 6, 30), 1e308, 200, None]]


def test_a_huge_number_leaves_the_resumen_up_and_says_why(tmp_path, monkeypatch):
    """Logrado 1E+308 once replaced Resumen with an error and broke its CSV."""
    monkeypatch.setenv("PAT_DATOS", str(carpeta(tmp_path, mediciones=ENORME)))
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception
    assert app.title[0].value.replace("\\", "") == "Resumen del programa"
    assert any("fila(s) con error quedaron fuera" in aviso.value for aviso in app.warning)
    cifras = [m.value for m in app.metric]
    assert cifras and not any(x in str(c).lower() for c in cifras for x in ("inf", "nan"))


def test_the_section_of_that_indicator_stays_up_with_finite_figures(tmp_path, monkeypatch):
    monkeypatch.setenv("PAT_DATOS", str(carpeta(tmp_path, mediciones=ENORME)))
    app = AppTest.from_file("../dashboard.py", default_timeout=60)
    app.query_params["seccion"] = "I"
    app.run().switch_page("paginas/secciones.py").run()
    assert not app.exception and not app.error
    assert app.title[0].value.replace("\\", "").startswith("Sección I")
    textos = [str(m.value) for m in app.metric] + [t.value for t in app.markdown]
    assert not any(x in texto.lower() for texto in textos for x in ("inf ", "nan", "1e+308"))
