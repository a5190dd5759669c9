"""Upcoming deadlines in working days, and the minutes' 10-working-day term (4.1.2)."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pat_core import Umbrales, cargar, evaluar
from pat_core import vocabulario as v
from pat_core.plazos import actas_fuera_de_plazo, proximos_vencimientos, revisar_actas
from pat_core.vocabulario import (A_TIEMPO, DIAS_HABILES, PENDIENTE, QUE_VENCE, SIN_REGISTRAR,
                                  SITUACION, TARDE)
from tests import ayudantes


@pytest.fixture(scope="module")
def datos():
    return cargar(Path(__file__).resolve().parent.parent / "data", 2020)


def test_the_shipped_sessions_at_year_end(datos):
    actas = revisar_actas(datos, pd.Timestamp(2020, 12, 31), Umbrales())
    assert list(actas[SITUACION]) == [A_TIEMPO, A_TIEMPO, SIN_REGISTRAR, TARDE, A_TIEMPO]
    tarde = actas.iloc[3]
    assert tarde["Límite para registrar el acta"] == pd.Timestamp(2020, 8, 7)
    assert tarde["Días hábiles hasta el registro"] == 15
    assert list(actas_fuera_de_plazo(actas)[v.FECHA].dt.date) == [date(2020, 6, 18), date(2020, 7, 24)]


def test_a_registration_after_the_cut_off_had_not_happened_yet(datos):
    actas = revisar_actas(datos, pd.Timestamp(2020, 8, 5), Umbrales())
    assert list(actas[SITUACION]) == [A_TIEMPO, A_TIEMPO, SIN_REGISTRAR, PENDIENTE]
    assert pd.isna(actas.iloc[3][v.FECHA_REGISTRO_ACTA])


def test_the_term_is_a_threshold(datos):
    actas = revisar_actas(datos, pd.Timestamp(2020, 12, 31), Umbrales(dias_habiles_acta=15))
    assert actas.iloc[3][SITUACION] == A_TIEMPO


def test_upcoming_milestones_and_activity_ends(datos):
    tabla = proximos_vencimientos(datos, evaluar(datos, "2020-06-15"), Umbrales())
    assert list(tabla[v.CLAVE_ACTIVIDAD]) == ["4.1.1"]
    assert tabla.iloc[0][QUE_VENCE] == "Hito" and tabla.iloc[0][DIAS_HABILES] == 11
    tabla = proximos_vencimientos(datos, evaluar(datos, "2020-08-14"), Umbrales())
    assert list(tabla[v.CLAVE_ACTIVIDAD]) == ["5.1.1"]  # ends 28/08, 10 working days later
    assert tabla.iloc[0][QUE_VENCE] == "Fin de la actividad" and tabla.iloc[0][DIAS_HABILES] == 10


def test_the_window_counts_working_days(datos):
    corte = evaluar(datos, "2020-08-14")
    assert proximos_vencimientos(datos, corte, Umbrales(), dias=9).empty
    assert len(proximos_vencimientos(datos, corte, Umbrales(), dias=10)) == 1


def test_concluded_activities_are_not_upcoming(tmp_path):
    evidencias = [["2.1.1", date(2020, 6, 1), "Hecho", 100, None, None]]
    datos = cargar(ayudantes.carpeta(tmp_path, evidencias=evidencias), 2020)
    tabla = proximos_vencimientos(datos, evaluar(datos, "2020-06-20"), Umbrales())
    assert tabla.empty  # 2.1.1 ends 30/06 but is concluded


def test_sessions_sheet_is_validated(tmp_path):
    carpeta = ayudantes.carpeta(tmp_path)
    libro = load_workbook(carpeta / "evidencias_2020.xlsx")
    hoja = libro.create_sheet(v.HOJA_SESIONES)
    hoja.append([v.FECHA, v.TIPO, v.FECHA_REGISTRO_ACTA])
    hoja.append(["10/03/2020", "ordinaria", "05/03/2020"])
    hoja.append(["20/03/2020", "solemne", None])
    libro.save(carpeta / "evidencias_2020.xlsx")
    datos = cargar(carpeta, 2020)
    errores = {(p.fila, p.columna) for p in datos.problemas if p.es_error}
    assert errores == {(2, v.FECHA_REGISTRO_ACTA), (3, v.TIPO)}
    assert datos.sesiones.empty
