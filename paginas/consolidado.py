"""Consolidado: every committee at the same cut-off — attainment, overdue work, ranking."""

from pat_core import graficas
from tablero import contexto, vistas

ctx = contexto.actual()
total = contexto.consolidado_de(ctx)
vistas.encabezado("Consolidado de comités", ctx, de_un_comite=False)
vistas.tarjetas_consolidado(total)
vistas.avisos_consolidado(total)

vistas.subtitulo("Cumplimiento de cada indicador, por comité")
vistas.grafica(graficas.mapa_cumplimiento, total.indicadores, total.comites, clave="mapa")

vistas.subtitulo("Comités con más actividades vencidas o en rojo")
vistas.grafica(graficas.vencidas_y_rojas, total.resumen, clave="vencidas")

vistas.subtitulo("Clasificación")
vistas.clasificacion(total)
