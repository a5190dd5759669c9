"""Tablero PAT core: the committee's workbooks read, validated and computed at a cut-off.

No user interface here (and never streamlit): the dashboard and the command
line are thin layers over these functions.

The names below are imported on first use (PEP 562), not with the package: the
command line answers ``--help`` without loading pandas, and a module of the
package (``pat_core.vocabulario``) costs only itself.
"""

from importlib import import_module

_DE_MODULO = {
    "CacheLecturas": "cache",
    "Evaluacion": "calculo", "avisos_al_corte": "calculo", "evaluar": "calculo",
    "ComiteDesconocido": "comites", "Consolidado": "comites", "anios_comites": "comites",
    "carpeta_comite": "comites", "comites_vistos": "comites", "consolidar": "comites",
    "es_de_comites": "comites", "listar_comites": "comites", "umbrales_comite": "comites",
    "FiltroActividades": "filtros",
    "anios_disponibles": "lectura", "firma": "lectura",
    "DatosAnio": "anio", "cargar": "anio", "fecha_corte_predeterminada": "anio",
    "Problema": "problemas",
    "Umbrales": "reglas", "cargar_umbrales": "reglas",
}

__all__ = sorted(_DE_MODULO)


def __getattr__(nombre: str):
    modulo = _DE_MODULO.get(nombre)
    if modulo is None:
        raise AttributeError(f"module {__name__!r} has no attribute {nombre!r}")
    valor = getattr(import_module(f".{modulo}", __name__), nombre)
    globals()[nombre] = valor  # found directly from now on
    return valor


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
