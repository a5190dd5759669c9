"""What every page stands on: the data folder, the cached loads and the sidebar controls.

Loads are cached keyed on each file's path, modification time and size, so a
workbook saved in Excel shows on the next rerun without restarting the server; what is
computed from a load is remembered by the load's identity (:mod:`tablero.memo`).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from pat_core.cache import lecturas_en_disco
from pat_core import (
    CacheLecturas,
    Consolidado,
    DatosAnio,
    Evaluacion,
    Problema,
    Umbrales,
    anios_disponibles,
    avisos_al_corte,
    cargar_umbrales,
    comites_vistos,
    consolidar,
    evaluar,
    fecha_corte_predeterminada,
    firma,
    listar_comites,
    umbrales_comite,
)
from pat_core import vocabulario as v
from pat_core.cambios import corte_anterior
from pat_core.plazos import aviso_actividad_actas
from pat_core.presentacion import MESES_CORTOS, nombre_comite
from pat_core.problemas import filas_con_error
from pat_core.proyeccion import proyectar
from pat_core.tendencia import Tendencia, fines_de_mes, tendencia
from pat_core.lectura import NOMBRE_NO_UTF8, CarpetaIlegible, libros_del_anio, sin_plan
from pat_core.sistema import nombre_visible
from pat_core.reglas import ARCHIVO_UMBRALES

from . import estado
from .memo import Memo

RAIZ = Path(__file__).resolve().parent.parent
DATOS_INCLUIDOS = RAIZ / "data"
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$:&"})
# Streamlit's markdown links bare addresses (https://…, www.…, a@b.org) even when escaped: it
# finds them in the text after the escapes are read. An invisible WORD JOINER (U+2060) after
# "://", "www" and "@" breaks the pattern; the text looks exactly as typed.
_ENLACE_AUTOMATICO = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
UNION_INVISIBLE = "\u2060"
_ERROR_EN_ACCION = "_error_en_accion"
_VALORES_SI = {"1", "true", "si", "sí"}
VARIABLE_DATOS = v.VARIABLE_DATOS


@dataclass(frozen=True)
class Falla:
    """Workbooks that could not be read just now; the page says so above older data."""

    problemas: list[Problema]
    momento: datetime


@dataclass(frozen=True)
class Contexto:
    """The programme being looked at: year, cut-off, data, figures and problems."""

    carpeta: Path
    datos: DatosAnio
    evaluacion: Evaluacion
    problemas: list[Problema]
    leido: datetime
    falla: Falla | None = None
    umbrales: Umbrales = Umbrales()
    anterior: Evaluacion | None = None  # the programme at the date compared with
    raiz: Path | None = None  # the data folder; ``carpeta`` is the committee's inside it
    comite: str | None = None

    @property
    def problemas_a_revisar(self) -> list[Problema]:
        """What «Calidad de datos» lists: the workbooks that could not be read just now (above
        older figures, they are not among ``problemas``), then the problems of the data shown."""
        ahora = [x for x in self.falla.problemas if x not in self.problemas] if self.falla else []
        return ahora + self.problemas

    @property
    def filas_excluidas(self) -> int:
        """Rows left out of the figures because of an error in them."""
        return filas_con_error(self.problemas)


def literal(texto: str) -> str:
    """Text from a workbook, a path or an address, escaped so markdown shows it exactly as
    typed: no formatting, no HTML, no automatic links (a path that is not valid UTF-8 shows
    «�» for each undecodable byte: never a crash)."""
    return _ENLACE_AUTOMATICO.sub(UNION_INVISIBLE, nombre_visible(str(texto))).translate(_MARKDOWN)


def protegido(accion):
    """A widget's callback that never shows Streamlit's English error page: Streamlit runs
    callbacks before the script, outside the entrypoint's ``try``; a failure is kept and the
    page says it in Spanish (:func:`error_de_accion`)."""
    @functools.wraps(accion)
    def envuelta(*argumentos, **opciones):
        try:
            accion(*argumentos, **opciones)
        except Exception as error:  # noqa: BLE001 - said on the page, logged there in full
            st.session_state[_ERROR_EN_ACCION] = error
    return envuelta


def error_de_accion() -> Exception | None:
    """The failure of a callback in this run, if any (once)."""
    return st.session_state.pop(_ERROR_EN_ACCION, None)


def carpeta_datos() -> Path:
    """Chosen by configuration only ($PAT_DATOS), never by anything typed in the browser."""
    return Path(os.environ.get(VARIABLE_DATOS) or DATOS_INCLUIDOS)


@st.cache_data(max_entries=8, show_spinner=False)
def _umbrales(carpeta: str, huella: tuple, comite: str | None) -> tuple[Umbrales, list[Problema]]:
    """A committee's own tablero.toml, else the data folder's, else the defaults."""
    if comite is None:
        return cargar_umbrales(Path(carpeta))
    return umbrales_comite(Path(carpeta).parent, comite)


@st.cache_resource
def lecturas() -> CacheLecturas:
    """ONE read cache for the whole server: a workbook is read again only when its time or
    size changes, and every session shares what was read (no per-session copies). What it
    reads is kept on disk too (``PAT_CACHE``), for the next server and the command line."""
    return lecturas_en_disco(carpeta_datos())


def _cargar(carpeta: str, anio: int, umbrales: Umbrales) -> DatosAnio:
    return lecturas().cargar(Path(carpeta), anio, umbrales)


# The figures of the data read, at a cut-off, under thresholds: remembered by the data's
# identity (see tablero/memo.py), shared by every session, read-only.
_evaluar: Memo[Evaluacion] = Memo(evaluar, 64)
_tendencia: Memo[Tendencia] = Memo(tendencia, 16)
_proyectar: Memo[pd.DataFrame] = Memo(proyectar, 16)


@dataclass(frozen=True)
class Lectura:
    """Data read without a failed workbook, and when it was read."""

    huella: tuple
    datos: DatosAnio
    momento: datetime


@st.cache_resource
def _ultimas_buenas() -> dict[tuple[str, int], Lectura]:
    """The last good read of each folder and year, shared by every session of the server."""
    return {}


@protegido
def pedir_relectura() -> None:
    """«Recargar datos»: read the workbooks again even if their time and size did not change
    (a copy that kept its date, a network share with coarse timestamps)."""
    st.cache_data.clear()
    _consolidado.clear()
    lecturas().vaciar()
    st.session_state["_releer"] = True


def _leer(carpeta: Path, anio: int, umbrales: Umbrales, huella: tuple) -> tuple[Lectura, Falla | None]:
    """This read, or — when a workbook could not be read — the last good one and why."""
    releer = st.session_state.pop("_releer", False)
    datos = _cargar(str(carpeta), anio, umbrales)
    buenas = _ultimas_buenas()
    clave = (str(carpeta), anio)
    if not datos.ilegibles:
        if releer or clave not in buenas or buenas[clave].huella != huella:
            buenas[clave] = Lectura(huella, datos, datetime.now())
        return buenas[clave], None
    falla = Falla(datos.ilegibles, datetime.now())
    return buenas.get(clave, Lectura(huella, datos, datetime.now())), falla


def tendencia_de(ctx: Contexto) -> Tendencia:
    """Month-end replay up to the cut-off, remembered like the evaluation."""
    return _tendencia(ctx.datos, ctx.evaluacion.corte.date(), ctx.umbrales)


def proyeccion_de(ctx: Contexto) -> pd.DataFrame:
    """The indicators with their year-end projection, remembered like the evaluation."""
    return _proyectar(ctx.datos, ctx.evaluacion)


@st.cache_resource(max_entries=8, show_spinner="Reuniendo los comités…")
def _consolidado(raiz: str, anio: int, huella: tuple, corte: date) -> Consolidado:
    return consolidar(Path(raiz), anio, corte, cache=lecturas())


def consolidado_de(ctx: Contexto) -> Consolidado:
    """Every committee at the selected year and cut-off; shared by all sessions, read-only.
    Recomputed when any committee's workbook changes."""
    anio = ctx.datos.anio
    rutas = [ctx.raiz / ARCHIVO_UMBRALES] + [
        ruta for comite in listar_comites(ctx.raiz) for ruta in
        (*libros_del_anio(ctx.raiz / comite, anio).rutas, ctx.raiz / comite / ARCHIVO_UMBRALES)]
    total = _consolidado(str(ctx.raiz), anio, firma(rutas), ctx.evaluacion.corte.date())
    if total.ilegibles:  # a committee caught mid-save is tried again on the next run
        _consolidado.clear()
    return total


def modo_proyector() -> bool:
    return str(st.query_params.get("proyector", "")).strip().lower() in _VALORES_SI


@protegido
def _abrir_presentacion() -> None:
    st.query_params["proyector"] = "1"


def preparar() -> Contexto:
    """Draw the sidebar controls and compute the programme they select."""
    raiz = carpeta_datos()
    try:
        if nombre_visible(raiz) != str(raiz):  # Streamlit cannot even hash such a path
            raise CarpetaIlegible(raiz, NOMBRE_NO_UTF8)
        comite = _selector_de_comite(raiz)
        carpeta = raiz / comite if comite else raiz  # a name the selector offered
        # a plan read before stays offered while Excel saves it (gone for a moment)
        anios = sorted(set(anios_disponibles(carpeta)) | lecturas().anios_leidos(carpeta))
        if not anios:
            _sin_plan(carpeta)
    except CarpetaIlegible as error:
        mensaje = str(error)
        st.error(literal(f"{mensaje[0].upper()}{mensaje[1:]} Revise la variable {VARIABLE_DATOS}."),
                 icon=":material/folder_off:")
        st.stop()
    estado.conservar(estado.PROYECTOR)
    with st.sidebar:
        anio = estado.elegir(estado.ANIO, anios[-1], partial(_leer_anio, anios=anios))
        st.selectbox("Año del programa", anios, key=estado.ANIO.clave)
        corte = _fecha_de_corte(anio)
    archivos = libros_del_anio(carpeta, anio).rutas
    huella_umbrales = firma([carpeta / ARCHIVO_UMBRALES, raiz / ARCHIVO_UMBRALES])
    umbrales, problemas_umbrales = _umbrales(str(carpeta), huella_umbrales, comite)
    lectura, falla = _leer(carpeta, anio, umbrales, firma(archivos))
    # each read is a new object: a failed read and the good one after it may share the files'
    # time and size (a lock released), never their figures
    evaluacion = _evaluar(lectura.datos, corte, umbrales)
    with st.sidebar:
        desde = _fecha_de_comparacion(lectura.datos, evaluacion.corte)
        st.button("Recargar datos", icon=":material/refresh:", width="stretch",
                  on_click=pedir_relectura)
        st.button("Presentación para la sesión", icon=":material/slideshow:", width="stretch",
                  on_click=_abrir_presentacion,
                  help="Diapositivas para el proyector; también con ?proyector=1.")
    problemas = (lectura.datos.problemas + problemas_umbrales
                 + avisos_al_corte(lectura.datos, evaluacion.actividades)
                 + aviso_actividad_actas(lectura.datos, umbrales))
    _archivos_leidos(archivos)
    return Contexto(
        carpeta, lectura.datos, evaluacion, problemas, lectura.momento, falla,
        umbrales=umbrales, anterior=_evaluar(lectura.datos, desde, umbrales),
        raiz=raiz, comite=comite,
    )


def _sin_plan(carpeta: Path) -> None:
    """No plan in the folder: what it holds instead, what to do, and a way to look again."""
    st.error(f"No se encontró ningún libro «pat_AAAA.xlsx» en la carpeta de datos «{literal(carpeta)}». "
             f"{literal(sin_plan(carpeta))} Cuando esté, pulse «Recargar datos». Si es otra carpeta, "
             f"revise la variable {VARIABLE_DATOS}; para un año nuevo, cree los libros con "
             "«python -m pat_core plantilla».", icon=":material/folder_off:")
    st.button("Recargar datos", icon=":material/refresh:", on_click=pedir_relectura)
    st.stop()


def hay_comites() -> bool:
    """The data folder holds one sub-folder per committee (and so a Consolidado page).
    A folder that cannot be opened has none: the page then says why."""
    try:
        return bool(listar_comites(carpeta_datos()))
    except CarpetaIlegible:
        return False


def _selector_de_comite(raiz: Path) -> str | None:
    """With one sub-folder per committee, which committee the pages show. A committee
    whose plan was read before stays offered while Excel saves it (gone for a moment)."""
    comites = comites_vistos(raiz, lecturas())[0]
    if not comites:
        return None
    estado.elegir(estado.COMITE, comites[0], partial(_leer_comite, comites=comites))
    return st.sidebar.selectbox(v.COMITE, comites, key=estado.COMITE.clave,
                                format_func=nombre_comite)


def _leer_comite(texto: str, comites: list[str]) -> str:
    if texto not in comites:
        raise estado.ValorInvalido("no hay un comité con ese nombre en la carpeta de datos")
    return texto


def _leer_anio(texto: str, anios: list[int]) -> int:
    try:
        anio = int(texto)
    except ValueError:
        raise estado.ValorInvalido("el año se escribe con cuatro cifras, como 2020") from None
    if anio not in anios:
        raise estado.ValorInvalido(f"no hay libros de ese año (los hay de "
                                   f"{', '.join(map(str, anios))})")
    return anio


def _leer_fecha(texto: str, desde: date, hasta: date) -> date:
    try:
        fecha = date.fromisoformat(texto)
    except ValueError:
        raise estado.ValorInvalido("la fecha se escribe AAAA-MM-DD, como 2020-09-30") from None
    if not desde <= fecha <= hasta:
        raise estado.ValorInvalido(f"la fecha debe estar entre el {desde:%d/%m/%Y} y el "
                                   f"{hasta:%d/%m/%Y}")
    return fecha


def _fecha_de_corte(anio: int) -> date:
    desde, hasta = date(anio, 1, 1), date(anio, 12, 31)
    fecha = estado.elegir(estado.CORTE, fecha_corte_predeterminada(anio).date(),
                          partial(_leer_fecha, desde=desde, hasta=hasta))
    st.date_input(
        "Fecha de corte", min_value=desde, max_value=hasta, format="DD/MM/YYYY",
        key=estado.CORTE.clave,
        help="Solo cuentan las evidencias y mediciones con fecha hasta este día.",
    )
    st.pills("Ir al fin de mes", list(range(1, 13)), key="mes",
             format_func=lambda mes: MESES_CORTOS[mes - 1], on_change=_ir_a_fin_de_mes,
             args=(anio,), help="Repase el año mes por mes: cada botón pone el corte al último día.")
    return fecha


@protegido
def _ir_a_fin_de_mes(anio: int) -> None:
    mes = st.session_state["mes"]
    if mes:
        st.session_state[estado.CORTE.clave] = fines_de_mes(anio)[mes - 1].date()
        st.session_state["mes"] = None


def _fecha_de_comparacion(datos: DatosAnio, corte: pd.Timestamp) -> date:
    """«Since the last meeting»: the previous session, else the previous month end. A new
    cut-off brings back this default, unless the address names the date."""
    predeterminada = corte_anterior(corte, datos.sesiones[v.FECHA]).date()
    desde = min(date(datos.anio - 1, 1, 1), predeterminada)
    fecha = estado.elegir(estado.COMPARAR, predeterminada,
                          partial(_leer_fecha, desde=desde, hasta=corte.date()),
                          conservar=not estado.cambio(estado.CORTE))
    st.date_input(
        "Comparar con", min_value=desde, max_value=corte.date(), format="DD/MM/YYYY",
        key=estado.COMPARAR.clave,
        help="Fecha de la sesión anterior (hoja Sesiones) o, si no hay, el fin del mes anterior.",
    )
    return fecha


def _archivos_leidos(archivos: list[Path]) -> None:
    lineas = []
    for ruta in archivos:
        try:
            modificado = datetime.fromtimestamp(ruta.stat().st_mtime)
            lineas.append(f"{ruta.name} · modificado el {modificado:%d/%m/%Y a las %H:%M}")
        except OSError:
            lineas.append(f"{ruta.name} · no encontrado")
    st.sidebar.caption("Archivos leídos:  \n" + "  \n".join(literal(linea) for linea in lineas))


def guardar(contexto: Contexto) -> None:
    st.session_state["_contexto"] = contexto


def actual() -> Contexto:
    """The context the entrypoint prepared for this run."""
    return st.session_state["_contexto"]
