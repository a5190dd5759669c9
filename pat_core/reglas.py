"""The thresholds behind the semáforo, the target states and the reading limits, in one place;
and the meeting pack's settings (the committee's name, the paper).

The defaults below are the product's; a committee may change them without
touching code by putting a ``tablero.toml`` file in its data folder (see the
README, section «Umbrales»).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .problemas import AVISO, ERROR, Problema

ARCHIVO_UMBRALES = "tablero.toml"
CARTA = "carta"
A4 = "A4"
PAPELES = (CARTA, A4)


@dataclass(frozen=True)
class Umbrales:
    # Semáforo of an activity in progress: points of progress behind the pace
    # expected by the cut-off, and calendar days left before its end date.
    rezago_amarillo: float = 15
    rezago_rojo: float = 35
    dias_amarillo: int = 30
    dias_rojo: int = 10
    # Missed milestones (sheet «Hitos»): one makes an activity in progress at least yellow,
    # this many make it red.
    hitos_rojo: int = 2
    # A target below its value is «En camino» while the value reaches this
    # percentage of the value expected by the cut-off; below it, «En riesgo».
    ritmo_minimo_meta: float = 90
    # Deadlines in working days: what counts as «upcoming» after the cut-off, and
    # the term to register a session's minutes, and the plan's activity that asks for it
    # (its key labels the minutes' check on every screen).
    dias_habiles_proximos: int = 20
    dias_habiles_acta: int = 10
    actividad_actas: str = "4.1.2"
    # Ordinary sessions the committee holds in a year (the Lineamientos ask for four).
    ordinarias: int = 4
    # Workbooks larger than this are refused before they are read, and so are
    # those whose content would inflate beyond the second limit (zip bombs).
    tamano_maximo_mb: float = 25
    descomprimido_maximo_mb: float = 250
    # A sheet is read as a rectangle from A1 to its last cell: a cell beyond these
    # (a stray keystroke in XFD1048576) is reported and left out instead.
    filas_maximas: int = 250_000
    columnas_maximas: int = 30  # column AD
    # A sheet is read down to its last row up to which the empty rows are no more than this
    # and no more than the rows with something; what lies below is reported and left out.
    filas_vacias_maximas: int = 1000

    # The meeting pack: the committee's name as the pack shows it ("" means: from its
    # folder's name, see pat_core.informe.nombre_comite) and the paper it is printed on.
    nombre_comite: str = ""
    papel: str = CARTA


_SECCIONES = {
    "semaforo": ("rezago_amarillo", "rezago_rojo", "dias_amarillo", "dias_rojo", "hitos_rojo"),
    "metas": ("ritmo_minimo_meta",),
    "plazos": ("dias_habiles_proximos", "dias_habiles_acta", "actividad_actas"),
    "sesiones": ("ordinarias",),
    "lectura": ("tamano_maximo_mb", "descomprimido_maximo_mb", "filas_maximas", "columnas_maximas",
                "filas_vacias_maximas"),
}
_ENTEROS = ("dias_amarillo", "dias_rojo", "dias_habiles_proximos", "dias_habiles_acta",
            "filas_maximas", "columnas_maximas", "filas_vacias_maximas", "hitos_rojo", "ordinarias")
_AL_MENOS_UNO = ("filas_maximas", "columnas_maximas", "filas_vacias_maximas", "hitos_rojo",
                 "ordinarias")
_TEXTOS = ("actividad_actas",)  # settings that are text: read by _actividad_actas, never fatal

# Numbers a committee types are counts, percentages and amounts: a magnitude beyond this
# (1E+308, typed or computed) is not one of them, and would overflow what is computed from it.
NUMERO_MAXIMO = 1e12


def cargar_umbrales(datos: Path) -> tuple[Umbrales, list[Problema]]:
    """The thresholds of a data folder: the defaults, overridden by its ``tablero.toml``."""
    ruta = Path(datos) / ARCHIVO_UMBRALES
    if not ruta.is_file():
        return Umbrales(), []

    def problema(mensaje: str) -> list[Problema]:
        return [Problema(ERROR, ruta.name, None, None, None, None,
                         f"{mensaje} Se usan los umbrales predeterminados.")]

    try:
        contenido = tomllib.loads(ruta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Umbrales(), problema(f"No se pudo leer el archivo: {error}.")
    cambios = {}
    for seccion, nombres in _SECCIONES.items():
        tabla = contenido.get(seccion, {})
        if not isinstance(tabla, dict):  # «semaforo = 5» instead of a [semaforo] table
            return Umbrales(), problema(f"«{seccion}» debe ser una sección [{seccion}].")
        for nombre, valor in tabla.items():
            if nombre not in nombres:
                return Umbrales(), problema(f"«{seccion}.{nombre}» no es un umbral conocido.")
            if nombre in _TEXTOS:
                continue
            if (isinstance(valor, bool) or not isinstance(valor, (int, float)) or valor < 0
                    or not math.isfinite(valor)):  # TOML has nan and inf
                return Umbrales(), problema(f"«{seccion}.{nombre}» debe ser un número mayor o igual que 0.")
            if nombre in _ENTEROS and not float(valor).is_integer():
                return Umbrales(), problema(f"«{seccion}.{nombre}» debe ser un número entero.")
            if nombre in _AL_MENOS_UNO and valor < 1:
                return Umbrales(), problema(f"«{seccion}.{nombre}» debe ser al menos 1.")
            cambios[nombre] = int(valor) if nombre in _ENTEROS else valor
    umbrales = replace(Umbrales(), **cambios)
    if umbrales.rezago_rojo < umbrales.rezago_amarillo or umbrales.dias_rojo > umbrales.dias_amarillo:
        return Umbrales(), problema("El umbral rojo no puede ser más laxo que el amarillo.")
    ajustes, avisos = _ajustes_informe(contenido, ruta.name)
    actas, avisos_actas = _actividad_actas(contenido.get("plazos", {}), ruta.name)
    return replace(umbrales, **ajustes, **actas), avisos + avisos_actas


def _actividad_actas(plazos: dict, libro: str) -> tuple[dict, list[Problema]]:
    """``[plazos] actividad_actas``: a key as the plan writes it. A wrong one is reported and
    left at its default; whether the plan has that activity is checked against the plan
    (:func:`pat_core.plazos.aviso_actividad_actas`)."""
    clave = plazos.get("actividad_actas")
    if clave is None:
        return {}, []
    if isinstance(clave, str) and clave.strip():
        return {"actividad_actas": "".join(clave.split())}, []
    predeterminada = Umbrales.actividad_actas
    return {}, [Problema(AVISO, libro, None, None, None, None,
                         f'«plazos.actividad_actas» debe ser la clave de una actividad entre comillas '
                         f'(actividad_actas = "{predeterminada}"); se usa la {predeterminada}.')]


_AJUSTES_INFORME = {"comite": ("nombre",), "informe": ("papel",)}


def _ajustes_informe(contenido: dict, libro: str) -> tuple[dict, list[Problema]]:
    """``[comite] nombre`` and ``[informe] papel``. A wrong one is reported and left at
    its default; the thresholds stay as they were read."""
    avisos = []

    def aviso(mensaje: str) -> None:
        avisos.append(Problema(AVISO, libro, None, None, None, None, mensaje))

    tablas = {}
    for seccion, nombres in _AJUSTES_INFORME.items():
        tablas[seccion] = contenido.get(seccion, {})
        if not isinstance(tablas[seccion], dict):
            aviso(f"«{seccion}» debe ser una sección [{seccion}]; se ignora.")
            tablas[seccion] = {}
        for nombre in sorted(tablas[seccion].keys() - set(nombres)):
            aviso(f"«{seccion}.{nombre}» no es un ajuste conocido; se ignora.")
    ajustes = {}
    nombre = tablas["comite"].get("nombre")
    if isinstance(nombre, str) and nombre.strip():
        ajustes["nombre_comite"] = " ".join(nombre.split())
    elif nombre is not None:
        aviso('«comite.nombre» debe ser un texto entre comillas (nombre = "CEPCI de …"); '
              "se usa el nombre de la carpeta.")
    papel = tablas["informe"].get("papel")
    papeles = {opcion.casefold(): opcion for opcion in PAPELES}
    if isinstance(papel, str) and papel.strip().casefold() in papeles:
        ajustes["papel"] = papeles[papel.strip().casefold()]
    elif papel is not None:
        aviso(f"«informe.papel» debe ser \"{CARTA}\" o \"{A4}\"; se usa {CARTA}.")
    return ajustes, avisos


def como_toml(umbrales: Umbrales) -> str:
    """The thresholds written as a ``tablero.toml`` would hold them."""
    valores = {f.name: getattr(umbrales, f.name) for f in fields(umbrales)}
    lineas = []
    for seccion, nombres in _SECCIONES.items():
        lineas.append(f"[{seccion}]")
        lineas.extend(f"{nombre} = {_en_toml(valores[nombre])}" for nombre in nombres)
        lineas.append("")
    return "\n".join(lineas)


def _en_toml(valor: float | str) -> str:
    """A setting as TOML writes it: integers whole (250000, never 2.5e+05), text quoted."""
    if isinstance(valor, str):
        return f'"{valor}"'
    return str(valor) if isinstance(valor, int) else f"{valor:g}"
