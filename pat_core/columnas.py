"""The reader of typed columns: a sheet's raw cells read, column by column, into values.

Every cell goes through a parser of :mod:`pat_core.celdas`, each distinct value of a
column once (a register repeats its keys, dates and percentages row after row); what
cannot be read becomes a :class:`Problema` pointing at the cell, and its row is left out
of the figures. The rules that relate cells to each other are :mod:`pat_core.validacion`'s.
"""

from __future__ import annotations

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
    :class:`celdas.CeldaSinDato` the reader put there).

    Each distinct value goes through ``lector`` once per process (:data:`_LEIDOS`): a
    workbook repeats its keys, dates and percentages, and a roll-up meets them again in
    every committee's, so most of a column is looked up in one pass at C speed. Values are
    told apart by their type (``True``, ``1`` and ``1.0`` are three values) and a zero by
    its sign; a key with invisible characters is read, and reported, every time.
    """
    tipos = set(map(type, crudas))
    tipos.discard(type(None))
    # Cells of one type, as most columns are: the value itself is the key, among values of
    # that type only. Several types: (type, value).
    tipo = tipos.pop() if len(tipos) == 1 else None
    llaves = crudas if tipo is not None else list(zip(map(type, crudas), crudas))
    leidos = _LEIDOS.setdefault((lector, tipo), {})
    if len(leidos) > _MAXIMO_LEIDOS:
        leidos.clear()
    valores = list(map(leidos.get, llaves))
    invalidas: list[tuple[int, object]] = []
    faltan = [i for i in compress(range(len(valores)), map(is_, valores, repeat(None)))
              if crudas[i] is not None]
    if not faltan:
        return valores, invalidas
    no_leen = _NO_LEEN.setdefault((lector, tipo), {})
    if len(no_leen) > _MAXIMO_LEIDOS:
        no_leen.clear()
    for indice in faltan:
        crudo = crudas[indice]
        clase = crudo.__class__
        if clase is celdas.CeldaSinDato:
            invalidas.append((indice, crudo))
            continue
        llave = llaves[indice]
        recordar = not (clase is float and crudo == 0)  # 0.0 == -0.0: never one key
        if (con_invisibles is not None and clase is str and not crudo.isprintable()
                and celdas.invisibles(crudo)):
            con_invisibles.append(indice)
            recordar = False  # the next such cell must come here too, to be reported
        esperado = no_leen.get(llave) if recordar else None
        if esperado is None:
            try:
                valores[indice] = valor = lector(crudo)
            except celdas.CeldaInvalida as error:
                esperado = error.esperado
            else:
                if recordar and valor is not None:
                    leidos[llave] = valor
                continue
            if recordar:
                no_leen[llave] = esperado
        invalidas.append((indice, esperado))
    return valores, invalidas


# What each parser made of each (type, value) it met, in this process; cleared when large.
_LEIDOS: dict = {}  # (lector, type or None) -> {raw value, or (type, value): value read}
_NO_LEEN: dict = {}  # the same -> what was expected instead
_MAXIMO_LEIDOS = 100_000


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
        # Each distinct date looked at once: a column repeats its dates.
        otras = {fecha for fecha in set(fechas) if fecha is not None and fecha.year != anio}
        fuera = [i for i, fecha in enumerate(fechas) if fecha in otras] if otras else ()
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
