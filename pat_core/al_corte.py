"""The rules at a cut-off (fecha de corte), over typed columns: no pandas.

Each rule takes the columns of a sheet (a mapping of column name to array, as
:mod:`pat_core.contrato` types them, with :data:`GRUPO` saying which programme a row
belongs to) and returns the new columns. :mod:`pat_core.calculo` applies them to one
programme's DataFrames, :mod:`pat_core.comites` to every committee's columns at once;
the command line's roll-up so never imports pandas. The rules themselves are
documented in :mod:`pat_core.calculo` and in the README («Cómo se calcula»); their
thresholds live in :class:`pat_core.reglas.Umbrales`.

Only evidence and measurements dated on or before the cut-off count, so any past
date replays the programme as it stood then.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import vocabulario as v
from .contrato import DTYPES, FECHA, FILA, Columnas, desde_buffer, en_numpy
from .reglas import Umbrales

GRUPO = "_grupo"  # which programme a row belongs to, when many are computed at once

_DIA = np.timedelta64(1, "D")
_SEGUNDOS = DTYPES[FECHA]


def dia(corte) -> np.datetime64:
    """A cut-off as the date columns hold it (a day, to the second)."""
    return np.datetime64(corte, "D").astype(_SEGUNDOS)


# ---------------------------------------------------------------- activities


def actividades_al_corte(actividades: Columnas, evidencias: Columnas, corte: np.datetime64,
                         umbrales: list[Umbrales], hitos: Columnas) -> dict[str, np.ndarray]:
    """Evidence, progress, expected progress, days left, state, missed milestones and
    semáforo of each activity (see :func:`pat_core.calculo.actividades_al_corte`)."""
    n = _filas(actividades)
    de_actividad = posiciones(actividades, v.CLAVE_ACTIVIDAD, evidencias, v.CLAVE_ACTIVIDAD)
    fechas = fechas_de(evidencias[v.FECHA])
    cuentan = (de_actividad >= 0) & (fechas <= corte)
    actividad, fecha = de_actividad[cuentan], fechas[cuentan]
    nuevas = {v.EVIDENCIAS: np.bincount(actividad, minlength=n).astype(np.int64)}
    ultima = np.full(n, np.datetime64("NaT"), dtype=_SEGUNDOS)
    np.maximum.at(ultima.view(np.int64), actividad, fecha.view(np.int64))  # NaT is the least
    nuevas[v.ULTIMA_EVIDENCIA] = ultima
    avance = np.asarray(evidencias[v.AVANCE], dtype=float)[cuentan]
    con_avance = ~np.isnan(avance)
    nuevas[v.AVANCE] = ultimo_por_grupo(
        n, actividad[con_avance], avance[con_avance],
        (np.asarray(evidencias[FILA])[cuentan][con_avance], fecha[con_avance]), 0.0)
    inicio, fin = fechas_de(actividades[v.FECHA_INICIO]), fechas_de(actividades[v.FECHA_FIN])
    duracion = (fin - inicio) // _DIA + 1
    transcurrido = np.minimum(np.maximum((corte - inicio) // _DIA + 1, 0), duracion)
    nuevas[v.AVANCE_ESPERADO] = (100 * transcurrido / duracion).astype(float)
    nuevas[v.DIAS_RESTANTES] = ((fin - corte) // _DIA).astype(np.int64)
    nuevas[v.ESTADO] = _estado(nuevas, inicio, fin, corte)
    _, de_cada_vencido, _ = hitos_vencidos(hitos, actividades, evidencias, corte)
    nuevas[v.HITOS_VENCIDOS] = np.bincount(de_cada_vencido, minlength=n).astype(np.int64)
    nuevas[v.SEMAFORO] = _semaforo(nuevas, np.asarray(actividades[GRUPO]), umbrales)
    return nuevas


def _estado(nuevas: dict, inicio: np.ndarray, fin: np.ndarray, corte: np.datetime64) -> np.ndarray:
    concluida = nuevas[v.AVANCE] >= 100
    por_iniciar = (corte < inicio) & (nuevas[v.EVIDENCIAS] == 0)
    vencida = corte > fin  # the end date itself is still on time
    return np.select(
        [concluida, por_iniciar, vencida], [v.CONCLUIDA, v.POR_INICIAR, v.VENCIDA], v.EN_PROCESO
    ).astype(object)


def _semaforo(nuevas: dict, grupos: np.ndarray, umbrales: list[Umbrales]) -> np.ndarray:
    """Deadline risk: how far progress lags the elapsed time, and how close the end is.

    Concluded and not-yet-started activities are green; overdue ones red. For
    the rest, red when the lag reaches ``rezago_rojo`` points, at most
    ``dias_rojo`` days are left or ``hitos_rojo`` milestones were missed; yellow
    likewise with the yellow thresholds, or with one missed milestone.
    """
    estado = nuevas[v.ESTADO]
    rezago = nuevas[v.AVANCE_ESPERADO] - nuevas[v.AVANCE]
    dias, hitos = nuevas[v.DIAS_RESTANTES], nuevas[v.HITOS_VENCIDOS]

    def umbral(nombre: str) -> np.ndarray:
        return por_grupo(umbrales, nombre, grupos)

    return np.select(
        [
            (estado == v.CONCLUIDA) | (estado == v.POR_INICIAR),
            estado == v.VENCIDA,
            (rezago >= umbral("rezago_rojo")) | (dias <= umbral("dias_rojo"))
            | (hitos >= umbral("hitos_rojo")),
            (rezago >= umbral("rezago_amarillo")) | (dias <= umbral("dias_amarillo")) | (hitos >= 1),
        ],
        [v.VERDE, v.ROJO, v.ROJO, v.AMARILLO],
        v.VERDE,
    ).astype(object)


def hitos_vencidos(hitos: Columnas, actividades: Columnas, evidencias: Columnas,
                   corte: np.datetime64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which milestones (their positions in ``hitos``) were missed by the cut-off, and for
    each, its activity (its position in ``actividades``) and ``Desde``: the day its window
    opened.

    A milestone is missed once its limit has passed (the limit day itself is still on
    time) with no evidence of its activity dated in its window: after the activity's
    previous milestone, or from the activity's start, up to the limit inclusive.
    Milestones sharing a limit share a window; those of an activity left out of the
    figures (a row with errors) do not count.
    """
    actividad = posiciones(actividades, v.CLAVE_ACTIVIDAD, hitos, v.CLAVE_ACTIVIDAD)
    limites = fechas_de(hitos[v.FECHA_LIMITE])
    limite = limites.view(np.int64)
    pasados = np.flatnonzero((actividad >= 0) & (limites < corte))
    orden = pasados[np.lexsort((limite[pasados], actividad[pasados]))]
    a, fin = actividad[orden], limite[orden]
    misma = np.r_[False, a[1:] == a[:-1]]
    # the window opens after the previous distinct limit of the activity, or the day before it starts
    previo = np.where(misma, np.r_[0, fin[:-1]], 0)
    apertura = fechas_de(actividades[v.FECHA_INICIO]).view(np.int64)[a] - 86400
    igual_al_previo = misma & (previo == fin)
    desde = np.where(misma, previo, apertura)
    desde = _propagar(desde, igual_al_previo)
    con_evidencia = _hay_evidencia(a, desde, fin, actividades, evidencias)
    vencido = ~con_evidencia
    return orden[vencido], a[vencido], (desde[vencido] + 86400).view(_SEGUNDOS)


def _propagar(desde: np.ndarray, igual_al_previo: np.ndarray) -> np.ndarray:
    """Milestones sharing a limit share the window of the first of them."""
    if not igual_al_previo.any():
        return desde
    inicio_de_tramo = np.maximum.accumulate(np.where(~igual_al_previo, np.arange(len(desde)), 0))
    return desde[inicio_de_tramo]


def _hay_evidencia(actividad: np.ndarray, desde: np.ndarray, hasta: np.ndarray,
                   actividades: Columnas, evidencias: Columnas) -> np.ndarray:
    """Whether each (activity, window) has evidence dated after ``desde`` up to ``hasta``
    (seconds), whatever the cut-off."""
    if not len(actividad):
        return np.zeros(0, dtype=bool)
    de_actividad = posiciones(actividades, v.CLAVE_ACTIVIDAD, evidencias, v.CLAVE_ACTIVIDAD)
    fechas = fechas_de(evidencias[v.FECHA])
    validas = (de_actividad >= 0) & ~np.isnat(fechas)
    if not validas.any():
        return np.zeros(len(actividad), dtype=bool)
    segundos = fechas[validas].view(np.int64)
    base = min(segundos.min(), desde.min())
    ancho = max(segundos.max(), hasta.max()) - base + 1
    llaves = np.sort(de_actividad[validas] * ancho + (segundos - base))
    izquierda = np.searchsorted(llaves, actividad * ancho + (desde - base), side="right")
    derecha = np.searchsorted(llaves, actividad * ancho + (hasta - base), side="right")
    return derecha > izquierda


# ---------------------------------------------------------------- targets


def indicadores_al_corte(indicadores: Columnas, mediciones: Columnas, actividades: Columnas,
                         corte: np.datetime64, anio: int, umbrales: list[Umbrales],
                         sesiones: Columnas) -> dict[str, np.ndarray]:
    """Value, date measured, expected value, attainment and state of each target (see
    :func:`pat_core.calculo.indicadores_al_corte`); ``actividades`` with their state."""
    n = _filas(indicadores)
    grupos = np.asarray(indicadores[GRUPO])
    calculo, unidad = en_numpy(indicadores[v.CALCULO]), en_numpy(indicadores[v.UNIDAD])
    porcentaje, por_medicion = unidad == v.PORCENTAJE, calculo == v.MEDICION
    logrado, total, fecha = _ultima_medicion(indicadores, mediciones, corte, n)
    sin_casos = por_medicion & porcentaje & (total == 0)  # 0 of 0: validation refuses more of 0
    with np.errstate(divide="ignore", invalid="ignore"):
        medido = np.where(porcentaje, 100 * logrado / np.where(sin_casos, np.nan, total), logrado)
    de_indicador = posiciones(indicadores, v.CLAVE_INDICADOR, actividades, v.CLAVE_INDICADOR)
    cuentan = de_indicador >= 0
    cuantas = np.bincount(de_indicador[cuentan], minlength=n).astype(float)
    concluidas = np.bincount(de_indicador[cuentan], minlength=n,
                             weights=(en_numpy(actividades[v.ESTADO]) == v.CONCLUIDA)[cuentan])
    vencen = np.bincount(de_indicador[cuentan], minlength=n,
                         weights=(fechas_de(actividades[v.FECHA_FIN]) <= corte)[cuentan])
    con_actividades = np.where(cuantas > 0, cuantas, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        por_actividades = np.where(porcentaje, 100 * (concluidas / con_actividades),
                                   np.where(cuantas > 0, concluidas, np.nan))
        fraccion_vencida = vencen / con_actividades
    inicio, fin = dia(f"{anio:04d}-01-01"), dia(f"{anio:04d}-12-31")
    fraccion_anio = min(1.0, max(0.0, ((corte - inicio) // _DIA + 1) / ((fin - inicio) // _DIA + 1)))

    valor = np.select([por_medicion, calculo == v.POR_SESIONES],
                      [medido, _ordinarias_por_grupo(sesiones, corte, grupos)],
                      por_actividades).astype(float)
    meta = np.asarray(indicadores[v.VALOR_META], dtype=float)
    esperado = (meta * np.where(calculo == v.POR_ACTIVIDADES, fraccion_vencida,
                                fraccion_anio)).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        cumplimiento = (100 * valor / meta).astype(float)
    return {
        v.VALOR_LOGRADO: valor,
        v.FECHA_MEDICION: np.where(por_medicion, fecha, np.datetime64("NaT")).astype(_SEGUNDOS),
        v.VALOR_ESPERADO: esperado,
        v.CUMPLIMIENTO: cumplimiento,
        v.ESTADO_META: _estado_meta(valor, meta, esperado, sin_casos, corte >= fin,
                                    por_grupo(umbrales, "ritmo_minimo_meta", grupos)),
    }


def _ultima_medicion(indicadores: Columnas, mediciones: Columnas, corte: np.datetime64, n: int):
    """Achieved, total and date of each target's latest measurement by the cut-off (NaN/NaT
    without one).

    The latest in date order (sheet order on ties) among those that can be the latest: a
    0 of 0 after one with cases does not erase it (a target's value is the year's to date:
    once there were cases, there were cases)."""
    de_indicador = posiciones(indicadores, v.CLAVE_INDICADOR, mediciones, v.CLAVE_INDICADOR)
    fechas = fechas_de(mediciones[v.FECHA_CORTE])
    filas = np.flatnonzero((de_indicador >= 0) & (fechas <= corte))
    filas = filas[np.lexsort((np.asarray(mediciones[FILA])[filas], fechas[filas],
                              de_indicador[filas]))]
    indicador = de_indicador[filas]
    total = np.asarray(mediciones[v.TOTAL], dtype=float)[filas]
    con_casos = total != 0  # an empty Total (a `número` target) has its value
    hubo = _acumulado_por_tramo(con_casos, indicador) > 0
    vigentes = filas[con_casos | ~hubo]
    indicador = de_indicador[vigentes]
    orden = (np.asarray(mediciones[FILA])[vigentes], fechas[vigentes])

    def ultimo(columna, vacio):
        return ultimo_por_grupo(n, indicador, np.asarray(mediciones[columna], dtype=float)[vigentes],
                                orden, vacio)

    return (ultimo(v.LOGRADO, np.nan), ultimo(v.TOTAL, np.nan),
            ultimo_por_grupo(n, indicador, fechas[vigentes], orden, np.datetime64("NaT")))


def _acumulado_por_tramo(marcas: np.ndarray, tramos: np.ndarray) -> np.ndarray:
    """How many marks so far in each run of equal ``tramos`` (already in order)."""
    suma = np.cumsum(marcas)
    nuevo = np.r_[True, tramos[1:] != tramos[:-1]] if len(tramos) else np.zeros(0, bool)
    antes = (suma - marcas)[nuevo]
    return suma - np.repeat(antes, np.diff(np.r_[np.flatnonzero(nuevo), len(tramos)]))


def _ordinarias_por_grupo(sesiones: Columnas, corte: np.datetime64, grupos: np.ndarray) -> np.ndarray:
    """For each row's programme, its ordinary sessions held by the cut-off (an extraordinaria
    never counts)."""
    celebradas = ordinarias(sesiones, corte)
    celebradas_por_grupo = np.bincount(np.asarray(sesiones[GRUPO])[celebradas],
                                       minlength=int(grupos.max()) + 1 if len(grupos) else 0)
    return celebradas_por_grupo[grupos] if len(grupos) else np.zeros(0)


def ordinarias(sesiones: Columnas, corte: np.datetime64) -> np.ndarray:
    """Which sessions are ordinary ones held by the cut-off."""
    return (fechas_de(sesiones[v.FECHA]) <= corte) & (en_numpy(sesiones[v.TIPO]) == v.ORDINARIA)


def _estado_meta(valor: np.ndarray, meta: np.ndarray, esperado: np.ndarray, sin_casos: np.ndarray,
                 anio_cerrado: bool, ritmo: np.ndarray) -> np.ndarray:
    """Met, on track, at risk, missed, without cases in the period, or not measured.

    Below its target, an indicator is «En camino» while its value reaches
    ``ritmo_minimo_meta`` % of the value expected by the cut-off, «En riesgo»
    otherwise, and «No cumplida» once the year has closed.
    """
    return np.select(
        [sin_casos, np.isnan(valor), valor >= meta, np.full(len(valor), anio_cerrado),
         valor >= esperado * ritmo / 100],
        [v.SIN_CASOS, v.SIN_MEDICION, v.CUMPLIDA, v.NO_CUMPLIDA, v.EN_CAMINO],
        v.EN_RIESGO,
    ).astype(object)


# ---------------------------------------------------------------- columns


def _filas(tabla: Columnas) -> int:
    return len(tabla[GRUPO])


def fechas_de(columna) -> np.ndarray:
    """A date column as datetime64 to the second."""
    return np.asarray(columna).astype(_SEGUNDOS, copy=False)


def posiciones(izquierda: Columnas, clave_izquierda: str, derecha: Columnas, clave_derecha: str) -> np.ndarray:
    """For each row of ``derecha``, the row of ``izquierda`` of the same programme with the
    same key (keys are unique in a programme's ``izquierda``); -1 where there is none."""
    n_izquierda = _filas(izquierda)
    if not n_izquierda or not _filas(derecha):
        return np.full(_filas(derecha), -1, dtype=np.int64)
    numeros: dict = {}
    codigos_izquierda = _numerar(izquierda[clave_izquierda], numeros)
    codigos_derecha = _numerar(derecha[clave_derecha], numeros)
    ancho = len(numeros)
    llave_izquierda = np.asarray(izquierda[GRUPO], dtype=np.int64) * ancho + codigos_izquierda
    llave_derecha = np.asarray(derecha[GRUPO], dtype=np.int64) * ancho + codigos_derecha
    return _buscar(llave_izquierda, llave_derecha)


def _buscar(llave_izquierda: np.ndarray, llave_derecha: np.ndarray) -> np.ndarray:
    """For each right key, the position of the (unique) equal left key; -1 where none.

    Keys are (programme, key number) pairs, so usually fewer than the rows: looked up in
    a table then, by bisection otherwise."""
    tope = int(max(llave_izquierda.max(), llave_derecha.max())) + 1
    if tope <= 2 * (len(llave_izquierda) + len(llave_derecha)):
        tabla = np.full(tope, -1, dtype=np.int64)
        tabla[llave_izquierda] = np.arange(len(llave_izquierda))
        return tabla[llave_derecha]
    orden = np.argsort(llave_izquierda, kind="stable")
    ordenadas = llave_izquierda[orden]
    lugar = np.minimum(np.searchsorted(ordenadas, llave_derecha), len(ordenadas) - 1)
    return np.where(ordenadas[lugar] == llave_derecha, orden[lugar], -1)


def _numerar(columna, numeros: dict) -> np.ndarray:
    """Each value's number in ``numeros``, where a value not seen yet gets the next one. A
    dictionary-encoded column (a roll-up's evidence keys) numbers only its distinct values."""
    if isinstance(columna, pa.Array) and pa.types.is_dictionary(columna.type) \
            and not columna.indices.null_count:
        distintos = _numerar(columna.dictionary, numeros)
        return distintos[desde_buffer(columna.indices, np.dtype(columna.indices.type.to_pandas_dtype()))]
    valores = en_numpy(columna).tolist() if isinstance(columna, pa.Array) else list(columna)
    return np.fromiter((numeros.setdefault(valor, len(numeros)) for valor in valores),
                       np.int64, len(valores))


def ultimo_por_grupo(n: int, grupo: np.ndarray, valores: np.ndarray, orden: tuple, vacio) -> np.ndarray:
    """For each of ``n`` groups, the value of its last row by ``orden`` (sort keys, the
    last one primary, as :func:`numpy.lexsort`); ``vacio`` for a group without rows."""
    resultado = np.full(n, vacio, dtype=np.result_type(valores.dtype, np.asarray(vacio).dtype)
                        if valores.dtype.kind != "M" else valores.dtype)
    if not len(grupo):
        return resultado
    secuencia = np.lexsort((*orden, grupo))
    grupo, valores = grupo[secuencia], valores[secuencia]
    ultimo = np.r_[grupo[1:] != grupo[:-1], True]
    resultado[grupo[ultimo]] = valores[ultimo]
    return resultado


def por_grupo(umbrales: list[Umbrales], nombre: str, grupos: np.ndarray) -> np.ndarray:
    """A threshold for each row, from its group's thresholds."""
    valores = np.asarray([getattr(u, nombre) for u in umbrales], dtype=float)
    return valores[grupos] if len(valores) else np.zeros(len(grupos))
