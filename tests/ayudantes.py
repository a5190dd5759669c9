"""Shared steps of the tests: small workbooks and small programmes built in the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from pat_core import vocabulario as v
from pat_core import anio
from pat_core.anio import DatosAnio
from pat_core.contrato import COLUMNAS, FILA, columna_tipada
from pat_core.lectura import leer_crudo

ANIO = 2020

ENCABEZADOS = {
    v.HOJA_INDICADORES: [v.SECCION, v.NOMBRE_SECCION, v.CLAVE_INDICADOR, v.INDICADOR, v.OBJETIVO,
                         v.META, v.VALOR_META, v.UNIDAD, v.CALCULO],
    v.HOJA_ACTIVIDADES: [v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.FECHA_INICIO, v.FECHA_FIN, v.MECANISMO,
                         v.RIESGOS, v.RESPONSABLE],
    v.HOJA_EVIDENCIAS: [v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION, v.AVANCE, v.ENLACE, v.REGISTRO],
    v.HOJA_MEDICIONES: [v.CLAVE_INDICADOR, v.FECHA_CORTE, v.LOGRADO, v.TOTAL, v.NOTA],
}

# A small plan: one percentage indicator measured, one computed from its activities.
INDICADORES = [
    ["I", "Capacitación", "1.1", "Capacitación", "Obj.", "Al menos 15%", "15%", "porcentaje", "medición"],
    ["II", "Difusión", "2.1", "Difusión", "Obj.", "Al menos 80%", 80, "porcentaje", "actividades"],
]
ACTIVIDADES = [
    ["1.1.1", "Curso", date(2020, 3, 2), date(2020, 12, 31), "Constancia", "Cargas", "Ana"],
    ["2.1.1", "Infografía", date(2020, 2, 3), date(2020, 6, 30), "Captura", "Tecnología", "Luis"],
    ["2.1.2", "Video", date(2020, 2, 3), date(2020, 12, 31), "Captura", "Tecnología", "Ana"],
]
EVIDENCIAS = [
    ["1.1.1", date(2020, 4, 15), "Inscripción", 20, None, "Ana"],
    ["2.1.1", date(2020, 3, 1), "Infografía enviada", 100, None, "Luis"],
]
MEDICIONES = [
    ["1.1", date(2020, 6, 30), 46, 200, None],
]


class HojaLeida:
    """A sheet as pat_core.lectura reads it, as a DataFrame (with ``_fila``): easy to assert on."""

    def __init__(self, hoja):
        self.libro, self.hoja = hoja.libro, hoja.hoja  # names as the workbook spells them
        self.filas = pd.DataFrame({**hoja.columnas, FILA: hoja.filas}, dtype=object)


def leer_libro(ruta: Path, especs) -> tuple[dict[str, HojaLeida], list]:
    """:func:`pat_core.lectura.leer_crudo`, each sheet as a :class:`HojaLeida`."""
    hojas, problemas = leer_crudo(ruta, especs)
    return {nombre: HojaLeida(hoja) for nombre, hoja in hojas.items()}, problemas


def escribir_libro(ruta: Path, hojas: dict[str, list[list]]) -> Path:
    """An xlsx whose sheets hold exactly the given rows (titles, headers, data)."""
    libro = Workbook()
    libro.remove(libro.active)
    for nombre, filas in hojas.items():
        hoja = libro.create_sheet(nombre)
        for fila in filas:
            hoja.append(list(fila))
    libro.save(ruta)
    return ruta


def carpeta(tmp_path: Path, indicadores=INDICADORES, actividades=ACTIVIDADES,
            evidencias=EVIDENCIAS, mediciones=MEDICIONES, anio: int = ANIO) -> Path:
    """A data folder with both workbooks of ``anio``, headers in row 1."""
    escribir_libro(tmp_path / f"pat_{anio}.xlsx", {
        v.HOJA_INDICADORES: [ENCABEZADOS[v.HOJA_INDICADORES], *indicadores],
        v.HOJA_ACTIVIDADES: [ENCABEZADOS[v.HOJA_ACTIVIDADES], *actividades],
    })
    escribir_libro(tmp_path / f"evidencias_{anio}.xlsx", {
        v.HOJA_EVIDENCIAS: [ENCABEZADOS[v.HOJA_EVIDENCIAS], *evidencias],
        v.HOJA_MEDICIONES: [ENCABEZADOS[v.HOJA_MEDICIONES], *mediciones],
    })
    return tmp_path


def marco(hoja: str, filas: list[dict]) -> pd.DataFrame:
    """A typed frame as :func:`pat_core.anio.cargar` returns it, from dicts."""
    registros = [{**{c: None for c in COLUMNAS[hoja]}, FILA: n + 2, **fila}
                 for n, fila in enumerate(filas)]
    return anio.marco(hoja, {c: columna_tipada(c, [r[c] for r in registros])
                             for c in COLUMNAS[hoja]})


def programa(indicadores=(), actividades=(), evidencias=(), mediciones=(), anio=ANIO) -> DatosAnio:
    """A DatosAnio built in memory, for testing the rules without files."""
    return DatosAnio(
        anio,
        marco(v.HOJA_INDICADORES, list(indicadores)),
        marco(v.HOJA_ACTIVIDADES, list(actividades)),
        marco(v.HOJA_EVIDENCIAS, list(evidencias)),
        marco(v.HOJA_MEDICIONES, list(mediciones)),
    )
