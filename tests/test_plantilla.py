"""The empty workbooks a committee fills: pat_core.plantilla.escribir_plantillas."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from pat_core import cargar, evaluar
from pat_core import vocabulario as v
from pat_core.plantilla import (
    COLUMNAS_ACTIVIDADES,
    COLUMNAS_EVIDENCIAS,
    COLUMNAS_HITOS,
    COLUMNAS_INDICADORES,
    COLUMNAS_INHABILES,
    COLUMNAS_SESIONES,
    COLUMNAS_MEDICIONES,
    FILAS_CON_VALIDACION,
    FORMATO_FECHA,
    escribir_plantillas,
    libro_pat,
)
from pat_core.vocabulario import HOJA_INSTRUCCIONES, HOJA_LISTAS

HOJAS = {
    "pat_2025.xlsx": {v.HOJA_INDICADORES: COLUMNAS_INDICADORES, v.HOJA_ACTIVIDADES: COLUMNAS_ACTIVIDADES,
                      v.HOJA_HITOS: COLUMNAS_HITOS, v.HOJA_INHABILES: COLUMNAS_INHABILES},
    "evidencias_2025.xlsx": {v.HOJA_EVIDENCIAS: COLUMNAS_EVIDENCIAS, v.HOJA_MEDICIONES: COLUMNAS_MEDICIONES,
                             v.HOJA_SESIONES: COLUMNAS_SESIONES},
}
FILA_ENCABEZADO = 3


@pytest.fixture(scope="module")
def plantilla(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("plantilla")
    rutas = escribir_plantillas(2025, carpeta)
    return carpeta, rutas


@pytest.fixture(scope="module")
def libros(plantilla):
    carpeta, _ = plantilla
    return {nombre: load_workbook(carpeta / nombre) for nombre in HOJAS}


def test_escribe_los_dos_libros_del_anio(plantilla):
    carpeta, rutas = plantilla
    assert rutas == [carpeta / "pat_2025.xlsx", carpeta / "evidencias_2025.xlsx"]
    assert all(ruta.is_file() and ruta.stat().st_size > 0 for ruta in rutas)


@pytest.mark.parametrize("nombre", list(HOJAS))
def test_hojas(libros, nombre):
    libro = libros[nombre]
    assert libro.sheetnames == [*HOJAS[nombre], HOJA_INSTRUCCIONES, HOJA_LISTAS]
    estados = {hoja.title: hoja.sheet_state for hoja in libro.worksheets}
    assert estados[HOJA_LISTAS] == "hidden"
    assert all(estado == "visible" for hoja, estado in estados.items() if hoja != HOJA_LISTAS)


@pytest.mark.parametrize("nombre, hoja", [(n, h) for n, hojas in HOJAS.items() for h in hojas])
def test_encabezados_fila_congelada_y_sin_datos(libros, nombre, hoja):
    ws = libros[nombre][hoja]
    columnas = HOJAS[nombre][hoja]
    encabezados = [c.value for c in ws[FILA_ENCABEZADO]][: len(columnas)]
    assert encabezados == [c.nombre for c in columnas]
    assert ws.freeze_panes == f"A{FILA_ENCABEZADO + 1}"
    assert ws.cell(1, 1).value  # a title
    assert ws.max_row == FILA_ENCABEZADO  # nothing below the headers
    assert ws.cell(FILA_ENCABEZADO, 1).font.bold


def test_cada_columna_de_la_plantilla_es_una_columna_del_formato():
    from pat_core.contrato import HOJAS_EVIDENCIAS, HOJAS_PAT
    especs = {e.nombre: e for e in HOJAS_PAT + HOJAS_EVIDENCIAS}
    for hojas in HOJAS.values():
        for hoja, columnas in hojas.items():
            assert [c.nombre for c in columnas] and {c.nombre for c in columnas} == set(especs[hoja].columnas)


def columna_de(ws, nombre: str) -> str:
    for celda in ws[FILA_ENCABEZADO]:
        if celda.value == nombre:
            return celda.column_letter
    raise AssertionError(nombre)


@pytest.mark.parametrize("nombre, hoja, columna", [
    ("pat_2025.xlsx", v.HOJA_ACTIVIDADES, v.FECHA_INICIO),
    ("pat_2025.xlsx", v.HOJA_ACTIVIDADES, v.FECHA_FIN),
    ("evidencias_2025.xlsx", v.HOJA_EVIDENCIAS, v.FECHA),
    ("evidencias_2025.xlsx", v.HOJA_MEDICIONES, v.FECHA_CORTE),
])
def test_formato_de_fecha_en_la_plantilla_vacia(libros, nombre, hoja, columna):
    ws = libros[nombre][hoja]
    assert FORMATO_FECHA == "dd/mm/yyyy"
    assert ws.column_dimensions[columna_de(ws, columna)].number_format == FORMATO_FECHA


@pytest.mark.parametrize("nombre, hoja, columna", [
    ("pat_2025.xlsx", v.HOJA_INDICADORES, v.CLAVE_INDICADOR),
    ("pat_2025.xlsx", v.HOJA_ACTIVIDADES, v.CLAVE_ACTIVIDAD),
    ("evidencias_2025.xlsx", v.HOJA_EVIDENCIAS, v.CLAVE_ACTIVIDAD),
    ("evidencias_2025.xlsx", v.HOJA_MEDICIONES, v.CLAVE_INDICADOR),
])
def test_claves_con_formato_de_texto(libros, nombre, hoja, columna):
    # So that 1.10 typed in Excel stays "1.10" and does not become the number 1.1.
    ws = libros[nombre][hoja]
    assert ws.column_dimensions[columna_de(ws, columna)].number_format == "@"


def test_formato_de_fecha_en_filas_escritas(tmp_path):
    filas = [["1.1.1", "Curso", date(2020, 3, 2), date(2020, 12, 31), "Constancia", "Cargas", None, "No"]]
    ruta = tmp_path / "pat.xlsx"
    libro_pat(2020, actividades=filas).save(ruta)
    ws = load_workbook(ruta)[v.HOJA_ACTIVIDADES]
    assert ws["C4"].number_format == FORMATO_FECHA
    assert ws["D4"].number_format == FORMATO_FECHA
    assert ws["A4"].number_format == "@"
    assert ws["C4"].value.date() == date(2020, 3, 2)


def validaciones(ws) -> dict[str, tuple[str, str]]:
    """Column letter -> (type, formula) of each data validation."""
    resultado = {}
    for validacion in ws.data_validations.dataValidation:
        for rango in str(validacion.sqref).split():
            resultado[rango.split(":")[0].rstrip("0123456789")] = (validacion.type, validacion.formula1, rango)
    return resultado


def opciones(libro, formula: str) -> list[str]:
    nombre = formula.lstrip("=")
    (hoja, rango), = list(libro.defined_names[nombre].destinations)
    return [c.value for fila in libro[hoja][rango.replace("$", "")] for c in fila if c.value is not None]


@pytest.mark.parametrize("columna, esperadas", [
    (v.UNIDAD, [v.PORCENTAJE, v.NUMERO]),
    (v.CALCULO, [v.MEDICION, v.POR_ACTIVIDADES, v.POR_SESIONES]),
    (v.SECCION, list(v.SECCIONES_ROMANAS)),
])
def test_listas_desplegables_en_indicadores(libros, columna, esperadas):
    libro = libros["pat_2025.xlsx"]
    ws = libro[v.HOJA_INDICADORES]
    letra = columna_de(ws, columna)
    tipo, formula, rango = validaciones(ws)[letra]
    assert tipo == "list"
    assert rango == f"{letra}{FILA_ENCABEZADO + 1}:{letra}{FILA_ENCABEZADO + FILAS_CON_VALIDACION}"
    assert opciones(libro, formula) == esperadas


def test_lista_si_no_en_actividades(libros):
    libro = libros["pat_2025.xlsx"]
    ws = libro[v.HOJA_ACTIVIDADES]
    tipo, formula, _ = validaciones(ws)[columna_de(ws, v.SOLICITADA_UEIPPCI)]
    assert tipo == "list"
    assert opciones(libro, formula) == [v.SI, v.NO]


def test_listas_de_claves_vacias_en_la_plantilla(libros):
    libro = libros["evidencias_2025.xlsx"]
    ws = libro[v.HOJA_EVIDENCIAS]
    tipo, formula, _ = validaciones(ws)[columna_de(ws, v.CLAVE_ACTIVIDAD)]
    assert tipo == "list"
    assert opciones(libro, formula) == []


def test_las_opciones_de_las_listas_se_leen_sin_error():
    # What the dropdowns offer is exactly what the parsers accept.
    from pat_core import celdas
    assert [celdas.unidad(u) for u in v.UNIDADES] == list(v.UNIDADES)
    assert [celdas.calculo(c) for c in v.CALCULOS] == list(v.CALCULOS)
    assert [celdas.seccion(s) for s in v.SECCIONES_ROMANAS] == list(v.SECCIONES_ROMANAS)
    assert [celdas.si_no(x) for x in (v.SI, v.NO)] == [True, False]


@pytest.mark.parametrize("nombre", list(HOJAS))
def test_hoja_de_instrucciones(libros, nombre):
    ws = libros[nombre][HOJA_INSTRUCCIONES]
    texto = "\n".join(str(c.value) for fila in ws.iter_rows() for c in fila if c.value)
    assert "dd/mm/aaaa" in texto
    assert "Recargar datos" in texto
    assert ws["A1"].font.bold


def test_instrucciones_del_plan_explican_las_claves(libros):
    ws = libros["pat_2025.xlsx"][HOJA_INSTRUCCIONES]
    texto = " ".join(str(c.value) for fila in ws.iter_rows() for c in fila if c.value)
    assert "1.2.1" in texto and "02/03/2020 es el 2 de marzo" in texto


def test_plantilla_vacia_carga_sin_filas_ni_errores(plantilla):
    carpeta, _ = plantilla
    datos = cargar(carpeta, 2025)
    assert not any(p.es_error for p in datos.problemas)
    [aviso] = datos.problemas  # an empty plan is not an error, but it is said
    assert "no tiene todavía ningún indicador" in aviso.mensaje
    assert (len(datos.indicadores), len(datos.actividades), len(datos.evidencias),
            len(datos.mediciones)) == (0, 0, 0, 0)
    evaluacion = evaluar(datos, "2025-03-01")
    assert evaluacion.actividades.empty and evaluacion.indicadores.empty and evaluacion.secciones.empty


def test_plantilla_llenada_a_mano_se_lee(tmp_path):
    carpeta = tmp_path
    escribir_plantillas(2025, carpeta)
    libro = load_workbook(carpeta / "pat_2025.xlsx")
    libro[v.HOJA_INDICADORES].append(["I", "Capacitación", "1.1", "Capacitación", "Obj.", "15%", "15%",
                                      "porcentaje", "medición"])
    libro[v.HOJA_ACTIVIDADES].append(["1.1.1", "Curso", "02/03/2025", "31/12/2025", "Constancia",
                                      "Cargas", "Ana", "Sí"])
    libro.save(carpeta / "pat_2025.xlsx")
    datos = cargar(carpeta, 2025)
    assert datos.problemas == []
    assert datos.actividades.at[0, v.CLAVE_ACTIVIDAD] == "1.1.1"
    assert datos.actividades.at[0, "_fila"] == 4
    assert bool(datos.actividades.at[0, v.SOLICITADA_UEIPPCI])


def test_no_sobrescribe(tmp_path):
    escribir_plantillas(2025, tmp_path)
    antes = (tmp_path / "pat_2025.xlsx").read_bytes()
    with pytest.raises(FileExistsError, match="ya existe"):
        escribir_plantillas(2025, tmp_path)
    assert (tmp_path / "pat_2025.xlsx").read_bytes() == antes


def test_crea_la_carpeta(tmp_path):
    rutas = escribir_plantillas(2030, tmp_path / "a" / "b")
    assert [r.name for r in rutas] == ["pat_2030.xlsx", "evidencias_2030.xlsx"]
    assert all(r.is_file() for r in rutas)
