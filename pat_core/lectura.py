"""Finding the workbooks of a data folder and reading their sheets as raw tables.

Reading is tolerant of how people lay out a sheet: the header row may sit
below title rows, headers match ignoring case, accents and spacing, extra
columns and blank rows are ignored and a merged cell counts for every row it
covers. Cell values come back untouched (text, number, date); making sense of
them is :mod:`pat_core.modelo`'s job.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import python_calamine

from . import vocabulario as v
from .celdas import es_vacia, llave_encabezado
from .problemas import AVISO, ERROR, Problema

FILA = "_fila"  # Excel row number of each data row, kept beside the columns
FILAS_BUSQUEDA_ENCABEZADO = 30
_PATRON_PAT = re.compile(rf"{v.PREFIJO_PAT}(\d{{4}}){re.escape(v.EXTENSION)}", re.IGNORECASE)


@dataclass(frozen=True)
class EspecHoja:
    """A sheet of the format: its name and the columns it must and may have."""

    nombre: str
    requeridas: tuple[str, ...]
    opcionales: tuple[str, ...] = ()

    @property
    def columnas(self) -> tuple[str, ...]:
        return self.requeridas + self.opcionales


@dataclass(frozen=True)
class Tabla:
    """The rows of one sheet under its canonical column names, plus ``_fila``."""

    libro: str
    hoja: str
    filas: pd.DataFrame


class LibroIlegible(Exception):
    """A workbook that could not be opened at all; carries the problem to show."""

    def __init__(self, problema: Problema):
        super().__init__(str(problema))
        self.problema = problema


def ruta_pat(datos: Path, anio: int) -> Path:
    return Path(datos) / f"{v.PREFIJO_PAT}{anio}{v.EXTENSION}"


def ruta_evidencias(datos: Path, anio: int) -> Path:
    return Path(datos) / f"{v.PREFIJO_EVIDENCIAS}{anio}{v.EXTENSION}"


def anios_disponibles(datos: Path) -> list[int]:
    """The years with a plan workbook in the folder, oldest first."""
    carpeta = Path(datos)
    if not carpeta.is_dir():
        return []
    return sorted(
        int(m.group(1))
        for nombre in os.listdir(carpeta)
        if (m := _PATRON_PAT.fullmatch(nombre))
    )


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


def leer_libro(ruta: Path, especs: list[EspecHoja]) -> tuple[dict[str, Tabla], list[Problema]]:
    """Read the sheets ``especs`` name from one workbook.

    Returns the tables found (by spec name) and the problems met; a sheet that
    is missing or lacks a required column is reported and left out.
    Raises :class:`LibroIlegible` when the file itself cannot be opened.
    """
    libro = _abrir(Path(ruta))
    tablas: dict[str, Tabla] = {}
    problemas: list[Problema] = []
    try:
        for espec in especs:
            tabla, encontrados = _leer_hoja(libro, Path(ruta).name, espec)
            problemas.extend(encontrados)
            if tabla is not None:
                tablas[espec.nombre] = tabla
    finally:
        libro.close()
    return tablas, problemas


def _abrir(ruta: Path) -> python_calamine.CalamineWorkbook:
    def ilegible(mensaje: str) -> LibroIlegible:
        return LibroIlegible(Problema(ERROR, ruta.name, None, None, None, None, mensaje))

    try:
        # calamine reports a missing or unreadable file as a bare OSError: open it
        # here first so that those two get their own message.
        with open(ruta, "rb"):
            pass
        return python_calamine.CalamineWorkbook.from_path(str(ruta))
    except FileNotFoundError:
        raise ilegible(f"No se encontró el archivo en {ruta.parent}.") from None
    except PermissionError:
        raise ilegible(
            "No se tiene permiso para leer el archivo. Si está abierto y bloqueado, "
            "ciérrelo o revise sus permisos, y vuelva a cargar."
        ) from None
    except Exception as error:  # calamine raises its own types for zip/xml faults
        raise ilegible(
            "El archivo no se pudo leer como libro de Excel (.xlsx); puede estar dañado "
            "o guardado a medias. Ábralo en Excel, guárdelo como .xlsx y vuelva a cargar. "
            f"Detalle técnico: {type(error).__name__}."
        ) from None


def _hoja(libro: python_calamine.CalamineWorkbook, nombre: str):
    """The sheet called ``nombre`` (ignoring case and accents), visible ones first."""
    buscada = llave_encabezado(nombre)
    candidatas = [h for h in libro.sheets_metadata if llave_encabezado(h.name) == buscada]
    candidatas.sort(key=lambda h: h.visible != python_calamine.SheetVisibleEnum.Visible)
    return libro.get_sheet_by_name(candidatas[0].name) if candidatas else None


def _leer_hoja(libro, nombre_libro: str, espec: EspecHoja) -> tuple[Tabla | None, list[Problema]]:
    hoja = _hoja(libro, espec.nombre)
    if hoja is None:
        return None, [
            Problema(ERROR, nombre_libro, espec.nombre, None, None, None,
                     f"Falta la hoja «{espec.nombre}».")
        ]
    celdas = [[None if es_vacia(c) else c for c in fila] for fila in hoja.to_python(skip_empty_area=False)]
    _rellenar_combinadas(celdas, hoja.merged_cell_ranges or [])
    fila_encabezado, posiciones, problemas = _encabezados(celdas, nombre_libro, hoja.name, espec)
    faltan = [c for c in espec.requeridas if c not in posiciones]
    for columna in faltan:
        problemas.append(Problema(
            ERROR, nombre_libro, hoja.name, fila_encabezado + 1 if fila_encabezado is not None else None,
            columna, None,
            f"Falta la columna requerida «{columna}» en la fila de encabezados.",
        ))
    if faltan:
        return None, problemas
    registros = []
    for indice in range(fila_encabezado + 1, len(celdas)):
        fila = celdas[indice]
        valores = {col: fila[pos] if pos < len(fila) else None for col, pos in posiciones.items()}
        if all(valor is None for valor in valores.values()):
            continue
        valores[FILA] = indice + 1
        registros.append(valores)
    columnas = [c for c in espec.columnas if c in posiciones] + [FILA]
    filas = pd.DataFrame(registros, columns=columnas, dtype=object)
    for opcional in espec.opcionales:
        if opcional not in filas:
            filas[opcional] = None
    return Tabla(nombre_libro, hoja.name, filas), problemas


def _rellenar_combinadas(celdas: list[list], rangos) -> None:
    """Give every cell of a merged range the value Excel shows in it."""
    for (fila0, col0), (fila1, col1) in rangos:
        if fila0 >= len(celdas) or col0 >= len(celdas[fila0]):
            continue
        valor = celdas[fila0][col0]
        for fila in range(fila0, min(fila1, len(celdas) - 1) + 1):
            for col in range(col0, min(col1, len(celdas[fila]) - 1) + 1):
                celdas[fila][col] = valor


def _encabezados(celdas, nombre_libro: str, nombre_hoja: str, espec: EspecHoja):
    """Find the header row: among the first rows, the one naming most known columns."""
    conocidas = {llave_encabezado(c): c for c in espec.columnas}
    mejor, mejor_posiciones, duplicadas = None, {}, []
    for indice, fila in enumerate(celdas[:FILAS_BUSQUEDA_ENCABEZADO]):
        posiciones, repetidas = {}, []
        for pos, celda in enumerate(fila):
            columna = conocidas.get(llave_encabezado(celda))
            if columna is None:
                continue
            if columna in posiciones:
                repetidas.append((columna, pos))
            else:
                posiciones[columna] = pos
        if len(posiciones) > len(mejor_posiciones):
            mejor, mejor_posiciones, duplicadas = indice, posiciones, repetidas
    problemas = [
        Problema(AVISO, nombre_libro, nombre_hoja, mejor + 1, columna, None,
                 f"La columna «{columna}» aparece dos veces; se usa la primera "
                 f"(la columna {_letra(posiciones_col)} se ignora).")
        for columna, posiciones_col in duplicadas
    ]
    if mejor is None:
        problemas.append(Problema(
            ERROR, nombre_libro, nombre_hoja, None, None, None,
            f"No se encontró la fila de encabezados en las primeras {FILAS_BUSQUEDA_ENCABEZADO} "
            f"filas; se esperaban columnas como: {', '.join(espec.requeridas)}.",
        ))
    return mejor, mejor_posiciones, problemas


def _letra(indice: int) -> str:
    """Column letter as Excel shows it: 0 -> A, 27 -> AB."""
    letras = ""
    indice += 1
    while indice:
        indice, resto = divmod(indice - 1, 26)
        letras = chr(65 + resto) + letras
    return letras
