"""Resumen: the whole programme at a glance, its trend and where it is heading."""

from pat_core import graficas
from tablero import contexto, vistas

ctx = contexto.actual()
vistas.encabezado("Resumen del programa", ctx)
vistas.tarjetas(ctx)
indicadores = contexto.proyeccion_de(ctx)

izquierda, derecha = vistas.columnas_principales()
with izquierda:
    vistas.subtitulo("Cumplimiento de cada meta")
    vistas.grafica(graficas.cumplimiento_indicadores, indicadores, clave="cumplimiento")
with derecha:
    vistas.subtitulo("Avance por sección")
    vistas.grafica(graficas.avance_secciones, ctx.evaluacion.secciones, clave="secciones")
    vistas.subtitulo("Riesgo de no cumplir el plazo")
    vistas.grafica(graficas.conteo_semaforo, ctx.evaluacion.actividades, clave="semaforo")

vistas.subtitulo("Indicadores, mes a mes y al 31 de diciembre")
vistas.tabla_indicadores(indicadores, contexto.tendencia_de(ctx))
