"""What each command of ``python -m pat_core`` does, once :mod:`pat_core.cli` has read its
arguments.

A thin layer: it calls the library and writes what the library returns. Every
message is in Spanish and no traceback reaches the user. The report, the annual
draft and the templates (Chromium, Word, openpyxl) are imported by the command
that writes them, so the CSV commands load none of it.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, time
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from . import celdas, exportar
from . import vocabulario as v
from .anio import DatosAnio, fecha_corte_predeterminada
from .cache import lecturas_en_disco
from .comites import (
    ComiteDesconocido,
    anios_comites,
    carpeta_comite,
    consolidar,
    al_corte_de,
    es_de_comites,
    listar_comites,
    tabla,
)
from .lectura import CarpetaIlegible, anios_disponibles, sin_plan
from .problemas import Problema, hay_errores, hojas_sin_leer
from .reglas import Umbrales, cargar_umbrales
from .sistema import motivo

if TYPE_CHECKING:  # what computes one committee (with pandas) is imported by the commands
    from .calculo import Evaluacion  # that need it: the roll-up's CSV never loads pandas
    from .filtros import FiltroActividades


class ErrorDeUso(Exception):
    """A mistake in what the user asked for; its message is shown as is."""


class LibrosIlegibles(Exception):
    """A workbook could not be read at all: no figures are given rather than wrong ones."""

    def __init__(self, problemas: list[Problema]):
        super().__init__("\n".join(str(p) for p in problemas))


def ejecutar(argumentos) -> int:
    """Run the command ``argumentos.comando``; the exit code says how it went."""
    comando, formatos = COMANDOS[argumentos.comando]
    try:
        _revisar_destino(argumentos, formatos)
        codigo = comando(argumentos)
        sys.stdout.flush()  # here, where a closed pipe is still handled below
        return codigo
    except (ErrorDeUso, exportar.SalidaRechazada, CarpetaIlegible) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except LibrosIlegibles as error:
        print(f"{error}\nNo se calcularon cifras: corrija el archivo y vuelva a intentar.",
              file=sys.stderr)
        return 1
    except BrokenPipeError:  # `... | head` closed the pipe: not the user's problem
        return 0
    except KeyboardInterrupt:
        print("Interrumpido: no se terminó, y ningún archivo quedó a medias.", file=sys.stderr)
        return 1
    except OSError as error:  # writes are handled where they happen: this is a folder read
        que = f"«{error.filename}»" if error.filename else "la carpeta de datos"
        print(f"error: no se pudo leer {que}: {motivo(error)}. Revise la "
              "ruta y que su usuario pueda leerla, y vuelva a intentar.", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - the user gets Spanish, never a traceback
        if os.environ.get(v.VARIABLE_DEPURAR):
            raise
        print(f"error inesperado ({type(error).__name__}: {error}). Ningún archivo se modificó. "
              f"Para ver el detalle técnico, repita con la variable {v.VARIABLE_DEPURAR}=1.",
              file=sys.stderr)
        return 3


def carpeta_datos(datos: Path | None) -> Path:
    """--datos, else $PAT_DATOS, else ./data."""
    return Path(datos or os.environ.get(v.VARIABLE_DATOS) or "data")


def _carpeta(argumentos) -> Path:
    """The data folder of the committee asked for: --comite inside --datos, or --datos itself."""
    datos = carpeta_datos(argumentos.datos)
    if argumentos.comite is not None:
        try:
            return carpeta_comite(datos, argumentos.comite)
        except ComiteDesconocido as error:
            raise ErrorDeUso(str(error)) from None
    if es_de_comites(datos):
        raise ErrorDeUso(f"«{datos}» tiene una carpeta por comité: indique uno con --comite "
                         f"NOMBRE (comités: {', '.join(listar_comites(datos))}).")
    return datos


def _todos_los_comites(argumentos) -> bool:
    return argumentos.comite is None and es_de_comites(carpeta_datos(argumentos.datos))


def _consolidar(argumentos):
    """Every committee of the folder at the cut-off; committees that cannot be read are named
    on stderr and left out, the others are given."""
    datos = carpeta_datos(argumentos.datos)
    anios = anios_comites(datos)
    anio = anios[-1] if argumentos.anio is None else argumentos.anio
    if anio not in anios:
        raise ErrorDeUso(f"ningún comité de «{datos}» tiene libro pat_{anio}.xlsx; años "
                         f"disponibles: {', '.join(map(str, anios))}.")
    cache = lecturas_en_disco(datos)
    try:
        total = consolidar(datos, anio, _corte(argumentos.corte, anio), cache=cache)
    finally:
        cache.terminar()
    for comite, problemas in total.ilegibles.items():
        print(f"Aviso: el comité {comite} no se incluye; no se pudo leer: "
              + " ".join(str(p) for p in problemas), file=sys.stderr)
    for comite, problemas in total.problemas.items():
        for hoja in hojas_sin_leer(problemas):
            print(f"Aviso: comité {comite}: {hoja.aviso}", file=sys.stderr)
    errores = sum(p.es_error for c, ps in total.problemas.items() if c not in total.ilegibles
                  for p in ps)
    if errores and argumentos.comando != "validar":
        print(f"Aviso: {errores} problema(s) en los libros de los comités; las filas con error "
              "no se incluyen. Ejecute «python -m pat_core validar» para verlos.", file=sys.stderr)
    return total


def _programa(argumentos) -> tuple[Path, int, datetime, Umbrales, list[Problema]]:
    """The committee's folder, year, cut-off and thresholds (with what their file has wrong)
    a one-committee command asks for."""
    datos = _carpeta(argumentos)
    anios = anios_disponibles(datos)
    if not anios:
        raise ErrorDeUso(f"no se encontró ningún libro pat_AAAA.xlsx en la carpeta «{datos}». "
                         + sin_plan(datos))
    anio = anios[-1] if argumentos.anio is None else argumentos.anio
    if anio not in anios:
        raise ErrorDeUso(f"no hay libro pat_{anio}.xlsx en «{datos}»; años disponibles: "
                         f"{', '.join(map(str, anios))}.")
    return (datos, anio, _corte(argumentos.corte, anio)) + cargar_umbrales(datos)


def _al_corte(argumentos) -> tuple[dict, dict]:
    """The committee's activities and indicators at the cut-off, as typed columns (without
    pandas: what the CSV commands write)."""
    datos, anio, corte, umbrales, problemas_umbrales = _programa(argumentos)
    leido = lecturas_en_disco(carpeta_datos(argumentos.datos)).anio(datos, anio, umbrales)
    if leido.ilegibles:
        raise LibrosIlegibles(leido.ilegibles)
    _nota_de_errores(leido.problemas + problemas_umbrales)
    return al_corte_de(leido, umbrales, corte)


def _abrir(argumentos) -> tuple[DatosAnio, Evaluacion, Umbrales]:
    from .calculo import evaluar
    from .plazos import aviso_actividad_actas

    datos, anio, corte, umbrales, problemas_umbrales = _programa(argumentos)
    anual = lecturas_en_disco(carpeta_datos(argumentos.datos)).cargar(datos, anio, umbrales)
    anual.problemas.extend(problemas_umbrales + aviso_actividad_actas(anual, umbrales))
    if anual.ilegibles and argumentos.comando != "validar":
        raise LibrosIlegibles(anual.ilegibles)
    return anual, evaluar(anual, corte, umbrales), umbrales


def _corte(texto: str | None, anio: int) -> datetime:
    if texto is None:
        return fecha_corte_predeterminada(anio)
    corte = _fecha_argumento(texto, "la fecha de corte")
    if corte.year != anio:
        raise ErrorDeUso(f"la fecha de corte {corte:%d/%m/%Y} está fuera del año {anio} del "
                         "programa; elija otra o use --anio.")
    return corte


def _fecha_argumento(texto: str, que: str) -> datetime:
    """A date typed on the command line: AAAA-MM-DD (or dd/mm/aaaa); never a bare number."""
    try:
        if texto.strip().replace(".", "").isdigit():
            raise celdas.CeldaInvalida("una fecha")
        return datetime.combine(celdas.fecha(texto), time())
    except celdas.CeldaInvalida:
        raise ErrorDeUso(f"{que} «{texto}» no es válida; use AAAA-MM-DD.") from None


EXTENSIONES_TABLA = (".csv", ".xlsx")
EXTENSIONES_INFORME = (".pdf", ".html", ".htm")
EXTENSIONES_INFORME_ANUAL = (".docx",)


def revisar_salida(salida: Path, extensiones: tuple[str, ...]) -> None:
    """Exports go only to files of their own kind: never over a workbook of the committee."""
    if salida.suffix.lower() not in extensiones:
        raise ErrorDeUso(f"el archivo de salida debe terminar en {' o '.join(extensiones)}; "
                         f"«{salida.name}» no se escribe (así nunca se sobrescribe un libro).")


def _revisar_destino(argumentos, formatos: tuple[str, ...] | None) -> None:
    """Refuse a --salida the command would not write before any figure is computed
    (``formatos`` None: the command's --salida is not a file, see «plantilla»)."""
    if argumentos.salida is not None and formatos is not None:
        revisar_salida(argumentos.salida, formatos)
        try:
            exportar.revisar_destino(argumentos.salida, carpeta_datos(argumentos.datos))
        except OSError as error:
            raise _no_se_pudo_escribir(argumentos.salida, error) from None


def _exportar(argumentos, tabla, columnas, hoja: str) -> None:
    """The table (a DataFrame, or numpy columns by name) as CSV on stdout, or in --salida as
    .csv or, for Excel, .xlsx."""
    if argumentos.salida is None:
        sys.stdout.buffer.write(exportar.csv_bytes(tabla, columnas))
        sys.stdout.flush()
    elif argumentos.salida.suffix.lower() == ".xlsx":
        _escribir(argumentos, exportar.xlsx_bytes(tabla, columnas, hoja))
    else:
        _escribir(argumentos, exportar.csv_bytes(tabla, columnas))


def _escribir(argumentos, contenido: bytes) -> None:
    """--salida through the safe writer: never a link, a workbook or the data folder."""
    salida = argumentos.salida
    try:
        exportar.escribir_archivo(salida, contenido, carpeta_datos(argumentos.datos))
    except OSError as error:
        raise _no_se_pudo_escribir(salida, error) from None
    print(f"Se escribió {salida}.", file=sys.stderr)


def _no_se_pudo_escribir(salida: Path, error: OSError) -> ErrorDeUso:
    return ErrorDeUso(f"no se pudo escribir «{salida}»: {motivo(error)}. "
                      "No quedó nada a medias; corríjalo o elija otro --salida.")


def _nota_de_errores(problemas: list[Problema]) -> None:
    """Say on stderr which sheets and how many rows with errors were left out of the figures."""
    for hoja in hojas_sin_leer(problemas):
        print(f"Aviso: {hoja.aviso}", file=sys.stderr)
    errores = sum(p.es_error for p in problemas)
    if errores:
        print(f"Aviso: {errores} problema(s) en los libros; las filas con error no se "
              "incluyen. Ejecute «python -m pat_core validar» para verlos.", file=sys.stderr)


def _validar(argumentos) -> int:
    from .calculo import avisos_al_corte

    if _todos_los_comites(argumentos):
        return _validar_comites(argumentos)
    anual, evaluacion, umbrales = _abrir(argumentos)
    problemas = anual.problemas + avisos_al_corte(anual, evaluacion.actividades)
    if argumentos.salida:
        _exportar(argumentos, exportar.tabla_problemas(problemas), v.COLUMNAS_PROBLEMAS,
                  v.HOJA_PROBLEMAS)
    else:
        for problema in problemas:
            print(problema)
    errores = sum(p.es_error for p in problemas)
    print(f"{errores} error(es), {len(problemas) - errores} aviso(s) en los libros de "
          f"{anual.anio} (corte {evaluacion.corte:%d/%m/%Y}).")
    return 1 if hay_errores(problemas) else 0


def _validar_comites(argumentos) -> int:
    from .calculo import avisos_al_corte

    total = _consolidar(argumentos)
    filas = []
    for comite, problemas in total.problemas.items():
        actividades = total.actividades[total.actividades[v.COMITE] == comite]
        plan = SimpleNamespace(archivos=[Path(f"pat_{total.anio}.xlsx")])
        filas += [(comite, p) for p in problemas + avisos_al_corte(plan, actividades)]
    if argumentos.salida:
        tabla = exportar.tabla_problemas([p for _, p in filas])
        tabla.insert(0, v.COMITE, [c for c, _ in filas])
        _exportar(argumentos, tabla, list(tabla.columns), v.HOJA_PROBLEMAS)
    else:
        for comite, problema in filas:
            print(f"{comite} · {problema}")
    errores = sum(p.es_error for _, p in filas)
    print(f"{errores} error(es), {len(filas) - errores} aviso(s) en los libros de {total.anio} "
          f"de {len(total.problemas)} comité(s) (corte {total.corte:%d/%m/%Y}).")
    return 1 if errores else 0


def filtro_desde_argumentos(argumentos) -> FiltroActividades:
    from .filtros import FiltroActividades, opcion

    try:
        return FiltroActividades(
            secciones=tuple(celdas.seccion(s) for s in argumentos.seccion),
            indicadores=tuple(celdas.clave(c, 2) for c in argumentos.indicador),
            estados=tuple(opcion(e, v.ESTADOS_ACTIVIDAD, "un estado") for e in argumentos.estado),
            semaforos=tuple(opcion(s, v.SEMAFOROS, "un color de semáforo")
                            for s in argumentos.semaforo),
            responsables=tuple(argumentos.responsable),
            texto=argumentos.buscar,
        )
    except celdas.CeldaInvalida as error:
        raise ErrorDeUso(f"filtro no válido: se esperaba {error.esperado}.") from None
    except ValueError as error:
        raise ErrorDeUso(str(error)) from None


def _actividades(argumentos) -> int:
    filtro = filtro_desde_argumentos(argumentos)
    if _todos_los_comites(argumentos):
        actividades = filtro.aplicar(_consolidar(argumentos).tabla_actividades())
        _exportar(argumentos, actividades, [v.COMITE, *v.COLUMNAS_ACTIVIDADES],
                  v.HOJA_ACTIVIDADES)
        return 0
    actividades, _ = _al_corte(argumentos)
    _exportar(argumentos, filtro.aplicar(tabla(actividades)), v.COLUMNAS_ACTIVIDADES,
              v.HOJA_ACTIVIDADES)
    return 0


def _indicadores(argumentos) -> int:
    try:
        secciones = tuple(celdas.seccion(s) for s in argumentos.seccion)
    except celdas.CeldaInvalida as error:
        raise ErrorDeUso(f"filtro no válido: se esperaba {error.esperado}.") from None
    if _todos_los_comites(argumentos):
        _exportar(argumentos, _consolidar(argumentos).tabla_indicadores(secciones),
                  [v.COMITE, *v.COLUMNAS_INDICADORES], v.HOJA_INDICADORES)
        return 0
    _, indicadores = _al_corte(argumentos)
    _exportar(argumentos, tabla(indicadores, secciones), v.COLUMNAS_INDICADORES,
              v.HOJA_INDICADORES)
    return 0


def _riesgos(argumentos) -> int:
    from .riesgos import tabla_riesgos

    anual, evaluacion, umbrales = _abrir(argumentos)
    _nota_de_errores(anual.problemas)
    _exportar(argumentos, tabla_riesgos(evaluacion), v.COLUMNAS_RIESGOS, v.HOJA_RIESGOS)
    return 0


def _sesion(argumentos) -> tuple[DatosAnio, Evaluacion, Evaluacion, Umbrales]:
    """The programme at the cut-off and at the date compared with (--desde), as
    :class:`pat_core.informe.Sesion` takes them."""
    from .calculo import evaluar
    from .cambios import corte_anterior

    anual, evaluacion, umbrales = _abrir(argumentos)
    _nota_de_errores(anual.problemas)
    desde = (corte_anterior(evaluacion.corte, anual.sesiones[v.FECHA]) if argumentos.desde is None
             else _fecha_argumento(argumentos.desde, "--desde"))
    if desde > evaluacion.corte:
        raise ErrorDeUso("--desde debe ser anterior o igual a la fecha de corte.")
    return anual, evaluacion, evaluar(anual, desde, umbrales), umbrales


def _cambios(argumentos) -> int:
    from .cambios import cambios

    anual, evaluacion, anterior, _ = _sesion(argumentos)
    lista = cambios(anual, anterior, evaluacion)
    _exportar(argumentos, lista, list(lista.columns), v.HOJA_CAMBIOS)
    return 0


def _informe(argumentos) -> int:
    from . import informe

    if argumentos.salida is None:
        raise ErrorDeUso("indique el archivo con --salida (informe.pdf o informe.html).")
    sesion = informe.Sesion(*_sesion(argumentos))
    try:
        contenido = informe.archivo_informe(sesion, argumentos.salida)
    except informe.SinChromium as error:
        raise ErrorDeUso(str(error)) from None
    _escribir(argumentos, contenido)
    return 0


def _informe_anual(argumentos) -> int:
    """The annual report's draft at the cut-off (by default 31/12 of a year that is over)."""
    from .informe_anual import docx_informe_anual

    if argumentos.salida is None:
        raise ErrorDeUso("indique el archivo con --salida (por ejemplo, informe_anual.docx).")
    if os.path.lexists(argumentos.salida):  # the secretary may already have edited it
        raise ErrorDeUso(f"«{argumentos.salida}» ya existe; no se reemplaza, por si es un borrador "
                         "que alguien ya editó. Elija otro nombre o, si ya no lo necesita, "
                         "bórrelo usted.")
    anual, evaluacion, umbrales = _abrir(argumentos)
    _nota_de_errores(anual.problemas)
    _escribir(argumentos, docx_informe_anual(anual, evaluacion, umbrales))
    return 0


def _plantilla(argumentos) -> int:
    from .plantilla import escribir_plantillas

    try:
        rutas = escribir_plantillas(argumentos.anio, argumentos.salida)
    except FileExistsError as error:
        raise ErrorDeUso(str(error)) from None
    except OSError as error:
        raise ErrorDeUso(f"no se pudo escribir en «{argumentos.salida}»: "
                         f"{motivo(error)}.") from None
    for ruta in rutas:
        print(f"Se escribió {ruta}.", file=sys.stderr)
    return 0


COMANDOS = {
    "validar": (_validar, EXTENSIONES_TABLA),
    "actividades": (_actividades, EXTENSIONES_TABLA),
    "indicadores": (_indicadores, EXTENSIONES_TABLA),
    "riesgos": (_riesgos, EXTENSIONES_TABLA),
    "cambios": (_cambios, EXTENSIONES_TABLA),
    "informe": (_informe, EXTENSIONES_INFORME),
    "informe-anual": (_informe_anual, EXTENSIONES_INFORME_ANUAL),
    "plantilla": (_plantilla, None),  # its --salida is a folder, checked by the templates
}
"""Each command's function and the files its --salida may be (see :func:`ejecutar`)."""
