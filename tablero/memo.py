"""Results remembered by the very objects they were computed from, shared by every session.

``st.cache_data`` hashes its arguments and hands each caller a copy of the result (a pickle
round trip on every hit), and a figure or a projection rebuilt on every rerun costs more
still. A :class:`Memo` instead recognises an argument that cannot be hashed (the data read,
an evaluation, a frame, a list) by its identity, and compares the others (a date, the
thresholds, a function) by value.

Identity is sound because the data are never changed in place: the server-wide read cache
(:func:`tablero.contexto.lecturas`) hands every session the same ``DatosAnio`` until a
workbook changes or «Recargar datos» reads it again, and then a new object; whatever is
computed from it is new with it. An entry holds its arguments, so their identities cannot be
taken by other objects while it is remembered.

What a memo returns is shared by every session: read-only (pages derive new frames; pandas
copies on write).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

R = TypeVar("R")
_IDENTIDAD = object()  # marks a key part that is an identity, never equal to an argument's value


class Memo(Generic[R]):
    """The last ``entradas`` results of ``funcion`` (positional arguments only)."""

    def __init__(self, funcion: Callable[..., R], entradas: int):
        self._funcion = funcion
        self._entradas = entradas
        self._recordados: OrderedDict[tuple, tuple[tuple, R]] = OrderedDict()
        self._candado = threading.Lock()  # sessions run in threads of one process

    def __call__(self, *argumentos) -> R:
        clave = tuple(map(_parte_de_clave, argumentos))
        with self._candado:
            if clave in self._recordados:
                self._recordados.move_to_end(clave)
                return self._recordados[clave][1]
        resultado = self._funcion(*argumentos)  # outside the lock: other sessions go on
        with self._candado:
            self._recordados[clave] = (argumentos, resultado)
            while len(self._recordados) > self._entradas:
                self._recordados.popitem(last=False)
        return resultado


def _parte_de_clave(argumento):
    try:
        hash(argumento)
    except TypeError:
        return (_IDENTIDAD, id(argumento))
    return argumento
