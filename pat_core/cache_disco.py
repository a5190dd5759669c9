"""Validated workbooks kept on disk, so the next process need not read them again.

One Arrow IPC file per workbook (its path, kind, year, thresholds and this code's version
name the file), holding what reading and validating that workbook alone gave: typed
columns and problems. An entry is used only while the workbook has the same modification
time and size it had when read; otherwise, or if the entry is damaged or was written by
another version of the code, it is ignored and written anew. A workbook that could not be
read is never kept. Entries are written whole (a temporary file, then renamed) and hold
data only: loading one never runs code.

The folder is ``PAT_CACHE``; by default the user's cache folder (``~/.cache/tablero-pat`` on
Linux). ``PAT_CACHE=off`` turns it off, and so does a folder inside the data folder: the
committee's folder is only ever read.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from dataclasses import fields
from importlib import metadata
from pathlib import Path

import numpy as np
import pyarrow as pa

from . import vocabulario as v
from .contrato import BANDERA, DTYPES, ENTERO, FECHA, TEXTO, tipo_columna
from .problemas import Problema
from .validacion import HojaPendiente, PlanLeido, RegistroLeido

APAGADA = "off"
_PROBLEMAS = "__problemas"
_FILAS, _VALIDA = "__filas", "__valida"
# The modules whose code decides what an entry holds: a change to any of them is a new version.
_MODULOS = ("anio", "celdas", "columnas", "contrato", "hojas_xml", "lectura", "motor_calamine",
            "problemas", "reglas", "validacion", "vocabulario", "cache_disco")
_version: str | None = None


def carpeta_cache(datos: Path) -> Path | None:
    """Where the entries go for the data folder ``datos``; ``None`` when the cache is off."""
    valor = os.environ.get(v.VARIABLE_CACHE, "").strip()
    if valor.lower() == APAGADA:
        return None
    carpeta = Path(valor).expanduser() if valor else _carpeta_del_usuario()
    try:
        if carpeta.resolve().is_relative_to(Path(datos).resolve()):
            return None  # never a byte written in the committee's folder
    except (OSError, RuntimeError):
        return None
    return carpeta


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
        _version = huella.hexdigest()[:16]
    return _version


class CacheEnDisco:
    """The entries of one cache folder. Every failure to read or write one is silent: the
    workbook is then simply read from its file."""

    def __init__(self, carpeta: Path):
        self.carpeta = Path(carpeta)

    def _archivo(self, ruta: str, es_plan: bool, anio: int, umbrales) -> Path:
        nombre = repr((ruta, es_plan, anio, umbrales, version_codigo()))
        return self.carpeta / f"{hashlib.sha256(nombre.encode()).hexdigest()[:32]}.arrow"

    def cargar(self, ruta: str, modificado: int, tamano: int, es_plan: bool, anio: int,
               umbrales):
        """``(what was read, problems of reading)`` kept for this version of the workbook,
        or ``None``."""
        archivo = self._archivo(ruta, es_plan, anio, umbrales)
        try:
            # Mapped, not read: a column no one looks at (the links of a register, in a
            # roll-up) is never loaded. Entries are replaced whole, never written in place.
            lote = pa.ipc.open_file(pa.memory_map(str(archivo))).get_batch(0)
            if lote.schema.metadata.get(b"huella") != _huella(ruta, modificado, tamano):
                return None
            return _desde_lote(lote, es_plan)
        except Exception:  # noqa: BLE001 - missing, damaged or foreign: read the workbook
            return None

    def guardar(self, ruta: str, modificado: int, tamano: int, es_plan: bool, anio: int,
                umbrales, leido) -> bool:
        """Keep ``leido``; ``False`` when it could not be written."""
        archivo = self._archivo(ruta, es_plan, anio, umbrales)
        try:
            lote = _a_lote(leido).replace_schema_metadata(
                {b"huella": _huella(ruta, modificado, tamano)})
            self.carpeta.mkdir(parents=True, exist_ok=True)
            descriptor, temporal = tempfile.mkstemp(dir=self.carpeta, suffix=".tmp")
            try:
                with os.fdopen(descriptor, "wb") as salida, \
                        pa.ipc.new_file(salida, lote.schema) as escritor:
                    escritor.write_batch(lote)
                os.replace(temporal, archivo)
            except BaseException:
                os.unlink(temporal)
                raise
        except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
            return False
        return True


def _huella(ruta: str, modificado: int, tamano: int) -> bytes:
    return f"{ruta}\0{modificado}\0{tamano}\0{version_codigo()}".encode()


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
    if isinstance(valores, pa.Array):
        return valores
    if valores.dtype.kind == "M":
        return pa.array(valores.view(np.int64))  # NaT kept as the integer it is
    return pa.array(valores)


def _una_fila(arreglo: pa.Array) -> pa.ListArray:
    return pa.ListArray.from_arrays(pa.array([0, len(arreglo)], pa.int32()), arreglo)


def _problemas_a_columnas(listas: dict[str, list[Problema]]) -> dict:
    filas = [(lista, p) for lista, problemas in listas.items() for p in problemas]
    columnas = {"lista": pa.array([lista for lista, _ in filas], pa.string())}
    for campo in fields(Problema):
        tipo = pa.int64() if campo.name == "fila" else pa.string()
        columnas[campo.name] = pa.array([getattr(p, campo.name) for _, p in filas], tipo)
    return columnas


def _desde_lote(lote: pa.RecordBatch, es_plan: bool) -> tuple:
    partes: dict[str, dict] = {}
    for nombre, columna in zip(lote.schema.names, lote.columns):
        parte, _, columna_nombre = nombre.partition("/")
        partes.setdefault(parte, {})[columna_nombre] = columna.values
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


def _columnas_desde(arreglos: dict[str, pa.Array]) -> dict:
    columnas = {}
    for nombre, arreglo in arreglos.items():
        tipo = ENTERO if nombre == _FILAS else BANDERA if nombre == _VALIDA else tipo_columna(nombre)
        if tipo == TEXTO:
            columnas[nombre] = arreglo
        elif tipo == FECHA:
            columnas[nombre] = arreglo.to_numpy(zero_copy_only=False).view(DTYPES[FECHA])
        else:
            columnas[nombre] = arreglo.to_numpy(zero_copy_only=False)
    return columnas


def _problemas_desde(columnas: dict[str, pa.Array]) -> dict[str, list[Problema]]:
    listas: dict[str, list[Problema]] = {}
    if not len(columnas["lista"]):
        return listas
    valores = [columnas[campo.name].to_pylist() for campo in fields(Problema)]
    for lista, *campos in zip(columnas["lista"].to_pylist(), *valores):
        listas.setdefault(lista, []).append(Problema(*campos))
    return listas
