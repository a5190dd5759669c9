"""From raw sheets to the validated plan and register of one year.

Every cell goes through a parser of :mod:`pat_core.celdas`; what cannot be
read, or breaks a rule of the format, becomes a :class:`Problema` pointing at
the cell. A row with an error is left out of the figures; the others are
still computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

import pandas as pd

from . import celdas
from . import vocabulario as v
from .lectura import (
    FILA,
    EspecHoja,
    LibroIlegible,
    Tabla,
    archivos_en_otro_formato,
    leer_libro,
    ruta_evidencias,
    ruta_pat,
)
from .problemas import AVISO, ERROR, Problema
from .reglas import Umbrales

HOJAS_PAT = [
    EspecHoja(
        v.HOJA_INDICADORES,
        (v.SECCION, v.CLAVE_INDICADOR, v.INDICADOR, v.META, v.VALOR_META, v.UNIDAD, v.CALCULO),
        (v.NOMBRE_SECCION, v.OBJETIVO),
    ),
    EspecHoja(
        v.HOJA_ACTIVIDADES,
        (v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.FECHA_INICIO, v.FECHA_FIN, v.MECANISMO, v.RIESGOS),
        (v.RESPONSABLE, v.SOLICITADA_UEIPPCI),
    ),
    EspecHoja(v.HOJA_HITOS, (v.CLAVE_ACTIVIDAD, v.HITO, v.FECHA_LIMITE), hoja_opcional=True),
    EspecHoja(v.HOJA_INHABILES, (v.FECHA,), (v.MOTIVO,), hoja_opcional=True),
]
HOJAS_EVIDENCIAS = [
    EspecHoja(
        v.HOJA_EVIDENCIAS,
        (v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION),
        (v.AVANCE, v.ENLACE, v.REGISTRO),
    ),
    EspecHoja(
        v.HOJA_MEDICIONES,
        (v.CLAVE_INDICADOR, v.FECHA_CORTE, v.LOGRADO, v.TOTAL),
        (v.NOTA,),
    ),
    EspecHoja(v.HOJA_SESIONES, (v.FECHA, v.TIPO), (v.FECHA_REGISTRO_ACTA,), hoja_opcional=True),
    EspecHoja(v.HOJA_INHABILES, (v.FECHA,), (v.MOTIVO,), hoja_opcional=True),
]
COLUMNAS = {
    v.HOJA_INDICADORES: [
        v.SECCION, v.NOMBRE_SECCION, v.CLAVE_INDICADOR, v.INDICADOR, v.OBJETIVO, v.META,
        v.VALOR_META, v.UNIDAD, v.CALCULO, FILA,
    ],
    v.HOJA_ACTIVIDADES: [
        v.SECCION, v.CLAVE_INDICADOR, v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, v.FECHA_INICIO, v.FECHA_FIN,
        v.MECANISMO, v.RIESGOS, v.RESPONSABLE, v.SOLICITADA_UEIPPCI, FILA,
    ],
    v.HOJA_EVIDENCIAS: [
        v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION, v.AVANCE, v.ENLACE, v.REGISTRO, FILA,
    ],
    v.HOJA_MEDICIONES: [v.CLAVE_INDICADOR, v.FECHA_CORTE, v.LOGRADO, v.TOTAL, v.NOTA, FILA],
    v.HOJA_HITOS: [v.CLAVE_ACTIVIDAD, v.HITO, v.FECHA_LIMITE, FILA],
    v.HOJA_SESIONES: [v.FECHA, v.TIPO, v.FECHA_REGISTRO_ACTA, FILA],
    v.HOJA_INHABILES: [v.FECHA, v.MOTIVO, FILA],
}
COLUMNAS_FECHA = (v.FECHA_INICIO, v.FECHA_FIN, v.FECHA, v.FECHA_CORTE, v.FECHA_LIMITE,
                  v.FECHA_REGISTRO_ACTA)


@dataclass
class DatosAnio:
    """The plan and register of one year, validated, with what was found wrong."""

    anio: int
    indicadores: pd.DataFrame
    actividades: pd.DataFrame
    evidencias: pd.DataFrame
    mediciones: pd.DataFrame
    problemas: list[Problema] = field(default_factory=list)
    archivos: list[Path] = field(default_factory=list)
    ilegibles: list[Problema] = field(default_factory=list)  # workbooks that could not be read
    hitos: pd.DataFrame = field(default_factory=lambda: vacia(v.HOJA_HITOS))
    sesiones: pd.DataFrame = field(default_factory=lambda: vacia(v.HOJA_SESIONES))
    inhabiles: pd.DataFrame = field(default_factory=lambda: vacia(v.HOJA_INHABILES))

    @property
    def inicio_anio(self) -> pd.Timestamp:
        return pd.Timestamp(self.anio, 1, 1)

    @property
    def fin_anio(self) -> pd.Timestamp:
        return pd.Timestamp(self.anio, 12, 31)


def vacia(hoja: str) -> pd.DataFrame:
    return tipar(pd.DataFrame(columns=COLUMNAS[hoja]))


def cargar(datos: Path, anio: int, umbrales: Umbrales = Umbrales()) -> DatosAnio:
    """Read and validate the two workbooks of ``anio`` in the folder ``datos``.

    Never raises for what is in the files: unreadable workbooks, missing sheets
    and bad cells are all in ``problemas``, and what could be read is returned.
    """
    problemas: list[Problema] = archivos_en_otro_formato(datos, anio)
    ilegibles: list[Problema] = []
    plan = _leer(ruta_pat(datos, anio), HOJAS_PAT, umbrales, problemas, ilegibles, requerido=True)
    registro = _leer(ruta_evidencias(datos, anio), HOJAS_EVIDENCIAS, umbrales, problemas,
                     ilegibles, requerido=False)

    indicadores = _indicadores(plan.get(v.HOJA_INDICADORES), problemas)
    actividades = _actividades(plan.get(v.HOJA_ACTIVIDADES), indicadores, anio, problemas)
    evidencias = _evidencias(registro.get(v.HOJA_EVIDENCIAS), actividades, anio, problemas)
    mediciones = _mediciones(registro.get(v.HOJA_MEDICIONES), indicadores, anio, problemas)
    return DatosAnio(
        anio, indicadores, actividades, evidencias, mediciones, problemas,
        [ruta_pat(datos, anio), ruta_evidencias(datos, anio)], ilegibles,
        hitos=_hitos(plan.get(v.HOJA_HITOS), actividades, anio, problemas),
        sesiones=_sesiones(registro.get(v.HOJA_SESIONES), anio, problemas),
        inhabiles=pd.concat([_inhabiles(plan.get(v.HOJA_INHABILES), problemas),
                             _inhabiles(registro.get(v.HOJA_INHABILES), problemas)],
                            ignore_index=True),
    )


def _leer(ruta: Path, especs, umbrales: Umbrales, problemas: list[Problema],
          ilegibles: list[Problema], requerido: bool) -> dict[str, Tabla]:
    if not ruta.exists() and not requerido:
        problemas.append(Problema(
            AVISO, ruta.name, None, None, None, None,
            "No hay registro de evidencias para este año: ninguna actividad tiene avance "
            "ni los indicadores medición. Cree el libro con «python -m pat_core plantilla».",
        ))
        return {}
    try:
        tablas, encontrados = leer_libro(ruta, especs, umbrales)
    except LibroIlegible as error:
        problemas.append(error.problema)
        ilegibles.append(error.problema)
        return {}
    problemas.extend(encontrados)
    return tablas


class _Filas:
    """Parses the columns of one table, noting each bad cell and which rows stay valid."""

    def __init__(self, tabla: Tabla, problemas: list[Problema]):
        self.tabla = tabla
        self.filas = tabla.filas
        self.problemas = problemas
        self.validas = pd.Series(True, index=self.filas.index)

    def problema(self, indice, columna: str | None, mensaje: str, severidad: str = ERROR,
                 valor: object = None) -> None:
        self.problemas.append(Problema(
            severidad, self.tabla.libro, self.tabla.hoja, int(self.filas.at[indice, FILA]),
            columna, celdas.texto(valor), mensaje,
        ))
        if severidad == ERROR:
            self.validas.at[indice] = False

    def columna(self, columna: str, lector: Callable, requerida: bool = True,
                severidad: str = ERROR) -> pd.Series:
        """``lector`` applied to each cell; an empty optional cell is ``None``."""
        resultado = []
        for indice, valor in self.filas[columna].items():
            if celdas.es_vacia(valor):
                if requerida:
                    self.problema(indice, columna, "La celda está vacía y es obligatoria.", severidad)
                resultado.append(None)
                continue
            try:
                resultado.append(lector(valor))
            except celdas.CeldaInvalida as error:
                self.problema(indice, columna, f"Se esperaba {error.esperado}.", severidad, valor)
                resultado.append(None)
        return pd.Series(resultado, index=self.filas.index, dtype=object)

    def unicas(self, claves: pd.Series, columna: str) -> None:
        """Only the first row of a repeated key counts."""
        repetidas = claves.notna() & claves.duplicated(keep="first") & self.validas
        for indice in claves[repetidas].index:
            self.problema(indice, columna,
                          f"La clave {claves[indice]} está repetida; solo cuenta su primera fila.",
                          valor=claves[indice])

    def conocidas(self, claves: pd.Series, validas: pd.Index, columna: str, hoja: str) -> None:
        desconocidas = claves.notna() & ~claves.isin(validas)
        for indice in claves[desconocidas].index:
            self.problema(indice, columna,
                          f"La clave {claves[indice]} no está en la hoja «{hoja}» del plan "
                          "(o esa fila tiene errores).", valor=claves[indice])

    def en_el_anio(self, fechas: pd.Series, columna: str, anio: int) -> None:
        for indice, fecha in fechas.items():
            if fecha is not None and fecha.year != anio:
                self.problema(indice, columna, f"La fecha está fuera del año {anio} del programa.",
                              AVISO, fecha)

    def resultado(self, columnas: dict[str, pd.Series], hoja: str) -> pd.DataFrame:
        marco = pd.DataFrame(columnas, index=self.filas.index)
        marco[FILA] = self.filas[FILA]
        return tipar(marco.loc[self.validas, COLUMNAS[hoja]].reset_index(drop=True))


def tipar(marco: pd.DataFrame) -> pd.DataFrame:
    """Dates as datetime64, numbers as float, flags as bool, the rest as text."""
    marco = marco.copy()
    for columna in marco.columns:
        if columna in COLUMNAS_FECHA:
            marco[columna] = pd.to_datetime(marco[columna]).astype("datetime64[s]")
        elif columna in (v.VALOR_META, v.AVANCE, v.LOGRADO, v.TOTAL):
            marco[columna] = pd.to_numeric(marco[columna]).astype(float)
        elif columna == v.SOLICITADA_UEIPPCI:
            marco[columna] = marco[columna].fillna(False).astype(bool)
        elif columna == FILA:
            marco[columna] = marco[columna].astype(int)
        else:
            marco[columna] = marco[columna].astype("str")
    return marco


def _texto_requerido(filas: _Filas, columna: str) -> pd.Series:
    """Free text that should be there; its absence is worth a warning, not an error."""
    return filas.columna(columna, celdas.texto, severidad=AVISO)


def _indicadores(tabla: Tabla | None, problemas: list[Problema]) -> pd.DataFrame:
    if tabla is None:
        return vacia(v.HOJA_INDICADORES)
    f = _Filas(tabla, problemas)
    clave = f.columna(v.CLAVE_INDICADOR, lambda x: celdas.clave(x, 2))
    seccion = f.columna(v.SECCION, celdas.seccion)
    unidad = f.columna(v.UNIDAD, celdas.unidad)
    calculo = f.columna(v.CALCULO, celdas.calculo)
    valor_meta = pd.Series(
        [
            _valor_meta(f, i, crudo, unidad[i])
            for i, crudo in tabla.filas[v.VALOR_META].items()
        ],
        index=tabla.filas.index, dtype=object,
    )
    f.unicas(clave, v.CLAVE_INDICADOR)
    for indice in clave.index:
        if clave[indice] and seccion[indice] and seccion[indice] != _seccion_de(clave[indice]):
            f.problema(indice, v.SECCION,
                       f"La clave {clave[indice]} indica la sección {_seccion_de(clave[indice])}.",
                       AVISO, tabla.filas.at[indice, v.SECCION])
    return f.resultado({
        v.SECCION: seccion,
        v.NOMBRE_SECCION: f.columna(v.NOMBRE_SECCION, celdas.texto, requerida=False),
        v.CLAVE_INDICADOR: clave,
        v.INDICADOR: _texto_requerido(f, v.INDICADOR),
        v.OBJETIVO: f.columna(v.OBJETIVO, celdas.texto, requerida=False),
        v.META: _texto_requerido(f, v.META),
        v.VALOR_META: valor_meta,
        v.UNIDAD: unidad,
        v.CALCULO: calculo,
    }, v.HOJA_INDICADORES)


def _seccion_de(clave: str) -> str:
    numero = int(clave.split(".")[0])
    return v.SECCIONES_ROMANAS[numero - 1] if 1 <= numero <= len(v.SECCIONES_ROMANAS) else "?"


def _valor_meta(f: _Filas, indice, crudo, unidad: str | None) -> float | None:
    if celdas.es_vacia(crudo):
        f.problema(indice, v.VALOR_META, "La celda está vacía y es obligatoria.")
        return None
    if unidad is None:
        return None  # already reported under Unidad
    try:
        valor = celdas.porcentaje(crudo) if unidad == v.PORCENTAJE else celdas.numero(crudo)
    except celdas.CeldaInvalida as error:
        f.problema(indice, v.VALOR_META, f"Se esperaba {error.esperado}.", valor=crudo)
        return None
    if valor <= 0 or (unidad == v.PORCENTAJE and valor > 100):
        rango = "mayor que 0 y hasta 100" if unidad == v.PORCENTAJE else "mayor que 0"
        f.problema(indice, v.VALOR_META, f"La meta debe ser {rango}.", valor=crudo)
        return None
    return valor


def _actividades(tabla: Tabla | None, indicadores: pd.DataFrame, anio: int,
                 problemas: list[Problema]) -> pd.DataFrame:
    if tabla is None:
        return vacia(v.HOJA_ACTIVIDADES)
    f = _Filas(tabla, problemas)
    clave = f.columna(v.CLAVE_ACTIVIDAD, lambda x: celdas.clave(x, 3))
    inicio = f.columna(v.FECHA_INICIO, celdas.fecha)
    fin = f.columna(v.FECHA_FIN, celdas.fecha)
    f.unicas(clave, v.CLAVE_ACTIVIDAD)
    indicador = clave.map(lambda c: celdas.clave_padre(c) if c else None)
    secciones = indicadores.set_index(v.CLAVE_INDICADOR)[v.SECCION]
    for indice in clave[clave.notna() & ~indicador.isin(secciones.index)].index:
        f.problema(indice, v.CLAVE_ACTIVIDAD,
                   f"La actividad no pertenece a ningún indicador: no hay indicador "
                   f"{indicador[indice]} en la hoja «{v.HOJA_INDICADORES}» (o esa fila tiene errores).",
                   valor=clave[indice])
    for indice in inicio.index:
        if inicio[indice] and fin[indice] and fin[indice] < inicio[indice]:
            f.problema(indice, v.FECHA_FIN, "La fecha de fin es anterior a la de inicio "
                       f"({inicio[indice]:%d/%m/%Y}).", valor=fin[indice])
    f.en_el_anio(inicio, v.FECHA_INICIO, anio)
    f.en_el_anio(fin, v.FECHA_FIN, anio)
    return f.resultado({
        v.SECCION: indicador.map(secciones),
        v.CLAVE_INDICADOR: indicador,
        v.CLAVE_ACTIVIDAD: clave,
        v.ACTIVIDAD: _texto_requerido(f, v.ACTIVIDAD),
        v.FECHA_INICIO: inicio,
        v.FECHA_FIN: fin,
        v.MECANISMO: f.columna(v.MECANISMO, celdas.texto, requerida=False),
        v.RIESGOS: f.columna(v.RIESGOS, celdas.texto, requerida=False),
        v.RESPONSABLE: f.columna(v.RESPONSABLE, celdas.texto, requerida=False),
        v.SOLICITADA_UEIPPCI: f.columna(v.SOLICITADA_UEIPPCI, celdas.si_no, requerida=False,
                                        severidad=AVISO),
    }, v.HOJA_ACTIVIDADES)


def _evidencias(tabla: Tabla | None, actividades: pd.DataFrame, anio: int,
                problemas: list[Problema]) -> pd.DataFrame:
    if tabla is None:
        return vacia(v.HOJA_EVIDENCIAS)
    f = _Filas(tabla, problemas)
    clave = f.columna(v.CLAVE_ACTIVIDAD, lambda x: celdas.clave(x, 3))
    fecha = f.columna(v.FECHA, celdas.fecha)
    avance = f.columna(v.AVANCE, celdas.porcentaje, requerida=False)
    f.conocidas(clave, pd.Index(actividades[v.CLAVE_ACTIVIDAD]), v.CLAVE_ACTIVIDAD,
                v.HOJA_ACTIVIDADES)
    for indice, valor in avance.items():
        crudo = tabla.filas.at[indice, v.AVANCE]
        if valor is not None and not 0 <= valor <= 100:
            f.problema(indice, v.AVANCE, "El avance debe estar entre 0 y 100.", valor=crudo)
        elif valor == 100 and _es_uno_sin_signo(crudo):
            f.problema(indice, v.AVANCE, "Se leyó como 100 % (1 es la fracción completa); "
                       "si quiso decir 1 %, escriba «1%».", AVISO, crudo)
    f.en_el_anio(fecha, v.FECHA, anio)
    return f.resultado({
        v.CLAVE_ACTIVIDAD: clave,
        v.FECHA: fecha,
        v.DESCRIPCION: _texto_requerido(f, v.DESCRIPCION),
        v.AVANCE: avance,
        v.ENLACE: f.columna(v.ENLACE, celdas.texto, requerida=False),
        v.REGISTRO: f.columna(v.REGISTRO, celdas.texto, requerida=False),
    }, v.HOJA_EVIDENCIAS)


def _es_uno_sin_signo(crudo) -> bool:
    """A bare 1 (number or text, no '%'): read as the whole fraction, which deserves a word."""
    if isinstance(crudo, str):
        return "%" not in crudo and crudo.strip() in ("1", "1.0", "1.00")
    return isinstance(crudo, (int, float)) and not isinstance(crudo, bool) and crudo == 1


def _mediciones(tabla: Tabla | None, indicadores: pd.DataFrame, anio: int,
                problemas: list[Problema]) -> pd.DataFrame:
    if tabla is None:
        return vacia(v.HOJA_MEDICIONES)
    f = _Filas(tabla, problemas)
    clave = f.columna(v.CLAVE_INDICADOR, lambda x: celdas.clave(x, 2))
    fecha = f.columna(v.FECHA_CORTE, celdas.fecha)
    logrado = f.columna(v.LOGRADO, celdas.numero)
    total = f.columna(v.TOTAL, celdas.numero, requerida=False)
    f.conocidas(clave, pd.Index(indicadores[v.CLAVE_INDICADOR]), v.CLAVE_INDICADOR,
                v.HOJA_INDICADORES)
    por_clave = indicadores.set_index(v.CLAVE_INDICADOR)
    for indice in clave[clave.isin(por_clave.index)].index:
        _revisar_medicion(f, indice, por_clave.loc[clave[indice]], logrado[indice], total[indice])
    f.en_el_anio(fecha, v.FECHA_CORTE, anio)
    return f.resultado({
        v.CLAVE_INDICADOR: clave,
        v.FECHA_CORTE: fecha,
        v.LOGRADO: logrado,
        v.TOTAL: total,
        v.NOTA: f.columna(v.NOTA, celdas.texto, requerida=False),
    }, v.HOJA_MEDICIONES)


def _revisar_medicion(f: _Filas, indice, indicador: pd.Series, logrado, total) -> None:
    if indicador[v.CALCULO] == v.POR_ACTIVIDADES:
        f.problema(indice, v.CLAVE_INDICADOR,
                   "Este indicador se calcula con sus actividades concluidas; la medición se ignora.",
                   AVISO, indicador.name)
        return
    if logrado is not None and logrado < 0:
        f.problema(indice, v.LOGRADO, "El valor logrado no puede ser negativo.", valor=logrado)
    if indicador[v.UNIDAD] != v.PORCENTAJE or logrado is None:
        return
    if total is None or total <= 0:
        f.problema(indice, v.TOTAL, "Para un indicador en porcentaje, el total debe ser mayor "
                   "que 0 (por ejemplo, la plantilla de personal).", valor=total)
    elif logrado > total:
        f.problema(indice, v.LOGRADO, f"El valor logrado es mayor que el total ({total:g}).",
                   valor=logrado)


def _hitos(tabla: Tabla | None, actividades: pd.DataFrame, anio: int,
           problemas: list[Problema]) -> pd.DataFrame:
    if tabla is None:
        return vacia(v.HOJA_HITOS)
    f = _Filas(tabla, problemas)
    clave = f.columna(v.CLAVE_ACTIVIDAD, lambda x: celdas.clave(x, 3))
    limite = f.columna(v.FECHA_LIMITE, celdas.fecha)
    f.conocidas(clave, pd.Index(actividades[v.CLAVE_ACTIVIDAD]), v.CLAVE_ACTIVIDAD,
                v.HOJA_ACTIVIDADES)
    f.en_el_anio(limite, v.FECHA_LIMITE, anio)
    return f.resultado({
        v.CLAVE_ACTIVIDAD: clave,
        v.HITO: _texto_requerido(f, v.HITO),
        v.FECHA_LIMITE: limite,
    }, v.HOJA_HITOS)


def _sesiones(tabla: Tabla | None, anio: int, problemas: list[Problema]) -> pd.DataFrame:
    if tabla is None:
        return vacia(v.HOJA_SESIONES)
    f = _Filas(tabla, problemas)
    fecha = f.columna(v.FECHA, celdas.fecha)
    registro = f.columna(v.FECHA_REGISTRO_ACTA, celdas.fecha, requerida=False)
    for indice in fecha.index:
        if fecha[indice] and registro[indice] and registro[indice] < fecha[indice]:
            f.problema(indice, v.FECHA_REGISTRO_ACTA, "El acta no puede registrarse antes de "
                       f"la sesión ({fecha[indice]:%d/%m/%Y}).", valor=registro[indice])
    f.en_el_anio(fecha, v.FECHA, anio)
    return f.resultado({
        v.FECHA: fecha,
        v.TIPO: f.columna(v.TIPO, celdas.tipo_sesion),
        v.FECHA_REGISTRO_ACTA: registro,
    }, v.HOJA_SESIONES).sort_values(v.FECHA, kind="stable").reset_index(drop=True)


def _inhabiles(tabla: Tabla | None, problemas: list[Problema]) -> pd.DataFrame:
    if tabla is None:
        return vacia(v.HOJA_INHABILES)
    f = _Filas(tabla, problemas)
    return f.resultado({
        v.FECHA: f.columna(v.FECHA, celdas.fecha),
        v.MOTIVO: f.columna(v.MOTIVO, celdas.texto, requerida=False),
    }, v.HOJA_INHABILES)


def fecha_corte_predeterminada(anio: int, hoy: date | None = None) -> pd.Timestamp:
    """Today, clipped into the programme's year."""
    hoy = pd.Timestamp(hoy or date.today())
    return min(max(hoy, pd.Timestamp(anio, 1, 1)), pd.Timestamp(anio, 12, 31))
