"""Actividades: the filtered list of activities, and its CSV for the minutes."""

from tablero import contexto, vistas

ctx = contexto.actual()
vistas.encabezado("Actividades", ctx)
todas = ctx.evaluacion.actividades
filtro = vistas.filtros_actividades(todas)
filtradas = filtro.aplicar(todas)
vistas.conteo(len(filtradas), len(todas), "actividades")
vistas.tabla_actividades(filtradas)
vistas.descarga_actividades(ctx, filtro, filtradas)
