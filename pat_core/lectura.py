"""Finding the workbooks of a data folder and reading their sheets as raw tables.

The file is read safely (:func:`leer_crudo`), checked by :mod:`pat_core.hojas_xml`, and
opened by the engine adapter (:mod:`pat_core.motor_calamine`); here its header row is found
and its cells become the raw columns of :mod:`pat_core.contrato`.

Reading is tolerant of how people lay out a sheet: the header row may sit below title
rows, headers match ignoring case, accents and spacing, extra columns and blank rows are
ignored and a merged cell counts for every row it covers. Cell values come back untouched
(text, number, date); making sense of them is :mod:`pat_core.columnas`' job.
"""

from __future__ import annotations

import errno
import functools
import io
import os
import re
import stat
import time
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import hojas_xml
from . import vocabulario as v
from .celdas import llave_encabezado, visible
from .contrato import EspecHoja
from .hojas_xml import Revision, letra_columna
from .motor_calamine import LibroCalamine, LibroDanado
from .problemas import AVISO, ERROR, Problema
from .reglas import Umbrales
from .sistema import clase_de_archivo, motivo, nombre_visible

INTENTOS = 3
ESPERA_ENTRE_INTENTOS = 0.3  # seconds; Excel takes a moment to finish a save
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
FILAS_BUSQUEDA_ENCABEZADO = 30
_PATRON_PAT = re.compile(rf"{v.PREFIJO_PAT}(\d{{4}}){re.escape(v.EXTENSION)}", re.IGNORECASE)


@dataclass(frozen=True)
class HojaCruda:
    """One sheet's rows as columns of raw cells, without pandas.

    ``columnas`` has every column of the spec (an optional one the sheet lacks is
    all ``None``); an empty cell is ``None``; ``filas`` are Excel's row numbers.
    Reading many small workbooks, building a DataFrame per sheet would cost more
    than parsing the sheet: the model works on these lists and types them once.
    """

    libro: str
    hoja: str
    columnas: dict[str, list]
    filas: list[int]


class LibroIlegible(Exception):
    """A workbook that could not be opened at all; carries the problem to show."""

    def __init__(self, problema: Problema):
        super().__init__(str(problema))
        self.problema = problema


class CarpetaIlegible(Exception):
    """A folder that exists but cannot be listed (no permission, a symbolic link loop…).

    ``motivo`` says why and what to do, in Spanish; the message (lower case first:
    the CLI puts «error: » before it) names the folder too.
    """

    def __init__(self, carpeta: Path, motivo: str):
        super().__init__(f"no se puede abrir la carpeta «{nombre_visible(carpeta)}»: {motivo}.")
        self.motivo = motivo


@dataclass(frozen=True)
class Libro:
    """One workbook of a year, as the folder names it.

    ``ruta`` is the file whose name matches ignoring case (``PAT_2020.XLSX`` is the
    plan of 2020), or the name the format gives when there is none. ``repetido``:
    the error when several names differ only in case, and so none is read.
    """

    ruta: Path
    repetido: Problema | None = None


@dataclass(frozen=True)
class LibrosDelAnio:
    """The plan and register of a year, and what the folder holds beside them that is
    not read (files of the year in another format). One listing of the folder gives it all."""

    plan: Libro
    registro: Libro
    otros_formatos: tuple[Problema, ...] = ()

    @property
    def rutas(self) -> list[Path]:
        return [self.plan.ruta, self.registro.ruta]


NOMBRE_NO_UTF8 = ("su nombre tiene caracteres que no son texto válido (UTF-8), quizá porque se "
                  "copió de otro equipo; cámbiele el nombre (vuelva a escribir los acentos)")


def nombres_en(carpeta: Path) -> list[str]:
    """The names in ``carpeta``; none when there is no such folder.

    Raises :class:`CarpetaIlegible` when it is there but cannot be listed.
    """
    try:
        return os.listdir(carpeta)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise CarpetaIlegible(carpeta, motivo_carpeta(error)) from None


def motivo_carpeta(error: OSError) -> str:
    """Why the system refused to open a folder (:func:`pat_core.sistema.motivo`), and what
    to do, in Spanish."""
    if isinstance(error, PermissionError):
        que_hacer = "pida permiso de lectura a quien administra el equipo"
    elif error.errno == errno.ELOOP:
        que_hacer = "corrija el enlace para que lleve a la carpeta real"
    else:
        que_hacer = ("revise que esté disponible (una unidad de red conectada, por ejemplo) y "
                     "vuelva a intentar")
    return f"{motivo(error)}; {que_hacer}"


def ruta_pat(datos: Path, anio: int) -> Path:
    """The plan workbook of ``anio`` as the folder names it (see :func:`libros_del_anio`)."""
    return libros_del_anio(datos, anio).plan.ruta


def ruta_evidencias(datos: Path, anio: int) -> Path:
    """The evidence workbook of ``anio`` as the folder names it (see :func:`libros_del_anio`)."""
    return libros_del_anio(datos, anio).registro.ruta


def anios_disponibles(datos: Path) -> list[int]:
    """The years with a plan workbook in the folder (name in any case), oldest first.

    Raises :class:`CarpetaIlegible` when the folder cannot be listed.
    """
    return sorted({
        int(m.group(1))
        for nombre in nombres_en(datos)
        if (m := _PATRON_PAT.fullmatch(nombre))
    })


def sin_plan(datos: Path) -> str:
    """What a folder without any plan holds instead, and what to do: the sentence that follows
    «no se encontró ningún libro pat_AAAA.xlsx» on the screen and the command line.
    Raises :class:`CarpetaIlegible` when the folder cannot be listed."""
    if not os.path.isdir(datos):
        return "Esa carpeta no existe."
    libros = sorted(n for n in nombres_en(datos)
                    if n.lower().endswith((v.EXTENSION, *_OTROS_FORMATOS)) and not n.startswith("~$"))
    ejemplo = f"«{v.PREFIJO_PAT}{date.today().year}{v.EXTENSION}»"
    if not libros:
        return f"La carpeta no tiene ningún libro de Excel: el plan se llama, por ejemplo, {ejemplo}."
    nombrados = ", ".join(f"«{n}»" for n in libros[:_LIBROS_NOMBRADOS])
    otros = len(libros) - _LIBROS_NOMBRADOS
    return (f"En la carpeta hay: {nombrados}{f' y {otros} más' if otros > 0 else ''}. Si uno de "
            f"ellos es el plan, guárdelo como libro de Excel (.xlsx) con el nombre del año que "
            f"planea, por ejemplo {ejemplo}.")


_LIBROS_NOMBRADOS = 6


def libros_del_anio(datos: Path, anio: int) -> LibrosDelAnio:
    """The workbooks of ``anio`` in the folder ``datos``: every reader finds them here.

    Names match ignoring case, as :func:`anios_disponibles` lists them; two names
    that differ only in case are an error naming both, and neither is read.
    Raises :class:`CarpetaIlegible` when the folder cannot be listed.
    """
    nombres = nombres_en(datos)
    plan = _libro(datos, nombres, f"{v.PREFIJO_PAT}{anio}{v.EXTENSION}")
    registro = _libro(datos, nombres, f"{v.PREFIJO_EVIDENCIAS}{anio}{v.EXTENSION}")
    return LibrosDelAnio(plan, registro, tuple(_otros_formatos(nombres, anio)))


def _libro(datos: Path, nombres: list[str], nombre: str) -> Libro:
    buscado = nombre.casefold()
    iguales = sorted(n for n in nombres if n.casefold() == buscado)
    if len(iguales) < 2:
        return Libro(Path(datos) / (iguales[0] if iguales else nombre))
    citados = ", ".join(f"«{n}»" for n in iguales[:-1]) + f" y «{iguales[-1]}»"
    return Libro(Path(datos) / iguales[0], Problema(
        ERROR, nombre, None, None, None, None,
        f"Hay {len(iguales)} libros cuyo nombre solo cambia en mayúsculas y minúsculas: "
        f"{citados}. No se sabe cuál es el bueno, así que no se lee ninguno: deje solo uno "
        "(borre o cambie de nombre los demás) y vuelva a cargar."))


_OTROS_FORMATOS = (".xls", ".xlsm", ".xlsb", ".ods", ".csv")
_PATRON_LIBRO = re.compile(rf"({v.PREFIJO_PAT}|{v.PREFIJO_EVIDENCIAS})(\d{{4}})", re.IGNORECASE)


def _otros_formatos(nombres: list[str], anio: int) -> list[Problema]:
    """Plan or evidence files of ``anio`` saved in a format the dashboard does not read.

    Without the .xlsx of the same name (the committee saved in the wrong format) it
    is an error that says how to save it; beside it (an export kept in the folder)
    only a warning: the .xlsx is read. Excel's own lock files (``~$pat_2020.xlsx``,
    present while a workbook is open) are not the committee's and are passed over
    in silence, as is every other file.
    """
    problemas = []
    libros = {n.casefold(): n for n in nombres if n.lower().endswith(v.EXTENSION)}
    for nombre in sorted(nombres):
        if not nombre.lower().endswith(_OTROS_FORMATOS):
            continue
        base, extension = os.path.splitext(nombre)
        m = _PATRON_LIBRO.fullmatch(base)
        if not m or int(m.group(2)) != anio:
            continue
        libro = f"{base}{v.EXTENSION}"
        if libro.casefold() in libros:
            problemas.append(Problema(
                AVISO, nombre, None, None, None, None,
                f"El tablero lee solo libros .xlsx: este archivo {extension.lower()} se ignora y "
                f"se lee {libros[libro.casefold()]}. Si es una exportación, puede guardarla en "
                "otra carpeta."))
            continue
        problemas.append(Problema(
            ERROR, nombre, None, None, None, None,
            f"El tablero lee solo libros .xlsx y este archivo es {extension.lower()}: se ignora. "
            f"Ábralo y guárdelo como «Libro de Excel (.xlsx)» con el nombre {libro}.",
        ))
    return problemas


def firma(rutas: list[Path]) -> tuple:
    """What identifies the content of some files without reading them.

    Path, modification time and size: a cache keyed on it sees every save.
    """
    partes = []
    for ruta in rutas:
        try:
            estado = os.stat(ruta)
            partes.append((str(ruta), estado.st_mtime_ns, estado.st_size))
        except OSError:
            partes.append((str(ruta), None, None))
    return tuple(partes)


def leer_crudo(ruta: Path, especs: list[EspecHoja],
               umbrales: Umbrales = Umbrales()) -> tuple[dict[str, HojaCruda], list[Problema]]:
    """Read the sheets ``especs`` name from one workbook.

    Returns the sheets found (by spec name) and the problems met; a sheet that
    is missing or lacks a required column is reported and left out.
    Raises :class:`LibroIlegible` when the file itself cannot be read.

    The file is read once into memory and parsed from there, so a save that
    happens meanwhile cannot mix two versions. A read that fails in a way a
    save in progress explains (truncated, locked, vanished) is tried again
    briefly before it is declared failed.
    """
    ruta = Path(ruta)
    intento = 1
    while True:
        try:
            return _leer_hojas(_contenido(ruta, umbrales, especs), ruta.name, especs)
        except _Transitorio as fallo:
            if intento == INTENTOS:
                raise LibroIlegible(fallo.problema) from None
        intento += 1
        time.sleep(ESPERA_ENTRE_INTENTOS)


class _Transitorio(Exception):
    """A failure that a save in progress explains: worth another try."""

    def __init__(self, problema: Problema):
        super().__init__(problema.mensaje)
        self.problema = problema


def _problema(ruta: Path, mensaje: str) -> Problema:
    return Problema(ERROR, ruta.name, None, None, None, None, mensaje)


def _contenido(ruta: Path, umbrales: Umbrales, especs) -> Revision:
    """The workbook's bytes, once they look like a whole .xlsx within the limits, and what
    its sheets hold that calamine would not say (see :mod:`pat_core.hojas_xml`)."""
    limite = int(umbrales.tamano_maximo_mb * 1e6)
    try:
        contenido = _bytes_del_archivo(ruta, limite)
    except FileNotFoundError:
        raise _Transitorio(_problema(ruta, (
            f"No se encontró el archivo en {ruta.parent}. Si se está guardando o se cambió "
            "de nombre, espere a que termine y vuelva a cargar."))) from None
    except PermissionError:
        raise _Transitorio(_problema(ruta, (
            "No se tiene permiso para leer el archivo. Si está abierto y bloqueado por otro "
            "programa, ciérrelo o revise sus permisos, y vuelva a cargar."))) from None
    except _Grande as error:
        pesa = f"pesa {error.tamano / 1e6:.1f} MB," if error.tamano else "pesa"
        raise LibroIlegible(_problema(ruta, (
            f"El archivo {pesa} más que el límite de {umbrales.tamano_maximo_mb:g} MB; no se "
            "lee. Si es el libro correcto, suba el límite «tamano_maximo_mb» en tablero.toml."
        ))) from None
    except OSError as error:
        raise LibroIlegible(_problema(ruta, _sin_abrir(error))) from None
    paquete = _revisar_formato(ruta, contenido, umbrales)
    buscadas = {_llave(espec.nombre) for espec in especs}
    try:
        return hojas_xml.revisar(paquete, contenido, ruta.name, umbrales,
                                 lambda nombre: _llave(nombre) in buscadas)
    except hojas_xml.PaqueteDanado as error:
        raise LibroIlegible(_problema(ruta, (
            "El archivo no se pudo leer como libro de Excel (.xlsx); está dañado. Ábralo en "
            f"Excel, guárdelo como .xlsx y vuelva a cargar. Detalle técnico: {error.detalle}."
        ))) from None


def _bytes_del_archivo(ruta: Path, limite: int) -> bytes:
    """At most ``limite + 1`` bytes of a regular file, never waiting on anything else.

    The file is opened without blocking (a named pipe would wait for a writer) and then
    asked what it is, so what is read is what was checked: a pipe, a device (/dev/zero
    behind a link reads forever), a socket or a folder is refused before any byte is read.
    """
    descriptor = os.open(ruta, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        estado = os.fstat(descriptor)
        if not stat.S_ISREG(estado.st_mode):
            raise _NoEsArchivo(estado.st_mode)
        if estado.st_size > limite:  # said before reading, when the file says it
            raise _Grande(estado.st_size)
        partes, leidos, pedido = [], 0, estado.st_size + 1  # the size said, and one more
        while leidos <= limite:  # one read when the size is true; more if it grew or lied
            parte = os.read(descriptor, min(limite + 1 - leidos, pedido))
            pedido = 1 << 16
            if not parte:
                break
            partes.append(parte)
            leidos += len(parte)
    finally:
        os.close(descriptor)
    if leidos > limite:
        raise _Grande(None)
    return b"".join(partes) if len(partes) != 1 else partes[0]


class _Grande(Exception):
    """Larger than the limit: by the size the file says (``tamano``), or by what was read."""

    def __init__(self, tamano: int | None):
        super().__init__(tamano)
        self.tamano = tamano


class _NoEsArchivo(OSError):
    """The name is there but is not a regular file: a folder, a pipe, a device, a socket."""

    def __init__(self, modo: int):
        super().__init__(modo)
        self.modo = modo


def _sin_abrir(error: OSError) -> str:
    """What to tell of a workbook name that cannot be opened as a file."""
    if isinstance(error, (_NoEsArchivo, IsADirectoryError)):
        clase = clase_de_archivo(error.modo if isinstance(error, _NoEsArchivo) else stat.S_IFDIR)
        return (f"Es {clase}, no un archivo común; no se lee. Ponga en su lugar el libro de "
                "Excel (.xlsx) del comité.")
    return (f"No se pudo abrir el archivo: {motivo(error)}; no se lee. Revise que sea un libro "
            "de Excel accesible y vuelva a cargar.")


def _revisar_formato(ruta: Path, contenido: bytes, umbrales: Umbrales) -> zipfile.ZipFile:
    """The package, once the bytes look like a whole .xlsx within the limits."""
    if not contenido:
        raise _Transitorio(_problema(ruta, (
            "El archivo está vacío (0 bytes); quizá se está guardando. Espere a que Excel "
            "termine de guardarlo y vuelva a cargar.")))
    if contenido.startswith(_OLE):
        raise LibroIlegible(_problema(ruta, (
            "El archivo es un libro de Excel 97-2003 (.xls) o está protegido con contraseña. "
            "Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)», sin contraseña.")))
    if not contenido.startswith(_ZIP):
        raise LibroIlegible(_problema(ruta, (
            "El archivo no es un libro de Excel aunque su nombre termine en .xlsx"
            + (" (parece texto, quizá un CSV)" if _parece_texto(contenido) else "")
            + ". Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)».")))
    try:
        paquete = zipfile.ZipFile(io.BytesIO(contenido))
        nombres = set(paquete.namelist())
        descomprimido = sum(info.file_size for info in paquete.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _Transitorio(_problema(ruta, (
            "El archivo está incompleto o dañado; puede haberse guardado a medias. Espere a "
            "que Excel termine de guardarlo, o ábralo y guárdelo de nuevo, y vuelva a cargar."
        ))) from None
    if descomprimido > umbrales.descomprimido_maximo_mb * 1e6:
        raise LibroIlegible(_problema(ruta, (
            f"Su contenido ocuparía {descomprimido / 1e6:.0f} MB al abrirse, más que el límite "
            f"de {umbrales.descomprimido_maximo_mb:g} MB; no se lee, por seguridad.")))
    if "xl/workbook.xml" not in nombres:
        ods = "mimetype" in nombres and "content.xml" in nombres
        raise LibroIlegible(_problema(ruta, (
            "El archivo es una hoja de cálculo de LibreOffice (.ods) con nombre .xlsx"
            if ods else "El archivo es un .zip pero no un libro de Excel"
        ) + ". Ábralo y guárdelo como «Libro de Excel (.xlsx)»."))
    return paquete


def _parece_texto(contenido: bytes) -> bool:
    try:
        contenido[:2048].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _leer_hojas(revision: Revision, nombre: str, especs) -> tuple[dict[str, HojaCruda], list[Problema]]:
    tablas: dict[str, HojaCruda] = {}
    problemas: list[Problema] = []
    try:
        with LibroCalamine(revision.contenido) as libro:
            for espec in especs:
                tabla, encontrados = _leer_hoja(libro, nombre, espec, revision)
                problemas.extend(encontrados)
                if tabla is not None:
                    tablas[espec.nombre] = tabla
    except LibroDanado as error:
        if error.hoja is not None:
            raise _Transitorio(Problema(ERROR, nombre, error.hoja, None, None, None, (
                "Una hoja del archivo no se pudo leer; puede estar dañada. Ábralo en Excel, "
                f"guárdelo de nuevo y vuelva a cargar. Detalle técnico: {error.detalle}."
            ))) from None
        raise _Transitorio(Problema(ERROR, nombre, None, None, None, None, (
            "El archivo no se pudo leer como libro de Excel (.xlsx); puede estar dañado o "
            "guardado a medias. Ábralo en Excel, guárdelo como .xlsx y vuelva a cargar. "
            f"Detalle técnico: {error.detalle}."))) from None
    return tablas, problemas


def _hoja(libro: LibroCalamine, nombre_libro: str, nombre: str) -> tuple[str | None, list[Problema]]:
    """The sheet called ``nombre``: so spelled, or else ignoring case, accents and
    punctuation (visible ones first). Another visible sheet that could be it is worth a
    warning; a hidden one is taken as kept out of the way on purpose."""
    buscada = _llave(nombre)
    candidatas = [h for h in libro.hojas if _llave(h.nombre) == buscada]
    if not candidatas:
        return None, []
    candidatas.sort(key=lambda h: (h.nombre != nombre, not h.visible))
    elegida = candidatas[0].nombre
    if not any(h.visible for h in candidatas[1:]):
        return elegida, []
    nombres = ", ".join(f"«{visible(h.nombre)}»" for h in candidatas)
    return elegida, [Problema(
        AVISO, nombre_libro, elegida, None, None, None,
        f"Hay {len(candidatas)} hojas que se leen como «{nombre}»: {nombres}; se lee "
        f"«{visible(elegida)}» y las demás se ignoran. Borre o cambie de nombre la que no sea.")]


@functools.lru_cache(maxsize=1 << 16)
def _llave(texto: str) -> str:
    """:func:`llave_encabezado` of a text, remembered: the same headers and titles come
    back in every workbook of every committee."""
    return llave_encabezado(texto)


def _limpia(celda):
    """A cell as the model sees it: ``None`` when it is empty (as :func:`es_vacia` says)."""
    if celda.__class__ is str:
        return None if not celda or celda.isspace() else celda
    if celda is None or (celda.__class__ is float and celda != celda):
        return None
    return celda


def _columna_limpia(valores) -> list:
    """:func:`_limpia` over a column. A column repeats its values (and calamine gives every
    empty cell as ``""``): each distinct value is looked at once, and the column is mapped
    at C speed, each empty one (a blank text, a NaN) to ``None`` and the rest to itself."""
    vacias = dict.fromkeys([c for c in set(valores) if ((not c or c.isspace()) if c.__class__ is str
                                                         else c is None or c != c)])
    return list(map(vacias.get, valores, valores)) if vacias else list(valores)


def _leer_hoja(libro: LibroCalamine, nombre_libro: str, espec: EspecHoja,
               revision: Revision) -> tuple[HojaCruda | None, list[Problema]]:
    hoja, problemas = _hoja(libro, nombre_libro, espec.nombre)
    if hoja is None and espec.hoja_opcional:
        return None, []
    if hoja is None:
        return None, [
            Problema(ERROR, nombre_libro, espec.nombre, None, None, None,
                     f"Falta la hoja «{espec.nombre}».", hoja_sin_leer=True)
        ]
    problemas += revision.problemas.get(hoja, [])
    celdas, combinadas = libro.celdas(hoja)  # each cell's type kept: text, number, date…
    _marcar(celdas, revision.marcas.get(hoja))
    _rellenar_combinadas(celdas, combinadas)
    fila_encabezado, posiciones, encontrados = _encabezados(celdas, nombre_libro, hoja, espec)
    problemas += encontrados
    faltan = [c for c in espec.requeridas if c not in posiciones]
    for columna in faltan:
        problemas.append(Problema(
            ERROR, nombre_libro, hoja, fila_encabezado + 1 if fila_encabezado is not None else None,
            columna, None,
            f"Falta la columna requerida «{columna}» en la fila de encabezados.",
            hoja_sin_leer=True,
        ))
    if faltan:
        return None, problemas
    nombres = list(posiciones)
    datos = celdas[fila_encabezado + 1:]
    anchos = set(map(len, datos))
    ancho = max(anchos, default=0)
    if len(anchos) > 1:  # calamine gives a rectangle; just in case
        datos = [fila + [None] * (ancho - len(fila)) for fila in datos]
    por_columna = list(zip(*datos)) if datos else []
    listas = [_columna_limpia(por_columna[posiciones[c]]) if posiciones[c] < ancho
              else [None] * len(datos) for c in nombres]
    conservar = _filas_con_algo(listas, len(datos))
    if conservar is None:
        filas = list(range(fila_encabezado + 2, fila_encabezado + 2 + len(datos)))
    else:
        listas = [[lista[i] for i in conservar] for lista in listas]
        filas = [fila_encabezado + 2 + i for i in conservar]
    columnas = dict(zip(nombres, listas))
    ordenadas = {c: columnas[c] if c in columnas else [None] * len(filas) for c in espec.columnas}
    return HojaCruda(nombre_libro, hoja, ordenadas, filas), problemas


def _marcar(celdas: list[list], marcas: dict | None) -> None:
    """Put in its place each cell calamine gave as empty but holds an error or a formula
    without value (a :class:`pat_core.celdas.CeldaSinDato`)."""
    for (fila, columna), marca in (marcas or {}).items():
        while len(celdas) <= fila:
            celdas.append([])
        if len(celdas[fila]) <= columna:
            celdas[fila].extend([None] * (columna + 1 - len(celdas[fila])))
        celdas[fila][columna] = marca


def _filas_con_algo(columnas: list[list], filas: int) -> list[int] | None:
    """Positions of the rows with at least one non-empty cell (blank rows are skipped);
    ``None`` when that is every row.

    A column without an empty cell (a key column, most often) answers at once; else ``any``
    answers for most rows at C speed, and only a row whose cells are all empty or falsy
    (0, False) is looked at cell by cell."""
    if not columnas:
        return [] if filas else None
    if any(None not in columna for columna in columnas):
        return None
    dudosas = [i for i, algo in enumerate(map(any, zip(*columnas))) if not algo]
    if not dudosas:
        return None
    vacias = {i for i in dudosas if all(columna[i] is None for columna in columnas)}
    return [i for i in range(filas) if i not in vacias]


def _rellenar_combinadas(celdas: list[list], rangos) -> None:
    """Give every cell of a merged range the value Excel shows in it."""
    for (fila0, col0), (fila1, col1) in rangos:
        if fila0 >= len(celdas) or col0 >= len(celdas[fila0]):
            continue
        valor = _limpia(celdas[fila0][col0])
        for fila in range(fila0, min(fila1, len(celdas) - 1) + 1):
            for col in range(col0, min(col1, len(celdas[fila]) - 1) + 1):
                celdas[fila][col] = valor


@functools.lru_cache(maxsize=64)
def _conocidas(espec: EspecHoja) -> dict[str, str]:
    return {llave_encabezado(c): c for c in espec.columnas}


def _encabezados(celdas, nombre_libro: str, nombre_hoja: str, espec: EspecHoja):
    """Find the header row: among the first rows, the one naming most known columns.

    When that row lacks a required column, two rows read as one may name it: a group
    title merged over sub-headers («Fecha» over «Inicio | Fin», as in the signed PAT)
    gives «Fecha inicio» and «Fecha fin»; the data then starts below the second row."""
    conocidas = _conocidas(espec)
    mejor, mejor_posiciones, duplicadas = _mejor_fila(celdas[:FILAS_BUSQUEDA_ENCABEZADO], conocidas)
    if mejor is not None and not all(c in mejor_posiciones for c in espec.requeridas):
        dobles = [_dos_filas(arriba, abajo) for arriba, abajo in
                  zip(celdas[:FILAS_BUSQUEDA_ENCABEZADO], celdas[1:FILAS_BUSQUEDA_ENCABEZADO + 1])]
        doble, posiciones, repetidas = _mejor_fila(dobles, conocidas)
        if len(posiciones) > len(mejor_posiciones):
            mejor, mejor_posiciones, duplicadas = doble + 1, posiciones, repetidas
    problemas = [
        Problema(AVISO, nombre_libro, nombre_hoja, mejor + 1, columna, None,
                 f"La columna «{columna}» aparece dos veces; se usa la primera "
                 f"(la columna {letra_columna(posiciones_col)} se ignora).")
        for columna, posiciones_col in duplicadas
    ]
    if mejor is None:
        problemas.append(Problema(
            ERROR, nombre_libro, nombre_hoja, None, None, None,
            f"No se encontró la fila de encabezados en las primeras {FILAS_BUSQUEDA_ENCABEZADO} "
            f"filas; se esperaban columnas como: {', '.join(espec.requeridas)}.", hoja_sin_leer=True,
        ))
    return mejor, mejor_posiciones, problemas


def _mejor_fila(filas, conocidas: dict[str, str]):
    """``(index, {column: position}, repeated)`` of the row naming most known columns."""
    mejor, mejor_posiciones, duplicadas = None, {}, []
    for indice, fila in enumerate(filas):
        posiciones, repetidas = {}, []
        for pos, celda in enumerate(fila):
            # Only text can name a column: numbers, dates and booleans never match one.
            if celda.__class__ is not str:
                continue
            columna = conocidas.get(_llave(celda))
            if columna is None:
                continue
            if columna in posiciones:
                repetidas.append((columna, pos))
            else:
                posiciones[columna] = pos
        if len(posiciones) > len(mejor_posiciones):
            mejor, mejor_posiciones, duplicadas = indice, posiciones, repetidas
            if len(posiciones) == len(conocidas):
                break  # every column named: no later row can name more
    return mejor, mejor_posiciones, duplicadas


def _dos_filas(arriba: list, abajo: list) -> list:
    """Two header rows read as one: «Fecha» over «Inicio» is «Fecha Inicio»; a title merged
    down both rows, or text in only one of them, counts once."""
    unidas = []
    for pos in range(max(len(arriba), len(abajo))):
        titulo = arriba[pos] if pos < len(arriba) and arriba[pos].__class__ is str else None
        sub = abajo[pos] if pos < len(abajo) and abajo[pos].__class__ is str else None
        if titulo and sub and _llave(titulo) != _llave(sub):
            unidas.append(f"{titulo} {sub}")
        else:
            unidas.append(titulo or sub)
    return unidas
