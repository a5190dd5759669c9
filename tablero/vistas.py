"""The pieces screens are made of: header, cards, charts, tables, projector paging.

Spreadsheet text reaches the screen only through dataframes, plain text or
:func:`tablero.contexto.literal` — never as HTML.
"""

from __future__ import annotations

import logging
import shlex
from collections.abc import Callable
from functools import partial
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pat_core import presentacion as p
from pat_core import vocabulario as v
from pat_core.exportar import csv_actividades, csv_problemas, tabla_problemas, xlsx_actividades
from pat_core.filtros import (FiltroActividades, FiltroEvidencias, argumentos_actividades,
                              enlace_web, normalizar)
from pat_core.graficas import serie_mensual
from pat_core.informe import Sesion, html_bytes, pdf_disponible, pdf_informe
from pat_core.informe_anual import MIME_DOCX, docx_informe_anual
from pat_core.informe_anual import nombre_archivo as nombre_informe_anual
from pat_core.problemas import ERROR, Problema, filas_con_error, hojas_sin_leer
from pat_core.calculo import cifras
from pat_core.plazos import actas_fuera_de_plazo
from pat_core.tendencia import Tendencia

from pat_core import Consolidado

from . import estado
from .contexto import DATOS_INCLUIDOS, Contexto, literal
from .memo import Memo

PAGINA_RESUMEN = "paginas/resumen.py"
TITULO_CALIDAD = "Calidad de datos"  # the page where each problem is listed, to the cell

# A card's label wraps rather than ending in «…» («Metas cumplidas · 1 sin casos»). Element
# toolbars (table search and download, fullscreen) speak English and would offer a second,
# different CSV: the page's own filters and download button replace them.
CSS_SIEMPRE = """
<style>
[data-testid="stMetric"] { border: 2px solid #1A1A1A22; border-radius: 0.5rem; padding: 0.6rem 0.9rem; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
[data-testid="stElementToolbar"] { display: none !important; }
</style>
"""
CONFIG_PLOTLY = {"displayModeBar": False}
# Streamlit serves its page as lang="en": the browser would offer to translate, and screen
# readers would read Spanish with English rules. A constant script (no data in it) says "es".
# Streamlit's keyboard link to the page's content says "Skip to main content": it is said in
# Spanish, here too.
IDIOMA = ("<script>document.documentElement.lang = 'es';"
          "document.querySelectorAll('[data-testid=\"stSkipToContent\"]').forEach("
          "a => { a.textContent = 'Ir al contenido principal'; });</script>")
CSS_IDIOMA = "<style>.st-key-idioma { display: none; }</style>"
# Long section names wrap in the section selector instead of being cut.
CSS_SELECTOR = """
<style>
.st-key-tarjetas > div { flex: 1 1 10.5rem; min-width: 10.5rem; }
.st-key-principales [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
.st-key-principales [data-testid="stColumn"] { min-width: 20rem; }
.st-key-seccion button { white-space: normal; height: auto; min-height: 2.5rem; text-align: left; }
.st-key-seccion button p { white-space: normal; }
</style>
"""


def estilo() -> None:
    st.html(CSS_SIEMPRE + CSS_IDIOMA + CSS_SELECTOR)
    with st.container(key="idioma"):
        st.html(IDIOMA, unsafe_allow_javascript=True)


def encabezado(titulo: str, ctx: Contexto, de_un_comite: bool = True) -> None:
    st.title(literal(titulo))  # titles carry section and committee names from the data
    nota = f"PAT {ctx.datos.anio} · corte al {p.fecha_larga(ctx.evaluacion.corte)}"
    if de_un_comite:
        nota = f"{p.nombre_comite(ctx.carpeta, ctx.umbrales)} · {nota}"
    if ctx.carpeta.resolve() == DATOS_INCLUIDOS.resolve():
        nota += " · datos de ejemplo incluidos con el tablero (evidencias ficticias)"
    st.caption(literal(nota))
    if ctx.falla:
        _aviso_de_falla(ctx)
    for hoja in hojas_sin_leer(ctx.problemas):
        st.error(literal(hoja.aviso), icon=":material/table_rows:")
    if ctx.filas_excluidas:
        donde = ("Abajo se dice" if titulo == TITULO_CALIDAD
                 else f"La página «{TITULO_CALIDAD}» dice")
        st.warning(f"{_filas_fuera(ctx)} {donde} en qué celda está cada problema.",
                   icon=":material/warning:")


def _aviso_de_falla(ctx: Contexto) -> None:
    """Which workbook failed and when, and how old the figures on screen are."""
    lineas = [f"**{literal(x.libro)}**: {literal(x.mensaje)}" for x in ctx.falla.problemas]
    st.error(f"No se pudo leer a las {ctx.falla.momento:%H:%M:%S}:  \n" + "  \n".join(lineas)
             + f"  \n{_datos_mostrados(ctx)}", icon=":material/sync_problem:")


def _datos_mostrados(ctx: Contexto) -> str:
    """After a failed read: how old the figures on screen are."""
    if _hay_lectura_buena(ctx):
        return (f"Se muestran los últimos datos que se leyeron bien, de las "
                f"{ctx.leido:%H:%M:%S} del {ctx.leido:%d/%m/%Y}.")
    return "Aún no hay una lectura buena de estos libros: las cifras están incompletas."


def _hay_lectura_buena(ctx: Contexto) -> bool:
    """After a failed read, whether the figures shown come from an earlier good one."""
    return ctx.falla.momento > ctx.leido and not ctx.datos.ilegibles


def aviso_breve_de_datos(ctx: Contexto) -> str:
    """What the pages' banners say about the data behind the figures, in one short paragraph
    for a slide (full notices would push it under its paging bar): a failed read, each sheet
    left out, the rows with errors left out; empty when all is well."""
    partes = []
    if ctx.falla:
        libros = ", ".join(f"«{x.libro}»" for x in ctx.falla.problemas)
        cifras = (f"se muestran las cifras de las {ctx.leido:%H:%M:%S}" if _hay_lectura_buena(ctx)
                  else "las cifras están incompletas")
        partes.append(f"No se pudo leer {libros} a las {ctx.falla.momento:%H:%M:%S}: {cifras}.")
    partes += [hoja.aviso_breve for hoja in hojas_sin_leer(ctx.problemas)]
    if ctx.filas_excluidas:
        partes.append(_filas_fuera(ctx))
    return " ".join(partes)


def _filas_fuera(ctx: Contexto) -> str:
    return f"{ctx.filas_excluidas} fila(s) con error quedaron fuera de las cifras."


def tarjetas(ctx: Contexto, seccion: str | None = None) -> None:
    """Headline counts, with how much each moved since the date compared with."""
    ahora = cifras(ctx.evaluacion, seccion)
    antes = cifras(ctx.anterior, seccion) if ctx.anterior is not None else None
    with _fila_de_tarjetas():
        for nombre, actual in ahora.items():
            etiqueta = p.con_sin_casos(_ETIQUETA.get(nombre, nombre), actual)
            cifra = p.numero_de_tarjeta(actual)
            if antes is None:
                st.metric(etiqueta, cifra, height="stretch")
                continue
            # every card has its change line, «sin cambio» included: one height for all
            delta = actual.valor - antes[nombre].valor
            st.metric(etiqueta, cifra, height="stretch",
                      delta=delta or "sin cambio", delta_color=_COLOR_DELTA[nombre] if delta else "off",
                      delta_arrow="auto" if delta else "off")
    if antes is not None:
        st.caption(f"Bajo cada cifra, su cambio desde el {p.fecha(ctx.anterior.corte)} "
                   "(«Comparar con», en la barra lateral).")


def _fila_de_tarjetas():
    """Cards side by side that wrap onto a second row rather than cut their figures."""
    return st.container(horizontal=True, key="tarjetas")


_ETIQUETA = {v.EN_ROJO: f"{p.SIMBOLO_SEMAFORO[v.ROJO]} {v.EN_ROJO}"}
# more met or concluded is good news; more overdue or red is bad news
_COLOR_DELTA = {v.METAS_CUMPLIDAS: "normal", v.ACTIVIDADES_CONCLUIDAS: "normal",
                v.EN_PROCESO: "off", v.VENCIDAS: "inverse", v.EN_ROJO: "inverse"}


def grafica(dibujo: Callable[..., go.Figure], *datos, clave: str) -> None:
    """``dibujo(*datos)``, drawn once for the same data (by identity, see tablero/memo.py):
    a plotly figure costs tens of milliseconds to build. Streamlit sends a copy of it."""
    st.plotly_chart(_figura(dibujo, *datos), config=CONFIG_PLOTLY, key=clave, width="stretch",
                    theme=None)


_figura: Memo[go.Figure] = Memo(lambda dibujo, *datos: dibujo(*datos), 64)


def tabla_indicadores(indicadores: pd.DataFrame, tendencia: Tendencia | None = None) -> None:
    """Each target: its month-end trend, value, target, pace, projection and state."""
    tabla = p.tabla_indicadores(indicadores)
    configuracion = {
        v.INDICADOR: st.column_config.TextColumn(width="medium"),
        v.CUMPLIMIENTO: st.column_config.NumberColumn(format="%.1f %%"),
    }
    if tendencia is not None:
        tabla.insert(2, v.MES_A_MES, [serie_mensual(tendencia.serie_indicador(c))
                                      for c in tabla[v.CLAVE]])
        configuracion[v.MES_A_MES] = st.column_config.LineChartColumn(
            help="Valor logrado al fin de cada mes, desde la primera medición hasta el corte.",
            y_min=0)
    st.dataframe(tabla, hide_index=True, width="stretch", placeholder="",
                 column_config=configuracion)


def tabla_actividades(actividades: pd.DataFrame, alto: int | str = "auto") -> None:
    tabla = actividades.assign(**{v.SEMAFORO: actividades[v.SEMAFORO].map(p.semaforo),
                                  v.RESPONSABLE: actividades[v.RESPONSABLE].fillna("")})
    # what a meeting reads first, left to right, fits 1366 px; dates and counts follow
    columnas = [v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.ESTADO, v.SEMAFORO, v.DIAS_RESTANTES,
                v.HITOS_VENCIDOS, v.AVANCE, v.AVANCE_ESPERADO, v.ULTIMA_EVIDENCIA, v.EVIDENCIAS,
                v.FECHA_INICIO, v.FECHA_FIN, v.RESPONSABLE]
    st.dataframe(tabla[columnas], hide_index=True, width="stretch", height=alto, placeholder="",
                 column_config={
        v.CLAVE_ACTIVIDAD: st.column_config.TextColumn(v.CLAVE, width="small", pinned=True),
        v.ACTIVIDAD: st.column_config.TextColumn(width="medium"),
        v.FECHA_INICIO: st.column_config.DateColumn(format="DD/MM/YYYY"),
        v.FECHA_FIN: st.column_config.DateColumn(format="DD/MM/YYYY"),
        v.ULTIMA_EVIDENCIA: st.column_config.DateColumn(format="DD/MM/YYYY"),
        v.AVANCE: st.column_config.ProgressColumn(format="%.0f %%", min_value=0, max_value=100),
        v.AVANCE_ESPERADO: st.column_config.NumberColumn("Esperado %", format="%.0f %%"),
        v.HITOS_VENCIDOS: st.column_config.NumberColumn(
            "Hitos venc.", format="%d", help="Hitos de la hoja «Hitos» cuya fecha límite ya pasó "
            "sin evidencia en su ventana. Cuentan en el semáforo de una actividad en proceso "
            "(README, «Semáforo»)."),
    })


def tabla_evidencias(evidencias: pd.DataFrame) -> None:
    """The register, the description early. «Enlace» opens only http/https addresses; any
    other text typed there (``javascript:``…) is shown in a column of its own, as text."""
    enlaces = evidencias[v.ENLACE].map(enlace_web)
    tabla = evidencias.assign(**{v.ENLACE: enlaces})
    otros = evidencias[v.ENLACE].where(enlaces.isna() & evidencias[v.ENLACE].notna())
    columnas = [v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION, v.AVANCE, v.ENLACE, v.REGISTRO,
                v.ACTIVIDAD, v.SECCION, v.CLAVE_INDICADOR]
    if otros.notna().any():
        tabla[v.ENLACE_COMO_TEXTO] = otros
        columnas.insert(5, v.ENLACE_COMO_TEXTO)
    tabla_ = tabla[[c for c in columnas if c in tabla]]
    st.dataframe(tabla_, hide_index=True, width="stretch", placeholder="", column_config={
        v.CLAVE_ACTIVIDAD: st.column_config.TextColumn(v.CLAVE, width="small", pinned=True),
        v.FECHA: st.column_config.DateColumn(format="DD/MM/YYYY"),
        v.DESCRIPCION: st.column_config.TextColumn(width="large"),
        v.AVANCE: st.column_config.NumberColumn(format="%.0f %%"),
        v.ENLACE: st.column_config.LinkColumn(
            help="Se abre en otra pestaña. Solo se enlazan direcciones http:// o https://."),
        v.ENLACE_COMO_TEXTO: st.column_config.TextColumn(
            help="Texto del «Enlace» que no es una dirección http:// o https://; no se abre."),
    })


def error_inesperado(error: Exception) -> None:
    """A page failed: say so in Spanish, keep the server log's traceback, never show it."""
    logging.getLogger("tablero").error("Error inesperado al mostrar la página", exc_info=error)
    st.error(
        "Ocurrió un error inesperado al mostrar esta página "
        f"({literal(type(error).__name__)}). Los libros no se modificaron. Pulse «Recargar "
        "datos» o vuelva a abrir la página; si se repite, avise a quien mantiene el tablero.",
        icon=":material/error:",
    )


def pagina_no_encontrada(pedida: str, inicio: st.Page) -> None:
    """What an address that names no page shows, in place of Streamlit's English dialog."""
    st.title("Página no encontrada")
    st.warning(f"La dirección «/{literal(pedida)}» no corresponde a ninguna página del tablero. "
               "Elija una página en el menú de la izquierda, o vaya a la página de inicio.",
               icon=":material/link_off:")
    st.page_link(inicio, label=f"Ir a «{inicio.title}»", icon=":material/arrow_forward:",
                 query_params=estado.direccion_global())


def texto(texto: str) -> None:
    """Workbook text shown exactly as typed."""
    st.markdown(literal(texto))


def subtitulo(texto: str) -> None:
    st.subheader(texto)


def columnas_principales():
    """Two columns side by side that stack when the screen is too narrow for both."""
    with st.container(key="principales"):
        return st.columns([3, 2], gap="large")


@dataclass(frozen=True)
class Seccion:
    """The section shown on the Secciones page."""

    clave: str
    nombre: str
    actividades: pd.DataFrame

    def de_la_seccion(self, marco: pd.DataFrame) -> pd.DataFrame:
        return _de_la_seccion(marco, self.clave)


def selector_seccion(ctx: Contexto) -> Seccion:
    """Section chooser. The address holds the choice (``?seccion=III``), so each
    section can be opened, bookmarked and paged to directly."""
    secciones = ctx.evaluacion.secciones
    claves = list(secciones[v.SECCION])
    if not claves:
        st.info(f"El plan no tiene indicadores válidos todavía; revise «{TITULO_CALIDAD}».")
        st.stop()
    nombres = {c: (n if isinstance(n, str) else "") for c, n in zip(claves, secciones[v.NOMBRE_SECCION])}
    clave = estado.elegir(estado.SECCION, claves[0], partial(_leer_opcion, campo="secciones",
                                                             opciones=claves))
    avisos_de_la_direccion()
    st.segmented_control(
        "Sección", claves, required=True, key=estado.SECCION.clave,
        format_func=lambda c: literal(f"{c}. {nombres[c]}".rstrip(". ")),
    )
    return Seccion(clave, nombres[clave], _de_la_seccion(ctx.evaluacion.actividades, clave))


# the same rows on every rerun, so that their charts are drawn once (see grafica)
_de_la_seccion: Memo[pd.DataFrame] = Memo(lambda marco, clave: marco[marco[v.SECCION] == clave], 32)


def _leer_opcion(texto: str, campo: str, opciones: list[str]) -> str:
    """A filter's value from the address, as the CLI reads it, if the programme has it."""
    try:
        valor = normalizar(campo, texto)
    except ValueError as error:
        raise estado.ValorInvalido(str(error)) from None
    if valor not in opciones:
        raise estado.ValorInvalido("este programa no tiene ese valor")
    return valor


def avisos_de_la_direccion() -> None:
    """What a link asked for and could not be shown, said above the page."""
    for aviso in estado.avisos():
        st.warning(literal(aviso), icon=":material/link_off:")
    estado.avisos().clear()


def avance_de_la_seccion(seccion: Seccion, tendencia: Tendencia) -> None:
    serie = tendencia.serie_seccion(seccion.clave)
    actual = seccion.actividades[v.AVANCE].mean()
    st.metric("Avance promedio de sus actividades, mes a mes", f"{p.numero(actual, 0)} %",
              chart_data=[x or 0 for x in serie], chart_type="area", border=True)


def conteo(mostradas: int, total: int, que: str) -> None:
    st.caption(f"Se muestran {mostradas} de {total} {que}.")


def filtros_actividades(actividades: pd.DataFrame) -> FiltroActividades:
    """The filters, read from and written to the address with the CLI's flag names."""
    opciones = {
        "secciones": _opciones(actividades[v.SECCION]),
        "indicadores": _opciones(actividades[v.CLAVE_INDICADOR]),
        "estados": list(v.ESTADOS_ACTIVIDAD),
        "semaforos": list(v.SEMAFOROS),
        "responsables": _opciones(actividades[v.RESPONSABLE]),
    }
    for campo, validas in opciones.items():
        estado.elegir(estado.FILTROS[campo], [], partial(_leer_opcion, campo=campo,
                                                         opciones=validas))
    estado.elegir(estado.FILTROS["texto"], "", str)
    avisos_de_la_direccion()
    columnas = st.columns([1, 1, 1.2, 1.5, 1.2, 1.6])
    elegidos = {
        campo: tuple(columna.multiselect(
            etiqueta, opciones[campo], key=estado.FILTROS[campo].clave, select_all=False,
            placeholder="Todas" if campo == "secciones" else "Todos",
            format_func=p.semaforo if campo == "semaforos" else str))
        for columna, (campo, etiqueta) in zip(columnas, (
            ("secciones", "Sección"), ("indicadores", "Indicador"), ("estados", "Estado"),
            ("semaforos", "Semáforo"), ("responsables", "Responsable")))
    }
    texto = columnas[5].text_input("Buscar", key=estado.FILTROS["texto"].clave,
                                   placeholder="Clave, actividad, mecanismo, riesgo…")
    return FiltroActividades(**elegidos, texto=texto)


def _opciones(columna: pd.Series) -> list[str]:
    return sorted(columna.dropna().unique(), key=p.orden_natural)


def descarga_actividades(ctx: Contexto, filtro: FiltroActividades, filtradas: pd.DataFrame) -> None:
    corte = ctx.evaluacion.corte
    nombre = f"actividades_{ctx.datos.anio}_corte_{corte:%Y-%m-%d}"
    fila = st.container(horizontal=True)
    fila.download_button(
        "Descargar CSV para el acta", data=csv_actividades(filtradas), file_name=f"{nombre}.csv",
        mime="text/csv", icon=":material/download:", type="primary", key="descargar_actividades",
    )
    fila.download_button(
        "Descargar Excel (.xlsx)", data=xlsx_actividades(filtradas), file_name=f"{nombre}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:", key="descargar_actividades_xlsx",
        help="Para abrir en Excel: claves como texto (2.1 no se vuelve número) y fechas "
             "dd/mm/aaaa en cualquier idioma de Excel.",
    )
    st.caption("El mismo archivo, desde la línea de comandos:")
    argumentos = argumentos_actividades(filtro, ctx.datos.anio, corte, ctx.comite)
    st.code("python -m pat_core " + shlex.join(argumentos),
            language="bash")


def aviso_sin_evidencia(actividades: pd.DataFrame) -> None:
    if actividades.empty:
        st.success("Todas las actividades ya iniciadas tienen al menos una evidencia.",
                   icon=":material/check_circle:")
        return
    st.error(f"{len(actividades)} actividad(es) ya iniciada(s) sin ninguna evidencia:",
             icon=":material/error:")
    st.dataframe(
        actividades[[v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.FECHA_INICIO, v.FECHA_FIN, v.ESTADO]],
        hide_index=True, width="stretch", placeholder="", column_config={
            v.CLAVE_ACTIVIDAD: st.column_config.TextColumn(v.CLAVE, width="small"),
            v.ACTIVIDAD: st.column_config.TextColumn(width="large"),
            v.FECHA_INICIO: st.column_config.DateColumn(format="DD/MM/YYYY"),
            v.FECHA_FIN: st.column_config.DateColumn(format="DD/MM/YYYY"),
        },
    )


def filtros_evidencias(registro: pd.DataFrame) -> FiltroEvidencias:
    izquierda, centro, derecha = st.columns([1, 1.5, 2])
    return FiltroEvidencias(
        secciones=tuple(izquierda.multiselect("Sección", _opciones(registro[v.SECCION]),
                                              key="e_seccion", placeholder="Todas",
                                              select_all=False)),
        actividades=tuple(centro.multiselect("Actividad", _opciones(registro[v.CLAVE_ACTIVIDAD]),
                                             key="e_actividad", placeholder="Todas",
                                             select_all=False)),
        texto=derecha.text_input("Buscar", key="e_texto", placeholder="Descripción, actividad…"),
    )


def resumen_problemas(problemas: list[Problema]) -> None:
    errores = sum(x.es_error for x in problemas)
    izquierda, derecha, _ = st.columns([1, 1, 3])
    izquierda.metric("Errores", errores, help="La fila con un error no entra en las cifras.")
    derecha.metric("Avisos", len(problemas) - errores, help="Se calcula, pero conviene revisarlo.")
    if not problemas:
        st.success("No se encontró ningún problema en los libros.", icon=":material/check_circle:")


def problemas_por_hoja(problemas: list[Problema]) -> None:
    tabla = tabla_problemas(problemas)
    for (libro, hoja), grupo in tabla.fillna({v.HOJA: "(todo el libro)"}).groupby(
            [v.LIBRO, v.HOJA], sort=False):
        errores = int((grupo[v.SEVERIDAD] == ERROR).sum())
        with st.expander(literal(f"{libro} › {hoja}: {errores} error(es), "
                                 f"{len(grupo) - errores} aviso(s)"),
                         expanded=errores > 0):
            st.dataframe(grupo.drop(columns=[v.LIBRO, v.HOJA]), hide_index=True, width="stretch",
                         placeholder="",
                         column_config={v.PROBLEMA: st.column_config.TextColumn(width="large"),
                                        v.FILA_LIBRO: st.column_config.NumberColumn(format="%d")})


def descarga_problemas(ctx: Contexto) -> None:
    if ctx.problemas_a_revisar:
        st.download_button(
            "Descargar la lista de problemas (CSV)", data=csv_problemas(ctx.problemas_a_revisar),
            file_name=f"problemas_{ctx.datos.anio}.csv", mime="text/csv",
            icon=":material/download:", key="descargar_problemas",
        )


def fecha(valor) -> str:
    return p.fecha(valor)


def tabla_cambios(tabla: pd.DataFrame) -> None:
    if tabla.empty:
        st.info("Sin cambios entre las dos fechas.", icon=":material/info:")
        return
    st.dataframe(tabla, hide_index=True, width="stretch", placeholder="", column_config={
        v.DETALLE: st.column_config.TextColumn(width="large"),
    })


def tabla_vencimientos(tabla: pd.DataFrame) -> None:
    if tabla.empty:
        st.success("Nada vence en ese plazo.", icon=":material/check_circle:")
        return
    st.dataframe(tabla.assign(**{v.SEMAFORO: tabla[v.SEMAFORO].map(p.semaforo)}),
                 hide_index=True, width="stretch", placeholder="", column_config={
        v.FECHA_LIMITE: st.column_config.DateColumn(format="DD/MM/YYYY"),
        v.DESCRIPCION: st.column_config.TextColumn(width="large"),
    })


def tabla_actas(actas: pd.DataFrame, umbrales) -> None:
    if actas.empty:
        st.info("No hay sesiones registradas hasta el corte (hoja «Sesiones» del libro de "
                "evidencias).", icon=":material/info:")
        return
    fuera = actas_fuera_de_plazo(actas)
    if fuera.empty:
        st.success(f"Todas las actas se registraron dentro de {umbrales.dias_habiles_acta} días "
                   "hábiles.", icon=":material/check_circle:")
    else:
        st.error(f"{len(fuera)} acta(s) fuera de plazo o sin registrar (el plazo es de "
                 f"{umbrales.dias_habiles_acta} días hábiles después de la sesión).",
                 icon=":material/error:")
    fechas = {c: st.column_config.DateColumn(format="DD/MM/YYYY")
              for c in (v.FECHA, v.LIMITE_ACTA, v.FECHA_REGISTRO_ACTA)}
    st.dataframe(actas, hide_index=True, width="stretch", placeholder="", column_config=fechas)


def tabla_riesgos(riesgos: pd.DataFrame) -> None:
    """Each risk of the plan: how many of its activities are red or overdue, and which."""
    if riesgos.empty:
        st.info("El plan no nombra riesgos (columna «Riesgos» de la hoja Actividades).",
                icon=":material/info:")
        return
    atender = int((riesgos[v.ROJAS_O_VENCIDAS] > 0).sum())
    if atender:
        st.warning(f"{atender} de {len(riesgos)} riesgo(s) con actividades vencidas o en rojo.",
                   icon=":material/warning:")
    else:
        st.success(f"Ninguno de los {len(riesgos)} riesgo(s) tiene actividades vencidas o en rojo.",
                   icon=":material/check_circle:")
    columnas = [v.RIESGO, v.ROJAS_O_VENCIDAS, v.CLAVES_ROJAS_O_VENCIDAS, v.ACTIVIDADES,
                v.CONCLUIDAS, v.EN_ROJO, v.VENCIDAS, v.CLAVES]
    st.dataframe(riesgos[columnas], hide_index=True, width="stretch", placeholder="",
                 column_config={v.RIESGO: st.column_config.TextColumn(width="large"),
                                v.CLAVES: st.column_config.TextColumn("Todas sus actividades")})


def calendario_sesiones(ordinarias: str, no_celebradas: pd.DataFrame | None) -> None:
    """Ordinary sessions held against those the year asks for, and the planned ones missed
    (see :func:`pat_core.plazos.calendario_sesiones`)."""
    st.markdown(f"**{ordinarias}**")
    if no_celebradas is None:
        st.caption(f"Para comparar con el calendario aprobado, escriba la «{v.FECHA_PROGRAMADA}» de "
                   f"cada sesión en la hoja «{v.HOJA_SESIONES}».")
    elif no_celebradas.empty:
        st.success("Todas las sesiones programadas hasta el corte se celebraron en su fecha.",
                   icon=":material/check_circle:")
    else:
        st.warning(f"{len(no_celebradas)} sesión(es) programada(s) no se celebraron en su fecha.",
                   icon=":material/event_busy:")
        st.dataframe(no_celebradas, hide_index=True, width="stretch", placeholder="", column_config={
            c: st.column_config.DateColumn(format="DD/MM/YYYY") for c in (v.FECHA_PROGRAMADA, v.FECHA)})


def descarga_informe(ctx: Contexto) -> None:
    """The meeting pack, and the annual report's draft, generated when a button is pressed."""
    sesion = Sesion(ctx.datos, ctx.evaluacion, ctx.anterior, ctx.umbrales)
    nombre = f"informe_PAT_{ctx.datos.anio}_corte_{ctx.evaluacion.corte:%Y-%m-%d}"
    botones = st.container(horizontal=True)  # side by side; on a narrow screen, wrapped
    if pdf_disponible():
        botones.download_button(
            "Informe para el acta (PDF)", data=partial(pdf_informe, sesion),
            file_name=f"{nombre}.pdf", mime="application/pdf", icon=":material/picture_as_pdf:",
            type="primary", key="informe_pdf", on_click="ignore")
    botones.download_button(
        "Informe (HTML)", data=partial(html_bytes, sesion),
        file_name=f"{nombre}.html", mime="text/html", icon=":material/description:",
        key="informe_html", on_click="ignore")
    botones.download_button(
        "Borrador del informe anual (Word)",
        data=partial(docx_informe_anual, ctx.datos, ctx.evaluacion, ctx.umbrales),
        file_name=nombre_informe_anual(ctx.datos.anio, ctx.evaluacion.corte), mime=MIME_DOCX,
        icon=":material/edit_document:", key="informe_anual", on_click="ignore",
        help="Informe Anual de Actividades: resultados del programa al corte, para completar "
             "y presentar al comité.")


def tarjetas_consolidado(total: Consolidado) -> None:
    with _fila_de_tarjetas():
        for nombre, actual in total.cifras().items():
            st.metric(p.con_sin_casos(_ETIQUETA.get(nombre, nombre), actual),
                      p.numero_de_tarjeta(actual), height="stretch")


def avisos_consolidado(total: Consolidado) -> None:
    excluidas = {comite: filas_con_error(problemas) for comite, problemas in total.problemas.items()}
    con_errores = {c: n for c, n in excluidas.items() if n}
    for comite, problemas in total.problemas.items():
        for hoja in hojas_sin_leer(problemas):
            st.error(literal(f"{comite}: {hoja.aviso}"), icon=":material/table_rows:")
    if con_errores:
        st.warning(f"{sum(con_errores.values())} fila(s) con error, en {len(con_errores)} "
                   "comité(s), quedaron fuera de las cifras. En cada comité, la página «Calidad "
                   "de datos» dice en qué celda está cada problema.", icon=":material/warning:")
    for comite, problemas in total.ilegibles.items():
        st.error(f"{literal(comite)}: no se pudo leer {literal(problemas[0].libro)}; este comité "
                 "queda fuera del consolidado. " + literal(problemas[0].mensaje),
                 icon=":material/sync_problem:")
    if total.sin_programa:
        st.info("Sin programa para este año: " + ", ".join(literal(c) for c in total.sin_programa),
                icon=":material/info:")


def clasificacion(total: Consolidado) -> None:
    """The ranking; choosing a row opens that committee's own pages."""
    st.caption("Por cumplimiento promedio de sus metas (cada una hasta 100 %; sin medición "
               "cuenta 0; sin casos, fuera del promedio); en empate, menos vencidas y menos en "
               "rojo. Elija un comité para abrir sus páginas.")
    eleccion = st.dataframe(
        total.resumen, hide_index=True, width="stretch", key="clasificacion", placeholder="",
        on_select="rerun", selection_mode="single-row",
        column_config={v.CUMPLIMIENTO_PROMEDIO: st.column_config.ProgressColumn(
            format="%.1f %%", min_value=0, max_value=100)},
    )
    filas = eleccion.selection.rows if eleccion else []
    if filas:
        comite = total.resumen.iloc[filas[0]][v.COMITE]
        if st.button(literal(f"Abrir {p.nombre_comite(comite)}"), type="primary",
                     icon=":material/open_in_new:", key="abrir_comite"):
            estado.ir_a(PAGINA_RESUMEN, comite=comite)  # at the same year and cut-off
