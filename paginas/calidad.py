"""Calidad de datos: every problem in the workbooks, to the cell, so members can fix it."""

from tablero import contexto, vistas

ctx = contexto.actual()
vistas.encabezado(vistas.TITULO_CALIDAD, ctx)
vistas.resumen_problemas(ctx.problemas_a_revisar)
vistas.problemas_por_hoja(ctx.problemas_a_revisar)
vistas.descarga_problemas(ctx)
