"""Many committees in one data folder, and the roll-up the UEIPPCI or a sector head reads.

A data folder is either *flat* — the workbooks of one committee directly
inside, as the shipped ``data/`` — or holds one sub-folder per committee, named
as the committee is to be called (``datos/API_Coatzacoalcos/pat_2020.xlsx``).
A folder with a ``pat_AAAA.xlsx`` of its own is flat, whatever else it holds.

Each committee may have its own ``tablero.toml``; without one it uses the data
folder's, and without that the defaults.

:func:`consolidar` joins every committee's year without building a DataFrame
per committee: each committee's year comes validated as typed columns from a
:class:`~pat_core.cache.CacheLecturas` (read again only when its files change),
the columns are concatenated, and the rules of :mod:`pat_core.calculo` are
applied once to all committees at the same cut-off.

Ranking (``Lugar`` in :attr:`Consolidado.resumen`): by «Cumplimiento promedio %»,
the mean over the committee's indicators of each one's Cumplimiento % capped at
100 (exceeding one target does not make up for another; an indicator without
measurement counts 0), highest first; ties by fewer «Vencidas», then fewer «En
rojo», then by name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from pathlib import Path

from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np

from . import al_corte
from . import vocabulario as v
from .al_corte import GRUPO
from .anio import AnioLeido, fecha_corte_predeterminada
from .cache import CacheLecturas
from .contrato import COLUMNAS, FILA, columna_tipada, en_numpy, unir
from .exportar import tabla_problemas
from .lectura import (NOMBRE_NO_UTF8, CarpetaIlegible, anios_disponibles, libros_del_anio,
                      motivo_carpeta)
from .problemas import ERROR, Problema
from .reglas import ARCHIVO_UMBRALES, Umbrales, cargar_umbrales
from .sistema import nombre_visible
from .vocabulario import (ACTIVIDADES, ACTIVIDADES_CONCLUIDAS, COMITE, COMITES, CONCLUIDAS,
                          CUMPLIMIENTO_PROMEDIO, EN_ROJO, INDICADORES, LUGAR, METAS_CUMPLIDAS,
                          VENCIDAS)

if TYPE_CHECKING:  # the command line's roll-up never loads pandas (see Consolidado.tabla)
    import pandas as pd

    from .calculo import Cifra


class ComiteDesconocido(ValueError):
    """A committee name that is not a sub-folder of the data folder; the message says which are."""


def es_de_comites(datos: Path) -> bool:
    """True when the folder holds committee sub-folders rather than one committee's workbooks."""
    return not anios_disponibles(datos) and bool(listar_comites(datos))


def listar_comites(datos: Path) -> list[str]:
    """The committees of a data folder: its sub-folders with a plan workbook, by name.

    A flat folder (workbooks directly inside) has none: it is one committee.
    Raises :class:`~pat_core.lectura.CarpetaIlegible` when ``datos`` cannot be listed.
    """
    return explorar_comites(datos)[0]


def explorar_comites(datos: Path) -> tuple[list[str], dict[str, str]]:
    """:func:`listar_comites`, and the sub-folders left out with why (Spanish, lower case).

    Left out: a sub-folder that cannot be opened (no permission, a symbolic link
    loop), since it may be a committee; and a committee whose name is not valid
    UTF-8, which no screen or CSV could show as it is. They are keyed by the name
    as it can be shown (:func:`~pat_core.sistema.nombre_visible`).
    """
    carpeta = Path(datos)
    if anios_disponibles(carpeta) or not carpeta.is_dir():
        return [], {}
    nombres, omitidas = [], {}
    with os.scandir(carpeta) as entradas:
        for entrada in entradas:
            if entrada.name.startswith((".", "~")):
                continue
            visible = nombre_visible(entrada.name)
            try:
                if not entrada.is_dir() or not anios_disponibles(Path(entrada.path)):
                    continue
            except OSError as error:  # is_dir() through a link that loops
                omitidas[visible] = motivo_carpeta(error)
                continue
            except CarpetaIlegible as error:
                omitidas[visible] = error.motivo
                continue
            if visible != entrada.name:
                omitidas[visible] = f"{NOMBRE_NO_UTF8} para incluirla"
                continue
            nombres.append(entrada.name)
    return por_nombre(nombres), omitidas


def comites_vistos(datos: Path, cache: CacheLecturas) -> tuple[list[str], dict[str, str]]:
    """:func:`explorar_comites`, plus the committees whose plan ``cache`` read before: one
    whose plan is missing for a moment (Excel saving it) is still a committee, whose read
    fails, never one silently gone from the roll-up or the dashboard's selector."""
    comites, omitidas = explorar_comites(datos)
    return por_nombre(set(comites).union(cache.comites_leidos(datos)) - set(omitidas)), omitidas


def por_nombre(nombres) -> list[str]:
    """Committee names in the order people look for them: ignoring case."""
    return sorted(nombres, key=lambda n: (n.casefold(), n))


def _omitida(nombre: str, motivo: str) -> Problema:
    """The problem of a committee folder left out of the roll-up."""
    return Problema(ERROR, nombre, None, None, None, None,
                    f"La carpeta «{nombre}» queda fuera del consolidado: {motivo}.")


def carpeta_comite(datos: Path, nombre: str) -> Path:
    """The folder of committee ``nombre``; :class:`ComiteDesconocido` lists those there are.

    ``nombre`` as typed, or as the system gives a name that is not valid UTF-8: the
    folders left out are found by the name they are shown with."""
    comites, omitidas = explorar_comites(datos)
    if nombre in comites:
        return Path(datos) / nombre
    parecidos = [c for c in comites if c.casefold() == nombre.casefold()]
    if len(parecidos) == 1:
        return Path(datos) / parecidos[0]
    visible = nombre_visible(nombre)
    if visible in omitidas:
        raise ComiteDesconocido(f"no se puede usar la carpeta del comité «{visible}»: "
                                f"{omitidas[visible]}.")
    if not comites:
        raise ComiteDesconocido(f"la carpeta «{datos}» no tiene carpetas de comités; "
                                "sus libros son de un solo comité.")
    raise ComiteDesconocido(f"no hay comité «{visible}» en «{datos}»; comités disponibles: "
                            f"{', '.join(comites)}.")


def anios_comites(datos: Path) -> list[int]:
    """Years with a plan in at least one committee, oldest first."""
    return sorted(set(chain.from_iterable(anios_disponibles(Path(datos) / c)
                                          for c in listar_comites(datos))))


def umbrales_comite(datos: Path, nombre: str) -> tuple[Umbrales, list[Problema]]:
    """A committee's thresholds: its own tablero.toml, else the data folder's, else the defaults."""
    propia = Path(datos) / nombre
    return cargar_umbrales(propia if (propia / ARCHIVO_UMBRALES).is_file() else Path(datos))


@dataclass(frozen=True)
class Consolidado:
    """Every committee's programme at one cut-off, ready for the roll-up screens.

    ``columnas_indicadores`` and ``columnas_actividades``: the typed columns of every
    committee's indicators and activities with the rules of :mod:`pat_core.al_corte`
    applied (``_grupo``: the position of the row's committee in ``leidos``); the command
    line writes them without pandas. As DataFrames, with ``Comité`` first:
    ``indicadores`` (the columns of :func:`pat_core.calculo.evaluar`: Sección, Clave
    indicador, Indicador, Valor meta, Valor logrado, Cumplimiento %, Estado de la
    meta…) and ``actividades``; ``resumen``: one row per committee, ranked (see the
    module's docstring).
    ``problemas``: per committee, everything reading and validation found (as the
    «Calidad de datos» page shows it); ``ilegibles``: committees with a workbook
    that could not be read, or whose folder could not be (see :func:`explorar_comites`)
    — left out of the figures, the roll-up goes on.
    ``sin_programa``: committees without a plan for the year.
    """

    anio: int
    corte: datetime
    leidos: list[str]
    columnas_indicadores: dict[str, np.ndarray]
    columnas_actividades: dict[str, np.ndarray]
    problemas: dict[str, list[Problema]] = field(default_factory=dict)
    ilegibles: dict[str, list[Problema]] = field(default_factory=dict)
    sin_programa: list[str] = field(default_factory=list)

    def tabla_indicadores(self, secciones=()) -> dict[str, np.ndarray]:
        """``Comité`` and the indicators' columns, as numpy (text as ``str``, None where
        empty), of the sections in ``secciones`` (all without)."""
        return tabla(self.columnas_indicadores, secciones, self.leidos)

    def tabla_actividades(self) -> dict[str, np.ndarray]:
        """``Comité`` and the activities' columns, as :meth:`tabla_indicadores` gives them."""
        return tabla(self.columnas_actividades, comites=self.leidos)

    @cached_property
    def indicadores(self) -> pd.DataFrame:
        return _marco(self.tabla_indicadores())

    @cached_property
    def actividades(self) -> pd.DataFrame:
        return _marco(self.tabla_actividades())

    @cached_property
    def resumen(self) -> pd.DataFrame:
        return _resumen(self.leidos, self.columnas_indicadores, self.columnas_actividades)

    @cached_property
    def comites(self) -> list[str]:
        """In ranking order; the same list every time (a chart of it is drawn once)."""
        return list(self.resumen[COMITE])

    def cifras(self) -> dict[str, Cifra]:
        """The roll-up's headline counts, value and total where it reads «x de N», shaped as
        :func:`pat_core.calculo.cifras` gives one committee's."""
        from .calculo import Cifra

        r = self.resumen
        sin_casos = int((en_numpy(self.columnas_indicadores[v.ESTADO_META]) == v.SIN_CASOS).sum())
        return {
            COMITES: Cifra(len(r)),
            METAS_CUMPLIDAS: Cifra(int(r[METAS_CUMPLIDAS].sum()), int(r[INDICADORES].sum()) - sin_casos,
                                   sin_casos),
            ACTIVIDADES_CONCLUIDAS: Cifra(int(r[CONCLUIDAS].sum()), int(r[ACTIVIDADES].sum())),
            VENCIDAS: Cifra(int(r[VENCIDAS].sum())),
            EN_ROJO: Cifra(int(r[EN_ROJO].sum())),
        }

    def tabla_problemas(self) -> pd.DataFrame:
        """Every problem with its committee first (the «Calidad de datos» table of all)."""
        import pandas as pd

        partes = []
        for comite, problemas in self.problemas.items():
            tabla = tabla_problemas(problemas)
            tabla.insert(0, COMITE, comite)
            partes.append(tabla)
        if not partes:
            tabla = tabla_problemas([])
            tabla.insert(0, COMITE, pd.Series([], dtype=object))
            return tabla
        return pd.concat(partes, ignore_index=True)


@dataclass
class Listado:
    """The committees of a roll-up, as their folders say now: those with a plan for the
    year (each with its folder, year, thresholds and workbooks, as
    :meth:`pat_core.cache.CacheLecturas.anios` takes them), and those left out, with why."""

    nombres: list[str] = field(default_factory=list)
    pedidos: list[tuple] = field(default_factory=list)
    umbrales: dict[str, Umbrales] = field(default_factory=dict)
    problemas_umbrales: dict[str, list[Problema]] = field(default_factory=dict)
    sin_programa: list[str] = field(default_factory=list)
    omitidas: dict[str, str] = field(default_factory=dict)


def listar(datos: Path, anio: int, cache: CacheLecturas, comites: list[str] | None = None) -> Listado:
    """The committees of ``datos`` (or ``comites``) for ``anio`` (see :func:`explorar_comites`).

    A committee whose plan the ``cache`` saw at an earlier read is listed even if the
    plan is missing now (Excel removes and renames a workbook while it saves): it is
    a failed read, said and left out, never a committee silently gone.
    """
    listado = Listado()
    if comites is None:
        comites, listado.omitidas = comites_vistos(datos, cache)
    for nombre in comites:
        carpeta = Path(datos) / nombre
        try:
            anios = anios_disponibles(carpeta)
            libros = libros_del_anio(carpeta, anio)
        except CarpetaIlegible as error:  # it could be listed a moment ago
            listado.omitidas[nombre_visible(nombre)] = error.motivo
            continue
        if anio not in anios and anio not in cache.anios_leidos(carpeta):
            listado.sin_programa.append(nombre)
            continue
        listado.umbrales[nombre], listado.problemas_umbrales[nombre] = umbrales_comite(datos, nombre)
        listado.nombres.append(nombre)
        listado.pedidos.append((carpeta, anio, listado.umbrales[nombre], libros))
    return listado


def leer_comites(datos: Path, anio: int, cache: CacheLecturas | None = None,
                 comites: list[str] | None = None) -> tuple[dict[str, AnioLeido], Listado]:
    """Each committee's year (from the cache when its files did not change), and the
    :class:`Listado` it comes from."""
    cache = CacheLecturas() if cache is None else cache
    listado = listar(datos, anio, cache, comites)
    return dict(zip(listado.nombres, cache.anios(listado.pedidos))), listado


# The columns each sheet gives the roll-up: the evidence's needed to compute, all of the others.
COLUMNAS_CONSOLIDADO = {
    **{hoja: COLUMNAS[hoja] for hoja in (v.HOJA_INDICADORES, v.HOJA_ACTIVIDADES, v.HOJA_MEDICIONES,
                                         v.HOJA_HITOS, v.HOJA_SESIONES)},
    v.HOJA_EVIDENCIAS: (v.CLAVE_ACTIVIDAD, v.FECHA, v.AVANCE, FILA),
}


def consolidar(datos: Path, anio: int, corte=None, cache: CacheLecturas | None = None,
               comites: list[str] | None = None) -> Consolidado:
    """The roll-up of every committee of ``datos`` (or of ``comites``) for ``anio`` at ``corte``.

    ``corte`` defaults as the dashboard's does (today, within the year). Pass the
    server's shared ``cache`` so that only the workbooks saved since the last call
    are read again; with a cache on disk, the joined sheets of every committee are
    kept there too, and loaded at once while no workbook changes.
    """
    corte = al_corte.dia(corte if corte is not None else fecha_corte_predeterminada(anio))
    cache = CacheLecturas() if cache is None else cache
    listado = listar(datos, anio, cache, comites)
    nombres, hojas, problemas, ilegibles = _unidos(datos, anio, cache, listado)
    for nombre in listado.nombres:
        problemas[nombre] = problemas[nombre] + listado.problemas_umbrales[nombre]
    for nombre, motivo in listado.omitidas.items():  # folders that could not be read: said, left out
        problemas[nombre] = ilegibles[nombre] = [_omitida(nombre, motivo)]
    actividades, indicadores = _al_corte(hojas, [listado.umbrales[n] for n in nombres], corte, anio)
    return Consolidado(anio, corte.astype(datetime), nombres, indicadores, actividades,
                       problemas, ilegibles, listado.sin_programa)


def _unidos(datos: Path, anio: int, cache: CacheLecturas, listado: Listado) -> tuple:
    """``(committees whose figures count, their joined sheets, problems and failed reads of
    each committee)``: from the disk when no workbook changed, else joined (and kept)."""
    llave = cache.llave_consolidado(datos, anio, listado.nombres, listado.pedidos)
    guardado = cache.disco.cargar_unidos(llave) if cache.disco is not None else None
    if guardado is not None:
        cache.vistos(listado.pedidos)  # a plan missing for a moment later is a failed read
        nombres, hojas, problemas = guardado
        return nombres, hojas, problemas, {}
    leidos = dict(zip(listado.nombres, cache.anios(listado.pedidos)))
    problemas = {n: list(leido.problemas) for n, leido in leidos.items()}
    ilegibles = {n: list(leido.ilegibles) for n, leido in leidos.items() if leido.ilegibles}
    validos = {n: leido for n, leido in leidos.items() if n not in ilegibles}
    hojas = {hoja: _unir(validos, hoja, columnas) for hoja, columnas in COLUMNAS_CONSOLIDADO.items()}
    if cache.disco is not None and not ilegibles \
            and cache.llave_consolidado(datos, anio, listado.nombres, listado.pedidos) == llave:
        cache.disco.guardar_unidos(llave, list(validos), hojas, problemas)
    return list(validos), hojas, problemas, ilegibles


def _al_corte(hojas: dict, umbrales: list[Umbrales], corte: np.datetime64, anio: int) -> tuple[dict, dict]:
    """The activities and indicators of joined sheets, with the rules at ``corte`` applied."""
    actividades, indicadores = dict(hojas[v.HOJA_ACTIVIDADES]), dict(hojas[v.HOJA_INDICADORES])
    actividades.update(al_corte.actividades_al_corte(
        actividades, hojas[v.HOJA_EVIDENCIAS], corte, umbrales, hojas[v.HOJA_HITOS]))
    indicadores.update(al_corte.indicadores_al_corte(
        indicadores, hojas[v.HOJA_MEDICIONES], actividades, corte, anio, umbrales,
        hojas[v.HOJA_SESIONES]))
    return actividades, indicadores


def al_corte_de(leido: AnioLeido, umbrales: Umbrales, corte) -> tuple[dict, dict]:
    """One committee's activities and indicators at ``corte``, computed as the roll-up computes
    each one's (the command line writes them, through :func:`tabla`, without pandas)."""
    hojas = {hoja: _unir({"": leido}, hoja, columnas) for hoja, columnas in COLUMNAS_CONSOLIDADO.items()}
    return _al_corte(hojas, [umbrales], al_corte.dia(corte), leido.anio)


def tabla(columnas: dict, secciones=(), comites: list[str] | None = None) -> dict[str, np.ndarray]:
    """Typed columns as numpy (text as ``str``, None where empty), without ``_grupo`` —
    ``Comité`` first when ``comites`` names each group — of the rows in ``secciones`` (all
    without)."""
    filas = slice(None) if not secciones else np.fromiter(
        (seccion in secciones for seccion in en_numpy(columnas[v.SECCION]).tolist()), bool)
    resultado = {} if comites is None else {
        COMITE: np.asarray(comites, dtype=object)[columnas[GRUPO][filas]]}
    resultado.update((nombre, en_numpy(columna)[filas]) for nombre, columna in columnas.items()
                     if nombre != GRUPO)
    return resultado


def _unir(leidos: dict[str, AnioLeido], hoja: str, columnas) -> dict[str, np.ndarray]:
    """One sheet of every committee as typed columns, with the committee's position in
    ``_grupo``."""
    partes = [leido.hojas[hoja] for leido in leidos.values()]
    unidas = {columna: unir([parte[columna] for parte in partes]) if partes
              else columna_tipada(columna, []) for columna in columnas}
    longitudes = [len(parte[FILA]) for parte in partes]
    unidas[GRUPO] = np.repeat(np.arange(len(partes), dtype=np.int64), longitudes)
    return unidas


def _marco(tabla: dict[str, np.ndarray]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(tabla)


def _resumen(nombres: list[str], indicadores: dict[str, np.ndarray],
             actividades: dict[str, np.ndarray]) -> pd.DataFrame:
    import pandas as pd

    n = len(nombres)

    def contar(tabla: dict[str, np.ndarray], condicion=None) -> np.ndarray:
        grupos = tabla[GRUPO]
        if condicion is not None:
            grupos = grupos[condicion]
        return np.bincount(grupos, minlength=n).astype(int)

    # a target without cases in the period counts neither as met nor as missed: left out
    estado_meta = en_numpy(indicadores[v.ESTADO_META])
    estado, semaforo = en_numpy(actividades[v.ESTADO]), en_numpy(actividades[v.SEMAFORO])
    medibles = estado_meta != v.SIN_CASOS
    cumplimiento = np.where(medibles, np.nan_to_num(np.minimum(indicadores[v.CUMPLIMIENTO], 100),
                                                    nan=0.0), 0.0)
    suma = np.bincount(indicadores[GRUPO], weights=cumplimiento, minlength=n)
    cuantos, con_casos = contar(indicadores), contar(indicadores, medibles)
    with np.errstate(divide="ignore", invalid="ignore"):
        promedio = np.where(con_casos > 0, suma / np.maximum(con_casos, 1), np.nan)
    resumen = pd.DataFrame({
        COMITE: pd.Series(nombres, dtype=object),
        METAS_CUMPLIDAS: contar(indicadores, estado_meta == v.CUMPLIDA),
        INDICADORES: cuantos,
        ACTIVIDADES: contar(actividades),
        CONCLUIDAS: contar(actividades, estado == v.CONCLUIDA),
        VENCIDAS: contar(actividades, estado == v.VENCIDA),
        EN_ROJO: contar(actividades, semaforo == v.ROJO),
        CUMPLIMIENTO_PROMEDIO: promedio.astype(float),
    })
    orden = resumen.assign(_promedio=resumen[CUMPLIMIENTO_PROMEDIO].fillna(-1),
                           _nombre=resumen[COMITE].str.casefold()).sort_values(
        ["_promedio", VENCIDAS, EN_ROJO, "_nombre"], ascending=[False, True, True, True],
        kind="stable").index
    resumen = resumen.loc[orden].reset_index(drop=True)
    resumen.insert(0, LUGAR, np.arange(1, len(resumen) + 1))
    return resumen[list(v.COLUMNAS_RESUMEN)]
