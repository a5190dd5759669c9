"""Parsers for single cells, written for the way people actually type in Excel.

Each parser takes the raw value a cell holds (``str``, ``int``, ``float``,
``bool``, ``date``/``datetime`` or ``None``) and returns the clean value, or
raises :class:`CeldaInvalida` whose message says, in Spanish, what was expected.
No other exception may escape: the property tests hold them to that.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import vocabulario as v
from .reglas import NUMERO_MAXIMO


class CeldaInvalida(ValueError):
    """A cell whose content cannot be read as what its column expects."""

    def __init__(self, esperado: str):
        super().__init__(esperado)
        self.esperado = esperado


@dataclass(frozen=True)
class CeldaSinDato:
    """A cell Excel shows something in, but whose file holds no value the dashboard can use:
    an error (#DIV/0!) or a formula saved without its result. The reader puts one where
    such a cell is; the model reports ``mensaje`` at that cell, never reads it as empty."""

    mensaje: str
    valor: str | None  # what the cell holds, as the file says it (the error, the formula)

    def __str__(self) -> str:
        return self.valor or ""


def _es_invisible(caracter: str) -> bool:
    """Format characters (zero-width space, BOM, word joiner, soft hyphen…) and control
    characters other than tab and line breaks: nothing to see where they are."""
    categoria = unicodedata.category(caracter)
    return categoria == "Cf" or (categoria == "Cc" and caracter not in "\t\n\r")


def invisibles(texto: str) -> list[str]:
    """The invisible characters of a text, each once, as «U+200B»-style names."""
    if texto.isprintable():  # at C speed: no format nor control character at all
        return []
    return list(dict.fromkeys(_nombre(c) for c in texto if _es_invisible(c)))


def _nombre(caracter: str) -> str:
    return f"U+{ord(caracter):04X}"


def sin_invisibles(texto: str) -> str:
    if texto.isprintable():
        return texto
    return "".join(c for c in texto if not _es_invisible(c))


def visible(texto: str | None) -> str | None:
    """A value as a message shows it: each invisible character written out as [U+200B],
    so "1.1.1" with a hidden character never looks like the key 1.1.1."""
    if texto is None or texto.isprintable():
        return texto
    return "".join(f"[{_nombre(c)}]" if _es_invisible(c) else c for c in texto)


_ESPACIOS = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_EPOCA_EXCEL = date(1899, 12, 30)  # serial 61 = 1900-03-01 (Excel's 1900 leap-year bug included)
_EPOCA_EXCEL_ANTES_DE_MARZO_1900 = date(1899, 12, 31)  # serial 1 = 1900-01-01 .. 59 = 28/02/1900
_SERIAL_29_FEBRERO_1900 = 60  # Excel's 29/02/1900, a day that never was
_SERIAL_MIN, _SERIAL_MAX = 1, 2958465  # 01/01/1900 .. 31/12/9999

MESES = {
    "enero": 1, "ene": 1, "febrero": 2, "feb": 2, "marzo": 3, "mar": 3,
    "abril": 4, "abr": 4, "mayo": 5, "may": 5, "junio": 6, "jun": 6,
    "julio": 7, "jul": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
    "sep": 9, "sept": 9, "set": 9, "octubre": 10, "oct": 10, "noviembre": 11,
    "nov": 11, "diciembre": 12, "dic": 12,
}

_HORA = r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_FECHA_DMA = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})" + _HORA)
_FECHA_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _HORA)
_FECHA_TEXTO = re.compile(r"(\d{1,2})(?:\s+de)?[\s/.-]+([a-z]+)\.?(?:\s+de(?:l)?)?[\s/.-]+(\d{4})")
_SERIAL = re.compile(r"\d+(?:\.\d+)?")
_NUMERO = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_NUMERO_MILES = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CLAVE = re.compile(r"\d+(?:\.\d+)*")


def sin_acentos(texto: str) -> str:
    """'Sección' -> 'Seccion'; 'ñ' is kept apart from 'n' only by its tilde, so it folds too."""
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


def llave_encabezado(valor: object) -> str:
    """The form in which two headers are the same column.

    Case, accents, spaces (repeated, trailing, non-breaking) and punctuation
    other than ``%`` do not matter: ``'  AVANCE  % '`` and ``'Avance %'`` match.
    """
    if valor is None:
        return ""
    plano = sin_acentos(str(valor)).lower()
    return "".join(c for c in plano if c.isalnum() or c == "%")


def es_vacia(valor: object) -> bool:
    if valor is None:
        return True
    if isinstance(valor, float) and math.isnan(valor):
        return True
    return isinstance(valor, str) and not _ESPACIOS.sub("", valor).strip()


def texto(valor: object) -> str | None:
    """Text as shown to people: trimmed, with runs of spaces folded to one."""
    if es_vacia(valor):
        return None
    if isinstance(valor, bool):
        return v.SI if valor else v.NO
    if isinstance(valor, float) and valor.is_integer() and abs(valor) < 1e15:
        valor = int(valor)  # 46.0 is 46; 1e+308 stays short, not 309 digits
    if isinstance(valor, datetime):
        valor = valor.date()
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    lineas = (_ESPACIOS.sub(" ", linea).strip() for linea in str(valor).splitlines())
    return "\n".join(linea for linea in lineas if linea) or None


def clave(valor: object, partes: int) -> str:
    """A key such as ``1.2`` (partes=2) or ``1.2.1`` (partes=3), always as text.

    A key typed as the number 1.1 is "1.1"; trailing dots and stray spaces are
    dropped ("1.1.1." -> "1.1.1"); leading zeros are not significant.
    """
    ejemplo = ".".join(str(n + 1) for n in range(partes))
    esperado = f"una clave de {partes} números separados por punto, como {ejemplo}"
    if isinstance(valor, bool) or es_vacia(valor):
        raise CeldaInvalida(esperado)
    if isinstance(valor, float):
        if not math.isfinite(valor):
            raise CeldaInvalida(esperado)
        crudo = format(valor, ".15g")
    else:
        crudo = sin_invisibles(str(valor))
    crudo = _ESPACIOS.sub("", crudo).strip().rstrip(".")
    if not _CLAVE.fullmatch(crudo):
        raise CeldaInvalida(esperado)
    numeros = crudo.split(".")
    if len(numeros) != partes:
        raise CeldaInvalida(esperado)
    try:
        return ".".join(str(int(n)) for n in numeros)
    except ValueError:  # a part with thousands of digits: int() refuses it
        raise CeldaInvalida(esperado) from None


def clave_padre(clave_hija: str) -> str:
    """The key one level up: '1.2.1' -> '1.2'."""
    return clave_hija.rsplit(".", 1)[0]


def fecha(valor: object) -> date:
    """A date cell, or text typed day first (02/03/2020 is 2 March), or ISO, or a serial."""
    esperado = "una fecha dd/mm/aaaa"
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    if isinstance(valor, bool) or es_vacia(valor):
        raise CeldaInvalida(esperado)
    if isinstance(valor, (int, float)):
        return _fecha_serial(valor, esperado)
    crudo = _ESPACIOS.sub(" ", str(valor)).strip().lower()
    if m := _FECHA_DMA.fullmatch(crudo):
        dia, mes, anio = (int(g) for g in m.groups())
        return _fecha_real(anio + 2000 if anio < 100 else anio, mes, dia)
    if m := _FECHA_ISO.fullmatch(crudo):
        anio, mes, dia = (int(g) for g in m.groups())
        return _fecha_real(anio, mes, dia)
    if m := _FECHA_TEXTO.fullmatch(sin_acentos(crudo)):
        dia, nombre_mes, anio = m.groups()
        if nombre_mes in MESES:
            return _fecha_real(int(anio), MESES[nombre_mes], int(dia))
    if _SERIAL.fullmatch(crudo):
        return _fecha_serial(float(crudo), esperado)
    raise CeldaInvalida(esperado)


def _fecha_real(anio: int, mes: int, dia: int) -> date:
    try:
        return date(anio, mes, dia)
    except ValueError:
        raise CeldaInvalida(
            f"una fecha que exista (el {dia:02d}/{mes:02d}/{anio} no existe)"
        ) from None


def _fecha_serial(serial: float, esperado: str) -> date:
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:  # also false for nan; no float() of a huge int
        raise CeldaInvalida(esperado)
    dias = int(serial)
    if dias == _SERIAL_29_FEBRERO_1900:
        raise CeldaInvalida("una fecha que exista (el 29/02/1900 de Excel no existe)")
    if dias < _SERIAL_29_FEBRERO_1900:
        return _EPOCA_EXCEL_ANTES_DE_MARZO_1900 + timedelta(days=dias)
    return _EPOCA_EXCEL + timedelta(days=dias)


def numero(valor: object) -> float:
    """A number; text such as '1,250' or ' 46 ' is read too. Decimal point, never comma."""
    esperado = "un número (con punto decimal)"
    if isinstance(valor, bool) or es_vacia(valor):
        raise CeldaInvalida(esperado)
    if isinstance(valor, (int, float)):
        try:
            resultado = float(valor)
        except OverflowError:  # an int beyond any float
            raise CeldaInvalida(esperado) from None
    elif isinstance(valor, str):
        crudo = _ESPACIOS.sub("", valor).strip()
        if _NUMERO_MILES.fullmatch(crudo):
            crudo = crudo.replace(",", "")
        if not _NUMERO.fullmatch(crudo):
            if re.fullmatch(r"[+-]?\d+,\d+", crudo):
                raise CeldaInvalida("un número con punto decimal, no coma (15.5, no 15,5)")
            raise CeldaInvalida(esperado)
        resultado = float(crudo)
    else:
        raise CeldaInvalida(esperado)
    if not math.isfinite(resultado):
        raise CeldaInvalida(esperado)
    if abs(resultado) > NUMERO_MAXIMO:
        raise CeldaInvalida(f"un número de hasta {len(str(int(NUMERO_MAXIMO))) - 1} cifras enteras; "
                            "uno tan grande no es una cantidad del programa")
    return resultado


def porcentaje(valor: object) -> float:
    """A percentage in points (0-100 scale).

    '15%', '15 %' and 15 are 15 points; a value of 1 or less without a '%'
    sign is a fraction, so 0.15 is 15 points and 1 is 100.
    """
    if isinstance(valor, str):
        crudo = _ESPACIOS.sub("", valor).strip()
        if crudo.endswith("%"):
            try:
                return numero(crudo[:-1])
            except CeldaInvalida:
                raise CeldaInvalida("un porcentaje, como 15%, 15 o 0.15") from None
    try:
        puntos = numero(valor)
    except CeldaInvalida:
        raise CeldaInvalida("un porcentaje, como 15%, 15 o 0.15") from None
    return puntos * 100 if abs(puntos) <= 1 else puntos


def _opcion(valor: object, opciones: dict, esperado: str):
    llave = llave_encabezado(valor)
    if llave not in opciones:
        raise CeldaInvalida(esperado)
    return opciones[llave]


def unidad(valor: object) -> str:
    return _opcion(
        valor,
        {"porcentaje": v.PORCENTAJE, "%": v.PORCENTAJE, "numero": v.NUMERO},
        f"'{v.PORCENTAJE}' o '{v.NUMERO}'",
    )


def calculo(valor: object) -> str:
    return _opcion(
        valor,
        {"medicion": v.MEDICION, "actividades": v.POR_ACTIVIDADES, "sesiones": v.POR_SESIONES},
        f"'{v.MEDICION}', '{v.POR_ACTIVIDADES}' o '{v.POR_SESIONES}'",
    )


def tipo_sesion(valor: object) -> str:
    return _opcion(
        valor,
        {"ordinaria": v.ORDINARIA, "o": v.ORDINARIA, "extraordinaria": v.EXTRAORDINARIA,
         "e": v.EXTRAORDINARIA},
        f"'{v.ORDINARIA}' o '{v.EXTRAORDINARIA}'",
    )


def si_no(valor: object) -> bool:
    """'Sí'/'No' columns. An empty cell is No; an asterisk, as in the seed, is Sí."""
    if es_vacia(valor):
        return False
    if isinstance(valor, bool):
        return valor
    if isinstance(valor, (int, float)) and valor in (0, 1):
        return bool(valor)
    if str(valor).strip() == "*":
        return True
    return _opcion(
        valor, {"si": True, "s": True, "x": True, "no": False, "n": False}, "'Sí' o 'No'"
    )


def seccion(valor: object) -> str:
    """A section as a Roman numeral: 'I', 'iii)', 'III.' and 3 are all 'III'."""
    esperado = "un número romano de sección, como I, II o III"
    if isinstance(valor, bool) or es_vacia(valor):
        raise CeldaInvalida(esperado)
    if isinstance(valor, (int, float)):
        if 1 <= valor <= len(v.SECCIONES_ROMANAS) and float(valor).is_integer():
            return v.SECCIONES_ROMANAS[int(valor) - 1]
        raise CeldaInvalida(esperado)
    crudo = _ESPACIOS.sub("", sin_invisibles(str(valor))).strip().rstrip(").").upper()
    if crudo in v.SECCIONES_ROMANAS:
        return crudo
    if crudo.isdecimal() and 1 <= int(crudo) <= len(v.SECCIONES_ROMANAS):
        return v.SECCIONES_ROMANAS[int(crudo) - 1]
    raise CeldaInvalida(esperado)
