"""CSV files for Excel in Mexico: comma-separated, UTF-8 with BOM, dates dd/mm/aaaa.

Percentages are written in points with a decimal point (15, not 0.15).
Text that Excel would run as a formula is neutralised (OWASP, CSV injection).
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from . import vocabulario as v
from .presentacion import fecha, numero
from .problemas import Problema

COLUMNAS_ACTIVIDADES = [
    v.SECCION, v.CLAVE_INDICADOR, v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.FECHA_INICIO, v.FECHA_FIN,
    v.AVANCE, v.AVANCE_ESPERADO, v.ESTADO, v.SEMAFORO, v.DIAS_RESTANTES, v.EVIDENCIAS,
    v.ULTIMA_EVIDENCIA, v.RESPONSABLE, v.MECANISMO, v.RIESGOS, v.SOLICITADA_UEIPPCI,
]
COLUMNAS_INDICADORES = [
    v.SECCION, v.NOMBRE_SECCION, v.CLAVE_INDICADOR, v.INDICADOR, v.META, v.UNIDAD, v.CALCULO,
    v.VALOR_META, v.VALOR_LOGRADO, v.VALOR_ESPERADO, v.CUMPLIMIENTO, v.ESTADO_META,
    v.FECHA_MEDICION,
]
COLUMNAS_PROBLEMAS = ["Severidad", "Libro", "Hoja", "Fila", "Columna", "Valor encontrado", "Problema"]

_INICIO_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def texto_seguro(texto: str) -> str:
    """Text that Excel shows as text: a leading =, +, -, @, tab or CR gets a quote."""
    return "'" + texto if texto.startswith(_INICIO_FORMULA) else texto


def _celda(valor) -> str:
    if isinstance(valor, (bool, np.bool_)):
        return v.SI if valor else v.NO
    if valor is None or (not isinstance(valor, str) and pd.isna(valor)):
        return ""
    if isinstance(valor, pd.Timestamp):
        return fecha(valor)
    if isinstance(valor, (int, float, np.number)):
        return numero(valor)
    return texto_seguro(str(valor))


def csv_bytes(marco: pd.DataFrame, columnas: list[str]) -> bytes:
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow(columnas)
    for fila in marco[columnas].itertuples(index=False):
        escritor.writerow(_celda(valor) for valor in fila)
    return salida.getvalue().encode("utf-8-sig")


def csv_actividades(actividades: pd.DataFrame) -> bytes:
    return csv_bytes(actividades, COLUMNAS_ACTIVIDADES)


def csv_indicadores(indicadores: pd.DataFrame) -> bytes:
    return csv_bytes(indicadores, COLUMNAS_INDICADORES)


def tabla_problemas(problemas: list[Problema]) -> pd.DataFrame:
    return pd.DataFrame(
        [[p.severidad, p.libro, p.hoja, p.fila, p.columna, p.valor, p.mensaje] for p in problemas],
        columns=COLUMNAS_PROBLEMAS,
    ).astype({"Fila": "Int64"})


def csv_problemas(problemas: list[Problema]) -> bytes:
    return csv_bytes(tabla_problemas(problemas), COLUMNAS_PROBLEMAS)
