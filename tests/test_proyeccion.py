"""Year-end projection at the current pace, and whether the target is still reachable."""

from datetime import date

import pytest

from pat_core import evaluar
from pat_core import vocabulario as v
from pat_core.proyeccion import proyectar
from pat_core.vocabulario import ALCANZABLE, NO_ALCANZABLE, PROYECCION, SIN_PROYECCION, VEREDICTO
from tests.ayudantes import programa

PORCENTAJE = {v.SECCION: "I", v.CLAVE_INDICADOR: "1.1", v.VALOR_META: 15.0,
              v.UNIDAD: v.PORCENTAJE, v.CALCULO: v.MEDICION}
NUMERO = {**PORCENTAJE, v.CLAVE_INDICADOR: "1.2", v.VALOR_META: 5.0, v.UNIDAD: v.NUMERO}
ACTIVIDADES = {**PORCENTAJE, v.CLAVE_INDICADOR: "2.1", v.SECCION: "II", v.VALOR_META: 50.0,
               v.CALCULO: v.POR_ACTIVIDADES}


def proyeccion(datos, corte, clave):
    tabla = proyectar(datos, evaluar(datos, corte)).set_index(v.CLAVE_INDICADOR)
    return tabla.at[clave, PROYECCION], tabla.at[clave, VEREDICTO]


def medicion(clave, dia, logrado, total=None):
    return {v.CLAVE_INDICADOR: clave, v.FECHA_CORTE: dia, v.LOGRADO: logrado, v.TOTAL: total}


def test_one_measurement_grows_from_zero_on_1_january():
    # 30/06/2020 is day 182 of 366: 5 % then is 5 * 366 / 182 = 10.05 % at year end.
    datos = programa([PORCENTAJE], mediciones=[medicion("1.1", date(2020, 6, 30), 10, 200)])
    valor, veredicto = proyeccion(datos, "2020-06-30", "1.1")
    assert valor == pytest.approx(5 * 366 / 182)
    assert veredicto == NO_ALCANZABLE


def test_two_measurements_give_the_line_through_them():
    datos = programa([NUMERO], mediciones=[medicion("1.2", date(2020, 3, 31), 1),
                                           medicion("1.2", date(2020, 6, 30), 3)])
    valor, veredicto = proyeccion(datos, "2020-07-15", "1.2")
    # 2 more every 91 days; from day 182 (value 3) to day 366: 3 + 2 * 184 / 91
    assert valor == pytest.approx(3 + 2 * 184 / 91)
    assert veredicto == ALCANZABLE


def test_measurements_after_the_cut_off_are_not_used():
    datos = programa([NUMERO], mediciones=[medicion("1.2", date(2020, 3, 31), 1),
                                           medicion("1.2", date(2020, 9, 30), 50)])
    assert proyeccion(datos, "2020-06-30", "1.2")[0] == pytest.approx(366 / 91)


def test_a_percentage_never_projects_past_100():
    datos = programa([PORCENTAJE], mediciones=[medicion("1.1", date(2020, 2, 1), 150, 200)])
    assert proyeccion(datos, "2020-02-01", "1.1")[0] == 100


def test_without_measurements_there_is_no_projection():
    datos = programa([PORCENTAJE])
    assert proyeccion(datos, "2020-06-30", "1.1")[1] == SIN_PROYECCION


def actividad(clave, inicio, fin):
    return {v.SECCION: "II", v.CLAVE_INDICADOR: "2.1", v.CLAVE_ACTIVIDAD: clave,
            v.FECHA_INICIO: inicio, v.FECHA_FIN: fin}


def evidencia(clave, dia, avance):
    return {v.CLAVE_ACTIVIDAD: clave, v.FECHA: dia, v.AVANCE: avance}


def test_activities_on_pace_count_as_concluded_at_year_end():
    datos = programa(
        [ACTIVIDADES],
        [actividad("2.1.1", date(2020, 1, 1), date(2020, 12, 31)),  # 60 % at mid-year: on pace
         actividad("2.1.2", date(2020, 1, 1), date(2020, 12, 31)),  # 10 % at mid-year: behind
         actividad("2.1.3", date(2020, 9, 1), date(2020, 12, 31)),  # not started: no evidence against
         actividad("2.1.4", date(2020, 1, 1), date(2020, 3, 31))],  # concluded
        [evidencia("2.1.1", date(2020, 6, 1), 60), evidencia("2.1.2", date(2020, 6, 1), 10),
         evidencia("2.1.4", date(2020, 3, 1), 100)],
    )
    valor, veredicto = proyeccion(datos, "2020-06-30", "2.1")
    assert valor == 75 and veredicto == ALCANZABLE


def test_overdue_activities_do_not_count():
    datos = programa([ACTIVIDADES], [actividad("2.1.1", date(2020, 1, 1), date(2020, 3, 31))],
                     [evidencia("2.1.1", date(2020, 3, 1), 90)])
    assert proyeccion(datos, "2020-06-30", "2.1") == (0, NO_ALCANZABLE)


def test_early_evidence_does_not_make_an_unstarted_activity_late():
    datos = programa([ACTIVIDADES], [actividad("2.1.1", date(2020, 3, 1), date(2020, 12, 31))],
                     [evidencia("2.1.1", date(2020, 1, 20), 50)])
    assert proyeccion(datos, "2020-01-31", "2.1") == (100, ALCANZABLE)


def test_on_the_year_s_last_day_the_projection_is_the_value_achieved():
    """At 31/12 there is no pace left to carry: the committee reads the same figure twice
    (the shipped 1.1 is 35.5 % achieved at 31/12; its least-squares line ended at 35.4 %)."""
    from pat_core import cargar
    from tests.conftest import DATOS

    datos = cargar(DATOS, 2020)
    al_cierre = proyectar(datos, evaluar(datos, "2020-12-31"))
    assert al_cierre[PROYECCION].equals(al_cierre[v.VALOR_LOGRADO].astype(float))
    cumplidas = al_cierre[v.ESTADO_META] == v.CUMPLIDA
    assert (al_cierre.loc[cumplidas, VEREDICTO] == ALCANZABLE).all()
    un_dia_antes = proyectar(datos, evaluar(datos, "2020-12-30")).set_index(v.CLAVE_INDICADOR)
    assert un_dia_antes.at["1.1", PROYECCION] != un_dia_antes.at["1.1", v.VALOR_LOGRADO]  # the pace
