"""How figures are shown to people: colours, symbols, labels and date formats.

The semáforo never relies on colour alone: each colour has a symbol and its
name. Colours come from the Okabe–Ito palette, safe for colour-blind readers.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from . import vocabulario as v

MESES_CORTOS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
         "octubre", "noviembre", "diciembre")

COLOR_SEMAFORO = {v.VERDE: "#009E73", v.AMARILLO: "#E69F00", v.ROJO: "#D55E00"}
SIMBOLO_SEMAFORO = {v.VERDE: "✔", v.AMARILLO: "▲", v.ROJO: "✖"}
TRAMA_SEMAFORO = {v.VERDE: "", v.AMARILLO: "/", v.ROJO: "x"}

COLOR_META = {
    v.CUMPLIDA: "#009E73",
    v.EN_CAMINO: "#0072B2",
    v.EN_RIESGO: "#E69F00",
    v.NO_CUMPLIDA: "#D55E00",
    v.SIN_MEDICION: "#8C8C8C",
}
SIMBOLO_META = {
    v.CUMPLIDA: "✔", v.EN_CAMINO: "➜", v.EN_RIESGO: "▲", v.NO_CUMPLIDA: "✖", v.SIN_MEDICION: "–",
}
COLOR_ESTADO = {
    v.CONCLUIDA: "#009E73", v.EN_PROCESO: "#0072B2", v.POR_INICIAR: "#8C8C8C", v.VENCIDA: "#D55E00",
}


def semaforo(color: str) -> str:
    """'Rojo' -> '✖ Rojo'."""
    return f"{SIMBOLO_SEMAFORO.get(color, '')} {color}".strip()


def estado_meta(estado: str) -> str:
    return f"{SIMBOLO_META.get(estado, '')} {estado}".strip()


def fecha(valor) -> str:
    """dd/mm/aaaa, or an empty string for a missing date."""
    return "" if pd.isna(valor) else pd.Timestamp(valor).strftime("%d/%m/%Y")


def fecha_larga(valor) -> str:
    """'30 de junio de 2020'."""
    dia = pd.Timestamp(valor)
    return f"{dia.day} de {MESES[dia.month - 1]} de {dia.year}"


def numero(valor: float, decimales: int = 1) -> str:
    """'37.5', '15', '' for missing: decimal point, trailing zeros dropped, halves
    rounded away from zero as Excel does (37.25 -> '37.3')."""
    if valor is None or pd.isna(valor):
        return ""
    paso = Decimal(1).scaleb(-decimales)
    texto = str(Decimal(repr(float(valor))).quantize(paso, rounding=ROUND_HALF_UP))
    if "." in texto:
        texto = texto.rstrip("0").rstrip(".")
    return "0" if texto == "-0" else texto


def valor_con_unidad(valor: float, unidad: str) -> str:
    if valor is None or pd.isna(valor):
        return "sin medición"
    return f"{numero(valor)} %" if unidad == v.PORCENTAJE else numero(valor)
