"""Filters of the activity list, shared by the dashboard and the command line.

Both must give exactly the same rows for the same choices: the CSV a member
downloads for the minutes is the one ``python -m pat_core actividades`` writes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import celdas
from . import vocabulario as v

COLUMNAS_BUSQUEDA = (v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.MECANISMO, v.RIESGOS, v.RESPONSABLE)


@dataclass(frozen=True)
class FiltroActividades:
    """Each field holds the values accepted; an empty one accepts all."""

    secciones: tuple[str, ...] = ()
    indicadores: tuple[str, ...] = ()
    estados: tuple[str, ...] = ()
    semaforos: tuple[str, ...] = ()
    responsables: tuple[str, ...] = ()
    texto: str = ""

    def aplicar(self, actividades: pd.DataFrame) -> pd.DataFrame:
        conserva = pd.Series(True, index=actividades.index)
        for columna, valores in (
            (v.SECCION, self.secciones),
            (v.CLAVE_INDICADOR, self.indicadores),
            (v.ESTADO, self.estados),
            (v.SEMAFORO, self.semaforos),
            (v.RESPONSABLE, self.responsables),
        ):
            if valores:
                conserva &= actividades[columna].isin(valores)
        return actividades[conserva & contiene(actividades, COLUMNAS_BUSQUEDA, self.texto)]


def contiene(marco: pd.DataFrame, columnas, texto: str) -> pd.Series:
    """Rows where ``texto`` appears in any of ``columnas``, ignoring case, accents and spacing."""
    if not texto.strip():
        return pd.Series(True, index=marco.index)
    unido = marco[list(columnas)].fillna("").astype(str).agg(" ".join, axis=1)
    return unido.map(_plano).str.contains(_plano(texto), regex=False)


def _plano(texto: str) -> str:
    return " ".join(celdas.sin_acentos(texto).lower().split())


def opcion(valor: str, opciones: tuple[str, ...], que: str) -> str:
    """The canonical spelling of a choice typed by a person ('rojo' -> 'Rojo')."""
    for candidata in opciones:
        if celdas.llave_encabezado(candidata) == celdas.llave_encabezado(valor):
            return candidata
    raise ValueError(f"«{valor}» no es {que} válido; use uno de: {', '.join(opciones)}.")
