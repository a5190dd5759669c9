"""Filters of the activity list, shared by the dashboard and the command line.

Both must give exactly the same rows for the same choices: the CSV a member
downloads for the minutes is the one ``python -m pat_core actividades`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import numpy as np

from . import celdas
from . import vocabulario as v
from .contrato import en_numpy
from .presentacion import vacio

if TYPE_CHECKING:  # a table is a DataFrame (the dashboard) or numpy columns (the command line)
    import pandas as pd

    Tabla = pd.DataFrame | Mapping[str, np.ndarray]

COLUMNAS_BUSQUEDA = (v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.MECANISMO, v.RIESGOS, v.RESPONSABLE)
COLUMNAS_BUSQUEDA_EVIDENCIAS = (v.DESCRIPCION, v.ACTIVIDAD, v.REGISTRO, v.CLAVE_ACTIVIDAD)
BANDERAS = {"secciones": "seccion", "indicadores": "indicador", "estados": "estado",
            "semaforos": "semaforo", "responsables": "responsable", "texto": "buscar"}
"""Each filter's name where people type it: the CLI's flag (``--seccion``) and the dashboard's
address (``?seccion=``). A contract: users' scripts and saved links depend on it."""


@dataclass(frozen=True)
class FiltroActividades:
    """Each field holds the values accepted; an empty one accepts all."""

    secciones: tuple[str, ...] = ()
    indicadores: tuple[str, ...] = ()
    estados: tuple[str, ...] = ()
    semaforos: tuple[str, ...] = ()
    responsables: tuple[str, ...] = ()
    texto: str = ""

    def aplicar(self, actividades: Tabla) -> Tabla:
        return _filtrar(actividades, (
            (v.SECCION, self.secciones),
            (v.CLAVE_INDICADOR, self.indicadores),
            (v.ESTADO, self.estados),
            (v.SEMAFORO, self.semaforos),
            (v.RESPONSABLE, self.responsables),
        ), COLUMNAS_BUSQUEDA, self.texto)


@dataclass(frozen=True)
class FiltroEvidencias:
    """The evidence register's filters; an empty field accepts all."""

    secciones: tuple[str, ...] = ()
    actividades: tuple[str, ...] = ()
    texto: str = ""

    def aplicar(self, registro: Tabla) -> Tabla:
        return _filtrar(registro, ((v.SECCION, self.secciones),
                                   (v.CLAVE_ACTIVIDAD, self.actividades)),
                        COLUMNAS_BUSQUEDA_EVIDENCIAS, self.texto)


def _filtrar(tabla: Tabla, elegidos, columnas_texto, texto: str) -> Tabla:
    """Rows whose value in each column is among those chosen (if any) and that contain ``texto``."""
    conserva = contiene(tabla, columnas_texto, texto)
    for columna, valores in elegidos:
        if valores:
            conserva &= np.fromiter((valor in valores for valor in _lista(tabla[columna])), bool,
                                    len(conserva))
    if isinstance(tabla, Mapping):
        return {nombre: en_numpy(columna)[conserva] for nombre, columna in tabla.items()}
    return tabla[conserva]


def _lista(columna) -> list:
    """A column's values (a Series', a numpy array's or an Arrow array's) as Python values."""
    return en_numpy(columna).tolist() if not hasattr(columna, "tolist") else columna.tolist()


def normalizar(campo: str, valor: str) -> str:
    """One value of filter ``campo`` (a field of FiltroActividades) as the filter holds it:
    'v' -> 'V', 'rojo' -> 'Rojo'. ValueError, in Spanish, when it cannot be one."""
    try:
        if campo == "secciones":
            return celdas.seccion(valor)
        if campo == "indicadores":
            return celdas.clave(valor, 2)
    except celdas.CeldaInvalida as error:
        raise ValueError(f"se esperaba {error.esperado}") from None
    if campo == "estados":
        return opcion(valor, v.ESTADOS_ACTIVIDAD, "un estado")
    if campo == "semaforos":
        return opcion(valor, v.SEMAFOROS, "un color de semáforo")
    return valor


def argumentos_actividades(filtro: FiltroActividades, anio: int, corte,
                           comite: str | None = None) -> list[str]:
    """The ``actividades`` command line that writes the same CSV as ``filtro`` selects."""
    argumentos = ["actividades", "--anio", str(anio), "--corte", f"{corte:%Y-%m-%d}"]
    if comite:
        argumentos += ["--comite", comite]
    for campo, bandera in BANDERAS.items():
        valores = getattr(filtro, campo)
        for valor in (valores,) if isinstance(valores, str) else valores:
            if valor:
                argumentos += [f"--{bandera}", valor]
    return argumentos


def contiene(tabla: Tabla, columnas, texto: str) -> np.ndarray:
    """Rows where ``texto`` appears in any of ``columnas``, ignoring case, accents and spacing."""
    if not texto.strip():
        return np.ones(len(tabla[columnas[0]]), dtype=bool)
    textos = [["" if vacio(valor) else str(valor) for valor in _lista(tabla[columna])]
              for columna in columnas]
    buscado = _plano(texto)
    return np.fromiter((buscado in _plano(" ".join(fila)) for fila in zip(*textos)), bool,
                       len(textos[0]))


def _plano(texto: str) -> str:
    return " ".join(celdas.sin_acentos(texto).lower().split())


def opcion(valor: str, opciones: tuple[str, ...], que: str) -> str:
    """The canonical spelling of a choice typed by a person ('rojo' -> 'Rojo')."""
    for candidata in opciones:
        if celdas.llave_encabezado(candidata) == celdas.llave_encabezado(valor):
            return candidata
    raise ValueError(f"«{valor}» no es {que} válido; use uno de: {', '.join(opciones)}.")


ESQUEMAS_WEB = ("http", "https")


def enlace_web(valor) -> str | None:
    """``valor`` if it is a web address a click may open (http or https, with a host), else None.

    A register's «Enlace» is typed by people: ``javascript:``, ``file:``, ``data:`` or plain text
    must never become a live link; the screen shows them as text instead.
    """
    if not isinstance(valor, str):
        return None
    texto = valor.strip()
    try:
        partes = urlsplit(texto)
    except ValueError:
        return None
    if partes.scheme.lower() not in ESQUEMAS_WEB or not partes.netloc or any(
            c.isspace() or ord(c) < 32 for c in texto):
        return None
    return texto
