"""Read only what changed: workbooks remembered until their file changes.

One :class:`CacheLecturas` serves every session of a dashboard server, and the
roll-up of many committees. It remembers, per workbook file, what reading and
validating it alone gave (the plan whole; the register cell by cell), keyed on the
file's version (:meth:`CacheLecturas._llave`: path, modification time, size, inode and
change time) plus the year and thresholds; and, per committee and year, the year joined
from its two workbooks. A saved workbook is a new version, so the next request reads
that file again, and only that file. With a :class:`~pat_core.cache_disco.CacheEnDisco`
(:func:`lecturas_en_disco`), what it reads is kept on disk too, for the next process.

Thread-safe (Streamlit serves sessions in threads) and bounded: the least
recently used entries go first. Reads that fail are never remembered, so a
workbook caught half-saved is read again on the next request.

In the dashboard, hold ONE instance for the whole server, never a copy per
session (``st.cache_data`` would pickle a copy of every frame on each hit)::

    @st.cache_resource
    def lecturas() -> CacheLecturas:
        return lecturas_en_disco(carpeta_datos())

    datos = lecturas().cargar(carpeta, anio, umbrales)            # one committee
    total = consolidar(carpeta, anio, corte, cache=lecturas())    # all of them

What it returns is shared between sessions: treat it as read-only.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .anio import AnioLeido, DatosAnio, leer_anio, leer_validado
from .cache_disco import CacheEnDisco, carpeta_cache
from .contrato import HOJAS_EVIDENCIAS, HOJAS_PAT
from .lectura import LibroIlegible, LibrosDelAnio, firma, libros_del_anio
from .procesos import Trabajadores, procesos_de_lectura
from .reglas import Umbrales

MINIMO_PARALELO = 64  # new workbooks below which starting processes costs more than it saves
LIBROS_POR_ENCARGO = 8  # workbooks per task: small, so every core stays busy to the last one


EN_DISCO = "en disco"  # what a worker answers for a workbook it kept on disk


def _leer_lote(lote: list[tuple], disco: CacheEnDisco | None) -> list:
    """In a worker process: read and validate some workbooks. For each, :data:`EN_DISCO`
    when it was kept on disk (this process then maps it from there: nothing is copied
    between processes, and a column no one looks at is never loaded), else what was read;
    ``None`` for one that could not be read."""
    resultado = []
    for llave in lote:
        try:
            leido, guardado = leer_y_guardar(llave, disco)
        except LibroIlegible:
            resultado.append(None)
        else:
            resultado.append(EN_DISCO if guardado else leido)
    return resultado


def leer_y_guardar(llave: tuple, disco: CacheEnDisco | None) -> tuple:
    """Read and validate the workbook of ``llave`` (see :meth:`CacheLecturas._llave`); keep it
    on disk when its file did not change meanwhile. Returns ``(what was read, whether it was
    kept)``. Raises :class:`LibroIlegible`."""
    ruta, _, es_plan, anio, umbrales = llave
    leido = leer_validado(Path(ruta), HOJAS_PAT if es_plan else HOJAS_EVIDENCIAS, umbrales, anio)
    guardado = (disco is not None
                and CacheLecturas._llave(Path(ruta), es_plan, umbrales, anio) == llave
                and disco.guardar(llave, leido))
    return leido, guardado


class CacheLecturas:
    """Workbooks read and validated, remembered until their file changes."""

    def __init__(self, maximo_libros: int = 8192, maximo_anios: int = 4096,
                 disco: CacheEnDisco | None = None):
        self.maximo_libros = maximo_libros
        self.disco = disco  # where validated workbooks are kept between processes
        self.maximo_anios = maximo_anios
        self._candado = threading.Lock()
        self._libros: OrderedDict = OrderedDict()
        self._anios: OrderedDict = OrderedDict()
        self._vigente: dict = {}  # path -> its key now: an older version is dropped at once
        self._presentes: dict = {}  # folder -> {(year, is the plan)} of the workbooks seen at a read
        self.lecturas = 0  # workbook files actually read from disk (not from memory)
        self.trabajadores = Trabajadores(__name__)

    def anio(self, datos: Path, anio: int, umbrales: Umbrales = Umbrales(),
             encargos: dict | None = None, libros: LibrosDelAnio | None = None) -> AnioLeido:
        """One committee's year (typed columns): from memory unless one of its files changed.

        A workbook that was there at an earlier read and is missing now is a failed
        read (Excel removes and renames the file while it saves), never "no register":
        until :meth:`vaciar`, the year remembers which of its workbooks it has seen.
        """
        datos = Path(datos)
        libros = libros_del_anio(datos, anio) if libros is None else libros
        huella = firma(libros.rutas)
        with self._candado:
            # part of the key: a register never there and one gone for a moment read apart
            registro_leido_antes = (anio, False) in self._presentes.get(str(datos), ())
            llave = (str(datos), anio, huella, libros, umbrales, registro_leido_antes)
            leido = self._anios.get(llave)
            if leido is not None:
                self._anios.move_to_end(llave)
                return leido
        self._ver_presentes(str(datos), anio, huella)

        def lector(ruta: Path, especs, umbrales: Umbrales, anio: int):
            return self._leer_libro(ruta, especs, umbrales, anio, encargos)

        leido = leer_anio(datos, anio, umbrales, lector, libros, registro_leido_antes)
        if not leido.ilegibles:
            self._guardar(self._anios, llave, leido, self.maximo_anios)
        return leido

    def llave_consolidado(self, datos: Path, anio: int, nombres: list[str],
                          pedidos: list[tuple]) -> tuple:
        """What names a roll-up's joined sheets on disk: the data folder, the year and, for
        each committee of ``pedidos`` (as :meth:`anios` takes them), how it is read and the
        version of each of its two workbooks (see :meth:`_llave`; ``None`` for one not there)."""
        return os.path.abspath(datos), anio, tuple(
            (nombre, umbrales, repr(libros),
             tuple(self._llave(ruta, es_plan, umbrales, anio) for ruta, es_plan in
                   ((libros.plan.ruta, True), (libros.registro.ruta, False))))
            for nombre, (_, _, umbrales, libros) in zip(nombres, pedidos))

    def vistos(self, pedidos: list[tuple]) -> None:
        """Remember the workbooks of ``pedidos`` (as :meth:`anios` takes them) that are there
        now, when their years come joined from elsewhere (a roll-up's entry on disk)."""
        for datos, anio, _, libros in pedidos:
            self._ver_presentes(str(datos), anio, firma(libros.rutas))

    def _ver_presentes(self, datos: str, anio: int, huella: tuple) -> None:
        """Remember the workbooks of the year that are there now (``huella`` has a time for
        each file present)."""
        with self._candado:
            for es_plan, (_, modificado, _) in zip((True, False), huella):
                if modificado is not None:
                    self._presentes.setdefault(datos, set()).add((anio, es_plan))

    def anios_leidos(self, datos: Path) -> set[int]:
        """The years whose plan in ``datos`` was there at an earlier read: the dashboard
        keeps offering them while the plan is missing for a moment."""
        with self._candado:
            return {anio for anio, es_plan in self._presentes.get(str(Path(datos)), ()) if es_plan}

    def comites_leidos(self, datos: Path) -> set[str]:
        """The sub-folders of ``datos`` with a plan seen at an earlier read: a committee whose
        only plan is missing for a moment stays in the roll-up, as a failed read."""
        raiz = str(Path(datos))
        with self._candado:
            return {os.path.basename(carpeta) for carpeta, vistos in self._presentes.items()
                    if os.path.dirname(carpeta) == raiz and any(es_plan for _, es_plan in vistos)}

    def anios(self, pedidos: Iterable[tuple[Path, int, Umbrales, LibrosDelAnio]]) -> list[AnioLeido]:
        """Many committees' years at once (a roll-up): ``pedidos`` are (folder, year, thresholds,
        its workbooks as :func:`pat_core.lectura.libros_del_anio` listed them).

        When many workbooks are new (:data:`MINIMO_PARALELO`) and the machine has more
        than one core, worker processes read them while this process joins, in order,
        the years whose workbooks are already read: parsing is CPU-bound work that one
        process cannot spread over the cores. The workers wait a while for the next
        roll-up (another year, a reload: they remember the values they have parsed)
        and stop a while after (:class:`pat_core.procesos.Trabajadores`).
        """
        pedidos, encargos = self._encargar(pedidos)
        con_trabajadores = bool(encargos)  # each read takes its own out of ``encargos``
        try:
            return [self.anio(datos, anio, umbrales, encargos, libros)
                    for datos, anio, umbrales, libros in pedidos]
        finally:
            if con_trabajadores:
                for futuro, _ in encargos.values():  # not asked for: an error, or a year in memory
                    futuro.cancel()
                self.trabajadores.soltar()

    def cargar(self, datos: Path, anio: int, umbrales: Umbrales = Umbrales()) -> DatosAnio:
        """:func:`pat_core.anio.cargar`, reading only the files that changed."""
        return self.anio(datos, anio, umbrales).datos()

    def _encargar(self, pedidos: Iterable) -> tuple[list, dict]:
        """Hand the workbooks not in memory to worker processes, a few per task.

        Returns the ``pedidos`` seen and ``{llave: (future, position in its task)}``, empty
        when it is not worth it.
        Failed reads come back as ``None`` and are read again here, where the failure is
        reported.
        """
        procesos = procesos_de_lectura()
        vistos, pendientes, encargos = [], [], {}
        grupo = None
        try:
            for datos, anio, umbrales, libros in pedidos:
                vistos.append((datos, anio, umbrales, libros))
                if procesos < 2:
                    continue
                for ruta, es_plan in ((libros.plan.ruta, True), (libros.registro.ruta, False)):
                    llave = self._llave(ruta, es_plan, umbrales, anio)
                    if llave is not None and self._guardado(llave) is None:
                        pendientes.append(llave)
                if grupo is None and len(pendientes) >= MINIMO_PARALELO:
                    grupo = self.trabajadores.tomar(procesos)
                if grupo is not None:
                    pendientes = self._enviar(grupo, pendientes, encargos)
            if grupo is not None:
                self._enviar(grupo, pendientes, encargos, todos=True)
        except BaseException:  # a folder that cannot be listed, workers that cannot start…
            if grupo is not None:
                for futuro, _ in encargos.values():
                    futuro.cancel()
                self.trabajadores.soltar()
            raise
        if grupo is not None and not encargos:
            self.trabajadores.soltar()
        return vistos, encargos

    def _enviar(self, grupo: ProcessPoolExecutor, pendientes: list, encargos: dict,
                todos: bool = False) -> list:
        """Send pending workbooks in tasks of :data:`LIBROS_POR_ENCARGO` (the last one
        shorter when ``todos``). Returns those left waiting: none if the workers broke
        down, and this process reads them itself."""
        while pendientes and (todos or len(pendientes) >= LIBROS_POR_ENCARGO):
            lote, pendientes = pendientes[:LIBROS_POR_ENCARGO], pendientes[LIBROS_POR_ENCARGO:]
            try:
                futuro = grupo.submit(_leer_lote, lote, self.disco)
            except Exception:  # noqa: BLE001 - broken workers: this process reads the rest
                self.trabajadores.cerrar()
                return []
            for posicion, llave in enumerate(lote):
                encargos[llave] = (futuro, posicion)
        return pendientes

    def terminar(self) -> None:
        """Stop the worker processes and wait for them: a command that is done. (Left to end
        as the process exits, Python 3.11 may wake their manager after it closed its pipe,
        and print a traceback of that.)"""
        self.trabajadores.cerrar(esperar=True)

    def vaciar(self) -> None:
        """Forget everything (the dashboard's «Recargar datos»)."""
        with self._candado:
            self._libros.clear()
            self._anios.clear()
            self._vigente.clear()
            self._presentes.clear()

    def __len__(self) -> int:
        return len(self._libros)

    @staticmethod
    def _llave(ruta: Path, es_plan: bool, umbrales: Umbrales, anio: int) -> tuple | None:
        """What names one version of a workbook read one way; ``None`` when it is not there.

        The version is the file's modification time and size, and its inode and change
        time: a file copied over it keeping the time and size (``cp -p``, a sync tool) is
        still another version."""
        try:
            estado = os.stat(ruta)
        except OSError:
            return None
        version = (estado.st_mtime_ns, estado.st_size, estado.st_ino, estado.st_ctime_ns)
        return (os.path.abspath(ruta), version, es_plan, anio, umbrales)

    def _guardado(self, llave: tuple):
        """What was read of the workbook of ``llave``: from memory, else from the disk
        (then remembered in memory); ``None`` when neither has it."""
        with self._candado:
            leido = self._libros.get(llave)
            if leido is not None:
                self._libros.move_to_end(llave)
                return leido
        leido = self.disco.cargar(llave) if self.disco is not None else None
        if leido is not None:
            self._recordar(llave, leido, leido_del_libro=False)
        return leido

    def _leer_libro(self, ruta: Path, especs, umbrales: Umbrales, anio: int,
                    encargos: dict | None = None):
        es_plan = especs is HOJAS_PAT
        llave = self._llave(ruta, es_plan, umbrales, anio)
        if llave is None:  # gone or unreadable: the reader says so, in Spanish, and nothing is kept
            return leer_validado(ruta, especs, umbrales, anio)
        leido = self._guardado(llave)
        if leido is not None:
            return leido
        encargo = encargos.pop(llave, None) if encargos else None
        leido = _recibir(encargo) if encargo is not None else None
        if leido == EN_DISCO:
            leido = self.disco.cargar(llave)
        if leido is None:  # LibroIlegible: reported by the caller, and nothing is kept
            leido, _ = leer_y_guardar(llave, self.disco)
        self._recordar(llave, leido)
        return leido

    def _recordar(self, llave, leido, leido_del_libro: bool = True) -> None:
        with self._candado:
            self.lecturas += leido_del_libro
            ruta_y_tipo = (llave[0], llave[2])
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


def lecturas_en_disco(datos: Path) -> CacheLecturas:
    """A read cache for the data folder ``datos`` that keeps what it reads on disk too
    (:func:`pat_core.cache_disco.carpeta_cache`: ``PAT_CACHE``), shared by every process."""
    carpeta = carpeta_cache(datos)
    return CacheLecturas(disco=CacheEnDisco(carpeta) if carpeta is not None else None)


def _recibir(encargo: tuple):
    """What a worker read (None when it failed or the workers broke down)."""
    futuro, posicion = encargo
    try:
        return futuro.result()[posicion]
    except Exception:  # noqa: BLE001 - the caller reads the workbook itself and reports
        return None
