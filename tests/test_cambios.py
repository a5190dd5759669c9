"""What changed since the last meeting, and which date «the last meeting» is."""

from pathlib import Path

import pandas as pd
import pytest

from pat_core import cargar, evaluar
from pat_core.cambios import cambios, corte_anterior
from pat_core.vocabulario import (ACTIVIDAD_CONCLUIDA, ACTIVIDAD_VENCIDA, CAMBIO_META,
                                  CAMBIO_SEMAFORO, CLAVE, NUEVA_EVIDENCIA, TIPO_CAMBIO)

DATOS = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def datos():
    return cargar(DATOS, 2020)


def entre(datos, desde, hasta):
    return cambios(datos, evaluar(datos, desde), evaluar(datos, hasta))


def test_changes_between_two_month_ends(datos):
    tabla = entre(datos, "2020-08-31", "2020-09-30")
    por_tipo = tabla.groupby(TIPO_CAMBIO)[CLAVE].apply(list).to_dict()
    assert ACTIVIDAD_VENCIDA not in por_tipo  # 5.1.1 fell overdue on 29/08, before this month
    assert set(por_tipo[ACTIVIDAD_CONCLUIDA]) == {"1.1.1", "2.1.2", "4.2.1"}
    assert "4.2" in por_tipo[CAMBIO_META]  # its one activity concluded: from on track to met
    nuevas = tabla[tabla[TIPO_CAMBIO] == NUEVA_EVIDENCIA]
    assert len(nuevas) == 7  # evidence dated 01/09..30/09
    orden = (CAMBIO_META, ACTIVIDAD_CONCLUIDA, ACTIVIDAD_VENCIDA, CAMBIO_SEMAFORO, NUEVA_EVIDENCIA)
    assert list(tabla[TIPO_CAMBIO].drop_duplicates()) == [t for t in orden
                                                          if t in set(tabla[TIPO_CAMBIO])]


def test_an_activity_falling_overdue(datos):
    tabla = entre(datos, "2020-08-28", "2020-08-29")  # 5.1.1 ends on 28/08
    assert tabla[tabla[TIPO_CAMBIO] == ACTIVIDAD_VENCIDA][CLAVE].tolist() == ["5.1.1"]


def test_no_change_over_a_quiet_day(datos):
    assert entre(datos, "2020-01-05", "2020-01-06").empty


def test_since_the_last_session_before_the_cut_off():
    sesiones = pd.Series(pd.to_datetime(["2020-01-31", "2020-04-24", "2020-07-24"]))
    assert corte_anterior(pd.Timestamp(2020, 6, 30), sesiones) == pd.Timestamp(2020, 4, 24)
    assert corte_anterior(pd.Timestamp(2020, 7, 24), sesiones) == pd.Timestamp(2020, 4, 24)


def test_else_since_the_previous_month_end():
    vacia = pd.Series([], dtype="datetime64[ns]")
    assert corte_anterior(pd.Timestamp(2020, 6, 30), vacia) == pd.Timestamp(2020, 5, 31)
    assert corte_anterior(pd.Timestamp(2020, 3, 15), vacia) == pd.Timestamp(2020, 2, 29)
