"""``python -m pat_core``: the dashboard's figures from the command line.

This module reads the arguments, in Spanish from ``--help`` to the last error;
:mod:`pat_core.comandos` does what they ask. It is imported only once the
arguments are understood, so ``--help`` or a mistyped option answers without
loading pandas or any workbook reader.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

from . import vocabulario as v
from .sistema import VISIBLE


def main(argv: list[str] | None = None) -> int:
    _salida_tolerante()
    argumentos = _parser().parse_args(argv)
    from . import comandos  # the library, now that there is something to compute

    return comandos.ejecutar(argumentos)


def _salida_tolerante() -> None:
    """Text the terminal cannot encode is printed as :data:`pat_core.sistema.VISIBLE` says
    (a name that is not valid UTF-8 with «�», as on screen), never a crash."""
    for flujo in (sys.stdout, sys.stderr):
        if isinstance(flujo, io.TextIOWrapper):
            flujo.reconfigure(errors=VISIBLE)


class FormateadorEspanol(argparse.HelpFormatter):
    """argparse's help and usage lines, which begin «uso:» rather than «usage:»."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


# The messages argparse composes in English and hands to ArgumentParser.error, and how
# they read in Spanish; «argument X: …» is translated around its own message.
_MENSAJES = tuple((re.compile(ingles, re.DOTALL), espanol) for ingles, espanol in (
    (r"the following arguments are required: (.*)", r"faltan los argumentos: \1"),
    (r"unrecognized arguments: (.*)", r"argumentos no reconocidos: \1"),
    (r"ambiguous option: (.*) could match (.*)", r"opción ambigua: \1 puede ser \2"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"opción no válida: \1 (elija entre \2)"),
    (r"invalid \S+ value: (.*)", r"valor no válido: \1"),
    (r"expected one argument", "se esperaba un valor"),
    (r"ignored explicit argument (.*)", r"sobra el valor \1"),
))
_ARGUMENTO = re.compile(r"argument (.+?): (.*)", re.DOTALL)


def en_espanol(mensaje: str) -> str:
    """An argparse error message in Spanish; one it was not expected to give, as it is."""
    argumento = _ARGUMENTO.fullmatch(mensaje)
    if argumento:
        return f"argumento {argumento[1]}: {en_espanol(argumento[2])}"
    for ingles, espanol in _MENSAJES:
        coincide = ingles.fullmatch(mensaje)
        if coincide:
            return coincide.expand(espanol)
    return mensaje


class ParserEspanol(argparse.ArgumentParser):
    """An argument parser that speaks Spanish and leaves argparse as it found it (its
    translation hook ``argparse._`` stays gettext's, for any other parser in the process).

    Where argparse takes a text, it is given in Spanish: group titles, the help of -h,
    the prefix of the usage line (:class:`FormateadorEspanol`). What argparse writes
    itself reaches :meth:`error` in English and is translated there (:func:`en_espanol`).
    Sub-commands are made by this same class.
    """

    def __init__(self, *args, add_help: bool = True,
                 formatter_class: type[argparse.HelpFormatter] = FormateadorEspanol, **kwargs):
        super().__init__(*args, add_help=False, formatter_class=formatter_class, **kwargs)
        self.add_help = add_help
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="muestra esta ayuda y termina")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {en_espanol(message)}\n")


def _parser() -> ParserEspanol:
    parser = ParserEspanol(
        prog="python -m pat_core",
        description="Tablero PAT: avance del Programa Anual de Trabajo del CEPCI.",
    )
    subcomandos = parser.add_subparsers(title="comandos", metavar="COMANDO", dest="comando",
                                        required=True)  # the names of comandos.COMANDOS

    validar = subcomandos.add_parser("validar", help="revisa los libros y lista cada problema")
    _comunes(validar)

    actividades = subcomandos.add_parser("actividades",
                                         help="CSV (o .xlsx) de actividades al corte")
    _comunes(actividades)
    _filtros(actividades)

    indicadores = subcomandos.add_parser("indicadores",
                                         help="CSV (o .xlsx) de indicadores al corte")
    _comunes(indicadores)
    indicadores.add_argument("--seccion", action="append", default=[], metavar="S",
                             help="sección (I, II, …); puede repetirse")

    riesgos = subcomandos.add_parser("riesgos", help="CSV (o .xlsx) de los riesgos del plan y "
                                                     "sus actividades al corte")
    _comunes(riesgos)

    cambios = subcomandos.add_parser("cambios", help="CSV de lo que cambió desde otra fecha")
    _comunes(cambios)
    cambios.add_argument("--desde", default=None, metavar="AAAA-MM-DD",
                         help="fecha con que se compara (predeterminada: la sesión anterior al "
                              "corte en la hoja Sesiones o, si no hay, el fin del mes anterior)")

    informe = subcomandos.add_parser("informe", help="informe de la sesión en PDF o HTML")
    _comunes(informe)
    informe.add_argument("--desde", default=None, metavar="AAAA-MM-DD",
                         help="fecha con que se compara (como en «cambios»)")

    anual = subcomandos.add_parser("informe-anual",
                                   help="borrador del Informe Anual de Actividades en Word (.docx)")
    _comunes(anual)

    plantilla = subcomandos.add_parser("plantilla", help="escribe los dos libros vacíos de un año")
    plantilla.add_argument("--anio", type=int, required=True, metavar="AAAA")
    plantilla.add_argument("--salida", type=Path, required=True, metavar="CARPETA")
    return parser


def _comunes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--datos", type=Path, default=None, metavar="CARPETA",
                        help=f"carpeta de los libros (predeterminada: ${v.VARIABLE_DATOS} o data/)")
    parser.add_argument("--anio", type=int, default=None, metavar="AAAA",
                        help="año del programa (predeterminado: el más reciente)")
    parser.add_argument("--corte", default=None, metavar="AAAA-MM-DD",
                        help="fecha de corte (predeterminada: hoy, dentro del año del programa)")
    parser.add_argument("--salida", type=Path, default=None, metavar="ARCHIVO",
                        help="escribe el resultado en este archivo (.csv, o .xlsx para abrir "
                             "en Excel; para «informe», .pdf o .html; para «informe-anual», "
                             ".docx) en lugar de la salida estándar; nunca dentro de la carpeta "
                             "de datos")
    parser.add_argument("--comite", default=None, metavar="NOMBRE",
                        help="comité (carpeta dentro de --datos); sin él, en una carpeta de "
                             "comités, validar, actividades e indicadores dan todos los comités "
                             f"con la columna «{v.COMITE}»")


def _filtros(parser: argparse.ArgumentParser) -> None:
    for bandera, metavar, ayuda in (
        ("--seccion", "S", "sección (I, II, …)"),
        ("--indicador", "CLAVE", "clave del indicador (1.1, …)"),
        ("--estado", "ESTADO", "Concluida, En proceso, Por iniciar o Vencida"),
        ("--semaforo", "COLOR", "Verde, Amarillo o Rojo"),
        ("--responsable", "NOMBRE", "responsable de la actividad"),
    ):
        parser.add_argument(bandera, action="append", default=[], metavar=metavar,
                            help=f"{ayuda}; puede repetirse")
    parser.add_argument("--buscar", default="", metavar="TEXTO",
                        help="texto en clave, actividad, mecanismo, riesgos o responsable")
