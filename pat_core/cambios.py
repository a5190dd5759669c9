"""What changed between two cut-offs: the list the committee reads at the start of a meeting."""

from __future__ import annotations

import pandas as pd

from . import presentacion as p
from . import vocabulario as v
from .calculo import Evaluacion
from .anio import DatosAnio


def cambios(datos: DatosAnio, antes: Evaluacion, ahora: Evaluacion) -> pd.DataFrame:
    """Newly concluded and overdue activities, semáforo moves, target state changes, new evidence."""
    actividades = antes.actividades.set_index(v.CLAVE_ACTIVIDAD).join(
        ahora.actividades.set_index(v.CLAVE_ACTIVIDAD), suffixes=("_antes", ""))
    filas = []
    for clave, fila in actividades.iterrows():
        estado_antes, estado = fila[f"{v.ESTADO}_antes"], fila[v.ESTADO]
        if estado != estado_antes and estado in (v.CONCLUIDA, v.VENCIDA):
            tipo = v.ACTIVIDAD_CONCLUIDA if estado == v.CONCLUIDA else v.ACTIVIDAD_VENCIDA
            filas.append((tipo, clave, fila[v.ACTIVIDAD], estado_antes, estado))
        if fila[v.SEMAFORO] != fila[f"{v.SEMAFORO}_antes"]:
            filas.append((v.CAMBIO_SEMAFORO, clave, fila[v.ACTIVIDAD],
                          fila[f"{v.SEMAFORO}_antes"], fila[v.SEMAFORO]))
    indicadores = antes.indicadores.set_index(v.CLAVE_INDICADOR).join(
        ahora.indicadores.set_index(v.CLAVE_INDICADOR), suffixes=("_antes", ""))
    for clave, fila in indicadores.iterrows():
        if fila[v.ESTADO_META] != fila[f"{v.ESTADO_META}_antes"]:
            filas.append((v.CAMBIO_META, clave, fila[v.INDICADOR], fila[f"{v.ESTADO_META}_antes"],
                          fila[v.ESTADO_META]))
    evidencias = datos.evidencias[(datos.evidencias[v.FECHA] > antes.corte)
                                  & (datos.evidencias[v.FECHA] <= ahora.corte)]
    for _, fila in evidencias.iterrows():
        avance = "" if pd.isna(fila[v.AVANCE]) else f" · avance {p.numero(fila[v.AVANCE])} %"
        filas.append((v.NUEVA_EVIDENCIA, fila[v.CLAVE_ACTIVIDAD], fila[v.DESCRIPCION] or "",
                      "", f"{p.fecha(fila[v.FECHA])}{avance}"))
    tabla = pd.DataFrame(filas, columns=list(v.COLUMNAS_CAMBIOS))
    orden = tabla[v.TIPO_CAMBIO].map({t: i for i, t in enumerate(v.TIPOS_CAMBIO)})
    return tabla.iloc[orden.argsort(kind="stable")].reset_index(drop=True)


def corte_anterior(corte: pd.Timestamp, sesiones: pd.Series) -> pd.Timestamp:
    """What «since the last meeting» means: the last session before the cut-off, else
    the end of the month before the cut-off's month."""
    previas = sesiones[sesiones < corte]
    if not previas.empty:
        return pd.Timestamp(previas.max())
    return pd.Timestamp(corte).replace(day=1) - pd.Timedelta(days=1)
