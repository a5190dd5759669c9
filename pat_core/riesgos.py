"""Which of the risks named in the plan are materialising.

Every activity names its risks in the column ``Riesgos`` of the plan: one risk, or
several, one per line of the cell (Alt+Enter in Excel) or separated by «;». The
same risk is often typed with different case, accents, spacing or a final period
(the seed writes «tecnológicos» and «tecnologicos»): two spellings are one risk
when they are equal once those differences are dropped (:func:`clave_riesgo`). A
risk is called by its most frequent spelling; on a tie, by the first in plan order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pandas as pd

from . import presentacion as p
from . import vocabulario as v
from .calculo import Evaluacion, vencida_o_en_rojo

SEPARADOR = re.compile(r"[;\n]")
"""What separates two risks in one cell: a line break or a semicolon."""

SEPARADOR_CLAVES = ", "
_PUNTUACION_FINAL = ".,;:!?¡¿… "


def riesgos_de(celda) -> list[str]:
    """The risks a cell names, as typed (trimmed), each once; none for an empty cell."""
    if not isinstance(celda, str):
        return []
    vistos: dict[str, str] = {}
    for parte in SEPARADOR.split(celda):
        texto = " ".join(parte.split())
        if clave := clave_riesgo(texto):
            vistos.setdefault(clave, texto)
    return list(vistos.values())


def clave_riesgo(texto: str) -> str:
    """What two spellings of one risk share: no case, accents, extra spaces or final
    punctuation. «Problemas tecnologicos …» and «problemas  tecnológicos ….» are one."""
    sin_acentos = "".join(c for c in unicodedata.normalize("NFKD", texto.casefold())
                          if not unicodedata.combining(c))
    return " ".join(sin_acentos.split()).rstrip(_PUNTUACION_FINAL)


def riesgos_al_corte(evaluacion: Evaluacion) -> pd.DataFrame:
    """:func:`tabla_riesgos` with what the screens add: how many of each risk's activities
    are red or overdue (``Rojas o vencidas``) and their keys, in the same order."""
    actividades = evaluacion.actividades
    atender = vencida_o_en_rojo(actividades)
    grupos: dict[str, list] = {}  # key of the risk -> [spellings, rows]; plan order
    for fila, celda in enumerate(actividades[v.RIESGOS]):
        for riesgo in riesgos_de(celda):
            grupo = grupos.setdefault(clave_riesgo(riesgo), [[], []])
            grupo[0].append(riesgo)
            grupo[1].append(fila)
    tabla = pd.DataFrame([_fila(escritos, actividades.iloc[filas], atender.iloc[filas])
                          for escritos, filas in grupos.values()],
                         columns=[*v.COLUMNAS_RIESGOS, v.ROJAS_O_VENCIDAS,
                                  v.CLAVES_ROJAS_O_VENCIDAS])
    return tabla.sort_values([v.ROJAS_O_VENCIDAS, v.ACTIVIDADES], ascending=False,
                             kind="stable", ignore_index=True)


def tabla_riesgos(evaluacion: Evaluacion) -> pd.DataFrame:
    """One row per risk named in the plan: how many activities name it, how many of them
    are concluded, red and overdue at the cut-off, and their keys. The risks with most
    activities red or overdue come first, then those named by most activities."""
    return riesgos_al_corte(evaluacion)[list(v.COLUMNAS_RIESGOS)]


def _fila(escritos: list[str], actividades: pd.DataFrame, atender: pd.Series) -> list:
    nombre = Counter(escritos).most_common(1)[0][0]  # ties: the first counted, in plan order
    return [nombre, len(actividades),
            int((actividades[v.ESTADO] == v.CONCLUIDA).sum()),
            int((actividades[v.SEMAFORO] == v.ROJO).sum()),
            int((actividades[v.ESTADO] == v.VENCIDA).sum()),
            _claves(actividades[v.CLAVE_ACTIVIDAD]),
            int(atender.sum()),
            _claves(actividades[v.CLAVE_ACTIVIDAD][atender.to_numpy()])]


def _claves(claves: pd.Series) -> str:
    return SEPARADOR_CLAVES.join(sorted(claves, key=p.orden_natural))
