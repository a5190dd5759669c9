"""The presentation with Streamlit's AppTest: the slide the address names, paging, unknown slugs."""

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from pat_core import diapositivas as d
from tests.conftest import DATOS

SLUGS = ["programa", "seccion-I", "seccion-II", "seccion-III", "seccion-IV", "seccion-V",
         "cambios", "riesgos", "plazos"]


@pytest.fixture(autouse=True)
def datos_incluidos(monkeypatch):
    monkeypatch.delenv("PAT_DATOS", raising=False)


def presentar(**query) -> AppTest:
    app = AppTest.from_file("../dashboard.py", default_timeout=60)
    for clave, valor in {"proyector": "1", **query}.items():
        app.query_params[clave] = valor
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def diapositiva(app: AppTest) -> str:
    """The slug of the slide drawn (the ``data-diapositiva`` of its HTML)."""
    cuerpos = [elemento.proto.body for elemento in app.get("html")]
    return next(re.search(r'data-diapositiva="([^"]+)"', c).group(1) for c in cuerpos
                if "data-diapositiva" in c)


def html_de(app: AppTest) -> str:
    return "".join(elemento.proto.body for elemento in app.get("html"))


def boton(app: AppTest, etiqueta: str):
    return next(b for b in app.button if b.label == etiqueta)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_address_chooses_the_slide(slug):
    app = presentar(diapositiva=slug)
    assert diapositiva(app) == slug
    assert "Corte<b>31/12/2020</b>" in html_de(app)


def test_without_a_slide_the_first_one_shows():
    assert diapositiva(presentar()) == "programa"


def test_an_unknown_slug_shows_the_first_slide_and_says_so():
    app = presentar(diapositiva="seccion-XX<b>")
    assert diapositiva(app) == "programa"
    cuerpo = html_de(app)
    assert "No hay ninguna diapositiva «seccion-XX&lt;b&gt;»; se muestra la primera." in cuerpo
    assert "seccion-XX<b>" not in cuerpo


def test_the_buttons_name_the_neighbours_and_page_through():
    app = presentar(diapositiva="seccion-II")
    assert boton(app, "◀ Sección I") and boton(app, "Salir de la presentación")
    boton(app, "Sección III ▶").click().run()
    assert app.query_params[d.PARAMETRO] == "seccion-III"
    assert diapositiva(app) == "seccion-III"
    boton(app, "Primera (Inicio)").click().run()
    assert diapositiva(app) == "programa"
    boton(app, "◀ Plazos y actas").click().run()  # before the first, the last
    assert diapositiva(app) == "plazos"


def test_the_slides_follow_the_cut_off_in_the_address():
    app = presentar(corte="2020-06-30", diapositiva="programa")
    assert "Corte<b>30/06/2020</b>" in html_de(app)
    assert '<div class="cifra">0 de 22</div>' in html_de(app)


def test_the_cut_off_survives_every_slide_and_the_way_out():
    app = presentar(corte="2020-09-30", diapositiva="programa")
    for slug in [*SLUGS[1:], SLUGS[0]]:
        boton(app, next(b.label for b in app.button if b.label.endswith("▶"))).click().run()
        assert diapositiva(app) == slug
        assert "Corte<b>30/09/2020</b>" in html_de(app)
        assert app.query_params["corte"] == "2020-09-30"
    boton(app, "Salir de la presentación").click().run()
    assert "proyector" not in app.query_params and d.PARAMETRO not in app.query_params
    assert app.query_params["corte"] == "2020-09-30"
    assert app.title[0].value == "Resumen del programa"
    assert "corte al 30 de septiembre de 2020" in app.caption[0].value.replace("\\", "")


def test_an_address_value_that_cannot_be_used_is_said_on_the_slide():
    app = presentar(corte="2020-13-40", diapositiva="cambios")
    assert diapositiva(app) == "cambios"
    assert "El enlace pide «corte=2020-13-40»" in html_de(app)
    assert not app.warning


def test_a_section_slide_lists_its_red_and_overdue_activities_or_says_none():
    cuerpo = html_de(presentar(diapositiva="seccion-II"))
    assert '<span class="clave">2.1.5</span>' in cuerpo and "✖ Rojo" in cuerpo
    assert '<span class="clave">2.1.1</span>' not in cuerpo  # on time: not listed
    cuerpo = html_de(presentar(diapositiva="seccion-I"))
    assert ("Ninguna: sus 4 actividades van a tiempo (concluidas: 4, en proceso: 0, "
            "por iniciar: 0).") in cuerpo


def test_the_changes_slide_counts_every_kind_and_says_how_many_more():
    cuerpo = html_de(presentar(diapositiva="cambios", corte="2020-09-30"))
    assert "Del 24/07/2020 al 30/09/2020." in cuerpo
    assert "<b>Meta:</b>" in cuerpo
    assert re.search(r'<div class="mas">y \d+ cambio\(s\) más', cuerpo)


def test_with_committees_the_way_out_is_the_committees_resumen(tmp_path, monkeypatch):
    for comite in ("API_Veracruz", "CEPCI_Sur"):
        shutil.copytree(DATOS, tmp_path / comite)
    monkeypatch.setenv("PAT_DATOS", str(tmp_path))
    app = presentar(comite="CEPCI_Sur", corte="2020-09-30", diapositiva="cambios")
    assert 'class="quien">CEPCI Sur · PAT 2020' in html_de(app)
    boton(app, "Salir de la presentación").click().run()
    assert not app.exception
    assert app.title[0].value == "Resumen del programa"
    assert app.query_params["comite"] == "CEPCI_Sur" and app.query_params["corte"] == "2020-09-30"
