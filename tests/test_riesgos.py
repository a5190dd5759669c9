"""The risks named in the plan: how spellings are grouped and how each risk stands."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from pat_core import diapositivas as d
from pat_core import vocabulario as v
from pat_core.calculo import evaluar
from pat_core.informe import html_informe
from pat_core.riesgos import clave_riesgo, riesgos_al_corte, riesgos_de, tabla_riesgos
from tests.ayudantes import ACTIVIDADES, carpeta, programa
from tests.test_app import abrir
from tests.test_app_diapositivas import html_de, presentar
from tests.test_cli import BOM, ejecutar, filas_csv, huellas
from tests.test_informe import una_sesion

CORTE = "2020-09-30"


@pytest.fixture(autouse=True)
def sin_pat_datos(monkeypatch):
    monkeypatch.delenv("PAT_DATOS", raising=False)


def actividad(clave: str, riesgos, inicio=date(2020, 1, 2), fin=date(2020, 12, 31)) -> dict:
    return {v.SECCION: "I", v.CLAVE_INDICADOR: ".".join(clave.split(".")[:2]),
            v.CLAVE_ACTIVIDAD: clave, v.ACTIVIDAD: f"Actividad {clave}",
            v.FECHA_INICIO: pd.Timestamp(inicio), v.FECHA_FIN: pd.Timestamp(fin),
            v.RIESGOS: riesgos}


def riesgos(*actividades, evidencias=()) -> pd.DataFrame:
    return tabla_riesgos(evaluar(programa(actividades=actividades, evidencias=evidencias), CORTE))


# ---------------------------------------------------------------- grouping


@pytest.mark.parametrize("a, b", [
    ("Problemas tecnológicos.", "problemas  TECNOLOGICOS"),
    ("Cargas de trabajo", "Cargas de trabajo ;"),
    ("Agenda del comité de ética", "agenda del comite de etica…"),
])
def test_dos_escrituras_de_un_riesgo(a, b):
    assert clave_riesgo(a) == clave_riesgo(b)


def test_riesgos_distintos_no_se_juntan():
    assert clave_riesgo("Sesiones virtuales") != clave_riesgo("Sesiones virtules")


@pytest.mark.parametrize("celda, esperados", [
    (None, []),
    ("Cargas de trabajo.", ["Cargas de trabajo."]),
    ("Cargas de trabajo.\nProblemas tecnológicos.", ["Cargas de trabajo.", "Problemas tecnológicos."]),
    ("Cargas; Agendas ;; cargas.", ["Cargas", "Agendas"]),
])
def test_riesgos_de_una_celda(celda, esperados):
    assert riesgos_de(celda) == esperados


def test_el_nombre_es_la_escritura_mas_frecuente_y_en_empate_la_primera():
    tabla = riesgos(actividad("1.1.1", "tecnologia"), actividad("1.1.2", "Tecnología."),
                    actividad("1.1.3", "Tecnología."), actividad("1.2.1", "Cargas"),
                    actividad("1.2.2", "cargas."))
    assert tabla[v.RIESGO].tolist() == ["Tecnología.", "Cargas"]
    assert tabla[v.ACTIVIDADES].tolist() == [3, 2]


def test_una_actividad_con_varios_riesgos_cuenta_en_cada_uno():
    tabla = riesgos(actividad("1.1.1", "Cargas\nTecnología"), actividad("1.1.2", "Tecnología"),
                    actividad("1.1.3", None))
    assert dict(zip(tabla[v.RIESGO], tabla[v.CLAVES])) == {"Tecnología": "1.1.1, 1.1.2",
                                                           "Cargas": "1.1.1"}


def test_claves_en_orden_natural():
    tabla = riesgos(*(actividad(f"1.1.{n}", "Cargas") for n in (10, 9, 1)))
    assert tabla[v.CLAVES].tolist() == ["1.1.1, 1.1.9, 1.1.10"]


def test_primero_los_riesgos_con_mas_actividades_rojas_o_vencidas():
    despues = date(2020, 10, 1)  # not started at the cut-off: green
    tabla = riesgos(
        *(actividad(f"1.1.{n}", "Cargas", inicio=despues) for n in (1, 2, 3)),
        actividad("1.2.1", "Agendas", fin=date(2020, 6, 30)),  # overdue without evidence
        actividad("1.2.2", "Tecnología", inicio=despues),
        actividad("1.2.3", "Tecnología", fin=date(2020, 5, 29)),
        evidencias=[{v.CLAVE_ACTIVIDAD: "1.2.3", v.FECHA: pd.Timestamp("2020-05-01"),
                     v.AVANCE: 100.0}],
    )
    assert tabla.to_dict("records") == [
        {v.RIESGO: "Agendas", v.ACTIVIDADES: 1, v.CONCLUIDAS: 0, v.EN_ROJO: 1,
         v.VENCIDAS: 1, v.CLAVES: "1.2.1"},
        {v.RIESGO: "Cargas", v.ACTIVIDADES: 3, v.CONCLUIDAS: 0, v.EN_ROJO: 0,
         v.VENCIDAS: 0, v.CLAVES: "1.1.1, 1.1.2, 1.1.3"},
        {v.RIESGO: "Tecnología", v.ACTIVIDADES: 2, v.CONCLUIDAS: 1, v.EN_ROJO: 0,
         v.VENCIDAS: 0, v.CLAVES: "1.2.2, 1.2.3"},
    ]


def test_un_plan_sin_riesgos_da_una_tabla_vacia_con_sus_columnas():
    tabla = riesgos(actividad("1.1.1", None))
    assert tabla.empty and tuple(tabla.columns) == v.COLUMNAS_RIESGOS


def test_los_datos_incluidos_tienen_tres_riesgos(datos_ejemplo):
    from pat_core.anio import cargar

    tabla = riesgos_al_corte(evaluar(cargar(datos_ejemplo, 2020), CORTE))
    assert len(tabla) == 3 and tabla[v.ACTIVIDADES].sum() == 22
    assert tabla[v.CLAVES_ROJAS_O_VENCIDAS].tolist() == ["5.1.1", "4.1.3", ""]
    assert tabla[v.ROJAS_O_VENCIDAS].tolist() == [1, 1, 0]


# ---------------------------------------------------------------- command line


def test_riesgos_en_csv(capsysbinary, datos_ejemplo):
    codigo, salida, error = ejecutar(capsysbinary, "riesgos", "--datos", datos_ejemplo, "--anio",
                                     "2020", "--corte", CORTE)
    assert codigo == 0 and error == ""
    lineas = salida.split(b"\r\n")
    assert lineas[0] == BOM + "Riesgo,Actividades,Concluidas,En rojo,Vencidas,Claves".encode()
    assert lineas[1] == (
        "Cargas de trabajo fuera de lo habitual impiden a los integrantes atender los asuntos "
        'del CEPCI.,9,1,1,1,"1.1.1, 1.1.2, 1.2.1, 1.2.2, 3.1.1, 3.1.2, 3.2.1, 3.3.1, 5.1.1"'
    ).encode()
    filas = filas_csv(salida)
    assert len(filas) == 3 and sum(int(f[v.ACTIVIDADES]) for f in filas) == 22


def test_riesgos_en_xlsx(capsysbinary, datos_ejemplo, tmp_path):
    archivo = tmp_path / "riesgos.xlsx"
    codigo, salida, error = ejecutar(capsysbinary, "riesgos", "--datos", datos_ejemplo,
                                     "--corte", CORTE, "--salida", archivo)
    assert codigo == 0 and salida == b"" and f"Se escribió {archivo}" in error
    hoja = load_workbook(archivo).active
    assert hoja.title == "Riesgos" and [c.value for c in hoja[1]] == list(v.COLUMNAS_RIESGOS)
    assert [fila[1].value for fila in hoja.iter_rows(min_row=2)] == [9, 8, 5]


def test_riesgos_de_un_comite(capsysbinary, datos_ejemplo, tmp_path):
    carpeta_norte = tmp_path / "norte"
    carpeta_norte.mkdir()
    carpeta(carpeta_norte)
    shutil.copytree(datos_ejemplo, tmp_path / "sur")
    codigo, salida, error = ejecutar(capsysbinary, "riesgos", "--datos", tmp_path, "--comite",
                                     "norte", "--corte", CORTE)
    assert codigo == 0, error
    assert [(f[v.RIESGO], f[v.CLAVES]) for f in filas_csv(salida)] == [
        ("Tecnología", "2.1.1, 2.1.2"), ("Cargas", "1.1.1")]
    codigo, salida, error = ejecutar(capsysbinary, "riesgos", "--datos", tmp_path, "--corte", CORTE)
    assert codigo == 2 and salida == b"" and "indique uno con --comite" in error


@pytest.mark.parametrize("nombre, dice", [
    ("pat_2020.xlsx", "queda dentro de la carpeta de datos"),
    ("riesgos.txt", "debe terminar en .csv o .xlsx"),
])
def test_riesgos_no_escribe_donde_no_debe(capsysbinary, copia_datos, nombre, dice):
    antes = huellas(copia_datos)
    destino = copia_datos / nombre if nombre.endswith("xlsx") else copia_datos.parent / nombre
    codigo, salida, error = ejecutar(capsysbinary, "riesgos", "--datos", copia_datos,
                                     "--salida", destino)
    assert codigo == 2 and salida == b"" and dice in error and "Traceback" not in error
    assert huellas(copia_datos) == antes and not (copia_datos.parent / "riesgos.txt").exists()


# ---------------------------------------------------------------- the Sesión page


def test_la_pagina_sesion_muestra_los_riesgos():
    app = abrir("paginas/sesion.py", corte="2020-09-30")
    assert "Riesgos" in [s.value for s in app.subheader]
    assert app.warning[0].value == "2 de 3 riesgo(s) con actividades vencidas o en rojo."
    tabla = next(t.value for t in app.dataframe if v.RIESGO in t.value.columns)
    assert tabla[v.CLAVES_ROJAS_O_VENCIDAS].tolist() == ["5.1.1", "4.1.3", ""]
    assert tabla[v.ROJAS_O_VENCIDAS].tolist() == [1, 1, 0]
    assert tabla[v.ACTIVIDADES].sum() == 22


def test_la_pagina_sesion_sin_riesgos_en_el_plan(tmp_path, monkeypatch):
    sin_riesgos = [fila[:5] + [None] + fila[6:] for fila in ACTIVIDADES]
    monkeypatch.setenv("PAT_DATOS", str(carpeta(tmp_path, actividades=sin_riesgos)))
    app = abrir("paginas/sesion.py", corte="2020-09-30")
    assert any(i.value.startswith("El plan no nombra riesgos") for i in app.info)


# ---------------------------------------------------------------- the slide


def test_la_diapositiva_nombra_las_claves_rojas_o_vencidas_de_cada_riesgo():
    cuerpo = html_de(presentar(diapositiva="riesgos", corte="2020-09-30"))
    assert "2 de 3 riesgo(s) con actividades vencidas o en rojo." in cuerpo
    assert '<span class="mal">1:</span> 5.1.1' in cuerpo
    assert '<span class="bien">ninguna</span>' in cuerpo
    assert cuerpo.index("Cargas de trabajo") < cuerpo.index("Dificultad de compaginar")


def test_la_diapositiva_escapa_los_nombres_y_dice_cuantos_mas(tmp_path, monkeypatch):
    largo = "con un nombre largo que se escribe en varias líneas de la diapositiva " * 2
    muchos = [[f"1.1.{n}", "Curso", date(2020, 3, 2), date(2020, 12, 31), "Constancia",
               f"Riesgo <b>{n}</b> {largo}", "Ana"] for n in range(1, 13)]
    monkeypatch.setenv("PAT_DATOS", str(carpeta(tmp_path, actividades=muchos)))
    cuerpo = html_de(presentar(diapositiva="riesgos", corte="2020-09-30"))
    assert "Riesgo &lt;b&gt;1&lt;/b&gt;" in cuerpo and "<b>1</b>" not in cuerpo
    assert re.search(r'<div class="mas">y \d+ riesgo\(s\) más', cuerpo)
    assert "…" not in cuerpo


def test_lo_que_cabe_cuenta_el_nombre_o_las_claves_lo_que_ocupe_mas():
    tabla = pd.DataFrame({v.RIESGO: ["corto", "x" * 200],
                          v.CLAVES_ROJAS_O_VENCIDAS: [", ".join(["1.1.1"] * 12), ""]})
    recorte = d.riesgos_que_caben(tabla, lineas_disponibles=6)  # by names alone, both
    assert len(recorte.filas) == 1 and recorte.restantes == 1


# ---------------------------------------------------------------- the meeting pack


def test_el_informe_trae_la_tabla_de_riesgos_entre_los_cambios_y_los_plazos(datos_ejemplo):
    contenido = html_informe(una_sesion(datos_ejemplo))
    inicio = contenido.index(">Riesgos del programa<")
    assert contenido.index(">Cambios desde el") < inicio < contenido.index(">Próximos vencimientos")
    tabla = contenido[inicio:contenido.index("</table>", inicio)]
    assert ("<th>Riesgo</th><th>Actividades</th><th>Concluidas</th><th>En rojo</th>"
            "<th>Vencidas</th><th>Claves</th>") in tabla
    assert tabla.count("<tr>") == 4
    assert '<td class="numero">9</td>' in tabla and "<td>4.1.1, 4.1.2, 4.2.1, 4.3.1, 4.3.2</td>" in tabla
