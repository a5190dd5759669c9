"""Validated workbooks kept on disk, so the next process need not read them again.

One Arrow IPC file per workbook (its path, kind, year, thresholds and this code's version
name the file), holding what reading and validating that workbook alone gave: typed
columns and problems. An entry is used only while the workbook has the same modification
time and size it had when read; otherwise, or if the entry is damaged or was written by
another version of the code, it is ignored and written anew. A workbook that could not be
read is never kept. A roll-up keeps one more entry: every committee's sheets joined, named
by the data folder and year, used only while every workbook of it is the version it was
(:func:`pat_core.comites.consolidar`). Entries are written into a temporary file as Arrow
makes them, with a checksum after them, then renamed into place; they hold data only:
loading one never runs code.

The folder is ``PAT_CACHE``; by default the user's cache folder (``~/.cache/tablero-pat`` on
Linux). ``PAT_CACHE=off`` turns it off, and so does a folder inside the data folder: the
committee's folder is only ever read.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import unicodedata
import tempfile
import time
import zlib
from dataclasses import fields
from importlib import metadata
from pathlib import Path

import numpy as np
import pyarrow as pa

from . import vocabulario as v
from .al_corte import GRUPO
from .contrato import (DTYPES, TEXTO, desde_buffer, enteros_arrow, numpy_arrow, texto_arrow,
                       tipo_columna)
from .problemas import Problema
from .validacion import HojaPendiente, PlanLeido, RegistroLeido

APAGADA = "off"
_PROBLEMAS = "__problemas"
_FILAS, _VALIDA = "__filas", "__valida"
# The modules whose code decides what an entry holds: a change to any of them is a new version.
_MODULOS = ("anio", "celdas", "columnas", "contrato", "hojas_xml", "lectura", "motor_calamine",
            "problemas", "reglas", "validacion", "vocabulario", "cache_disco", "cache", "comites",
            "al_corte")
_version: str | None = None


def carpeta_cache(datos: Path) -> Path | None:
    """Where the entries go for the data folder ``datos``; ``None`` when the cache is off."""
    valor = os.environ.get(v.VARIABLE_CACHE, "").strip()
    if valor.lower() == APAGADA:
        return None
    try:
        carpeta = Path(valor).expanduser() if valor else _carpeta_del_usuario()
    except RuntimeError:  # no home folder to expand
        return None
    return None if _dentro(carpeta, str(datos)) else carpeta  # never in the committee's folder


def _carpeta_del_usuario() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "tablero-pat"


def version_codigo() -> str:
    """A digest of the reading code and of the libraries that read: entries of another
    version are never used."""
    global _version
    if _version is None:
        huella = hashlib.sha256()
        carpeta = Path(__file__).parent
        for modulo in _MODULOS:
            huella.update((carpeta / f"{modulo}.py").read_bytes())
        for paquete in ("python-calamine", "pyarrow", "numpy"):
            huella.update(metadata.version(paquete).encode())
        # str.isprintable and the accents folded follow Python's Unicode tables
        huella.update(f"{sys.version}{unicodedata.unidata_version}".encode())
        _version = huella.hexdigest()[:16]
    return _version


class CacheEnDisco:
    """The entries of one cache folder. Every failure to read or write one is silent: the
    workbook is then simply read from its file."""

    def __init__(self, carpeta: Path):
        self.carpeta = Path(carpeta)

    def _archivo(self, llave: tuple) -> Path:
        ruta, _, es_plan, anio, umbrales = llave
        return self._con_nombre((ruta, es_plan, anio, umbrales, version_codigo()))

    def cargar(self, llave: tuple):
        """``(what was read, problems of reading)`` kept for the workbook version of ``llave``
        (see :meth:`pat_core.cache.CacheLecturas._llave`), or ``None``."""
        return self._cargar(self._archivo(llave), _huella(llave),
                            lambda lote: _desde_lote(lote, llave[2]))

    def guardar(self, llave: tuple, leido) -> bool:
        """Keep ``leido``, read from the workbook version of ``llave``; ``False`` when it
        was not kept."""
        if _dentro(self.carpeta, os.path.dirname(llave[0])) or _reciente(llave):
            return False  # a committee's folder (the root was checked by carpeta_cache)
        return self._escribir(self._archivo(llave), lambda: _a_lote(leido), _huella(llave))

    def cargar_unidos(self, llave: tuple) -> tuple[list[str], dict, dict[str, list[Problema]]] | None:
        """``(committees, joined sheets, problems of each committee)`` of the roll-up kept for
        ``llave`` (see :meth:`pat_core.cache.CacheLecturas.llave_consolidado`), or ``None``."""
        return self._cargar(self._archivo_unidos(llave), _huella_unidos(llave), _unidos_desde_lote)

    def guardar_unidos(self, llave: tuple, comites: list[str], hojas: dict,
                       problemas: dict[str, list[Problema]]) -> bool:
        """Keep a roll-up's joined sheets (with ``_grupo``, the committee's place in ``comites``)
        when every committee has both its workbooks, none saved just now."""
        versiones = [version for *_, llaves in llave[2] for version in llaves]
        if _dentro(self.carpeta, llave[0]) or not all(versiones) or any(map(_reciente, versiones)):
            return False
        metadatos = {b"comites": json.dumps(comites).encode()}
        return self._escribir(self._archivo_unidos(llave), lambda: _partes_a_lote(hojas, problemas),
                              _huella_unidos(llave), metadatos)

    def _archivo_unidos(self, llave: tuple) -> Path:
        return self._con_nombre(("consolidado", *llave[:2], version_codigo()))

    def _con_nombre(self, que: tuple) -> Path:
        resumen = hashlib.sha256(repr(que).encode(errors="surrogateescape")).hexdigest()[:32]
        return self.carpeta / f"{resumen}.arrow"

    @staticmethod
    def _cargar(archivo: Path, huella: bytes, desde_lote):
        """What ``desde_lote`` makes of the entry's batch, if the entry is whole and of this
        ``huella``; else ``None`` (the workbooks are read).

        The entry is mapped, not read into this process's memory. Its checksum is checked
        before Arrow parses a byte of it: a damaged entry is never read as figures; one of an
        unexpected shape is not used either. Neither can crash the process."""
        try:
            mapa = pa.memory_map(str(archivo))
            datos = mapa.read_buffer()
            if len(datos) < _COLA or datos[-_COLA:].to_pybytes() != _cola(datos[:-_COLA]):
                return None
            lote = pa.ipc.open_file(datos[:-_COLA]).get_batch(0)
            if lote.schema.metadata.get(b"huella") != huella:
                return None
            return desde_lote(lote)
        except Exception:  # noqa: BLE001 - missing, damaged or foreign: read the workbook
            return None

    def _escribir(self, archivo: Path, hacer_lote, huella: bytes, metadatos: dict | None = None
                  ) -> bool:
        """Write the entry into a new file as Arrow makes it (never whole in this process's
        memory), then its checksum after it, then rename it into place; one left damaged (a
        power cut, a disk error) fails its checksum and the workbook is read again."""
        try:
            lote = hacer_lote().replace_schema_metadata({b"huella": huella, **(metadatos or {})})
            self.carpeta.mkdir(parents=True, exist_ok=True)
            descriptor, temporal = tempfile.mkstemp(dir=self.carpeta, suffix=".tmp")
            os.close(descriptor)
            try:
                with pa.OSFile(temporal, "wb") as archivo_salida, \
                        pa.BufferedOutputStream(archivo_salida, _BLOQUE) as salida, \
                        pa.ipc.new_file(salida, lote.schema) as escritor:
                    escritor.write_batch(lote)
                with pa.memory_map(temporal) as escrito:
                    cola = _cola(escrito.read_buffer())
                with open(temporal, "ab") as salida:
                    salida.write(cola)
                os.replace(temporal, archivo)
            except BaseException:
                os.unlink(temporal)
                raise
        except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
            return False
        return True


def _reciente(llave: tuple) -> bool:
    """Saved just now: another save within the clock's tick could leave the same time and
    size (git does the same with such «racy» files)."""
    return time.time() - llave[1][0] / 1e9 < _RECIENTE_S


@functools.lru_cache(maxsize=1024)
def _dentro(carpeta: Path, datos: str) -> bool:
    try:
        return carpeta.resolve().is_relative_to(Path(datos).resolve())
    except (OSError, RuntimeError):
        return True


_MARCA = b"PATCACHE"
_COLA = len(_MARCA) + 8  # the entry ends with this mark and the CRC-32 of what precedes it


def _cola(datos) -> bytes:
    return _MARCA + zlib.crc32(datos).to_bytes(8, "little")


_BLOQUE = 1 << 20  # bytes written at a time: an entry is made of many small buffers
_RECIENTE_S = 2.0  # a workbook saved less than this ago is read, but not kept on disk


def _huella(llave: tuple) -> bytes:
    ruta, version = llave[0], llave[1]
    return repr((ruta, version, version_codigo())).encode(errors="surrogateescape")


def _huella_unidos(llave: tuple) -> bytes:
    """The committees and the versions of their workbooks (a digest: there may be thousands)."""
    versiones = [(comite, umbrales, libros, [None if v is None else v[:2] for v in llaves])
                 for comite, umbrales, libros, llaves in llave[2]]
    texto = repr((llave[:2], versiones, version_codigo())).encode(errors="surrogateescape")
    return hashlib.sha256(texto).hexdigest().encode()


# ---------------------------------------------------------------- to and from Arrow
# One record batch of one row: each column of each part («evidencias/Fecha»), and each
# field of the problems, as a list. Parts of different lengths so share one schema, and
# loading an entry is one read and a view of each column.


def _a_lote(leido: tuple) -> pa.RecordBatch:
    contenido, problemas_lectura = leido
    columnas = {}
    listas = {"lectura": problemas_lectura}
    for campo in fields(contenido):
        valor = getattr(contenido, campo.name)
        if isinstance(valor, HojaPendiente):
            columnas.update(_con_parte(campo.name, {**valor.columnas, _FILAS: valor.filas,
                                                    _VALIDA: valor.valida}))
            listas[campo.name] = valor.problemas
            listas[f"{campo.name}.lugar"] = [Problema("", valor.libro, valor.hoja, None, None,
                                                      None, "")]
        elif isinstance(valor, dict):
            columnas.update(_con_parte(campo.name, valor))
        elif campo.name == "problemas":
            listas[campo.name] = valor
    columnas.update(_con_parte(_PROBLEMAS, _problemas_a_columnas(listas)))
    return pa.record_batch({nombre: _una_fila(arreglo) for nombre, arreglo in columnas.items()})


def _con_parte(parte: str, columnas: dict) -> dict:
    return {f"{parte}/{nombre}": _a_arrow(valores) for nombre, valores in columnas.items()}


def _a_arrow(valores) -> pa.Array:
    return valores if isinstance(valores, pa.Array) else numpy_arrow(valores)


def _una_fila(arreglo: pa.Array) -> pa.ListArray:
    return pa.ListArray.from_arrays(numpy_arrow(np.array([0, len(arreglo)], np.int32)), arreglo)


def _problemas_a_columnas(listas: dict[str, list[Problema]]) -> dict:
    filas = [(lista, p) for lista, problemas in listas.items() for p in problemas]
    columnas = {"lista": texto_arrow([lista for lista, _ in filas])}
    for campo in fields(Problema):
        valores = [getattr(p, campo.name) for _, p in filas]
        columnas[campo.name] = (enteros_arrow(valores) if campo.name == "fila" else
                                numpy_arrow(np.array(valores, bool)) if campo.type in ("bool", bool) else
                                texto_arrow(valores))
    return columnas


def _partes_a_lote(hojas: dict, listas: dict[str, list[Problema]]) -> pa.RecordBatch:
    """Sheets of typed columns and named lists of problems (a year, a roll-up)."""
    columnas = {}
    for hoja, columnas_hoja in hojas.items():
        columnas.update(_con_parte(hoja, columnas_hoja))
    columnas.update(_con_parte(_PROBLEMAS, _problemas_a_columnas(listas)))
    return pa.record_batch({nombre: _una_fila(arreglo) for nombre, arreglo in columnas.items()})


def _partes_desde_lote(lote: pa.RecordBatch) -> tuple[dict, dict[str, list[Problema]]]:
    partes = _partes(lote)
    listas = _problemas_desde(partes.pop(_PROBLEMAS))
    return {hoja: _columnas_desde(columnas) for hoja, columnas in partes.items()}, listas


def _partes(lote: pa.RecordBatch) -> dict[str, dict[str, pa.Array]]:
    partes: dict[str, dict] = {}
    for nombre, columna in zip(lote.schema.names, lote.columns):
        parte, _, columna_nombre = nombre.partition("/")
        partes.setdefault(parte, {})[columna_nombre] = columna.values
    return partes


def _unidos_desde_lote(lote: pa.RecordBatch) -> tuple[list[str], dict, dict[str, list[Problema]]]:
    comites = json.loads(lote.schema.metadata[b"comites"])
    hojas, listas = _partes_desde_lote(lote)
    return comites, hojas, {comite: listas.get(comite, []) for comite in comites}


def _desde_lote(lote: pa.RecordBatch, es_plan: bool) -> tuple:
    partes = _partes(lote)
    listas = _problemas_desde(partes.pop(_PROBLEMAS))
    clase = PlanLeido if es_plan else RegistroLeido
    valores = {}
    for campo in fields(clase):
        if campo.name == "problemas":
            valores[campo.name] = listas.get("problemas", [])
        elif f"{campo.name}.lugar" in listas:  # a pending register sheet
            [lugar] = listas[f"{campo.name}.lugar"]
            columnas = _columnas_desde(partes[campo.name])
            filas, valida = columnas.pop(_FILAS), columnas.pop(_VALIDA)
            valores[campo.name] = HojaPendiente(columnas, filas, valida,
                                                listas.get(campo.name, []), lugar.libro, lugar.hoja)
        elif campo.name in partes:
            valores[campo.name] = _columnas_desde(partes[campo.name])
        else:
            valores[campo.name] = None  # a register sheet the workbook does not have
    return clase(**valores), listas.get("lectura", [])


_DTYPE_INTERNO = {_FILAS: np.dtype(np.int64), _VALIDA: np.dtype(bool), GRUPO: np.dtype(np.int64)}


def _columnas_desde(arreglos: dict[str, pa.Array]) -> dict:
    columnas = {}
    for nombre, arreglo in arreglos.items():
        if nombre in _DTYPE_INTERNO:
            columnas[nombre] = desde_buffer(arreglo, _DTYPE_INTERNO[nombre])
        elif tipo_columna(nombre) == TEXTO:
            columnas[nombre] = arreglo
        else:
            columnas[nombre] = desde_buffer(arreglo, DTYPES[tipo_columna(nombre)])
    return columnas


def _problemas_desde(columnas: dict[str, pa.Array]) -> dict[str, list[Problema]]:
    listas: dict[str, list[Problema]] = {}
    if not len(columnas["lista"]):
        return listas
    valores = [columnas[campo.name].to_pylist() for campo in fields(Problema)]
    for lista, *campos in zip(columnas["lista"].to_pylist(), *valores):
        listas.setdefault(lista, []).append(Problema(*campos))
    return listas
