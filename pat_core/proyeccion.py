"""Year-end projection of each indicator, at the current pace.

Method (documented in the README, «Proyección al 31 de diciembre»):

- ``medición``: with two or more measurements up to the cut-off, the
  least-squares line through them, carried to 31 December; with one, the line
  from 0 on 1 January through it (the value grows at the pace it has had).
  Percentages stay within 0–100 and counts are never negative. A measurement
  without cases (0 of 0) says nothing about the pace and is left out; with
  only such measurements there is nothing to project.
- ``actividades``: an activity counts as concluded at the year's end if it
  already is, if it has not started yet, or if its pace (progress over the
  share of its period elapsed) reaches 100 % by its end date. The projection
  is the share of such activities (their number, for a ``número`` target).
- ``sesiones``: the ordinary sessions held, plus those still to come in the
  calendar (a ``Fecha programada`` after the cut-off, not yet held). Without a
  calendar, the sessions held carried to 31 December at their pace, as one
  measurement would be.
- On the year's last day there is no pace left to carry: the projection is the
  value achieved.

The target is «alcanzable al ritmo actual» when the projection reaches it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import vocabulario as v
from .calculo import Evaluacion, hasta, ordinarias_celebradas
from .anio import DatosAnio


def proyectar(datos: DatosAnio, evaluacion: Evaluacion) -> pd.DataFrame:
    """The indicators with two more columns: the projected value and the verdict. At the
    year's last day there is nothing left to project: the projection is the value achieved."""
    tabla = evaluacion.indicadores.copy()
    if datos.cerrado(evaluacion.corte):
        tabla[v.PROYECCION] = tabla[v.VALOR_LOGRADO].astype(float)
    else:
        tabla[v.PROYECCION] = pd.Series(_al_ritmo_actual(datos, evaluacion), index=tabla.index,
                                        dtype=float)
    tabla[v.VEREDICTO] = np.select(
        [tabla[v.PROYECCION].isna(), tabla[v.PROYECCION] >= tabla[v.VALOR_META]],
        [v.SIN_PROYECCION, v.ALCANZABLE], v.NO_ALCANZABLE,
    ).astype(object)
    return tabla


def _al_ritmo_actual(datos: DatosAnio, evaluacion: Evaluacion) -> list[float]:
    """Each indicator's value on 31 December at the pace it has had up to the cut-off."""
    mediciones = hasta(datos.mediciones, v.FECHA_CORTE, evaluacion.corte)
    a_tiempo = _por_actividades(evaluacion.actividades)
    proyecciones = []
    for _, fila in evaluacion.indicadores.iterrows():
        if fila[v.CALCULO] == v.POR_ACTIVIDADES:
            propias = a_tiempo.get(fila[v.CLAVE_INDICADOR])
            proyecciones.append(np.nan if propias is None else
                                100 * propias.mean() if fila[v.UNIDAD] == v.PORCENTAJE else propias.sum())
        elif fila[v.CALCULO] == v.POR_SESIONES:
            proyecciones.append(_por_sesiones(datos, evaluacion.corte))
        else:
            propias = mediciones[mediciones[v.CLAVE_INDICADOR] == fila[v.CLAVE_INDICADOR]]
            proyecciones.append(_por_mediciones(propias, fila[v.UNIDAD], datos))
    return proyecciones


def _por_mediciones(mediciones: pd.DataFrame, unidad: str, datos: DatosAnio) -> float:
    if unidad == v.PORCENTAJE:
        mediciones = mediciones[mediciones[v.TOTAL] > 0]  # 0 of 0: no cases, no pace
    if mediciones.empty:
        return np.nan
    valores = mediciones[v.LOGRADO].to_numpy(dtype=float)
    if unidad == v.PORCENTAJE:
        valores = 100 * valores / mediciones[v.TOTAL].to_numpy(dtype=float)
    dias = (mediciones[v.FECHA_CORTE] - datos.inicio_anio).dt.days.to_numpy(dtype=float) + 1
    if len(set(dias)) < 2:  # one date only: from 0 on 1 January through it
        dias, valores = np.array([0.0, dias[-1]]), np.array([0.0, valores[-1]])
    pendiente, ordenada = np.polyfit(dias, valores, 1)
    final = pendiente * ((datos.fin_anio - datos.inicio_anio).days + 1) + ordenada
    return float(np.clip(final, 0, 100 if unidad == v.PORCENTAJE else np.inf))


def _por_sesiones(datos: DatosAnio, corte: pd.Timestamp) -> float:
    """Ordinary sessions held, plus those the calendar still plans; without a calendar,
    the sessions held at their pace."""
    sesiones = datos.sesiones
    celebradas = ordinarias_celebradas(sesiones, corte)
    if sesiones[v.FECHA_PROGRAMADA].notna().any():
        por_venir = ((sesiones[v.TIPO] == v.ORDINARIA) & (sesiones[v.FECHA_PROGRAMADA] > corte)
                     & ~(sesiones[v.FECHA] <= corte))
        return float(celebradas + por_venir.sum())
    una = pd.DataFrame({v.FECHA_CORTE: [corte], v.LOGRADO: [celebradas], v.TOTAL: [np.nan]})
    return _por_mediciones(una, v.NUMERO, datos)


def _por_actividades(actividades: pd.DataFrame) -> dict[str, pd.Series]:
    """Whether each of an indicator's activities is concluded, or on pace to conclude by its
    end; by indicator."""
    fraccion = actividades[v.AVANCE_ESPERADO] / 100
    ritmo_final = np.where(fraccion > 0, actividades[v.AVANCE] / fraccion.where(fraccion > 0, 1), 0)
    # not started yet (even with early evidence): nothing says it will miss its end
    a_tiempo = actividades[v.ESTADO].isin([v.CONCLUIDA, v.POR_INICIAR]) | (
        (actividades[v.ESTADO] == v.EN_PROCESO) & ((ritmo_final >= 100) | (fraccion <= 0))
    )
    return dict(list(a_tiempo.groupby(actividades[v.CLAVE_INDICADOR])))
