"""Periods without cases (0 of 0), count targets and the session calendar, at their boundaries."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pat_core import cargar, evaluar
from pat_core import presentacion as p
from pat_core import vocabulario as v
from pat_core.calculo import Cifra, cifras
from pat_core.plazos import calendario_sesiones
from pat_core.problemas import ERROR
from pat_core.proyeccion import proyectar
from pat_core.reglas import Umbrales, cargar_umbrales
from pat_core.tendencia import tendencia
from tests.ayudantes import ACTIVIDADES, ENCABEZADOS, EVIDENCIAS, INDICADORES, carpeta, escribir_libro
from tests.ayudantes import marco, programa

DENUNCIAS = {v.SECCION: "III", v.NOMBRE_SECCION: "Denuncias", v.CLAVE_INDICADOR: "3.2",
             v.INDICADOR: "Denuncias HS/AS", v.META: "80%", v.VALOR_META: 80.0,
             v.UNIDAD: v.PORCENTAJE, v.CALCULO: v.MEDICION}
SESIONES = {v.SECCION: "IV", v.NOMBRE_SECCION: "Operación", v.CLAVE_INDICADOR: "4.1",
            v.INDICADOR: "Sesiones", v.META: "Cuatro sesiones ordinarias", v.VALOR_META: 4.0,
            v.UNIDAD: v.NUMERO, v.CALCULO: v.POR_SESIONES}
CURSOS = {v.SECCION: "I", v.NOMBRE_SECCION: "Capacitación", v.CLAVE_INDICADOR: "1.2",
          v.INDICADOR: "Cursos", v.META: "Dos cursos", v.VALOR_META: 2.0,
          v.UNIDAD: v.NUMERO, v.CALCULO: v.POR_ACTIVIDADES}


def medicion(fecha: date, logrado, total) -> dict:
    return {v.CLAVE_INDICADOR: "3.2", v.FECHA_CORTE: pd.Timestamp(fecha), v.LOGRADO: logrado,
            v.TOTAL: total}


def meta(datos, corte, clave: str) -> pd.Series:
    indicadores = evaluar(datos, corte).indicadores
    return indicadores.set_index(v.CLAVE_INDICADOR).loc[clave]


# ---------------------------------------------------------------- «Sin casos»

def test_cero_de_cero_es_sin_casos_sin_valor_ni_cumplimiento():
    datos = programa([DENUNCIAS], mediciones=[medicion(date(2020, 6, 30), 0, 0)])
    fila = meta(datos, "2020-06-30", "3.2")
    assert fila[v.ESTADO_META] == v.SIN_CASOS
    assert pd.isna(fila[v.VALOR_LOGRADO]) and pd.isna(fila[v.CUMPLIMIENTO])
    assert fila[v.FECHA_MEDICION] == pd.Timestamp(2020, 6, 30)


def test_sin_casos_aun_al_cerrar_el_anio_no_es_no_cumplida():
    datos = programa([DENUNCIAS], mediciones=[medicion(date(2020, 12, 31), 0, 0)])
    assert meta(datos, "2020-12-31", "3.2")[v.ESTADO_META] == v.SIN_CASOS


def test_un_cero_de_cero_despues_de_una_medicion_con_casos_no_la_borra():
    datos = programa([DENUNCIAS], mediciones=[medicion(date(2020, 5, 31), 1, 2),
                                             medicion(date(2020, 12, 31), 0, 0)])
    fila = meta(datos, "2020-12-31", "3.2")
    assert (fila[v.VALOR_LOGRADO], fila[v.ESTADO_META]) == (50.0, v.NO_CUMPLIDA)
    assert fila[v.FECHA_MEDICION] == pd.Timestamp(2020, 5, 31)


def test_una_medicion_posterior_con_casos_reemplaza_sin_casos():
    datos = programa([DENUNCIAS], mediciones=[medicion(date(2020, 6, 30), 0, 0),
                                             medicion(date(2020, 12, 31), 1, 1)])
    assert meta(datos, "2020-12-30", "3.2")[v.ESTADO_META] == v.SIN_CASOS
    fila = meta(datos, "2020-12-31", "3.2")
    assert (fila[v.VALOR_LOGRADO], fila[v.ESTADO_META]) == (100.0, v.CUMPLIDA)


def test_sin_casos_no_cuenta_como_cumplida_ni_como_no_cumplida_en_las_tarjetas():
    cumplida = {**DENUNCIAS, v.CLAVE_INDICADOR: "3.1"}
    datos = programa([cumplida, DENUNCIAS], mediciones=[
        {**medicion(date(2020, 6, 30), 9, 10), v.CLAVE_INDICADOR: "3.1"},
        medicion(date(2020, 6, 30), 0, 0)])
    metas = cifras(evaluar(datos, "2020-06-30"))["Metas cumplidas"]
    assert metas == Cifra(1, 1, 1)  # of the two targets, the one without cases is not in the total
    assert p.cifra(metas) == "1 de 1 · 1 sin casos"
    assert (p.numero_de_tarjeta(metas), p.con_sin_casos("metas cumplidas", metas)) == (
        "1 de 1", "metas cumplidas · 1 sin casos")
    assert p.cifra(Cifra(7, 9)) == "7 de 9" and p.cifra(Cifra(3)) == "3"
    assert p.con_sin_casos("Vencidas", Cifra(3)) == "Vencidas"


def test_la_tabla_dice_sin_casos_y_no_sin_medicion():
    datos = programa([DENUNCIAS], mediciones=[medicion(date(2020, 6, 30), 0, 0)])
    tabla = p.tabla_indicadores(evaluar(datos, "2020-06-30").indicadores)
    assert tabla[v.VALOR_LOGRADO].tolist() == ["sin casos"]
    assert tabla[v.ESTADO_META].tolist() == ["○ Sin casos"]


def test_proyeccion_deja_fuera_los_periodos_sin_casos():
    solo_sin_casos = programa([DENUNCIAS], mediciones=[medicion(date(2020, 6, 30), 0, 0)])
    fila = proyectar(solo_sin_casos, evaluar(solo_sin_casos, "2020-06-30")).iloc[0]
    assert pd.isna(fila[v.PROYECCION]) and fila[v.VEREDICTO] == v.SIN_PROYECCION
    con_casos = programa([DENUNCIAS], mediciones=[medicion(date(2020, 3, 31), 1, 1),
                                                 medicion(date(2020, 6, 30), 0, 0)])
    fila = proyectar(con_casos, evaluar(con_casos, "2020-06-30")).iloc[0]
    assert fila[v.PROYECCION] == 100.0  # from the one period with cases, never NaN


def test_tendencia_sin_casos_es_un_hueco_no_un_cero():
    datos = programa([DENUNCIAS], mediciones=[medicion(date(2020, 1, 31), 0, 0),
                                             medicion(date(2020, 3, 31), 1, 2)])
    serie = tendencia(datos, "2020-03-31").serie_indicador("3.2")
    assert serie == [None, None, 50.0]


def test_tendencia_un_cero_de_cero_tras_casos_sigue_la_ultima_con_casos():
    datos = programa([DENUNCIAS], mediciones=[medicion(date(2020, 1, 31), 1, 2),
                                             medicion(date(2020, 2, 29), 0, 0)])
    assert tendencia(datos, "2020-03-31").serie_indicador("3.2") == [50.0, 50.0, 50.0]


def _con_mediciones(tmp_path, mediciones):
    return cargar(carpeta(tmp_path, mediciones=mediciones), 2020)


def test_cero_de_cero_en_el_libro_no_es_error(tmp_path):
    datos = _con_mediciones(tmp_path, [["1.1", date(2020, 6, 30), 0, 0, None]])
    assert [p_ for p_ in datos.problemas if p_.es_error] == []
    assert meta(datos, "2020-06-30", "1.1")[v.ESTADO_META] == v.SIN_CASOS


def test_uno_de_cero_es_error_que_nombra_la_celda(tmp_path):
    datos = _con_mediciones(tmp_path, [["1.1", date(2020, 6, 30), 1, 0, None]])
    [problema] = [p_ for p_ in datos.problemas if p_.es_error]
    assert (problema.libro, problema.hoja, problema.fila, problema.columna) == (
        "evidencias_2020.xlsx", v.HOJA_MEDICIONES, 2, v.TOTAL)
    assert "el valor logrado es 1" in problema.mensaje and "ambos 0" in problema.mensaje
    assert datos.mediciones.empty


# ---------------------------------------------------------------- count targets

def _actividad(clave: str, fin: date) -> dict:
    return {v.SECCION: "I", v.CLAVE_INDICADOR: "1.2", v.CLAVE_ACTIVIDAD: clave,
            v.ACTIVIDAD: clave, v.FECHA_INICIO: pd.Timestamp(2020, 1, 2),
            v.FECHA_FIN: pd.Timestamp(fin)}


def _evidencia(clave: str, fecha: date) -> dict:
    return {v.CLAVE_ACTIVIDAD: clave, v.FECHA: pd.Timestamp(fecha), v.DESCRIPCION: "Hecho",
            v.AVANCE: 100.0}


def test_numero_por_actividades_cuenta_las_concluidas_y_se_cumple_exacto():
    actividades = [_actividad("1.2.1", date(2020, 6, 30)), _actividad("1.2.2", date(2020, 12, 31)),
                   _actividad("1.2.3", date(2020, 12, 31))]
    datos = programa([CURSOS], actividades, [_evidencia("1.2.1", date(2020, 5, 4)),
                                             _evidencia("1.2.2", date(2020, 9, 1))])
    junio = meta(datos, "2020-06-30", "1.2")
    # one of two concluded; a third of the activities were due: 2 × 1/3 expected
    assert (junio[v.VALOR_LOGRADO], junio[v.ESTADO_META]) == (1.0, v.EN_CAMINO)
    assert junio[v.VALOR_ESPERADO] == pytest.approx(2 / 3)
    septiembre = meta(datos, "2020-09-01", "1.2")
    assert (septiembre[v.VALOR_LOGRADO], septiembre[v.CUMPLIMIENTO]) == (2.0, 100.0)
    assert septiembre[v.ESTADO_META] == v.CUMPLIDA


def test_numero_por_actividades_proyecta_cuantas():
    actividades = [_actividad("1.2.1", date(2020, 6, 30)), _actividad("1.2.2", date(2020, 12, 31))]
    datos = programa([CURSOS], actividades, [_evidencia("1.2.1", date(2020, 5, 4))])
    fila = proyectar(datos, evaluar(datos, "2020-12-31")).iloc[0]
    assert fila[v.PROYECCION] == 1.0


def _con_sesiones(filas: list[dict], indicadores=(SESIONES,)):
    datos = programa(list(indicadores))
    datos.sesiones = marco(v.HOJA_SESIONES, filas)
    return datos


def _sesion(fecha, tipo=v.ORDINARIA, programada=None) -> dict:
    return {v.FECHA: pd.Timestamp(fecha) if fecha else None, v.TIPO: tipo,
            v.FECHA_PROGRAMADA: pd.Timestamp(programada) if programada else None}


def test_una_extraordinaria_no_cuenta_como_sesion_ordinaria():
    datos = _con_sesiones([_sesion(date(2020, 1, 31)), _sesion(date(2020, 3, 5), v.EXTRAORDINARIA)])
    assert meta(datos, "2020-06-30", "4.1")[v.VALOR_LOGRADO] == 1.0


def test_cuatro_sesiones_ordinarias_cumplen_la_meta_el_dia_de_la_cuarta():
    fechas = [date(2020, 1, 31), date(2020, 4, 24), date(2020, 7, 24), date(2020, 11, 27)]
    datos = _con_sesiones([_sesion(f) for f in fechas])
    antes = meta(datos, "2020-11-26", "4.1")  # 3 of the 3.6 expected by then: below 90 %
    assert (antes[v.VALOR_LOGRADO], antes[v.ESTADO_META]) == (3.0, v.EN_RIESGO)
    fila = meta(datos, "2020-11-27", "4.1")
    assert (fila[v.VALOR_LOGRADO], fila[v.ESTADO_META]) == (4.0, v.CUMPLIDA)


def test_proyeccion_de_sesiones_con_el_calendario():
    datos = _con_sesiones([_sesion(date(2020, 1, 31), programada=date(2020, 1, 31)),
                           _sesion(None, programada=date(2020, 4, 24)),
                           _sesion(None, programada=date(2020, 7, 24)),
                           _sesion(None, programada=date(2020, 11, 27))])
    fila = proyectar(datos, evaluar(datos, "2020-06-30")).iloc[0]
    assert fila[v.PROYECCION] == 3.0  # one held, 24/04 missed, two still to come


def test_calendario_de_sesiones_lista_las_no_celebradas_en_su_fecha():
    datos = _con_sesiones([_sesion(date(2020, 1, 31), programada=date(2020, 1, 31)),
                           _sesion(date(2020, 4, 24), programada=date(2020, 3, 27)),
                           _sesion(date(2020, 6, 18), v.EXTRAORDINARIA),
                           _sesion(None, programada=date(2020, 6, 26)),
                           _sesion(None, programada=date(2020, 6, 30))])
    texto, tabla = calendario_sesiones(datos, pd.Timestamp(2020, 6, 30), Umbrales())
    assert texto == "Sesiones ordinarias: 2 de 4"
    assert tabla[v.FECHA_PROGRAMADA].tolist() == [pd.Timestamp(2020, 3, 27), pd.Timestamp(2020, 6, 26)]
    assert tabla["Situación"].tolist() == [v.CON_RETRASO, v.NO_CELEBRADA]
    assert tabla[v.FECHA].iloc[0] == pd.Timestamp(2020, 4, 24) and pd.isna(tabla[v.FECHA].iloc[1])


def test_sin_fecha_programada_no_hay_calendario_que_revisar():
    datos = _con_sesiones([_sesion(date(2020, 1, 31))])
    assert calendario_sesiones(datos, pd.Timestamp(2020, 6, 30), Umbrales()) == (
        "Sesiones ordinarias: 1 de 4", None)


def test_sesiones_ordinarias_en_tablero_toml(tmp_path):
    (tmp_path / "tablero.toml").write_text("[sesiones]\nordinarias = 6\n", encoding="utf-8")
    umbrales, problemas = cargar_umbrales(tmp_path)
    assert (umbrales.ordinarias, problemas) == (6, [])
    (tmp_path / "tablero.toml").write_text("[sesiones]\nordinarias = 0\n", encoding="utf-8")
    umbrales, [problema] = cargar_umbrales(tmp_path)
    assert umbrales.ordinarias == 4 and "al menos 1" in problema.mensaje


def _libro_sesiones(tmp_path, filas):
    carpeta(tmp_path)
    escribir_libro(tmp_path / "evidencias_2020.xlsx", {
        v.HOJA_EVIDENCIAS: [ENCABEZADOS[v.HOJA_EVIDENCIAS], *EVIDENCIAS],
        v.HOJA_MEDICIONES: [ENCABEZADOS[v.HOJA_MEDICIONES]],
        v.HOJA_SESIONES: [[v.FECHA, v.TIPO, v.FECHA_REGISTRO_ACTA, v.FECHA_PROGRAMADA], *filas],
    })
    return cargar(tmp_path, 2020)


def test_una_sesion_programada_sin_celebrar_se_lee(tmp_path):
    datos = _libro_sesiones(tmp_path, [[date(2020, 1, 31), "ordinaria", None, date(2020, 1, 30)],
                                       [None, "ordinaria", None, date(2020, 4, 24)]])
    assert [p_ for p_ in datos.problemas if p_.es_error] == []
    assert datos.sesiones[v.FECHA_PROGRAMADA].tolist() == [pd.Timestamp(2020, 1, 30),
                                                            pd.Timestamp(2020, 4, 24)]
    assert pd.isna(datos.sesiones[v.FECHA].iloc[1])


def test_una_sesion_sin_fecha_ni_fecha_programada_es_error(tmp_path):
    datos = _libro_sesiones(tmp_path, [[None, "ordinaria", None, None],
                                       [None, "ordinaria", date(2020, 5, 2), date(2020, 4, 24)]])
    errores = [(p_.fila, p_.columna) for p_ in datos.problemas if p_.severidad == ERROR]
    assert errores == [(2, v.FECHA), (3, v.FECHA_REGISTRO_ACTA)]
    assert datos.sesiones.empty


def test_la_unidad_de_un_indicador_por_sesiones(tmp_path):
    indicadores = [*INDICADORES, ["IV", "Operación", "4.1", "Sesiones", "Obj.", "Cuatro", 4,
                                  "número", "sesiones"]]
    datos = cargar(carpeta(tmp_path, indicadores=indicadores, actividades=ACTIVIDADES), 2020)
    assert [p_ for p_ in datos.problemas if p_.es_error] == []
    assert meta(datos, "2020-06-30", "4.1")[v.VALOR_LOGRADO] == 0.0
