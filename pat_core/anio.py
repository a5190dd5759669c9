"""The assembled year: a committee's plan and register of one year, validated, with what was
found wrong — as typed columns (:class:`AnioLeido`) or as DataFrames (:class:`DatosAnio`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import vocabulario as v
from .contrato import (COLUMNAS, HOJAS_EVIDENCIAS, HOJAS_PAT, TEXTO, Columnas, columnas_vacias,
                       texto_plano, tipo_columna)
from .lectura import Libro, LibroIlegible, LibrosDelAnio, leer_crudo, libros_del_anio
from .problemas import AVISO, Problema
from .reglas import Umbrales
from .validacion import PlanLeido, RegistroLeido, combinar, leer_plan, leer_registro

if TYPE_CHECKING:  # pandas is imported where a DataFrame is made: the roll-up of the
    import pandas as pd  # command line (typed columns, pat_core.al_corte) never loads it


@dataclass
class DatosAnio:
    """The plan and register of one year, validated, with what was found wrong."""

    anio: int
    indicadores: pd.DataFrame
    actividades: pd.DataFrame
    evidencias: pd.DataFrame
    mediciones: pd.DataFrame
    problemas: list[Problema] = field(default_factory=list)
    archivos: list[Path] = field(default_factory=list)
    ilegibles: list[Problema] = field(default_factory=list)  # workbooks that could not be read
    hitos: pd.DataFrame = field(default_factory=lambda: vacia(v.HOJA_HITOS))
    sesiones: pd.DataFrame = field(default_factory=lambda: vacia(v.HOJA_SESIONES))
    inhabiles: pd.DataFrame = field(default_factory=lambda: vacia(v.HOJA_INHABILES))

    @property
    def carpeta(self) -> Path:
        """The folder its workbooks were read from (the committee's, for its name)."""
        return Path(self.archivos[0]).parent if self.archivos else Path(".")

    @property
    def inicio_anio(self) -> pd.Timestamp:
        import pandas as pd

        return pd.Timestamp(self.anio, 1, 1)

    @property
    def fin_anio(self) -> pd.Timestamp:
        import pandas as pd

        return pd.Timestamp(self.anio, 12, 31)

    def cerrado(self, corte: pd.Timestamp) -> bool:
        """Whether the year is over at ``corte``: its figures are final, nothing is projected."""
        return corte >= self.fin_anio


@dataclass
class AnioLeido:
    """One year of one committee, validated, as typed columns per sheet (valid rows only; see
    :func:`pat_core.contrato.tipo_columna`). Joining many of these is cheap (see
    :mod:`pat_core.comites`); :meth:`datos` gives the DataFrames of one.
    """

    anio: int
    hojas: dict[str, Columnas]
    problemas: list[Problema]
    archivos: list[Path]
    ilegibles: list[Problema]

    def datos(self) -> DatosAnio:
        marcos = {hoja: marco(hoja, columnas) for hoja, columnas in self.hojas.items()}
        return DatosAnio(
            self.anio, marcos[v.HOJA_INDICADORES], marcos[v.HOJA_ACTIVIDADES],
            marcos[v.HOJA_EVIDENCIAS], marcos[v.HOJA_MEDICIONES], list(self.problemas),
            list(self.archivos), list(self.ilegibles), hitos=marcos[v.HOJA_HITOS],
            sesiones=marcos[v.HOJA_SESIONES], inhabiles=marcos[v.HOJA_INHABILES],
        )


def marco(hoja: str, columnas: Columnas) -> pd.DataFrame:
    """The DataFrame of a sheet from typed columns: text as ``str``, the rest as typed."""
    import pandas as pd

    datos = {columna: para_marco(columna, columnas[columna]) for columna in COLUMNAS[hoja]}
    return pd.DataFrame(datos, columns=list(COLUMNAS[hoja]))


def para_marco(columna: str, tipada):
    """A typed column as a DataFrame holds it: text as ``str`` (without its dictionary)."""
    import pandas as pd

    return pd.array(texto_plano(tipada), dtype="str") if tipo_columna(columna) == TEXTO else tipada


def vacia(hoja: str) -> pd.DataFrame:
    return marco(hoja, columnas_vacias(hoja))


def cargar(datos: Path, anio: int, umbrales: Umbrales = Umbrales(), lector=None) -> DatosAnio:
    """Read and validate the two workbooks of ``anio`` in the folder ``datos``.

    Never raises for what is in the files: unreadable workbooks, missing sheets
    and bad cells are all in ``problemas``, and what could be read is returned.
    ``lector`` reads one workbook (:func:`leer_validado` by default);
    :class:`pat_core.cache.CacheLecturas` passes its own, which reads a file only
    when it changed.
    """
    return leer_anio(datos, anio, umbrales, lector).datos()


def leer_anio(datos: Path, anio: int, umbrales: Umbrales = Umbrales(), lector=None,
              libros: LibrosDelAnio | None = None, registro_leido_antes: bool = False) -> AnioLeido:
    """:func:`cargar` without the DataFrames: typed columns, ready to be joined with
    those of other committees (see :mod:`pat_core.comites`).

    ``lector(ruta, especs, umbrales, anio)`` returns a workbook already validated
    on its own (:func:`leer_validado`); the default reads the file.
    ``libros``: what :func:`pat_core.lectura.libros_del_anio` says, when the caller
    has just asked it. ``registro_leido_antes``: the register was there at an earlier
    read, so missing now it is a failed read (a save in progress), not a year without one.
    """
    lector = lector or leer_validado
    libros = libros_del_anio(datos, anio) if libros is None else libros
    problemas: list[Problema] = list(libros.otros_formatos)
    ilegibles: list[Problema] = []
    plan = _leer(libros.plan, HOJAS_PAT, umbrales, problemas, ilegibles, True, lector, anio)
    registro = _leer(libros.registro, HOJAS_EVIDENCIAS, umbrales, problemas, ilegibles,
                     registro_leido_antes, lector, anio)
    hojas, problemas = combinar(plan or leer_plan({}, anio), registro or leer_registro({}, anio),
                                problemas, bool(ilegibles), libros.rutas)
    return AnioLeido(anio, hojas, problemas, list(libros.rutas), ilegibles)


def leer_validado(ruta: Path, especs, umbrales: Umbrales, anio: int
                  ) -> tuple[PlanLeido | RegistroLeido, list[Problema]]:
    """Read one workbook and validate what depends on it alone: the plan whole, the
    register cell by cell (its keys are checked against the plan in
    :func:`pat_core.validacion.combinar`). Returns ``(what was read, problems of reading)``."""
    hojas, problemas = leer_crudo(ruta, especs, umbrales)
    return (leer_plan if especs is HOJAS_PAT else leer_registro)(hojas, anio), problemas


def _leer(libro: Libro, especs, umbrales: Umbrales, problemas: list[Problema],
          ilegibles: list[Problema], requerido: bool, lector, anio: int):
    if libro.repetido is not None:
        problemas.append(libro.repetido)
        ilegibles.append(libro.repetido)
        return None
    ruta = libro.ruta
    if not requerido and not os.path.lexists(ruta):  # a broken or looping link is a failed read
        problemas.append(Problema(
            AVISO, ruta.name, None, None, None, None,
            "No hay registro de evidencias para este año: ninguna actividad tiene avance "
            "ni los indicadores medición. Cree el libro con «python -m pat_core plantilla».",
        ))
        return None
    try:
        leido, encontrados = lector(ruta, especs, umbrales, anio)
    except LibroIlegible as error:
        problemas.append(error.problema)
        ilegibles.append(error.problema)
        return None
    problemas.extend(encontrados)
    return leido


def fecha_corte_predeterminada(anio: int, hoy: date | None = None) -> datetime:
    """Today, clipped into the programme's year (a day, at midnight)."""
    hoy = hoy or date.today()
    dia = min(max(date(hoy.year, hoy.month, hoy.day), date(anio, 1, 1)), date(anio, 12, 31))
    return datetime(dia.year, dia.month, dia.day)
