"""The meeting pack: one file for the minutes, as HTML or PDF.

Summary, one page per section with its charts, overdue and red activities,
changes since the last session, upcoming deadlines and minutes, the cut-off
and when each workbook was last modified. The HTML is self-contained (plotly
inline); the PDF is that HTML printed by the Chromium installed on the machine.
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

from . import graficas
from . import presentacion as p
from . import vocabulario as v
from .calculo import Evaluacion, cifras
from .cambios import cambios
from .modelo import DatosAnio
from .plazos import proximos_vencimientos, revisar_actas
from .proyeccion import proyectar
from .reglas import Umbrales

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTOS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                       "--disable-background-networking", "--disable-component-update",
                       "--disable-sync", "--no-first-run"]
ESCALA = 0.9

ESTILO = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Source Sans Pro", Arial, sans-serif; color: #111; margin: 0 1.5rem; }
h1 { font-size: 1.7rem; margin: 0.6rem 0 0.2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #0B3D91; padding-bottom: 0.2rem; margin-top: 1.2rem; }
.pagina { break-before: page; }
.nota { color: #444; font-size: 0.9rem; }
.tarjetas { display: flex; gap: 0.6rem; margin: 0.6rem 0; }
.tarjeta { border: 2px solid #ccc; border-radius: 0.4rem; padding: 0.4rem 0.8rem; min-width: 9rem; }
.tarjeta b { display: block; font-size: 1.5rem; }
.tarjeta small { color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 0.8rem; margin: 0.4rem 0 0.8rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.35rem; text-align: left; vertical-align: top; }
th { background: #EEF2F7; }
td.numero { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.grafica { break-inside: avoid; }
"""


@dataclass(frozen=True)
class Sesion:
    """What the pack is about: the programme at the cut-off, and at the date compared with."""

    datos: DatosAnio
    evaluacion: Evaluacion
    anterior: Evaluacion
    umbrales: Umbrales


def html_informe(sesion: Sesion) -> str:
    ev = sesion.evaluacion
    indicadores = proyectar(sesion.datos, ev)
    partes = [
        _portada(sesion),
        _tarjetas(ev, sesion.anterior),
        _figura(graficas.cumplimiento_indicadores(indicadores, ESCALA), incluir_plotly=True),
        _tabla_indicadores(indicadores),
        _figura(graficas.avance_secciones(ev.secciones, ESCALA)),
    ]
    for _, seccion in ev.secciones.iterrows():
        partes.append(_pagina_seccion(sesion, indicadores, seccion))
    partes += [
        '<section class="pagina"><h2>Actividades vencidas y en rojo</h2>',
        _tabla_actividades(ev.actividades[(ev.actividades[v.ESTADO] == v.VENCIDA)
                                          | (ev.actividades[v.SEMAFORO] == v.ROJO)]),
        f"<h2>Cambios desde el {p.fecha(sesion.anterior.corte)}</h2>",
        _tabla(cambios(sesion.datos, sesion.anterior, ev)),
        f"<h2>Próximos vencimientos ({sesion.umbrales.dias_habiles_proximos} días hábiles)</h2>",
        _tabla(proximos_vencimientos(sesion.datos, ev, sesion.umbrales)),
        "<h2>Registro de actas (actividad 4.1.2)</h2>",
        _tabla(revisar_actas(sesion.datos, ev.corte, sesion.umbrales)),
        "</section>",
    ]
    titulo = f"Informe del PAT {sesion.datos.anio} al {p.fecha(ev.corte)}"
    return (f'<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>{titulo}</title>'
            f"<style>{ESTILO}</style></head><body>{''.join(partes)}</body></html>")


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
            return pagina.pdf(format="A4", landscape=True, print_background=True,
                              margin={"top": "12mm", "bottom": "12mm", "left": "10mm",
                                      "right": "10mm"})
        finally:
            navegador.close()


def _portada(sesion: Sesion) -> str:
    ev = sesion.evaluacion
    archivos = "".join(
        f"<li>{html.escape(ruta.name)}: modificado el {_modificado(ruta)}</li>"
        for ruta in sesion.datos.archivos
    )
    return (
        f"<h1>Programa Anual de Trabajo {sesion.datos.anio}: informe para la sesión</h1>"
        f'<p class="nota">Corte al {p.fecha_larga(ev.corte)}; cambios desde el '
        f"{p.fecha(sesion.anterior.corte)}. Elaborado el {datetime.now():%d/%m/%Y a las %H:%M}."
        f"</p><p class=\"nota\">Datos leídos:</p><ul class=\"nota\">{archivos}</ul>"
    )


def _modificado(ruta: Path) -> str:
    try:
        return f"{datetime.fromtimestamp(ruta.stat().st_mtime):%d/%m/%Y a las %H:%M}"
    except OSError:
        return "(no encontrado)"


def _tarjetas(ahora: Evaluacion, antes: Evaluacion) -> str:
    previas = cifras(antes)
    tarjetas = []
    for nombre, (valor, total) in cifras(ahora).items():
        cambio = valor - previas[nombre][0]
        delta = f"{cambio:+d} desde el {p.fecha(antes.corte)}" if cambio else "sin cambio"
        de_total = f" de {total}" if total is not None else ""
        tarjetas.append(f'<div class="tarjeta">{nombre}<b>{valor}{de_total}</b>'
                        f"<small>{delta}</small></div>")
    return f'<div class="tarjetas">{"".join(tarjetas)}</div>'


def _figura(figura: go.Figure, incluir_plotly: bool = False) -> str:
    cuerpo = figura.to_html(full_html=False, include_plotlyjs="inline" if incluir_plotly else False,
                            config={"displayModeBar": False, "staticPlot": True})
    return f'<div class="grafica">{cuerpo}</div>'


def _pagina_seccion(sesion: Sesion, indicadores: pd.DataFrame, seccion: pd.Series) -> str:
    clave = seccion[v.SECCION]
    propios = indicadores[indicadores[v.SECCION] == clave]
    actividades = sesion.evaluacion.actividades
    actividades = actividades[actividades[v.SECCION] == clave]
    nombre = seccion[v.NOMBRE_SECCION] if isinstance(seccion[v.NOMBRE_SECCION], str) else ""
    return (
        f'<section class="pagina"><h2>Sección {html.escape(clave)}. {html.escape(nombre)}</h2>'
        + _figura(graficas.cumplimiento_indicadores(propios, ESCALA))
        + _tabla_indicadores(propios)
        + _figura(graficas.cronograma(actividades, sesion.evaluacion.corte, sesion.datos.anio, ESCALA))
        + _tabla_actividades(actividades)
        + "</section>"
    )


def _tabla_indicadores(indicadores: pd.DataFrame) -> str:
    tabla = p.tabla_indicadores(indicadores)
    tabla[v.CUMPLIMIENTO] = [f"{p.numero(x)} %" if pd.notna(x) else "" for x in tabla[v.CUMPLIMIENTO]]
    return _tabla(tabla)


def _tabla_actividades(actividades: pd.DataFrame) -> str:
    return _tabla(pd.DataFrame({
        "Clave": actividades[v.CLAVE_ACTIVIDAD],
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
