"""Secciones: one section at a time — its targets, its schedule and its evidence."""

from pat_core import graficas
from pat_core.calculo import evidencias_al_corte
from tablero import contexto, vistas

ctx = contexto.actual()
seccion = vistas.selector_seccion(ctx)
vistas.encabezado(f"Sección {seccion.clave}. {seccion.nombre}", ctx)
vistas.tarjetas(ctx, seccion.clave)
tendencia = contexto.tendencia_de(ctx)
vistas.avance_de_la_seccion(seccion, tendencia)
indicadores = seccion.de_la_seccion(contexto.proyeccion_de(ctx))
actividades = seccion.actividades

vistas.subtitulo("Metas de la sección")
vistas.grafica(graficas.cumplimiento_indicadores, indicadores, clave="cumplimiento")
vistas.tabla_indicadores(indicadores, tendencia)

vistas.subtitulo("Cronograma de actividades")
vistas.grafica(graficas.cronograma, actividades, ctx.evaluacion.corte, ctx.datos.anio,
               clave="cronograma")
vistas.tabla_actividades(actividades)

vistas.subtitulo("Evidencias registradas")
vistas.tabla_evidencias(seccion.de_la_seccion(evidencias_al_corte(ctx.datos, ctx.evaluacion)))
