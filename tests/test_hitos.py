"""Milestones drive the semáforo, and the acta rule is labelled by its configured activity."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pat_core import Umbrales, cargar, cargar_umbrales, evaluar
from pat_core import vocabulario as v
from pat_core.calculo import hitos_vencidos
from pat_core.comites import consolidar
from pat_core.plazos import (aviso_actividad_actas, proximos_vencimientos, revisar_actas,
                             titulo_actas)
from pat_core.vocabulario import DIAS_HABILES, HITO_PROXIMO, HITO_VENCIDO, QUE_VENCE
from pat_core.problemas import AVISO
from pat_core.reglas import ARCHIVO_UMBRALES
from tests.ayudantes import marco, programa
from tests.test_app import abrir
from tests.test_calculo import act, ev, ind

T = pd.Timestamp
DATOS = Path(__file__).resolve().parent.parent / "data"
# 01/03/2020 .. 31/12/2020, far from its end and ahead of its pace at every cut-off below:
# without milestones it is green.
INICIO, FIN = date(2020, 3, 1), date(2020, 12, 31)
MARZO, JUNIO = date(2020, 3, 31), date(2020, 6, 30)


def con_hitos(fechas, limites=(MARZO, JUNIO), avance=90):
    """Activity 1.1.1 with evidence on ``fechas`` and milestones on ``limites``."""
    datos = programa([ind("1.1", 80, calculo=v.POR_ACTIVIDADES)], [act("1.1.1", INICIO, FIN)],
                     [ev("1.1.1", fecha, avance) for fecha in fechas])
    hitos = [{v.CLAVE_ACTIVIDAD: "1.1.1", v.HITO: f"Hito {n}", v.FECHA_LIMITE: limite}
             for n, limite in enumerate(limites, 1)]
    return replace(datos, hitos=marco(v.HOJA_HITOS, hitos))


def actividad(datos, corte, umbrales=Umbrales()):
    return evaluar(datos, corte, umbrales).actividades.iloc[0]


def test_without_milestones_missed_it_stays_green():
    fila = actividad(con_hitos([MARZO, JUNIO]), T(2020, 7, 1))
    assert fila[v.HITOS_VENCIDOS] == 0 and fila[v.SEMAFORO] == v.VERDE


def test_evidence_on_the_limit_day_meets_the_milestone():
    datos = con_hitos([MARZO])
    assert actividad(datos, T(2020, 4, 1))[v.SEMAFORO] == v.VERDE
    assert hitos_vencidos(datos, evaluar(datos, T(2020, 4, 1))).empty


def test_evidence_the_day_after_the_limit_is_late():
    datos = con_hitos([date(2020, 4, 1)])
    fila = actividad(datos, T(2020, 4, 2))
    assert fila[v.HITOS_VENCIDOS] == 1 and fila[v.SEMAFORO] == v.AMARILLO
    vencido = hitos_vencidos(datos, evaluar(datos, T(2020, 4, 2))).iloc[0]
    assert vencido[v.HITO] == "Hito 1" and vencido["Desde"] == T(INICIO)


def test_evidence_before_the_window_does_not_count():
    """The March evidence met the March milestone; the June one needs its own."""
    datos = con_hitos([date(2020, 3, 20)])
    fila = actividad(datos, T(2020, 7, 1))
    assert fila[v.HITOS_VENCIDOS] == 1 and fila[v.SEMAFORO] == v.AMARILLO
    vencido = hitos_vencidos(datos, evaluar(datos, T(2020, 7, 1))).iloc[0]
    assert vencido[v.HITO] == "Hito 2" and vencido["Desde"] == T(2020, 4, 1)


def test_the_window_of_the_first_milestone_opens_on_the_activity_start():
    assert actividad(con_hitos([INICIO]), T(2020, 4, 1))[v.SEMAFORO] == v.VERDE
    atrasada = actividad(con_hitos([date(2020, 2, 28)]), T(2020, 4, 1))
    assert atrasada[v.HITOS_VENCIDOS] == 1


def test_not_missed_before_the_limit_has_passed():
    datos = con_hitos([])
    assert actividad(datos, T(MARZO))[v.HITOS_VENCIDOS] == 0  # the limit day is still on time
    assert actividad(datos, T(2020, 4, 1))[v.HITOS_VENCIDOS] == 1


def test_two_missed_milestones_make_it_red():
    datos = con_hitos([date(2020, 2, 28)])  # 90 %, ahead of its pace, before both windows
    assert actividad(datos, T(2020, 7, 1))[v.SEMAFORO] == v.ROJO
    assert actividad(datos, T(2020, 7, 1), Umbrales(hitos_rojo=3))[v.SEMAFORO] == v.AMARILLO
    assert actividad(datos, T(2020, 4, 1), Umbrales(hitos_rojo=1))[v.SEMAFORO] == v.ROJO


def test_milestones_sharing_a_limit_share_the_window():
    datos = con_hitos([MARZO], limites=(MARZO, MARZO))
    assert actividad(datos, T(2020, 4, 1))[v.HITOS_VENCIDOS] == 0
    assert actividad(con_hitos([], limites=(MARZO, MARZO)), T(2020, 4, 1))[v.SEMAFORO] == v.ROJO


def test_a_concluded_activity_stays_green():
    datos = con_hitos([date(2020, 8, 1)], avance=100)
    datos = replace(datos, evidencias=marco(v.HOJA_EVIDENCIAS, [ev("1.1.1", date(2020, 8, 1), 100)]))
    fila = actividad(datos, T(2020, 8, 2))
    assert fila[v.ESTADO] == v.CONCLUIDA and fila[v.HITOS_VENCIDOS] == 2
    assert fila[v.SEMAFORO] == v.VERDE


def test_missed_milestones_are_listed_with_the_upcoming_deadlines():
    datos = con_hitos([MARZO], limites=(MARZO, JUNIO, date(2020, 7, 15)))
    tabla = proximos_vencimientos(datos, evaluar(datos, T(2020, 7, 1)), Umbrales())
    assert list(tabla[QUE_VENCE]) == [HITO_VENCIDO, HITO_PROXIMO]
    assert tabla.iloc[0][v.FECHA_LIMITE] == T(JUNIO) and tabla.iloc[0][DIAS_HABILES] == -1
    assert tabla.iloc[0][v.SEMAFORO] == v.AMARILLO


def test_the_roll_up_counts_milestones_as_a_committee_does(tmp_path):
    """A committee folder with the shipped data and a milestone no evidence meets."""
    comite = tmp_path / "Comite"
    shutil.copytree(DATOS, comite)
    libro = load_workbook(comite / "pat_2020.xlsx")
    libro[v.HOJA_HITOS].append(["5.1.1", "Diagnóstico", date(2020, 5, 15)])
    libro.save(comite / "pat_2020.xlsx")
    total = consolidar(tmp_path, 2020, "2020-06-30")
    datos = cargar(comite, 2020)
    propia = evaluar(datos, "2020-06-30").actividades.set_index(v.CLAVE_ACTIVIDAD)
    rollup = total.actividades.set_index(v.CLAVE_ACTIVIDAD)
    assert propia.at["5.1.1", v.HITOS_VENCIDOS] == rollup.at["5.1.1", v.HITOS_VENCIDOS] == 1
    assert list(propia[v.SEMAFORO]) == list(rollup[v.SEMAFORO])


# ---------------------------------------------------------------- the setting in tablero.toml


def escribir(carpeta: Path, texto: str) -> Path:
    (carpeta / ARCHIVO_UMBRALES).write_text(texto, encoding="utf-8")
    return carpeta


def test_hitos_rojo_from_tablero_toml(tmp_path):
    umbrales, problemas = cargar_umbrales(escribir(tmp_path, "[semaforo]\nhitos_rojo = 3\n"))
    assert problemas == [] and umbrales.hitos_rojo == 3


@pytest.mark.parametrize("valor, palabra", [("0", "al menos 1"), ("1.5", "entero"),
                                            ('"dos"', "número")])
def test_a_bad_hitos_rojo_is_reported(tmp_path, valor, palabra):
    umbrales, problemas = cargar_umbrales(escribir(tmp_path, f"[semaforo]\nhitos_rojo = {valor}\n"))
    assert umbrales == Umbrales() and len(problemas) == 1 and problemas[0].es_error
    assert "semaforo.hitos_rojo" in problemas[0].mensaje and palabra in problemas[0].mensaje


def test_actividad_actas_from_tablero_toml(tmp_path):
    umbrales, problemas = cargar_umbrales(escribir(
        tmp_path, '[plazos]\ndias_habiles_acta = 5\nactividad_actas = " 4.2.1 "\n'))
    assert problemas == [] and umbrales == Umbrales(dias_habiles_acta=5, actividad_actas="4.2.1")
    assert titulo_actas(umbrales) == "Registro de actas (actividad 4.2.1, plazo de 5 días hábiles)"


@pytest.mark.parametrize("valor", ["4.1", '""'])
def test_a_bad_actividad_actas_is_a_warning(tmp_path, valor):
    umbrales, problemas = cargar_umbrales(escribir(
        tmp_path, f"[plazos]\ndias_habiles_acta = 5\nactividad_actas = {valor}\n"))
    assert umbrales == Umbrales(dias_habiles_acta=5)  # the thresholds stay as read
    assert [p.severidad for p in problemas] == [AVISO]
    assert "plazos.actividad_actas" in problemas[0].mensaje


def test_an_activity_the_plan_lacks_is_said_and_the_minutes_still_checked():
    datos = cargar(DATOS, 2020)
    assert aviso_actividad_actas(datos, Umbrales()) == []
    umbrales = Umbrales(actividad_actas="9.9.9")
    (aviso,) = aviso_actividad_actas(datos, umbrales)
    assert aviso.severidad == AVISO and aviso.valor == "9.9.9" and "9.9.9" in aviso.mensaje
    assert len(revisar_actas(datos, T(2020, 12, 31), umbrales)) == len(datos.sesiones) == 5
    sin_sesiones = replace(datos, sesiones=datos.sesiones.iloc[:0])
    assert aviso_actividad_actas(sin_sesiones, umbrales) == []


# ---------------------------------------------------------------- on screen


def test_sesion_and_calidad_show_the_missed_milestone_and_the_configured_key(copia_datos,
                                                                            monkeypatch):
    libro = load_workbook(copia_datos / "pat_2020.xlsx")
    libro[v.HOJA_HITOS].append(["5.1.1", "Diagnóstico de procesos", date(2020, 5, 15)])
    libro.save(copia_datos / "pat_2020.xlsx")
    escribir(copia_datos, '[plazos]\nactividad_actas = "9.9.9"\n')
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    app = abrir("paginas/sesion.py", anio="2020", corte="2020-06-30")
    assert "Registro de actas (actividad 9.9.9, plazo de 10 días hábiles)" in [
        s.value for s in app.subheader]
    vencimientos = next(t.value for t in app.dataframe if QUE_VENCE in t.value.columns)
    vencido = vencimientos[vencimientos[QUE_VENCE] == HITO_VENCIDO]
    assert list(vencido[v.CLAVE_ACTIVIDAD]) == ["5.1.1"]
    assert list(vencido[v.DESCRIPCION]) == ["Diagnóstico de procesos"]
    calidad = abrir("paginas/calidad.py", anio="2020", corte="2020-06-30")
    assert any("9.9.9" in t.value.to_string() for t in calidad.dataframe)


def test_the_activity_table_counts_each_activity_s_missed_milestones(copia_datos, monkeypatch):
    """Why an activity far from its end date is yellow or red: the table says so."""
    libro = load_workbook(copia_datos / "pat_2020.xlsx")
    for limite in (date(2020, 4, 30), date(2020, 5, 15)):  # 5.1.1's first evidence: 29/05
        libro[v.HOJA_HITOS].append(["5.1.1", "Diagnóstico de procesos", limite])
    libro.save(copia_datos / "pat_2020.xlsx")
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    tabla = abrir("paginas/actividades.py", anio="2020", corte="2020-05-10").dataframe[0].value
    por_clave = tabla.set_index(v.CLAVE_ACTIVIDAD)[v.HITOS_VENCIDOS]
    assert por_clave["5.1.1"] == 1 and por_clave.drop("5.1.1").eq(0).all()
    tabla = abrir("paginas/actividades.py", anio="2020", corte="2020-05-31").dataframe[0].value
    assert tabla.set_index(v.CLAVE_ACTIVIDAD).loc["5.1.1", v.HITOS_VENCIDOS] == 2
