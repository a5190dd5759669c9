"""What a sheet's XML holds that calamine does not say, looked at before calamine reads it.

calamine builds a sheet as a dense rectangle from A1 to its last cell with a value: one
character in XFD1048576 asks for 17 billion cells and aborts the process. It also gives an
error cell (#DIV/0!) and a formula saved without its value (as openpyxl saves them) as an
empty cell. So the XML of each sheet that may be read is inflated here first and searched
at C speed for anything unusual: a cell whose address is missing or beyond the limits of
``[lectura]``, an error, a formula. Only a sheet where one is found is walked cell by cell,
and written anew without a cell that must go (far away, or an error calamine cannot read).

The sheets inflated here are handed to calamine already inflated (stored, in a package
packed again): calamine then does not inflate them a second time, which pays for most
of the look.
"""

from __future__ import annotations

import functools
import html
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from .celdas import CeldaSinDato
from .problemas import ERROR, Problema
from .reglas import Umbrales

# Excel's error values, as the file stores them, with what a Spanish Excel shows.
ERRORES = {
    "#DIV/0!": ("#¡DIV/0!", "división entre cero"),
    "#N/A": ("#N/D", "valor no disponible"),
    "#REF!": ("#¡REF!", "referencia a una celda que ya no existe"),
    "#VALUE!": ("#¡VALOR!", "tipo de dato equivocado en la fórmula"),
    "#NAME?": ("#¿NOMBRE?", "nombre de función o de rango que Excel no reconoce"),
    "#NUM!": ("#¡NUM!", "número no válido en la fórmula"),
    "#NULL!": ("#¡NULO!", "intersección vacía de rangos"),
}
FORMULA_SIN_VALOR = ("La celda tiene una fórmula sin valor calculado: abra el libro en Excel y "
                     "guárdelo (el programa que lo escribió no guardó el resultado).")
_MUESTRA_LEJANAS = 3
# What reading a part of a damaged package may raise; calamine then reports the damage.
_ILEGIBLE = (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError,
             NotImplementedError, struct.error)  # far cells named in the message; the rest are counted

_ATRIBUTO = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_HOJA = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>")
_RELACION = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_ETIQUETA = re.compile(rb"""<(/?)((?:[\w.-]+:)?)(row|c)\b((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>""")
_REFERENCIA = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>([^<]*)<)")
_VALOR = re.compile(rb"<(?:[\w.-]+:)?v\s*>([^<]*)<")
_TEXTO_EN_LINEA = re.compile(rb"<(?:[\w.-]+:)?is\b")


@dataclass
class Revision:
    """What calamine should read, and what the reader must know about each sheet."""

    contenido: bytes  # the workbook as it came, or packed again without some cells
    marcas: dict[str, dict[tuple[int, int], CeldaSinDato]] = field(default_factory=dict)
    problemas: dict[str, list[Problema]] = field(default_factory=dict)


def revisar(paquete: zipfile.ZipFile, contenido: bytes, libro: str, umbrales: Umbrales,
            buscadas) -> Revision:
    """Look at every sheet for which ``buscadas(name)`` is true before calamine reads it."""
    revision = Revision(contenido)
    normal = _patron_normal(umbrales.filas_maximas, umbrales.columnas_maximas)
    inflados: dict[str, bytes] = {}
    for nombre, parte in _hojas(paquete, contenido):
        if not buscadas(nombre) or parte in inflados:
            continue
        try:
            xml = _inflar(paquete, contenido, paquete.getinfo(parte))
        except _ILEGIBLE:
            continue  # calamine will say what is wrong with the package
        if _inusual(xml, normal):
            xml = _revisar_hoja(revision, xml, libro, nombre, umbrales)
        inflados[parte] = xml
    if inflados:
        revision.contenido = _empacar(paquete, contenido, inflados)
    return revision


def _revisar_hoja(revision: Revision, xml: bytes, libro: str, nombre: str,
                  umbrales: Umbrales) -> bytes:
    """Walk one sheet: note its marks and problems; the sheet without the cells that go."""
    hoja = _recorrer(xml, umbrales)
    if hoja.marcas:
        revision.marcas[nombre] = hoja.marcas
    problemas = hoja.problemas(libro, nombre, umbrales)
    if problemas:
        revision.problemas[nombre] = problemas
    return hoja.reescrita(xml) if hoja.cambios else xml


def _hojas(paquete: zipfile.ZipFile, contenido: bytes) -> list[tuple[str, str]]:
    """(sheet name, part inside the package) of each sheet, as calamine finds them."""
    try:
        relaciones = {}
        for m in _RELACION.finditer(_inflar(paquete, contenido,
                                            paquete.getinfo("xl/_rels/workbook.xml.rels"))):
            atributos = _atributos(m.group(1))
            relaciones[atributos.get("Id")] = atributos.get("Target")
        libro = _inflar(paquete, contenido, paquete.getinfo("xl/workbook.xml"))
    except _ILEGIBLE:
        return []
    hojas = []
    for m in _HOJA.finditer(libro):
        atributos = _atributos(m.group(1))
        destino = relaciones.get(atributos.get("r:id") or atributos.get("relationships:id"))
        if "name" in atributos and destino:
            hojas.append((atributos["name"], _parte(destino)))
    return hojas


def _atributos(texto: bytes) -> dict[str, str]:
    return {nombre.decode("utf-8", "replace"): html.unescape((doble or simple).decode("utf-8", "replace"))
            for nombre, doble, simple in _ATRIBUTO.findall(texto)}


def _parte(destino: str) -> str:
    """A relationship's target as a name in the package, the way calamine resolves it."""
    if destino.startswith("/xl/"):
        return destino[1:]
    return destino if destino.startswith("xl/") else f"xl/{destino}"


# ---------------------------------------------------------------- the quick look


@functools.lru_cache(maxsize=8)
def _patron_normal(filas: int, columnas: int) -> re.Pattern:
    """A cell tag that is not plain: no address first, or one beyond the limits, an error
    (``t="e"`` where Excel, LibreOffice and openpyxl write it) or a formula (``<f>`` is
    always a cell's first child).

    Plain is ``<c r="B12" s="3" t="n"><v>…``. Searching for a cell that is *not* plain is
    one pass over the XML at C speed, every check at once."""
    return re.compile(rb'<c(?! r="' + _hasta_letras(columnas) + _hasta_numero(filas)
                      + rb'"(?! t="e"| s="\d+" t="e")[^>]*+>(?!<f))')


def _hasta_numero(n: int) -> bytes:
    """A regex for the numbers 1..n, written without leading zeros."""
    cifras = str(n)
    partes = [rb"[1-9]\d{0,%d}" % (len(cifras) - 2)] if len(cifras) > 1 else []
    for i, cifra in enumerate(cifras):
        menor = 1 if i == 0 else 0
        if int(cifra) > menor:
            resto = len(cifras) - i - 1
            partes.append(cifras[:i].encode() + b"[%d-%d]" % (menor, int(cifra) - 1)
                          + (rb"\d{%d}" % resto if resto else b""))
    partes.append(cifras.encode())
    return b"(?:" + b"|".join(partes) + b")"


def _hasta_letras(n: int) -> bytes:
    """A regex for the column letters A..(column n)."""
    letras = letra_columna(n - 1).encode()
    partes = [rb"[A-Z]{1,%d}" % (len(letras) - 1)] if len(letras) > 1 else []
    for i, letra in enumerate(letras):
        if letra > ord("A"):
            resto = len(letras) - i - 1
            partes.append(letras[:i] + b"[A-%c]" % (letra - 1) + (rb"[A-Z]{%d}" % resto if resto else b""))
    partes.append(letras)
    return b"(?:" + b"|".join(partes) + b")"


def _inusual(xml: bytes, normal: re.Pattern) -> bool:
    """Whether the sheet has a cell that is not plain (see :func:`_patron_normal`)."""
    inicio = xml.find(b"<sheetData")
    if inicio < 0:
        return b"sheetData" in xml  # written with a namespace prefix: walk it
    fin = xml.rfind(b"</sheetData")
    return normal.search(xml, inicio, len(xml) if fin < 0 else fin) is not None


# ---------------------------------------------------------------- cell by cell


@dataclass
class _Recorrido:
    """One sheet walked cell by cell: marks for the reader, far cells, edits to make."""

    marcas: dict[tuple[int, int], CeldaSinDato] = field(default_factory=dict)
    lejanas: list[str] = field(default_factory=list)
    cambios: list[tuple[int, int, bytes]] = field(default_factory=list)  # (start, end, new bytes)

    def problemas(self, libro: str, hoja: str, umbrales: Umbrales) -> list[Problema]:
        """One problem for all the far cells of the sheet, naming the first few."""
        if not self.lejanas:
            return []
        otras = len(self.lejanas) - _MUESTRA_LEJANAS
        celdas = ", ".join(self.lejanas[:_MUESTRA_LEJANAS]) + (f" y otras {otras}" if otras > 0 else "")
        area = (f"hasta la fila {umbrales.filas_maximas} y la columna "
                f"{letra_columna(umbrales.columnas_maximas - 1)}")
        mensaje = (f"La celda {celdas} está fuera del área que el tablero lee ({area}); se ignora."
                   if len(self.lejanas) == 1 else
                   f"Las celdas {celdas} están fuera del área que el tablero lee ({area}); se ignoran.")
        return [Problema(ERROR, libro, hoja, None, None, None, mensaje + (
            " Si es un dato, muévalo dentro de esa área; si no, bórrelo en Excel (o suba "
            "«filas_maximas» o «columnas_maximas» en tablero.toml)."))]

    def reescrita(self, xml: bytes) -> bytes:
        """The sheet with the edits made (they come in the order of the XML)."""
        partes, desde = [], 0
        for inicio, fin, nuevo in self.cambios:
            partes += [xml[desde:inicio], nuevo]
            desde = fin
        partes.append(xml[desde:])
        return b"".join(partes)


def _recorrer(xml: bytes, umbrales: Umbrales) -> _Recorrido:
    """Every cell of the sheet, placed as calamine places it (its address, or the one after
    the previous cell): errors and formulas without value are marked; a cell beyond the
    limits, or one calamine cannot read, is cut out; an address is written where missing."""
    recorrido = _Recorrido()
    fila, columna = 0, 0  # where a cell without address goes
    posicion = max(xml.find(b"sheetData"), 0)
    final = xml.rfind(b"sheetData>")
    final = len(xml) if final <= posicion else final
    while m := _ETIQUETA.search(xml, posicion, final):
        cierre, prefijo, nombre, texto, vacia = m.groups()
        posicion = m.end()
        atributos = _atributos(texto)
        if nombre == b"row":
            if not cierre and atributos.get("r", "").isdigit():
                fila = int(atributos["r"]) - 1
            if cierre or vacia:
                fila, columna = fila + 1, 0
            continue
        if cierre:
            continue
        fin = m.end() if vacia else xml.find(b"</" + prefijo + b"c>", m.end())
        fin = final if fin < 0 else (fin if vacia else fin + len(prefijo) + 4)
        ref = _REFERENCIA.fullmatch(atributos.get("r", "").encode())
        lugar = (int(ref.group(2)) - 1, _indice_columna(ref.group(1))) if ref else (fila, columna)
        columna = lugar[1] + 1
        _celda(recorrido, m, fin, lugar, atributos, b"" if vacia else xml[m.end():fin], umbrales)
        posicion = fin
    return recorrido


def _celda(recorrido: _Recorrido, m: re.Match, fin: int, lugar: tuple[int, int],
           atributos: dict, contenido: bytes, umbrales: Umbrales) -> None:
    fila, columna = lugar
    direccion = f"{letra_columna(columna)}{fila + 1}"
    valor = _VALOR.search(contenido)
    valor = html.unescape(valor.group(1).decode("utf-8", "replace")).strip() if valor else ""
    formula = _FORMULA.search(contenido)
    tiene_algo = bool(valor or formula or _TEXTO_EN_LINEA.search(contenido))
    if fila >= umbrales.filas_maximas or columna >= umbrales.columnas_maximas:
        recorrido.cambios.append((m.start(), fin, b""))
        if tiene_algo:
            recorrido.lejanas.append(direccion)
        return
    tipo = atributos.get("t", "n")
    if tipo == "e" and valor:
        recorrido.marcas[lugar] = _error(valor)
        if valor not in ERRORES:  # calamine refuses the whole sheet for an error it does not know
            recorrido.cambios.append((m.start(), fin, b""))
            return
    elif formula and not valor and tipo not in ("str", "inlineStr"):
        texto = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
        recorrido.marcas[lugar] = CeldaSinDato(FORMULA_SIN_VALOR, f"={texto}" if texto else None)
    if "r" not in atributos:  # where calamine and Excel might place it apart, write it down
        etiqueta = m.group(0)
        inicio = 2 + len(m.group(2))
        nueva = etiqueta[:inicio] + b' r="' + direccion.encode() + b'"' + etiqueta[inicio:]
        recorrido.cambios.append((m.start(), m.end(), nueva))


def _error(codigo: str) -> CeldaSinDato:
    espanol, explicacion = ERRORES.get(codigo, (codigo, "un error que el tablero no conoce"))
    nombre = espanol if espanol == codigo else f"{espanol} ({codigo})"
    return CeldaSinDato(f"La celda muestra el error {nombre} de Excel: {explicacion}. Corrija "
                        "la fórmula o escriba el dato, y guarde el libro.", codigo)


def _datos(contenido: bytes, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes as they are in the package (compressed or not)."""
    nombre, extra = struct.unpack_from("<HH", contenido, info.header_offset + 26)
    inicio = info.header_offset + 30 + nombre + extra
    return contenido[inicio:inicio + info.compress_size]


def _inflar(paquete: zipfile.ZipFile, contenido: bytes, info: zipfile.ZipInfo) -> bytes:
    """A part inflated: with zlib directly for the usual deflate (no per-part overhead)."""
    if info.compress_type == zipfile.ZIP_DEFLATED:
        return zlib.decompress(_datos(contenido, info), -15, max(info.file_size, 1))
    if info.compress_type == zipfile.ZIP_STORED:
        return _datos(contenido, info)
    return paquete.read(info)


def _empacar(paquete: zipfile.ZipFile, contenido: bytes, inflados: dict[str, bytes]) -> bytes:
    """The package again: the parts in ``inflados`` stored as given, the others as they were."""
    partes, central, posicion = [], [], 0
    for info in paquete.infolist():
        nombre = info.filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        if info.filename in inflados:
            datos, metodo = inflados[info.filename], zipfile.ZIP_STORED
            tamano = len(datos)  # a sheet written anew changed its length, and so its CRC
            crc = info.CRC if tamano == info.file_size else zlib.crc32(datos)
        else:
            datos, metodo, crc, tamano = _datos(contenido, info), info.compress_type, info.CRC, info.file_size
        banderas = info.flag_bits & 0x801  # encrypted, UTF-8 name; never a data descriptor
        comun = struct.pack("<HHHHHIII", 20, banderas, metodo, 0, 0x21, crc, len(datos), tamano)
        partes += [b"PK\x03\x04", comun, struct.pack("<HH", len(nombre), 0), nombre, datos]
        central.append(b"PK\x01\x02" + struct.pack("<H", 20) + comun
                       + struct.pack("<HHHHHII", len(nombre), 0, 0, 0, 0, 0, posicion) + nombre)
        posicion += 30 + len(nombre) + len(datos)
    directorio = b"".join(central)
    fin = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directorio),
                      posicion, 0)
    return b"".join(partes) + directorio + fin


def _indice_columna(letras: bytes) -> int:
    """Column letters as Excel numbers them, from 0: A -> 0, AB -> 27."""
    indice = 0
    for letra in letras:
        indice = indice * 26 + letra - 64
    return indice - 1


def letra_columna(indice: int) -> str:
    """Column letter as Excel shows it: 0 -> A, 27 -> AB."""
    letras = ""
    indice += 1
    while indice:
        indice, resto = divmod(indice - 1, 26)
        letras = chr(65 + resto) + letras
    return letras
