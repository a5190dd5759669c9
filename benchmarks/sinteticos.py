"""Synthetic committee folders shaped like ours, for the benchmark.

Every committee-year is the shipped PAT 2020 plan (10 indicators, 22
activities, its real texts) moved to that year, with an evidence register
that people could have typed: dates as date cells, as dd/mm/aaaa text and as
ISO text; progress as 0.6, 60 and "60%"; keys typed as numbers now and
then; and a few cells that do not read (about one row in two hundred), so the
slow path of the reader is exercised too. Written with openpyxl in
write-only mode (fast), one file per committee, year and kind.

    generar(destino, comites=270, anios=(2020,), evidencias_por_anio=222)

The *typed* workload (:func:`generar_tipados`) is the other kind of register: kept
with care, every date a date cell and every number a number, 1,250 evidence rows
per committee (or ten times that), the plan with 25 activities. Written with
xlsxwriter (several times faster than openpyxl) on every core, one committee per
task, each committee from its own seed: the same folder whatever the number of cores.

    generar_tipados(destino, comites=270, evidencias=1250, anio=2020)
"""

from __future__ import annotations

import random
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

RAIZ = Path(__file__).resolve().parent.parent

_NOMBRES = [
    "API_Coatzacoalcos", "API_Veracruz", "API_Manzanillo", "API_Lazaro_Cardenas",
    "API_Altamira", "API_Tampico", "API_Ensenada", "API_Guaymas", "API_Mazatlan",
    "API_Progreso", "SAT", "IMSS", "ISSSTE", "CONAGUA", "SEMARNAT", "SEP", "SALUD",
    "SHCP", "SCT", "SADER", "SEDENA", "SEMAR", "SFP", "INEGI", "CFE", "PEMEX",
    "BANOBRAS", "NAFIN", "FONATUR", "CONACYT",
]


def nombre_comite(numero: int) -> str:
    """Committee folder names: institution-like and unique (API_Veracruz_007)."""
    return f"{_NOMBRES[numero % len(_NOMBRES)]}_{numero:03d}"


def _plan_base():
    """The shipped plan, as rows of raw values, read once with openpyxl (slow but only once)."""
    from openpyxl import load_workbook

    libro = load_workbook(RAIZ / "data" / "pat_2020.xlsx", read_only=True, data_only=True)
    hojas = {}
    for nombre in ("Indicadores", "Actividades"):
        filas = [list(f) for f in libro[nombre].iter_rows(values_only=True)]
        encabezado = next(i for i, f in enumerate(filas) if f[0] in ("Sección", "Clave actividad"))
        hojas[nombre] = (filas[encabezado], [f for f in filas[encabezado + 1:] if any(f)])
    libro.close()
    return hojas


_BASE = None

_DESCRIPCIONES = [
    "Lista de asistencia de la sesión de sensibilización.",
    "Constancias de acreditación del curso archivadas.",
    "Captura de pantalla de la difusión por correo institucional.",
    "Oficio enviado a la Unidad de Administración.",
    "Acta de la sesión ordinaria firmada por los integrantes.",
    "Informe trimestral cargado en el SSECCOE.",
    "Infografía publicada en la intranet.",
    "Minuta de la reunión de trabajo con el área de capacitación.",
]
_PERSONAS = ["Secretaría Técnica", "Presidencia", "Ana Pérez", "Luis Gómez", "Enlace de Ética"]


def _fecha_como_escribe(rng: random.Random, dia: date, fecha_cell: bool = True):
    """A date as people type it: a date cell most of the time, else dd/mm/aaaa or ISO text."""
    tirada = rng.random()
    if fecha_cell and tirada < 0.55:
        return dia
    if tirada < 0.85:
        return f"{dia.day:02d}/{dia.month:02d}/{dia.year}" if rng.random() < 0.7 else \
            f"{dia.day}/{dia.month}/{dia.year}"
    return dia.isoformat()


def _avance_como_escribe(rng: random.Random, avance: int):
    tirada = rng.random()
    if tirada < 0.5:
        return avance
    if tirada < 0.8:
        return f"{avance}%"
    return avance / 100


def _fila(hoja, valores, formato_fecha):
    celdas = []
    for valor in valores:
        if isinstance(valor, date):
            celda = WriteOnlyCell(hoja, value=valor)
            celda.number_format = formato_fecha
            celdas.append(celda)
        else:
            celdas.append(valor)
    hoja.append(celdas)


def libro_pat(anio: int, rng: random.Random) -> Workbook:
    global _BASE
    if _BASE is None:
        _BASE = _plan_base()
    libro = Workbook(write_only=True)
    encabezado, indicadores = _BASE["Indicadores"]
    hoja = libro.create_sheet("Indicadores")
    hoja.append([f"Programa Anual de Trabajo {anio}"])
    hoja.append([])
    hoja.append(list(encabezado))
    for fila in indicadores:
        fila = list(fila)
        if rng.random() < 0.2 and isinstance(fila[2], str):
            fila[2] = float(fila[2])  # a key typed as a number: 1.1
        _fila(hoja, fila, "dd/mm/yyyy")
    encabezado, actividades = _BASE["Actividades"]
    hoja = libro.create_sheet("Actividades")
    hoja.append([f"Actividades del PAT {anio}"])
    hoja.append([])
    hoja.append(list(encabezado))
    i_inicio, i_fin = encabezado.index("Fecha inicio"), encabezado.index("Fecha fin")
    for fila in actividades:
        fila = list(fila)
        for i in (i_inicio, i_fin):
            original = fila[i]
            dia = date(anio, original.month, min(original.day, 28 if original.month == 2 else 31))
            fila[i] = _fecha_como_escribe(rng, dia)
        _fila(hoja, fila, "dd/mm/yyyy")
    return libro


def libro_evidencias(anio: int, rng: random.Random, evidencias: int) -> Workbook:
    global _BASE
    if _BASE is None:
        _BASE = _plan_base()
    encabezado, actividades = _BASE["Actividades"]
    claves = [str(f[0]) for f in actividades]
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Evidencias")
    hoja.append([f"Registro de evidencias {anio}"])
    hoja.append([])
    hoja.append(["Clave actividad", "Fecha", "Descripción", "Avance %", "Enlace", "Registró"])
    inicio = date(anio, 1, 2)
    avance = {clave: 0 for clave in claves}
    dias = sorted(rng.randrange(0, 360) for _ in range(evidencias))
    for dia in dias:
        clave = rng.choice(claves)
        avance[clave] = min(100, avance[clave] + rng.choice((0, 5, 10, 10, 15, 20)))
        fecha = inicio + timedelta(days=dia)
        fila = [clave, _fecha_como_escribe(rng, fecha), rng.choice(_DESCRIPCIONES),
                _avance_como_escribe(rng, avance[clave]) if rng.random() < 0.9 else None,
                f"https://intranet/evidencias/{anio}/{clave}/{dia}" if rng.random() < 0.3 else None,
                rng.choice(_PERSONAS)]
        tirada = rng.random()
        if tirada < 0.002:
            fila[1] = f"31/02/{anio}"  # a date that does not exist
        elif tirada < 0.004:
            fila[3] = "15,5"  # decimal comma
        elif tirada < 0.006:
            fila[0] = clave + "."  # a trailing dot: still read
        _fila(hoja, fila, "dd/mm/yyyy")
    hoja = libro.create_sheet("Mediciones")
    hoja.append(["Clave indicador", "Fecha de corte", "Logrado", "Total", "Nota"])
    for clave, total in (("1.1", 200), ("1.2", 5), ("3.1", 8), ("3.2", 2), ("3.3", 3),
                         ("4.3", 200)):
        logrado = 0
        for mes in (3, 6, 9, 12):
            logrado = min(total, logrado + rng.randrange(0, max(2, total // 3)))
            fin_de_mes = date(anio, mes, 30 if mes in (6, 9) else 31)
            _fila(hoja, [clave, _fecha_como_escribe(rng, fin_de_mes), logrado,
                         total if rng.random() < 0.8 else str(total), None], "dd/mm/yyyy")
    for clave in ("4.2", "5.1"):
        _fila(hoja, [clave, date(anio, 9, 30), rng.randrange(0, 6), None, None], "dd/mm/yyyy")
    hoja = libro.create_sheet("Sesiones")
    hoja.append(["Fecha", "Tipo", "Fecha de registro del acta"])
    for mes in (3, 6, 9, 12):
        sesion = date(anio, mes, 20)
        _fila(hoja, [sesion, "ordinaria", sesion + timedelta(days=rng.randrange(3, 12))],
              "dd/mm/yyyy")
    return libro


def generar(destino: Path, comites: int, anios=(2020,), evidencias_por_anio: int = 222,
            semilla: int = 2020) -> list[Path]:
    """Write ``comites`` committee folders under ``destino``; returns the files written."""
    destino = Path(destino)
    rng = random.Random(semilla)
    escritos = []
    for numero in range(1, comites + 1):
        carpeta = destino / nombre_comite(numero)
        carpeta.mkdir(parents=True, exist_ok=True)
        for anio in anios:
            n = max(1, int(rng.gauss(evidencias_por_anio, evidencias_por_anio * 0.15)))
            for nombre, libro in ((f"pat_{anio}.xlsx", libro_pat(anio, rng)),
                                  (f"evidencias_{anio}.xlsx", libro_evidencias(anio, rng, n))):
                libro.save(carpeta / nombre)
                escritos.append(carpeta / nombre)
    return escritos


# ---------------------------------------------------------------- typed workload

ACTIVIDADES_TIPADAS = 25  # the shipped plan's 22 and three second stages
_FORMATO_FECHA = {"num_format": "dd/mm/yyyy"}


def _plan_tipado(anio: int) -> tuple[list, list, list]:
    """Header, indicators and activities of the shipped plan with typed cells: every
    Valor meta a number (15% as 15), the dates moved to ``anio``, and three more
    activities (second stages of the first three) to make 25."""
    global _BASE
    if _BASE is None:
        _BASE = _plan_base()
    encabezado_i, indicadores = _BASE["Indicadores"]
    i_valor, i_unidad = encabezado_i.index("Valor meta"), encabezado_i.index("Unidad")
    tipados = []
    for fila in indicadores:
        fila = list(fila)
        valor = fila[i_valor]
        valor = float(valor.rstrip("%")) if isinstance(valor, str) else valor
        if fila[i_unidad] == "porcentaje" and 0 < valor <= 1:
            valor *= 100
        fila[i_valor] = valor
        tipados.append(fila)
    encabezado_a, actividades = _BASE["Actividades"]
    actividades = [list(f) for f in actividades]
    for fila in actividades[:ACTIVIDADES_TIPADAS - len(actividades)]:
        indicador = fila[0].rsplit(".", 1)[0]
        ultimo = max(int(a[0].rsplit(".", 1)[1]) for a in actividades
                     if a[0].rsplit(".", 1)[0] == indicador)
        actividades.append([f"{indicador}.{ultimo + 1}", f"{fila[1]} (segunda etapa)", *fila[2:]])
    for fila in actividades:
        for i in (encabezado_a.index("Fecha inicio"), encabezado_a.index("Fecha fin")):
            fila[i] = fila[i].replace(year=anio)
    return (encabezado_i, encabezado_a), tipados, actividades


def _escribir(hoja, fila: int, valores, fecha) -> None:
    """One row, each value with its own type; a None leaves the cell empty."""
    for columna, valor in enumerate(valores):
        if valor is None:
            continue
        if isinstance(valor, (date, datetime)):
            hoja.write_datetime(fila, columna, valor, fecha)
        elif isinstance(valor, (int, float)):
            hoja.write_number(fila, columna, valor)
        else:
            hoja.write_string(fila, columna, str(valor))


def _hoja(libro, nombre: str, titulo: str, encabezado) -> tuple:
    """A sheet with a title row, an empty row and the header, as our templates are."""
    hoja = libro.add_worksheet(nombre)
    hoja.write_string(0, 0, titulo)
    for columna, texto in enumerate(encabezado):
        hoja.write_string(2, columna, texto)
    return hoja, 3


def escribir_pat_tipado(ruta: Path, anio: int) -> None:
    (encabezado_i, encabezado_a), indicadores, actividades = _plan_tipado(anio)
    libro = xlsxwriter.Workbook(ruta)
    fecha = libro.add_format(_FORMATO_FECHA)
    for nombre, encabezado, filas in (("Indicadores", encabezado_i, indicadores),
                                      ("Actividades", encabezado_a, actividades)):
        hoja, primera = _hoja(libro, nombre, f"Programa Anual de Trabajo {anio}", encabezado)
        for i, valores in enumerate(filas):
            _escribir(hoja, primera + i, valores, fecha)
    libro.close()


def escribir_evidencias_tipadas(ruta: Path, anio: int, evidencias: int, semilla: int) -> None:
    """The register: ``evidencias`` rows in date order, each activity's progress growing
    in steps of 5 (never 1, which the reader would question); Mediciones every quarter;
    the four ordinary sessions."""
    rng = random.Random(semilla)
    claves = [fila[0] for fila in _plan_tipado(anio)[2]]
    libro = xlsxwriter.Workbook(ruta)
    fecha = libro.add_format(_FORMATO_FECHA)
    hoja, primera = _hoja(libro, "Evidencias", f"Registro de evidencias {anio}",
                          ["Clave actividad", "Fecha", "Descripción", "Avance %", "Enlace",
                           "Registró"])
    avance = dict.fromkeys(claves, 0)
    inicio = datetime(anio, 1, 2)
    for i, dia in enumerate(sorted(rng.randrange(0, 360) for _ in range(evidencias))):
        clave = rng.choice(claves)
        avance[clave] = min(100, avance[clave] + rng.choice((0, 5, 10, 15)))
        enlace = f"https://intranet/evidencias/{anio}/{clave}/{i}" if rng.random() < 0.3 else None
        _escribir(hoja, primera + i, [clave, inicio + timedelta(days=dia),
                                      rng.choice(_DESCRIPCIONES), avance[clave], enlace,
                                      rng.choice(_PERSONAS)], fecha)
    hoja, primera = _hoja(libro, "Mediciones", f"Mediciones {anio}",
                          ["Clave indicador", "Fecha de corte", "Logrado", "Total", "Nota"])
    for clave, total in (("1.1", 200), ("1.2", 5), ("3.1", 8), ("3.2", 2), ("3.3", 3),
                         ("4.3", 200), ("5.1", None)):
        logrado = 0
        for mes in (3, 6, 9, 12):
            logrado = min(total or 5, logrado + rng.randrange(0, max(2, (total or 5) // 3)))
            corte = datetime(anio, mes, 30 if mes in (6, 9) else 31)
            _escribir(hoja, primera, [clave, corte, logrado, total, None], fecha)
            primera += 1
    hoja, primera = _hoja(libro, "Sesiones", f"Sesiones {anio}",
                          ["Fecha", "Tipo", "Fecha de registro del acta"])
    for i, mes in enumerate((3, 6, 9, 12)):
        sesion = datetime(anio, mes, 20)
        _escribir(hoja, primera + i, [sesion, "ordinaria",
                                      sesion + timedelta(days=rng.randrange(3, 12))], fecha)
    libro.close()


def _escribir_comite(tarea: tuple) -> None:
    carpeta, anio, evidencias, semilla = tarea
    carpeta.mkdir(parents=True, exist_ok=True)
    escribir_pat_tipado(carpeta / f"pat_{anio}.xlsx", anio)
    escribir_evidencias_tipadas(carpeta / f"evidencias_{anio}.xlsx", anio, evidencias, semilla)


def generar_tipados(destino: Path, comites: int = 270, evidencias: int = 1250,
                    anio: int = 2020, semilla: int = 2020) -> None:
    """Write ``comites`` committee folders of the typed workload under ``destino``."""
    _plan_tipado(anio)  # read the shipped plan once, before the workers are forked
    tareas = [(Path(destino) / nombre_comite(n), anio, evidencias, semilla + n)
              for n in range(1, comites + 1)]
    with ProcessPoolExecutor() as grupo:
        list(grupo.map(_escribir_comite, tareas, chunksize=8))
