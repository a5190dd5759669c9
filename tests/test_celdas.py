"""The cell parsers of pat_core.celdas: what people type in Excel, read as they meant it."""

from __future__ import annotations

import math
import string
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pat_core import celdas
from pat_core import vocabulario as v
from pat_core.celdas import CeldaInvalida

NBSP = "\u00a0"

# ---------------------------------------------------------------- fecha


@pytest.mark.parametrize(
    "valor, esperada",
    [
        (date(2020, 3, 2), date(2020, 3, 2)),
        (datetime(2020, 3, 2, 0, 0), date(2020, 3, 2)),
        (datetime(2020, 3, 2, 17, 45, 12), date(2020, 3, 2)),
        # Day first: 02/03/2020 is 2 March, never 3 February.
        ("02/03/2020", date(2020, 3, 2)),
        ("2/3/2020", date(2020, 3, 2)),
        ("13/01/2020", date(2020, 1, 13)),
        ("31/12/2020", date(2020, 12, 31)),
        ("  02/03/2020 ", date(2020, 3, 2)),
        (f"02/03/2020{NBSP}", date(2020, 3, 2)),
        ("02-03-2020", date(2020, 3, 2)),
        ("02.03.2020", date(2020, 3, 2)),
        ("02/03/20", date(2020, 3, 2)),
        ("02/03/2020 00:00:00", date(2020, 3, 2)),
        # ISO, as text and as a pandas/openpyxl export writes it.
        ("2020-03-02", date(2020, 3, 2)),
        ("2020-3-2", date(2020, 3, 2)),
        ("2020-03-02 00:00:00", date(2020, 3, 2)),
        ("2020-03-02 10:11", date(2020, 3, 2)),
        ("2020-03-02T10:11:12", date(2020, 3, 2)),
        # Excel serial numbers, as numbers and as text.
        (43892, date(2020, 3, 2)),
        (43892.0, date(2020, 3, 2)),
        (43892.75, date(2020, 3, 2)),
        ("43892", date(2020, 3, 2)),
        (" 43892 ", date(2020, 3, 2)),
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (2958465, date(9999, 12, 31)),
        # Spanish month names, with or without «de», accents or case.
        ("2 de marzo de 2020", date(2020, 3, 2)),
        ("2 de Marzo del 2020", date(2020, 3, 2)),
        ("02 marzo 2020", date(2020, 3, 2)),
        ("2-mar-2020", date(2020, 3, 2)),
        ("15 de SEPTIEMBRE de 2020", date(2020, 9, 15)),
        ("1 de setiembre de 2020", date(2020, 9, 1)),
        ("31 de dic. de 2020", date(2020, 12, 31)),
    ],
)
def test_fecha_lee_lo_que_se_escribe(valor, esperada):
    assert celdas.fecha(valor) == esperada


def test_fecha_dia_primero_no_mes_primero():
    # The one ambiguity that matters: 02/03 is 2 March in Mexico.
    assert celdas.fecha("02/03/2020").month == 3
    assert celdas.fecha("02/03/2020").day == 2
    assert celdas.fecha("03/02/2020") == date(2020, 2, 3)


@pytest.mark.parametrize("valor", ["31/02/2020", "29/02/2021", "2020-02-30", "31 de abril de 2020",
                                   "00/01/2020", "15/13/2020"])
def test_fecha_imposible_dice_que_no_existe(valor):
    with pytest.raises(CeldaInvalida) as error:
        celdas.fecha(valor)
    assert "no existe" in error.value.esperado
    assert str(error.value) == error.value.esperado


def test_fecha_31_de_febrero_nombra_la_fecha():
    with pytest.raises(CeldaInvalida, match=r"31/02/2020 no existe"):
        celdas.fecha("31/02/2020")


def test_fecha_29_de_febrero_bisiesto_si_existe():
    assert celdas.fecha("29/02/2020") == date(2020, 2, 29)


def test_fecha_serial_60_es_el_29_de_febrero_de_1900_que_no_existio():
    with pytest.raises(CeldaInvalida, match="no existe"):
        celdas.fecha(60)


@pytest.mark.parametrize(
    "valor",
    [None, "", "   ", NBSP, "hola", "02/03", "2020-13", "0", 0, -1, 0.5, 2958466, True, False,
     float("nan"), float("inf"), float("-inf"), "2 de marzoo de 2020", "1e5", "02/03/2020 25",
     10**400],
)
def test_fecha_invalida(valor):
    with pytest.raises(CeldaInvalida) as error:
        celdas.fecha(valor)
    assert "fecha" in error.value.esperado


# ---------------------------------------------------------------- porcentaje


@pytest.mark.parametrize(
    "valor, puntos",
    [
        ("15%", 15), ("15 %", 15), (f"15{NBSP}%", 15), (" 15% ", 15), (15, 15), (15.0, 15),
        ("15", 15), ("0.15", 15), (0.15, 15), (1, 100), (1.0, 100), ("1", 100), ("1%", 1),
        ("100%", 100), (100, 100), (0, 0), ("0%", 0), ("37.5%", 37.5), (0.375, 37.5), (80, 80),
        ("0.5%", 0.5),
    ],
)
def test_porcentaje_en_puntos(valor, puntos):
    assert celdas.porcentaje(valor) == pytest.approx(puntos)


@pytest.mark.parametrize("valor", [None, "", "%", "abc%", "quince", "15,5%", True, float("nan"),
                                   float("inf"), date(2020, 1, 1)])
def test_porcentaje_invalido(valor):
    with pytest.raises(CeldaInvalida, match="porcentaje"):
        celdas.porcentaje(valor)


# ---------------------------------------------------------------- numero


@pytest.mark.parametrize(
    "valor, esperado",
    [
        (46, 46.0), (46.5, 46.5), ("46", 46.0), (" 46 ", 46.0), (f"46{NBSP}", 46.0),
        (f"{NBSP}46", 46.0), ("1,250", 1250.0), ("12,345,678", 12345678.0),
        ("1,250.5", 1250.5), ("15.5", 15.5), ("+5", 5.0), ("-5", -5.0), (".5", 0.5), (0, 0.0),
    ],
)
def test_numero(valor, esperado):
    resultado = celdas.numero(valor)
    assert isinstance(resultado, float)
    assert resultado == esperado


@pytest.mark.parametrize("valor", ["15,5", "1,25", "-3,5"])
def test_numero_con_coma_decimal_pide_punto_decimal(valor):
    with pytest.raises(CeldaInvalida) as error:
        celdas.numero(valor)
    assert "punto decimal" in error.value.esperado
    assert "coma" in error.value.esperado


@pytest.mark.parametrize("valor", [None, "", "abc", "1e3", "inf", "nan", True, False,
                                   float("nan"), float("inf"), "12-5", date(2020, 1, 1), 10**400])
def test_numero_invalido(valor):
    with pytest.raises(CeldaInvalida, match="número"):
        celdas.numero(valor)


# ---------------------------------------------------------------- clave


@pytest.mark.parametrize(
    "valor, partes, esperada",
    [
        (1.1, 2, "1.1"),            # typed as a number
        (2.3, 2, "2.3"),
        ("1.1", 2, "1.1"),
        (" 1.1 ", 2, "1.1"),
        ("1 . 1", 2, "1.1"),
        (f"1.1{NBSP}", 2, "1.1"),
        ("1.1.", 2, "1.1"),
        ("01.02", 2, "1.2"),
        ("1.1.1", 3, "1.1.1"),
        ("1.1.1.", 3, "1.1.1"),     # trailing dot
        (" 1.1.1 ", 3, "1.1.1"),
        ("1 .1. 1", 3, "1.1.1"),
        ("10.2.11", 3, "10.2.11"),
    ],
)
def test_clave(valor, partes, esperada):
    assert celdas.clave(valor, partes) == esperada


@pytest.mark.parametrize(
    "valor, partes",
    [
        ("1.1.1", 2), ("1", 2), (1, 2), ("1.1", 3), (1.1, 3), ("1.2.3.4", 3), ("a.b", 2),
        ("1..1", 2), (".1.1", 2), ("", 2), (None, 3), (True, 2), (float("nan"), 2),
        (float("inf"), 2), ("1.1.x", 3), ("1,1", 2),
    ],
)
def test_clave_invalida_dice_como_se_escribe(valor, partes):
    with pytest.raises(CeldaInvalida) as error:
        celdas.clave(valor, partes)
    assert f"{partes} números separados por punto" in error.value.esperado


def test_clave_padre():
    assert celdas.clave_padre("1.2.1") == "1.2"
    assert celdas.clave_padre("10.3") == "10"


# ---------------------------------------------------------------- llave_encabezado


@pytest.mark.parametrize(
    "escrito, canonico",
    [
        ("  CLAVE   ACTIVIDAD ", v.CLAVE_ACTIVIDAD),
        ("clave actividad", v.CLAVE_ACTIVIDAD),
        (f"Clave{NBSP}actividad{NBSP}", v.CLAVE_ACTIVIDAD),
        ("Clave\tactividad", v.CLAVE_ACTIVIDAD),
        ("Avance%", v.AVANCE),
        ("  AVANCE  % ", v.AVANCE),
        ("SECCIÓN", v.SECCION),
        ("Seccion", v.SECCION),
        ("seccíon", v.SECCION),
        ("calculo", v.CALCULO),
        ("Registro", v.REGISTRO),
        ("DESCRIPCIÓN", v.DESCRIPCION),
        ("Solicitada por la UEIPPCI", v.SOLICITADA_UEIPPCI),
        ("Fecha de corte:", v.FECHA_CORTE),
        ("Mecanismo de verificación", v.MECANISMO),
    ],
)
def test_llave_encabezado_iguala_variantes(escrito, canonico):
    assert celdas.llave_encabezado(escrito) == celdas.llave_encabezado(canonico)


@pytest.mark.parametrize("a, b", [("Avance %", "Avance"), ("Fecha", "Fecha fin"),
                                  ("Clave indicador", "Clave actividad"), ("Total", "Nota")])
def test_llave_encabezado_distingue_columnas_distintas(a, b):
    assert celdas.llave_encabezado(a) != celdas.llave_encabezado(b)


def test_llave_encabezado_vacia():
    assert celdas.llave_encabezado(None) == ""
    assert celdas.llave_encabezado("   ") == ""


# ---------------------------------------------------------------- unidad, calculo


@pytest.mark.parametrize("valor, esperada", [
    ("porcentaje", v.PORCENTAJE), ("Porcentaje", v.PORCENTAJE), (" PORCENTAJE ", v.PORCENTAJE),
    ("%", v.PORCENTAJE), ("número", v.NUMERO), ("Numero", v.NUMERO), ("NÚMERO", v.NUMERO),
])
def test_unidad(valor, esperada):
    assert celdas.unidad(valor) == esperada


@pytest.mark.parametrize("valor", ["num", "personas", "", None, 5, "porcentajes"])
def test_unidad_desconocida(valor):
    with pytest.raises(CeldaInvalida) as error:
        celdas.unidad(valor)
    assert v.PORCENTAJE in error.value.esperado and v.NUMERO in error.value.esperado


@pytest.mark.parametrize("valor, esperado", [
    ("medición", v.MEDICION), ("Medicion", v.MEDICION), ("MEDICIÓN ", v.MEDICION),
    ("actividades", v.POR_ACTIVIDADES), ("Actividades", v.POR_ACTIVIDADES),
])
def test_calculo(valor, esperado):
    assert celdas.calculo(valor) == esperado


@pytest.mark.parametrize("valor", ["actividad", "medida", "", None, 1])
def test_calculo_desconocido(valor):
    with pytest.raises(CeldaInvalida) as error:
        celdas.calculo(valor)
    assert v.MEDICION in error.value.esperado and v.POR_ACTIVIDADES in error.value.esperado


# ---------------------------------------------------------------- si_no


@pytest.mark.parametrize("valor, esperado", [
    ("Sí", True), ("si", True), ("SI", True), ("Si ", True), ("*", True), (" * ", True),
    ("x", True), (True, True), (1, True),
    ("No", False), ("no", False), ("NO", False), ("", False), (None, False), ("  ", False),
    (False, False), (0, False), (float("nan"), False),
])
def test_si_no(valor, esperado):
    assert celdas.si_no(valor) is esperado


@pytest.mark.parametrize("valor", ["quizá", "tal vez", 2, "**"])
def test_si_no_invalido(valor):
    with pytest.raises(CeldaInvalida, match="Sí"):
        celdas.si_no(valor)


# ---------------------------------------------------------------- seccion


@pytest.mark.parametrize("valor, esperada", [
    ("I", "I"), ("i", "I"), ("iii)", "III"), ("III.", "III"), (" II ", "II"), ("IV)", "IV"),
    (3, "III"), (3.0, "III"), ("3", "III"), (1, "I"), (10, "X"), ("V", "V"),
])
def test_seccion(valor, esperada):
    assert celdas.seccion(valor) == esperada


@pytest.mark.parametrize("valor", [0, 11, -1, 3.5, "XI", "abc", "", None, True, float("nan"), "²",
                                   10**400])
def test_seccion_invalida(valor):
    with pytest.raises(CeldaInvalida, match="romano"):
        celdas.seccion(valor)


# ---------------------------------------------------------------- texto, es_vacia


def test_texto_recorta_y_pliega_espacios():
    assert celdas.texto(f"  Curso   de{NBSP}{NBSP}ética  ") == "Curso de ética"
    assert celdas.texto("línea 1  \n\n  línea 2 ") == "línea 1\nlínea 2"
    assert celdas.texto("   ") is None
    assert celdas.texto(None) is None
    assert celdas.texto(46.0) == "46"
    assert celdas.texto(True) == v.SI
    assert celdas.texto(date(2020, 3, 2)) == "02/03/2020"
    assert celdas.texto(datetime(2020, 3, 2, 10, 0)) == "02/03/2020"


def test_es_vacia():
    assert celdas.es_vacia(None)
    assert celdas.es_vacia(float("nan"))
    assert celdas.es_vacia(f" {NBSP}\t")
    assert not celdas.es_vacia(0)
    assert not celdas.es_vacia("0")
    assert not celdas.es_vacia(False)


# ---------------------------------------------------------------- properties

CELDAS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.text(alphabet="0123456789/.-:% ,T" + NBSP, max_size=25),
    st.dates(),
    st.datetimes(),
)

PARSERS = {
    "fecha": (celdas.fecha, date),
    "porcentaje": (celdas.porcentaje, float),
    "numero": (celdas.numero, float),
    "clave2": (lambda x: celdas.clave(x, 2), str),
    "clave3": (lambda x: celdas.clave(x, 3), str),
    "unidad": (celdas.unidad, str),
    "calculo": (celdas.calculo, str),
    "si_no": (celdas.si_no, bool),
    "seccion": (celdas.seccion, str),
}


@pytest.mark.parametrize("nombre", sorted(PARSERS))
@settings(max_examples=200, deadline=None)
@given(valor=CELDAS)
def test_propiedad_valor_del_tipo_o_celda_invalida(nombre, valor):
    lector, tipo = PARSERS[nombre]
    try:
        resultado = lector(valor)
    except CeldaInvalida as error:
        assert error.esperado  # always says what was expected
        return
    assert isinstance(resultado, tipo)
    if tipo is date:
        assert not isinstance(resultado, datetime)
    if tipo is float:
        assert math.isfinite(resultado)
    if nombre == "seccion":
        assert resultado in v.SECCIONES_ROMANAS
    if nombre in ("unidad", "calculo"):
        assert resultado in v.UNIDADES + v.CALCULOS


@settings(max_examples=200, deadline=None)
@given(valor=CELDAS)
def test_propiedad_texto_nunca_falla(valor):
    resultado = celdas.texto(valor)
    assert resultado is None or (isinstance(resultado, str) and resultado == resultado.strip()
                                 and resultado)


@settings(max_examples=200, deadline=None)
@given(dia=st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
       formato=st.sampled_from(["{d:02d}/{m:02d}/{a}", "{d}/{m}/{a}", "{a}-{m:02d}-{d:02d}",
                                "{a}-{m}-{d}", "{d:02d}-{m:02d}-{a}", "{d}.{m}.{a}",
                                "{a}-{m:02d}-{d:02d} 00:00:00"]))
def test_propiedad_fecha_ida_y_vuelta(dia, formato):
    texto = formato.format(d=dia.day, m=dia.month, a=f"{dia.year:04d}")
    assert celdas.fecha(texto) == dia


@settings(max_examples=200, deadline=None)
@given(dia=st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)))
def test_propiedad_fecha_con_nombre_del_mes(dia):
    nombres = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
               "septiembre", "octubre", "noviembre", "diciembre"]
    assert celdas.fecha(f"{dia.day} de {nombres[dia.month - 1]} de {dia.year}") == dia


@settings(max_examples=200, deadline=None)
@given(dia=st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)))
def test_propiedad_fecha_serial_excel(dia):
    serial = (dia - date(1899, 12, 30)).days
    assert celdas.fecha(serial) == dia
    assert celdas.fecha(float(serial)) == dia
    assert celdas.fecha(str(serial)) == dia


@settings(max_examples=200, deadline=None)
@given(numeros=st.lists(st.integers(min_value=1, max_value=10**6), min_size=2, max_size=3),
       punto_final=st.booleans(), relleno=st.sampled_from(["", " ", "  ", NBSP]))
def test_propiedad_clave_ida_y_vuelta(numeros, punto_final, relleno):
    clave = ".".join(map(str, numeros))
    escrita = relleno + clave + ("." if punto_final else "") + relleno
    assert celdas.clave(escrita, len(numeros)) == clave


@settings(max_examples=200, deadline=None)
@given(numeros=st.lists(st.integers(min_value=1, max_value=99), min_size=2, max_size=3),
       partes=st.integers(min_value=2, max_value=3))
def test_propiedad_clave_con_otro_numero_de_partes_es_invalida(numeros, partes):
    clave = ".".join(map(str, numeros))
    if len(numeros) == partes:
        assert celdas.clave(clave, partes) == clave
    else:
        with pytest.raises(CeldaInvalida):
            celdas.clave(clave, partes)


ACENTOS = str.maketrans("aeiouAEIOUn", "áéíóúÁÉÍÓÚñ")


@settings(max_examples=200, deadline=None)
@given(
    columna=st.sampled_from([v.SECCION, v.NOMBRE_SECCION, v.CLAVE_INDICADOR, v.VALOR_META, v.UNIDAD,
                             v.CALCULO, v.CLAVE_ACTIVIDAD, v.FECHA_INICIO, v.MECANISMO, v.AVANCE,
                             v.SOLICITADA_UEIPPCI, v.FECHA_CORTE, v.DESCRIPCION, v.REGISTRO]),
    mayusculas=st.lists(st.booleans(), min_size=40, max_size=40),
    acentos=st.lists(st.booleans(), min_size=40, max_size=40),
    antes=st.text(alphabet=" " + NBSP + "\t", max_size=3),
    despues=st.text(alphabet=" " + NBSP + "\t", max_size=3),
    entre=st.text(alphabet=" " + NBSP, min_size=1, max_size=3),
)
def test_propiedad_encabezado_con_mayusculas_espacios_y_acentos(columna, mayusculas, acentos,
                                                               antes, despues, entre):
    plano = celdas.sin_acentos(columna)
    letras = []
    for i, letra in enumerate(plano):
        if letra in string.ascii_letters and acentos[i % 40]:
            letra = letra.translate(ACENTOS)
        letras.append(letra.upper() if mayusculas[i % 40] else letra.lower())
    escrito = antes + entre.join("".join(letras).split(" ")) + despues
    assert celdas.llave_encabezado(escrito) == celdas.llave_encabezado(columna)


@settings(max_examples=200, deadline=None)
@given(puntos=st.floats(min_value=1.0001, max_value=10**6, allow_nan=False))
def test_propiedad_porcentaje_con_signo_es_literal(puntos):
    texto = f"{puntos:.4f}"
    assert celdas.porcentaje(texto + "%") == pytest.approx(float(texto))
    assert celdas.porcentaje(float(texto)) == pytest.approx(float(texto))


@settings(max_examples=200, deadline=None)
@given(fraccion=st.floats(min_value=0, max_value=1, allow_nan=False))
def test_propiedad_porcentaje_fraccion(fraccion):
    assert celdas.porcentaje(fraccion) == pytest.approx(fraccion * 100)
