"""The slides of the meeting: their order, their addresses and what each one shows.

The order is data (:data:`ORDEN`): the presentation pages through it and the
meeting pack can follow it, so what was projected is what is filed. A slide
never scrolls: lists longer than a slide holds show their most important rows
and say how many more there are (:func:`lo_que_cabe`).

How much fits is estimated in lines of body text. The slides' type grows with
the screen's height (CSS ``vh``) and never goes under 18 px, so a screen holds
about the same number of lines at any size; the narrowest screen for its height
(4:3, 1024×768) sets how many characters fit in a line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import presentacion as p
from . import vocabulario as v
from .calculo import Evaluacion, vencida_o_en_rojo
from .plazos import actas_fuera_de_plazo

PROGRAMA = "programa"
SECCIONES = "secciones"  # one slide per section
CAMBIOS = "cambios"
PLAZOS = "plazos"
RIESGOS = "riesgos"
ORDEN = (PROGRAMA, SECCIONES, CAMBIOS, RIESGOS, PLAZOS)
"""Meeting order. Another kind of slide is added here and drawn by the presentation.

The risks follow the changes: once the committee has seen what fell overdue or red,
it sees which of the plan's risks those activities share, before looking ahead."""

PARAMETRO = "diapositiva"
"""URL parameter naming the slide shown (``?proyector=1&diapositiva=seccion-II``)."""

METAS_POR_DIAPOSITIVA = 10
"""Target tiles on one programme slide (two rows of five); more go to ``programa-2``…"""

LINEAS_SECCION = 18  # lines a section slide has for its targets and activities
LINEAS_CAMBIOS = 17
LINEAS_VENCIMIENTOS = 9
LINEAS_RIESGOS = 18
ACTAS_POR_DIAPOSITIVA = 4
CARACTERES_META = 48  # characters per line of a target's name (half the slide at 4:3)
CARACTERES_ACTIVIDAD = 70  # of an activity, a change or a deadline (the wide column at 4:3)
CARACTERES_RIESGO = 64  # of a risk's name (the wide column at 4:3, beside two narrow ones)
CARACTERES_CLAVES = 28  # of the keys of a risk's activities overdue or red (11em at 4:3)
MARGEN_FILA = 0.5  # a row's padding and border, in lines


@dataclass(frozen=True)
class Diapositiva:
    """One slide: its kind, its address (``slug``), its title and the short name the
    paging buttons show."""

    tipo: str
    slug: str
    titulo: str
    corto: str
    seccion: str | None = None
    parte: int = 1  # continuation slides of the programme: 2, 3…


def diapositivas(evaluacion: Evaluacion, orden: tuple[str, ...] = ORDEN) -> list[Diapositiva]:
    """Every slide of the meeting at this evaluation, in ``orden``."""
    lista: list[Diapositiva] = []
    for tipo in orden:
        if tipo == PROGRAMA:
            lista += _programa(len(evaluacion.indicadores))
        elif tipo == SECCIONES:
            lista += [Diapositiva(SECCIONES, f"seccion-{clave}", _titulo_seccion(clave, nombre),
                                  f"Sección {clave}", seccion=clave)
                      for clave, nombre in zip(evaluacion.secciones[v.SECCION],
                                               evaluacion.secciones[v.NOMBRE_SECCION])]
        elif tipo == CAMBIOS:
            lista.append(Diapositiva(CAMBIOS, "cambios", "Cambios desde la sesión anterior",
                                     "Cambios"))
        elif tipo == RIESGOS:
            lista.append(Diapositiva(RIESGOS, "riesgos", "Riesgos del programa", "Riesgos"))
        elif tipo == PLAZOS:
            lista.append(Diapositiva(PLAZOS, "plazos", "Próximos vencimientos y actas",
                                     "Plazos y actas"))
        else:
            raise ValueError(f"Tipo de diapositiva desconocido: {tipo}")
    return lista


def _programa(metas: int) -> list[Diapositiva]:
    partes = max(1, math.ceil(metas / METAS_POR_DIAPOSITIVA))
    return [Diapositiva(PROGRAMA, PROGRAMA if parte == 1 else f"{PROGRAMA}-{parte}",
                        "Programa de trabajo" + (f" ({parte} de {partes})" if partes > 1 else ""),
                        "Programa" + (f" {parte}" if partes > 1 else ""), parte=parte)
            for parte in range(1, partes + 1)]


def _titulo_seccion(clave: str, nombre) -> str:
    nombre = nombre.strip() if isinstance(nombre, str) else ""
    return f"Sección {clave}. {nombre}" if nombre else f"Sección {clave}"


def posicion(lista: list[Diapositiva], slug: str | None) -> int | None:
    """Where the slide ``slug`` is in ``lista``; ``None`` for an address no slide has."""
    for indice, diapositiva in enumerate(lista):
        if diapositiva.slug == slug:
            return indice
    return None


def metas_de(indicadores: pd.DataFrame, diapositiva: Diapositiva) -> pd.DataFrame:
    """The targets a programme slide shows (its part of them)."""
    inicio = (diapositiva.parte - 1) * METAS_POR_DIAPOSITIVA
    return indicadores.iloc[inicio:inicio + METAS_POR_DIAPOSITIVA]


# --- what fits ------------------------------------------------------------------

@dataclass(frozen=True)
class Recorte:
    """The rows a slide shows, and how many it leaves out («y N más»)."""

    filas: pd.DataFrame
    restantes: int


TEXTO_MAXIMO = 400
"""Characters of one text a slide shows: the longest activity of the signed PAT has 349.
A longer cell (Excel holds 32,767) is cut at a word and says so (:func:`en_diapositiva`),
so that one row never fills a slide by itself."""
RECORTADO = " [sigue en el tablero]"


def en_diapositiva(valor) -> str:
    """A workbook cell as a slide shows it: empty for a blank (never «None» or «nan»), and a
    text longer than :data:`TEXTO_MAXIMO` cut at a word, ending with :data:`RECORTADO`."""
    if valor is None or (not isinstance(valor, str) and pd.isna(valor)):
        return ""
    texto = str(valor).strip()
    if len(texto) <= TEXTO_MAXIMO:
        return texto
    corte = texto.rfind(" ", 0, TEXTO_MAXIMO - len(RECORTADO))
    return texto[:corte if corte > 0 else TEXTO_MAXIMO - len(RECORTADO)].rstrip() + RECORTADO


def lineas(texto, caracteres: int) -> float:
    """Estimated lines ``texto`` takes on a slide, wrapped at ``caracteres`` per line, with
    the row's margin."""
    return max(1, math.ceil(len(en_diapositiva(texto)) / caracteres)) + MARGEN_FILA


def lo_que_cabe(filas: pd.DataFrame, costos: list[float], disponibles: float) -> Recorte:
    """The first rows whose lines add up to ``disponibles`` (always the first one: a slide
    with a long name still names it, wrapped); the rest are counted."""
    usadas, cuantas = 0.0, 0
    for costo in costos:
        if cuantas and usadas + costo > disponibles:
            break
        usadas += costo
        cuantas += 1
    return Recorte(filas.iloc[:cuantas], len(filas) - cuantas)


def costo_metas(indicadores: pd.DataFrame) -> list[float]:
    return [lineas(n, CARACTERES_META) for n in indicadores[v.INDICADOR]]


def costo_actividades(actividades: pd.DataFrame) -> list[float]:
    return [lineas(t, CARACTERES_ACTIVIDAD) for t in actividades[v.ACTIVIDAD]]


def atencion(actividades: pd.DataFrame) -> pd.DataFrame:
    """Activities the committee must look at — overdue or red — most urgent first:
    overdue before red, then fewest days left, then by key."""
    marcadas = actividades[vencida_o_en_rojo(actividades)]
    return marcadas.assign(
        _vencida=marcadas[v.ESTADO] != v.VENCIDA,
        _clave=marcadas[v.CLAVE_ACTIVIDAD].map(p.orden_natural),
    ).sort_values(["_vencida", v.DIAS_RESTANTES, "_clave"], kind="stable").drop(
        columns=["_vencida", "_clave"])


@dataclass(frozen=True)
class ContenidoSeccion:
    """A section slide: its targets and the activities that need attention."""

    metas: Recorte
    atencion: Recorte


def contenido_seccion(indicadores: pd.DataFrame, actividades: pd.DataFrame,
                      lineas_disponibles: float = LINEAS_SECCION) -> ContenidoSeccion:
    """Targets take up to half the room; the activities overdue or red take what is left."""
    metas = lo_que_cabe(indicadores, costo_metas(indicadores), lineas_disponibles / 2)
    usadas = sum(costo_metas(metas.filas))
    marcadas = atencion(actividades)
    return ContenidoSeccion(metas, lo_que_cabe(marcadas, costo_actividades(marcadas),
                                               lineas_disponibles - usadas))


TIPOS_DE_CAMBIO = {v.CAMBIO_META: "metas cambiaron de estado",
                   v.ACTIVIDAD_CONCLUIDA: "actividades concluidas",
                   v.ACTIVIDAD_VENCIDA: "actividades vencidas",
                   v.CAMBIO_SEMAFORO: "cambios de semáforo", v.NUEVA_EVIDENCIA: "evidencias nuevas"}
"""What the card of each kind of change says under its count."""
ETIQUETA_DE_CAMBIO = {v.CAMBIO_META: "Meta", v.ACTIVIDAD_CONCLUIDA: "Concluida",
                      v.ACTIVIDAD_VENCIDA: "Vencida", v.CAMBIO_SEMAFORO: "Semáforo",
                      v.NUEVA_EVIDENCIA: "Evidencia"}
"""The word in front of each change of the list (the full kind is long for a slide)."""


def resumen_cambios(tabla: pd.DataFrame) -> dict[str, int]:
    """How many changes of each kind, in the order they are read."""
    return {tipo: int((tabla[v.TIPO_CAMBIO] == tipo).sum()) for tipo in v.TIPOS_CAMBIO}


def cambios_que_caben(tabla: pd.DataFrame, columna_texto: str,
                      lineas_disponibles: float = LINEAS_CAMBIOS) -> Recorte:
    return lo_que_cabe(tabla, [lineas(t, CARACTERES_ACTIVIDAD) for t in tabla[columna_texto]],
                       lineas_disponibles)


def vencimientos_que_caben(tabla: pd.DataFrame, lineas_disponibles: float = LINEAS_VENCIMIENTOS
                           ) -> Recorte:
    return lo_que_cabe(tabla, [lineas(t, CARACTERES_ACTIVIDAD) for t in tabla[v.DESCRIPCION]],
                       lineas_disponibles)


def riesgos_que_caben(tabla: pd.DataFrame, lineas_disponibles: float = LINEAS_RIESGOS) -> Recorte:
    """The risks most at stake first (the order of :func:`pat_core.riesgos.riesgos_al_corte`):
    a row takes the lines of its name or of its keys, whichever wraps more."""
    costos = [max(lineas(nombre, CARACTERES_RIESGO), lineas(claves, CARACTERES_CLAVES))
              for nombre, claves in zip(tabla[v.RIESGO], tabla[v.CLAVES_ROJAS_O_VENCIDAS])]
    return lo_que_cabe(tabla, costos, lineas_disponibles)


def actas_que_caben(actas: pd.DataFrame, cuantas: int = ACTAS_POR_DIAPOSITIVA) -> Recorte:
    """The minutes out of term first (what the committee must act on), then the latest."""
    fuera = actas.index.isin(actas_fuera_de_plazo(actas).index)
    ordenadas = actas.assign(_fuera=fuera).sort_values(
        ["_fuera", v.FECHA], ascending=False, kind="stable").drop(columns="_fuera")
    return Recorte(ordenadas.iloc[:cuantas], max(0, len(ordenadas) - cuantas))
