"""The product's vocabulary: every name a user sees, from spreadsheet header to CSV column.

Sheet and column names here are the contract with the committee's workbooks and
with the scripts that read our CSV files. Change them only on purpose.
"""

# Workbook file names, per year AAAA.
PREFIJO_PAT = "pat_"
PREFIJO_EVIDENCIAS = "evidencias_"
EXTENSION = ".xlsx"
VARIABLE_DATOS = "PAT_DATOS"  # the environment variable naming the data folder
VARIABLE_CACHE = "PAT_CACHE"  # where read workbooks are kept on disk; "off" turns it off
VARIABLE_PROCESOS = "PAT_PROCESOS"  # how many processes read workbooks; 1 reads in one
VARIABLE_DEPURAR = "PAT_DEPURAR"  # set, the command line shows an unexpected error's traceback
AUTOR = "Tablero PAT"  # the author of the files the product makes (how it knows its own .xlsx)

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
# The template's help sheets (pat_core.plantilla), never read back.
HOJA_INSTRUCCIONES = "Instrucciones"
HOJA_LISTAS = "Listas"
# Sheets of the .xlsx exports that are not a workbook's sheet.
HOJA_PROBLEMAS = "Problemas"
HOJA_CAMBIOS = "Cambios"
HOJA_RIESGOS = "Riesgos"

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
DESDE = "Desde"  # of a missed milestone (calculo.hitos_vencidos): the day its window opened
AVANCE_PROMEDIO = "Avance promedio %"  # of a section's activities

# The CSV (and .xlsx) exports of activities and indicators, in their column order.
COLUMNAS_ACTIVIDADES = (
    SECCION, CLAVE_INDICADOR, CLAVE_ACTIVIDAD, ACTIVIDAD, FECHA_INICIO, FECHA_FIN, AVANCE,
    AVANCE_ESPERADO, ESTADO, SEMAFORO, DIAS_RESTANTES, EVIDENCIAS, ULTIMA_EVIDENCIA, RESPONSABLE,
    MECANISMO, RIESGOS, SOLICITADA_UEIPPCI,
)
COLUMNAS_INDICADORES = (
    SECCION, NOMBRE_SECCION, CLAVE_INDICADOR, INDICADOR, META, UNIDAD, CALCULO, VALOR_META,
    VALOR_LOGRADO, VALOR_ESPERADO, CUMPLIMIENTO, ESTADO_META, FECHA_MEDICION,
)

# Columns of the targets as people read them (presentacion.tabla_indicadores): the values
# with their unit, and, with a projection (pat_core.proyeccion), its value and verdict.
CLAVE = "Clave"  # a key, in a table that names its kind elsewhere
ESPERADO_AL_CORTE = "Esperado al corte"
MES_A_MES = "Mes a mes"  # the dashboard's sparkline of a target's month ends
PROYECCION = "Proyección al 31/12"
VEREDICTO = "Al ritmo actual"
# Values of Al ritmo actual.
ALCANZABLE = "alcanzable al ritmo actual"
NO_ALCANZABLE = "no alcanzable al ritmo actual"
SIN_PROYECCION = "sin datos para proyectar"

# The dashboard's evidence register: an «Enlace» that is not a web address, shown as text.
ENLACE_COMO_TEXTO = "Enlace (no se abre)"

# Columns of the problems' list (page «Calidad de datos», validar --salida): where each is.
SEVERIDAD = "Severidad"
LIBRO = "Libro"
HOJA = "Hoja"
FILA_LIBRO = "Fila"  # the row as Excel numbers it
COLUMNA_LIBRO = "Columna"
VALOR_ENCONTRADO = "Valor encontrado"
PROBLEMA = "Problema"
COLUMNAS_PROBLEMAS = (SEVERIDAD, LIBRO, HOJA, FILA_LIBRO, COLUMNA_LIBRO, VALOR_ENCONTRADO, PROBLEMA)

# Columns of the changes between two cut-offs (pat_core.cambios)…
TIPO_CAMBIO = "Tipo de cambio"
DETALLE = "Detalle"
ANTES = "Antes"
AHORA = "Ahora"
COLUMNAS_CAMBIOS = (TIPO_CAMBIO, CLAVE, DETALLE, ANTES, AHORA)
# …and the kinds of change, in the order the list gives them.
CAMBIO_META = "Cambio en el estado de la meta"
ACTIVIDAD_CONCLUIDA = "Actividad concluida"
ACTIVIDAD_VENCIDA = "Actividad vencida"
CAMBIO_SEMAFORO = "Cambio de semáforo"
NUEVA_EVIDENCIA = "Nueva evidencia"
TIPOS_CAMBIO = (CAMBIO_META, ACTIVIDAD_CONCLUIDA, ACTIVIDAD_VENCIDA, CAMBIO_SEMAFORO,
                NUEVA_EVIDENCIA)

# Columns of the deadlines (pat_core.plazos): what falls due in the next working days…
DIAS_HABILES = "Días hábiles restantes"
QUE_VENCE = "Qué vence"
# (values of Qué vence)
FIN_ACTIVIDAD, HITO_PROXIMO, HITO_VENCIDO = "Fin de la actividad", "Hito", "Hito vencido"
# …each session's minutes and the planned sessions not held.
LIMITE_ACTA = "Límite para registrar el acta"
DIAS_USADOS = "Días hábiles hasta el registro"
SITUACION = "Situación"
# Values of Situación: of a session's minutes, and of a planned session.
A_TIEMPO, TARDE, PENDIENTE, SIN_REGISTRAR = "A tiempo", "Tarde", "Pendiente", "Sin registrar"
NO_CELEBRADA, CON_RETRASO = "No celebrada", "Celebrada después de lo programado"

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
COLUMNAS_RESUMEN = (LUGAR, COMITE, METAS_CUMPLIDAS, INDICADORES, ACTIVIDADES, CONCLUIDAS, VENCIDAS,
                    EN_ROJO, CUMPLIMIENTO_PROMEDIO)

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
