"""Sesión: what the monthly meeting goes through — changes, risks, what falls due, minutes."""

from pat_core.cambios import cambios
from pat_core.plazos import calendario_sesiones, proximos_vencimientos, revisar_actas, titulo_actas
from pat_core.riesgos import riesgos_al_corte
from tablero import contexto, vistas

ctx = contexto.actual()
vistas.encabezado("Sesión del comité", ctx)
vistas.tarjetas(ctx)
vistas.descarga_informe(ctx)

vistas.subtitulo(f"Cambios desde la sesión anterior ({vistas.fecha(ctx.anterior.corte)})")
vistas.tabla_cambios(cambios(ctx.datos, ctx.anterior, ctx.evaluacion))

vistas.subtitulo("Riesgos")
vistas.tabla_riesgos(riesgos_al_corte(ctx.evaluacion))

vistas.subtitulo(f"Próximos vencimientos: {ctx.umbrales.dias_habiles_proximos} días hábiles")
vistas.tabla_vencimientos(proximos_vencimientos(ctx.datos, ctx.evaluacion, ctx.umbrales))

vistas.subtitulo(titulo_actas(ctx.umbrales))
vistas.tabla_actas(revisar_actas(ctx.datos, ctx.evaluacion.corte, ctx.umbrales), ctx.umbrales)

vistas.subtitulo("Calendario de sesiones")
vistas.calendario_sesiones(*calendario_sesiones(ctx.datos, ctx.evaluacion.corte, ctx.umbrales))
