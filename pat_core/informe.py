"""The meeting pack: one file for the minutes, as HTML or PDF.

In the order of the projected slides: the programme (cards, every target against
its meta with pace and projection, progress by section); one page per section
(its targets, its activities as a timeline and a list); overdue and red
activities and the changes since the last session; the plan's risks with their
activities overdue or red; upcoming deadlines and the register of minutes; a last
page for the signatures of those present. The cover names the committee and the
session served, the cut-off and when each workbook was last modified.

The HTML is self-contained (plotly inline); the PDF is that HTML printed by the
Chromium installed on the machine. The paper, the margins and what every printed
page carries in its margins (the committee, the session, «Página N de M») are CSS
``@page`` rules, so the HTML printed from a browser gives the same pages.
"""

from __future__ import annotations

import html
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import diapositivas, graficas
from . import presentacion as p
from . import vocabulario as v
from .calculo import Evaluacion, cifras, vencida_o_en_rojo
from .cambios import cambios
from .anio import DatosAnio
from .plazos import calendario_sesiones, proximos_vencimientos, revisar_actas, titulo_actas
from .proyeccion import proyectar
from .riesgos import tabla_riesgos
from .reglas import A4, CARTA, Umbrales

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTOS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                       "--disable-background-networking", "--disable-component-update",
                       "--disable-sync", "--no-first-run"]
ESCALA = 0.8

PAPEL_MM = {CARTA: (215.9, 279.4), A4: (210, 297)}  # width, height
MARGEN_MM = {"arriba": 16, "abajo": 15, "lados": 14}
FILAS_TABLA_CORTA = 12  # a table this short is kept whole on one page with its heading
FILAS_FIRMAS = 12

# A section's timeline is printed only if the section then fits its page; without it, if
# that is what it takes. Measured in the print layout (body as wide as the page's text).
QUITAR_LO_QUE_NO_CABE = """() => {
  const alto = parseFloat(document.body.dataset.altoMm) * 96 / 25.4;
  for (const seccion of document.querySelectorAll('section.seccion')) {
    const total = seccion.getBoundingClientRect().height;
    const opcional = seccion.querySelector('.si-cabe');
    if (opcional && total > alto && total - opcional.getBoundingClientRect().height <= alto) {
      opcional.remove();
    }
  }
}"""

ESTILO = """
body { font-family: "Source Sans Pro", Arial, sans-serif; color: #111; margin: 0; font-size: 10.5pt; }
h1 { font-size: 20pt; margin: 0.2rem 0 0.3rem; }
h2 { font-size: 14pt; border-bottom: 2px solid #0B3D91; padding-bottom: 0.15rem; margin: 0.9rem 0 0.4rem; }
h3 { font-size: 11.5pt; margin: 0.7rem 0 0.3rem; }
.pagina { break-before: page; }
.comite { font-size: 14pt; font-weight: bold; color: #0B3D91; margin: 0; }
.sesion { font-size: 13pt; margin: 0 0 0.4rem; }
.nota { color: #444; font-size: 9.5pt; margin: 0.2rem 0; }
.tarjetas { display: flex; gap: 0.5rem; margin: 0.5rem 0; }
.tarjeta { flex: 1; border: 2px solid #ccc; border-radius: 0.4rem; padding: 0.3rem 0.6rem; }
.tarjeta b { display: block; font-size: 15pt; }
.tarjeta small { color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0.3rem 0 0.6rem; }
th, td { border: 1px solid #bbb; padding: 0.15rem 0.3rem; text-align: left; vertical-align: top; }
th { background: #EEF2F7; }
td.numero { text-align: right; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tbody tr:first-child { break-after: avoid; }
tbody tr:last-child { break-before: avoid; }
.junto, .grafica { break-inside: avoid; }
.grafica { width: 181mm; }  /* plotly draws at this width, the same on screen and paper */
h2, h3 { break-after: avoid; }
table.firmas { font-size: 10.5pt; }
table.firmas td { height: 15mm; }
table.firmas th:first-child { width: 2.2rem; }
table.firmas th:nth-child(2) { width: 38%; }
table.firmas th:nth-child(3) { width: 28%; }
@media screen {
  body { max-width: 188mm; margin: 1rem auto; padding: 0 1rem; }  /* as wide as the paper's text */
  .pagina { border-top: 4px double #999; margin-top: 2rem; padding-top: 0.5rem; }
}
"""


@dataclass(frozen=True)
class Sesion:
    """What the pack is about: the programme at the cut-off, and at the date compared with."""

    datos: DatosAnio
    evaluacion: Evaluacion
    anterior: Evaluacion
    umbrales: Umbrales

    @property
    def comite(self) -> str:
        """The committee's name (:func:`pat_core.presentacion.nombre_comite`)."""
        return p.nombre_comite(self.datos.carpeta, self.umbrales)


def sesion_servida(datos: DatosAnio, corte: pd.Timestamp) -> pd.Series | None:
    """The session the pack is for: the one held on the cut-off date, else the next one
    in the ``Sesiones`` sheet; None when there is none."""
    sesiones = datos.sesiones[datos.sesiones[v.FECHA] >= pd.Timestamp(corte).normalize()]
    return None if sesiones.empty else sesiones.sort_values(v.FECHA).iloc[0]


def sesion_texto(sesion: Sesion, larga: bool = False) -> str | None:
    """«sesión ordinaria del 27/11/2020» (with ``larga``, «… del 27 de noviembre de 2020»)
    for the session served; None when none is held on or after the cut-off."""
    servida = sesion_servida(sesion.datos, sesion.evaluacion.corte)
    if servida is None:
        return None
    tipo = servida[v.TIPO] if servida[v.TIPO] in v.TIPOS_SESION else ""
    dia = p.fecha_larga(servida[v.FECHA]) if larga else p.fecha(servida[v.FECHA])
    return " ".join(f"sesión {tipo} del {dia}".split())


def html_informe(sesion: Sesion) -> str:
    """The pack, in the order of the slides (:data:`diapositivas.ORDEN`), between the cover
    and the signatures; each part starts a page, except the risks and the deadlines, which
    follow the changes."""
    indicadores = proyectar(sesion.datos, sesion.evaluacion)
    partes = [_portada(sesion)]
    partes += [_PARTES[tipo][0](sesion, indicadores) for tipo in diapositivas.ORDEN]
    partes.append(_pagina_firmas(sesion))
    nombre = sesion.comite
    titulo = html.escape(f"{nombre}: informe del PAT {sesion.datos.anio} al "
                         f"{p.fecha(sesion.evaluacion.corte)}")
    return (f'<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>{titulo}</title>'
            f"<style>{_estilo_pagina(sesion)}{ESTILO}</style></head>"
            f'<body data-alto-mm="{_alto_util_mm(sesion):g}">{"".join(partes)}</body></html>')


def _estilo_pagina(sesion: Sesion) -> str:
    """Paper, margins and the margin boxes of every printed page: the committee and the
    programme at the top, the session and «Página N de M» at the bottom."""
    programa = f"PAT {sesion.datos.anio} · corte al {p.fecha(sesion.evaluacion.corte)}"
    ancho, alto = PAPEL_MM[sesion.umbrales.papel]
    return (
        f"@media print {{ body {{ width: {ancho - 2 * MARGEN_MM['lados']:g}mm; }} }}"
        f"@page {{ size: {ancho:g}mm {alto:g}mm; margin: {MARGEN_MM['arriba']}mm "
        f"{MARGEN_MM['lados']}mm {MARGEN_MM['abajo']}mm;"
        " font-family: Arial, sans-serif; font-size: 8pt; color: #444;"
        f" @top-left {{ content: {_cadena_css(sesion.comite)}; }}"
        f" @top-right {{ content: {_cadena_css(programa)}; }}"
        f" @bottom-left {{ content: {_cadena_css(_al_pie(sesion))}; }}"
        ' @bottom-right { content: "Página " counter(page) " de " counter(pages); } }\n'
    )


def _al_pie(sesion: Sesion) -> str:
    servida = sesion_texto(sesion)
    return _mayuscula(servida) if servida else f"Corte al {p.fecha(sesion.evaluacion.corte)}"


def _mayuscula(texto: str) -> str:
    return texto[:1].upper() + texto[1:]


def _alto_util_mm(sesion: Sesion) -> float:
    """The height of a printed page's text, between its margins."""
    return PAPEL_MM[sesion.umbrales.papel][1] - MARGEN_MM["arriba"] - MARGEN_MM["abajo"]


def _cadena_css(texto: str) -> str:
    """A CSS string holding exactly ``texto``: anything but a letter or digit is written as
    a six-digit hex escape, so no quote, backslash or «</style>» can end it. Spaces too:
    CSS takes the space after an escape as its end."""
    return '"' + "".join(c if c.isalnum() else f"\\{ord(c):06x}" for c in texto) + '"'


def html_bytes(sesion: Sesion) -> bytes:
    return html_informe(sesion).encode("utf-8")


def pdf_informe(sesion: Sesion) -> bytes:
    return a_pdf(html_informe(sesion))


def pdf_disponible() -> bool:
    return CHROMIUM.exists()


def archivo_informe(sesion: Sesion, salida: Path) -> bytes:
    """The pack as the bytes of the file ``salida``: ``.pdf`` needs Chromium, anything
    else is HTML. Written by :func:`pat_core.exportar.escribir_archivo`."""
    return pdf_informe(sesion) if Path(salida).suffix.lower() == ".pdf" else html_bytes(sesion)


class SinChromium(RuntimeError):
    """PDF asked for where there is no Chromium to print it."""


def a_pdf(contenido_html: str) -> bytes:
    """Print the HTML with Chromium, once plotly has drawn every chart.

    Playwright's synchronous API refuses a thread that already runs an asyncio loop
    (a server, another Playwright): it gets a thread of its own.
    """
    if not pdf_disponible():
        raise SinChromium(
            f"para el PDF se necesita Chromium en {CHROMIUM} (apt-get install -y chromium); "
            "pida el informe en .html, que se abre en cualquier navegador.")
    with ThreadPoolExecutor(max_workers=1) as hilo:
        return hilo.submit(_imprimir, contenido_html).result()


def _imprimir(contenido_html: str) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        navegador = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                               args=ARGUMENTOS_CHROMIUM)
        try:
            pagina = navegador.new_page()
            pagina.set_content(contenido_html, wait_until="load")
            pagina.wait_for_function(
                "() => [...document.querySelectorAll('.plotly-graph-div')]"
                ".every(d => d.querySelector('.main-svg'))", timeout=60_000)
            pagina.emulate_media(media="print")
            pagina.evaluate(QUITAR_LO_QUE_NO_CABE)
            return pagina.pdf(prefer_css_page_size=True, print_background=True)
        finally:
            navegador.close()


def _portada(sesion: Sesion) -> str:
    ev = sesion.evaluacion
    archivos = "; ".join(
        f"{html.escape(ruta.name)}, modificado el {_modificado(ruta)}" for ruta in sesion.datos.archivos
    )
    servida = sesion_texto(sesion, larga=True)
    para = f"Informe para la {servida}" if servida else f"Informe al corte del {p.fecha(ev.corte)}"
    return (
        f'<p class="comite">{html.escape(sesion.comite)}</p>'
        f"<h1>Programa Anual de Trabajo {sesion.datos.anio}</h1>"
        f'<p class="sesion">{para}</p>'
        f'<p class="nota">Cifras al corte del {p.fecha_larga(ev.corte)}; cambios desde el '
        f"{p.fecha(sesion.anterior.corte)}. Elaborado el {datetime.now():%d/%m/%Y a las %H:%M}.</p>"
        f'<p class="nota">Datos leídos: {archivos}.</p>'
        '<p class="nota">Contenido, en el orden de la presentación: '
        + "; ".join(_PARTES[tipo][1] for tipo in diapositivas.ORDEN)
        + "; firmas de los asistentes.</p>"
    )


def _programa(sesion: Sesion, indicadores: pd.DataFrame) -> str:
    """Cards and every target against its meta under the cover; the targets' table and
    the progress by section on the next page."""
    ev = sesion.evaluacion
    return (
        "<h2>El programa al corte</h2>"
        + _tarjetas(ev, sesion.anterior)
        + _figura(graficas.cumplimiento_indicadores(indicadores, ESCALA), incluir_plotly=True)
        + '<section class="pagina">'
        + _con_titulo("h2", "Metas del programa", _tabla_indicadores(indicadores), len(indicadores))
        + '<div class="junto"><h3>Avance por sección</h3>'
        + _figura(graficas.avance_secciones(ev.secciones, ESCALA)) + "</div></section>"
    )


def _cambios(sesion: Sesion, _indicadores: pd.DataFrame) -> str:
    ev = sesion.evaluacion
    vencidas_o_rojas = ev.actividades[vencida_o_en_rojo(ev.actividades)]
    return ('<section class="pagina">'
            + _con_titulo("h2", "Actividades vencidas y en rojo", _tabla_actividades(vencidas_o_rojas),
                          len(vencidas_o_rojas))
            + _con_titulo("h2", f"Cambios desde el {p.fecha(sesion.anterior.corte)}",
                          *_tabla_y_filas(cambios(sesion.datos, sesion.anterior, ev)))
            + "</section>")


def _plazos(sesion: Sesion, _indicadores: pd.DataFrame) -> str:
    ev = sesion.evaluacion
    return ("<section>"
            + _con_titulo("h2", f"Próximos vencimientos ({sesion.umbrales.dias_habiles_proximos} "
                          "días hábiles)",
                          *_tabla_y_filas(proximos_vencimientos(sesion.datos, ev, sesion.umbrales)))
            + _con_titulo("h2", titulo_actas(sesion.umbrales),
                          *_tabla_y_filas(revisar_actas(sesion.datos, ev.corte, sesion.umbrales)))
            + _calendario(sesion)
            + "</section>")


def _riesgos(sesion: Sesion, _indicadores: pd.DataFrame) -> str:
    return ("<section>" + _con_titulo("h2", "Riesgos del programa",
                                      *_tabla_y_filas(tabla_riesgos(sesion.evaluacion)))
            + "</section>")


def _calendario(sesion: Sesion) -> str:
    """«Sesiones ordinarias: N de M», and the planned sessions not held by their date."""
    ordinarias, no_celebradas = calendario_sesiones(sesion.datos, sesion.evaluacion.corte,
                                                    sesion.umbrales)
    cuerpo = f'<p class="sesion">{html.escape(ordinarias)}</p>'
    if no_celebradas is not None:
        cuerpo += _con_titulo("h3", "Sesiones programadas no celebradas en su fecha",
                              *_tabla_y_filas(no_celebradas))
    return f'<div class="junto"><h2>Calendario de sesiones</h2>{cuerpo}</div>'


def _tabla_y_filas(marco: pd.DataFrame) -> tuple[str, int]:
    return _tabla(marco), len(marco)


def _secciones(sesion: Sesion, indicadores: pd.DataFrame) -> str:
    return "".join(_pagina_seccion(sesion, indicadores, seccion)
                   for _, seccion in sesion.evaluacion.secciones.iterrows())


def _modificado(ruta: Path) -> str:
    try:
        return f"{datetime.fromtimestamp(ruta.stat().st_mtime):%d/%m/%Y a las %H:%M}"
    except OSError:
        return "(no encontrado)"


def _tarjetas(ahora: Evaluacion, antes: Evaluacion) -> str:
    previas = cifras(antes)
    tarjetas = []
    for nombre, actual in cifras(ahora).items():
        cambio = actual.valor - previas[nombre].valor
        delta = f"{cambio:+d} desde el {p.fecha(antes.corte)}" if cambio else "sin cambio"
        tarjetas.append(f'<div class="tarjeta">{p.con_sin_casos(nombre, actual)}'
                        f"<b>{p.numero_de_tarjeta(actual)}</b><small>{delta}</small></div>")
    return f'<div class="tarjetas">{"".join(tarjetas)}</div>'


def _figura(figura: go.Figure, incluir_plotly: bool = False, clase: str = "grafica") -> str:
    cuerpo = figura.to_html(full_html=False, include_plotlyjs="inline" if incluir_plotly else False,
                            config={"displayModeBar": False, "staticPlot": True})
    return f'<div class="{clase}">{cuerpo}</div>'


def _pagina_seccion(sesion: Sesion, indicadores: pd.DataFrame, seccion: pd.Series) -> str:
    clave = seccion[v.SECCION]
    propios = indicadores[indicadores[v.SECCION] == clave]
    actividades = sesion.evaluacion.actividades
    actividades = actividades[actividades[v.SECCION] == clave]
    nombre = seccion[v.NOMBRE_SECCION] if isinstance(seccion[v.NOMBRE_SECCION], str) else ""
    return (
        f'<section class="pagina seccion"><h2>Sección {html.escape(clave)}. {html.escape(nombre)}</h2>'
        + _figura(graficas.cumplimiento_indicadores(propios, ESCALA))
        + _con_titulo("h3", "Metas", _tabla_indicadores(propios), len(propios))
        + _figura(graficas.cronograma(actividades, sesion.evaluacion.corte, sesion.datos.anio, ESCALA),
                  clase="grafica si-cabe")
        + _con_titulo("h3", "Actividades", _tabla_actividades(actividades), len(actividades))
        + "</section>"
    )


def _con_titulo(nivel: str, titulo: str, tabla: str, filas: int) -> str:
    """A table under its heading; a short one is kept whole on one page with it."""
    clase = "junto" if filas <= FILAS_TABLA_CORTA else "larga"
    return f'<div class="{clase}"><{nivel}>{html.escape(titulo)}</{nivel}>{tabla}</div>'


def _pagina_firmas(sesion: Sesion) -> str:
    """Room for the signatures of those present."""
    servida = sesion_texto(sesion, larga=True)
    filas = "".join(f"<tr><td>{n}</td><td></td><td></td><td></td></tr>"
                    for n in range(1, FILAS_FIRMAS + 1))
    return (
        '<section class="pagina"><div class="junto"><h2>Firmas de los asistentes</h2>'
        f'<p class="sesion">{_mayuscula(servida) if servida else "Sesión del ____ de ____________ de ______"}</p>'
        f'<p class="nota">{html.escape(sesion.comite)}. Programa Anual '
        f"de Trabajo {sesion.datos.anio}, cifras al corte del {p.fecha(sesion.evaluacion.corte)}.</p>"
        '<table class="firmas"><thead><tr><th>Núm.</th><th>Nombre</th><th>Cargo</th>'
        f"<th>Firma</th></tr></thead><tbody>{filas}</tbody></table></div></section>"
    )


_PARTES = {
    diapositivas.PROGRAMA: (_programa, "el programa al corte"),
    diapositivas.SECCIONES: (_secciones, "una página por sección"),
    diapositivas.CAMBIOS: (_cambios, "actividades vencidas y en rojo y cambios desde la sesión "
                                     "anterior"),
    diapositivas.RIESGOS: (_riesgos, "riesgos del programa y cuántas de sus actividades están "
                                     "vencidas o en rojo"),
    diapositivas.PLAZOS: (_plazos, "próximos vencimientos y registro de actas"),
}
"""What the pack prints for each kind of slide, and how its cover names it."""


def _tabla_indicadores(indicadores: pd.DataFrame) -> str:
    tabla = p.tabla_indicadores(indicadores)
    tabla[v.CUMPLIMIENTO] = [f"{p.numero(x)} %" if pd.notna(x) else "" for x in tabla[v.CUMPLIMIENTO]]
    return _tabla(tabla)


def _tabla_actividades(actividades: pd.DataFrame) -> str:
    return _tabla(pd.DataFrame({
        v.CLAVE: actividades[v.CLAVE_ACTIVIDAD],
        v.ACTIVIDAD: actividades[v.ACTIVIDAD],
        v.FECHA_FIN: actividades[v.FECHA_FIN],
        v.AVANCE: [f"{p.numero(x)} %" for x in actividades[v.AVANCE]],
        v.ESTADO: actividades[v.ESTADO],
        v.SEMAFORO: actividades[v.SEMAFORO].map(p.semaforo),
        v.EVIDENCIAS: actividades[v.EVIDENCIAS],
    }))


def _tabla(marco: pd.DataFrame) -> str:
    """An HTML table; every cell escaped, dates dd/mm/aaaa, numbers right-aligned."""
    if marco.empty:
        return '<p class="nota">Nada que informar.</p>'
    encabezado = "".join(f"<th>{html.escape(str(c))}</th>" for c in marco.columns)
    filas = []
    for fila in marco.itertuples(index=False):
        celdas = []
        for valor in fila:
            if isinstance(valor, pd.Timestamp) or (valor is not None and not isinstance(valor, str)
                                                   and pd.isna(valor)):
                celdas.append(f"<td>{p.fecha(valor)}</td>")
            elif isinstance(valor, (int, float, np.number)) and not isinstance(valor, bool):
                celdas.append(f'<td class="numero">{p.numero(valor)}</td>')
            else:
                celdas.append(f"<td>{html.escape(str(valor))}</td>")
        filas.append(f"<tr>{''.join(celdas)}</tr>")
    return f"<table><thead><tr>{encabezado}</tr></thead><tbody>{''.join(filas)}</tbody></table>"
