"""Filters of the activity list, shared by the dashboard and the command line.

Both must give exactly the same rows for the same choices: the CSV a member
downloads for the minutes is the one ``python -m pat_core actividades`` writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from . import celdas
from . import vocabulario as v

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

    def aplicar(self, actividades: pd.DataFrame) -> pd.DataFrame:
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

    def aplicar(self, registro: pd.DataFrame) -> pd.DataFrame:
        return _filtrar(registro, ((v.SECCION, self.secciones),
                                   (v.CLAVE_ACTIVIDAD, self.actividades)),
                        COLUMNAS_BUSQUEDA_EVIDENCIAS, self.texto)


def _filtrar(marco: pd.DataFrame, elegidos, columnas_texto, texto: str) -> pd.DataFrame:
    """Rows whose value in each column is among those chosen (if any) and that contain ``texto``."""
    conserva = contiene(marco, columnas_texto, texto)
    for columna, valores in elegidos:
        if valores:
            conserva &= marco[columna].isin(valores)
    return marco[conserva]


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


def argumentos_actividades(filtro: FiltroActividades, anio: int, corte: pd.Timestamp,
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


def contiene(marco: pd.DataFrame, columnas, texto: str) -> pd.Series:
    """Rows where ``texto`` appears in any of ``columnas``, ignoring case, accents and spacing."""
    if not texto.strip():
        return pd.Series(True, index=marco.index)
    unido = marco[list(columnas)].fillna("").astype(str).agg(" ".join, axis=1)
    return unido.map(_plano).str.contains(_plano(texto), regex=False)


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
