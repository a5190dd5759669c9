"""Tablero PAT core: the committee's workbooks read, validated and computed at a cut-off.

No user interface here (and never streamlit): the dashboard and the command
line are thin layers over these functions.
"""

from .cache import CacheLecturas
from .calculo import Evaluacion, avisos_al_corte, evaluar
from .comites import (
    ComiteDesconocido,
    Consolidado,
    anios_comites,
    carpeta_comite,
    comites_vistos,
    consolidar,
    es_de_comites,
    listar_comites,
    umbrales_comite,
)
from .filtros import FiltroActividades
from .lectura import anios_disponibles, firma
from .anio import DatosAnio, cargar, fecha_corte_predeterminada
from .problemas import Problema
from .reglas import Umbrales, cargar_umbrales

__all__ = [
    "CacheLecturas", "ComiteDesconocido", "Consolidado", "DatosAnio", "Evaluacion",
    "FiltroActividades", "Problema", "Umbrales", "anios_comites", "anios_disponibles",
    "avisos_al_corte", "cargar", "cargar_umbrales", "carpeta_comite", "comites_vistos", "consolidar",
    "es_de_comites", "evaluar", "fecha_corte_predeterminada", "firma", "listar_comites",
    "umbrales_comite",
]
