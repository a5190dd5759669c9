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


GRUPO = "_grupo"  # which programme a row belongs to, when many are computed at once


def evaluar(datos: DatosAnio, corte, umbrales: Umbrales = Umbrales()) -> Evaluacion:
    """One programme at ``corte``: the rules below, applied to a single group."""
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


def hasta(marco: pd.DataFrame, columna: str, corte: pd.Timestamp) -> pd.DataFrame:
    """The rows dated on or before the cut-off, oldest first (sheet order on ties)."""
    orden = [GRUPO, columna, FILA] if GRUPO in marco else [columna, FILA]
    return marco[marco[columna] <= corte].sort_values(orden, kind="stable")


def _por_grupo(umbrales: list[Umbrales], nombre: str, grupos: pd.Series) -> np.ndarray:
    """A threshold for each row, from its group's thresholds."""
    valores = np.asarray([getattr(u, nombre) for u in umbrales], dtype=float)
    return valores[grupos.to_numpy()] if len(valores) else np.zeros(len(grupos))


def _mapear(izquierda: pd.DataFrame, clave: str, serie: pd.Series) -> np.ndarray:
    """``serie`` (indexed by group and key) for each row of ``izquierda``; NaN/NaT where absent.

    Reindexing, not ``Series.map``: pandas fails to map an empty date series."""
    indice = pd.MultiIndex.from_arrays([izquierda[GRUPO], izquierda[clave]])
    return serie.reindex(indice).to_numpy()


def actividades_al_corte(actividades: pd.DataFrame, evidencias: pd.DataFrame,
                         corte: pd.Timestamp, umbrales: list[Umbrales],
                         hitos: pd.DataFrame) -> pd.DataFrame:
    """Progress, evidence, state, missed milestones and semáforo of each activity;
    ``umbrales`` per group."""
    tabla = actividades.copy()
    al_corte = hasta(evidencias, v.FECHA, corte)
    por_actividad = al_corte.groupby([GRUPO, v.CLAVE_ACTIVIDAD], sort=False)
    tabla[v.EVIDENCIAS] = pd.Series(_mapear(tabla, v.CLAVE_ACTIVIDAD, por_actividad.size()),
                                    index=tabla.index).fillna(0).astype(int)
    tabla[v.ULTIMA_EVIDENCIA] = pd.Series(
        _mapear(tabla, v.CLAVE_ACTIVIDAD, por_actividad[v.FECHA].max()),
        index=tabla.index).astype("datetime64[s]")
    ultimo = (al_corte.dropna(subset=[v.AVANCE])
              .groupby([GRUPO, v.CLAVE_ACTIVIDAD], sort=False)[v.AVANCE].last())
    tabla[v.AVANCE] = pd.Series(_mapear(tabla, v.CLAVE_ACTIVIDAD, ultimo),
                                index=tabla.index).fillna(0.0).astype(float)
    inicio, fin = tabla[v.FECHA_INICIO], tabla[v.FECHA_FIN]
    duracion = (fin - inicio).dt.days + 1
    transcurrido = ((corte - inicio).dt.days + 1).clip(lower=0).clip(upper=duracion)
    tabla[v.AVANCE_ESPERADO] = (100 * transcurrido / duracion).astype(float)
    tabla[v.DIAS_RESTANTES] = (fin - corte).dt.days.astype(int)
    tabla[v.ESTADO] = _estado(tabla, corte)
    vencidos = _hitos_vencidos(hitos, tabla, evidencias, corte).groupby(
        [GRUPO, v.CLAVE_ACTIVIDAD], sort=False).size()
    tabla[v.HITOS_VENCIDOS] = pd.Series(_mapear(tabla, v.CLAVE_ACTIVIDAD, vencidos),
                                        index=tabla.index).fillna(0).astype(int)
    tabla[v.SEMAFORO] = _semaforo(tabla, umbrales)
    return tabla


def _estado(tabla: pd.DataFrame, corte: pd.Timestamp) -> np.ndarray:
    concluida = tabla[v.AVANCE] >= 100
    por_iniciar = (corte < tabla[v.FECHA_INICIO]) & (tabla[v.EVIDENCIAS] == 0)
    vencida = corte > tabla[v.FECHA_FIN]  # the end date itself is still on time
    return np.select(
        [concluida, por_iniciar, vencida], [v.CONCLUIDA, v.POR_INICIAR, v.VENCIDA], v.EN_PROCESO
    ).astype(object)


def _semaforo(tabla: pd.DataFrame, umbrales: list[Umbrales]) -> np.ndarray:
    """Deadline risk: how far progress lags the elapsed time, and how close the end is.

    Concluded and not-yet-started activities are green; overdue ones red. For
    the rest, red when the lag reaches ``rezago_rojo`` points, at most
    ``dias_rojo`` days are left or ``hitos_rojo`` milestones were missed; yellow
    likewise with the yellow thresholds, or with one missed milestone.
    """
    estado, grupos = tabla[v.ESTADO], tabla[GRUPO]
    rezago = tabla[v.AVANCE_ESPERADO] - tabla[v.AVANCE]
    dias, hitos = tabla[v.DIAS_RESTANTES], tabla[v.HITOS_VENCIDOS]

    def umbral(nombre: str) -> np.ndarray:
        return _por_grupo(umbrales, nombre, grupos)

    return np.select(
        [
            estado.isin([v.CONCLUIDA, v.POR_INICIAR]),
            estado == v.VENCIDA,
            (rezago >= umbral("rezago_rojo")) | (dias <= umbral("dias_rojo"))
            | (hitos >= umbral("hitos_rojo")),
            (rezago >= umbral("rezago_amarillo")) | (dias <= umbral("dias_amarillo")) | (hitos >= 1),
        ],
        [v.VERDE, v.ROJO, v.ROJO, v.AMARILLO],
        v.VERDE,
    ).astype(object)


def _hitos_vencidos(hitos: pd.DataFrame, actividades: pd.DataFrame, evidencias: pd.DataFrame,
                    corte: pd.Timestamp) -> pd.DataFrame:
    """The milestones missed by the cut-off, with ``Desde``, the day their window opened.

    A milestone is missed once its limit has passed (the limit day itself is still on
    time) with no evidence of its activity dated in its window: after the activity's
    previous milestone, or from the activity's start, up to the limit inclusive.
    Milestones sharing a limit share a window; those of an activity left out of the
    figures (a row with errors) do not count.
    """
    llave = [GRUPO, v.CLAVE_ACTIVIDAD]
    limites = (hitos.loc[hitos[v.FECHA_LIMITE] < corte, [*llave, v.FECHA_LIMITE]]
               .drop_duplicates().sort_values([*llave, v.FECHA_LIMITE]))
    inicio = pd.Series(_mapear(limites, v.CLAVE_ACTIVIDAD,
                               actividades.set_index(llave)[v.FECHA_INICIO]),
                       index=limites.index, dtype="datetime64[s]")
    anterior = limites.groupby(llave, sort=False)[v.FECHA_LIMITE].shift()
    limites = limites.assign(**{v.DESDE: anterior.fillna(inicio - pd.Timedelta(days=1))})
    limites = limites[inicio.notna()]
    cruce = limites.merge(evidencias[[*llave, v.FECHA]], on=llave)
    en_ventana = cruce[(cruce[v.FECHA] > cruce[v.DESDE]) & (cruce[v.FECHA] <= cruce[v.FECHA_LIMITE])]
    cumplidos = pd.MultiIndex.from_frame(en_ventana[[*llave, v.FECHA_LIMITE]])
    vencidos = limites[~pd.MultiIndex.from_frame(limites[[*llave, v.FECHA_LIMITE]]).isin(cumplidos)]
    vencidos = vencidos.assign(**{v.DESDE: vencidos[v.DESDE] + pd.Timedelta(days=1)})
    return hitos.merge(vencidos, on=[*llave, v.FECHA_LIMITE]).sort_values(
        [*llave, v.FECHA_LIMITE, FILA], kind="stable")


def hitos_vencidos(datos: DatosAnio, evaluacion: Evaluacion) -> pd.DataFrame:
    """One programme's milestones missed by its cut-off (the rule of :func:`_hitos_vencidos`)."""
    return _hitos_vencidos(_un_grupo(datos.hitos), _un_grupo(evaluacion.actividades),
                           _un_grupo(datos.evidencias), evaluacion.corte).drop(columns=GRUPO)


def _vigentes(mediciones: pd.DataFrame) -> pd.DataFrame:
    """The measurements that can be the latest: a 0 of 0 after one with cases does not erase
    it (a target's value is the year's to date: once there were cases, there were cases)."""
    con_casos = mediciones[v.TOTAL].ne(0)  # an empty Total (a `número` target) has its value
    hubo = con_casos.groupby([mediciones[GRUPO], mediciones[v.CLAVE_INDICADOR]]).cummax()
    return mediciones[con_casos | ~hubo]


def indicadores_al_corte(indicadores: pd.DataFrame, mediciones: pd.DataFrame,
                         actividades: pd.DataFrame, corte: pd.Timestamp, anio: int,
                         umbrales: list[Umbrales], sesiones: pd.DataFrame) -> pd.DataFrame:
    """Value, expected value, attainment and state of each target; ``umbrales`` per group."""
    tabla = indicadores.copy()
    calculo, porcentaje = tabla[v.CALCULO], tabla[v.UNIDAD] == v.PORCENTAJE
    por_medicion = calculo == v.MEDICION
    ultima = (_vigentes(hasta(mediciones, v.FECHA_CORTE, corte))
              .drop_duplicates([GRUPO, v.CLAVE_INDICADOR], keep="last")
              .set_index([GRUPO, v.CLAVE_INDICADOR]))
    logrado = _mapear(tabla, v.CLAVE_INDICADOR, ultima[v.LOGRADO]).astype(float)
    total = _mapear(tabla, v.CLAVE_INDICADOR, ultima[v.TOTAL]).astype(float)
    sin_casos = por_medicion & porcentaje & (total == 0)  # 0 of 0: validation refuses more of 0
    with np.errstate(divide="ignore", invalid="ignore"):
        medido = np.where(porcentaje, 100 * logrado / np.where(sin_casos, np.nan, total), logrado)
    llave = [actividades[GRUPO], actividades[v.CLAVE_INDICADOR]]
    concluidas = (actividades[v.ESTADO] == v.CONCLUIDA).groupby(llave)
    por_actividades = np.where(porcentaje, _mapear(tabla, v.CLAVE_INDICADOR, 100 * concluidas.mean()),
                               _mapear(tabla, v.CLAVE_INDICADOR, concluidas.sum()))
    vencen = _mapear(tabla, v.CLAVE_INDICADOR,
                     (actividades[v.FECHA_FIN] <= corte).groupby(llave).mean())
    inicio, fin = pd.Timestamp(anio, 1, 1), pd.Timestamp(anio, 12, 31)
    fraccion_anio = min(1.0, max(0.0, ((corte - inicio).days + 1) / ((fin - inicio).days + 1)))

    tabla[v.VALOR_LOGRADO] = np.select(
        [por_medicion, calculo == v.POR_SESIONES],
        [medido, _ordinarias(sesiones, corte).groupby(sesiones[GRUPO]).sum()
         .reindex(tabla[GRUPO], fill_value=0).to_numpy()],
        por_actividades).astype(float)
    tabla[v.FECHA_MEDICION] = pd.Series(
        _mapear(tabla, v.CLAVE_INDICADOR, ultima[v.FECHA_CORTE]), index=tabla.index,
        dtype="datetime64[s]").where(por_medicion).astype("datetime64[s]")
    tabla[v.VALOR_ESPERADO] = (
        tabla[v.VALOR_META] * np.where(calculo == v.POR_ACTIVIDADES, vencen.astype(float), fraccion_anio)
    ).astype(float)
    tabla[v.CUMPLIMIENTO] = (100 * tabla[v.VALOR_LOGRADO] / tabla[v.VALOR_META]).astype(float)
    tabla[v.ESTADO_META] = _estado_meta(tabla, sin_casos, corte >= fin, umbrales)
    return tabla


def _ordinarias(sesiones: pd.DataFrame, corte: pd.Timestamp) -> pd.Series:
    """Which sessions are ordinary ones held by the cut-off (an extraordinaria never counts)."""
    return (sesiones[v.FECHA] <= corte) & (sesiones[v.TIPO] == v.ORDINARIA)


def ordinarias_celebradas(sesiones: pd.DataFrame, corte) -> int:
    """How many ordinary sessions one programme held by the cut-off."""
    return int(_ordinarias(sesiones, pd.Timestamp(corte).normalize()).sum())


def _estado_meta(tabla: pd.DataFrame, sin_casos: pd.Series, anio_cerrado: bool,
                 umbrales: list[Umbrales]) -> np.ndarray:
    """Met, on track, at risk, missed, without cases in the period, or not measured.

    Below its target, an indicator is «En camino» while its value reaches
    ``ritmo_minimo_meta`` % of the value expected by the cut-off, «En riesgo»
    otherwise, and «No cumplida» once the year has closed.
    """
    valor = tabla[v.VALOR_LOGRADO]
    ritmo = _por_grupo(umbrales, "ritmo_minimo_meta", tabla[GRUPO])
    al_ritmo = valor >= tabla[v.VALOR_ESPERADO] * ritmo / 100
    return np.select(
        [sin_casos, valor.isna(), valor >= tabla[v.VALOR_META],
         pd.Series(anio_cerrado, index=tabla.index), al_ritmo],
        [v.SIN_CASOS, v.SIN_MEDICION, v.CUMPLIDA, v.NO_CUMPLIDA, v.EN_CAMINO],
        v.EN_RIESGO,
    ).astype(object)


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
