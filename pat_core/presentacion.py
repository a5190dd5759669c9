"""How figures are shown to people: colours, symbols, labels and date formats.

The semáforo never relies on colour alone: each colour has a symbol and its
name. Colours come from the Okabe–Ito palette, safe for colour-blind readers.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import numpy as np

from . import vocabulario as v
from .reglas import Umbrales
from .sistema import nombre_visible

if TYPE_CHECKING:  # the command line's CSV path formats without loading pandas
    import pandas as pd

    from .calculo import Cifra

MESES_CORTOS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
         "octubre", "noviembre", "diciembre")

# A committee without [comite] nombre is called as its folder; a flat data folder
# with a generic name (the shipped data/) is called as the committees are.
NOMBRE_PREDETERMINADO = "CEPCI"
CARPETAS_GENERICAS = ("data", "datos")

COLOR_SEMAFORO = {v.VERDE: "#009E73", v.AMARILLO: "#E69F00", v.ROJO: "#D55E00"}
SIMBOLO_SEMAFORO = {v.VERDE: "✔", v.AMARILLO: "▲", v.ROJO: "✖"}
TRAMA_SEMAFORO = {v.VERDE: "", v.AMARILLO: "/", v.ROJO: "x"}

COLOR_META = {
    v.CUMPLIDA: "#009E73",
    v.EN_CAMINO: "#0072B2",
    v.EN_RIESGO: "#E69F00",
    v.NO_CUMPLIDA: "#D55E00",
    v.SIN_CASOS: "#56B4E9",
    v.SIN_MEDICION: "#8C8C8C",
}
SIMBOLO_META = {
    v.CUMPLIDA: "✔", v.EN_CAMINO: "➜", v.EN_RIESGO: "▲", v.NO_CUMPLIDA: "✖", v.SIN_CASOS: "○",
    v.SIN_MEDICION: "–",
}


def nombre_comite(carpeta, umbrales: Umbrales | None = None) -> str:
    """How a committee is named on screen, on the slides, in the pack and in the charts.

    ``[comite] nombre`` of its tablero.toml (``umbrales``); else the name of its folder
    (``carpeta``, a path or a committee's folder name), ``_`` read as spaces and any
    byte that is not valid UTF-8 as «�»; a folder named just «data» or «datos» gives
    «CEPCI». Where a committee's settings are not loaded (the roll-up) pass none.
    """
    if umbrales is not None and umbrales.nombre_comite:
        return umbrales.nombre_comite
    carpeta = nombre_visible(os.path.basename(os.path.abspath(os.fsdecode(carpeta))))
    nombre = " ".join(carpeta.replace("_", " ").split())
    return nombre if nombre and nombre.casefold() not in CARPETAS_GENERICAS else NOMBRE_PREDETERMINADO


def semaforo(color: str) -> str:
    """'Rojo' -> '✖ Rojo'."""
    return f"{SIMBOLO_SEMAFORO.get(color, '')} {color}".strip()


def estado_meta(estado: str) -> str:
    return f"{SIMBOLO_META.get(estado, '')} {estado}".strip()


def cifra(c: Cifra) -> str:
    """A headline figure in one line: '7', '7 de 9', '7 de 9 · 1 sin casos'."""
    return " · ".join(filter(None, (numero_de_tarjeta(c), sin_casos(c))))


def numero_de_tarjeta(c: Cifra) -> str:
    """The big number of a card: '7' or '7 de 9' (targets without cases are not in the 9)."""
    return f"{c.valor} de {c.total}" if c.total is not None else f"{c.valor}"


def sin_casos(c: Cifra) -> str:
    """What a card says under its number of the targets without cases: '1 sin casos', or ''."""
    return f"{c.sin_casos} sin casos" if c.sin_casos else ""


def con_sin_casos(etiqueta: str, c: Cifra) -> str:
    """A card's label with its targets without cases: 'Metas cumplidas · 1 sin casos'."""
    return " · ".join(filter(None, (etiqueta, sin_casos(c))))


def cuantas(n: int, palabra: str) -> str:
    """'1 ordinaria', '4 ordinarias', '0 extraordinarias' (a word whose plural adds an s)."""
    return f"{n} {palabra}" if n == 1 else f"{n} {palabra}s"


def sesiones_ordinarias(celebradas: int, previstas: int) -> str:
    """'Sesiones ordinarias: 2 de 4' (held by the cut-off, of those the year asks for)."""
    return f"Sesiones ordinarias: {celebradas} de {previstas}"


def vacio(valor) -> bool:
    """None, NaN, NaT or pandas' NA: a value that is not there."""
    if valor is None:
        return True
    try:
        return bool(valor != valor)
    except TypeError:  # pandas' NA compares as NA, which has no truth value
        return True


def _dia(valor) -> date:
    """A date, a datetime (a pandas Timestamp is one) or a numpy datetime64, as a date."""
    if isinstance(valor, np.datetime64):
        return valor.astype("datetime64[D]").item()
    if isinstance(valor, date):
        return valor
    import pandas as pd  # anything else pandas understands as a date (text, a number of ns)

    return pd.Timestamp(valor)


def fecha(valor) -> str:
    """dd/mm/aaaa, or an empty string for a missing date."""
    return "" if vacio(valor) else _dia(valor).strftime("%d/%m/%Y")


def fecha_larga(valor) -> str:
    """'30 de junio de 2020'."""
    dia = _dia(valor)
    return f"{dia.day} de {MESES[dia.month - 1]} de {dia.year}"


def numero(valor: float, decimales: int = 1) -> str:
    """'37.5', '15', '' for missing: decimal point, trailing zeros dropped, halves
    rounded away from zero as Excel does (37.25 -> '37.3')."""
    if vacio(valor):
        return ""
    paso = Decimal(1).scaleb(-decimales)
    texto = str(Decimal(repr(float(valor))).quantize(paso, rounding=ROUND_HALF_UP))
    if "." in texto:
        texto = texto.rstrip("0").rstrip(".")
    return "0" if texto == "-0" else texto


def valor_con_unidad(valor: float, unidad: str, estado: str | None = None) -> str:
    """A value with its unit; a target's missing value says why (no cases, or not measured)."""
    if vacio(valor):
        return "sin casos" if estado == v.SIN_CASOS else "sin medición"
    return f"{numero(valor)} %" if unidad == v.PORCENTAJE else numero(valor)


def logrado_de_meta(logrado: float, meta: float, unidad: str, estado: str) -> str:
    """What a target has achieved of it: «35.5 % de 15 %»; without a value, why, and the
    target apart («sin medición · meta 80 %», never «sin medición de 80 %»)."""
    texto_meta = valor_con_unidad(meta, unidad)
    if vacio(logrado):
        return f"{valor_con_unidad(logrado, unidad, estado)} · meta {texto_meta}"
    return f"{valor_con_unidad(logrado, unidad)} de {texto_meta}"


def orden_natural(texto: str):
    """Sort key: '1.10' after '1.9'; Roman section numerals in their order; text last."""
    if texto in v.SECCIONES_ROMANAS:
        return (0, v.SECCIONES_ROMANAS.index(texto), "")
    partes = texto.split(".")
    if all(parte.isdigit() for parte in partes):
        return (1, tuple(int(parte) for parte in partes), "")
    return (2, (), texto.lower())


def tabla_indicadores(indicadores: pd.DataFrame) -> pd.DataFrame:
    """The indicators as people read them, values with their unit; Cumplimiento % stays a
    number. With a projection (see :mod:`pat_core.proyeccion`), its two columns follow."""
    import pandas as pd

    unidades = indicadores[v.UNIDAD]

    def con_unidad(columna: str) -> list[str]:
        return [valor_con_unidad(x, u) for x, u in zip(indicadores[columna], unidades)]

    tabla = pd.DataFrame({
        v.CLAVE: indicadores[v.CLAVE_INDICADOR],
        v.INDICADOR: indicadores[v.INDICADOR],
        v.META: con_unidad(v.VALOR_META),
        v.VALOR_LOGRADO: [valor_con_unidad(x, u, e) for x, u, e in
                          zip(indicadores[v.VALOR_LOGRADO], unidades, indicadores[v.ESTADO_META])],
        v.ESPERADO_AL_CORTE: con_unidad(v.VALOR_ESPERADO),
        v.CUMPLIMIENTO: indicadores[v.CUMPLIMIENTO],
        v.ESTADO_META: indicadores[v.ESTADO_META].map(estado_meta),
    })
    if v.PROYECCION in indicadores:
        tabla[v.PROYECCION] = con_unidad(v.PROYECCION)
        tabla[v.VEREDICTO] = indicadores[v.VEREDICTO]
    return tabla
