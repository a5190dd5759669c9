"""What every page stands on: the data folder, the cached loads and the sidebar controls.

Loads are cached keyed on each file's path, modification time and size, so a
workbook saved in Excel shows on the next rerun without restarting the server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import streamlit as st

from pat_core import (
    DatosAnio,
    Evaluacion,
    Problema,
    anios_disponibles,
    avisos_al_corte,
    cargar,
    cargar_umbrales,
    evaluar,
    fecha_corte_predeterminada,
    firma,
)
from pat_core.cli import VARIABLE_DATOS
from pat_core.lectura import ruta_evidencias, ruta_pat
from pat_core.reglas import ARCHIVO_UMBRALES

RAIZ = Path(__file__).resolve().parent.parent
DATOS_INCLUIDOS = RAIZ / "data"
ESCALA_PROYECTOR = 1.6
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$:"})
_VALORES_SI = {"1", "true", "si", "sí"}


@dataclass(frozen=True)
class Contexto:
    """The programme being looked at: year, cut-off, data, figures and problems."""

    carpeta: Path
    datos: DatosAnio
    evaluacion: Evaluacion
    problemas: list[Problema]
    proyector: bool

    @property
    def escala(self) -> float:
        return ESCALA_PROYECTOR if self.proyector else 1.0

    @property
    def errores(self) -> int:
        return sum(p.es_error for p in self.problemas)


def literal(texto: str) -> str:
    """Text from a workbook or a path, escaped so markdown shows it exactly as typed."""
    return str(texto).translate(_MARKDOWN)


def carpeta_datos() -> Path:
    """Chosen by configuration only ($PAT_DATOS), never by anything typed in the browser."""
    return Path(os.environ.get(VARIABLE_DATOS) or DATOS_INCLUIDOS)


@st.cache_data(max_entries=32, show_spinner=False)
def _cargar(carpeta: str, anio: int, huella: tuple) -> DatosAnio:
    return cargar(Path(carpeta), anio)


@st.cache_data(max_entries=8, show_spinner=False)
def _umbrales(carpeta: str, huella: tuple):
    return cargar_umbrales(Path(carpeta))


@st.cache_data(max_entries=64, show_spinner=False)
def _evaluar(carpeta: str, anio: int, huella: tuple, corte: date) -> tuple[Evaluacion, list[Problema]]:
    datos = _cargar(carpeta, anio, huella[:-1])
    umbrales, problemas_umbrales = _umbrales(carpeta, huella[-1:])
    evaluacion = evaluar(datos, corte, umbrales)
    problemas = datos.problemas + problemas_umbrales + avisos_al_corte(datos, evaluacion.actividades)
    return evaluacion, problemas


def modo_proyector() -> bool:
    return str(st.query_params.get("proyector", "")).strip().lower() in _VALORES_SI


def _cambiar_proyector() -> None:
    if st.session_state["proyector"]:
        st.query_params["proyector"] = "1"
    elif "proyector" in st.query_params:
        del st.query_params["proyector"]


def preparar(proyector: bool) -> Contexto:
    """Draw the sidebar controls and compute the programme they select."""
    carpeta = carpeta_datos()
    anios = anios_disponibles(carpeta)
    if not anios:
        st.error(f"No se encontró ningún libro «pat_AAAA.xlsx» en la carpeta de datos «{carpeta}». "
                 f"Revise la variable {VARIABLE_DATOS} o cree los libros con "
                 "«python -m pat_core plantilla».")
        st.stop()
    with st.sidebar:
        anio = st.selectbox("Año del programa", anios, index=len(anios) - 1, key="anio")
        corte = st.date_input(
            "Fecha de corte", value=fecha_corte_predeterminada(anio).date(),
            min_value=date(anio, 1, 1), max_value=date(anio, 12, 31),
            format="DD/MM/YYYY", key=f"corte_{anio}",
            help="Solo cuentan las evidencias y mediciones con fecha hasta este día.",
        )
        if st.button("Recargar datos", icon=":material/refresh:", width="stretch"):
            st.cache_data.clear()
        st.toggle("Modo proyector", value=proyector, key="proyector", on_change=_cambiar_proyector,
                  help="Letra grande y alto contraste para la sesión; también con ?proyector=1.")
    archivos = [ruta_pat(carpeta, anio), ruta_evidencias(carpeta, anio)]
    huella = firma(archivos + [carpeta / ARCHIVO_UMBRALES])
    datos = _cargar(str(carpeta), anio, huella[:-1])
    evaluacion, problemas = _evaluar(str(carpeta), anio, huella, corte)
    _archivos_leidos(archivos)
    return Contexto(carpeta, datos, evaluacion, problemas, proyector)


def _archivos_leidos(archivos: list[Path]) -> None:
    lineas = []
    for ruta in archivos:
        try:
            modificado = datetime.fromtimestamp(ruta.stat().st_mtime)
            lineas.append(f"{ruta.name} · modificado el {modificado:%d/%m/%Y a las %H:%M}")
        except OSError:
            lineas.append(f"{ruta.name} · no encontrado")
    st.sidebar.caption("Archivos leídos:  \n" + "  \n".join(literal(l) for l in lineas))


def guardar(contexto: Contexto) -> None:
    st.session_state["_contexto"] = contexto


def actual() -> Contexto:
    """The context the entrypoint prepared for this run."""
    return st.session_state["_contexto"]
