"""CSV for Excel in Mexico: pat_core.exportar, byte for byte."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from pat_core import cargar, evaluar
from pat_core import exportar
from pat_core import vocabulario as v
from pat_core.problemas import AVISO, ERROR, Problema
from tests.ayudantes import programa

BOM = b"\xef\xbb\xbf"


def marco_pequeno() -> pd.DataFrame:
    return pd.DataFrame({
        "Clave": pd.Series(["1.1.1", "2.1.1", "3.1.1"], dtype="str"),
        "Fecha": pd.to_datetime([date(2020, 3, 2), None, date(2020, 12, 31)]).astype("datetime64[s]"),
        "Avance %": [37.5, np.nan, 100.0],
        "Días": pd.Series([-12, 0, 153], dtype="int64"),
        "Texto": pd.Series(["Curso, ética", None, "Dijo \"sí\""], dtype="str"),
        "Solicitada": [True, False, True],
    })


def test_csv_byte_a_byte():
    contenido = exportar.csv_bytes(marco_pequeno(), ["Clave", "Fecha", "Avance %", "Días", "Texto",
                                                     "Solicitada"])
    esperado = (
        "\ufeffClave,Fecha,Avance %,Días,Texto,Solicitada\r\n"
        "1.1.1,02/03/2020,37.5,-12,\"Curso, ética\",Sí\r\n"
        "2.1.1,,,0,,No\r\n"
        "3.1.1,31/12/2020,100,153,\"Dijo \"\"sí\"\"\",Sí\r\n"
    ).encode("utf-8")
    assert contenido == esperado


def test_csv_nombre_que_no_es_utf8_como_en_pantalla():
    """An undecodable byte is «�» in the CSV as on screen (it was written as \\udce9)."""
    marco = pd.DataFrame({"Comité": pd.Series(["Comit\udce9_X"], dtype=object)})
    assert exportar.csv_bytes(marco, ["Comité"]).decode("utf-8-sig").splitlines()[1] == "Comit\ufffd_X"


def test_csv_empieza_con_bom_y_usa_crlf():
    contenido = exportar.csv_bytes(marco_pequeno(), ["Clave", "Texto"])
    assert contenido.startswith(BOM)
    assert not contenido.startswith(BOM + BOM)
    sin_bom = contenido[len(BOM):]
    assert sin_bom.count(b"\r\n") == 4
    assert b"\n" not in sin_bom.replace(b"\r\n", b"")


def test_csv_columnas_en_el_orden_pedido():
    contenido = exportar.csv_bytes(marco_pequeno(), ["Texto", "Clave"]).decode("utf-8-sig")
    assert contenido.splitlines()[0] == "Texto,Clave"
    assert contenido.splitlines()[1] == '"Curso, ética",1.1.1'


def test_csv_marco_vacio_solo_encabezados():
    vacio = marco_pequeno().iloc[0:0]
    assert exportar.csv_bytes(vacio, ["Clave", "Fecha"]) == BOM + b"Clave,Fecha\r\n"


@pytest.mark.parametrize("texto, escrito", [
    ("=1+1", "'=1+1"),
    ("+52 921 000", "'+52 921 000"),
    ("-12", "'-12"),
    ("- viñeta", "'- viñeta"),
    ("@SUMA(A1)", "'@SUMA(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("=HYPERLINK(\"http://x\",\"clic\")", "'=HYPERLINK(\"http://x\",\"clic\")"),
    ("Curso = bueno", "Curso = bueno"),
    ("1.1.1", "1.1.1"),
    ("'ya citado", "'ya citado"),
])
def test_inyeccion_de_formulas(texto, escrito):
    marco = pd.DataFrame({"Texto": pd.Series([texto], dtype="str")})
    contenido = exportar.csv_bytes(marco, ["Texto"]).decode("utf-8-sig")
    filas = list(csv.reader(io.StringIO(contenido, newline="")))
    assert filas == [["Texto"], [escrito]]


def test_numeros_negativos_no_se_citan():
    marco = pd.DataFrame({"Días restantes": pd.Series([-12, -1], dtype="int64"),
                          "Rezago": [-3.26, -0.04]})
    contenido = exportar.csv_bytes(marco, ["Días restantes", "Rezago"])
    assert contenido == BOM + b"D\xc3\xadas restantes,Rezago\r\n-12,-3.3\r\n-1,0\r\n"


@pytest.mark.parametrize("valor, texto", [
    (15, "15"), (15.0, "15"), (37.5, "37.5"), (153.33333, "153.3"), (0, "0"), (0.0, "0"),
    (-0.04, "0"), (100, "100"), (10.0, "10"), (-12, "-12"), (12.34, "12.3"), (12.36, "12.4"),
    (np.float64(23.0), "23"), (np.int64(7), "7"), (float("nan"), ""), (None, ""),
    (37.25, "37.3"), (-37.25, "-37.3"), (0.05, "0.1"),  # halves away from zero, as Excel
])
def test_numero(valor, texto):
    assert exportar.numero(valor) == texto


@pytest.mark.parametrize("valor, decimales, texto", [
    (100, 0, "100"), (10, 0, "10"), (37.4, 0, "37"), (0, 0, "0"), (-0.2, 0, "0"),
    (37.456, 2, "37.46"), (37.5, 2, "37.5"), (100, 2, "100"),
])
def test_numero_con_decimales(valor, decimales, texto):
    assert exportar.numero(valor, decimales) == texto


def test_fecha():
    assert exportar.fecha(pd.Timestamp(2020, 3, 2)) == "02/03/2020"
    assert exportar.fecha(date(2020, 11, 27)) == "27/11/2020"
    assert exportar.fecha(pd.NaT) == ""
    assert exportar.fecha(None) == ""


def test_booleanos_numpy_y_python():
    marco = pd.DataFrame({"a": np.array([True, False]), "b": pd.Series([True, False], dtype=object)})
    assert exportar.csv_bytes(marco, ["a", "b"]) == BOM + "a,b\r\nSí,Sí\r\nNo,No\r\n".encode()


def test_csv_de_actividades_e_indicadores_con_sus_columnas():
    datos = programa(
        [{v.SECCION: "I", v.CLAVE_INDICADOR: "1.1", v.VALOR_META: 15, v.UNIDAD: v.PORCENTAJE,
          v.CALCULO: v.MEDICION, v.INDICADOR: "=capacitación"}],
        [{v.SECCION: "I", v.CLAVE_INDICADOR: "1.1", v.CLAVE_ACTIVIDAD: "1.1.1", v.ACTIVIDAD: "Curso",
          v.FECHA_INICIO: date(2020, 3, 2), v.FECHA_FIN: date(2020, 6, 30),
          v.SOLICITADA_UEIPPCI: True}],
        [{v.CLAVE_ACTIVIDAD: "1.1.1", v.FECHA: date(2020, 4, 15), v.AVANCE: 37.5}],
        [{v.CLAVE_INDICADOR: "1.1", v.FECHA_CORTE: date(2020, 6, 30), v.LOGRADO: 46, v.TOTAL: 200}],
    )
    evaluacion = evaluar(datos, pd.Timestamp(2020, 7, 12))
    actividades = exportar.csv_actividades(evaluacion.actividades).decode("utf-8-sig")
    filas = list(csv.DictReader(io.StringIO(actividades, newline="")))
    assert list(filas[0]) == list(v.COLUMNAS_ACTIVIDADES)
    fila = filas[0]
    assert fila[v.FECHA_INICIO] == "02/03/2020"
    assert fila[v.AVANCE] == "37.5"
    assert fila[v.AVANCE_ESPERADO] == "100"
    assert fila[v.ESTADO] == v.VENCIDA
    assert fila[v.DIAS_RESTANTES] == "-12"
    assert fila[v.EVIDENCIAS] == "1"
    assert fila[v.ULTIMA_EVIDENCIA] == "15/04/2020"
    assert fila[v.SOLICITADA_UEIPPCI] == "Sí"
    assert fila[v.RESPONSABLE] == ""

    indicadores = exportar.csv_bytes(evaluacion.indicadores,
                                     v.COLUMNAS_INDICADORES).decode("utf-8-sig")
    fila = list(csv.DictReader(io.StringIO(indicadores, newline="")))[0]
    assert list(fila) == list(v.COLUMNAS_INDICADORES)
    assert fila[v.VALOR_LOGRADO] == "23"
    assert fila[v.CUMPLIMIENTO] == "153.3"
    assert fila[v.FECHA_MEDICION] == "30/06/2020"
    assert fila[v.INDICADOR] == "'=capacitación"


def test_csv_de_problemas():
    problemas = [
        Problema(ERROR, "pat_2020.xlsx", "Actividades", 12, "Fecha fin", "31/02/2020", "No existe."),
        Problema(AVISO, "evidencias_2020.xlsx", None, None, None, None, "Sin registro."),
        Problema(ERROR, "pat_2020.xlsx", "Indicadores", 3, "Unidad", "=1+1", "Valor raro."),
    ]
    contenido = exportar.csv_problemas(problemas)
    assert contenido == BOM + (
        "Severidad,Libro,Hoja,Fila,Columna,Valor encontrado,Problema\r\n"
        "error,pat_2020.xlsx,Actividades,12,Fecha fin,31/02/2020,No existe.\r\n"
        "aviso,evidencias_2020.xlsx,,,,,Sin registro.\r\n"
        "error,pat_2020.xlsx,Indicadores,3,Unidad,'=1+1,Valor raro.\r\n"
    ).encode("utf-8")


def test_csv_de_problemas_vacio():
    encabezado = "Severidad,Libro,Hoja,Fila,Columna,Valor encontrado,Problema\r\n"
    assert exportar.csv_problemas([]) == BOM + encabezado.encode()


# ---------------------------------------------------------------- .xlsx

DATOS = Path(__file__).resolve().parent.parent / "data"


def leer_xlsx(contenido: bytes):
    return load_workbook(io.BytesIO(contenido)).active


def como_en_el_csv(celda) -> str:
    """An .xlsx cell as the CSV writes the same value."""
    if celda.value is None:
        return ""
    if isinstance(celda.value, datetime):
        return exportar.fecha(celda.value)
    if isinstance(celda.value, (int, float)):
        return exportar.numero(celda.value)
    return exportar.texto_seguro(celda.value)


@pytest.fixture(scope="module")
def al_30_de_septiembre():
    return evaluar(cargar(DATOS, 2020), "2020-09-30").actividades


def test_xlsx_tiene_las_filas_y_columnas_del_csv(al_30_de_septiembre):
    csv_filas = list(csv.reader(io.StringIO(
        exportar.csv_actividades(al_30_de_septiembre).decode("utf-8-sig"), newline="")))
    hoja = leer_xlsx(exportar.xlsx_actividades(al_30_de_septiembre))
    xlsx_filas = [[como_en_el_csv(c) for c in fila] for fila in hoja.iter_rows()]
    assert len(xlsx_filas) == 1 + 22
    assert xlsx_filas == csv_filas
    assert csv_filas[0] == list(v.COLUMNAS_ACTIVIDADES)


def test_xlsx_tipos_de_celda(al_30_de_septiembre):
    hoja = leer_xlsx(exportar.xlsx_actividades(al_30_de_septiembre))
    columna = {c.value: c.column_letter for c in hoja[1]}
    assert hoja.title == "Actividades"
    fila = 2  # 1.1.1
    clave = hoja[f"{columna[v.CLAVE_ACTIVIDAD]}{fila}"]
    assert (clave.value, clave.data_type) == ("1.1.1", "s")
    indicador = hoja[f"{columna[v.CLAVE_INDICADOR]}{fila}"]
    assert (indicador.value, indicador.data_type) == ("1.1", "s")
    inicio = hoja[f"{columna[v.FECHA_INICIO]}{fila}"]
    assert inicio.value == datetime(2020, 3, 2) and inicio.is_date
    assert inicio.number_format == "dd/mm/yyyy"
    avance = hoja[f"{columna[v.AVANCE_ESPERADO]}{fila}"]
    assert avance.data_type == "n" and avance.value == 69.8  # rounded as the CSV shows it
    assert hoja[f"{columna[v.DIAS_RESTANTES]}{fila}"].value == 92
    assert hoja[f"{columna[v.SOLICITADA_UEIPPCI]}{fila}"].value == v.NO
    assert hoja[f"{columna[v.RESPONSABLE]}{fila}"].value is None


def test_xlsx_encabezado_fijo_en_negrita_con_filtro(al_30_de_septiembre):
    hoja = leer_xlsx(exportar.xlsx_actividades(al_30_de_septiembre))
    assert hoja.freeze_panes == "A2"
    assert all(c.font.b for c in hoja[1])
    assert not any(c.font.b for c in hoja[2])
    assert hoja.auto_filter.ref == "A1:Q23"


def test_xlsx_anchos_segun_el_contenido_con_tope(al_30_de_septiembre):
    hoja = leer_xlsx(exportar.xlsx_actividades(al_30_de_septiembre))
    ancho = {c.value: hoja.column_dimensions[c.column_letter].width for c in hoja[1]}
    assert ancho[v.SECCION] == len(v.SECCION) + 2
    assert ancho[v.FECHA_FIN] == len("31/12/2020") + 2
    assert ancho[v.ACTIVIDAD] == exportar.ANCHO_MAXIMO  # long text: capped, and it wraps
    columna = next(c.column_letter for c in hoja[1] if c.value == v.ACTIVIDAD)
    assert hoja[f"{columna}2"].alignment.wrap_text


@pytest.mark.parametrize("clave", ["1.10", "2.1", "10.1.1", "0.5", "1E3", "3/2"])
def test_xlsx_claves_quedan_como_texto(clave):
    marco = pd.DataFrame({"Clave": pd.Series([clave], dtype="str")})
    celda = leer_xlsx(exportar.xlsx_bytes(marco, ["Clave"], "Hoja"))["A2"]
    assert (celda.value, celda.data_type) == (clave, "s")


@pytest.mark.parametrize("texto", ["=1+1", "=HYPERLINK(\"http://x\",\"clic\")", "+52 921", "-12",
                                   "@SUMA(A1)"])
def test_xlsx_formula_queda_como_texto(texto):
    marco = pd.DataFrame({"Texto": pd.Series([texto], dtype="str")})
    contenido = exportar.xlsx_bytes(marco, ["Texto"], "Hoja")
    celda = leer_xlsx(contenido)["A2"]
    assert (celda.value, celda.data_type) == (texto, "s")  # exactly as typed, never run
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(contenido)).read("xl/worksheets/sheet1.xml")


def test_xlsx_texto_que_xml_no_admite():
    marco = pd.DataFrame({"Texto": pd.Series(["a\x01b", "nombre\udcff"], dtype=object)})
    hoja = leer_xlsx(exportar.xlsx_bytes(marco, ["Texto"], "Hoja"))
    assert [hoja["A2"].value, hoja["A3"].value] == ["a\ufffdb", "nombre\ufffd"]


def test_xlsx_mismas_filas_mismos_bytes(al_30_de_septiembre):
    """Reproducible, as the CSV: no save date inside, so the same rows give the same file."""
    assert exportar.xlsx_actividades(al_30_de_septiembre) == exportar.xlsx_actividades(
        al_30_de_septiembre.copy())


def test_xlsx_vacio_solo_encabezados():
    hoja = leer_xlsx(exportar.xlsx_bytes(marco_pequeno().iloc[0:0], ["Clave", "Fecha"], "Hoja"))
    assert [[c.value for c in fila] for fila in hoja.iter_rows()] == [["Clave", "Fecha"]]
