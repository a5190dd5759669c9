"""Replay: the programme at each month end of its year, for the month-by-month trend.

A month whose latest measurement had no cases (0 of 0, «Sin casos») has no value,
as a month not yet measured: the line has a gap there, never a made-up 0 or 100.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import vocabulario as v
from .calculo import evaluar
from .anio import DatosAnio
from .reglas import Umbrales


def fines_de_mes(anio: int, hasta: pd.Timestamp | None = None) -> list[pd.Timestamp]:
    """The month ends of ``anio``, up to ``hasta`` (and ``hasta`` itself if mid-month)."""
    fines = list(pd.date_range(f"{anio}-01-31", periods=12, freq="ME"))
    if hasta is None:
        return fines
    hasta = pd.Timestamp(hasta).normalize()
    return [f for f in fines if f <= hasta] + ([hasta] if hasta not in fines else [])


@dataclass(frozen=True)
class Tendencia:
    """Values at each month end: one row per indicator and per section, one column per date."""

    indicadores: pd.DataFrame  # Valor logrado, index Clave indicador
    secciones: pd.DataFrame  # Avance promedio %, index Sección

    def serie_indicador(self, clave: str) -> list[float | None]:
        return _serie(self.indicadores, clave)

    def serie_seccion(self, seccion: str) -> list[float | None]:
        return _serie(self.secciones, seccion)


def _serie(marco: pd.DataFrame, fila: str) -> list[float | None]:
    if fila not in marco.index:
        return []
    return [None if pd.isna(x) else float(x) for x in marco.loc[fila]]


def tendencia(datos: DatosAnio, corte, umbrales: Umbrales = Umbrales()) -> Tendencia:
    """Replay the year month by month up to the cut-off."""
    indicadores, secciones = {}, {}
    for fecha in fines_de_mes(datos.anio, corte):
        evaluacion = evaluar(datos, fecha, umbrales)
        indicadores[fecha] = evaluacion.indicadores.set_index(v.CLAVE_INDICADOR)[v.VALOR_LOGRADO]
        secciones[fecha] = evaluacion.secciones.set_index(v.SECCION)[v.AVANCE_PROMEDIO]
    return Tendencia(pd.DataFrame(indicadores), pd.DataFrame(secciones))
