"""The sheet contract: which sheets the two workbooks of a year have, their columns, and the
one rule that says how each column is typed once read.

Read path, in order (each module only needs the ones before it):

1. :mod:`pat_core.lectura` finds the workbooks of a year and reads their bytes safely;
   :mod:`pat_core.hojas_xml` checks each sheet's XML; :mod:`pat_core.motor_calamine` (the
   engine adapter) gives each sheet's cells with their types, and :mod:`pat_core.lectura`
   finds the header row and gives the raw columns of this contract.
2. :mod:`pat_core.columnas` reads each column with the tolerant parsers of
   :mod:`pat_core.celdas`, once per distinct value, into typed columns.
3. :mod:`pat_core.validacion` applies the rules of the format, sheet by sheet.
4. :mod:`pat_core.anio` assembles the year of a committee; :mod:`pat_core.cache` and
   :mod:`pat_core.cache_disco` remember each workbook until its file changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import vocabulario as v

FILA = "_fila"  # Excel row number of each data row, kept beside the columns


@dataclass(frozen=True)
class EspecHoja:
    """A sheet of the format: its name and the columns it must and may have."""

    nombre: str
    requeridas: tuple[str, ...]
    opcionales: tuple[str, ...] = ()
    hoja_opcional: bool = False  # a workbook may leave the whole sheet out

    @property
    def columnas(self) -> tuple[str, ...]:
        return self.requeridas + self.opcionales


HOJAS_PAT = (
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
)
HOJAS_EVIDENCIAS = (
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
)

# The columns of each sheet once validated, in this order (what the DataFrames hold).
COLUMNAS = {
    v.HOJA_INDICADORES: (
        v.SECCION, v.NOMBRE_SECCION, v.CLAVE_INDICADOR, v.INDICADOR, v.OBJETIVO, v.META,
        v.VALOR_META, v.UNIDAD, v.CALCULO, FILA,
    ),
    v.HOJA_ACTIVIDADES: (
        v.SECCION, v.CLAVE_INDICADOR, v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.FECHA_INICIO, v.FECHA_FIN,
        v.MECANISMO, v.RIESGOS, v.RESPONSABLE, v.SOLICITADA_UEIPPCI, FILA,
    ),
    v.HOJA_EVIDENCIAS: (
        v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION, v.AVANCE, v.ENLACE, v.REGISTRO, FILA,
    ),
    v.HOJA_MEDICIONES: (v.CLAVE_INDICADOR, v.FECHA_CORTE, v.LOGRADO, v.TOTAL, v.NOTA, FILA),
    v.HOJA_HITOS: (v.CLAVE_ACTIVIDAD, v.HITO, v.FECHA_LIMITE, FILA),
    v.HOJA_SESIONES: (v.FECHA, v.TIPO, v.FECHA_REGISTRO_ACTA, v.FECHA_PROGRAMADA, FILA),
    v.HOJA_INHABILES: (v.FECHA, v.MOTIVO, FILA),
}

# ---------------------------------------------------------------- the typing rule

TEXTO, FECHA, NUMERO, BANDERA, ENTERO = "texto", "fecha", "numero", "bandera", "entero"
_TIPOS = {
    **dict.fromkeys((v.FECHA_INICIO, v.FECHA_FIN, v.FECHA, v.FECHA_CORTE, v.FECHA_LIMITE,
                     v.FECHA_REGISTRO_ACTA, v.FECHA_PROGRAMADA), FECHA),
    **dict.fromkeys((v.VALOR_META, v.AVANCE, v.LOGRADO, v.TOTAL), NUMERO),
    v.SOLICITADA_UEIPPCI: BANDERA,
    FILA: ENTERO,
}
# What each type is held as: dates to the second, numbers as float (NaN when empty).
DTYPES = {FECHA: np.dtype("datetime64[s]"), NUMERO: np.dtype(float), BANDERA: np.dtype(bool),
          ENTERO: np.dtype(np.int64)}


def tipo_columna(columna: str) -> str:
    """How a column is typed: dates, numbers, the UEIPPCI flag, the row number; text else.

    Text is held as an Arrow string array (``None`` when empty), the others as numpy
    arrays of :data:`DTYPES`."""
    return _TIPOS.get(columna, TEXTO)


Columnas = dict  # column name -> typed column, np.ndarray or pa.Array (see tipo_columna)

_EPOCA_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
_NAT = np.datetime64("NaT").astype(np.int64)


def columna_tipada(columna: str, valores) -> np.ndarray | pa.Array:
    """A list of parsed values (``date``, ``float``, ``bool``, ``int``, ``str`` or ``None``)
    as the typed column :func:`tipo_columna` says; a column already typed comes back as is."""
    if isinstance(valores, (np.ndarray, pa.Array)):
        return valores
    tipo = tipo_columna(columna)
    if tipo == TEXTO:
        return _compacta(texto_arrow(valores))
    if tipo == FECHA:
        segundos = {dia: _NAT if dia is None else (dia.toordinal() - _EPOCA_ORDINAL) * 86400
                    for dia in dict.fromkeys(valores)}  # a column repeats its dates
        return np.fromiter(map(segundos.__getitem__, valores), np.int64,
                           len(valores)).view(DTYPES[FECHA])
    if tipo == NUMERO:
        return np.array(valores, dtype=float)  # None is NaN
    if tipo == BANDERA:
        return np.array([bool(x) for x in valores], dtype=bool)
    return np.array(valores, dtype=np.int64)


def _compacta(texto: pa.Array) -> pa.Array:
    """Text whose values repeat (keys, names, who registered) dictionary-encoded: each
    distinct value held once. Text that seldom repeats (links, descriptions), and a short
    column (where encoding costs more than it saves), stays plain."""
    if len(texto) < 256:
        return texto
    codificado = texto.dictionary_encode()
    return codificado if len(codificado.dictionary) * 2 <= len(texto) else texto


def columnas_vacias(hoja: str) -> Columnas:
    """A sheet without rows, typed."""
    return {columna: columna_tipada(columna, []) for columna in COLUMNAS[hoja]}


def elegir(valores: np.ndarray | pa.Array, indices) -> np.ndarray | pa.Array:
    """The values at ``indices`` (in that order) of a typed column."""
    indices = np.asarray(indices, dtype=np.int64)
    if isinstance(valores, np.ndarray):
        return valores[indices]
    return valores.take(pa.Array.from_buffers(pa.int64(), len(indices),
                                              [None, pa.py_buffer(indices)]))


def unir(partes: list) -> np.ndarray | pa.Array:
    """Typed columns of the same type, one after the other (text dictionary-encoded stays so,
    over the union of the dictionaries)."""
    if isinstance(partes[0], np.ndarray):
        return np.concatenate(partes)
    if all(pa.types.is_dictionary(parte.type) for parte in partes):
        return pa.concat_arrays(partes)
    return pa.concat_arrays([texto_plano(parte) for parte in partes])


def texto_plano(valores: pa.Array) -> pa.Array:
    """A text column without its dictionary (what a DataFrame of ``str`` takes)."""
    return valores.dictionary_decode() if pa.types.is_dictionary(valores.type) else valores


def como_lista(valores: np.ndarray | pa.Array) -> list:
    """A text column as Python values (``None`` when empty), for the rules that look up keys."""
    return en_numpy(valores).tolist()


def en_numpy(valores) -> np.ndarray:
    """A typed column as numpy: text as ``str`` objects (``None`` when empty).

    Not through pyarrow's ``to_numpy``, which imports pandas (a third of a second) to
    convert: the command line's roll-up never needs it (see :mod:`pat_core.al_corte`).
    A dictionary-encoded column makes each distinct text once."""
    if isinstance(valores, np.ndarray):
        return valores
    if isinstance(valores, pa.ChunkedArray):
        valores = valores.combine_chunks()
    if pa.types.is_dictionary(valores.type) and not valores.indices.null_count:
        distintos = np.array(valores.dictionary.to_pylist(), dtype=object)
        tipo = np.dtype(valores.indices.type.to_pandas_dtype())
        return distintos[desde_buffer(valores.indices, tipo)]
    return np.array(valores.to_pylist(), dtype=object)


# pyarrow's ``pa.array`` and ``to_numpy`` import pandas (a third of a second, in each process)
# to check what they are given; the columns are built from, and read as, their buffers.

def _validez(presentes: np.ndarray) -> pa.Buffer | None:
    return None if presentes.all() else pa.py_buffer(np.packbits(presentes, bitorder="little"))


def texto_arrow(valores: list) -> pa.Array:
    """Python text (``None`` when empty) as an Arrow string array."""
    vacias = [i for i, valor in enumerate(valores) if valor is None] if None in valores else []
    textos = valores if not vacias else ["" if valor is None else valor for valor in valores]
    datos, finales = _unidos(textos)
    if finales[-1] > np.iinfo(np.int32).max:
        raise ValueError("más de 2 GiB de texto en una columna")
    presentes = np.ones(len(textos), bool)
    presentes[vacias] = False
    return pa.Array.from_buffers(pa.string(), len(textos), [
        _validez(presentes), pa.py_buffer(finales.astype(np.int32)), pa.py_buffer(datos)])


_SEPARADOR = "\x00"  # XML forbids it in a cell's text; only an escape (_x0000_) can make it


def _unidos(textos: list[str]) -> tuple[bytes, np.ndarray]:
    """The texts' UTF-8 one after the other, and where each ends (after a leading 0).

    Joined and encoded at once, each end found where the separator was: no Python step
    per text, unless one holds the separator itself."""
    unidos = _SEPARADOR.join(textos)
    if unidos.count(_SEPARADOR) == max(len(textos) - 1, 0) and _SEPARADOR not in textos[-1:]:
        datos = unidos.encode()
        separadores = np.flatnonzero(np.frombuffer(datos, np.uint8) == 0)
        finales = np.empty(len(textos) + 1, np.int64)
        finales[0], finales[-1] = 0, len(datos) - len(separadores)
        finales[1:-1] = separadores - np.arange(len(separadores))
        return datos.replace(b"\x00", b""), finales
    crudos = [texto.encode() for texto in textos]
    finales = np.zeros(len(crudos) + 1, np.int64)
    np.cumsum(np.fromiter(map(len, crudos), np.int64, len(crudos)), out=finales[1:])
    return b"".join(crudos), finales


def enteros_arrow(valores: list) -> pa.Array:
    """Python integers (``None`` when empty) as an Arrow int64 array."""
    presentes = np.fromiter((valor is not None for valor in valores), bool, len(valores))
    numeros = np.fromiter((0 if valor is None else valor for valor in valores), np.int64,
                          len(valores))
    return pa.Array.from_buffers(pa.int64(), len(valores), [_validez(presentes),
                                                            pa.py_buffer(numeros)])


_TIPO_ARROW = {np.dtype(np.int64): pa.int64(), np.dtype(np.int32): pa.int32(),
               np.dtype(float): pa.float64()}


def numpy_arrow(valores: np.ndarray) -> pa.Array:
    """A column of numbers, dates (as their integer, NaT included) or flags as Arrow."""
    if valores.dtype == np.dtype(bool):
        bits = pa.py_buffer(np.packbits(valores, bitorder="little"))
        return pa.Array.from_buffers(pa.bool_(), len(valores), [None, bits])
    if valores.dtype.kind == "M":
        valores = valores.view(np.int64)
    valores = np.ascontiguousarray(valores)
    return pa.Array.from_buffers(_TIPO_ARROW[valores.dtype], len(valores),
                                 [None, pa.py_buffer(valores)])


def desde_buffer(arreglo: pa.Array, dtype: np.dtype) -> np.ndarray:
    """A column of numbers, dates or flags without nulls, as numpy from its Arrow buffer
    (without pyarrow's ``to_numpy``: see :func:`en_numpy`)."""
    if arreglo.null_count:
        raise ValueError("una columna tipada no tiene valores nulos")
    if not len(arreglo):
        return np.empty(0, dtype)
    datos = arreglo.buffers()[1]
    if dtype == np.dtype(bool):
        bits = np.unpackbits(np.frombuffer(datos, np.uint8), bitorder="little")
        return bits[arreglo.offset:arreglo.offset + len(arreglo)].view(bool)
    return np.frombuffer(datos, dtype, len(arreglo), arreglo.offset * dtype.itemsize)
