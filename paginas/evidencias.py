"""Evidencias: the register up to the cut-off; started activities without evidence stand out."""

from pat_core.calculo import evidencias_al_corte, sin_evidencia
from tablero import contexto, vistas

ctx = contexto.actual()
vistas.encabezado("Evidencias", ctx)
vistas.aviso_sin_evidencia(sin_evidencia(ctx.evaluacion.actividades))
registro = evidencias_al_corte(ctx.datos, ctx.evaluacion)
filtradas = vistas.filtros_evidencias(registro).aplicar(registro)
vistas.conteo(len(filtradas), len(registro), "evidencias")
vistas.tabla_evidencias(filtradas)
