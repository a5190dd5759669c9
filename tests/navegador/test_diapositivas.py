"""The presentation for the projector: every slide whole at four screen sizes, paged by keys.

Screenshots of every slide at every size are left in artefactos/diapositivas/
(git-ignored), to be looked at.
"""

from __future__ import annotations

import re
from datetime import date
import pytest
from playwright.sync_api import expect

from pat_core import cargar_umbrales, evaluar, fecha_corte_predeterminada
from pat_core import diapositivas as d
from pat_core.anio import cargar

from . import pasos

TAMANOS = [(1920, 1080), (1366, 768), (1280, 720), (1024, 768)]
LETRA_MINIMA_PX = 18
ABRIR = "Presentación para la sesión"


def _slugs() -> list[str]:
    umbrales, _ = cargar_umbrales(pasos.DATOS_INCLUIDOS)
    datos = cargar(pasos.DATOS_INCLUIDOS, pasos.ANIO, umbrales)
    evaluacion = evaluar(datos, fecha_corte_predeterminada(pasos.ANIO).date(), umbrales)
    return [diapositiva.slug for diapositiva in d.diapositivas(evaluacion)]


SLUGS = _slugs()


@pytest.fixture
def pagina_de(navegador, servidor, request):
    """A page of a given size, in a context of its own (closed at the end)."""
    abiertas = []

    def abrir(ancho: int, alto: int):
        contexto = pasos.nuevo_contexto(navegador, servidor)
        pagina = contexto.new_page()
        pagina.set_viewport_size({"width": ancho, "height": alto})
        abiertas.append(pagina)
        return pagina

    yield abrir
    for pagina in abiertas:
        pagina.context.close()


def test_cada_diapositiva_cabe_entera_en_cada_tamano(pagina_de):
    fallas = []
    for ancho, alto in TAMANOS:
        pagina = pagina_de(ancho, alto)
        pasos.abrir(pagina, f"/?proyector=1&{d.PARAMETRO}={SLUGS[0]}")
        for indice, slug in enumerate(SLUGS):
            if indice:
                pasos.avanzar_diapositiva(pagina, "PageDown", slug)
            pasos.sin_excepciones(pagina)
            medida = pasos.medir_diapositiva(pagina)
            ruta = pasos.captura(pagina, f"diapositivas/{ancho}x{alto}/{indice + 1:02d}_{slug}.png")
            assert pasos.tamano_png(ruta) == (ancho, alto)
            fallas += [f"{ancho}×{alto} {slug}: {falla}"
                       for falla in pasos.problemas_de_diapositiva(medida, LETRA_MINIMA_PX)]
    assert not fallas, "\n".join(fallas)


@pytest.mark.parametrize("ancho, alto", [(1366, 768), (1024, 768)])
def test_el_programa_con_una_meta_sin_casos_cabe(pagina_de, ancho, alto):
    """At 30/06/2020 indicator 3.2 had no cases: its card says so, inside the card."""
    pagina = pagina_de(ancho, alto)
    pasos.abrir(pagina, f"/?proyector=1&{d.PARAMETRO}=programa&corte=2020-06-30")
    medida = pasos.medir_diapositiva(pagina)
    pasos.captura(pagina, f"diapositivas/sin_casos/{ancho}x{alto}_programa.png")
    assert "metas cumplidas · 1 sin casos" in medida["texto"]
    assert not pasos.problemas_de_diapositiva(medida, LETRA_MINIMA_PX)


def test_las_teclas_pasan_todas_las_diapositivas_y_vuelven(pagina_de):
    pagina = pagina_de(1366, 768)
    pasos.abrir(pagina, "/?proyector=1")
    expect(pagina.locator(".diapo")).to_have_attribute("data-diapositiva", SLUGS[0])
    adelante = ["ArrowRight", "PageDown", " "]
    for indice, slug in enumerate(SLUGS[1:]):
        pasos.avanzar_diapositiva(pagina, adelante[indice % len(adelante)], slug)
        expect(pagina).to_have_url(re.compile(rf"[?&]{d.PARAMETRO}={re.escape(slug)}(&|$)"))
    pasos.avanzar_diapositiva(pagina, "PageDown", SLUGS[0])  # after the last, the first again
    pasos.avanzar_diapositiva(pagina, "PageUp", SLUGS[-1])
    pasos.avanzar_diapositiva(pagina, "ArrowLeft", SLUGS[-2])
    pasos.avanzar_diapositiva(pagina, "Home", SLUGS[0])
    pasos.avanzar_diapositiva(pagina, "End", SLUGS[-1])
    pasos.sin_excepciones(pagina)


def test_los_botones_pasan_las_diapositivas_y_salen(pagina_de):
    pagina = pagina_de(1024, 768)
    pasos.abrir(pagina, f"/?proyector=1&{d.PARAMETRO}={SLUGS[1]}")
    pasos.esperar_rerun(pagina, lambda: pagina.get_by_role("button", name=re.compile("▶$")).click())
    expect(pagina.locator(".diapo")).to_have_attribute("data-diapositiva", SLUGS[2])
    pasos.esperar_rerun(pagina, lambda: pagina.get_by_role("button", name=re.compile("^◀")).click())
    expect(pagina.locator(".diapo")).to_have_attribute("data-diapositiva", SLUGS[1])
    expect(pagina.locator(pasos.BARRA_LATERAL)).to_be_hidden()

    pasos.esperar_rerun(pagina, lambda: pasos.boton(pagina, "Salir de la presentación").click())
    pasos.sin_excepciones(pagina)
    expect(pagina.locator(pasos.BARRA_LATERAL)).to_be_visible()
    expect(pagina).not_to_have_url(re.compile(r"proyector=|diapositiva="))
    expect(pasos.titulo(pagina)).to_have_text("Resumen del programa")


@pytest.mark.parametrize("slug", SLUGS)
def test_la_direccion_de_cada_diapositiva_la_abre(pagina, slug):
    pasos.abrir(pagina, f"/?proyector=1&{d.PARAMETRO}={slug}")
    pasos.sin_excepciones(pagina)
    expect(pagina.locator(".diapo")).to_have_attribute("data-diapositiva", slug)


def test_una_pagina_con_proyector_abre_la_presentacion(pagina):
    pasos.abrir(pagina, "/secciones?seccion=III&proyector=1")
    pasos.sin_excepciones(pagina)
    expect(pagina.locator(".diapo")).to_have_attribute("data-diapositiva", SLUGS[0])
    expect(pagina.locator(pasos.BARRA_LATERAL)).to_be_hidden()


def test_el_boton_de_la_barra_lateral_abre_la_presentacion_al_mismo_corte(pagina):
    pasos.abrir(pagina, "/sesion?corte=2020-09-30")
    pasos.esperar_rerun(pagina, lambda: pagina.locator(pasos.BARRA_LATERAL).get_by_role(
        "button", name=ABRIR).click())
    pasos.esperar_fin(pagina)
    expect(pagina.locator(".diapo")).to_have_attribute("data-diapositiva", SLUGS[0])
    expect(pagina).to_have_url(re.compile(r"[?&]proyector=1(&|$)"))
    expect(pagina.locator(".corte")).to_contain_text("30/09/2020")


def test_el_corte_de_la_direccion_sigue_en_cada_diapositiva_y_al_salir(pagina_de):
    pagina = pagina_de(1366, 768)
    pasos.abrir(pagina, "/?proyector=1&corte=2020-09-30")
    for slug in [*SLUGS[1:], SLUGS[0]]:
        pasos.avanzar_diapositiva(pagina, "PageDown", slug)
        expect(pagina.locator(".corte")).to_contain_text("30/09/2020")
        expect(pagina).to_have_url(re.compile(r"[?&]corte=2020-09-30(&|$)"))
    pasos.esperar_rerun(pagina, lambda: pasos.boton(pagina, "Salir de la presentación").click())
    pasos.sin_excepciones(pagina)
    expect(pasos.titulo(pagina)).to_have_text("Resumen del programa")
    expect(pagina).to_have_url(re.compile(r"[?&]corte=2020-09-30(&|$)"))
    expect(pagina).not_to_have_url(re.compile(r"proyector=|diapositiva="))
    assert pasos.fecha_de_corte(pagina) == "2020-09-30"



class TestMuchasFilas:
    """Every activity overdue, with names of 500 characters and more: the slides still fit,
    showing the most urgent ones and how many more there are."""

    @staticmethod
    def preparar(carpeta):
        pasos.alargar_y_vencer_actividades(carpeta, date(2020, 3, 31), "con un texto largo " * 12)
        pasos.sumar_riesgos_largos(carpeta, 11, "con un texto largo " * 6)

    def test_cada_diapositiva_cabe_con_muchas_filas_largas(self, navegador, tmp_path):
        datos = pasos.copiar_datos(tmp_path / "datos")
        self.preparar(datos)
        fallas = []
        with pasos.Servidor(datos, tmp_path / "streamlit.log") as servidor:
            contexto = pasos.nuevo_contexto(navegador, servidor)
            try:
                for ancho, alto in TAMANOS:
                    pagina = contexto.new_page()
                    pagina.set_viewport_size({"width": ancho, "height": alto})
                    pasos.abrir(pagina, f"/?proyector=1&{d.PARAMETRO}={SLUGS[0]}")
                    for indice, slug in enumerate(SLUGS):
                        if indice:
                            pasos.avanzar_diapositiva(pagina, "PageDown", slug)
                        pasos.sin_excepciones(pagina)
                        pasos.captura(pagina, f"diapositivas/muchas_filas/{ancho}x{alto}/"
                                              f"{indice + 1:02d}_{slug}.png")
                        fallas += [f"{ancho}×{alto} {slug}: {falla}" for falla in
                                   pasos.problemas_de_diapositiva(pasos.medir_diapositiva(pagina),
                                                                  LETRA_MINIMA_PX)]
                    pagina.close()
            finally:
                contexto.close()
        assert not fallas, "\n".join(fallas)
