"""Resumen: the whole programme at a glance."""

from pat_core import graficas
from tablero import contexto, vistas

ctx = contexto.actual()
if ctx.proyector:
    vistas.paginador(ctx, posicion=0)
vistas.encabezado("Resumen del programa", ctx)
vistas.tarjetas(ctx.evaluacion.indicadores, ctx.evaluacion.actividades)

izquierda, derecha = vistas.columnas_principales()
with izquierda:
    vistas.subtitulo("Cumplimiento de cada meta")
    vistas.grafica(graficas.cumplimiento_indicadores(ctx.evaluacion.indicadores, ctx.escala),
                   "cumplimiento")
with derecha:
    vistas.subtitulo("Avance por sección")
    vistas.grafica(graficas.avance_secciones(ctx.evaluacion.secciones, ctx.escala), "secciones")
    vistas.subtitulo("Riesgo de no cumplir el plazo")
    vistas.grafica(graficas.conteo_semaforo(ctx.evaluacion.actividades, ctx.escala), "semaforo")

vistas.subtitulo("Indicadores")
vistas.tabla_indicadores(ctx.evaluacion.indicadores)
