"""Loading and validating a year's workbooks: pat_core.anio.cargar."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pat_core import cargar, celdas, columnas, fecha_corte_predeterminada
from pat_core import vocabulario as v
from pat_core.contrato import FILA
from pat_core.problemas import AVISO, ERROR
from tests.ayudantes import (
    ACTIVIDADES,
    ENCABEZADOS,
    EVIDENCIAS,
    INDICADORES,
    MEDICIONES,
    carpeta,
    escribir_libro,
)

PAT = "pat_2020.xlsx"
REGISTRO = "evidencias_2020.xlsx"


def con(filas: list[list], indice: int, columna: int, valor) -> list[list]:
    """A copy of ``filas`` with one cell changed."""
    copia = [list(f) for f in filas]
    copia[indice][columna] = valor
    return copia


def problemas_en(datos, columna=None, severidad=None):
    return [p for p in datos.problemas
            if (columna is None or p.columna == columna)
            and (severidad is None or p.severidad == severidad)]


def unico(datos, columna, severidad=ERROR):
    encontrados = problemas_en(datos, columna, severidad)
    assert len(encontrados) == 1, datos.problemas
    return encontrados[0]


# ---------------------------------------------------------------- the happy path


def test_carpeta_de_ejemplo_sin_problemas(tmp_path):
    datos = cargar(carpeta(tmp_path), 2020)
    assert datos.problemas == []
    assert datos.anio == 2020
    assert (len(datos.indicadores), len(datos.actividades), len(datos.evidencias),
            len(datos.mediciones)) == (2, 3, 2, 1)
    assert datos.archivos == [tmp_path / PAT, tmp_path / REGISTRO]
    assert datos.inicio_anio == pd.Timestamp(2020, 1, 1)
    assert datos.fin_anio == pd.Timestamp(2020, 12, 31)


def test_tipos_de_las_columnas(tmp_path):
    datos = cargar(carpeta(tmp_path), 2020)
    act = datos.actividades
    assert act[v.FECHA_INICIO].dtype == "datetime64[s]"
    assert act[v.FECHA_FIN].dtype == "datetime64[s]"
    assert act[v.SOLICITADA_UEIPPCI].dtype == bool
    assert act[FILA].dtype == "int64"
    assert datos.indicadores[v.VALOR_META].dtype == float
    assert datos.evidencias[v.AVANCE].dtype == float
    assert datos.mediciones[v.TOTAL].dtype == float
    assert list(act[FILA]) == [2, 3, 4]


def test_actividad_hereda_indicador_y_seccion(tmp_path):
    act = cargar(carpeta(tmp_path), 2020).actividades.set_index(v.CLAVE_ACTIVIDAD)
    assert act.at["1.1.1", v.CLAVE_INDICADOR] == "1.1"
    assert act.at["1.1.1", v.SECCION] == "I"
    assert act.at["2.1.2", v.CLAVE_INDICADOR] == "2.1"
    assert act.at["2.1.2", v.SECCION] == "II"


def test_claves_escritas_como_numero(tmp_path):
    indicadores = con(con(INDICADORES, 0, 2, 1.1), 1, 2, 2.1)
    indicadores = con(indicadores, 0, 0, 1)  # section as a number too
    mediciones = con(MEDICIONES, 0, 0, 1.1)
    datos = cargar(carpeta(tmp_path, indicadores=indicadores, mediciones=mediciones), 2020)
    assert datos.problemas == []
    assert list(datos.indicadores[v.CLAVE_INDICADOR]) == ["1.1", "2.1"]
    assert list(datos.indicadores[v.SECCION]) == ["I", "II"]
    assert list(datos.mediciones[v.CLAVE_INDICADOR]) == ["1.1"]
    assert len(datos.actividades) == 3


def test_claves_con_punto_final_y_espacios(tmp_path):
    actividades = con(ACTIVIDADES, 0, 0, " 1.1.1. ")
    evidencias = con(EVIDENCIAS, 0, 0, "1.1.1.")
    datos = cargar(carpeta(tmp_path, actividades=actividades, evidencias=evidencias), 2020)
    assert datos.problemas == []
    assert datos.actividades.at[0, v.CLAVE_ACTIVIDAD] == "1.1.1"
    assert datos.evidencias.at[0, v.CLAVE_ACTIVIDAD] == "1.1.1"


def test_fechas_como_texto_dia_primero(tmp_path):
    actividades = con(con(ACTIVIDADES, 0, 2, "02/03/2020"), 0, 3, "1/12/2020")
    evidencias = con(EVIDENCIAS, 0, 1, "05/04/2020")
    mediciones = con(MEDICIONES, 0, 1, "2020-06-30")
    datos = cargar(carpeta(tmp_path, actividades=actividades, evidencias=evidencias,
                           mediciones=mediciones), 2020)
    assert datos.problemas == []
    assert datos.actividades.at[0, v.FECHA_INICIO] == pd.Timestamp(2020, 3, 2)
    assert datos.actividades.at[0, v.FECHA_FIN] == pd.Timestamp(2020, 12, 1)
    assert datos.evidencias.at[0, v.FECHA] == pd.Timestamp(2020, 4, 5)
    assert datos.mediciones.at[0, v.FECHA_CORTE] == pd.Timestamp(2020, 6, 30)


@pytest.mark.parametrize("escrito", ["15%", "15 %", 0.15, "0.15", 15, 15.0, "15"])
def test_valor_meta_en_cualquier_forma(tmp_path, escrito):
    indicadores = con(INDICADORES, 0, 6, escrito)
    datos = cargar(carpeta(tmp_path, indicadores=indicadores), 2020)
    assert datos.problemas == []
    assert datos.indicadores.at[0, v.VALOR_META] == pytest.approx(15.0)


def test_valor_meta_numero(tmp_path):
    indicadores = [["V", "Mejora", "5.1", "Riesgos", "Obj.", "Cinco procesos", 5, "número", "medición"]]
    datos = cargar(carpeta(tmp_path, indicadores=indicadores, actividades=[], evidencias=[],
                           mediciones=[["5.1", date(2020, 7, 31), 3, None, None]]), 2020)
    assert datos.problemas == []
    assert datos.indicadores.at[0, v.VALOR_META] == 5.0
    assert datos.mediciones.at[0, v.LOGRADO] == 3.0
    assert pd.isna(datos.mediciones.at[0, v.TOTAL])


def test_solicitada_por_la_ueippci(tmp_path):
    escribir_libro(tmp_path / PAT, {
        v.HOJA_INDICADORES: [ENCABEZADOS[v.HOJA_INDICADORES], *INDICADORES],
        v.HOJA_ACTIVIDADES: [
            [*ENCABEZADOS[v.HOJA_ACTIVIDADES], v.SOLICITADA_UEIPPCI],
            [*ACTIVIDADES[0], "*"],
            [*ACTIVIDADES[1], "Sí"],
            [*ACTIVIDADES[2], None],
        ],
    })
    datos = cargar(tmp_path, 2020)
    assert list(datos.actividades[v.SOLICITADA_UEIPPCI]) == [True, True, False]


def test_solicitada_no_reconocida_es_aviso_y_la_fila_queda(tmp_path):
    escribir_libro(tmp_path / PAT, {
        v.HOJA_INDICADORES: [ENCABEZADOS[v.HOJA_INDICADORES], *INDICADORES],
        v.HOJA_ACTIVIDADES: [
            [*ENCABEZADOS[v.HOJA_ACTIVIDADES], v.SOLICITADA_UEIPPCI],
            [*ACTIVIDADES[0], "quizá"],
        ],
    })
    datos = cargar(tmp_path, 2020)
    problema = unico(datos, v.SOLICITADA_UEIPPCI, AVISO)
    assert (problema.fila, problema.valor) == (2, "quizá")
    assert len(datos.actividades) == 1
    assert not datos.actividades.at[0, v.SOLICITADA_UEIPPCI]


def test_encabezados_en_fila_3_como_la_plantilla(tmp_path):
    escribir_libro(tmp_path / PAT, {
        v.HOJA_INDICADORES: [["Programa Anual de Trabajo 2020"], ["ayuda"],
                             ENCABEZADOS[v.HOJA_INDICADORES], *INDICADORES],
        v.HOJA_ACTIVIDADES: [["Programa Anual de Trabajo 2020"], [],
                             ENCABEZADOS[v.HOJA_ACTIVIDADES], *con(ACTIVIDADES, 1, 2, "31/02/2020")],
    })
    datos = cargar(tmp_path, 2020)
    problema = unico(datos, v.FECHA_INICIO)
    assert problema.fila == 5  # title, help, header, then the second activity
    assert len(datos.actividades) == 2


# ---------------------------------------------------------------- problems, one by one


def test_clave_de_indicador_repetida(tmp_path):
    indicadores = [*INDICADORES, ["I", "Otra", "1.1", "Repetido", "Obj.", "Meta", 50, "porcentaje", "medición"]]
    datos = cargar(carpeta(tmp_path, indicadores=indicadores), 2020)
    problema = unico(datos, v.CLAVE_INDICADOR)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        PAT, v.HOJA_INDICADORES, 4, "1.1")
    assert "repetida" in problema.mensaje
    assert len(datos.indicadores) == 2
    assert datos.indicadores.set_index(v.CLAVE_INDICADOR).at["1.1", v.INDICADOR] == "Capacitación"


def test_clave_de_actividad_repetida(tmp_path):
    actividades = [*ACTIVIDADES, ["2.1.1", "Repetida", date(2020, 3, 1), date(2020, 5, 1), "", "", ""]]
    datos = cargar(carpeta(tmp_path, actividades=actividades), 2020)
    problema = unico(datos, v.CLAVE_ACTIVIDAD)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        PAT, v.HOJA_ACTIVIDADES, 5, "2.1.1")
    assert len(datos.actividades) == 3
    assert "Repetida" not in set(datos.actividades[v.ACTIVIDAD])


def test_actividad_sin_indicador(tmp_path):
    actividades = [*ACTIVIDADES, ["9.1.1", "Huérfana", date(2020, 3, 1), date(2020, 5, 1), "", "", ""]]
    datos = cargar(carpeta(tmp_path, actividades=actividades), 2020)
    problema = unico(datos, v.CLAVE_ACTIVIDAD)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        PAT, v.HOJA_ACTIVIDADES, 5, "9.1.1")
    assert "9.1" in problema.mensaje and v.HOJA_INDICADORES in problema.mensaje
    assert list(datos.actividades[v.CLAVE_ACTIVIDAD]) == ["1.1.1", "2.1.1", "2.1.2"]


def test_fin_antes_del_inicio(tmp_path):
    actividades = con(ACTIVIDADES, 1, 3, date(2020, 2, 1))  # 2.1.1 starts 03/02
    datos = cargar(carpeta(tmp_path, actividades=actividades), 2020)
    problema = unico(datos, v.FECHA_FIN)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        PAT, v.HOJA_ACTIVIDADES, 3, "01/02/2020")
    assert "03/02/2020" in problema.mensaje
    assert list(datos.actividades[v.CLAVE_ACTIVIDAD]) == ["1.1.1", "2.1.2"]
    # Its evidence now points at an activity that is not in the figures.
    assert unico(datos, v.CLAVE_ACTIVIDAD).hoja == v.HOJA_EVIDENCIAS
    assert list(datos.evidencias[v.CLAVE_ACTIVIDAD]) == ["1.1.1"]


def test_inicio_y_fin_el_mismo_dia_es_valido(tmp_path):
    actividades = con(ACTIVIDADES, 1, 3, date(2020, 2, 3))
    datos = cargar(carpeta(tmp_path, actividades=actividades), 2020)
    assert datos.problemas == []


def test_fecha_imposible(tmp_path):
    actividades = con(ACTIVIDADES, 0, 2, "31/02/2020")
    datos = cargar(carpeta(tmp_path, actividades=actividades), 2020)
    problema = unico(datos, v.FECHA_INICIO)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        PAT, v.HOJA_ACTIVIDADES, 2, "31/02/2020")
    assert "no existe" in problema.mensaje
    assert "1.1.1" not in set(datos.actividades[v.CLAVE_ACTIVIDAD])
    assert len(datos.actividades) == 2


def test_fecha_ilegible(tmp_path):
    evidencias = con(EVIDENCIAS, 1, 1, "marzo")
    datos = cargar(carpeta(tmp_path, evidencias=evidencias), 2020)
    problema = unico(datos, v.FECHA)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        REGISTRO, v.HOJA_EVIDENCIAS, 3, "marzo")
    assert "dd/mm/aaaa" in problema.mensaje
    assert len(datos.evidencias) == 1


def test_fechas_fuera_del_anio_son_aviso(tmp_path):
    actividades = con(ACTIVIDADES, 0, 2, date(2019, 12, 15))
    evidencias = con(EVIDENCIAS, 0, 1, date(2021, 1, 10))
    mediciones = con(MEDICIONES, 0, 1, date(2019, 12, 31))
    datos = cargar(carpeta(tmp_path, actividades=actividades, evidencias=evidencias,
                           mediciones=mediciones), 2020)
    assert not any(p.es_error for p in datos.problemas)
    inicio = unico(datos, v.FECHA_INICIO, AVISO)
    assert (inicio.libro, inicio.hoja, inicio.fila, inicio.valor) == (
        PAT, v.HOJA_ACTIVIDADES, 2, "15/12/2019")
    assert "2020" in inicio.mensaje
    fecha = unico(datos, v.FECHA, AVISO)
    assert (fecha.libro, fecha.hoja, fecha.fila, fecha.valor) == (REGISTRO, v.HOJA_EVIDENCIAS, 2, "10/01/2021")
    corte = unico(datos, v.FECHA_CORTE, AVISO)
    assert (corte.hoja, corte.fila) == (v.HOJA_MEDICIONES, 2)
    # Warnings keep their rows.
    assert (len(datos.actividades), len(datos.evidencias), len(datos.mediciones)) == (3, 2, 1)


@pytest.mark.parametrize("avance", [150, -5, "101%", -0.5])
def test_avance_fuera_de_0_a_100(tmp_path, avance):
    evidencias = con(EVIDENCIAS, 0, 3, avance)
    datos = cargar(carpeta(tmp_path, evidencias=evidencias), 2020)
    problema = unico(datos, v.AVANCE)
    assert (problema.libro, problema.hoja, problema.fila) == (REGISTRO, v.HOJA_EVIDENCIAS, 2)
    assert problema.valor is not None
    assert "entre 0 y 100" in problema.mensaje
    assert list(datos.evidencias[v.CLAVE_ACTIVIDAD]) == ["2.1.1"]


@pytest.mark.parametrize("avance, puntos", [("20%", 20), (0.2, 20), (20, 20), ("0%", 0), (None, None)])
def test_avance_en_cualquier_forma(tmp_path, avance, puntos):
    evidencias = con(EVIDENCIAS, 0, 3, avance)
    datos = cargar(carpeta(tmp_path, evidencias=evidencias), 2020)
    assert datos.problemas == []
    leido = datos.evidencias.at[0, v.AVANCE]
    assert pd.isna(leido) if puntos is None else leido == pytest.approx(puntos)


@pytest.mark.parametrize("uno", [1, 1.0, "1", " 1 "])
def test_avance_1_es_100_con_aviso(tmp_path, uno):
    evidencias = con(EVIDENCIAS, 0, 3, uno)
    datos = cargar(carpeta(tmp_path, evidencias=evidencias), 2020)
    problema = unico(datos, v.AVANCE, AVISO)
    assert "1%" in problema.mensaje
    assert datos.evidencias.at[0, v.AVANCE] == 100


def test_avance_1_por_ciento_explicito_no_avisa(tmp_path):
    datos = cargar(carpeta(tmp_path, evidencias=con(EVIDENCIAS, 0, 3, "1%")), 2020)
    assert datos.problemas == [] and datos.evidencias.at[0, v.AVANCE] == 1


def test_logrado_mayor_que_total(tmp_path):
    mediciones = [["1.1", date(2020, 6, 30), 250, 200, None]]
    datos = cargar(carpeta(tmp_path, mediciones=mediciones), 2020)
    problema = unico(datos, v.LOGRADO)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        REGISTRO, v.HOJA_MEDICIONES, 2, "250")
    assert "200" in problema.mensaje
    assert datos.mediciones.empty


@pytest.mark.parametrize("total, valor", [(0, "0"), (None, None), (-5, "-5")])
def test_total_cero_o_vacio_en_porcentaje(tmp_path, total, valor):
    mediciones = [["1.1", date(2020, 6, 30), 46, total, None],
                  ["1.1", date(2020, 9, 30), 58, 200, None]]
    datos = cargar(carpeta(tmp_path, mediciones=mediciones), 2020)
    problema = unico(datos, v.TOTAL)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        REGISTRO, v.HOJA_MEDICIONES, 2, valor)
    assert "mayor que 0" in problema.mensaje
    assert list(datos.mediciones[v.LOGRADO]) == [58.0]


def test_logrado_negativo(tmp_path):
    mediciones = [["1.1", date(2020, 6, 30), -1, 200, None]]
    datos = cargar(carpeta(tmp_path, mediciones=mediciones), 2020)
    problema = unico(datos, v.LOGRADO)
    assert problema.valor == "-1"
    assert datos.mediciones.empty


def test_total_no_hace_falta_en_numero(tmp_path):
    indicadores = [*INDICADORES, ["V", "Mejora", "5.1", "Riesgos", "Obj.", "Meta", 5, "número", "medición"]]
    mediciones = [*MEDICIONES, ["5.1", date(2020, 7, 31), 3, None, None]]
    datos = cargar(carpeta(tmp_path, indicadores=indicadores, mediciones=mediciones), 2020)
    assert datos.problemas == []
    assert len(datos.mediciones) == 2


def test_medicion_de_indicador_por_actividades_es_aviso(tmp_path):
    mediciones = [*MEDICIONES, ["2.1", date(2020, 6, 30), 3, 6, None]]
    datos = cargar(carpeta(tmp_path, mediciones=mediciones), 2020)
    problema = unico(datos, v.CLAVE_INDICADOR, AVISO)
    assert (problema.hoja, problema.fila, problema.valor) == (v.HOJA_MEDICIONES, 3, "2.1")
    assert not any(p.es_error for p in datos.problemas)


@pytest.mark.parametrize("unidad", ["personas", "", None, "porciento"])
def test_unidad_desconocida(tmp_path, unidad):
    indicadores = con(INDICADORES, 1, 7, unidad)
    datos = cargar(carpeta(tmp_path, indicadores=indicadores), 2020)
    problema = unico(datos, v.UNIDAD)
    assert (problema.libro, problema.hoja, problema.fila) == (PAT, v.HOJA_INDICADORES, 3)
    assert problema.valor == (unidad or None)
    assert problemas_en(datos, v.VALOR_META) == []  # reported once, under Unidad
    assert list(datos.indicadores[v.CLAVE_INDICADOR]) == ["1.1"]
    # Its activities have no indicator to belong to now.
    huerfanas = [p for p in problemas_en(datos, v.CLAVE_ACTIVIDAD, ERROR) if p.hoja == v.HOJA_ACTIVIDADES]
    assert sorted(p.valor for p in huerfanas) == ["2.1.1", "2.1.2"]
    assert list(datos.actividades[v.CLAVE_ACTIVIDAD]) == ["1.1.1"]
    # ... and so the evidence of 2.1.1 has no activity either: the error cascades, row by row.
    assert [(p.hoja, p.valor) for p in problemas_en(datos, v.CLAVE_ACTIVIDAD, ERROR)
            if p.hoja == v.HOJA_EVIDENCIAS] == [(v.HOJA_EVIDENCIAS, "2.1.1")]
    assert list(datos.evidencias[v.CLAVE_ACTIVIDAD]) == ["1.1.1"]


def test_calculo_desconocido(tmp_path):
    indicadores = con(INDICADORES, 0, 8, "encuesta")
    datos = cargar(carpeta(tmp_path, indicadores=indicadores), 2020)
    problema = unico(datos, v.CALCULO)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        PAT, v.HOJA_INDICADORES, 2, "encuesta")
    assert "medición" in problema.mensaje and "actividades" in problema.mensaje
    assert list(datos.indicadores[v.CLAVE_INDICADOR]) == ["2.1"]


@pytest.mark.parametrize("valor_meta, unidad", [(0, "porcentaje"), ("150%", "porcentaje"),
                                                (-3, "número"), (0, "número")])
def test_valor_meta_fuera_de_rango(tmp_path, valor_meta, unidad):
    indicadores = con(con(INDICADORES, 0, 6, valor_meta), 0, 7, unidad)
    datos = cargar(carpeta(tmp_path, indicadores=indicadores, mediciones=[]), 2020)
    problema = unico(datos, v.VALOR_META)
    assert problema.fila == 2
    assert "mayor que 0" in problema.mensaje
    assert list(datos.indicadores[v.CLAVE_INDICADOR]) == ["2.1"]


def test_valor_meta_ilegible(tmp_path):
    indicadores = con(INDICADORES, 0, 6, "quince")
    datos = cargar(carpeta(tmp_path, indicadores=indicadores), 2020)
    problema = unico(datos, v.VALOR_META)
    assert problema.valor == "quince"
    assert "porcentaje" in problema.mensaje


def test_seccion_que_no_coincide_con_la_clave_es_aviso(tmp_path):
    indicadores = con(INDICADORES, 1, 0, "III")
    datos = cargar(carpeta(tmp_path, indicadores=indicadores), 2020)
    problema = unico(datos, v.SECCION, AVISO)
    assert (problema.fila, problema.valor) == (3, "III")
    assert "II" in problema.mensaje
    assert len(datos.indicadores) == 2


def test_celda_obligatoria_vacia(tmp_path):
    actividades = con(ACTIVIDADES, 2, 3, None)
    datos = cargar(carpeta(tmp_path, actividades=actividades), 2020)
    problema = unico(datos, v.FECHA_FIN)
    assert (problema.fila, problema.valor) == (4, None)
    assert "vacía" in problema.mensaje
    assert len(datos.actividades) == 2


def test_texto_obligatorio_vacio_es_aviso(tmp_path):
    actividades = con(ACTIVIDADES, 0, 1, "   ")
    datos = cargar(carpeta(tmp_path, actividades=actividades), 2020)
    problema = unico(datos, v.ACTIVIDAD, AVISO)
    assert problema.fila == 2
    assert len(datos.actividades) == 3


def test_evidencia_de_actividad_desconocida(tmp_path):
    evidencias = [*EVIDENCIAS, ["7.7.7", date(2020, 5, 1), "¿de qué?", 10, None, None]]
    datos = cargar(carpeta(tmp_path, evidencias=evidencias), 2020)
    problema = unico(datos, v.CLAVE_ACTIVIDAD)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        REGISTRO, v.HOJA_EVIDENCIAS, 4, "7.7.7")
    assert v.HOJA_ACTIVIDADES in problema.mensaje
    assert len(datos.evidencias) == 2


def test_medicion_de_indicador_desconocido(tmp_path):
    mediciones = [*MEDICIONES, ["8.1", date(2020, 6, 30), 1, 2, None]]
    datos = cargar(carpeta(tmp_path, mediciones=mediciones), 2020)
    problema = unico(datos, v.CLAVE_INDICADOR)
    assert (problema.libro, problema.hoja, problema.fila, problema.valor) == (
        REGISTRO, v.HOJA_MEDICIONES, 3, "8.1")
    assert len(datos.mediciones) == 1


def test_texto_del_problema_lo_ubica(tmp_path):
    actividades = con(ACTIVIDADES, 0, 2, "31/02/2020")
    datos = cargar(carpeta(tmp_path, actividades=actividades), 2020)
    texto = str(unico(datos, v.FECHA_INICIO))
    assert texto.startswith("ERROR")
    for parte in (PAT, f"hoja {v.HOJA_ACTIVIDADES}", "fila 2", f"columna {v.FECHA_INICIO}",
                  "«31/02/2020»"):
        assert parte in texto


def test_varios_errores_solo_salen_sus_filas(tmp_path):
    indicadores = [*INDICADORES,
                   ["III", "Denuncias", "3.1", "Denuncias", "Obj.", "85%", "85%", "porcentaje", "medición"],
                   ["IV", "Comité", "4.1", "Gestión", "Obj.", "80%", 80, "kilos", "actividades"]]
    actividades = [*ACTIVIDADES,
                   ["3.1.1", "Atender", date(2020, 1, 1), date(2020, 12, 31), "", "", ""],
                   ["3.1.2", "Protocolo", "02/03/2020", "31/02/2020", "", "", ""],
                   ["3.1.3", "Al revés", date(2020, 6, 1), date(2020, 5, 1), "", "", ""]]
    evidencias = [*EVIDENCIAS,
                  ["3.1.1", date(2020, 6, 30), "ok", 50, None, None],
                  ["3.1.1", date(2020, 7, 30), "demasiado", 500, None, None],
                  ["1.1.1", date(2020, 8, 30), "bien", "60%", None, None]]
    mediciones = [*MEDICIONES,
                  ["3.1", date(2020, 6, 30), 3, 3, None],
                  ["3.1", date(2020, 12, 31), 8, 7, None]]
    datos = cargar(carpeta(tmp_path, indicadores=indicadores, actividades=actividades,
                           evidencias=evidencias, mediciones=mediciones), 2020)
    errores = [(p.hoja, p.fila, p.columna) for p in datos.problemas if p.es_error]
    assert sorted(errores) == sorted([
        (v.HOJA_INDICADORES, 5, v.UNIDAD),
        (v.HOJA_ACTIVIDADES, 6, v.FECHA_FIN),
        (v.HOJA_ACTIVIDADES, 7, v.FECHA_FIN),
        (v.HOJA_EVIDENCIAS, 5, v.AVANCE),
        (v.HOJA_MEDICIONES, 4, v.LOGRADO),
    ])
    assert list(datos.indicadores[v.CLAVE_INDICADOR]) == ["1.1", "2.1", "3.1"]
    assert list(datos.actividades[v.CLAVE_ACTIVIDAD]) == ["1.1.1", "2.1.1", "2.1.2", "3.1.1"]
    assert len(datos.evidencias) == 4
    assert len(datos.mediciones) == 2


# ---------------------------------------------------------------- missing workbooks and sheets


def test_sin_libro_de_evidencias_es_aviso_y_carga(tmp_path):
    carpeta(tmp_path)
    (tmp_path / REGISTRO).unlink()
    datos = cargar(tmp_path, 2020)
    assert len(datos.problemas) == 1
    problema = datos.problemas[0]
    assert (problema.severidad, problema.libro, problema.hoja) == (AVISO, REGISTRO, None)
    assert "plantilla" in problema.mensaje
    assert (len(datos.indicadores), len(datos.actividades)) == (2, 3)
    assert datos.evidencias.empty and datos.mediciones.empty
    (tmp_path / "b").mkdir()
    assert list(datos.evidencias.columns) == list(cargar(carpeta(tmp_path / "b"), 2020).evidencias.columns)


def test_sin_libro_del_plan_es_error(tmp_path):
    datos = cargar(tmp_path, 2020)
    errores = [p for p in datos.problemas if p.es_error]
    assert len(errores) == 1
    assert errores[0].libro == PAT
    assert "No se encontró" in errores[0].mensaje
    assert datos.indicadores.empty and datos.actividades.empty


def test_libro_del_plan_danado(tmp_path):
    carpeta(tmp_path)
    (tmp_path / PAT).write_bytes(b"PK\x03\x04 roto")
    datos = cargar(tmp_path, 2020)
    assert any(p.es_error and p.libro == PAT for p in datos.problemas)
    assert datos.indicadores.empty
    # The evidence cannot find its activities, but the load never raises.
    assert datos.evidencias.empty


def test_falta_la_hoja_de_mediciones(tmp_path):
    carpeta(tmp_path)
    escribir_libro(tmp_path / REGISTRO, {v.HOJA_EVIDENCIAS: [ENCABEZADOS[v.HOJA_EVIDENCIAS], *EVIDENCIAS]})
    datos = cargar(tmp_path, 2020)
    problema = unico(datos, None)
    assert (problema.libro, problema.hoja) == (REGISTRO, v.HOJA_MEDICIONES)
    assert len(datos.evidencias) == 2
    assert datos.mediciones.empty


def test_anio_que_se_pide_es_el_del_archivo(tmp_path):
    carpeta(tmp_path, anio=2021)
    datos = cargar(tmp_path, 2021)
    assert datos.anio == 2021
    # The helper's dates are 2020: outside the programme's year, so warnings only.
    assert datos.problemas and not any(p.es_error for p in datos.problemas)


# ---------------------------------------------------------------- default cut-off


@pytest.mark.parametrize("hoy, esperado", [
    (date(2020, 6, 15), pd.Timestamp(2020, 6, 15)),
    (date(2019, 11, 2), pd.Timestamp(2020, 1, 1)),
    (date(2023, 3, 4), pd.Timestamp(2020, 12, 31)),
    (date(2020, 12, 31), pd.Timestamp(2020, 12, 31)),
    (date(2020, 1, 1), pd.Timestamp(2020, 1, 1)),
])
def test_fecha_corte_predeterminada(hoy, esperado):
    assert fecha_corte_predeterminada(2020, hoy) == esperado


def test_fecha_corte_predeterminada_sin_hoy_es_del_anio():
    corte = fecha_corte_predeterminada(2020)
    assert pd.Timestamp(2020, 1, 1) <= corte <= pd.Timestamp(2020, 12, 31)


def test_un_indicador_por_actividades_puede_contarlas(tmp_path):
    indicadores = [INDICADORES[0], ["II", "Difusión", "2.1", "Difusión", "Obj.", "Dos acciones", 2,
                                    "número", "actividades"]]
    datos = cargar(carpeta(tmp_path, indicadores=indicadores), 2020)
    assert not [p for p in datos.problemas if p.es_error]
    assert list(datos.indicadores[v.CLAVE_INDICADOR]) == ["1.1", "2.1"]


def test_un_indicador_por_sesiones_se_mide_en_numero(tmp_path):
    indicadores = [INDICADORES[0], ["IV", "Gestión", "4.1", "Sesiones", "Obj.", "Cuatro", 80,
                                    "porcentaje", "sesiones"]]
    datos = cargar(carpeta(tmp_path, indicadores=indicadores), 2020)
    [problema] = [p for p in datos.problemas if p.es_error and p.columna == v.UNIDAD]
    assert problema.fila == 3 and "su unidad es «número»" in problema.mensaje
    assert list(datos.indicadores[v.CLAVE_INDICADOR]) == ["1.1"]


# ---------------------------------------------------------------- what each parser remembers

_LECTORES = [columnas.clave2, columnas.clave3, columnas.texto, celdas.fecha, celdas.porcentaje,
             celdas.numero, celdas.unidad, celdas.calculo, celdas.si_no, celdas.seccion,
             celdas.tipo_sesion]
_CELDAS_REPETIDAS = st.lists(st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([0.0, -0.0, 1.0, 0.5, 60.0]),
    st.sampled_from(["1", "1.0", "0", "60%", "1.10", "02/03/2020", "sí", "No", " ", "III"]),
    st.dates(), st.text(max_size=4)), max_size=30)


def _una_por_una(lector, crudas: list) -> list:
    """What the parser says of each cell alone: (type, value) or what it expected."""
    resultado = []
    for crudo in crudas:
        if crudo is None:
            resultado.append(None)
            continue
        try:
            valor = lector(crudo)
        except celdas.CeldaInvalida as error:
            resultado.append(("esperado", error.esperado))
        else:
            resultado.append((type(valor), valor))
    return resultado


@pytest.mark.parametrize("lector", _LECTORES, ids=lambda lector: lector.__name__)
@settings(max_examples=150, deadline=None)
@given(crudas=_CELDAS_REPETIDAS, antes=_CELDAS_REPETIDAS)
def test_propiedad_leer_una_columna_es_leer_cada_celda(lector, crudas, antes):
    """Remembering values never mixes up cells that compare equal (True, 1 and 1.0; 0.0 and
    -0.0; a date and a datetime), whatever the parser saw before."""
    columnas.leer_columna(lector, antes)
    valores, invalidas = columnas.leer_columna(lector, crudas)
    esperadas = dict(invalidas)
    assert sorted(esperadas) == [i for i, _ in invalidas]  # in row order
    obtenido = [None if crudo is None else ("esperado", esperadas[i]) if i in esperadas
                else (type(valores[i]), valores[i]) for i, crudo in enumerate(crudas)]
    assert obtenido == _una_por_una(lector, crudas)
