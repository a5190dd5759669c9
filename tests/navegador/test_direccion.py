"""The address holds what a page shows: the cut-off survives every page change, the month
buttons and the Consolidado's «Abrir …»; a shared link gives the same CSV as the page it came from.

Its own server, on a data folder of two committees (the Consolidado's drill-down needs them).
"""

from __future__ import annotations

import re
import shutil

from playwright.sync_api import expect

from . import pasos

CORTE = "2020-09-30"
COMITES = ("API_Coatzacoalcos", "API_Veracruz")
PAGINAS = ["Resumen", "Sesión", "Secciones", "Actividades", "Evidencias", "Calidad de datos",
           "Consolidado", "Resumen"]
BOTON_CSV = "Descargar CSV para el acta"


def preparar_datos(carpeta):
    """Called by the ``servidor_propio`` fixture: the shipped workbooks, once per committee."""
    libros = [ruta for ruta in carpeta.iterdir() if ruta.is_file()]
    for comite in COMITES:
        (carpeta / comite).mkdir()
        for libro in libros:
            shutil.copy2(libro, carpeta / comite / libro.name)
    for libro in libros:
        libro.unlink()


def _al_corte(pagina, corte: str = CORTE) -> None:
    """The sidebar, the page's own note and the address all at ``corte``."""
    expect(pagina).to_have_url(re.compile(rf"[?&]corte={corte}(&|$)"))
    assert pasos.fecha_de_corte(pagina) == corte
    dia, mes = int(corte[8:]), {"03": "marzo", "09": "septiembre"}[corte[5:7]]
    expect(pagina.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first).to_contain_text(
        f"corte al {dia} de {mes} de 2020")


def _ir(pagina, enlace: str) -> None:
    pasos.esperar_rerun(pagina, lambda: pagina.get_by_role("navigation", name="App pages")
                        .get_by_role("link", name=enlace, exact=True).click())


def _sin_aviso_de_session_state(servidor) -> None:
    assert "Session State API" not in servidor.registro(ultimos=1_000_000)


def test_el_corte_sobrevive_a_cada_cambio_de_pagina_y_a_los_meses(pagina_propia, servidor_propio):
    pagina = pagina_propia
    pasos.abrir(pagina, f"/resumen?corte={CORTE}")
    pasos.sin_excepciones(pagina)
    _al_corte(pagina)
    for enlace in PAGINAS:
        _ir(pagina, enlace)
        pasos.sin_excepciones(pagina)
        if enlace != "Consolidado":  # the roll-up names no single committee's note
            _al_corte(pagina)
        else:
            expect(pagina).to_have_url(re.compile(rf"[?&]corte={CORTE}(&|$)"))
            assert pasos.fecha_de_corte(pagina) == CORTE
    # a month button sets the cut-off to that month's end, and the next page keeps it
    barra = pagina.get_by_test_id("stSidebar")
    pasos.esperar_rerun(pagina, lambda: barra.get_by_role("radio", name="mar", exact=True).click())
    _al_corte(pagina, "2020-03-31")
    _ir(pagina, "Actividades")
    _al_corte(pagina, "2020-03-31")
    _sin_aviso_de_session_state(servidor_propio)


def test_abrir_un_comite_desde_el_consolidado_conserva_el_corte(pagina_propia, servidor_propio):
    pagina = pagina_propia
    pasos.abrir(pagina, f"/?corte={CORTE}")
    expect(pasos.titulo(pagina)).to_have_text("Consolidado de comités")
    tabla = pagina.get_by_test_id("stDataFrame").first
    tabla.scroll_into_view_if_needed()
    caja = tabla.bounding_box()
    # the second row's selection box, in the grid's first (row marker) column
    pasos.esperar_rerun(pagina, lambda: pagina.mouse.click(caja["x"] + 12, caja["y"] + 35 * 2 + 17))
    boton = pasos.boton(pagina, "Abrir API Veracruz")
    expect(boton).to_be_visible()
    pasos.esperar_rerun(pagina, boton.click)
    pasos.sin_excepciones(pagina)
    expect(pasos.titulo(pagina)).to_have_text("Resumen del programa")
    expect(pagina.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first).to_contain_text(
        "API Veracruz · PAT 2020")
    expect(pagina).to_have_url(re.compile(r"[?&]comite=API_Veracruz(&|$)"))
    _al_corte(pagina)
    _sin_aviso_de_session_state(servidor_propio)


def test_un_enlace_compartido_descarga_el_mismo_csv(navegador, pagina, servidor):
    pasos.abrir(pagina, f"/actividades?corte={CORTE}")
    pasos.elegir_en_multiselect(pagina, "Semáforo", "✖ Rojo")
    expect(pagina).to_have_url(re.compile(r"[?&]semaforo=Rojo(&|$)"))
    enviado, nombre = pasos.descargar(pagina, BOTON_CSV)
    conteo = pagina.get_by_text(re.compile(r"^Se muestran \d+ de 22 actividades\.$")).inner_text()
    enlace = pagina.url

    otra = pasos.nueva_pagina(navegador, servidor)  # another browser: a session of its own
    try:
        pasos.abrir(otra, enlace)
        pasos.sin_excepciones(otra)
        expect(otra.get_by_text(conteo, exact=True)).to_be_visible()
        recibido, nombre_recibido = pasos.descargar(otra, BOTON_CSV)
    finally:
        otra.context.close()
    assert (recibido, nombre_recibido) == (enviado, nombre)
    assert nombre == f"actividades_2020_corte_{CORTE}.csv"
    assert enviado == pasos.csv_de_la_cli(servidor.datos, "actividades", "--anio", "2020",
                                          "--corte", CORTE, "--semaforo", "Rojo")


def test_un_valor_invalido_en_la_direccion_se_dice_en_espanol(pagina):
    pasos.abrir(pagina, "/?corte=2020-13-45&anio=1999")
    pasos.sin_excepciones(pagina)
    avisos = pagina.get_by_test_id("stAlertContentWarning")
    expect(avisos.filter(has_text="corte=2020-13-45")).to_have_count(1)
    expect(avisos.filter(has_text="anio=1999")).to_have_count(1)
    expect(pasos.titulo(pagina)).to_have_text("Resumen del programa")
    assert pasos.fecha_de_corte(pagina) == pasos.CORTE_PREDETERMINADO
