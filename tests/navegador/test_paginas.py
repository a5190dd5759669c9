"""Every page opens in Chromium; sections by address. The presentation: test_diapositivas.py."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from . import pasos

PAGINAS = [
    ("/", "Resumen del programa"),
    ("/resumen", "Resumen del programa"),  # the first page also by its name (a bookmark)
    ("/sesion", "Sesión del comité"),
    ("/secciones", "Sección I. Capacitación y sensibilización"),
    ("/actividades", "Actividades"),
    ("/evidencias", "Evidencias"),
    ("/calidad", "Calidad de datos"),
]
NAVEGACION = ["Resumen", "Sesión", "Secciones", "Actividades", "Evidencias", "Calidad de datos"]


@pytest.mark.parametrize("ruta,titulo", PAGINAS, ids=[r for r, _ in PAGINAS])
def test_cada_pagina_abre_sin_excepcion_y_con_su_titulo(pagina, ruta, titulo):
    pasos.abrir(pagina, ruta)
    pasos.sin_excepciones(pagina)
    expect(pasos.titulo(pagina)).to_have_text(titulo)
    expect(pagina.locator(pasos.BARRA_LATERAL)).to_be_visible()
    expect(pagina.get_by_test_id("stSidebarNavLink")).to_contain_text(NAVEGACION)


def test_resumen_muestra_las_cifras_al_corte_predeterminado(pagina):
    pasos.abrir(pagina, "/")
    assert pasos.fecha_de_corte(pagina) == pasos.CORTE_PREDETERMINADO
    assert pasos.texto_de_metrica(pagina, "Metas cumplidas") == "7 de 10"
    assert pasos.texto_de_metrica(pagina, "Actividades concluidas") == "19 de 22"
    assert pasos.texto_de_metrica(pagina, "En rojo") == "3"
    for subtitulo in ("Cumplimiento de cada meta", "Avance por sección",
                      "Riesgo de no cumplir el plazo"):
        expect(pagina.get_by_role("heading", name=subtitulo)).to_be_visible()
    dibujadas = pagina.locator(pasos.GRAFICA).filter(has=pagina.locator(".main-svg"))
    assert dibujadas.count() >= 3


def test_la_direccion_elige_la_seccion(pagina):
    pasos.abrir(pagina, "/secciones?seccion=III")
    pasos.sin_excepciones(pagina)
    expect(pasos.titulo(pagina)).to_have_text(re.compile(r"^Sección III\. Atención a denuncias"))
    expect(pagina).to_have_url(re.compile(r"/secciones\?(.*&)?seccion=III(&|$)"))
    selector = pagina.get_by_role("radiogroup", name="Sección")
    expect(selector.get_by_role("radio", checked=True)).to_have_text(re.compile(r"^III\. "))

    # And the other way round: choosing a section writes it in the address.
    pasos.esperar_rerun(pagina, lambda: selector.get_by_role(
        "radio", name=re.compile(r"^IV\. ")).click())
    expect(pasos.titulo(pagina)).to_have_text(re.compile(r"^Sección IV\. "))
    expect(pagina).to_have_url(re.compile(r"[?&]seccion=IV(&|$)"))
    pasos.sin_excepciones(pagina)


# --- bugs these tests found, fixed: they stay as regression tests ----------

def test_un_enlace_directo_abre_en_un_servidor_recien_iniciado(navegador, tmp_path):
    datos = pasos.copiar_datos(tmp_path / "datos")
    with pasos.Servidor(datos, tmp_path / "streamlit.log") as servidor:  # no warm-up
        pagina = pasos.nueva_pagina(navegador, servidor)
        try:
            pasos.abrir(pagina, "/secciones?seccion=III")
            pasos.sin_excepciones(pagina)
            expect(pasos.titulo(pagina)).to_have_text(re.compile(r"^Sección III\. "),
                                                      timeout=5_000)
        finally:
            pagina.context.close()


def test_la_primera_pagina_por_su_nombre_no_es_una_pagina_desconocida(pagina):
    """/resumen is the page served at / (a bookmark): Streamlit would say «Page not found»."""
    pasos.abrir(pagina, "/resumen?corte=2020-06-30")
    pasos.sin_excepciones(pagina)
    expect(pasos.titulo(pagina)).to_have_text("Resumen del programa")
    expect(pagina.get_by_text("Page not found")).to_have_count(0)
    assert pasos.fecha_de_corte(pagina) == "2020-06-30"


def test_una_direccion_sin_pagina_lo_dice_en_espanol_y_lleva_al_inicio(pagina):
    pasos.abrir(pagina, "/informe?corte=2020-06-30")
    pasos.sin_excepciones(pagina)
    expect(pasos.titulo(pagina)).to_have_text("Página no encontrada")
    expect(pagina.get_by_test_id("stAlert")).to_contain_text(
        "La dirección «/informe» no corresponde a ninguna página del tablero")
    expect(pagina.get_by_text("Page not found")).to_have_count(0)  # Streamlit's English dialog
    expect(pagina.get_by_test_id("stSidebarNavLink")).to_contain_text(NAVEGACION)
    pasos.esperar_rerun(pagina, lambda: pagina.get_by_role("link", name="Ir a «Resumen»").click())
    expect(pasos.titulo(pagina)).to_have_text("Resumen del programa")
    assert pasos.fecha_de_corte(pagina) == "2020-06-30"


def test_la_pagina_esta_en_espanol_para_el_navegador_y_el_teclado(pagina):
    """The document says «es» (no offer to translate it; screen readers read Spanish), and
    Streamlit's keyboard link to the content, the first thing Tab reaches, is in Spanish."""
    pasos.abrir(pagina, "/")
    expect(pagina.locator("html")).to_have_attribute("lang", "es")
    pagina.keyboard.press("Tab")
    expect(pagina.locator(":focus")).to_have_text("Ir al contenido principal")
    pasos.esperar_rerun(pagina, lambda: pagina.get_by_role("navigation", name="App pages")
                        .get_by_role("link", name="Actividades", exact=True).click())
    expect(pagina.get_by_test_id("stSkipToContent")).to_have_text("Ir al contenido principal")
