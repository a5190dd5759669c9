"""Writing the two workbooks of a year in the product's format, with openpyxl.

``escribir_plantillas`` gives a committee empty workbooks ready to fill:
headers, frozen header row, date formats, dropdowns and an instructions
sheet. The same builders, given rows, wrote the shipped example data.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from . import vocabulario as v
from .exportar import FORMATO_FECHA, escribir_archivo, revisar_destino
from .lectura import ruta_evidencias, ruta_pat
from .anio import cargar

FILAS_CON_VALIDACION = 2000
_FILA_TITULO, _FILA_ENCABEZADO = 1, 3
_RELLENO_ENCABEZADO = PatternFill("solid", fgColor="1F3864")


@dataclass(frozen=True)
class Columna:
    nombre: str
    ancho: int
    formato: str | None = None
    lista: str | None = None  # name of a column of the Listas sheet, for a dropdown
    ayuda: str = ""


COLUMNAS_INDICADORES = [
    Columna(v.SECCION, 9, lista="secciones", ayuda="Número romano: I, II, III…"),
    Columna(v.NOMBRE_SECCION, 28, ayuda="Por ejemplo: Capacitación y sensibilización."),
    Columna(v.CLAVE_INDICADOR, 10, "@", ayuda="Sección y número: 1.1, 1.2, 2.1…"),
    Columna(v.INDICADOR, 40),
    Columna(v.OBJETIVO, 50),
    Columna(v.META, 60, ayuda="El texto de la meta tal como se aprobó."),
    Columna(v.VALOR_META, 11, ayuda="15%, 0.15 o 15 para porcentaje; 1 o 5 para número."),
    Columna(v.UNIDAD, 12, lista="unidades", ayuda="porcentaje o número."),
    Columna(v.CALCULO, 13, lista="calculos",
            ayuda="medición: de la hoja Mediciones; actividades: % de actividades concluidas (en "
                  "número: cuántas); sesiones: cuántas sesiones ordinarias se celebraron (número)."),
]
COLUMNAS_ACTIVIDADES = [
    Columna(v.CLAVE_ACTIVIDAD, 10, "@", ayuda="Clave del indicador y número: 1.1.1, 1.1.2…"),
    Columna(v.ACTIVIDAD, 60),
    Columna(v.FECHA_INICIO, 12, FORMATO_FECHA, ayuda="dd/mm/aaaa"),
    Columna(v.FECHA_FIN, 12, FORMATO_FECHA, ayuda="dd/mm/aaaa; el día de fin cuenta como a tiempo."),
    Columna(v.MECANISMO, 40),
    Columna(v.RIESGOS, 40),
    Columna(v.RESPONSABLE, 20, ayuda="Opcional."),
    Columna(v.SOLICITADA_UEIPPCI, 12, lista="si_no", ayuda="Sí o No (el asterisco del PAT)."),
]
COLUMNAS_EVIDENCIAS = [
    Columna(v.CLAVE_ACTIVIDAD, 10, "@", lista="actividades",
            ayuda="La clave de la actividad en el plan."),
    Columna(v.FECHA, 12, FORMATO_FECHA, ayuda="dd/mm/aaaa"),
    Columna(v.DESCRIPCION, 60),
    Columna(v.AVANCE, 10, ayuda="Opcional. Avance de la actividad a esa fecha, de 0 a 100."),
    Columna(v.ENLACE, 30, ayuda="Opcional. Dónde está la evidencia."),
    Columna(v.REGISTRO, 20, ayuda="Opcional. Quién la registró."),
]
COLUMNAS_MEDICIONES = [
    Columna(v.CLAVE_INDICADOR, 10, "@", lista="indicadores"),
    Columna(v.FECHA_CORTE, 12, FORMATO_FECHA, ayuda="dd/mm/aaaa"),
    Columna(v.LOGRADO, 10, ayuda="Lo logrado a esa fecha (personas, denuncias, procesos…)."),
    Columna(v.TOTAL, 10, ayuda="El total de referencia; vacío para indicadores en número."),
    Columna(v.NOTA, 40, ayuda="Opcional."),
]

COLUMNAS_HITOS = [
    Columna(v.CLAVE_ACTIVIDAD, 10, "@", lista="actividades"),
    Columna(v.HITO, 50, ayuda="Por ejemplo: validar el directorio (segunda quincena de febrero)."),
    Columna(v.FECHA_LIMITE, 12, FORMATO_FECHA, ayuda="dd/mm/aaaa"),
]
COLUMNAS_INHABILES = [
    Columna(v.FECHA, 12, FORMATO_FECHA, ayuda="Días inhábiles que declara la institución, "
            "además de los feriados oficiales."),
    Columna(v.MOTIVO, 40),
]
COLUMNAS_SESIONES = [
    Columna(v.FECHA, 12, FORMATO_FECHA, ayuda="Fecha de la sesión del CEPCI."),
    Columna(v.TIPO, 14, lista="tipos_sesion", ayuda="ordinaria o extraordinaria."),
    Columna(v.FECHA_REGISTRO_ACTA, 16, FORMATO_FECHA,
            ayuda="Cuándo se registró el acta en el SSECCOE; vacía si aún no."),
    Columna(v.FECHA_PROGRAMADA, 14, FORMATO_FECHA,
            ayuda="Opcional. La fecha del calendario aprobado; una sesión aún no celebrada "
                  "lleva solo esta fecha."),
]

INSTRUCCIONES_PAT = [
    "Programa Anual de Trabajo (PAT) del CEPCI — plan aprobado.",
    "Hoja Indicadores: una fila por indicador, con su meta. Hoja Actividades: una fila por actividad.",
    "La actividad 1.2.1 pertenece al indicador 1.2, que pertenece a la sección I.",
    "Las fechas se escriben dd/mm/aaaa (día primero): 02/03/2020 es el 2 de marzo.",
    "Hojas opcionales: Hitos (fechas límite intermedias de una actividad) y Días inhábiles "
    "(los que declare la institución además de los feriados oficiales).",
    "No cambie los nombres de las hojas ni de los encabezados; puede agregar columnas propias.",
    "Después de guardar, pulse «Recargar datos» en el tablero.",
]
INSTRUCCIONES_EVIDENCIAS = [
    "Registro de evidencias y mediciones del PAT.",
    "Hoja Evidencias: una fila por evidencia de una actividad, con su fecha y, si lo sabe, el "
    "avance de la actividad a esa fecha (0 a 100; 100 = concluida).",
    "Hoja Mediciones: el valor de un indicador a una fecha de corte, por ejemplo 46 personas "
    "capacitadas de un total de 200. Si en el periodo no hubo casos (ninguna denuncia), escriba "
    "Logrado 0 y Total 0: la meta queda «Sin casos».",
    "Hoja Sesiones (opcional): cada sesión del CEPCI y cuándo se registró su acta; el tablero "
    "revisa que sea dentro del plazo en días hábiles (10, salvo que tablero.toml diga otro). "
    "Con la Fecha programada de cada sesión del calendario aprobado, el tablero lista las que "
    "no se celebraron en su fecha.",
    "Las fechas se escriben dd/mm/aaaa (día primero).",
    "Después de guardar, pulse «Recargar datos» en el tablero.",
]


def libro_pat(anio: int, titulo: str = "", indicadores: list[list] = (),
              actividades: list[list] = (), hitos: list[list] = (),
              inhabiles: list[list] = ()) -> Workbook:
    libro = Workbook()
    libro.remove(libro.active)
    titulo = titulo or f"Programa Anual de Trabajo {anio}"
    _hoja(libro, v.HOJA_INDICADORES, titulo, COLUMNAS_INDICADORES, indicadores)
    _hoja(libro, v.HOJA_ACTIVIDADES, titulo, COLUMNAS_ACTIVIDADES, actividades)
    _hoja(libro, v.HOJA_HITOS, titulo, COLUMNAS_HITOS, hitos)
    _hoja(libro, v.HOJA_INHABILES, titulo, COLUMNAS_INHABILES, inhabiles)
    _instrucciones(libro, INSTRUCCIONES_PAT)
    _listas(libro, {
        "secciones": list(v.SECCIONES_ROMANAS),
        "unidades": list(v.UNIDADES),
        "calculos": list(v.CALCULOS),
        "si_no": [v.SI, v.NO],
        "actividades": [fila[0] for fila in actividades],
    })
    return libro


def libro_evidencias(anio: int, titulo: str = "", claves_actividad: list[str] = (),
                     claves_indicador: list[str] = (), evidencias: list[list] = (),
                     mediciones: list[list] = (), sesiones: list[list] = ()) -> Workbook:
    libro = Workbook()
    libro.remove(libro.active)
    titulo = titulo or f"Registro de evidencias {anio}"
    _hoja(libro, v.HOJA_EVIDENCIAS, titulo, COLUMNAS_EVIDENCIAS, evidencias)
    _hoja(libro, v.HOJA_MEDICIONES, titulo, COLUMNAS_MEDICIONES, mediciones)
    _hoja(libro, v.HOJA_SESIONES, titulo, COLUMNAS_SESIONES, sesiones)
    _instrucciones(libro, INSTRUCCIONES_EVIDENCIAS)
    _listas(libro, {"actividades": list(claves_actividad), "indicadores": list(claves_indicador),
                    "tipos_sesion": list(v.TIPOS_SESION)})
    return libro


def escribir_plantillas(anio: int, carpeta: Path) -> list[Path]:
    """Write the workbooks of ``anio`` that ``carpeta`` lacks; never overwrite one, never
    write through a link (:class:`pat_core.exportar.SalidaRechazada`).

    When the plan is already there, the evidence workbook's dropdowns offer its
    activity and indicator keys.
    """
    carpeta = Path(carpeta)
    if carpeta.exists() and not carpeta.is_dir():
        raise FileExistsError(f"«{carpeta}» es un archivo, no una carpeta; elija una carpeta.")
    plan, registro = ruta_pat(carpeta, anio), ruta_evidencias(carpeta, anio)
    if plan.exists() and registro.exists():
        raise FileExistsError(f"ya existen «{plan}» y «{registro}»; no se sobrescriben. "
                              "Elija otra carpeta.")
    for ruta in (plan, registro):  # a refusal comes before either is written
        if not ruta.exists():
            revisar_destino(ruta, None, libro_nuevo=True)
    carpeta.mkdir(parents=True, exist_ok=True)
    escritas = []
    if not plan.exists():
        escritas.append(_escribir(libro_pat(anio), plan))
    if not registro.exists():
        claves = _claves_del_plan(carpeta, anio)
        escritas.append(_escribir(libro_evidencias(
            anio, claves_actividad=claves[v.HOJA_ACTIVIDADES],
            claves_indicador=claves[v.HOJA_INDICADORES]), registro))
    return escritas


def _escribir(libro: Workbook, ruta: Path) -> Path:
    contenido = io.BytesIO()
    libro.save(contenido)
    return escribir_archivo(ruta, contenido.getvalue(), None, libro_nuevo=True)


def _claves_del_plan(carpeta: Path, anio: int) -> dict[str, list[str]]:
    datos = cargar(carpeta, anio)
    return {v.HOJA_ACTIVIDADES: list(datos.actividades[v.CLAVE_ACTIVIDAD]),
            v.HOJA_INDICADORES: list(datos.indicadores[v.CLAVE_INDICADOR])}


def _hoja(libro: Workbook, nombre: str, titulo: str, columnas: list[Columna], filas) -> None:
    hoja = libro.create_sheet(nombre)
    hoja.cell(_FILA_TITULO, 1, titulo).font = Font(bold=True, size=14)
    for numero, columna in enumerate(columnas, start=1):
        letra = get_column_letter(numero)
        celda = hoja.cell(_FILA_ENCABEZADO, numero, columna.nombre)
        celda.font = Font(bold=True, color="FFFFFF")
        celda.fill = _RELLENO_ENCABEZADO
        celda.alignment = Alignment(wrap_text=True, vertical="center")
        hoja.column_dimensions[letra].width = columna.ancho
        if columna.formato:  # for the rows still to be typed, in the empty template too
            hoja.column_dimensions[letra].number_format = columna.formato
        if columna.ayuda:
            hoja.cell(_FILA_ENCABEZADO - 1, numero, columna.ayuda).font = Font(italic=True, size=8)
    hoja.freeze_panes = hoja.cell(_FILA_ENCABEZADO + 1, 1)
    for desplazamiento, fila in enumerate(filas, start=1):
        for numero, valor in enumerate(fila, start=1):
            hoja.cell(_FILA_ENCABEZADO + desplazamiento, numero, valor)
    ultima = _FILA_ENCABEZADO + max(len(filas), FILAS_CON_VALIDACION)
    for numero, columna in enumerate(columnas, start=1):
        letra = get_column_letter(numero)
        for fila in range(_FILA_ENCABEZADO + 1, _FILA_ENCABEZADO + len(filas) + 1):
            celda = hoja[f"{letra}{fila}"]
            celda.alignment = Alignment(wrap_text=True, vertical="top")
            if columna.formato:
                celda.number_format = columna.formato
        if columna.lista:
            _desplegable(hoja, columna, f"{letra}{_FILA_ENCABEZADO + 1}:{letra}{ultima}")


def _desplegable(hoja, columna: Columna, rango: str) -> None:
    validacion = DataValidation(
        type="list", formula1=f"=_{columna.lista}", allow_blank=True,
        showErrorMessage=columna.lista not in ("actividades", "indicadores"),
        errorTitle="Valor no válido", error=f"Elija un valor de la lista para «{columna.nombre}».",
    )
    validacion.add(rango)
    hoja.add_data_validation(validacion)


def _listas(libro: Workbook, listas: dict[str, list[str]]) -> None:
    """A hidden sheet with the dropdowns' options, each a defined name."""
    hoja = libro.create_sheet(v.HOJA_LISTAS)
    hoja.sheet_state = "hidden"
    for numero, (nombre, opciones) in enumerate(listas.items(), start=1):
        letra = get_column_letter(numero)
        hoja.cell(1, numero, nombre)
        for fila, opcion in enumerate(opciones, start=2):
            hoja.cell(fila, numero, opcion)
        final = max(2, len(opciones) + 1)
        referencia = f"{quote_sheetname(v.HOJA_LISTAS)}!${letra}$2:${letra}${final}"
        libro.defined_names[f"_{nombre}"] = DefinedName(f"_{nombre}", attr_text=referencia)


def _instrucciones(libro: Workbook, lineas: list[str]) -> None:
    hoja = libro.create_sheet(v.HOJA_INSTRUCCIONES)
    hoja.column_dimensions["A"].width = 110
    hoja.cell(1, 1, lineas[0]).font = Font(bold=True, size=14)
    for fila, linea in enumerate(lineas[1:], start=3):
        hoja.cell(fila, 1, linea).alignment = Alignment(wrap_text=True)
