"""Workbook text reaches the screen as typed: never run as HTML, never read as markdown.

A server of its own, on a copy of data/ whose activity 1.1.1 is named with a
script tag, markdown and HTML.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from . import pasos

TEXTO = "<script>window.__xss=1</script> **negrita** <b>x</b>"


SECCION = 'Capacitación "básica" & <i>más</i>, ver https://x.org o www.x.org'
"""Section I's name: quotes, an ampersand, markup and addresses, all to be shown as typed."""


def preparar_datos(carpeta):
    """Called by the ``servidor_propio`` fixture before the server starts."""
    pasos.cambiar_actividad(carpeta, "1.1.1", TEXTO)
    pasos.cambiar_seccion(carpeta, "I", SECCION)


def _visible(texto: str) -> str:
    """Text as read on screen: U+2060, the invisible joiner that keeps markdown from linking
    addresses, is not seen."""
    return texto.replace("\u2060", "")


def _nada_se_ejecuto(pagina) -> None:
    assert pagina.evaluate("typeof window.__xss") == "undefined"
    assert pagina.evaluate(
        "Array.from(document.scripts).filter(s => s.textContent.includes('__xss')).length") == 0
    # The <b> and the ** were not turned into bold anywhere in the app.
    principal = pagina.get_by_test_id("stMain")
    expect(principal.locator("b", has_text=re.compile(r"^x$"))).to_have_count(0)
    expect(principal.locator("strong", has_text="negrita")).to_have_count(0)


def _celda_con_el_texto(pagina, tabla):
    """The dataframe's cell holding TEXTO, in glide-data-grid's accessible table.

    The grid is drawn on a canvas; its offscreen table (role=grid) carries the
    text of the rows on screen, so the table is scrolled into view first.
    """
    tabla.scroll_into_view_if_needed()
    return tabla.locator('[role="gridcell"]').filter(has_text="<script>").first


def test_actividades_muestra_el_texto_tal_cual(pagina_propia):
    pagina = pagina_propia
    pasos.abrir(pagina, "/actividades")
    pasos.sin_excepciones(pagina)

    celda = _celda_con_el_texto(pagina, pagina.get_by_test_id("stDataFrame").first)
    expect(celda).to_have_text(TEXTO)
    _nada_se_ejecuto(pagina)


def test_secciones_muestra_el_texto_tal_cual_en_la_tabla_y_en_la_grafica(pagina_propia):
    pagina = pagina_propia
    pasos.abrir(pagina, "/secciones?seccion=I")
    pasos.sin_excepciones(pagina)

    # The section's table of activities: whichever dataframe has the activity's row.
    tablas = pagina.get_by_test_id("stDataFrame")
    for indice in range(tablas.count()):
        tablas.nth(indice).scroll_into_view_if_needed()
    expect(tablas.locator('[role="gridcell"]').filter(has_text="<script>").first).to_have_text(TEXTO)

    # The schedule (the chart with a bar per activity key) and its hover label:
    # Plotly reads hover text as HTML-like markup, so the app must escape it.
    cronograma = pagina.get_by_test_id("stPlotlyChart").filter(
        has=pagina.locator("g.ytick", has_text="1.1.1"))
    cronograma.scroll_into_view_if_needed()
    etiqueta = cronograma.locator(".hoverlayer")
    barras = cronograma.locator("g.point")
    expect(barras.first).to_be_attached()
    vistas = []
    for indice in range(barras.count()):
        pagina.mouse.move(1, 1)  # off the chart: the previous label goes
        expect(etiqueta).to_have_text("")
        caja = barras.nth(indice).bounding_box()
        pagina.mouse.move(caja["x"] + caja["width"] / 2, caja["y"] + caja["height"] / 2)
        expect(etiqueta).not_to_have_text("")
        vistas.append(etiqueta.text_content())
        if "1.1.1" in vistas[-1]:
            break
    ayuda = next((v for v in vistas if v.startswith("1.1.1")), None)
    assert ayuda is not None, vistas
    assert ayuda.startswith(f"1.1.1 {TEXTO}"), ayuda
    _nada_se_ejecuto(pagina)


def test_las_demas_paginas_no_ejecutan_el_texto(pagina_propia):
    pagina = pagina_propia
    for ruta in ("/", "/sesion", "/evidencias", "/calidad", "/?proyector=1"):
        pasos.abrir(pagina, ruta)
        pasos.sin_excepciones(pagina)
        _nada_se_ejecuto(pagina)


def test_un_nombre_con_direcciones_y_comillas_se_ve_tal_cual_y_sin_enlaces(pagina_propia):
    pagina = pagina_propia
    pasos.abrir(pagina, "/secciones?seccion=I")
    pasos.sin_excepciones(pagina)
    principal = pagina.get_by_test_id("stMain")
    assert _visible(pasos.titulo(pagina).inner_text()) == f"Sección I. {SECCION}"
    # no live link to the addresses, in the title or anywhere else on the page
    expect(principal.locator('a[href*="x.org"]')).to_have_count(0)
    selector = pagina.get_by_role("radiogroup", name="Sección")
    assert _visible(selector.get_by_role("radio", checked=True).inner_text()) == f"I. {SECCION}"

    # the charts: quotes and & as typed (no &quot; or &amp;), the markup as text
    pasos.abrir(pagina, "/")
    grafica = pagina.locator(pasos.GRAFICA).filter(has=pagina.locator("g.ytick", has_text="básica"))
    # the name wraps onto several lines (tspans): compared without the spaces it breaks at
    lineas = grafica.locator("g.ytick", has_text=re.compile(r"^I\. ")).locator("tspan")
    etiqueta = "".join(lineas.all_text_contents()).replace(" ", "")
    assert etiqueta == f"I. {SECCION}".replace(" ", ""), etiqueta
    for texto in principal.locator(".main-svg").all_text_contents():
        assert "&quot;" not in texto and "&amp;" not in texto and "&#" not in texto, texto
    expect(grafica.locator('tspan[style*="italic"]')).to_have_count(0)
    _nada_se_ejecuto(pagina)
