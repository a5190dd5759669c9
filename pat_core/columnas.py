"""The reader of typed columns: a sheet's raw cells read, column by column, into values.

Every cell goes through a parser of :mod:`pat_core.celdas`, each distinct value of a
column once (a register repeats its keys, dates and percentages row after row); what
cannot be read becomes a :class:`Problema` pointing at the cell, and its row is left out
of the figures. The rules that relate cells to each other are :mod:`pat_core.validacion`'s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import Callable

from . import celdas
from .contrato import COLUMNAS, FILA, Columnas, columna_tipada, elegir
from .lectura import HojaCruda
from .problemas import AVISO, ERROR, Problema


def leer_columna(lector: Callable, crudas: list,
                 con_invisibles: list[int] | None = None) -> tuple[list, list[tuple[int, object]]]:
    """``lector`` over a column of cells: ``(values read, [(position, what was expected)])``;
    the positions of text with invisible characters are added to ``con_invisibles``.

    An empty cell reads as ``None``, and so does one that does not read (listed in the
    second part, in row order, with what was expected: a text, or the
    :class:`celdas.CeldaSinDato` the reader put there). Each distinct value is read once
    (text once per process, see :data:`_TEXTOS_LEIDOS`): values are told apart by their
    type too (``True``, ``1`` and ``1.0`` are three values), and a negative zero apart from
    zero.
    """
    ya_leidos = _TEXTOS_LEIDOS.setdefault(lector, {})
    if len(ya_leidos) > _TEXTOS_MAXIMOS:
        ya_leidos.clear()
    tipos = set(map(type, crudas))
    tipos.discard(type(None))
    if float in tipos and _hay_cero_negativo(crudas):  # -0.0 == 0.0: their sign tells them apart
        llaves = [(c.__class__, c, math.copysign(1, c) if c.__class__ is float else 1)
                  for c in crudas]
    elif len(tipos) <= 1:  # one type of cell, as most columns are: each value is its own key
        llaves = crudas
    else:
        llaves = list(zip(map(type, crudas), crudas))
    leidas = dict.fromkeys(llaves)
    no_leen: dict = {}  # llave -> what was expected instead
    invisibles = set()
    for llave in leidas:
        crudo = llave if llaves is crudas else llave[1]
        if crudo is None:
            continue
        clase = crudo.__class__
        if clase is str and lector is texto and _ya_es_texto(crudo):
            leidas[llave] = crudo
            continue
        if clase is str and (antes := ya_leidos.get(crudo)) is not None:
            if antes.__class__ is _NoLee:
                no_leen[llave] = antes.esperado
            else:
                leidas[llave] = antes
            if con_invisibles is not None and celdas.invisibles(crudo):
                invisibles.add(llave)
            continue
        if clase is celdas.CeldaSinDato:
            no_leen[llave] = crudo
            continue
        if (con_invisibles is not None and clase is str and not crudo.isprintable()
                and celdas.invisibles(crudo)):
            invisibles.add(llave)
        try:
            leidas[llave] = lector(crudo)
        except celdas.CeldaInvalida as error:
            no_leen[llave] = error.esperado
        if clase is str:
            ya_leidos[crudo] = _NoLee(no_leen[llave]) if llave in no_leen else leidas[llave]
    valores = list(map(leidas.__getitem__, llaves))
    invalidas = [(i, no_leen[llave]) for i, llave in enumerate(llaves) if llave in no_leen] \
        if no_leen else []
    if invisibles:
        con_invisibles.extend(i for i, llave in enumerate(llaves) if llave in invisibles)
    return valores, invalidas


# Text typed in a cell («15/03/2020», «60%», «1.1.1») is read once per process: a roll-up
# meets the same texts in workbook after workbook. Only text: it is equal only to itself.
_TEXTOS_LEIDOS: dict = {}  # lector -> {text: value read, or _NoLee}
_TEXTOS_MAXIMOS = 100_000  # per lector; then it starts again


@dataclass(frozen=True)
class _NoLee:
    esperado: object  # what was expected instead


def _hay_cero_negativo(crudas: list) -> bool:
    return crudas.count(0.0) > 0 and any(
        c.__class__ is float and c == 0 and math.copysign(1, c) < 0 for c in crudas)


def posiciones_vacias(valores: list) -> set[int]:
    """Where ``valores`` has ``None`` (at C speed: most of a column is seldom empty)."""
    return set(compress(range(len(valores)), map(is_, valores, repeat(None))))


def leer_celda(lector: Callable, crudo) -> tuple:
    """``(value read, None)``, or ``(None, what was expected)`` when the cell does not read."""
    valores, invalidas = leer_columna(lector, [crudo])
    return valores[0], invalidas[0][1] if invalidas else None


def clave2(valor) -> str:
    return celdas.clave(valor, 2)


def clave3(valor) -> str:
    return celdas.clave(valor, 3)


_LECTORES_DE_CLAVES = (clave2, clave3, celdas.seccion)


def texto(valor) -> str | None:
    """:func:`celdas.texto`, with the common case answered at once."""
    if valor.__class__ is str and _ya_es_texto(valor):
        return valor
    return celdas.texto(valor)


def _ya_es_texto(valor: str) -> bool:
    """A printable line with single inner spaces and none at its ends is its own text."""
    return (valor != "" and valor.isprintable() and valor[0] != " " and valor[-1] != " "
            and "  " not in valor)


class HojaEnLectura:
    """Reads the columns of one sheet, noting each bad cell and which rows stay valid."""

    def __init__(self, cruda: HojaCruda, problemas: list[Problema]):
        self.libro, self.hoja = cruda.libro, cruda.hoja
        self.crudas = cruda.columnas
        self.filas = cruda.filas
        self.problemas = problemas
        self.valida = [True] * len(cruda.filas)

    def problema(self, indice: int, columna: str | None, mensaje: str, severidad: str = ERROR,
                 valor: object = None) -> None:
        self.problemas.append(Problema(severidad, self.libro, self.hoja, int(self.filas[indice]),
                                       columna, celdas.visible(celdas.texto(valor)), mensaje))
        if severidad == ERROR:
            self.valida[indice] = False

    def columna(self, columna: str, lector: Callable, requerida: bool = True,
                severidad: str = ERROR) -> list:
        """``lector`` applied to each cell; an empty optional cell is ``None``."""
        crudas = self.crudas[columna]
        con_invisibles: list[int] | None = [] if lector in _LECTORES_DE_CLAVES else None
        valores, invalidas = leer_columna(lector, crudas, con_invisibles)
        vacias = [(indice, None) for indice in posiciones_vacias(crudas)] if requerida else []
        for indice, esperado in sorted(invalidas + vacias, key=itemgetter(0)) if vacias else invalidas:
            if esperado is None:
                self.problema(indice, columna, "La celda está vacía y es obligatoria.", severidad)
            else:
                # Free text feeds no figure: a cell of it without value is a warning.
                self.invalida(indice, columna, esperado, crudas[indice],
                              AVISO if lector is texto else severidad)
        for indice in con_invisibles or ():
            if valores[indice] is not None:
                self.problema(
                    indice, columna, "La clave tenía caracteres invisibles ("
                    f"{', '.join(celdas.invisibles(crudas[indice]))}) que se quitaron; se leyó "
                    f"{valores[indice]}. Bórrelos en Excel para que la celda diga solo la clave.",
                    AVISO, crudas[indice])
        return valores

    def texto_requerido(self, columna: str) -> list:
        """Free text that should be there; its absence is worth a warning, not an error."""
        return self.columna(columna, texto, severidad=AVISO)

    def texto_opcional(self, columna: str) -> list:
        return self.columna(columna, texto, requerida=False)

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

    def resultado(self, columnas: dict, hoja: str) -> Columnas:
        """The valid rows of the sheet ``hoja`` as typed columns, ``_fila`` included."""
        columnas = {**columnas, FILA: self.filas}
        tipadas = {columna: columna_tipada(columna, columnas[columna]) for columna in COLUMNAS[hoja]}
        if all(self.valida):
            return tipadas
        validas = [i for i, valida in enumerate(self.valida) if valida]
        return {columna: elegir(valores, validas) for columna, valores in tipadas.items()}
