"""Worker processes for reading many workbooks at once: how many, and how they start.

Parsing a workbook is CPU-bound work in this process's interpreter, so a roll-up of many
committees reads its new workbooks in other processes, one per core (``make bench`` shows
where that pays, and where it does not: see its «sin procesos» line).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import weakref
from concurrent.futures import ProcessPoolExecutor

from . import vocabulario as v

MAXIMO_PROCESOS = 4
ESPERA_TRABAJADORES = 60.0  # seconds idle workers wait for another roll-up before they stop


def procesos_de_lectura() -> int:
    """``PAT_PROCESOS`` when it is a whole number of at least 1; else one per core, up to
    :data:`MAXIMO_PROCESOS`."""
    valor = os.environ.get(v.VARIABLE_PROCESOS, "").strip()
    if valor.isdigit() and int(valor) >= 1:
        return int(valor)
    return min(os.cpu_count() or 1, MAXIMO_PROCESOS)


def grupo_de_procesos(procesos: int, precargar: str) -> ProcessPoolExecutor:
    """A pool of ``procesos`` workers. A process with one thread (the command line) forks
    them: they start at once, with everything already imported. A server with threads
    (the dashboard) must not fork: they come from a fork server that has imported
    ``precargar``, and so start in milliseconds after the first time."""
    metodos = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in metodos:
        return ProcessPoolExecutor(procesos, mp_context=multiprocessing.get_context("fork"))
    if "forkserver" not in metodos:  # Windows: each worker starts a new interpreter
        return ProcessPoolExecutor(procesos, mp_context=multiprocessing.get_context("spawn"))
    contexto = multiprocessing.get_context("forkserver")
    contexto.set_forkserver_preload([precargar])
    return ProcessPoolExecutor(procesos, mp_context=contexto)


class Trabajadores:
    """The worker processes of a read cache: started when a roll-up first needs them,
    shared by the roll-ups running at once, and stopped once idle for
    :data:`ESPERA_TRABAJADORES` seconds (another year, a reload: the next roll-up finds
    them started)."""

    def __init__(self, precargar: str):
        self.precargar = precargar
        self.grupo: ProcessPoolExecutor | None = None
        self._usos = 0  # roll-ups using the workers now
        self._cierre: threading.Timer | None = None
        self._candado = threading.Lock()

    def tomar(self, procesos: int) -> ProcessPoolExecutor:
        with self._candado:
            self._usos += 1
            if self._cierre is not None:
                self._cierre.cancel()
                self._cierre = None
            if self.grupo is None:
                self.grupo = grupo_de_procesos(procesos, self.precargar)
            return self.grupo

    def soltar(self) -> None:
        """A roll-up is done with the workers: they stop once idle for a while."""
        with self._candado:
            self._usos -= 1
            if self._usos == 0 and self.grupo is not None:
                # a weak reference: workers no one holds any more go away at once
                self._cierre = threading.Timer(ESPERA_TRABAJADORES, _cerrar_si_ociosos,
                                               args=(weakref.ref(self),))
                self._cierre.daemon = True
                self._cierre.start()

    def _cerrar_si_ociosos(self) -> None:
        with self._candado:
            if self._usos or threading.current_thread() is not self._cierre:
                return  # a roll-up took them again meanwhile
            self._cierre = None
            grupo, self.grupo = self.grupo, None  # under the same lock: none takes them now
        if grupo is not None:
            grupo.shutdown(wait=False, cancel_futures=True)

    def cerrar(self, esperar: bool = False) -> None:
        """Stop the workers now; with ``esperar``, return once they have ended."""
        with self._candado:
            grupo, self.grupo = self.grupo, None
        if grupo is not None:
            grupo.shutdown(wait=esperar, cancel_futures=True)


def _cerrar_si_ociosos(referencia: weakref.ref) -> None:
    trabajadores = referencia()
    if trabajadores is not None:
        trabajadores._cerrar_si_ociosos()
