"""The rules of the format, sheet by sheet: what makes a row valid, and the problems found.

The plan is validated whole from its own workbook; the register cell by cell from its own
(:class:`RegistroLeido`), and against the plan when the year is assembled
(:func:`combinar`): so each workbook can be read, validated and remembered on its own.
A row with an error is left out of the figures; the others are still computed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from . import celdas
from . import vocabulario as v
from .celdas import llave_encabezado
from .columnas import HojaEnLectura, clave2, clave3, leer_celda
from .contrato import (COLUMNAS, HOJAS_EVIDENCIAS, HOJAS_PAT, Columnas, columna_tipada,
                       columnas_vacias, como_lista, elegir, unir)
from .lectura import HojaCruda
from .problemas import AVISO, Problema
from .reglas import NUMERO_MAXIMO


@dataclass
class PlanLeido:
    """The plan workbook of a year, validated (it needs nothing else): valid rows per sheet."""

    indicadores: Columnas
    actividades: Columnas
    hitos: Columnas
    inhabiles: Columnas
    problemas: list[Problema]


@dataclass
class HojaPendiente:
    """A register sheet read cell by cell, waiting for the checks against the plan."""

    columnas: Columnas
    filas: np.ndarray  # Excel's row numbers (int64)
    valida: np.ndarray  # bool: no error found in the row yet
    problemas: list[Problema]
    libro: str
    hoja: str


@dataclass
class RegistroLeido:
    """The evidence workbook of a year, validated as far as it can be without the plan."""

    evidencias: HojaPendiente | None
    mediciones: HojaPendiente | None
    sesiones: Columnas
    inhabiles: Columnas
    problemas: list[Problema]  # of the sheets checked whole (Sesiones, Días inhábiles)


def leer_plan(hojas: dict[str, HojaCruda], anio: int) -> PlanLeido:
    problemas: list[Problema] = []
    indicadores = _indicadores(hojas.get(v.HOJA_INDICADORES), problemas)
    actividades = _actividades(hojas.get(v.HOJA_ACTIVIDADES), indicadores, anio, problemas)
    hitos = _hitos(hojas.get(v.HOJA_HITOS), actividades, anio, problemas)
    inhabiles = _inhabiles(hojas.get(v.HOJA_INHABILES), problemas)
    return PlanLeido(indicadores, actividades, hitos, inhabiles, problemas)


def leer_registro(hojas: dict[str, HojaCruda], anio: int) -> RegistroLeido:
    problemas: list[Problema] = []
    sesiones = _sesiones(hojas.get(v.HOJA_SESIONES), anio, problemas)
    inhabiles = _inhabiles(hojas.get(v.HOJA_INHABILES), problemas)
    return RegistroLeido(_evidencias_celdas(hojas.get(v.HOJA_EVIDENCIAS), anio),
                         _mediciones_celdas(hojas.get(v.HOJA_MEDICIONES), anio),
                         sesiones, inhabiles, problemas)


def combinar(plan: PlanLeido, registro: RegistroLeido, problemas: list[Problema],
             hay_ilegibles: bool, archivos: list[Path]) -> tuple[dict[str, Columnas], list[Problema]]:
    """The year from its two workbooks: the register's keys checked against the plan.

    ``problemas`` holds what reading found. Returns the valid rows of every sheet and
    all the problems, in the order of :func:`en_orden`.
    """
    problemas = list(problemas) + plan.problemas
    if not hay_ilegibles and len(plan.indicadores[v.CLAVE_INDICADOR]) == 0:
        problemas.append(Problema(
            AVISO, archivos[0].name if archivos else "", v.HOJA_INDICADORES, None, None, None,
            "El plan no tiene todavía ningún indicador válido: llene la hoja «Indicadores» "
            "(y «Actividades») para ver cifras."))
    evidencias = _evidencias_con_plan(registro.evidencias, plan.actividades, problemas)
    mediciones = _mediciones_con_plan(registro.mediciones, plan.indicadores, problemas)
    problemas += registro.problemas
    inhabiles = {c: unir([plan.inhabiles[c], registro.inhabiles[c]])
                 for c in COLUMNAS[v.HOJA_INHABILES]}
    hojas = {
        v.HOJA_INDICADORES: plan.indicadores, v.HOJA_ACTIVIDADES: plan.actividades,
        v.HOJA_EVIDENCIAS: evidencias, v.HOJA_MEDICIONES: mediciones, v.HOJA_HITOS: plan.hitos,
        v.HOJA_SESIONES: registro.sesiones, v.HOJA_INHABILES: inhabiles,
    }
    return hojas, en_orden(problemas, [ruta.name for ruta in archivos])


def en_orden(problemas: list[Problema], libros: list[str]) -> list[Problema]:
    """Problems by workbook (other files first, then ``libros`` in order), sheet (in the
    format's order), row and column (in the format's order); those of a whole workbook or
    sheet before its rows. Two problems of one cell keep the order the rules found them."""
    lugar_libro = {libro: i + 1 for i, libro in enumerate(libros)}

    def lugar(problema: Problema) -> tuple:
        return (lugar_libro.get(problema.libro, 0), _lugar_hoja(problema.hoja),
                problema.fila or 0, _LUGAR_COLUMNA.get(problema.columna, len(_LUGAR_COLUMNA)))

    return sorted(problemas, key=lugar)


_LUGAR_COLUMNA = {None: -1, **{c: i for i, c in enumerate(
    dict.fromkeys(chain.from_iterable(COLUMNAS.values())))}}
_LUGAR_HOJA = {llave_encabezado(espec.nombre): i
               for i, espec in enumerate((*HOJAS_PAT, *HOJAS_EVIDENCIAS))}


@functools.lru_cache(maxsize=1024)
def _lugar_hoja(hoja: str | None) -> int:
    """A sheet's place in the format (as the sheet is named in the workbook, the reader
    matches it ignoring case and accents); a workbook's problems go first."""
    return -1 if hoja is None else _LUGAR_HOJA.get(llave_encabezado(hoja), len(_LUGAR_HOJA))



def _indicadores(tabla: HojaCruda | None, problemas: list[Problema]) -> Columnas:
    if tabla is None:
        return columnas_vacias(v.HOJA_INDICADORES)
    f = HojaEnLectura(tabla, problemas)
    clave = f.columna(v.CLAVE_INDICADOR, clave2)
    seccion = f.columna(v.SECCION, celdas.seccion)
    unidad = f.columna(v.UNIDAD, celdas.unidad)
    calculo = f.columna(v.CALCULO, celdas.calculo)
    valor_meta = [_valor_meta(f, i, crudo, unidad[i])
                  for i, crudo in enumerate(tabla.columnas[v.VALOR_META])]
    f.unicas(clave, v.CLAVE_INDICADOR)
    for indice, (una_unidad, un_calculo) in enumerate(zip(unidad, calculo)):
        if una_unidad == v.PORCENTAJE and un_calculo == v.POR_SESIONES:
            f.problema(indice, v.UNIDAD, "Un indicador que se calcula con las sesiones cuenta las "
                       "sesiones ordinarias celebradas: su unidad es «número».",
                       valor=tabla.columnas[v.UNIDAD][indice])
    for indice, (una_clave, una_seccion) in enumerate(zip(clave, seccion)):
        if una_clave and una_seccion and una_seccion != _seccion_de(una_clave):
            f.problema(indice, v.SECCION,
                       f"La clave {una_clave} indica la sección {_seccion_de(una_clave)}.",
                       AVISO, tabla.columnas[v.SECCION][indice])
    return f.resultado({
        v.SECCION: seccion,
        v.NOMBRE_SECCION: f.texto_opcional(v.NOMBRE_SECCION),
        v.CLAVE_INDICADOR: clave,
        v.INDICADOR: f.texto_requerido(v.INDICADOR),
        v.OBJETIVO: f.texto_opcional(v.OBJETIVO),
        v.META: f.texto_requerido(v.META),
        v.VALOR_META: valor_meta,
        v.UNIDAD: unidad,
        v.CALCULO: calculo,
    }, v.HOJA_INDICADORES)


def _seccion_de(clave: str) -> str:
    numero = int(clave.split(".")[0])
    return v.SECCIONES_ROMANAS[numero - 1] if 1 <= numero <= len(v.SECCIONES_ROMANAS) else "?"


def _valor_meta(f: HojaEnLectura, indice: int, crudo, unidad: str | None) -> float | None:
    if crudo is None:
        f.problema(indice, v.VALOR_META, "La celda está vacía y es obligatoria.")
        return None
    if unidad is None:
        return None  # already reported under Unidad
    valor, esperado = leer_celda(celdas.porcentaje if unidad == v.PORCENTAJE else celdas.numero,
                                  crudo)
    if esperado is not None:
        f.invalida(indice, v.VALOR_META, esperado, crudo)
        return None
    if valor <= 0 or (unidad == v.PORCENTAJE and valor > 100):
        rango = "mayor que 0 y hasta 100" if unidad == v.PORCENTAJE else "mayor que 0"
        f.problema(indice, v.VALOR_META, f"La meta debe ser {rango}.", valor=crudo)
        return None
    if valor < 1 / NUMERO_MAXIMO:  # the target divides what is achieved: keep that finite
        f.problema(indice, v.VALOR_META, f"La meta es demasiado pequeña (menor que "
                   f"{1 / NUMERO_MAXIMO:g}) para calcular su cumplimiento.", valor=crudo)
        return None
    return valor


def _actividades(tabla: HojaCruda | None, indicadores: Columnas, anio: int,
                 problemas: list[Problema]) -> Columnas:
    if tabla is None:
        return columnas_vacias(v.HOJA_ACTIVIDADES)
    f = HojaEnLectura(tabla, problemas)
    clave = f.columna(v.CLAVE_ACTIVIDAD, clave3)
    inicio = f.columna(v.FECHA_INICIO, celdas.fecha)
    fin = f.columna(v.FECHA_FIN, celdas.fecha)
    f.unicas(clave, v.CLAVE_ACTIVIDAD)
    indicador = [celdas.clave_padre(c) if c else None for c in clave]
    secciones = dict(zip(como_lista(indicadores[v.CLAVE_INDICADOR]),
                         como_lista(indicadores[v.SECCION])))
    for indice, una_clave in enumerate(clave):
        if una_clave is not None and indicador[indice] not in secciones:
            f.problema(indice, v.CLAVE_ACTIVIDAD,
                       f"La actividad no pertenece a ningún indicador: no hay indicador "
                       f"{indicador[indice]} en la hoja «{v.HOJA_INDICADORES}» (o esa fila tiene errores).",
                       valor=una_clave)
    for indice, (desde, hasta) in enumerate(zip(inicio, fin)):
        if desde and hasta and hasta < desde:
            f.problema(indice, v.FECHA_FIN, "La fecha de fin es anterior a la de inicio "
                       f"({desde:%d/%m/%Y}).", valor=hasta)
    f.en_el_anio(inicio, v.FECHA_INICIO, anio)
    f.en_el_anio(fin, v.FECHA_FIN, anio)
    return f.resultado({
        v.SECCION: [secciones.get(i) for i in indicador],
        v.CLAVE_INDICADOR: indicador,
        v.CLAVE_ACTIVIDAD: clave,
        v.ACTIVIDAD: f.texto_requerido(v.ACTIVIDAD),
        v.FECHA_INICIO: inicio,
        v.FECHA_FIN: fin,
        v.MECANISMO: f.texto_opcional(v.MECANISMO),
        v.RIESGOS: f.texto_opcional(v.RIESGOS),
        v.RESPONSABLE: f.texto_opcional(v.RESPONSABLE),
        v.SOLICITADA_UEIPPCI: f.columna(v.SOLICITADA_UEIPPCI, celdas.si_no, requerida=False,
                                        severidad=AVISO),
    }, v.HOJA_ACTIVIDADES)




def _evidencias_celdas(tabla: HojaCruda | None, anio: int) -> HojaPendiente | None:
    if tabla is None:
        return None
    f = HojaEnLectura(tabla, [])
    clave = f.columna(v.CLAVE_ACTIVIDAD, clave3)
    fecha = f.columna(v.FECHA, celdas.fecha)
    avance = f.columna(v.AVANCE, celdas.porcentaje, requerida=False)
    crudos = tabla.columnas[v.AVANCE]
    # Each distinct value looked at once: most rows hold one of a few, seldom a doubtful one.
    dudosos = {x for x in set(avance) if x is not None and (x == 100 or not 0 <= x <= 100)}
    for indice in [i for i, valor in enumerate(avance) if valor in dudosos] if dudosos else ():
        valor = avance[indice]
        if not 0 <= valor <= 100:
            f.problema(indice, v.AVANCE, "El avance debe estar entre 0 y 100.", valor=crudos[indice])
        elif valor == 100 and crudos[indice] != 100 and _es_uno_sin_signo(crudos[indice]):
            f.problema(indice, v.AVANCE, "Se leyó como 100 % (1 es la fracción completa); "
                       "si quiso decir 1 %, escriba «1%».", AVISO, crudos[indice])
    f.en_el_anio(fecha, v.FECHA, anio)
    columnas = {
        v.CLAVE_ACTIVIDAD: clave,
        v.FECHA: fecha,
        v.DESCRIPCION: f.texto_requerido(v.DESCRIPCION),
        v.AVANCE: avance,
        v.ENLACE: f.texto_opcional(v.ENLACE),
        v.REGISTRO: f.texto_opcional(v.REGISTRO),
    }
    return _pendiente_de(f, columnas)


def _pendiente_de(f: HojaEnLectura, columnas: dict) -> HojaPendiente:
    return HojaPendiente(_tipadas(columnas), np.array(f.filas, dtype=np.int64),
                         np.array(f.valida, dtype=bool), f.problemas, f.libro, f.hoja)


def _pendiente(hoja: HojaPendiente) -> HojaEnLectura:
    """A :class:`HojaEnLectura` that goes on with a pending sheet: its validity, its problems.
    Its row numbers stay the typed column they are (the valid rows' ``_fila``)."""
    f = HojaEnLectura(HojaCruda(hoja.libro, hoja.hoja, {}, hoja.filas), [])
    f.valida = hoja.valida.tolist()
    return f


def _con_plan(hoja: HojaPendiente, f: HojaEnLectura, nombre: str, problemas: list[Problema]) -> dict:
    """Problems of the sheet (cell by cell, then against the plan), and its valid rows."""
    problemas.extend(hoja.problemas + f.problemas)
    return f.resultado(hoja.columnas, nombre)


def _evidencias_con_plan(hoja: HojaPendiente | None, actividades: Columnas,
                         problemas: list[Problema]) -> Columnas:
    if hoja is None:
        return columnas_vacias(v.HOJA_EVIDENCIAS)
    f = _pendiente(hoja)
    f.conocidas(como_lista(hoja.columnas[v.CLAVE_ACTIVIDAD]),
                set(como_lista(actividades[v.CLAVE_ACTIVIDAD])),
                v.CLAVE_ACTIVIDAD, v.HOJA_ACTIVIDADES)
    return _con_plan(hoja, f, v.HOJA_EVIDENCIAS, problemas)


def _es_uno_sin_signo(crudo) -> bool:
    """A bare 1 (number or text, no '%'): read as the whole fraction, which deserves a word."""
    if isinstance(crudo, str):
        return "%" not in crudo and crudo.strip() in ("1", "1.0", "1.00")
    return isinstance(crudo, (int, float)) and not isinstance(crudo, bool) and crudo == 1




def _mediciones_celdas(tabla: HojaCruda | None, anio: int) -> HojaPendiente | None:
    if tabla is None:
        return None
    f = HojaEnLectura(tabla, [])
    clave = f.columna(v.CLAVE_INDICADOR, clave2)
    fecha = f.columna(v.FECHA_CORTE, celdas.fecha)
    logrado = f.columna(v.LOGRADO, celdas.numero)
    total = f.columna(v.TOTAL, celdas.numero, requerida=False)
    f.en_el_anio(fecha, v.FECHA_CORTE, anio)
    columnas = {
        v.CLAVE_INDICADOR: clave,
        v.FECHA_CORTE: fecha,
        v.LOGRADO: logrado,
        v.TOTAL: total,
        v.NOTA: f.texto_opcional(v.NOTA),
    }
    return _pendiente_de(f, columnas)


def _mediciones_con_plan(hoja: HojaPendiente | None, indicadores: Columnas,
                         problemas: list[Problema]) -> Columnas:
    if hoja is None:
        return columnas_vacias(v.HOJA_MEDICIONES)
    f = _pendiente(hoja)
    clave = como_lista(hoja.columnas[v.CLAVE_INDICADOR])
    f.conocidas(clave, set(como_lista(indicadores[v.CLAVE_INDICADOR])), v.CLAVE_INDICADOR, v.HOJA_INDICADORES)
    por_clave = {c: (calculo, unidad) for c, calculo, unidad in zip(
        *(como_lista(indicadores[c]) for c in (v.CLAVE_INDICADOR, v.CALCULO, v.UNIDAD)))}
    logrado, total = _con_vacias(hoja.columnas[v.LOGRADO]), _con_vacias(hoja.columnas[v.TOTAL])
    for indice, una_clave in enumerate(clave):
        if una_clave in por_clave:
            _revisar_medicion(f, indice, una_clave, *por_clave[una_clave], logrado[indice],
                              total[indice])
    return _con_plan(hoja, f, v.HOJA_MEDICIONES, problemas)


def _con_vacias(numeros: np.ndarray) -> list[float | None]:
    """A typed number column as parsed values again: ``None`` where the cell was empty."""
    return [None if x != x else x for x in numeros.tolist()]


def _revisar_medicion(f: HojaEnLectura, indice: int, clave: str, calculo: str, unidad: str,
                      logrado, total) -> None:
    if calculo != v.MEDICION:
        que = ("sus actividades concluidas" if calculo == v.POR_ACTIVIDADES
               else f"las sesiones ordinarias de la hoja «{v.HOJA_SESIONES}»")
        f.problema(indice, v.CLAVE_INDICADOR,
                   f"Este indicador se calcula con {que}; la medición se ignora.", AVISO, clave)
        return
    if logrado is not None and logrado < 0:
        f.problema(indice, v.LOGRADO, "El valor logrado no puede ser negativo.", valor=logrado)
    if unidad != v.PORCENTAJE or logrado is None:
        return
    if total == 0 and logrado > 0:
        f.problema(indice, v.TOTAL, f"El total es 0 pero el valor logrado es {logrado:g}: el "
                   "total debe ser mayor que 0 (los casos del periodo), o Logrado y Total ambos 0 "
                   "si en el periodo no hubo casos.", valor=total)
    elif total is None or total < 0:
        f.problema(indice, v.TOTAL, "Para un indicador en porcentaje, el total debe ser mayor "
                   "que 0 (por ejemplo, la plantilla de personal).", valor=total)
    elif logrado > total:
        f.problema(indice, v.LOGRADO, f"El valor logrado es mayor que el total ({total:g}).",
                   valor=logrado)


def _hitos(tabla: HojaCruda | None, actividades: Columnas, anio: int,
           problemas: list[Problema]) -> Columnas:
    if tabla is None:
        return columnas_vacias(v.HOJA_HITOS)
    f = HojaEnLectura(tabla, problemas)
    clave = f.columna(v.CLAVE_ACTIVIDAD, clave3)
    limite = f.columna(v.FECHA_LIMITE, celdas.fecha)
    f.conocidas(clave, set(como_lista(actividades[v.CLAVE_ACTIVIDAD])), v.CLAVE_ACTIVIDAD, v.HOJA_ACTIVIDADES)
    f.en_el_anio(limite, v.FECHA_LIMITE, anio)
    return f.resultado({
        v.CLAVE_ACTIVIDAD: clave,
        v.HITO: f.texto_requerido(v.HITO),
        v.FECHA_LIMITE: limite,
    }, v.HOJA_HITOS)


def _sesiones(tabla: HojaCruda | None, anio: int, problemas: list[Problema]) -> Columnas:
    """Sessions held (``Fecha``) and planned (``Fecha programada``): a planned session not
    held yet has only the second; sorted by when each was (or is to be) held."""
    if tabla is None:
        return columnas_vacias(v.HOJA_SESIONES)
    f = HojaEnLectura(tabla, problemas)
    fecha = f.columna(v.FECHA, celdas.fecha, requerida=False)
    registro = f.columna(v.FECHA_REGISTRO_ACTA, celdas.fecha, requerida=False)
    programada = f.columna(v.FECHA_PROGRAMADA, celdas.fecha, requerida=False)
    for indice, (sesion, acta, plan) in enumerate(zip(fecha, registro, programada)):
        if sesion is None and tabla.columnas[v.FECHA][indice] is None:
            _sesion_sin_fecha(f, indice, acta, plan)
        elif sesion and acta and acta < sesion:
            f.problema(indice, v.FECHA_REGISTRO_ACTA, "El acta no puede registrarse antes de "
                       f"la sesión ({sesion:%d/%m/%Y}).", valor=acta)
    f.en_el_anio(fecha, v.FECHA, anio)
    f.en_el_anio(programada, v.FECHA_PROGRAMADA, anio)
    resultado = f.resultado({
        v.FECHA: fecha,
        v.TIPO: f.columna(v.TIPO, celdas.tipo_sesion),
        v.FECHA_REGISTRO_ACTA: registro,
        v.FECHA_PROGRAMADA: programada,
    }, v.HOJA_SESIONES)
    cuando = np.where(np.isnat(resultado[v.FECHA]), resultado[v.FECHA_PROGRAMADA], resultado[v.FECHA])
    orden = np.argsort(cuando, kind="stable").tolist()
    return {columna: elegir(valores, orden) for columna, valores in resultado.items()}


def _sesion_sin_fecha(f: HojaEnLectura, indice: int, acta, programada) -> None:
    """A row without ``Fecha`` is a session planned and not held yet: it needs its planned
    date, and it has no minutes to register."""
    if programada is None:
        f.problema(indice, v.FECHA, "La celda está vacía: escriba la fecha en que se celebró la "
                   f"sesión o, si aún no se celebra, su «{v.FECHA_PROGRAMADA}».")
    elif acta is not None:
        f.problema(indice, v.FECHA_REGISTRO_ACTA, "La sesión no tiene fecha de celebración y su "
                   "acta ya está registrada: escriba la fecha en que se celebró.", valor=acta)


def _inhabiles(tabla: HojaCruda | None, problemas: list[Problema]) -> Columnas:
    if tabla is None:
        return columnas_vacias(v.HOJA_INHABILES)
    f = HojaEnLectura(tabla, problemas)
    return f.resultado({
        v.FECHA: f.columna(v.FECHA, celdas.fecha),
        v.MOTIVO: f.texto_opcional(v.MOTIVO),
    }, v.HOJA_INHABILES)


def _tipadas(columnas: dict) -> Columnas:
    return {columna: columna_tipada(columna, valores) for columna, valores in columnas.items()}
