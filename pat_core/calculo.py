"""Target attainment and deadline risk at a cut-off date (fecha de corte).

Only evidence and measurements dated on or before the cut-off count, so any
past date replays the programme as it stood then. The rules are documented
in the README («Cómo se calcula»); their thresholds live in
:class:`pat_core.reglas.Umbrales`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import vocabulario as v
from . import al_corte
from .al_corte import GRUPO
from .anio import DatosAnio
from .contrato import FILA
from .problemas import AVISO, Problema
from .reglas import Umbrales


@dataclass(frozen=True)
class Evaluacion:
    """The programme as it stood at ``corte``."""

    corte: pd.Timestamp
    actividades: pd.DataFrame
    indicadores: pd.DataFrame
    secciones: pd.DataFrame


def evaluar(datos: DatosAnio, corte, umbrales: Umbrales = Umbrales()) -> Evaluacion:
    """One programme at ``corte``: the rules of :mod:`pat_core.al_corte`, applied to a single group."""
    corte = pd.Timestamp(corte).normalize()
    actividades = actividades_al_corte(_un_grupo(datos.actividades), _un_grupo(datos.evidencias),
                                       corte, [umbrales], _un_grupo(datos.hitos))
    indicadores = indicadores_al_corte(_un_grupo(datos.indicadores), _un_grupo(datos.mediciones),
                                       actividades, corte, datos.anio, [umbrales],
                                       _un_grupo(datos.sesiones))
    actividades, indicadores = actividades.drop(columns=GRUPO), indicadores.drop(columns=GRUPO)
    return Evaluacion(corte, actividades, indicadores, resumen_por_seccion(datos, actividades, indicadores))


def _un_grupo(marco: pd.DataFrame) -> pd.DataFrame:
    return marco.assign(**{GRUPO: np.zeros(len(marco), dtype=np.int64)})


def _columnas(marco: pd.DataFrame) -> dict[str, np.ndarray]:
    return {columna: marco[columna].to_numpy() for columna in marco.columns}


def hasta(marco: pd.DataFrame, columna: str, corte: pd.Timestamp) -> pd.DataFrame:
    """The rows dated on or before the cut-off, oldest first (sheet order on ties)."""
    return marco[marco[columna] <= corte].sort_values([columna, FILA], kind="stable")


def actividades_al_corte(actividades: pd.DataFrame, evidencias: pd.DataFrame,
                         corte: pd.Timestamp, umbrales: list[Umbrales],
                         hitos: pd.DataFrame) -> pd.DataFrame:
    """Progress, evidence, state, missed milestones and semáforo of each activity
    (:func:`pat_core.al_corte.actividades_al_corte`); ``umbrales`` per group."""
    return actividades.assign(**al_corte.actividades_al_corte(
        _columnas(actividades), _columnas(evidencias), al_corte.dia(corte), umbrales,
        _columnas(hitos)))


def indicadores_al_corte(indicadores: pd.DataFrame, mediciones: pd.DataFrame,
                         actividades: pd.DataFrame, corte: pd.Timestamp, anio: int,
                         umbrales: list[Umbrales], sesiones: pd.DataFrame) -> pd.DataFrame:
    """Value, expected value, attainment and state of each target
    (:func:`pat_core.al_corte.indicadores_al_corte`); ``umbrales`` per group."""
    return indicadores.assign(**al_corte.indicadores_al_corte(
        _columnas(indicadores), _columnas(mediciones), _columnas(actividades), al_corte.dia(corte),
        anio, umbrales, _columnas(sesiones)))


def hitos_vencidos(datos: DatosAnio, evaluacion: Evaluacion) -> pd.DataFrame:
    """One programme's milestones missed by its cut-off (the rule of
    :func:`pat_core.al_corte.hitos_vencidos`), with ``Desde``, the day their window opened;
    by activity, limit and sheet row."""
    hitos = _un_grupo(datos.hitos)
    filas, _, desde = al_corte.hitos_vencidos(
        _columnas(hitos), _columnas(_un_grupo(evaluacion.actividades)),
        _columnas(_un_grupo(datos.evidencias)), al_corte.dia(evaluacion.corte))
    return (datos.hitos.iloc[filas].assign(**{v.DESDE: desde})
            .sort_values([v.CLAVE_ACTIVIDAD, v.FECHA_LIMITE, FILA], kind="stable")
            .reset_index(drop=True))


def ordinarias_celebradas(sesiones: pd.DataFrame, corte) -> int:
    """How many ordinary sessions one programme held by the cut-off."""
    return int(al_corte.ordinarias(_columnas(sesiones), al_corte.dia(corte)).sum())


def resumen_por_seccion(datos: DatosAnio, actividades: pd.DataFrame,
                        indicadores: pd.DataFrame) -> pd.DataFrame:
    """One row per section: targets met and activities by state and by colour."""
    nombres = datos.indicadores.groupby(v.SECCION, sort=False)[v.NOMBRE_SECCION].first()
    filas = pd.DataFrame({v.SECCION: nombres.index, v.NOMBRE_SECCION: nombres.values})
    por_seccion = filas[v.SECCION]
    ind = indicadores.groupby(v.SECCION)
    filas[v.INDICADORES] = por_seccion.map(ind.size()).fillna(0).astype(int)
    filas[v.METAS_CUMPLIDAS] = por_seccion.map(
        ind[v.ESTADO_META].agg(lambda e: int((e == v.CUMPLIDA).sum()))).fillna(0).astype(int)
    act = actividades.groupby(v.SECCION)
    filas[v.ACTIVIDADES] = por_seccion.map(act.size()).fillna(0).astype(int)
    filas[v.AVANCE_PROMEDIO] = por_seccion.map(act[v.AVANCE].mean()).astype(float)
    for estado in v.ESTADOS_ACTIVIDAD:
        filas[estado] = por_seccion.map(
            act[v.ESTADO].agg(lambda e, x=estado: int((e == x).sum()))).fillna(0).astype(int)
    for color in v.SEMAFOROS:
        filas[color] = por_seccion.map(
            act[v.SEMAFORO].agg(lambda s, x=color: int((s == x).sum()))).fillna(0).astype(int)
    return filas


def avisos_al_corte(datos: DatosAnio, actividades: pd.DataFrame) -> list[Problema]:
    """Warnings that depend on the cut-off: activities past their end with no evidence."""
    sin_evidencia = actividades[(actividades[v.DIAS_RESTANTES] < 0) & (actividades[v.EVIDENCIAS] == 0)]
    libro = datos.archivos[0].name if datos.archivos else ""
    return [
        Problema(AVISO, libro, v.HOJA_ACTIVIDADES, int(fila[FILA]), v.CLAVE_ACTIVIDAD,
                 fila[v.CLAVE_ACTIVIDAD],
                 f"La actividad terminó el {fila[v.FECHA_FIN]:%d/%m/%Y} y no tiene ninguna evidencia.")
        for _, fila in sin_evidencia.iterrows()
    ]


def evidencias_al_corte(datos: DatosAnio, evaluacion: Evaluacion) -> pd.DataFrame:
    """The evidence dated on or before the cut-off, newest first, with its activity's place."""
    lugar = evaluacion.actividades[[v.CLAVE_ACTIVIDAD, v.SECCION, v.CLAVE_INDICADOR, v.ACTIVIDAD]]
    tabla = hasta(datos.evidencias, v.FECHA, evaluacion.corte).merge(lugar, on=v.CLAVE_ACTIVIDAD)
    columnas = [v.FECHA, v.SECCION, v.CLAVE_INDICADOR, v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.DESCRIPCION,
                v.AVANCE, v.REGISTRO, v.ENLACE]
    return tabla.iloc[::-1][columnas].reset_index(drop=True)


def vencida_o_en_rojo(actividades: pd.DataFrame) -> pd.Series:
    """Which activities the committee must look at: overdue, or red (at risk of missing
    their end date). The pack, the slides and the risks all ask this same question."""
    return (actividades[v.ESTADO] == v.VENCIDA) | (actividades[v.SEMAFORO] == v.ROJO)


def sin_evidencia(actividades: pd.DataFrame) -> pd.DataFrame:
    """Activities already started (or past) at the cut-off that have no evidence at all."""
    return actividades[(actividades[v.ESTADO] != v.POR_INICIAR) & (actividades[v.EVIDENCIAS] == 0)]


CIFRAS = (v.METAS_CUMPLIDAS, v.ACTIVIDADES_CONCLUIDAS, v.EN_PROCESO, v.VENCIDAS, v.EN_ROJO)


class Cifra(NamedTuple):
    """A headline count; with ``total`` it reads «valor de total», and the targets' card also
    says how many had no cases in the period (:func:`pat_core.presentacion.cifra`)."""

    valor: int
    total: int | None = None
    sin_casos: int = 0


def cifras(evaluacion: Evaluacion, seccion: str | None = None) -> dict[str, Cifra]:
    """The headline counts of the programme (or of one section)."""
    indicadores, actividades = evaluacion.indicadores, evaluacion.actividades
    if seccion is not None:
        indicadores = indicadores[indicadores[v.SECCION] == seccion]
        actividades = actividades[actividades[v.SECCION] == seccion]
    estados = actividades[v.ESTADO].value_counts()
    metas = indicadores[v.ESTADO_META]
    sin_casos = int((metas == v.SIN_CASOS).sum())  # neither met nor missed: out of the total
    valores = (
        Cifra(int((metas == v.CUMPLIDA).sum()), len(indicadores) - sin_casos, sin_casos),
        Cifra(int(estados.get(v.CONCLUIDA, 0)), len(actividades)),
        Cifra(int(estados.get(v.EN_PROCESO, 0))),
        Cifra(int(estados.get(v.VENCIDA, 0))),
        Cifra(int((actividades[v.SEMAFORO] == v.ROJO).sum())),
    )
    return dict(zip(CIFRAS, valores))
