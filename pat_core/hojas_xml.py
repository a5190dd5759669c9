"""What a sheet's XML holds that calamine does not say, looked at before calamine reads it.

calamine builds a sheet as a dense rectangle from A1 to its last cell with a value: one
character in XFD1048576 asks for 17 billion cells and aborts the process. It also gives an
error cell (#DIV/0!) and a formula saved without its value (as openpyxl saves them) as an
empty cell. So the XML of each sheet that may be read is inflated here first and searched
at C speed for anything unusual: a cell whose address is missing or beyond the limits of
``[lectura]``, an error, a formula. Only a sheet where one is found is walked cell by cell,
and written anew without a cell that must go (far away, or an error calamine cannot read).

calamine reads a package packed again here, every part stored: the sheets inflated here
(it does not inflate them a second time, which pays for most of the look), the parts it
reads besides, and relationships that point exactly at the sheets looked at. Every part is
inflated no further than the size it declares, whose sum ``[lectura]`` bounds.
"""

from __future__ import annotations

import functools
import html
import posixpath
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
_COMENTARIO = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.DOTALL)
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


class PaqueteDanado(Exception):
    """A package whose sheets cannot be located, or a part that is not what it declares:
    refused before calamine reads anything. ``detalle`` says what, in Spanish."""

    def __init__(self, detalle: str):
        super().__init__(detalle)
        self.detalle = detalle


# What calamine reads of the package, besides the sheets the relationships point to.
_TAMBIEN_LEIDAS = ("xl/sharedStrings.xml", "xl/styles.xml")
_RELACIONES = "xl/_rels/workbook.xml.rels"
# Where a sheet that is not read points in the package handed to calamine: an empty sheet.
_SIN_LEER = "xl/worksheets/sin_leer.xml"
_HOJA_VACIA = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
               b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')
_TIPO_HOJA = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_ENCABEZADO_RELACIONES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                          b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">')
# How calamine tells an .xlsx package: by this part, which points at the workbook.
_RAIZ = ("_rels/.rels", _ENCABEZADO_RELACIONES + b'<Relationship Id="rId1" Type="http://schemas.'
         b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         b'Target="xl/workbook.xml"/></Relationships>')


def revisar(paquete: zipfile.ZipFile, contenido: bytes, libro: str, umbrales: Umbrales,
            buscadas) -> Revision:
    """Look at every sheet for which ``buscadas(name)`` is true before calamine reads it.

    calamine gets a package written here, every part stored: the workbook, the shared
    strings and the styles, each sheet looked at under a name of ours, an empty sheet for
    every other one, and relationships that point exactly there. So it reads nothing that
    was not inflated (within the size each part declares) and checked here, whatever the
    original relationships say. A sheet that cannot be located is a damaged package.
    Raises :class:`PaqueteDanado`."""
    revision = Revision(contenido)
    partes = _Partes(paquete, contenido)
    relaciones = _relaciones(partes.inflar(partes.buscar(_RELACIONES, _RELACIONES)))
    libro_xml = partes.inflar(partes.buscar("xl/workbook.xml", "xl/workbook.xml"))
    nuevas = {_RAIZ[0]: _RAIZ[1], "xl/workbook.xml": libro_xml}
    crcs: dict[str, int] = {}  # of the parts handed on as they came
    destinos: dict[str, str] = {}  # relationship id -> the part calamine reads for it
    leidas: dict[str, str] = {}  # original part -> our name for it
    for nombre, relacion in _hojas(libro_xml):
        if not buscadas(nombre):
            continue
        if relacion not in relaciones:
            raise PaqueteDanado(f"la hoja «{nombre}» no tiene relación «{relacion}»")
        parte = partes.buscar(_parte(relaciones[relacion]), nombre)
        if parte not in leidas:
            leidas[parte] = f"xl/worksheets/leida{len(leidas) + 1}.xml"
            xml = partes.inflar(parte)
            if _inusual(xml, umbrales):
                xml = _revisar_hoja(revision, xml, libro, nombre, umbrales)
            else:
                crcs[leidas[parte]] = partes.nombres[parte].CRC
            nuevas[leidas[parte]] = xml
        destinos[relacion] = leidas[parte]
    for otra in _TAMBIEN_LEIDAS:
        if (parte := partes.buscar(otra)) is not None:
            nuevas[otra] = partes.inflar(parte)
            crcs[otra] = partes.nombres[parte].CRC
    nuevas[_SIN_LEER] = _HOJA_VACIA
    nuevas[_RELACIONES] = _relaciones_nuevas(relaciones, destinos)
    revision.contenido = _empacar(nuevas, crcs)
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


class _Partes:
    """The parts of a package by name, each inflated at most to the size it declares."""

    def __init__(self, paquete: zipfile.ZipFile, contenido: bytes):
        self.paquete, self.contenido = paquete, contenido
        self.nombres = {info.filename: info for info in paquete.infolist()}
        self.sin_mayusculas: dict[str, list[str]] = {}
        for nombre in self.nombres:
            self.sin_mayusculas.setdefault(nombre.lower(), []).append(nombre)

    def buscar(self, nombre: str, hoja: str | None = None) -> str | None:
        """The part so named, or the only one named so ignoring case. Without it, ``None``;
        or, for a part that must be there (of sheet ``hoja``), :class:`PaqueteDanado`."""
        iguales = [nombre] if nombre in self.nombres else self.sin_mayusculas.get(nombre.lower(), [])
        if len(iguales) == 1:
            return iguales[0]
        if hoja is None and not iguales:
            return None
        que = "no está la parte" if not iguales else "hay varias partes que solo cambian en mayúsculas:"
        raise PaqueteDanado(f"{que} «{nombre}»" + (f" (hoja «{hoja}»)" if hoja != nombre else ""))

    def inflar(self, nombre: str) -> bytes:
        try:
            return _inflar(self.paquete, self.contenido, self.nombres[nombre])
        except _ILEGIBLE:
            raise PaqueteDanado(f"la parte «{nombre}» no se puede descomprimir") from None


def _relaciones(xml: bytes) -> dict[str, str]:
    """Relationship id -> target, from ``workbook.xml.rels``."""
    relaciones = {}
    for m in _RELACION.finditer(_sin_comentarios(xml)):
        atributos = _atributos(m.group(1))
        if "Id" in atributos and "Target" in atributos:
            relaciones[atributos["Id"]] = atributos["Target"]
    return relaciones


def _hojas(libro: bytes) -> list[tuple[str, str]]:
    """(sheet name, relationship id) of each sheet of ``workbook.xml``."""
    hojas = []
    for m in _HOJA.finditer(_sin_comentarios(libro)):
        atributos = _atributos(m.group(1))
        relacion = atributos.get("r:id") or atributos.get("relationships:id")
        if "name" in atributos and relacion:
            hojas.append((atributos["name"], relacion))
    return hojas


def _sin_comentarios(xml: bytes) -> bytes:
    """XML without its comments and CDATA, where a tag calamine skips could be hidden."""
    return _COMENTARIO.sub(b"", xml) if b"<!" in xml else xml


def _relaciones_nuevas(relaciones: dict[str, str], destinos: dict[str, str]) -> bytes:
    """Every relationship of the workbook, pointing at a sheet looked at or the empty one."""
    filas = "".join(f'<Relationship Id="{html.escape(relacion)}" Type="{_TIPO_HOJA}" '
                    f'Target="/{destinos.get(relacion, _SIN_LEER)}"/>' for relacion in relaciones)
    return _ENCABEZADO_RELACIONES + f"{filas}</Relationships>".encode()


def _atributos(texto: bytes) -> dict[str, str]:
    return {nombre.decode("utf-8", "replace"): html.unescape((doble or simple).decode("utf-8", "replace"))
            for nombre, doble, simple in _ATRIBUTO.findall(texto)}


def _parte(destino: str) -> str:
    """A relationship's target as a name in the package: under ``xl/`` unless it says so
    (calamine's rule, with ``.`` and ``..`` resolved); found ignoring case by :class:`_Partes`."""
    destino = destino.lstrip("/")
    if not destino.lower().startswith("xl/"):
        destino = f"xl/{destino}"
    return posixpath.normpath(destino)


# ---------------------------------------------------------------- the quick look


@functools.lru_cache(maxsize=64)
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


def _inusual(xml: bytes, umbrales: Umbrales) -> bool:
    """Whether the sheet has a cell that is not plain (see :func:`_patron_normal`).

    A cell is also not plain below the row ``filas_vacias_maximas`` past the number of rows
    the sheet writes with a cell (as :func:`_filas_con_celdas` counts them, never more):
    only then can the rectangle calamine builds hold more empty rows than that (see
    :func:`_filas_apartadas`) and be larger than the file. Where the look could be wrong
    it says "walk it", which costs time and never changes what is read."""
    inicio = xml.find(b"<sheetData")
    if inicio < 0:
        return b"sheetData" in xml  # written with a namespace prefix: walk it
    fin = xml.rfind(b"</sheetData")
    fin = len(xml) if fin < 0 else fin
    if any(xml.find(marca, inicio, fin) >= 0 for marca in (b"<!--", b"<![CDATA[", b"<?")):
        return True  # a comment, CDATA or processing instruction among the cells could hide
        # or feign one: walk it
    filas = min(umbrales.filas_maximas, _filas_con_celdas(xml, inicio, fin)
                + umbrales.filas_vacias_maximas)
    return _patron_normal(filas, umbrales.columnas_maximas).search(xml, inicio, fin) is not None


def _filas_con_celdas(xml: bytes, inicio: int, fin: int) -> int:
    """The rows that end with a cell (``…</c></row>`` or ``…/></row>``), counted at C speed.

    Never more than the rows written with a cell: a row so ended holds a cell, or (``<x/>``)
    some other element that counts as a cell here too. Fewer when the XML puts space between
    the tags: then the bound is tighter and the sheet is walked, which only costs time."""
    return xml.count(b"</c></row>", inicio, fin) + xml.count(b"/></row>", inicio, fin)


# ---------------------------------------------------------------- cell by cell


@dataclass
class _Recorrido:
    """One sheet walked cell by cell: marks for the reader, far cells, edits to make."""

    marcas: dict[tuple[int, int], CeldaSinDato] = field(default_factory=dict)
    lejanas: list[str] = field(default_factory=list)
    cambios: list[tuple[int, int, bytes]] = field(default_factory=list)  # (start, end, new bytes)
    con_algo: list[tuple[tuple[int, int], int, int]] = field(default_factory=list)  # (place, start, end)
    apartadas: list[str] = field(default_factory=list)  # cells below a run of empty rows

    def problemas(self, libro: str, hoja: str, umbrales: Umbrales) -> list[Problema]:
        """One problem for all the far cells of the sheet, and one for all the cells below a
        run of empty rows, naming the first few of each."""
        problemas = []
        if self.lejanas:
            area = (f"hasta la fila {umbrales.filas_maximas} y la columna "
                    f"{letra_columna(umbrales.columnas_maximas - 1)}")
            problemas.append(_problema_celdas(
                libro, hoja, self.lejanas, f"fuera del área que el tablero lee ({area})",
                "muévalo dentro de esa área; si no, bórrelo en Excel (o suba «filas_maximas» o "
                "«columnas_maximas» en tablero.toml)"))
        if self.apartadas:
            problemas.append(_problema_celdas(
                libro, hoja, self.apartadas, "lejos de los datos, debajo de demasiadas filas "
                f"vacías (más de {umbrales.filas_vacias_maximas} y más que las filas con datos)",
                "quite las filas vacías que lo separan de los demás; si no, bórrelo en Excel (o "
                "suba «filas_vacias_maximas» en tablero.toml)"))
        return problemas

    def apartar(self, filas_vacias_maximas: int) -> None:
        """Cut out the cells with something below a run of empty rows (see
        :func:`_filas_apartadas`), and forget their marks."""
        apartadas = _filas_apartadas([lugar[0] for lugar, _, _ in self.con_algo], filas_vacias_maximas)
        if not apartadas:
            return
        cortes = [(inicio, fin, b"") for lugar, inicio, fin in self.con_algo if lugar[0] in apartadas]
        cortadas = {inicio for inicio, _, _ in cortes}
        self.cambios = sorted([c for c in self.cambios if c[0] not in cortadas] + cortes)
        for lugar, _, _ in self.con_algo:
            if lugar[0] in apartadas:
                self.marcas.pop(lugar, None)
                self.apartadas.append(f"{letra_columna(lugar[1])}{lugar[0] + 1}")

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
    recorrido.apartar(umbrales.filas_vacias_maximas)
    return recorrido


def _filas_apartadas(filas: list[int], maximo: int) -> set[int]:
    """The rows (with something) read as far from the data: those below the last row up to
    which the empty rows are no more than ``maximo`` and no more than the rows with
    something. So what calamine builds has at most twice the rows the sheet fills, plus
    ``maximo``: a stray keystroke far below the data (or a chain of them) costs nothing, and
    data after some empty rows is read when it is data, not a few lost cells."""
    filas = sorted(set(filas))
    hasta = -1  # the last row read
    for llenas, fila in enumerate(filas, start=1):
        if fila + 1 - llenas <= max(maximo, llenas):  # rows 0..fila hold fila + 1 - llenas empty
            hasta = fila
    return {fila for fila in filas if fila > hasta}


def _problema_celdas(libro: str, hoja: str, celdas: list[str], donde: str, que_hacer: str) -> Problema:
    """One error naming the first few of some cells left out, where they are and what to do."""
    otras = len(celdas) - _MUESTRA_LEJANAS
    nombradas = ", ".join(celdas[:_MUESTRA_LEJANAS]) + (f" y otras {otras}" if otras > 0 else "")
    mensaje = (f"La celda {nombradas} está {donde}; se ignora." if len(celdas) == 1 else
               f"Las celdas {nombradas} están {donde}; se ignoran.")
    return Problema(ERROR, libro, hoja, None, None, None, f"{mensaje} Si es un dato, {que_hacer}.")


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
    if tiene_algo:
        recorrido.con_algo.append((lugar, m.start(), fin))
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
    """A part inflated, never to more than the size it declares (the sum of those is within
    ``descomprimido_maximo_mb``): a part that would inflate beyond it, or short of it, lies
    about its size and is refused before anything larger is allocated."""
    if info.compress_type == zipfile.ZIP_DEFLATED:
        datos = zlib.decompressobj(-15).decompress(_datos(contenido, info), info.file_size + 1)
    elif info.compress_type == zipfile.ZIP_STORED:
        datos = _datos(contenido, info)
    else:
        with paquete.open(info) as parte:
            datos = parte.read(info.file_size + 1)
    if len(datos) != info.file_size:
        raise PaqueteDanado(f"la parte «{info.filename}» no mide lo que declara "
                            f"({info.file_size} bytes)")
    return datos


def _empacar(partes: dict[str, bytes], crcs: dict[str, int]) -> bytes:
    """A package of the given parts, each stored as it is (calamine inflates nothing); the
    CRC of a part that was not changed is the one its package said."""
    locales, central, posicion = [], [], 0
    for nombre, datos in partes.items():
        crc = crcs[nombre] if nombre in crcs else zlib.crc32(datos)
        nombre = nombre.encode()
        comun = struct.pack("<HHHHHIII", 20, 0, zipfile.ZIP_STORED, 0, 0x21, crc,
                            len(datos), len(datos))
        locales += [b"PK\x03\x04", comun, struct.pack("<HH", len(nombre), 0), nombre, datos]
        central.append(b"PK\x01\x02" + struct.pack("<H", 20) + comun
                       + struct.pack("<HHHHHII", len(nombre), 0, 0, 0, 0, 0, posicion) + nombre)
        posicion += 30 + len(nombre) + len(datos)
    directorio = b"".join(central)
    fin = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directorio),
                      posicion, 0)
    return b"".join([*locales, directorio, fin])  # one copy of the parts, not three


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
