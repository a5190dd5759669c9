"""Read only what changed: workbooks remembered by path, modification time and size.

One :class:`CacheLecturas` serves every session of a dashboard server, and the
roll-up of many committees. It remembers, per workbook file, what reading and
validating it alone gave (the plan whole; the register cell by cell), keyed on
``(path, mtime_ns, size)`` plus the reading limits; and, per committee and
year, the year joined from its two workbooks. A saved workbook has a new time
or size, so the next request reads that file again, and only that file.

Thread-safe (Streamlit serves sessions in threads) and bounded: the least
recently used entries go first. Reads that fail are never remembered, so a
workbook caught half-saved is read again on the next request.

In the dashboard, hold ONE instance for the whole server, never a copy per
session (``st.cache_data`` would pickle a copy of every frame on each hit)::

    @st.cache_resource
    def lecturas() -> CacheLecturas:
        return CacheLecturas()

    datos = lecturas().cargar(carpeta, anio, umbrales)            # one committee
    total = consolidar(carpeta, anio, corte, cache=lecturas())    # all of them

What it returns is shared between sessions: treat it as read-only.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .lectura import archivos_en_otro_formato, firma, ruta_evidencias, ruta_pat
from .lectura import LibroIlegible
from .modelo import HOJAS_EVIDENCIAS, HOJAS_PAT, AnioLeido, DatosAnio, leer_anio, leer_validado
from .reglas import Umbrales

MINIMO_PARALELO = 64  # new workbooks below which starting processes costs more than it saves
MAXIMO_PROCESOS = 4


def _leer_lote(lote: list[tuple[str, bool, int, Umbrales]]) -> list:
    """In a worker process: read and validate some workbooks (None for one that fails)."""
    resultado = []
    for ruta, es_plan, anio, umbrales in lote:
        try:
            resultado.append(leer_validado(Path(ruta), HOJAS_PAT if es_plan else HOJAS_EVIDENCIAS,
                                           umbrales, anio))
        except LibroIlegible:
            resultado.append(None)
    return resultado


class CacheLecturas:
    """Workbooks read and validated, remembered until their file changes."""

    def __init__(self, maximo_libros: int = 8192, maximo_anios: int = 4096):
        self.maximo_libros = maximo_libros
        self.maximo_anios = maximo_anios
        self._candado = threading.Lock()
        self._libros: OrderedDict = OrderedDict()
        self._anios: OrderedDict = OrderedDict()
        self._vigente: dict = {}  # path -> its key now: an older version is dropped at once
        self.lecturas = 0  # workbook files actually read from disk (not from memory)
        self._grupo: ProcessPoolExecutor | None = None

    def anio(self, datos: Path, anio: int, umbrales: Umbrales = Umbrales()) -> AnioLeido:
        """One committee's year (typed columns): from memory unless one of its files changed."""
        datos = Path(datos)
        llave = (str(datos), anio, firma([ruta_pat(datos, anio), ruta_evidencias(datos, anio)]),
                 tuple(archivos_en_otro_formato(datos, anio)), umbrales)
        with self._candado:
            leido = self._anios.get(llave)
            if leido is not None:
                self._anios.move_to_end(llave)
                return leido
        leido = leer_anio(datos, anio, umbrales, self._leer_libro)
        if not leido.ilegibles:
            self._guardar(self._anios, llave, leido, self.maximo_anios)
        return leido

    def cargar(self, datos: Path, anio: int, umbrales: Umbrales = Umbrales()) -> DatosAnio:
        """:func:`pat_core.modelo.cargar`, reading only the files that changed."""
        return self.anio(datos, anio, umbrales).datos()

    def precargar(self, libros: list[tuple[Path, bool, int, Umbrales]]) -> int:
        """Read, in parallel processes, the workbooks not yet remembered.

        ``libros``: (path, is the plan?, year, thresholds). Worth it for a cold
        roll-up of many committees: parsing is CPU-bound Python that one process
        cannot spread over the machine's cores. Below :data:`MINIMO_PARALELO` new
        workbooks, or with one core, nothing is done here (the normal path reads
        them). Failed reads are left for the normal path, which reports them.
        Returns how many workbooks were read here.
        """
        pendientes = []
        for ruta, es_plan, anio, umbrales in libros:
            llave = self._llave(Path(ruta), HOJAS_PAT if es_plan else HOJAS_EVIDENCIAS, umbrales, anio)
            with self._candado:
                nuevo = llave is not None and llave not in self._libros
            if nuevo:
                pendientes.append((llave, str(ruta), es_plan, anio, umbrales))
        procesos = min(os.cpu_count() or 1, MAXIMO_PROCESOS)
        if len(pendientes) < MINIMO_PARALELO or procesos < 2:
            return 0
        lotes = [pendientes[i::procesos * 4] for i in range(procesos * 4)]
        try:
            resultados = list(self._trabajadores(procesos).map(
                _leer_lote, [[p[1:] for p in lote] for lote in lotes]))
        except Exception:  # noqa: BLE001 - no processes here: the normal path reads them all
            self._cerrar_trabajadores()
            return 0
        leidos = 0
        for lote, resultado in zip(lotes, resultados):
            for (llave, *_), leido in zip(lote, resultado):
                if leido is not None:
                    self._recordar(llave, leido)
                    leidos += 1
        return leidos

    def _trabajadores(self, procesos: int) -> ProcessPoolExecutor:
        """Worker processes, started once and kept: starting them costs more than a year's
        worth of workbooks. forkserver, not fork: the dashboard serves sessions in threads."""
        with self._candado:
            if self._grupo is None:
                self._grupo = ProcessPoolExecutor(
                    procesos, mp_context=multiprocessing.get_context("forkserver"))
                atexit.register(self._cerrar_trabajadores)
            return self._grupo

    def _cerrar_trabajadores(self) -> None:
        with self._candado:
            grupo, self._grupo = self._grupo, None
        if grupo is not None:
            grupo.shutdown(cancel_futures=True)

    def vaciar(self) -> None:
        """Forget everything (the dashboard's «Recargar datos»)."""
        with self._candado:
            self._libros.clear()
            self._anios.clear()
            self._vigente.clear()

    def __len__(self) -> int:
        return len(self._libros)

    @staticmethod
    def _llave(ruta: Path, especs, umbrales: Umbrales, anio: int):
        try:
            estado = os.stat(ruta)
        except OSError:
            return None
        return (str(ruta), estado.st_mtime_ns, estado.st_size, especs is HOJAS_PAT, anio,
                umbrales.tamano_maximo_mb, umbrales.descomprimido_maximo_mb)

    def _leer_libro(self, ruta: Path, especs, umbrales: Umbrales, anio: int):
        llave = self._llave(ruta, especs, umbrales, anio)
        if llave is None:  # gone or unreadable: the reader says so, in Spanish, and nothing is kept
            return leer_validado(ruta, especs, umbrales, anio)
        with self._candado:
            leido = self._libros.get(llave)
            if leido is not None:
                self._libros.move_to_end(llave)
                return leido
        leido = leer_validado(ruta, especs, umbrales, anio)  # LibroIlegible: not remembered
        self._recordar(llave, leido)
        return leido

    def _recordar(self, llave, leido) -> None:
        with self._candado:
            self.lecturas += 1
            ruta_y_tipo = (llave[0], llave[3])
            anterior = self._vigente.get(ruta_y_tipo)
            if anterior is not None and anterior != llave:
                self._libros.pop(anterior, None)
            self._vigente[ruta_y_tipo] = llave
        self._guardar(self._libros, llave, leido, self.maximo_libros)

    def _guardar(self, tabla: OrderedDict, llave, valor, maximo: int) -> None:
        with self._candado:
            tabla[llave] = valor
            tabla.move_to_end(llave)
            while len(tabla) > maximo:
                tabla.popitem(last=False)
