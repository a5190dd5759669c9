"""Every file the product writes: CSV and .xlsx exports, and the one safe way to write them.

CSV for Excel in Mexico: comma-separated, UTF-8 with BOM, dates dd/mm/aaaa.
Percentages are written in points with a decimal point (15, not 0.15).
Text that Excel would run as a formula is neutralised (OWASP, CSV injection).

The .xlsx holds the same rows and columns with their types: keys and every text
as text cells (2.1 stays 2.1, =1+1 stays text), dates as date cells shown
dd/mm/aaaa, numbers as numbers rounded as in the CSV.

:func:`escribir_archivo` is the only way a file reaches the disk: it never
writes through a link, over a workbook or into the data folder, and a failed
write leaves nothing behind.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from . import vocabulario as v
from .presentacion import fecha, numero, vacio
from .problemas import Problema
from .sistema import VISIBLE, clase_de_archivo

if TYPE_CHECKING:  # imported where an .xlsx is made (see xlsx_bytes), and pandas where used
    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

FORMATO_FECHA = "dd/mm/yyyy"  # Excel's code for dd/mm/aaaa, whatever the machine's language

_INICIO_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def texto_seguro(texto: str) -> str:
    """Text that Excel shows as text: a leading =, +, -, @, tab or CR gets a quote."""
    return "'" + texto if texto.startswith(_INICIO_FORMULA) else texto


def _tipado(valor):
    """A value as both exports hold it: Sí/No, None, a datetime, an int, a float rounded
    as shown (37.25 -> 37.3), or text."""
    if isinstance(valor, (bool, np.bool_)):
        return v.SI if valor else v.NO
    if vacio(valor):
        return None
    if isinstance(valor, datetime):  # a pandas Timestamp, or a date column's value from numpy
        return datetime.combine(valor.date(), valor.time())
    if isinstance(valor, (int, np.integer)):
        return int(valor)
    if isinstance(valor, (float, np.floating)):
        return float(numero(valor))
    return str(valor)


def _celda(valor) -> str:
    tipado = _tipado(valor)
    if tipado is None:
        return ""
    if isinstance(tipado, datetime):
        return fecha(tipado)
    if isinstance(tipado, (int, float)):
        return numero(tipado)
    return texto_seguro(tipado)


def _celdas(valores: list) -> list[str]:
    """:func:`_celda` over a column, each distinct value written once (a column repeats
    its states, units and dates)."""
    escritas: dict = {}
    return [escritas[llave] if (llave := (valor.__class__, valor)) in escritas
            else escritas.setdefault(llave, _celda(valor)) for valor in valores]


def csv_bytes(tabla: pd.DataFrame | Mapping[str, np.ndarray], columnas: Sequence[str]) -> bytes:
    """The columns of ``tabla`` (a DataFrame, or numpy columns by name) as CSV for Excel."""
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow(columnas)
    escritor.writerows(zip(*(_celdas(tabla[columna].tolist()) for columna in columnas)))
    # A name that is not valid UTF-8 (a folder's) shows «�», as on screen, never failing.
    return salida.getvalue().encode("utf-8-sig", errors=VISIBLE)


def csv_actividades(actividades: pd.DataFrame) -> bytes:
    return csv_bytes(actividades, v.COLUMNAS_ACTIVIDADES)


def tabla_problemas(problemas: list[Problema]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        [[p.severidad, p.libro, p.hoja, p.fila, p.columna, p.valor, p.mensaje] for p in problemas],
        columns=list(v.COLUMNAS_PROBLEMAS),
    ).astype({v.FILA_LIBRO: "Int64"})


def csv_problemas(problemas: list[Problema]) -> bytes:
    return csv_bytes(tabla_problemas(problemas), v.COLUMNAS_PROBLEMAS)


# ---------------------------------------------------------------- .xlsx

ANCHO_MINIMO, ANCHO_MAXIMO = 8, 60  # column widths, in characters; longer text wraps
_LARGO_MAXIMO_CELDA = 32_767  # Excel's limit for the text of one cell
_FECHA_ZIP = (1980, 1, 1, 0, 0, 0)
_PROPIEDADES = "docProps/core.xml"
_MARCA = f"<dc:creator>{v.AUTOR}</dc:creator>"
_PROPIEDADES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    f'xmlns:dc="http://purl.org/dc/elements/1.1/">{_MARCA}</cp:coreProperties>').encode()


def xlsx_bytes(tabla: pd.DataFrame | Mapping[str, np.ndarray], columnas: Sequence[str], hoja: str) -> bytes:
    """The rows and columns of :func:`csv_bytes` as one sheet ``hoja``: bold header, frozen,
    with autofilter; widths fitted to the content up to :data:`ANCHO_MAXIMO`.

    openpyxl is imported here, not with the module: a CSV export, and the command line
    writing one, never load it."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    libro = Workbook(write_only=True)
    destino = libro.create_sheet(hoja)
    listas = [tabla[columna].tolist() for columna in columnas]
    anchos = [_ancho(nombre, lista) for nombre, lista in zip(columnas, listas)]
    for posicion, ancho in enumerate(anchos, start=1):
        destino.column_dimensions[get_column_letter(posicion)].width = ancho
    destino.freeze_panes = "A2"
    filas = len(listas[0]) if listas else 0
    destino.auto_filter.ref = f"A1:{get_column_letter(len(columnas))}{filas + 1}"
    celda = _celdas_xlsx(destino)
    destino.append([celda(nombre, negrita=True) for nombre in columnas])
    ajustar = [ancho == ANCHO_MAXIMO for ancho in anchos]
    for fila in zip(*listas):
        destino.append([celda(valor, ajustar=a) for valor, a in zip(fila, ajustar)])
    return _bytes_reproducibles(libro)


def xlsx_actividades(actividades: pd.DataFrame) -> bytes:
    return xlsx_bytes(actividades, v.COLUMNAS_ACTIVIDADES, v.HOJA_ACTIVIDADES)


def _ancho(nombre: str, columna: list) -> int:
    largo = max((len(linea) for texto in (nombre, *map(_celda, columna))
                 for linea in texto.split("\n")), default=0)
    return min(max(largo + 2, ANCHO_MINIMO), ANCHO_MAXIMO)


def _celdas_xlsx(hoja):
    """The function that makes each cell of ``hoja`` from a value (openpyxl imported once per
    sheet, not once per cell)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    ajuste, resaltado = Alignment(wrap_text=True, vertical="top"), Font(bold=True)

    def celda(valor, negrita: bool = False, ajustar: bool = False) -> WriteOnlyCell:
        tipado = _tipado(valor)
        if isinstance(tipado, str):
            tipado = _texto_xlsx(tipado, ILLEGAL_CHARACTERS_RE)
        hecha = WriteOnlyCell(hoja, tipado)
        if isinstance(tipado, datetime):
            hecha.number_format = FORMATO_FECHA
        elif isinstance(tipado, str):
            hecha.data_type = "s"  # text, never a formula, even when it starts with =
            if ajustar:
                hecha.alignment = ajuste
        if negrita:
            hecha.font = resaltado
        return hecha

    return celda


def _texto_xlsx(texto: str, prohibidos: re.Pattern) -> str:
    """Text an .xlsx can hold: a name that is not valid UTF-8 and characters XML forbids
    (``prohibidos``, openpyxl's) shown as �, at most Excel's 32,767 characters."""
    texto = texto.encode("utf-8", errors=VISIBLE).decode("utf-8")
    return prohibidos.sub("\ufffd", texto)[:_LARGO_MAXIMO_CELDA]


def _bytes_reproducibles(libro: Workbook) -> bytes:
    """The workbook's bytes, equal for equal rows: no date in its properties and every zip
    entry dated 1980-01-01. The missing date also tells an export no one has saved
    since (Excel and LibreOffice add one on each save): see :func:`_exportacion_propia`."""
    from openpyxl.writer.excel import ExcelWriter

    crudo = io.BytesIO()
    ExcelWriter(libro, zipfile.ZipFile(crudo, "w", zipfile.ZIP_DEFLATED)).save()
    limpio = io.BytesIO()
    with zipfile.ZipFile(crudo) as origen, zipfile.ZipFile(limpio, "w") as destino:
        for entrada in origen.infolist():
            datos = _PROPIEDADES_XML if entrada.filename == _PROPIEDADES else origen.read(entrada)
            destino.writestr(zipfile.ZipInfo(entrada.filename, _FECHA_ZIP), datos,
                             compress_type=zipfile.ZIP_DEFLATED)
    return limpio.getvalue()


# ---------------------------------------------------------------- writing a file

EXTENSIONES_LIBRO = (".xlsx", ".xlsm", ".xlsb", ".xltx", ".xltm", ".xls", ".xlt", ".xlam",
                     ".xla", ".ods")
_NOMBRE_DE_LIBRO = re.compile(rf"({v.PREFIJO_PAT}|{v.PREFIJO_EVIDENCIAS})\d{{4}}", re.IGNORECASE)


class SalidaRechazada(Exception):
    """A file the product will not write; the message says why and what to do instead."""


def escribir_archivo(ruta: Path, contenido: bytes, carpeta_datos: Path | None, *,
                     libro_nuevo: bool = False) -> Path:
    """Write ``contenido`` at ``ruta``, the one way the product writes a file.

    Raises :class:`SalidaRechazada` for a target :func:`revisar_destino` refuses, and
    OSError when the system refuses the write. The bytes go to a temporary file beside
    the target, renamed over it once complete: a failed write leaves the target as it
    was and no temporary file behind.
    """
    ruta = Path(ruta)
    revisar_destino(ruta, carpeta_datos, libro_nuevo=libro_nuevo)
    temporal = ruta.with_name(f".{ruta.name[:100]}.{uuid.uuid4().hex[:12]}.tmp")
    descriptor = os.open(temporal, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as archivo:
            _permisos_del_destino(archivo.fileno(), ruta)
            archivo.write(contenido)
            archivo.flush()
            os.fsync(archivo.fileno())
        os.replace(temporal, ruta)
    except BaseException:
        with suppress(OSError):
            temporal.unlink()
        raise
    return ruta


def _permisos_del_destino(descriptor: int, ruta: Path) -> None:
    """Give the temporary file the permission bits of the file it replaces: a private
    export (chmod 600) stays private. A new file keeps the umask's default."""
    try:
        modo = os.stat(ruta).st_mode
    except FileNotFoundError:
        return
    os.fchmod(descriptor, stat.S_IMODE(modo))


def revisar_destino(ruta: Path, carpeta_datos: Path | None, *, libro_nuevo: bool = False) -> None:
    """Refuse (:class:`SalidaRechazada`) a symbolic link, anything but a regular file,
    anything inside ``carpeta_datos`` once links are resolved, and any workbook but an
    .xlsx export that is new or replaces one of the product's own unedited exports.
    ``libro_nuevo`` (a template's workbook) is written only where nothing exists yet."""
    ruta = Path(ruta)
    if os.path.islink(ruta):
        raise SalidaRechazada(
            f"«{ruta}» es un enlace simbólico; no se escribe, para no reemplazar el archivo "
            "al que apunta. Indique la ruta de un archivo común.")
    if carpeta_datos is not None and _dentro_de(_real(ruta), _real(carpeta_datos)):
        raise SalidaRechazada(
            f"«{ruta}» queda dentro de la carpeta de datos «{carpeta_datos}»; no se escribe "
            "ahí, para que nada toque los libros del comité. Elija un archivo fuera de esa "
            "carpeta.")
    try:
        modo = os.lstat(ruta).st_mode
    except FileNotFoundError:
        modo = None
    if libro_nuevo and modo is not None:
        raise SalidaRechazada(f"ya existe «{ruta}»; no se sobrescribe. Elija otra carpeta.")
    if modo is not None and not stat.S_ISREG(modo):
        raise SalidaRechazada(
            f"«{ruta}» es {clase_de_archivo(modo)}, no un archivo común; no se escribe. Indique la ruta "
            "de un archivo nuevo o de un archivo común.")
    if not libro_nuevo and ruta.suffix.lower() in EXTENSIONES_LIBRO:
        _revisar_libro(ruta, existe=modo is not None)


def _revisar_libro(ruta: Path, existe: bool) -> None:
    if ruta.suffix.lower() != ".xlsx" or _NOMBRE_DE_LIBRO.fullmatch(ruta.stem):
        raise SalidaRechazada(
            f"«{ruta.name}» es el nombre de un libro del comité; no se escribe (así nunca se "
            "sobrescribe un libro). Para abrir en Excel, elija otro nombre .xlsx, como "
            "actividades.xlsx.")
    if existe and not _exportacion_propia(ruta):
        raise SalidaRechazada(
            f"«{ruta}» ya existe y no es una exportación del tablero sin cambios; no se "
            "escribe, para no reemplazar un libro. Elija otro nombre o, si ya no lo necesita, "
            "bórrelo usted.")


def _exportacion_propia(ruta: Path) -> bool:
    """An .xlsx this product wrote and no one has saved since (see _bytes_reproducibles)."""
    try:
        with zipfile.ZipFile(ruta) as libro:
            entrada = libro.getinfo(_PROPIEDADES)
            propiedades = libro.read(entrada) if entrada.file_size < 4096 else b""
    except Exception:  # noqa: BLE001 - a file that cannot be read as ours is not ours
        return False
    return _MARCA.encode() in propiedades and b"modified" not in propiedades.lower()


def _real(ruta: Path) -> Path:
    """The absolute path with every link resolved (a link loop is left as it is: nothing
    can be written through it)."""
    return Path(os.path.realpath(ruta))


def _dentro_de(ruta: Path, carpeta: Path) -> bool:
    return ruta == carpeta or carpeta in ruta.parents

