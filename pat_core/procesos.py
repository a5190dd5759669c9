"""Worker processes for reading many workbooks at once: how many, and how they start.

Parsing a workbook is CPU-bound work in this process's interpreter, so a roll-up of many
committees reads its new workbooks in other processes, one per core (``make bench`` shows
where that pays, and where it does not: see its «sin procesos» line).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

VARIABLE_PROCESOS = "PAT_PROCESOS"  # how many processes read; 1 reads in this one
MAXIMO_PROCESOS = 4


def procesos_de_lectura() -> int:
    """``PAT_PROCESOS`` when it is a whole number of at least 1; else one per core, up to
    :data:`MAXIMO_PROCESOS`."""
    valor = os.environ.get(VARIABLE_PROCESOS, "").strip()
    if valor.isdigit() and int(valor) >= 1:
        return int(valor)
    return min(os.cpu_count() or 1, MAXIMO_PROCESOS)


def grupo_de_procesos(procesos: int, precargar: str) -> ProcessPoolExecutor:
    """A pool of ``procesos`` workers. A process with one thread (the command line) forks
    them: they start at once, with everything already imported. A server with threads
    (the dashboard) must not fork: they come from a fork server that has imported
    ``precargar``, and so start in milliseconds after the first time."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(procesos, mp_context=multiprocessing.get_context("fork"))
    contexto = multiprocessing.get_context("forkserver")
    contexto.set_forkserver_preload([precargar])
    return ProcessPoolExecutor(procesos, mp_context=contexto)
