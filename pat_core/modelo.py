"""From raw sheets to the validated plan and register of one year.

Every cell goes through a parser of :mod:`pat_core.celdas`; what cannot be
read, or breaks a rule of the format, becomes a :class:`Problema` pointing at
the cell. A row with an error is left out of the figures; the others are
still computed.
"""

from __future__ import annotations

import os

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import Callable

import numpy as np
import pandas as pd

from . import celdas
from . import vocabulario as v
from .lectura import (
    FILA,
    EspecHoja,
    HojaCruda,
    Libro,
    LibroIlegible,
    LibrosDelAnio,
    leer_crudo,
    libros_del_anio,
)
from .problemas import AVISO, ERROR, Problema
from .reglas import NUMERO_MAXIMO, Umbrales

HOJAS_PAT = [
    EspecHoja(
        v.HOJA_INDICADORES,
        (v.SECCION, v.CLAVE_INDICADOR, v.INDICADOR, v.META, v.VALOR_META, v.UNIDAD, v.CALCULO),
        (v.NOMBRE_SECCION, v.OBJETIVO),
    ),
    EspecHoja(
        v.HOJA_ACTIVIDADES,
        (v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.FECHA_INICIO, v.FECHA_FIN, v.MECANISMO, v.RIESGOS),
        (v.RESPONSABLE, v.SOLICITADA_UEIPPCI),
    ),
    EspecHoja(v.HOJA_HITOS, (v.CLAVE_ACTIVIDAD, v.HITO, v.FECHA_LIMITE), hoja_opcional=True),
    EspecHoja(v.HOJA_INHABILES, (v.FECHA,), (v.MOTIVO,), hoja_opcional=True),
]
HOJAS_EVIDENCIAS = [
    EspecHoja(
        v.HOJA_EVIDENCIAS,
        (v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION),
        (v.AVANCE, v.ENLACE, v.REGISTRO),
    ),
    EspecHoja(
        v.HOJA_MEDICIONES,
        (v.CLAVE_INDICADOR, v.FECHA_CORTE, v.LOGRADO, v.TOTAL),
        (v.NOTA,),
    ),
    EspecHoja(v.HOJA_SESIONES, (v.FECHA, v.TIPO), (v.FECHA_REGISTRO_ACTA, v.FECHA_PROGRAMADA),
              hoja_opcional=True),
    EspecHoja(v.HOJA_INHABILES, (v.FECHA,), (v.MOTIVO,), hoja_opcional=True),
]
COLUMNAS = {
    v.HOJA_INDICADORES: [
        v.SECCION, v.NOMBRE_SECCION, v.CLAVE_INDICADOR, v.INDICADOR, v.OBJETIVO, v.META,
        v.VALOR_META, v.UNIDAD, v.CALCULO, FILA,
    ],
    v.HOJA_ACTIVIDADES: [
        v.SECCION, v.CLAVE_INDICADOR, v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.FECHA_INICIO, v.FECHA_FIN,
        v.MECANISMO, v.RIESGOS, v.RESPONSABLE, v.SOLICITADA_UEIPPCI, FILA,
    ],
    v.HOJA_EVIDENCIAS: [
        v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION, v.AVANCE, v.ENLACE, v.REGISTRO, FILA,
    ],
    v.HOJA_MEDICIONES: [v.CLAVE_INDICADOR, v.FECHA_CORTE, v.LOGRADO, v.TOTAL, v.NOTA, FILA],
    v.HOJA_HITOS: [v.CLAVE_ACTIVIDAD, v.HITO, v.FECHA_LIMITE, FILA],
    v.HOJA_SESIONES: [v.FECHA, v.TIPO, v.FECHA_REGISTRO_ACTA, v.FECHA_PROGRAMADA, FILA],
    v.HOJA_INHABILES: [v.FECHA, v.MOTIVO, FILA],
}
Columnas = dict[str, "list | np.ndarray"]  # a sheet's valid rows: text as lists, the rest typed
COLUMNAS_FECHA = (v.FECHA_INICIO, v.FECHA_FIN, v.FECHA, v.FECHA_CORTE, v.FECHA_LIMITE,
                  v.FECHA_REGISTRO_ACTA, v.FECHA_PROGRAMADA)


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
        return pd.Timestamp(self.anio, 1, 1)

    @property
    def fin_anio(self) -> pd.Timestamp:
        return pd.Timestamp(self.anio, 12, 31)


def vacia(hoja: str) -> pd.DataFrame:
    return tipar(pd.DataFrame(columns=COLUMNAS[hoja]))


def cargar(datos: Path, anio: int, umbrales: Umbrales = Umbrales(), lector=None) -> DatosAnio:
    """Read and validate the two workbooks of ``anio`` in the folder ``datos``.

    Never raises for what is in the files: unreadable workbooks, missing sheets
    and bad cells are all in ``problemas``, and what could be read is returned.
    ``lector`` reads one workbook (:func:`pat_core.lectura.leer_crudo` by default);
    :class:`pat_core.cache.CacheLecturas` passes its own, which reads a file only
    when it changed.
    """
    return leer_anio(datos, anio, umbrales, lector).datos()


def leer_anio(datos: Path, anio: int, umbrales: Umbrales = Umbrales(), lector=None,
              libros: LibrosDelAnio | None = None, registro_leido_antes: bool = False) -> AnioLeido:
    """:func:`cargar` without the DataFrames: typed columns, ready to be joined with
    those of other committees (see :mod:`pat_core.comites`).

    ``lector(ruta, especs, umbrales, anio)`` returns a workbook already validated
    on its own (:func:`leer_plan` / :func:`leer_registro`); the default reads the file.
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
    return combinar(anio, plan or leer_plan({}, anio), registro or leer_registro({}, anio),
                    problemas, ilegibles, libros.rutas)


def leer_validado(ruta: Path, especs, umbrales: Umbrales, anio: int):
    """Read one workbook and validate what depends on it alone: the plan whole, the
    register cell by cell (its keys are checked against the plan in :func:`combinar`).
    Returns ``(PlanLeido or RegistroLeido, problems of reading)``."""
    hojas, problemas = leer_crudo(ruta, especs, umbrales)
    return (leer_plan if especs is HOJAS_PAT else leer_registro)(hojas, anio), problemas


@dataclass
class PlanLeido:
    """The plan workbook of a year, validated (it needs nothing else): valid rows per sheet."""

    indicadores: Columnas
    actividades: Columnas
    hitos: Columnas
    inhabiles: Columnas
    problemas: list[Problema]  # of Indicadores and Actividades, in order
    problemas_hitos: list[Problema]
    problemas_inhabiles: list[Problema]


@dataclass
class HojaPendiente:
    """A register sheet read cell by cell, waiting for the checks against the plan.

    ``problemas`` are ``(paso, problema)``: the step of the rules that found it, so
    the plan's checks slot in where the rules meet them.
    """

    columnas: Columnas
    filas: list[int]
    valida: list[bool]
    problemas: list[tuple[int, Problema]]
    libro: str
    hoja: str


@dataclass
class RegistroLeido:
    """The evidence workbook of a year, validated as far as it can be without the plan."""

    evidencias: HojaPendiente | None
    mediciones: HojaPendiente | None
    sesiones: Columnas
    inhabiles: Columnas
    problemas_sesiones: list[Problema]
    problemas_inhabiles: list[Problema]


def leer_plan(hojas: dict[str, HojaCruda], anio: int) -> PlanLeido:
    problemas: list[Problema] = []
    indicadores = _indicadores(hojas.get(v.HOJA_INDICADORES), problemas)
    actividades = _actividades(hojas.get(v.HOJA_ACTIVIDADES), indicadores, anio, problemas)
    problemas_hitos: list[Problema] = []
    hitos = _hitos(hojas.get(v.HOJA_HITOS), actividades, anio, problemas_hitos)
    problemas_inhabiles: list[Problema] = []
    inhabiles = _inhabiles(hojas.get(v.HOJA_INHABILES), problemas_inhabiles)
    return PlanLeido(indicadores, actividades, hitos, inhabiles, problemas, problemas_hitos,
                     problemas_inhabiles)


def leer_registro(hojas: dict[str, HojaCruda], anio: int) -> RegistroLeido:
    problemas_sesiones: list[Problema] = []
    sesiones = _sesiones(hojas.get(v.HOJA_SESIONES), anio, problemas_sesiones)
    problemas_inhabiles: list[Problema] = []
    inhabiles = _inhabiles(hojas.get(v.HOJA_INHABILES), problemas_inhabiles)
    return RegistroLeido(_evidencias_celdas(hojas.get(v.HOJA_EVIDENCIAS), anio),
                         _mediciones_celdas(hojas.get(v.HOJA_MEDICIONES), anio),
                         sesiones, inhabiles, problemas_sesiones, problemas_inhabiles)


def combinar(anio: int, plan: PlanLeido, registro: RegistroLeido, problemas: list[Problema],
             ilegibles: list[Problema], archivos: list[Path]) -> AnioLeido:
    """The year from its two workbooks: the register's keys checked against the plan.

    ``problemas`` holds what reading found; the rules' problems follow, sheet by
    sheet, in the order the rules meet them.
    """
    problemas = list(problemas) + plan.problemas
    if not ilegibles and not plan.indicadores[v.CLAVE_INDICADOR]:
        problemas.append(Problema(
            AVISO, archivos[0].name if archivos else "", v.HOJA_INDICADORES, None, None, None,
            "El plan no tiene todavía ningún indicador válido: llene la hoja «Indicadores» "
            "(y «Actividades») para ver cifras."))
    evidencias = _evidencias_con_plan(registro.evidencias, plan.actividades, problemas)
    mediciones = _mediciones_con_plan(registro.mediciones, plan.indicadores, problemas)
    problemas += plan.problemas_hitos + registro.problemas_sesiones
    problemas += plan.problemas_inhabiles + registro.problemas_inhabiles
    inhabiles = {c: _juntar(plan.inhabiles[c], registro.inhabiles[c])
                 for c in COLUMNAS[v.HOJA_INHABILES]}
    hojas = {
        v.HOJA_INDICADORES: plan.indicadores, v.HOJA_ACTIVIDADES: plan.actividades,
        v.HOJA_EVIDENCIAS: evidencias, v.HOJA_MEDICIONES: mediciones, v.HOJA_HITOS: plan.hitos,
        v.HOJA_SESIONES: registro.sesiones, v.HOJA_INHABILES: inhabiles,
    }
    return AnioLeido(anio, hojas, problemas, list(archivos), list(ilegibles))


def _juntar(primera, segunda):
    """Two typed columns one after the other."""
    if isinstance(primera, np.ndarray):
        return np.concatenate([primera, segunda])
    return primera + segunda


@dataclass
class AnioLeido:
    """One year of one committee, validated, as typed columns per sheet (valid rows only).

    Dates are ``datetime64[s]`` arrays, numbers ``float64``, the UEIPPCI flag
    ``bool``, ``_fila`` ``int64`` and text a list of ``str``/``None``. Joining
    many of these is cheap (see :mod:`pat_core.comites`); :meth:`datos` gives the
    DataFrames of one.
    """

    anio: int
    hojas: dict[str, dict]
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


# ---------------------------------------------------------------- typed columns

_EPOCA_ORDINAL = date(1970, 1, 1).toordinal()
_TEXTO, _FECHA, _NUMERO, _BANDERA, _ENTERO = "texto", "fecha", "numero", "bandera", "entero"


def tipo_columna(columna: str) -> str:
    """How :func:`tipar` types a column: the same rule, named."""
    if columna in COLUMNAS_FECHA:
        return _FECHA
    if columna in (v.VALOR_META, v.AVANCE, v.LOGRADO, v.TOTAL):
        return _NUMERO
    if columna == v.SOLICITADA_UEIPPCI:
        return _BANDERA
    if columna == FILA:
        return _ENTERO
    return _TEXTO


def _columna_tipada(columna: str, valores: list | np.ndarray) -> list | np.ndarray:
    """A list of parsed values -> an array typed as :func:`tipar` types it (text stays a
    list); a column already typed is returned as it is."""
    if isinstance(valores, np.ndarray):
        return valores
    tipo = tipo_columna(columna)
    if tipo == _FECHA:
        dias = np.fromiter((d.toordinal() - _EPOCA_ORDINAL if d is not None else 0
                            for d in valores), np.int64, len(valores))
        fechas = (dias * 86400).astype("datetime64[s]")
        fechas[[d is None for d in valores]] = np.datetime64("NaT")
        return fechas
    if tipo == _NUMERO:
        return np.array([np.nan if x is None else x for x in valores], dtype=float)
    if tipo == _BANDERA:
        return np.array([bool(x) for x in valores], dtype=bool)
    if tipo == _ENTERO:
        return np.array(valores, dtype=np.int64)
    return valores


def _columnas_tipadas(columnas: Columnas) -> dict:
    return {columna: _columna_tipada(columna, valores) for columna, valores in columnas.items()}


def marco(hoja: str, columnas: dict) -> pd.DataFrame:
    """The DataFrame of a sheet from typed columns: equal to what :func:`tipar` makes."""
    datos = {}
    for columna in COLUMNAS[hoja]:
        valores = columnas[columna]
        if tipo_columna(columna) == _TEXTO:
            datos[columna] = pd.array(valores, dtype="str")
        else:
            datos[columna] = valores
    return pd.DataFrame(datos, columns=COLUMNAS[hoja])


# ---------------------------------------------------------------- cells

_LEIDOS: dict = {}  # parser -> {cell value: value read}, for the values that read
_INVALIDOS: dict = {}  # parser -> {cell value: what was expected instead}
_MEMO_MAXIMO = 50_000  # values per parser; then that memo starts again


def _leer_columna(lector: Callable, crudas: list,
                  con_invisibles: list[int] | None = None) -> tuple[list, list[tuple[int, object]]]:
    """``lector`` over a column of cells: ``(values read, [(position, what was expected)])``;
    the positions of text with invisible characters are added to ``con_invisibles``.

    An empty cell reads as ``None``, and so does one that does not read (listed in
    the second part, in row order, with what was expected: a text, or the
    :class:`celdas.CeldaSinDato` the reader put there).

    Each parser remembers what it made of each value: a workbook repeats its keys,
    dates and numbers, and a folder of committees repeats them again, so most of a
    column is looked up in one pass at C speed. Never remembered: booleans, integers,
    zeros and ones (``True == 1 == 1.0`` and ``0.0 == -0.0`` would share one entry),
    and, when ``con_invisibles`` is asked for, text with invisible characters.
    """
    leidos = _LEIDOS.setdefault(lector, {})
    valores = list(map(leidos.get, crudas))
    invalidas: list[tuple[int, object]] = []
    if None not in valores:
        return valores, invalidas
    invalidos = _INVALIDOS.setdefault(lector, {})
    for indice in sorted(_posiciones_vacias(valores) - _posiciones_vacias(crudas)):
        crudo = crudas[indice]
        if crudo.__class__ is celdas.CeldaSinDato:
            invalidas.append((indice, crudo))
            continue
        memorizable = _memorizable(crudo)
        if (con_invisibles is not None and crudo.__class__ is str and not crudo.isprintable()
                and celdas.invisibles(crudo)):
            con_invisibles.append(indice)
            memorizable = False  # the next such cell must come here too, to be reported
        esperado = invalidos.get(crudo)
        if esperado is None:
            try:
                valores[indice] = valor = lector(crudo)
            except celdas.CeldaInvalida as error:
                esperado = error.esperado
            else:
                if valor is not None and memorizable:
                    _recordar(leidos, crudo, valor)
                continue
            if memorizable:
                _recordar(invalidos, crudo, esperado)
        invalidas.append((indice, esperado))
    return valores, invalidas


def _posiciones_vacias(valores: list) -> set[int]:
    """Where ``valores`` has ``None`` (at C speed: most of a column is seldom empty)."""
    return set(compress(range(len(valores)), map(is_, valores, repeat(None))))


def _leer_celda(lector: Callable, crudo) -> tuple:
    """``(value read, None)``, or ``(None, what was expected)`` when the cell does not read."""
    valores, invalidas = _leer_columna(lector, [crudo])
    return valores[0], invalidas[0][1] if invalidas else None


def _recordar(memo: dict, crudo, resultado) -> None:
    if len(memo) >= _MEMO_MAXIMO:
        memo.clear()
    memo[crudo] = resultado


def _memorizable(valor) -> bool:
    """Values that may be remembered in one dict with text: never a boolean, nor a number
    equal to one (True == 1.0 == 1 are one key), nor a zero (0.0 and -0.0 are one key)."""
    clase = valor.__class__
    if clase is bool or clase is int:
        return False
    return not (clase is float and (valor == 0 or valor == 1))


def _clave2(valor) -> str:
    return celdas.clave(valor, 2)


def _clave3(valor) -> str:
    return celdas.clave(valor, 3)


_LECTORES_DE_CLAVES = (_clave2, _clave3, celdas.seccion)


def _texto(valor) -> str | None:
    """:func:`celdas.texto`, with the common case answered at once: a printable line
    with single inner spaces and none at its ends is already its own text."""
    if (valor.__class__ is str and valor and valor.isprintable() and valor[0] != " "
            and valor[-1] != " " and "  " not in valor):
        return valor
    return celdas.texto(valor)


class _Hoja:
    """Parses the columns of one sheet, noting each bad cell and which rows stay valid."""

    def __init__(self, cruda: HojaCruda, problemas: list[Problema]):
        self.libro, self.hoja = cruda.libro, cruda.hoja
        self.crudas = cruda.columnas
        self.filas = cruda.filas
        self.problemas = problemas
        self.valida = [True] * len(cruda.filas)
        self.paso: int | None = None  # when set, problems are kept as (paso, problema)

    def problema(self, indice: int, columna: str | None, mensaje: str, severidad: str = ERROR,
                 valor: object = None) -> None:
        problema = Problema(severidad, self.libro, self.hoja, self.filas[indice], columna,
                            celdas.visible(celdas.texto(valor)), mensaje)
        self.problemas.append(problema if self.paso is None else (self.paso, problema))
        if severidad == ERROR:
            self.valida[indice] = False

    def columna(self, columna: str, lector: Callable, requerida: bool = True,
                severidad: str = ERROR) -> list:
        """``lector`` applied to each cell; an empty optional cell is ``None``."""
        crudas = self.crudas[columna]
        con_invisibles: list[int] | None = [] if lector in _LECTORES_DE_CLAVES else None
        valores, invalidas = _leer_columna(lector, crudas, con_invisibles)
        vacias = [(indice, None) for indice in _posiciones_vacias(crudas)] if requerida else []
        for indice, esperado in sorted(invalidas + vacias, key=itemgetter(0)) if vacias else invalidas:
            if esperado is None:
                self.problema(indice, columna, "La celda está vacía y es obligatoria.", severidad)
            else:
                # Free text feeds no figure: a cell of it without value is a warning.
                self.invalida(indice, columna, esperado, crudas[indice],
                              AVISO if lector is _texto else severidad)
        for indice in con_invisibles or ():
            if valores[indice] is not None:
                self.problema(
                    indice, columna, "La clave tenía caracteres invisibles ("
                    f"{', '.join(celdas.invisibles(crudas[indice]))}) que se quitaron; se leyó "
                    f"{valores[indice]}. Bórrelos en Excel para que la celda diga solo la clave.",
                    AVISO, crudas[indice])
        return valores

    def invalida(self, indice: int, columna: str, esperado, crudo, severidad: str = ERROR) -> None:
        """A cell that does not read: what was expected instead, or what the reader found
        in its place (an error of Excel, a formula without its value)."""
        if esperado.__class__ is celdas.CeldaSinDato:
            self.problema(indice, columna, esperado.mensaje, severidad, esperado.valor)
        else:
            self.problema(indice, columna, f"Se esperaba {esperado}.", severidad, crudo)

    def unicas(self, claves: list, columna: str) -> None:
        """Only the first row of a repeated key counts."""
        vistas, repetidas = set(), []
        for indice, clave in enumerate(claves):
            if clave is None:
                continue
            if clave in vistas:
                if self.valida[indice]:
                    repetidas.append(indice)
            else:
                vistas.add(clave)
        for indice in repetidas:
            self.problema(indice, columna,
                          f"La clave {claves[indice]} está repetida; solo cuenta su primera fila.",
                          valor=claves[indice])

    def conocidas(self, claves: list, validas: set, columna: str, hoja: str) -> None:
        for indice, clave in enumerate(claves):
            if clave is not None and clave not in validas:
                self.problema(indice, columna,
                              f"La clave {clave} no está en la hoja «{hoja}» del plan "
                              "(o esa fila tiene errores).", valor=clave)

    def en_el_anio(self, fechas: list, columna: str, anio: int) -> None:
        fuera = [i for i, fecha in enumerate(fechas) if fecha is not None and fecha.year != anio]
        for indice in fuera:
            self.problema(indice, columna, f"La fecha está fuera del año {anio} del programa.",
                          AVISO, fechas[indice])

    def resultado(self, columnas: Columnas, hoja: str) -> dict:
        """The valid rows of the sheet ``hoja`` as typed columns, ``_fila`` included."""
        columnas = {**columnas, FILA: self.filas}
        if not all(self.valida):
            validas = [i for i, valida in enumerate(self.valida) if valida]
            columnas = {columna: _elegir(valores, validas) for columna, valores in columnas.items()}
        return {columna: _columna_tipada(columna, columnas[columna]) for columna in COLUMNAS[hoja]}


def _elegir(valores: list | np.ndarray, indices: list[int]) -> list | np.ndarray:
    """The values at ``indices`` (in that order) of a column, typed or not."""
    if isinstance(valores, np.ndarray):
        return valores[np.asarray(indices, dtype=np.intp)]
    return [valores[i] for i in indices]


def _vacias(hoja: str) -> dict:
    return {columna: _columna_tipada(columna, []) for columna in COLUMNAS[hoja]}


def tipar(marco: pd.DataFrame) -> pd.DataFrame:
    """Dates as datetime64, numbers as float, flags as bool, the rest as text."""
    marco = marco.copy()
    for columna in marco.columns:
        if columna in COLUMNAS_FECHA:
            marco[columna] = pd.to_datetime(marco[columna]).astype("datetime64[s]")
        elif columna in (v.VALOR_META, v.AVANCE, v.LOGRADO, v.TOTAL):
            marco[columna] = pd.to_numeric(marco[columna]).astype(float)
        elif columna == v.SOLICITADA_UEIPPCI:
            marco[columna] = marco[columna].fillna(False).astype(bool)
        elif columna == FILA:
            marco[columna] = marco[columna].astype(int)
        else:
            marco[columna] = marco[columna].astype("str")
    return marco


def _texto_requerido(filas: _Hoja, columna: str) -> list:
    """Free text that should be there; its absence is worth a warning, not an error."""
    return filas.columna(columna, _texto, severidad=AVISO)


def _indicadores(tabla: HojaCruda | None, problemas: list[Problema]) -> Columnas:
    if tabla is None:
        return _vacias(v.HOJA_INDICADORES)
    f = _Hoja(tabla, problemas)
    clave = f.columna(v.CLAVE_INDICADOR, _clave2)
    seccion = f.columna(v.SECCION, celdas.seccion)
    unidad = f.columna(v.UNIDAD, celdas.unidad)
    calculo = f.columna(v.CALCULO, celdas.calculo)
    valor_meta = [_valor_meta(f, i, crudo, unidad[i])
                  for i, crudo in enumerate(tabla.columnas[v.VALOR_META])]
    f.unicas(clave, v.CLAVE_INDICADOR)
    for indice, (una_unidad, un_calculo) in enumerate(zip(unidad, calculo)):
        if una_unidad == v.PORCENTAJE and un_calculo == v.POR_SESIONES:
            f.problema(indice, v.UNIDAD, "Un indicador que se calcula con las sesiones cuenta las "
                       "sesiones ordinarias celebradas: su unidad es «número».",
                       valor=tabla.columnas[v.UNIDAD][indice])
    for indice, (una_clave, una_seccion) in enumerate(zip(clave, seccion)):
        if una_clave and una_seccion and una_seccion != _seccion_de(una_clave):
            f.problema(indice, v.SECCION,
                       f"La clave {una_clave} indica la sección {_seccion_de(una_clave)}.",
                       AVISO, tabla.columnas[v.SECCION][indice])
    return f.resultado({
        v.SECCION: seccion,
        v.NOMBRE_SECCION: f.columna(v.NOMBRE_SECCION, _texto, requerida=False),
        v.CLAVE_INDICADOR: clave,
        v.INDICADOR: _texto_requerido(f, v.INDICADOR),
        v.OBJETIVO: f.columna(v.OBJETIVO, _texto, requerida=False),
        v.META: _texto_requerido(f, v.META),
        v.VALOR_META: valor_meta,
        v.UNIDAD: unidad,
        v.CALCULO: calculo,
    }, v.HOJA_INDICADORES)


def _seccion_de(clave: str) -> str:
    numero = int(clave.split(".")[0])
    return v.SECCIONES_ROMANAS[numero - 1] if 1 <= numero <= len(v.SECCIONES_ROMANAS) else "?"


def _valor_meta(f: _Hoja, indice: int, crudo, unidad: str | None) -> float | None:
    if crudo is None:
        f.problema(indice, v.VALOR_META, "La celda está vacía y es obligatoria.")
        return None
    if unidad is None:
        return None  # already reported under Unidad
    valor, esperado = _leer_celda(celdas.porcentaje if unidad == v.PORCENTAJE else celdas.numero,
                                  crudo)
    if esperado is not None:
        f.invalida(indice, v.VALOR_META, esperado, crudo)
        return None
    if valor <= 0 or (unidad == v.PORCENTAJE and valor > 100):
        rango = "mayor que 0 y hasta 100" if unidad == v.PORCENTAJE else "mayor que 0"
        f.problema(indice, v.VALOR_META, f"La meta debe ser {rango}.", valor=crudo)
        return None
    if valor < 1 / NUMERO_MAXIMO:  # the target divides what is achieved: keep that finite
        f.problema(indice, v.VALOR_META, f"La meta es demasiado pequeña (menor que "
                   f"{1 / NUMERO_MAXIMO:g}) para calcular su cumplimiento.", valor=crudo)
        return None
    return valor


def _actividades(tabla: HojaCruda | None, indicadores: Columnas, anio: int,
                 problemas: list[Problema]) -> Columnas:
    if tabla is None:
        return _vacias(v.HOJA_ACTIVIDADES)
    f = _Hoja(tabla, problemas)
    clave = f.columna(v.CLAVE_ACTIVIDAD, _clave3)
    inicio = f.columna(v.FECHA_INICIO, celdas.fecha)
    fin = f.columna(v.FECHA_FIN, celdas.fecha)
    f.unicas(clave, v.CLAVE_ACTIVIDAD)
    indicador = [celdas.clave_padre(c) if c else None for c in clave]
    secciones = dict(zip(indicadores[v.CLAVE_INDICADOR], indicadores[v.SECCION]))
    for indice, una_clave in enumerate(clave):
        if una_clave is not None and indicador[indice] not in secciones:
            f.problema(indice, v.CLAVE_ACTIVIDAD,
                       f"La actividad no pertenece a ningún indicador: no hay indicador "
                       f"{indicador[indice]} en la hoja «{v.HOJA_INDICADORES}» (o esa fila tiene errores).",
                       valor=una_clave)
    for indice, (desde, hasta) in enumerate(zip(inicio, fin)):
        if desde and hasta and hasta < desde:
            f.problema(indice, v.FECHA_FIN, "La fecha de fin es anterior a la de inicio "
                       f"({desde:%d/%m/%Y}).", valor=hasta)
    f.en_el_anio(inicio, v.FECHA_INICIO, anio)
    f.en_el_anio(fin, v.FECHA_FIN, anio)
    return f.resultado({
        v.SECCION: [secciones.get(i) for i in indicador],
        v.CLAVE_INDICADOR: indicador,
        v.CLAVE_ACTIVIDAD: clave,
        v.ACTIVIDAD: _texto_requerido(f, v.ACTIVIDAD),
        v.FECHA_INICIO: inicio,
        v.FECHA_FIN: fin,
        v.MECANISMO: f.columna(v.MECANISMO, _texto, requerida=False),
        v.RIESGOS: f.columna(v.RIESGOS, _texto, requerida=False),
        v.RESPONSABLE: f.columna(v.RESPONSABLE, _texto, requerida=False),
        v.SOLICITADA_UEIPPCI: f.columna(v.SOLICITADA_UEIPPCI, celdas.si_no, requerida=False,
                                        severidad=AVISO),
    }, v.HOJA_ACTIVIDADES)


# Steps of the Evidencias rules; the plan's check comes fourth.
_EV_CLAVE, _EV_FECHA, _EV_AVANCE, _EV_PLAN, _EV_RANGO, _EV_ANIO, _EV_TEXTOS = range(7)


def _evidencias_celdas(tabla: HojaCruda | None, anio: int) -> HojaPendiente | None:
    if tabla is None:
        return None
    f = _Hoja(tabla, [])
    f.paso = _EV_CLAVE
    clave = f.columna(v.CLAVE_ACTIVIDAD, _clave3)
    f.paso = _EV_FECHA
    fecha = f.columna(v.FECHA, celdas.fecha)
    f.paso = _EV_AVANCE
    avance = f.columna(v.AVANCE, celdas.porcentaje, requerida=False)
    f.paso = _EV_RANGO
    crudos = tabla.columnas[v.AVANCE]
    for indice, valor in enumerate(avance):
        if valor is None:
            continue
        if not 0 <= valor <= 100:
            f.problema(indice, v.AVANCE, "El avance debe estar entre 0 y 100.", valor=crudos[indice])
        elif valor == 100 and _es_uno_sin_signo(crudos[indice]):
            f.problema(indice, v.AVANCE, "Se leyó como 100 % (1 es la fracción completa); "
                       "si quiso decir 1 %, escriba «1%».", AVISO, crudos[indice])
    f.paso = _EV_ANIO
    f.en_el_anio(fecha, v.FECHA, anio)
    f.paso = _EV_TEXTOS
    columnas = {
        v.CLAVE_ACTIVIDAD: clave,
        v.FECHA: fecha,
        v.DESCRIPCION: _texto_requerido(f, v.DESCRIPCION),
        v.AVANCE: avance,
        v.ENLACE: f.columna(v.ENLACE, _texto, requerida=False),
        v.REGISTRO: f.columna(v.REGISTRO, _texto, requerida=False),
    }
    return HojaPendiente(_columnas_tipadas(columnas), tabla.filas, f.valida, f.problemas,
                         tabla.libro, tabla.hoja)


def _pendiente(hoja: HojaPendiente, paso: int) -> _Hoja:
    """A :class:`_Hoja` that goes on with a pending sheet: its validity, its problems."""
    f = _Hoja(HojaCruda(hoja.libro, hoja.hoja, {}, hoja.filas), [])
    f.valida = list(hoja.valida)
    f.paso = paso
    return f


def _con_plan(hoja: HojaPendiente, f: _Hoja, nombre: str, problemas: list[Problema]) -> dict:
    """Problems of the sheet in the rules' order, and its valid rows."""
    etiquetados = sorted(hoja.problemas + f.problemas, key=lambda par: par[0])  # stable
    problemas.extend(problema for _, problema in etiquetados)
    return f.resultado(hoja.columnas, nombre)


def _evidencias_con_plan(hoja: HojaPendiente | None, actividades: Columnas,
                         problemas: list[Problema]) -> Columnas:
    if hoja is None:
        return _vacias(v.HOJA_EVIDENCIAS)
    f = _pendiente(hoja, _EV_PLAN)
    f.conocidas(hoja.columnas[v.CLAVE_ACTIVIDAD], set(actividades[v.CLAVE_ACTIVIDAD]),
                v.CLAVE_ACTIVIDAD, v.HOJA_ACTIVIDADES)
    return _con_plan(hoja, f, v.HOJA_EVIDENCIAS, problemas)


def _es_uno_sin_signo(crudo) -> bool:
    """A bare 1 (number or text, no '%'): read as the whole fraction, which deserves a word."""
    if isinstance(crudo, str):
        return "%" not in crudo and crudo.strip() in ("1", "1.0", "1.00")
    return isinstance(crudo, (int, float)) and not isinstance(crudo, bool) and crudo == 1


_ME_CLAVE, _ME_FECHA, _ME_LOGRADO, _ME_TOTAL, _ME_PLAN, _ME_REVISION, _ME_ANIO, _ME_NOTA = range(8)


def _mediciones_celdas(tabla: HojaCruda | None, anio: int) -> HojaPendiente | None:
    if tabla is None:
        return None
    f = _Hoja(tabla, [])
    f.paso = _ME_CLAVE
    clave = f.columna(v.CLAVE_INDICADOR, _clave2)
    f.paso = _ME_FECHA
    fecha = f.columna(v.FECHA_CORTE, celdas.fecha)
    f.paso = _ME_LOGRADO
    logrado = f.columna(v.LOGRADO, celdas.numero)
    f.paso = _ME_TOTAL
    total = f.columna(v.TOTAL, celdas.numero, requerida=False)
    f.paso = _ME_ANIO
    f.en_el_anio(fecha, v.FECHA_CORTE, anio)
    f.paso = _ME_NOTA
    columnas = {
        v.CLAVE_INDICADOR: clave,
        v.FECHA_CORTE: fecha,
        v.LOGRADO: logrado,
        v.TOTAL: total,
        v.NOTA: f.columna(v.NOTA, _texto, requerida=False),
    }
    return HojaPendiente(_columnas_tipadas(columnas), tabla.filas, f.valida, f.problemas,
                         tabla.libro, tabla.hoja)


def _mediciones_con_plan(hoja: HojaPendiente | None, indicadores: Columnas,
                         problemas: list[Problema]) -> Columnas:
    if hoja is None:
        return _vacias(v.HOJA_MEDICIONES)
    f = _pendiente(hoja, _ME_PLAN)
    clave = hoja.columnas[v.CLAVE_INDICADOR]
    f.conocidas(clave, set(indicadores[v.CLAVE_INDICADOR]), v.CLAVE_INDICADOR, v.HOJA_INDICADORES)
    f.paso = _ME_REVISION
    por_clave = {c: (calculo, unidad) for c, calculo, unidad in zip(
        indicadores[v.CLAVE_INDICADOR], indicadores[v.CALCULO], indicadores[v.UNIDAD])}
    logrado, total = _con_vacias(hoja.columnas[v.LOGRADO]), _con_vacias(hoja.columnas[v.TOTAL])
    for indice, una_clave in enumerate(clave):
        if una_clave in por_clave:
            _revisar_medicion(f, indice, una_clave, *por_clave[una_clave], logrado[indice],
                              total[indice])
    return _con_plan(hoja, f, v.HOJA_MEDICIONES, problemas)


def _con_vacias(numeros: np.ndarray) -> list[float | None]:
    """A typed number column as parsed values again: ``None`` where the cell was empty."""
    return [None if x != x else x for x in numeros.tolist()]


def _revisar_medicion(f: _Hoja, indice: int, clave: str, calculo: str, unidad: str,
                      logrado, total) -> None:
    if calculo != v.MEDICION:
        que = ("sus actividades concluidas" if calculo == v.POR_ACTIVIDADES
               else f"las sesiones ordinarias de la hoja «{v.HOJA_SESIONES}»")
        f.problema(indice, v.CLAVE_INDICADOR,
                   f"Este indicador se calcula con {que}; la medición se ignora.", AVISO, clave)
        return
    if logrado is not None and logrado < 0:
        f.problema(indice, v.LOGRADO, "El valor logrado no puede ser negativo.", valor=logrado)
    if unidad != v.PORCENTAJE or logrado is None:
        return
    if total == 0 and logrado > 0:
        f.problema(indice, v.TOTAL, f"El total es 0 pero el valor logrado es {logrado:g}: el "
                   "total debe ser mayor que 0 (los casos del periodo), o Logrado y Total ambos 0 "
                   "si en el periodo no hubo casos.", valor=total)
    elif total is None or total < 0:
        f.problema(indice, v.TOTAL, "Para un indicador en porcentaje, el total debe ser mayor "
                   "que 0 (por ejemplo, la plantilla de personal).", valor=total)
    elif logrado > total:
        f.problema(indice, v.LOGRADO, f"El valor logrado es mayor que el total ({total:g}).",
                   valor=logrado)


def _hitos(tabla: HojaCruda | None, actividades: Columnas, anio: int,
           problemas: list[Problema]) -> Columnas:
    if tabla is None:
        return _vacias(v.HOJA_HITOS)
    f = _Hoja(tabla, problemas)
    clave = f.columna(v.CLAVE_ACTIVIDAD, _clave3)
    limite = f.columna(v.FECHA_LIMITE, celdas.fecha)
    f.conocidas(clave, set(actividades[v.CLAVE_ACTIVIDAD]), v.CLAVE_ACTIVIDAD, v.HOJA_ACTIVIDADES)
    f.en_el_anio(limite, v.FECHA_LIMITE, anio)
    return f.resultado({
        v.CLAVE_ACTIVIDAD: clave,
        v.HITO: _texto_requerido(f, v.HITO),
        v.FECHA_LIMITE: limite,
    }, v.HOJA_HITOS)


def _sesiones(tabla: HojaCruda | None, anio: int, problemas: list[Problema]) -> Columnas:
    """Sessions held (``Fecha``) and planned (``Fecha programada``): a planned session not
    held yet has only the second; sorted by when each was (or is to be) held."""
    if tabla is None:
        return _vacias(v.HOJA_SESIONES)
    f = _Hoja(tabla, problemas)
    fecha = f.columna(v.FECHA, celdas.fecha, requerida=False)
    registro = f.columna(v.FECHA_REGISTRO_ACTA, celdas.fecha, requerida=False)
    programada = f.columna(v.FECHA_PROGRAMADA, celdas.fecha, requerida=False)
    for indice, (sesion, acta, plan) in enumerate(zip(fecha, registro, programada)):
        if sesion is None and tabla.columnas[v.FECHA][indice] is None:
            _sesion_sin_fecha(f, indice, acta, plan)
        elif sesion and acta and acta < sesion:
            f.problema(indice, v.FECHA_REGISTRO_ACTA, "El acta no puede registrarse antes de "
                       f"la sesión ({sesion:%d/%m/%Y}).", valor=acta)
    f.en_el_anio(fecha, v.FECHA, anio)
    f.en_el_anio(programada, v.FECHA_PROGRAMADA, anio)
    resultado = f.resultado({
        v.FECHA: fecha,
        v.TIPO: f.columna(v.TIPO, celdas.tipo_sesion),
        v.FECHA_REGISTRO_ACTA: registro,
        v.FECHA_PROGRAMADA: programada,
    }, v.HOJA_SESIONES)
    cuando = np.where(np.isnat(resultado[v.FECHA]), resultado[v.FECHA_PROGRAMADA], resultado[v.FECHA])
    orden = np.argsort(cuando, kind="stable").tolist()
    return {columna: _elegir(valores, orden) for columna, valores in resultado.items()}


def _sesion_sin_fecha(f: _Hoja, indice: int, acta, programada) -> None:
    """A row without ``Fecha`` is a session planned and not held yet: it needs its planned
    date, and it has no minutes to register."""
    if programada is None:
        f.problema(indice, v.FECHA, "La celda está vacía: escriba la fecha en que se celebró la "
                   f"sesión o, si aún no se celebra, su «{v.FECHA_PROGRAMADA}».")
    elif acta is not None:
        f.problema(indice, v.FECHA_REGISTRO_ACTA, "La sesión no tiene fecha de celebración y su "
                   "acta ya está registrada: escriba la fecha en que se celebró.", valor=acta)


def _inhabiles(tabla: HojaCruda | None, problemas: list[Problema]) -> Columnas:
    if tabla is None:
        return _vacias(v.HOJA_INHABILES)
    f = _Hoja(tabla, problemas)
    return f.resultado({
        v.FECHA: f.columna(v.FECHA, celdas.fecha),
        v.MOTIVO: f.columna(v.MOTIVO, _texto, requerida=False),
    }, v.HOJA_INHABILES)


def fecha_corte_predeterminada(anio: int, hoy: date | None = None) -> pd.Timestamp:
    """Today, clipped into the programme's year."""
    hoy = pd.Timestamp(hoy or date.today())
    return min(max(hoy, pd.Timestamp(anio, 1, 1)), pd.Timestamp(anio, 12, 31))
