"""The rules at a cut-off: pat_core.calculo.evaluar on programmes built in memory."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pat_core import Umbrales, avisos_al_corte, evaluar, fecha_corte_predeterminada
from pat_core import vocabulario as v
from pat_core.contrato import FILA
from pat_core.problemas import AVISO
from tests.ayudantes import programa

T = pd.Timestamp
ROMANOS = v.SECCIONES_ROMANAS
# 200 days: 01/01/2020 .. 18/07/2020. On day k the expected progress is k/2 %.
INICIO_200, FIN_200 = date(2020, 1, 1), date(2020, 7, 18)


def dia(k: int) -> pd.Timestamp:
    """The k-th day of the 200-day activity (k=1 is its start)."""
    return T(INICIO_200) + pd.Timedelta(days=k - 1)


def ind(clave, meta, unidad=v.PORCENTAJE, calculo=v.MEDICION, nombre=None):
    return {v.SECCION: ROMANOS[int(clave.split(".")[0]) - 1], v.NOMBRE_SECCION: nombre,
            v.CLAVE_INDICADOR: clave, v.VALOR_META: meta, v.UNIDAD: unidad, v.CALCULO: calculo}


def act(clave, inicio=INICIO_200, fin=FIN_200, **extra):
    indicador = clave.rsplit(".", 1)[0]
    return {v.SECCION: ROMANOS[int(clave.split(".")[0]) - 1], v.CLAVE_INDICADOR: indicador,
            v.CLAVE_ACTIVIDAD: clave, v.FECHA_INICIO: inicio, v.FECHA_FIN: fin, **extra}


def ev(clave, fecha, avance=None, fila=None):
    fila_ = {v.CLAVE_ACTIVIDAD: clave, v.FECHA: fecha, v.AVANCE: avance, v.DESCRIPCION: "e"}
    return {**fila_, FILA: fila} if fila is not None else fila_


def med(clave, fecha, logrado, total=None, fila=None):
    fila_ = {v.CLAVE_INDICADOR: clave, v.FECHA_CORTE: fecha, v.LOGRADO: logrado, v.TOTAL: total}
    return {**fila_, FILA: fila} if fila is not None else fila_


def una_actividad(corte, evidencias=(), inicio=INICIO_200, fin=FIN_200, umbrales=Umbrales()):
    datos = programa([ind("1.1", 80, calculo=v.POR_ACTIVIDADES)],
                     [act("1.1.1", inicio, fin)], list(evidencias))
    return evaluar(datos, corte, umbrales).actividades.iloc[0]


def un_indicador(corte, meta, mediciones=(), unidad=v.PORCENTAJE, umbrales=Umbrales()):
    datos = programa([ind("1.1", meta, unidad)], [], [], list(mediciones))
    return evaluar(datos, corte, umbrales).indicadores.iloc[0]


# ---------------------------------------------------------------- progress at the cut-off


EVIDENCIAS_1 = [ev("1.1.1", date(2020, 4, 15), 20), ev("1.1.1", date(2020, 6, 30), 60),
                ev("1.1.1", date(2020, 9, 30), 100)]


@pytest.mark.parametrize("corte, avance, n, ultima", [
    (T(2020, 4, 14), 0.0, 0, pd.NaT),
    (T(2020, 4, 15), 20.0, 1, T(2020, 4, 15)),
    (T(2020, 6, 29), 20.0, 1, T(2020, 4, 15)),
    (T(2020, 6, 30), 60.0, 2, T(2020, 6, 30)),
    (T(2020, 9, 29), 60.0, 2, T(2020, 6, 30)),
    (T(2020, 12, 31), 100.0, 3, T(2020, 9, 30)),
])
def test_avance_es_el_ultimo_al_corte(corte, avance, n, ultima):
    fila = una_actividad(corte, EVIDENCIAS_1, fin=date(2020, 12, 31))
    assert fila[v.AVANCE] == avance
    assert fila[v.EVIDENCIAS] == n
    assert (pd.isna(ultima) and pd.isna(fila[v.ULTIMA_EVIDENCIA])) or fila[v.ULTIMA_EVIDENCIA] == ultima


def test_evidencias_en_desorden_en_la_hoja():
    evidencias = [ev("1.1.1", date(2020, 6, 30), 60, fila=2), ev("1.1.1", date(2020, 4, 15), 20, fila=3)]
    assert una_actividad(T(2020, 7, 1), evidencias)[v.AVANCE] == 60


def test_empate_de_fecha_gana_la_fila_de_mas_abajo():
    # Same date: the row further down the sheet is the later word, wherever it sits in the frame.
    evidencias = [ev("1.1.1", date(2020, 5, 1), 40, fila=9), ev("1.1.1", date(2020, 5, 1), 70, fila=4)]
    assert una_actividad(T(2020, 5, 1), evidencias)[v.AVANCE] == 40
    evidencias = [ev("1.1.1", date(2020, 5, 1), 40, fila=4), ev("1.1.1", date(2020, 5, 1), 70, fila=9)]
    assert una_actividad(T(2020, 5, 1), evidencias)[v.AVANCE] == 70


def test_avance_puede_bajar_si_la_ultima_evidencia_lo_corrige():
    evidencias = [ev("1.1.1", date(2020, 3, 1), 80), ev("1.1.1", date(2020, 3, 15), 50)]
    assert una_actividad(T(2020, 4, 1), evidencias)[v.AVANCE] == 50


def test_evidencia_sin_avance_cuenta_pero_no_cambia_el_avance():
    evidencias = [ev("1.1.1", date(2020, 3, 1), 30), ev("1.1.1", date(2020, 3, 20), None)]
    fila = una_actividad(T(2020, 4, 1), evidencias)
    assert fila[v.AVANCE] == 30
    assert fila[v.EVIDENCIAS] == 2
    assert fila[v.ULTIMA_EVIDENCIA] == T(2020, 3, 20)


def test_evidencia_posterior_al_corte_se_ignora():
    # Replaying 30/06: the 30/09 evidence that concluded it did not exist yet.
    fila = una_actividad(T(2020, 6, 30), EVIDENCIAS_1, fin=date(2020, 12, 31))
    assert fila[v.ESTADO] == v.EN_PROCESO
    assert fila[v.AVANCE] == 60
    assert una_actividad(T(2020, 9, 30), EVIDENCIAS_1, fin=date(2020, 12, 31))[v.ESTADO] == v.CONCLUIDA


def test_corte_con_hora_cuenta_el_dia_entero():
    evaluacion = evaluar(programa([ind("1.1", 80, calculo=v.POR_ACTIVIDADES)], [act("1.1.1")],
                                  [ev("1.1.1", date(2020, 4, 15), 20)]), "2020-04-15 08:30")
    assert evaluacion.corte == T(2020, 4, 15)
    assert evaluacion.actividades.iloc[0][v.AVANCE] == 20


def test_evidencia_de_otra_actividad_no_cuenta():
    datos = programa([ind("1.1", 80, calculo=v.POR_ACTIVIDADES)],
                     [act("1.1.1"), act("1.1.2")], [ev("1.1.2", date(2020, 3, 1), 50)])
    tabla = evaluar(datos, T(2020, 4, 1)).actividades.set_index(v.CLAVE_ACTIVIDAD)
    assert tabla.at["1.1.1", v.AVANCE] == 0 and tabla.at["1.1.1", v.EVIDENCIAS] == 0
    assert tabla.at["1.1.2", v.AVANCE] == 50 and tabla.at["1.1.2", v.EVIDENCIAS] == 1


@pytest.mark.parametrize("k, esperado", [(1, 0.5), (100, 50.0), (200, 100.0), (201, 100.0)])
def test_avance_esperado_proporcional_al_tiempo(k, esperado):
    assert una_actividad(dia(k))[v.AVANCE_ESPERADO] == pytest.approx(esperado)


@pytest.mark.parametrize("corte", [T(2020, 3, 1), T(2020, 2, 1), T(2020, 1, 1)])
def test_avance_esperado_antes_del_inicio_es_cero(corte):
    fila = una_actividad(corte, inicio=date(2020, 3, 2), fin=date(2020, 12, 31))
    assert fila[v.AVANCE_ESPERADO] == 0
    assert fila[v.SEMAFORO] == v.VERDE


def test_dias_restantes():
    assert una_actividad(dia(100))[v.DIAS_RESTANTES] == 100
    assert una_actividad(T(FIN_200))[v.DIAS_RESTANTES] == 0
    assert una_actividad(T(2020, 7, 30))[v.DIAS_RESTANTES] == -12


# ---------------------------------------------------------------- Estado


def test_estado_concluida_con_100():
    fila = una_actividad(T(2020, 3, 1), [ev("1.1.1", date(2020, 2, 1), 100)])
    assert (fila[v.ESTADO], fila[v.SEMAFORO]) == (v.CONCLUIDA, v.VERDE)


def test_concluida_despues_del_fin_no_es_vencida():
    fila = una_actividad(T(2020, 12, 31), [ev("1.1.1", date(2020, 9, 1), 100)])
    assert (fila[v.ESTADO], fila[v.SEMAFORO]) == (v.CONCLUIDA, v.VERDE)


def test_estado_por_iniciar():
    fila = una_actividad(T(2020, 3, 1), inicio=date(2020, 3, 2), fin=date(2020, 12, 31))
    assert (fila[v.ESTADO], fila[v.SEMAFORO]) == (v.POR_INICIAR, v.VERDE)


def test_con_evidencia_antes_del_inicio_ya_no_esta_por_iniciar():
    fila = una_actividad(T(2020, 3, 1), [ev("1.1.1", date(2020, 2, 20), 10)],
                         inicio=date(2020, 3, 2), fin=date(2020, 12, 31))
    assert fila[v.ESTADO] == v.EN_PROCESO


def test_el_dia_de_inicio_esta_en_proceso():
    fila = una_actividad(T(2020, 3, 2), inicio=date(2020, 3, 2), fin=date(2020, 12, 31))
    assert fila[v.ESTADO] == v.EN_PROCESO


def test_el_dia_de_fin_no_esta_vencida():
    fila = una_actividad(T(FIN_200), [ev("1.1.1", date(2020, 7, 1), 90)])
    assert fila[v.ESTADO] == v.EN_PROCESO
    assert fila[v.SEMAFORO] == v.ROJO  # 0 days left


def test_vencida_el_dia_siguiente_al_fin():
    fila = una_actividad(T(FIN_200) + pd.Timedelta(days=1), [ev("1.1.1", date(2020, 7, 1), 90)])
    assert (fila[v.ESTADO], fila[v.SEMAFORO]) == (v.VENCIDA, v.ROJO)


def test_vencida_sin_haber_iniciado():
    fila = una_actividad(T(2020, 8, 1))
    assert fila[v.ESTADO] == v.VENCIDA


# ---------------------------------------------------------------- Semáforo


@pytest.mark.parametrize("avance, color", [
    (50, v.VERDE),        # on pace
    (35.01, v.VERDE),     # 14.99 points behind
    (35, v.AMARILLO),     # exactly rezago_amarillo
    (20, v.AMARILLO),     # 30 behind
    (15.01, v.AMARILLO),  # 34.99 behind
    (15, v.ROJO),         # exactly rezago_rojo
    (0, v.ROJO),
])
def test_semaforo_por_rezago(avance, color):
    # Day 100 of 200: 50 % expected, 100 days left (far from the day thresholds).
    fila = una_actividad(dia(100), [ev("1.1.1", date(2020, 1, 10), avance)])
    assert fila[v.AVANCE_ESPERADO] == 50
    assert fila[v.DIAS_RESTANTES] == 100
    assert fila[v.SEMAFORO] == color


@pytest.mark.parametrize("dias, color", [(31, v.VERDE), (30, v.AMARILLO), (11, v.AMARILLO),
                                         (10, v.ROJO), (1, v.ROJO), (0, v.ROJO)])
def test_semaforo_por_dias_restantes(dias, color):
    # Ahead of pace (99 %), so only the days left count.
    fila = una_actividad(dia(200 - dias), [ev("1.1.1", date(2020, 1, 10), 99)])
    assert fila[v.DIAS_RESTANTES] == dias
    assert fila[v.ESTADO] == v.EN_PROCESO
    assert fila[v.SEMAFORO] == color


def test_semaforo_con_umbrales_propios():
    evidencia = [ev("1.1.1", date(2020, 1, 10), 30)]  # day 100: 20 points behind
    assert una_actividad(dia(100), evidencia)[v.SEMAFORO] == v.AMARILLO
    laxos = Umbrales(rezago_amarillo=25, rezago_rojo=40)
    assert una_actividad(dia(100), evidencia, umbrales=laxos)[v.SEMAFORO] == v.VERDE
    estrictos = Umbrales(rezago_amarillo=10, rezago_rojo=20)
    assert una_actividad(dia(100), evidencia, umbrales=estrictos)[v.SEMAFORO] == v.ROJO


def test_semaforo_dias_con_umbrales_propios():
    evidencia = [ev("1.1.1", date(2020, 1, 10), 99)]
    assert una_actividad(dia(160), evidencia)[v.SEMAFORO] == v.VERDE  # 40 days left
    umbrales = Umbrales(dias_amarillo=45, dias_rojo=40)
    assert una_actividad(dia(160), evidencia, umbrales=umbrales)[v.SEMAFORO] == v.ROJO
    umbrales = Umbrales(dias_amarillo=45, dias_rojo=5)
    assert una_actividad(dia(160), evidencia, umbrales=umbrales)[v.SEMAFORO] == v.AMARILLO


def test_umbrales_predeterminados():
    u = Umbrales()
    assert (u.rezago_amarillo, u.rezago_rojo, u.dias_amarillo, u.dias_rojo, u.ritmo_minimo_meta) == (
        15, 35, 30, 10, 90)


# ---------------------------------------------------------------- indicator values


def test_medicion_porcentaje_es_logrado_entre_total():
    fila = un_indicador(T(2020, 6, 30), 15, [med("1.1", date(2020, 6, 30), 46, 200)])
    assert fila[v.VALOR_LOGRADO] == pytest.approx(23.0)
    assert fila[v.FECHA_MEDICION] == T(2020, 6, 30)
    assert fila[v.ESTADO_META] == v.CUMPLIDA


def test_medicion_numero_es_logrado():
    fila = un_indicador(T(2020, 8, 1), 5, [med("1.1", date(2020, 7, 31), 3)], unidad=v.NUMERO)
    assert fila[v.VALOR_LOGRADO] == 3.0
    assert fila[v.CUMPLIMIENTO] == pytest.approx(60.0)


def test_numero_ignora_el_total():
    fila = un_indicador(T(2020, 8, 1), 5, [med("1.1", date(2020, 7, 31), 3, 10)], unidad=v.NUMERO)
    assert fila[v.VALOR_LOGRADO] == 3.0


def test_ultima_medicion_al_corte():
    mediciones = [med("1.1", date(2020, 6, 30), 46, 200), med("1.1", date(2020, 9, 30), 58, 200),
                  med("1.1", date(2020, 12, 31), 71, 200)]
    assert un_indicador(T(2020, 6, 29), 15, mediciones)[v.ESTADO_META] == v.SIN_MEDICION
    assert un_indicador(T(2020, 9, 29), 15, mediciones)[v.VALOR_LOGRADO] == pytest.approx(23.0)
    fila = un_indicador(T(2020, 10, 1), 15, mediciones)
    assert fila[v.VALOR_LOGRADO] == pytest.approx(29.0)
    assert fila[v.FECHA_MEDICION] == T(2020, 9, 30)
    assert un_indicador(T(2020, 12, 31), 15, mediciones)[v.VALOR_LOGRADO] == pytest.approx(35.5)


def test_medicion_empate_de_fecha_gana_la_fila_de_mas_abajo():
    mediciones = [med("1.1", date(2020, 6, 30), 40, 200, fila=8), med("1.1", date(2020, 6, 30), 10, 200, fila=3)]
    assert un_indicador(T(2020, 7, 1), 15, mediciones)[v.VALOR_LOGRADO] == pytest.approx(20.0)


def test_indicador_por_actividades_es_la_parte_concluida():
    datos = programa(
        [ind("2.1", 80, calculo=v.POR_ACTIVIDADES)],
        [act("2.1.1"), act("2.1.2"), act("2.1.3"), act("2.1.4", fin=date(2020, 12, 31))],
        [ev("2.1.1", date(2020, 2, 1), 100), ev("2.1.2", date(2020, 3, 1), 100),
         ev("2.1.3", date(2020, 3, 1), 99), ev("2.1.4", date(2020, 8, 1), 100)],
    )
    fila = evaluar(datos, T(2020, 7, 31)).indicadores.iloc[0]
    assert fila[v.VALOR_LOGRADO] == pytest.approx(50.0)
    # Three of the four end by the cut-off: 80 % of them is expected by now.
    assert fila[v.VALOR_ESPERADO] == pytest.approx(80 * 3 / 4)
    assert pd.isna(fila[v.FECHA_MEDICION])
    assert fila[v.ESTADO_META] == v.EN_RIESGO  # 50 < 90 % of 60
    fila = evaluar(datos, T(2020, 8, 1)).indicadores.iloc[0]
    assert fila[v.VALOR_LOGRADO] == pytest.approx(75.0)
    assert fila[v.ESTADO_META] == v.EN_CAMINO


def test_indicador_por_actividades_ignora_mediciones():
    datos = programa([ind("2.1", 80, calculo=v.POR_ACTIVIDADES)], [act("2.1.1")],
                     [], [med("2.1", date(2020, 3, 1), 9, 10)])
    fila = evaluar(datos, T(2020, 4, 1)).indicadores.iloc[0]
    assert fila[v.VALOR_LOGRADO] == 0.0


def test_indicador_por_actividades_cumplida_justo_en_la_meta():
    actividades = [act(f"2.1.{n}") for n in range(1, 6)]
    evidencias = [ev(f"2.1.{n}", date(2020, 3, 1), 100) for n in range(1, 5)]
    datos = programa([ind("2.1", 80, calculo=v.POR_ACTIVIDADES)], actividades, evidencias)
    fila = evaluar(datos, T(2020, 4, 1)).indicadores.iloc[0]
    assert fila[v.VALOR_LOGRADO] == pytest.approx(80.0)
    assert fila[v.ESTADO_META] == v.CUMPLIDA


def test_indicador_por_actividades_sin_actividades_es_sin_medicion():
    datos = programa([ind("2.1", 80, calculo=v.POR_ACTIVIDADES)])
    fila = evaluar(datos, T(2020, 4, 1)).indicadores.iloc[0]
    assert pd.isna(fila[v.VALOR_LOGRADO])
    assert fila[v.ESTADO_META] == v.SIN_MEDICION


def test_valor_esperado_de_una_medicion_es_proporcional_al_anio():
    fila = un_indicador(T(2020, 6, 30), 80, [med("1.1", date(2020, 6, 30), 1, 10)])
    assert fila[v.VALOR_ESPERADO] == pytest.approx(80 * 182 / 366)
    assert un_indicador(T(2020, 12, 31), 80)[v.VALOR_ESPERADO] == pytest.approx(80)
    assert un_indicador(T(2020, 1, 1), 80)[v.VALOR_ESPERADO] == pytest.approx(80 / 366)


@pytest.mark.parametrize("corte, esperado", [(T(2019, 12, 1), 0.0), (T(2019, 12, 31), 0.0),
                                             (T(2021, 2, 1), 80.0)])
def test_valor_esperado_con_corte_fuera_del_anio_no_sale_del_rango(corte, esperado):
    # A cut-off outside the programme's year expects nothing yet, or the whole target.
    assert un_indicador(corte, 80)[v.VALOR_ESPERADO] == pytest.approx(esperado)


def test_cumplimiento_sin_redondear():
    fila = un_indicador(T(2020, 6, 30), 15, [med("1.1", date(2020, 6, 30), 46, 200)])
    assert fila[v.CUMPLIMIENTO] == pytest.approx(100 * 23 / 15, rel=1e-12)
    assert fila[v.CUMPLIMIENTO] != round(fila[v.CUMPLIMIENTO], 1)
    fila = un_indicador(T(2020, 12, 31), 85, [med("1.1", date(2020, 12, 31), 5, 7)])
    assert fila[v.CUMPLIMIENTO] == pytest.approx(100 * (100 * 5 / 7) / 85, rel=1e-12)


# ---------------------------------------------------------------- Estado de la meta


def test_meta_cumplida_justo_en_el_valor():
    fila = un_indicador(T(2020, 5, 1), 5, [med("1.1", date(2020, 4, 1), 5)], unidad=v.NUMERO)
    assert fila[v.ESTADO_META] == v.CUMPLIDA
    assert fila[v.CUMPLIMIENTO] == pytest.approx(100)


@pytest.mark.parametrize("logrado, estado", [(91, v.EN_CAMINO), (100, v.EN_CAMINO), (150, v.EN_CAMINO),
                                             (89, v.EN_RIESGO), (0, v.EN_RIESGO)])
def test_meta_en_camino_o_en_riesgo(logrado, estado):
    # Target 366 (número): 100 expected on 09/04/2020, the 100th day; 90 % of that is 90.
    fila = un_indicador(T(2020, 4, 9), 366, [med("1.1", date(2020, 4, 1), logrado)], unidad=v.NUMERO)
    assert fila[v.VALOR_ESPERADO] == pytest.approx(100)
    assert fila[v.ESTADO_META] == estado


def test_ritmo_minimo_propio():
    mediciones = [med("1.1", date(2020, 4, 1), 80)]
    assert un_indicador(T(2020, 4, 9), 366, mediciones, v.NUMERO)[v.ESTADO_META] == v.EN_RIESGO
    fila = un_indicador(T(2020, 4, 9), 366, mediciones, v.NUMERO, Umbrales(ritmo_minimo_meta=75))
    assert fila[v.ESTADO_META] == v.EN_CAMINO


@pytest.mark.parametrize("corte, estado", [(T(2020, 12, 30), v.EN_CAMINO),
                                           (T(2020, 12, 31), v.NO_CUMPLIDA)])
def test_meta_no_cumplida_solo_al_cierre(corte, estado):
    fila = un_indicador(corte, 85, [med("1.1", date(2020, 12, 1), 80, 100)])
    assert fila[v.ESTADO_META] == estado


def test_cumplida_al_cierre_sigue_cumplida():
    fila = un_indicador(T(2020, 12, 31), 15, [med("1.1", date(2020, 12, 31), 71, 200)])
    assert fila[v.ESTADO_META] == v.CUMPLIDA


def test_sin_medicion_aun_al_cierre():
    fila = un_indicador(T(2020, 12, 31), 15, [])
    assert fila[v.ESTADO_META] == v.SIN_MEDICION
    assert pd.isna(fila[v.VALOR_LOGRADO]) and pd.isna(fila[v.CUMPLIMIENTO])
    assert pd.isna(fila[v.FECHA_MEDICION])


def test_meta_con_medicion_posterior_al_corte_es_sin_medicion():
    fila = un_indicador(T(2020, 6, 29), 15, [med("1.1", date(2020, 6, 30), 46, 200)])
    assert fila[v.ESTADO_META] == v.SIN_MEDICION


# ---------------------------------------------------------------- edge programmes


def test_programa_vacio():
    evaluacion = evaluar(programa(), T(2020, 6, 30))
    assert evaluacion.actividades.empty
    assert evaluacion.indicadores.empty
    assert evaluacion.secciones.empty
    assert v.SEMAFORO in evaluacion.actividades.columns
    assert v.ESTADO_META in evaluacion.indicadores.columns


def test_corte_antes_de_toda_evidencia_y_medicion():
    datos = programa([ind("1.1", 15), ind("2.1", 80, calculo=v.POR_ACTIVIDADES)],
                     [act("2.1.1")],
                     [ev("2.1.1", date(2020, 3, 1), 50)], [med("1.1", date(2020, 6, 30), 46, 200)])
    evaluacion = evaluar(datos, T(2020, 1, 15))
    assert evaluacion.actividades.iloc[0][v.EVIDENCIAS] == 0
    assert pd.isna(evaluacion.actividades.iloc[0][v.ULTIMA_EVIDENCIA])
    assert list(evaluacion.indicadores[v.ESTADO_META]) == [v.SIN_MEDICION, v.EN_CAMINO]


def test_indicadores_sin_actividades():
    datos = programa([ind("1.1", 15), ind("2.1", 80, calculo=v.POR_ACTIVIDADES)], [], [],
                     [med("1.1", date(2020, 3, 1), 40, 200)])
    indicadores = evaluar(datos, T(2020, 6, 30)).indicadores
    assert list(indicadores[v.ESTADO_META]) == [v.CUMPLIDA, v.SIN_MEDICION]


def test_evaluar_no_cambia_los_datos():
    datos = programa([ind("1.1", 80, calculo=v.POR_ACTIVIDADES)], [act("1.1.1")],
                     [ev("1.1.1", date(2020, 3, 1), 50)])
    antes = (datos.actividades.copy(), datos.indicadores.copy(), datos.evidencias.copy())
    evaluar(datos, T(2020, 6, 30))
    pd.testing.assert_frame_equal(datos.actividades, antes[0])
    pd.testing.assert_frame_equal(datos.indicadores, antes[1])
    pd.testing.assert_frame_equal(datos.evidencias, antes[2])


@pytest.mark.parametrize("hoy, corte", [(date(2021, 3, 5), T(2020, 12, 31)),
                                        (date(2019, 3, 5), T(2020, 1, 1)),
                                        (date(2020, 3, 5), T(2020, 3, 5))])
def test_fecha_corte_predeterminada_dentro_del_anio(hoy, corte):
    datos = programa([ind("1.1", 80, calculo=v.POR_ACTIVIDADES)], [act("1.1.1")])
    assert fecha_corte_predeterminada(datos.anio, hoy) == corte
    assert evaluar(datos, fecha_corte_predeterminada(datos.anio, hoy)).corte == corte


# ---------------------------------------------------------------- summary by section


def test_resumen_por_seccion():
    datos = programa(
        [ind("1.1", 15, nombre="Capacitación"), ind("1.2", 75, nombre="Capacitación"),
         ind("2.1", 80, calculo=v.POR_ACTIVIDADES, nombre="Difusión")],
        [act("1.1.1", fin=date(2020, 12, 31)), act("1.1.2", inicio=date(2020, 9, 1), fin=date(2020, 12, 31)),
         act("2.1.1", fin=date(2020, 3, 31)), act("2.1.2", fin=date(2020, 12, 31)),
         act("2.1.3", fin=date(2020, 12, 31))],
        [ev("1.1.1", date(2020, 3, 1), 40), ev("2.1.1", date(2020, 3, 1), 30),
         ev("2.1.2", date(2020, 5, 1), 100), ev("2.1.3", date(2020, 5, 1), 50)],
        [med("1.1", date(2020, 6, 1), 46, 200), med("1.2", date(2020, 6, 1), 1, 5)],
    )
    resumen = evaluar(datos, T(2020, 6, 30)).secciones.set_index(v.SECCION)
    assert list(resumen.index) == ["I", "II"]
    assert resumen.at["I", v.NOMBRE_SECCION] == "Capacitación"
    assert resumen.at["II", v.NOMBRE_SECCION] == "Difusión"
    assert resumen.loc["I", ["Indicadores", "Metas cumplidas", "Actividades"]].tolist() == [2, 1, 2]
    assert resumen.loc["II", ["Indicadores", "Metas cumplidas", "Actividades"]].tolist() == [1, 0, 3]
    assert resumen.at["I", "Avance promedio %"] == pytest.approx(20.0)
    assert resumen.at["II", "Avance promedio %"] == pytest.approx(60.0)
    estados = [v.CONCLUIDA, v.EN_PROCESO, v.POR_INICIAR, v.VENCIDA]
    assert resumen.loc["I", estados].tolist() == [0, 1, 1, 0]
    assert resumen.loc["II", estados].tolist() == [1, 1, 0, 1]
    assert resumen.loc["II", [v.VERDE, v.AMARILLO, v.ROJO]].sum() == 3
    assert resumen.at["II", v.ROJO] >= 1  # the overdue one
    assert resumen.at["I", v.VERDE] >= 1  # the one not started


def test_resumen_cuenta_cada_actividad_una_vez():
    datos = programa([ind("1.1", 15), ind("3.1", 85)],
                     [act("1.1.1"), act("1.1.2"), act("3.1.1")])
    resumen = evaluar(datos, T(2020, 6, 30)).secciones
    assert resumen["Actividades"].sum() == 3
    assert resumen[[v.CONCLUIDA, v.EN_PROCESO, v.POR_INICIAR, v.VENCIDA]].to_numpy().sum() == 3
    assert resumen[[v.VERDE, v.AMARILLO, v.ROJO]].to_numpy().sum() == 3


# ---------------------------------------------------------------- warnings at the cut-off


def test_avisos_al_corte_actividad_vencida_sin_evidencia():
    datos = programa([ind("1.1", 80, calculo=v.POR_ACTIVIDADES)],
                     [act("1.1.1", fin=date(2020, 3, 31)), act("1.1.2", fin=date(2020, 3, 31)),
                      act("1.1.3", fin=date(2020, 4, 1)), act("1.1.4", fin=date(2020, 3, 31))],
                     [ev("1.1.2", date(2020, 2, 1), 10), ev("1.1.4", date(2020, 4, 5), 100)])
    evaluacion = evaluar(datos, T(2020, 4, 1))
    avisos = avisos_al_corte(datos, evaluacion.actividades)
    # 1.1.1 ended with nothing; 1.1.2 has evidence; 1.1.3 ends today; 1.1.4's evidence comes later.
    assert [a.valor for a in avisos] == ["1.1.1", "1.1.4"]
    aviso = avisos[0]
    assert aviso.severidad == AVISO
    assert (aviso.hoja, aviso.fila, aviso.columna) == (v.HOJA_ACTIVIDADES, 2, v.CLAVE_ACTIVIDAD)
    assert "31/03/2020" in aviso.mensaje
    assert avisos_al_corte(datos, evaluar(datos, T(2020, 3, 31)).actividades) == []
    assert [a.valor for a in avisos_al_corte(datos, evaluar(datos, T(2020, 4, 5)).actividades)] == ["1.1.1", "1.1.3"]
