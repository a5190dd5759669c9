"""The product's vocabulary: every name a user sees, from spreadsheet header to CSV column.

Sheet and column names here are the contract with the committee's workbooks and
with the scripts that read our CSV files. Change them only on purpose.
"""

# Workbook file names, per year AAAA.
PREFIJO_PAT = "pat_"
PREFIJO_EVIDENCIAS = "evidencias_"
EXTENSION = ".xlsx"
VARIABLE_DATOS = "PAT_DATOS"  # the environment variable naming the data folder

# Sheets.
HOJA_INDICADORES = "Indicadores"
HOJA_ACTIVIDADES = "Actividades"
HOJA_EVIDENCIAS = "Evidencias"
HOJA_MEDICIONES = "Mediciones"
# Optional sheets: milestones in the plan, sessions in the register, and the
# non-working days the institution declares (in either workbook).
HOJA_HITOS = "Hitos"
HOJA_SESIONES = "Sesiones"
HOJA_INHABILES = "Días inhábiles"

# Columns of the plan.
SECCION = "Sección"
NOMBRE_SECCION = "Nombre de la sección"
CLAVE_INDICADOR = "Clave indicador"
INDICADOR = "Indicador"
OBJETIVO = "Objetivo"
META = "Meta"
VALOR_META = "Valor meta"
UNIDAD = "Unidad"
CALCULO = "Cálculo"
CLAVE_ACTIVIDAD = "Clave actividad"
ACTIVIDAD = "Actividad"
FECHA_INICIO = "Fecha inicio"
FECHA_FIN = "Fecha fin"
MECANISMO = "Mecanismo de verificación"
RIESGOS = "Riesgos"
RESPONSABLE = "Responsable"
SOLICITADA_UEIPPCI = "Solicitada por la UEIPPCI"

# Columns of the evidence register.
FECHA = "Fecha"
DESCRIPCION = "Descripción"
AVANCE = "Avance %"
ENLACE = "Enlace"
REGISTRO = "Registró"
FECHA_CORTE = "Fecha de corte"
LOGRADO = "Logrado"
TOTAL = "Total"
NOTA = "Nota"
HITO = "Hito"
FECHA_LIMITE = "Fecha límite"
TIPO = "Tipo"
FECHA_REGISTRO_ACTA = "Fecha de registro del acta"
MOTIVO = "Motivo"
FECHA_PROGRAMADA = "Fecha programada"  # optional, in Sesiones: the calendar approved

# Computed columns.
EVIDENCIAS = "Evidencias"
ULTIMA_EVIDENCIA = "Última evidencia"
AVANCE_ESPERADO = "Avance esperado %"
ESTADO = "Estado"
SEMAFORO = "Semáforo"
DIAS_RESTANTES = "Días restantes"
HITOS_VENCIDOS = "Hitos vencidos"  # milestones missed by the cut-off (README «Semáforo»)
VALOR_LOGRADO = "Valor logrado"
VALOR_ESPERADO = "Valor esperado al corte"
FECHA_MEDICION = "Fecha de medición"
CUMPLIMIENTO = "Cumplimiento %"
ESTADO_META = "Estado de la meta"

# Headline counts (the cards, «x de N»), in the order they are shown.
METAS_CUMPLIDAS = "Metas cumplidas"
ACTIVIDADES_CONCLUIDAS = "Actividades concluidas"
VENCIDAS = "Vencidas"
EN_ROJO = "En rojo"
COMITES = "Comités"  # the roll-up's first card

# Columns of the roll-up (one row per committee).
LUGAR = "Lugar"
COMITE = "Comité"
INDICADORES = "Indicadores"
ACTIVIDADES = "Actividades"
CONCLUIDAS = "Concluidas"
CUMPLIMIENTO_PROMEDIO = "Cumplimiento promedio %"

# Values of Unidad and Cálculo.
PORCENTAJE = "porcentaje"
NUMERO = "número"
UNIDADES = (PORCENTAJE, NUMERO)
MEDICION = "medición"
POR_ACTIVIDADES = "actividades"
POR_SESIONES = "sesiones"  # a count target: the ordinary sessions held
CALCULOS = (MEDICION, POR_ACTIVIDADES, POR_SESIONES)

# Activity states, in the order a meeting reads them.
CONCLUIDA = "Concluida"
EN_PROCESO = "En proceso"
POR_INICIAR = "Por iniciar"
VENCIDA = "Vencida"
ESTADOS_ACTIVIDAD = (CONCLUIDA, EN_PROCESO, POR_INICIAR, VENCIDA)

# Deadline-risk colours.
VERDE = "Verde"
AMARILLO = "Amarillo"
ROJO = "Rojo"
SEMAFOROS = (VERDE, AMARILLO, ROJO)

# Target states.
CUMPLIDA = "Cumplida"
EN_CAMINO = "En camino"
EN_RIESGO = "En riesgo"
NO_CUMPLIDA = "No cumplida"
SIN_MEDICION = "Sin medición"
SIN_CASOS = "Sin casos"  # the latest measurement is 0 of 0: nothing to attend in the period
ESTADOS_META = (CUMPLIDA, EN_CAMINO, EN_RIESGO, NO_CUMPLIDA, SIN_CASOS, SIN_MEDICION)

# Values of a session's Tipo.
ORDINARIA = "ordinaria"
EXTRAORDINARIA = "extraordinaria"
TIPOS_SESION = (ORDINARIA, EXTRAORDINARIA)

SI = "Sí"
NO = "No"

SECCIONES_ROMANAS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

# Columns of the risks table (pat_core.riesgos): one row per risk named in the plan.
# The counts are the roll-up's and the cards' names (above): one word, one meaning.
RIESGO = "Riesgo"
CLAVES = "Claves"
COLUMNAS_RIESGOS = (RIESGO, ACTIVIDADES, CONCLUIDAS, EN_ROJO, VENCIDAS, CLAVES)
# What the screens add: the activities of a risk that are red or overdue, and their keys.
ROJAS_O_VENCIDAS = "Rojas o vencidas"
CLAVES_ROJAS_O_VENCIDAS = "Claves rojas o vencidas"
