"""The engine adapter: python-calamine opens a checked package and gives a sheet's cells.

Only this module knows calamine. It hands back what any engine could: the names of the
sheets (and whether each is visible), and a sheet's cells as rows of Python values with
their types kept (text, number, date, time, boolean; ``None`` or ``""`` when empty), a
rectangle from A1, with the merged ranges. Making sense of them is
:mod:`pat_core.lectura`'s and :mod:`pat_core.columnas`' job.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import python_calamine


class LibroDanado(Exception):
    """calamine could not read the package (``hoja`` is ``None``), or one of its sheets;
    ``detalle`` names the engine's error for the message."""

    def __init__(self, detalle: str, hoja: str | None = None):
        super().__init__(detalle)
        self.detalle, self.hoja = detalle, hoja


@dataclass(frozen=True)
class Hoja:
    nombre: str
    visible: bool


class LibroCalamine:
    """A workbook open in calamine, from its bytes. Use as a context manager."""

    def __init__(self, contenido: bytes):
        try:
            self._libro = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(contenido))
        except Exception as error:  # calamine raises its own types for zip and xml faults
            raise LibroDanado(type(error).__name__) from None

    def __enter__(self) -> LibroCalamine:
        return self

    def __exit__(self, *_) -> None:
        self._libro.close()

    @property
    def hojas(self) -> list[Hoja]:
        return [Hoja(h.name, h.visible == python_calamine.SheetVisibleEnum.Visible)
                for h in self._libro.sheets_metadata]

    def celdas(self, nombre: str) -> tuple[list[list], list]:
        """``(rows of cells, merged ranges ((row0, col0), (row1, col1)))`` of a sheet."""
        try:
            hoja = self._libro.get_sheet_by_name(nombre)
            return hoja.to_python(skip_empty_area=False), hoja.merged_cell_ranges or []
        except python_calamine.CalamineError as error:
            raise LibroDanado(type(error).__name__, nombre) from None
