"""Deadlines counted in Mexican working days: what falls due soon, the milestones already
missed, and the minutes' term.

One activity of the PAT (4.1.2 in the seed; ``[plazos] actividad_actas``) asks that each
session's minutes be registered «dentro de los primeros 10 días hábiles posteriores a su
celebración».
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import vocabulario as v
from . import presentacion as p
from .calculo import Evaluacion, hitos_vencidos, ordinarias_celebradas
from .calendario import Calendario
from .anio import DatosAnio
from .problemas import AVISO, Problema
from .reglas import ARCHIVO_UMBRALES, Umbrales


def calendario(datos: DatosAnio) -> Calendario:
    declarados = {
        fila[v.FECHA].date(): (fila[v.MOTIVO] if isinstance(fila[v.MOTIVO], str) else "")
        for _, fila in datos.inhabiles.iterrows()
    }
    return Calendario([datos.anio], declarados)


def proximos_vencimientos(datos: DatosAnio, evaluacion: Evaluacion, umbrales: Umbrales,
                          dias: int | None = None) -> pd.DataFrame:
    """Unfinished activities and milestones due from the cut-off to ``dias`` working days
    later, after the milestones of unfinished activities already missed (negative days)."""
    dias = umbrales.dias_habiles_proximos if dias is None else dias
    dias_calendario = calendario(datos)
    corte = evaluacion.corte
    limite = pd.Timestamp(dias_calendario.sumar(corte.date(), dias))
    actividades = evaluacion.actividades
    sin_concluir = actividades[actividades[v.ESTADO] != v.CONCLUIDA]
    pendientes = sin_concluir[sin_concluir[v.FECHA_FIN].between(corte, limite)]
    lugar = actividades[[v.CLAVE_ACTIVIDAD, v.SECCION, v.ESTADO, v.SEMAFORO]]
    hitos = datos.hitos[datos.hitos[v.FECHA_LIMITE].between(corte, limite)].merge(
        lugar, on=v.CLAVE_ACTIVIDAD)
    vencidos = hitos_vencidos(datos, evaluacion).merge(
        lugar[lugar[v.ESTADO] != v.CONCLUIDA], on=v.CLAVE_ACTIVIDAD)
    filas = [
        (fila[v.FECHA_FIN], fila[v.SECCION], fila[v.CLAVE_ACTIVIDAD], v.FIN_ACTIVIDAD,
         fila[v.ACTIVIDAD], fila[v.ESTADO], fila[v.SEMAFORO])
        for _, fila in pendientes.iterrows()
    ] + [
        (fila[v.FECHA_LIMITE], fila[v.SECCION], fila[v.CLAVE_ACTIVIDAD], que, fila[v.HITO],
         fila[v.ESTADO], fila[v.SEMAFORO])
        for que, marco in ((v.HITO_VENCIDO, vencidos), (v.HITO_PROXIMO, hitos))
        for _, fila in marco.iterrows()
    ]
    tabla = pd.DataFrame(filas, columns=[v.FECHA_LIMITE, v.SECCION, v.CLAVE_ACTIVIDAD,
                                         v.QUE_VENCE, v.DESCRIPCION, v.ESTADO, v.SEMAFORO])
    tabla[v.FECHA_LIMITE] = tabla[v.FECHA_LIMITE].astype("datetime64[s]")
    tabla.insert(1, v.DIAS_HABILES, [dias_calendario.dias_habiles(corte.date(), f.date())
                                     for f in tabla[v.FECHA_LIMITE]])
    return tabla.sort_values([v.FECHA_LIMITE, v.CLAVE_ACTIVIDAD], kind="stable").reset_index(drop=True)


def titulo_actas(umbrales: Umbrales) -> str:
    """The minutes' check as every screen names it: by the plan's activity that asks for it."""
    return (f"Registro de actas (actividad {umbrales.actividad_actas}, plazo de "
            f"{umbrales.dias_habiles_acta} días hábiles)")


def aviso_actividad_actas(datos: DatosAnio, umbrales: Umbrales) -> list[Problema]:
    """A warning when there are sessions to check and the plan has no activity with the key
    the minutes' check is labelled by; the minutes are checked all the same."""
    clave = umbrales.actividad_actas
    if datos.sesiones.empty or (datos.actividades[v.CLAVE_ACTIVIDAD] == clave).any():
        return []
    return [Problema(
        AVISO, ARCHIVO_UMBRALES, None, None, "plazos.actividad_actas", clave,
        f"El registro de actas se muestra como la actividad {clave}, pero el plan {datos.anio} "
        f"no tiene esa actividad. Las actas se revisan igual; escriba en {ARCHIVO_UMBRALES} la "
        f"clave de la actividad de su plan que pide registrarlas, en la línea "
        f'actividad_actas = "…" de la sección [plazos].')]


def revisar_actas(datos: DatosAnio, corte: pd.Timestamp, umbrales: Umbrales) -> pd.DataFrame:
    """Each session held by the cut-off: its minutes' deadline and whether it was met.

    A registration dated after the cut-off had not happened yet at the cut-off.
    """
    dias_calendario = calendario(datos)
    filas = []
    for _, sesion in datos.sesiones[datos.sesiones[v.FECHA] <= corte].iterrows():
        limite = pd.Timestamp(dias_calendario.sumar(sesion[v.FECHA].date(), umbrales.dias_habiles_acta))
        registro = sesion[v.FECHA_REGISTRO_ACTA]
        if pd.isna(registro) or registro > corte:
            registro, usados = pd.NaT, None
            situacion = v.PENDIENTE if corte <= limite else v.SIN_REGISTRAR
        else:
            usados = dias_calendario.dias_habiles(sesion[v.FECHA].date(), registro.date())
            situacion = v.A_TIEMPO if registro <= limite else v.TARDE
        filas.append((sesion[v.FECHA], sesion[v.TIPO], limite, registro, usados, situacion))
    tabla = pd.DataFrame(filas, columns=[v.FECHA, v.TIPO, v.LIMITE_ACTA, v.FECHA_REGISTRO_ACTA,
                                         v.DIAS_USADOS, v.SITUACION])
    for columna in (v.FECHA, v.LIMITE_ACTA, v.FECHA_REGISTRO_ACTA):
        tabla[columna] = tabla[columna].astype("datetime64[s]")
    tabla[v.DIAS_USADOS] = tabla[v.DIAS_USADOS].astype("Int64")
    return tabla


def sesiones_no_celebradas(datos: DatosAnio, corte: pd.Timestamp) -> pd.DataFrame:
    """Sessions planned (``Fecha programada``) before the cut-off and not held by that date:
    not held at all by the cut-off, or held later than planned."""
    sesiones = datos.sesiones
    celebrada = sesiones[v.FECHA] <= corte
    tarde = (sesiones[v.FECHA_PROGRAMADA] < corte) & ~(sesiones[v.FECHA] <= sesiones[v.FECHA_PROGRAMADA])
    tabla = sesiones.loc[tarde, [v.FECHA_PROGRAMADA, v.TIPO, v.FECHA]].copy()
    tabla[v.FECHA] = tabla[v.FECHA].where(celebrada[tarde]).astype("datetime64[s]")
    tabla[v.SITUACION] = np.where(celebrada[tarde], v.CON_RETRASO, v.NO_CELEBRADA).astype(object)
    return tabla.sort_values(v.FECHA_PROGRAMADA, kind="stable").reset_index(drop=True)


def calendario_sesiones(datos: DatosAnio, corte: pd.Timestamp,
                        umbrales: Umbrales) -> tuple[str, pd.DataFrame | None]:
    """«Sesiones ordinarias: N de M» at the cut-off, and the planned sessions not held by
    their date (``None`` when the sheet has no calendar: no ``Fecha programada``)."""
    texto = p.sesiones_ordinarias(ordinarias_celebradas(datos.sesiones, corte), umbrales.ordinarias)
    if datos.sesiones[v.FECHA_PROGRAMADA].isna().all():
        return texto, None
    return texto, sesiones_no_celebradas(datos, corte)


def actas_fuera_de_plazo(actas: pd.DataFrame) -> pd.DataFrame:
    return actas[actas[v.SITUACION].isin([v.TARDE, v.SIN_REGISTRAR])]
