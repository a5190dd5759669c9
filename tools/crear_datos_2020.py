"""Write the shipped 2020 workbooks: the seed's PAT 2020 and a fictitious evidence year.

The plan reproduces the signed PAT 2020 of the CEPCI of API Coatzacoalcos
(shared/seed): texts verbatim but for the <i> markup, the asterisk of 2.1.5
and 2.1.6 moved to the column «Solicitada por la UEIPPCI», the merged
«Mecanismo de verificación» of 2.1.1–2.1.6 restored whole for all six, and
the three risks written one way each. The evidence workbook is EXAMPLE DATA.

Usage (a developer's tool, not part of the product):
    python tools/crear_datos_2020.py --salida DIR [--sobrescribir]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pat_core.lectura import ruta_evidencias, ruta_pat  # noqa: E402
from pat_core.plantilla import libro_evidencias, libro_pat  # noqa: E402

ANIO = 2020
TITULO_PAT = "Programa Anual de Trabajo 2020 (PAT 2020) — CEPCI de API Coatzacoalcos"
TITULO_EVIDENCIAS = (
    "DATOS DE EJEMPLO — registro ficticio de evidencias y mediciones 2020, hecho para mostrar "
    "el tablero; no es el registro real del CEPCI de API Coatzacoalcos."
)

SECCIONES = {
    "I": "Capacitación y sensibilización",
    "II": "Difusión",
    "III": "Atención a denuncias en materia de ética, integridad pública y conflictos de interés",
    "IV": "Operación del Comité de Ética y de Prevención de Conflictos de Interés",
    "V": "Mejora de procesos",
}

# Sección, Clave, Indicador, Objetivo, Meta, Valor meta (as a person would type it), Unidad, Cálculo
INDICADORES = [
    ("I", "1.1",
     "Indicador de capacitación en materia de ética, integridad pública y prevención de conflictos de interés.",
     "Las personas servidoras públicas del organismo reciben capacitación o sensibilización en materia de ética e integridad pública, o prevención de conflictos de intereses.",
     "Al finalizar el año 2020, al menos 15% de las personas servidoras públicas de API COATZACOALCOS han recibido una o más capacitaciones o sensibilizaciones en materia de ética e integridad pública, o prevención de conflictos de intereses.",
     "15%", "porcentaje", "medición"),
    ("I", "1.2",
     "Indicador de eficacia en la implementación de acciones de capacitación.",
     "Asegurar la implementación de las acciones de capacitación y sensibilización, que el CEPCI haya programado, en materia de ética e integridad pública y prevención de conflictos de intereses.",
     "Al finalizar el año 2020, al menos 75% de las acciones capacitación en materia de ética e integridad pública y prevención de conflictos de interés programadas por el CEPCI han sido realizadas.",
     0.75, "porcentaje", "medición"),
    ("II", "2.1",
     "Indicador de eficacia en la implementación de acciones de difusión.",
     "Desarrollar acciones de difusión para impulsar el conocimiento y la sensibilización de las personas servidoras públicas de API COATZACOALCOS en materia de ética e integridad pública, y prevención de conflictos de intereses.",
     "Implementar al menos 80% de las acciones de difusión programadas por el CEPCI, así como las que, en su caso, sean solicitadas por la Unidad de Ética, Integridad Pública y Prevención de Conflictos de Intereses.",
     80, "porcentaje", "actividades"),
    ("III", "3.1",
     "Indicador general de eficacia en atención a denuncias.",
     "Atender las denuncias que se presenten al CEPCI de API COATZACOALCOS.",
     "Al finalizar el año 2020, al menos 85% de las denuncias recibidas por el CEPCI fueron atendidas dentro de los plazos establecidos.",
     85, "porcentaje", "medición"),
    ("III", "3.2",
     "Indicador de eficacia en la atención de denuncias por hostigamiento sexual y acoso sexual.",
     "Las presuntas víctimas de actos de acoso sexual u hostigamiento sexual que presenten denuncia ante el CEPCI reciban una atención con perspectiva de género, libre de discriminación y que garantice su dignidad, integridad personal, no revictimización, y con la prohibición de represalias de cualquier tipo, conforme a lo establecido en el Protocolo para la prevención, atención y sanción del hostigamiento sexual y acoso sexual.",
     "Al menos 80% de las denuncias por presuntos actos de acoso sexual u hostigamiento sexual, que presenten ante el CEPCI, son atendidas dentro de los plazos previstos en los Lineamientos Generales, y acorde a lo establecido en el Protocolo para la prevención, atención y sanción del hostigamiento sexual y acoso sexual.",
     80, "porcentaje", "medición"),
    ("III", "3.3",
     "Indicador de eficacia en la atención de denuncias por discriminación y violencia laboral.",
     "Que la presuntas víctimas de actos de discriminación que presenten denuncia ante el CEPCI, reciban una atención acorde al Protocolo que norma la actuación de dichos órganos en esta materia.",
     "Al menos 80% de las denuncias por presuntos actos de discriminación, que se presentan ante el CEPCI, son atendidas dentro de los plazos previstos en los Lineamientos Generales.",
     80, "porcentaje", "medición"),
    ("IV", "4.1",
     "Indicador de cumplimiento general del Comité de Ética y de Prevención de Conflictos de Interés.",
     "Realizar las actividades administrativas inherentes al CEPCI, en apoyo al cumplimiento de las actividades sustantivas del mismo.",
     "Atender en tiempo y forma al menos 80% de las actividades de gestión del CEPCI.",
     80, "porcentaje", "actividades"),
    ("IV", "4.2",
     "Indicador de seguimiento al cumplimiento de las recomendaciones y opiniones emitidas.",
     "Dar seguimiento a la aplicación de las opiniones y recomendaciones que el CEPCI emitió a las denuncias por presuntos incumplimientos a las reglas de integridad, o a los principios y valores del Código de Ética de las personas servidoras públicas del Gobierno Federal, o del Código de Conducta del organismo.",
     "Registrar en el SSECCOE al menos un seguimiento realizado por el CEPCI a la implementación de las recomendaciones que el mismo comité emitió entre el 01/07/2019 y el 30/06/2020.",
     1, "número", "actividades"),
    ("IV", "4.3",
     "Indicador de suscripción de compromiso con el Código de Conducta.",
     "Las personas servidoras públicas suscriban el compromiso de conocer y respetar el Código de Conducta.",
     "Al término del 2020 el número de personas servidoras públicas del organismo que han suscrito la Carta Compromiso de conocer y respetar el Código de Conducta es mayor o igual a 50% del total.",
     50, "porcentaje", "medición"),
    ("V", "5.1",
     "Indicador general de eficacia en la determinación de riesgos institucionales de integridad.",
     "Identificar o determinar los riesgos de integridad presentes en los principales procesos sustantivos del organismo.",
     "Identificar dos o más riesgos de integridad para cinco procesos institucionales sustantivos del organismo.",
     5, "número", "medición"),
]

CARGAS = "Cargas de trabajo fuera de lo habitual impiden a los integrantes atender los asuntos del CEPCI."
TECNOLOGIA = ("Problemas tecnológicos dificultan o impiden las comunicaciones electrónicas o las "
              "sesiones virtuales del CEPCI.")
AGENDAS = ("Dificultad de compaginar las agendas de los integrantes del CEPCI que afecta la "
           "celebración de sesiones del comité de ética.")
OFICIO = "Imagen del oficio o correo electrónico de las gestiones realizadas."
DIFUSION = ("Imagen digital o captura de pantalla de la difusión del material o de destinatarios "
            "del mensaje.")
INFORME = "Apartado de atención a denuncias del Informe Anual de Actividades."

# Clave, Actividad, inicio, fin, Mecanismo de verificación, Riesgos, Solicitada por la UEIPPCI
ACTIVIDADES = [
    ("1.1.1", "Llevar a cabo las gestiones necesarias para asegurar que el curso sobre la \"Nueva Ética e Integridad en el Servicio Público\" sea acreditado por quienes conforman el CEPCI y, en su caso, por otras personas servidoras públicas del organismo.",
     "02/03/2020", "31/12/2020", "Constancia o captura de pantalla de que el curso fue acreditado.", CARGAS, False),
    ("1.1.2", "Realizar las gestiones necesarias para que las personas servidoras públicas del organismo participen en al menos un curso de capacitación o sensibilización sobre temas de ética, integridad pública, prevención de conflictos de intereses, igualdad de género, violencia de género, Hostigamiento Sexual y Acoso Sexual, o prevención de la discriminación.",
     "02/01/2020", "31/12/2020", "Lista de asistencia de manera obligatoria. Fotos y material de la sesión, de manera opcional.", CARGAS, False),
    ("1.2.1", "Realizar las gestiones necesarias para que el CEPCI u otra instancia imparta capacitación o sensibilización a las personas servidoras públicas del organismos, sobre los elementos fundamentales de los conflictos de intereses.",
     "02/03/2020", "31/12/2020", OFICIO, CARGAS, False),
    ("1.2.2", "Elaborar un proyecto o propuesta de programa de capacitación en materia de ética, integridad pública y prevención de conflictos de intereses para las personas servidoras públicas del organismo, para los años 2020 a 2024, y comunicar el mismo a las instancias responsables de la capacitación al personal dentro del organismo público.",
     "03/02/2020", "31/12/2020", OFICIO, CARGAS, False),
    ("2.1.1", "Generar y difundir contenidos gráficos o audiovisuales sobre los elementos fundamentales de la Nueva Ética Pública.",
     "03/02/2020", "31/12/2020", DIFUSION, TECNOLOGIA, False),
    ("2.1.2", "Generar y difundir contenidos gráficos o audiovisuales en materiales de sensibilización sobre el tema de conflictos de intereses.",
     "03/02/2020", "31/12/2020", DIFUSION, TECNOLOGIA, False),
    ("2.1.3", "Difundir los materiales de temas de ética, integridad pública, prevención de conflictos de interés, o temas afines, en atención, en su caso, a las solicitudes expresadas por la UEIPPCI.",
     "03/02/2020", "31/12/2020", DIFUSION, TECNOLOGIA, False),
    ("2.1.4", "Difundir el Protocolo para la Prevención, Atención y Sanción del Hostigamiento Sexual y Acoso Sexual.",
     "03/02/2020", "31/12/2020", DIFUSION, TECNOLOGIA, False),
    ("2.1.5", "Difundir cuáles son las faltas administrativas que pueden cometer las personas servidoras públicas y las sanciones a que se pueden hacerse acreedoras.",
     "03/02/2020", "31/12/2020", DIFUSION, TECNOLOGIA, True),
    ("2.1.6", "Difundir la existencia de la Plataforma de Ciudadanos Alertadores Internos y Externos de la Corrupción.",
     "03/02/2020", "31/12/2020", DIFUSION, TECNOLOGIA, True),
    ("3.1.1", "Atender las denuncias que se presenten ante el CEPCI conforme a los Lineamientos Generales, y el Protocolo para la Atención de las mismas, que el CEPCI haya aprobado.",
     "01/01/2020", "31/12/2020", INFORME, CARGAS, False),
    ("3.1.2", "Elaborar o actualizar el Protocolo para la Atención de Denuncias acorde a la normatividad vigente, así como el procedimiento para presentar éstas ante el CEPCI.",
     "02/03/2020", "27/11/2020", "Documento incorporado en el SSECCOE.", CARGAS, False),
    ("3.2.1", "Iniciar la atención de las denuncias por presuntos actos de hostigamiento sexual o acoso sexual que sean presentadas al CEPCI, mediante el formato de primer contacto, e incorporar en el SSECCOE, en los plazos previstos, la información básica para generar el folio correspondiente.",
     "03/02/2020", "31/12/2020", INFORME, CARGAS, False),
    ("3.3.1", "Las personas asesoras ofrecen atención de primer contacto a las presuntas víctimas de actos de discriminación, y brindan orientación, asesoría y acompañamiento en el trámite de la denuncia.",
     "01/01/2020", "31/12/2020", INFORME, CARGAS, False),
    ("4.1.1", "Validar y, en su caso, actualizar el contenido del directorio de integrantes del CEPCI en el SSECCOE, en la segunda quincena de los meses de febrero, junio y octubre de 2020.",
     "17/02/2020", "31/12/2020", "Reporte de directorio del CEPCI del SSECCOE.", AGENDAS, False),
    ("4.1.2", "Registrar en el apartado de sesiones y actas la información correspondiente a cada sesión ordinaria o extraordinaria celebrada por el CEPCI, dentro de los primeros 10 días hábiles posteriores a su celebración.",
     "03/02/2020", "31/12/2020", "Reporte de sesiones y actas del SSECCOE.", AGENDAS, False),
    ("4.1.3", "Responder las consultas y cuestionarios electrónicos que, en su caso, la UEIPPCI remita a los integrantes del CEPCI, y realizar las acciones necesarias para invitar al personal de organismo a responder los cuestionarios electrónicos destinados a los mismos.",
     "03/02/2020", "31/12/2020", "Base de datos de respuestas a cuestionario electrónico.", TECNOLOGIA, False),
    ("4.1.4", "Incorporar al sistema informático de la UEIPPCI, las evidencias digitalizadas de los documentos sustantivos del CEPCI aprobados o ratificados en 2020, así como de la realización de las diversas actividades extraordinarias o de gestión de dicho comité, en los plazos establecidos en el Tablero de Control para la Evaluación Integral 2020.",
     "03/02/2020", "31/12/2020", "Reportes de documentos, y de sesiones y actas del SSECCOE.", TECNOLOGIA, False),
    ("4.2.1", "Realizar al menos una acción de seguimiento para corroborar el cumplimiento de las recomendaciones que, en su caso, el CEPCI emitió para cada una de las denuncias resueltas por el mismo entre el 01/07/2019 y el 30/06/2020",
     "03/02/2020", "31/12/2020", "Reporte de denuncias del SSECCOE.", AGENDAS, False),
    ("4.3.1", "Implementar una estrategia para impulsar que las personas servidoras públicas del organismo, rindan protesta de cumplir el Código de Conducta del organismo, en colaboración, en su caso, con otras instancias del organismo público.",
     "03/02/2020", "31/12/2020", "Lista de asistencia a eventos, talleres o capacitación. Memoria fotográfica.", AGENDAS, False),
    ("4.3.2", "Implementar una campaña de difusión que promueva el conocimiento y cumplimiento del Código de Conducta, y en consecuencia, la importancia de que las personas servidoras públicas del organismo suscriban la Carta Compromiso.",
     "03/02/2020", "31/12/2020", "Base de datos.", AGENDAS, False),
    ("5.1.1", "Identificar en la normatividad específica del organismo cuáles son los principales procesos sustantivos institucionales y seleccionar, de entre los mismos, los cinco que el CEPCI considere que pueden presentar mayores riesgos de integridad.",
     "06/04/2020", "28/08/2020", "Documento aprobado por el CEPCI.", CARGAS, False),
]

# EXAMPLE DATA. Clave, fecha, descripción, avance %, registró. The story: most targets are
# met; 3.1 (denuncias en plazo), 4.1 (4.1.3 never got evidence) and 5.1 (5.1.1 overdue at 60 %)
# are missed; 2.1.5 is still short of done at the year's end.
SECRETARIA, PRESIDENCIA, ASESORA = "Secretaría Técnica", "Presidencia del CEPCI", "Persona asesora"
EVIDENCIAS = [
    ("1.1.1", "15/04/2020", "Integrantes del CEPCI inscritos en el curso «Nueva Ética e Integridad en el Servicio Público».", 20, SECRETARIA),
    ("1.1.1", "30/06/2020", "Seis de nueve integrantes acreditaron el curso; constancias archivadas.", 60, SECRETARIA),
    ("1.1.1", "30/09/2020", "Los nueve integrantes acreditaron el curso; constancias archivadas.", 100, SECRETARIA),
    ("1.1.2", "28/02/2020", "Sensibilización presencial sobre igualdad de género; lista de asistencia.", 25, SECRETARIA),
    ("1.1.2", "30/06/2020", "Sesión virtual sobre prevención de la discriminación; lista de asistencia.", 50, SECRETARIA),
    ("1.1.2", "30/09/2020", "Curso virtual sobre Hostigamiento Sexual y Acoso Sexual; lista de asistencia.", 80, SECRETARIA),
    ("1.1.2", "04/12/2020", "Plática de cierre sobre conflictos de intereses; listas de asistencia y fotos.", 100, SECRETARIA),
    ("1.2.1", "20/03/2020", "Oficio a la UEIPPCI para solicitar capacitación sobre conflictos de intereses.", 30, PRESIDENCIA),
    ("1.2.1", "31/08/2020", "Correo de confirmación de la sesión de capacitación.", 70, SECRETARIA),
    ("1.2.1", "10/11/2020", "Capacitación impartida por la UEIPPCI; constancia de las gestiones.", 100, SECRETARIA),
    ("1.2.2", "30/04/2020", "Borrador del programa de capacitación 2020-2024.", 40, SECRETARIA),
    ("1.2.2", "31/07/2020", "Programa de capacitación revisado y aprobado por el CEPCI.", 70, PRESIDENCIA),
    ("1.2.2", "15/12/2020", "Oficio de envío del programa al área de capacitación.", 100, PRESIDENCIA),
    ("2.1.1", "28/02/2020", "Infografía «Nueva Ética Pública» enviada por correo institucional.", 30, SECRETARIA),
    ("2.1.1", "29/05/2020", "Cápsula audiovisual sobre principios y valores.", 60, SECRETARIA),
    ("2.1.1", "31/08/2020", "Carteles en áreas comunes; capturas de pantalla de la difusión.", 100, SECRETARIA),
    ("2.1.2", "31/03/2020", "Infografía sobre conflictos de intereses.", 40, SECRETARIA),
    ("2.1.2", "30/09/2020", "Video de sensibilización sobre conflictos de intereses.", 100, SECRETARIA),
    ("2.1.3", "30/04/2020", "Difusión de los materiales solicitados por la UEIPPCI en abril.", 30, SECRETARIA),
    ("2.1.3", "31/07/2020", "Difusión de los materiales solicitados por la UEIPPCI en julio.", 60, SECRETARIA),
    ("2.1.3", "30/10/2020", "Difusión de los materiales solicitados por la UEIPPCI en octubre.", 100, SECRETARIA),
    ("2.1.4", "16/03/2020", "Protocolo HSAS difundido por correo institucional.", 50, SECRETARIA),
    ("2.1.4", "25/11/2020", "Carteles del Protocolo HSAS en comedores y accesos.", 100, SECRETARIA),
    ("2.1.5", "30/06/2020", "Infografía sobre las faltas administrativas.", 40, SECRETARIA),
    ("2.1.5", "15/10/2020", "Infografía sobre las sanciones; falta la difusión en oficinas foráneas.", 70, SECRETARIA),
    ("2.1.6", "29/05/2020", "Difusión de la Plataforma de Ciudadanos Alertadores por correo.", 50, SECRETARIA),
    ("2.1.6", "30/11/2020", "Segunda campaña de difusión de la Plataforma en pantallas.", 100, SECRETARIA),
    ("3.1.1", "30/06/2020", "Tres denuncias atendidas conforme a los Lineamientos Generales.", 50, SECRETARIA),
    ("3.1.1", "18/12/2020", "Apartado de atención a denuncias del Informe Anual de Actividades.", 100, SECRETARIA),
    ("3.1.2", "30/06/2020", "Borrador de actualización del Protocolo para la Atención de Denuncias.", 50, SECRETARIA),
    ("3.1.2", "20/11/2020", "Protocolo actualizado incorporado en el SSECCOE.", 100, PRESIDENCIA),
    ("3.2.1", "15/07/2020", "Formato de primer contacto y folio en el SSECCOE de una denuncia.", 50, ASESORA),
    ("3.2.1", "18/12/2020", "Apartado de atención a denuncias del Informe Anual de Actividades.", 100, SECRETARIA),
    ("3.3.1", "31/03/2020", "Primer contacto y asesoría a una presunta víctima.", 40, ASESORA),
    ("3.3.1", "30/09/2020", "Acompañamiento en el trámite de una segunda denuncia.", 80, ASESORA),
    ("3.3.1", "18/12/2020", "Apartado de atención a denuncias del Informe Anual de Actividades.", 100, SECRETARIA),
    ("4.1.1", "28/02/2020", "Directorio validado en el SSECCOE (febrero).", 33, SECRETARIA),
    ("4.1.1", "30/06/2020", "Directorio actualizado en el SSECCOE (junio).", 66, SECRETARIA),
    ("4.1.1", "30/10/2020", "Directorio validado en el SSECCOE (octubre).", 100, SECRETARIA),
    ("4.1.2", "14/02/2020", "Acta de la primera sesión ordinaria registrada en el SSECCOE.", 25, SECRETARIA),
    ("4.1.2", "08/05/2020", "Acta de la segunda sesión ordinaria registrada en el SSECCOE.", 50, SECRETARIA),
    ("4.1.2", "14/08/2020", "Acta de la tercera sesión ordinaria registrada en el SSECCOE.", 75, SECRETARIA),
    ("4.1.2", "11/12/2020", "Acta de la cuarta sesión ordinaria registrada en el SSECCOE.", 100, SECRETARIA),
    ("4.1.4", "31/03/2020", "Evidencias del primer trimestre incorporadas al sistema de la UEIPPCI.", 25, SECRETARIA),
    ("4.1.4", "30/06/2020", "Evidencias del segundo trimestre incorporadas.", 50, SECRETARIA),
    ("4.1.4", "30/09/2020", "Evidencias del tercer trimestre incorporadas.", 75, SECRETARIA),
    ("4.1.4", "18/12/2020", "Evidencias del cuarto trimestre incorporadas.", 100, SECRETARIA),
    ("4.2.1", "30/09/2020", "Seguimiento a las recomendaciones emitidas; registrado en el SSECCOE.", 100, PRESIDENCIA),
    ("4.3.1", "15/05/2020", "Taller virtual de protesta del Código de Conducta; lista de asistencia.", 40, SECRETARIA),
    ("4.3.1", "30/09/2020", "Segundo taller; memoria fotográfica.", 80, SECRETARIA),
    ("4.3.1", "30/11/2020", "Evento de cierre con rendición de protesta.", 100, PRESIDENCIA),
    ("4.3.2", "31/03/2020", "Campaña de difusión del Código de Conducta por correo institucional.", 30, SECRETARIA),
    ("4.3.2", "31/07/2020", "Carteles sobre la Carta Compromiso.", 60, SECRETARIA),
    ("4.3.2", "30/10/2020", "Base de datos de cartas compromiso suscritas.", 100, SECRETARIA),
    ("5.1.1", "29/05/2020", "Revisión de la normatividad específica del organismo.", 30, PRESIDENCIA),
    ("5.1.1", "31/07/2020", "Tres procesos sustantivos seleccionados; faltan dos.", 60, PRESIDENCIA),
]

# EXAMPLE DATA. Clave indicador, fecha de corte, logrado, total (None for número), nota.
# 3.2 had no complaints in the first half (0 of 0: «Sin casos»); 4.2 («al menos un
# seguimiento») counts its concluded activity, so it has no measurement.
MEDICIONES = [
    ("1.1", "30/06/2020", 46, 200, "Personas con al menos una capacitación; plantilla de 200."),
    ("1.1", "30/09/2020", 58, 200, None),
    ("1.1", "31/12/2020", 71, 200, None),
    ("1.2", "30/06/2020", 2, 5, "Acciones de capacitación realizadas de 5 programadas."),
    ("1.2", "30/09/2020", 3, 5, None),
    ("1.2", "31/12/2020", 4, 5, None),
    ("3.1", "30/06/2020", 3, 3, "Denuncias atendidas en plazo de las recibidas."),
    ("3.1", "31/12/2020", 5, 7, "Dos denuncias del segundo semestre excedieron el plazo."),
    ("3.2", "30/06/2020", 0, 0, "Sin denuncias por hostigamiento sexual o acoso sexual en el "
     "primer semestre."),
    ("3.2", "31/12/2020", 1, 1, None),
    ("3.3", "30/06/2020", 1, 1, None),
    ("3.3", "31/12/2020", 2, 2, None),
    ("4.3", "30/06/2020", 64, 200, "Cartas compromiso suscritas; plantilla de 200."),
    ("4.3", "30/09/2020", 88, 200, None),
    ("4.3", "31/12/2020", 112, 200, None),
    ("5.1", "31/07/2020", 3, None, "Procesos con dos o más riesgos identificados."),
    ("5.1", "31/12/2020", 3, None, None),
]


# Milestones of 4.1.1: the directory is validated in the second half of February, June and
# October (from the activity's own text).
HITOS = [
    ("4.1.1", "Validar el directorio del CEPCI en el SSECCOE (segunda quincena de febrero).", "29/02/2020"),
    ("4.1.1", "Validar el directorio del CEPCI en el SSECCOE (segunda quincena de junio).", "30/06/2020"),
    ("4.1.1", "Validar el directorio del CEPCI en el SSECCOE (segunda quincena de octubre).", "31/10/2020"),
]
# EXAMPLE DATA. Non-working days the institution declared, beyond the federal holidays.
INHABILES = [
    ("09/04/2020", "Jueves Santo (declarado inhábil)"),
    ("10/04/2020", "Viernes Santo (declarado inhábil)"),
    ("02/11/2020", "Día de Muertos (declarado inhábil)"),
]
# EXAMPLE DATA. Sessions of the CEPCI, when their minutes were registered (4.1.2 asks for
# 10 working days) and the date the approved calendar planned: the third ordinary one's
# minutes were late, the extraordinary one's are missing, and the second ordinary one,
# planned for 27/03/2020, was held four weeks late (the health emergency).
SESIONES = [
    ("31/01/2020", "ordinaria", "14/02/2020", "31/01/2020"),
    ("24/04/2020", "ordinaria", "08/05/2020", "27/03/2020"),
    ("18/06/2020", "extraordinaria", None, None),
    ("24/07/2020", "ordinaria", "14/08/2020", "24/07/2020"),
    ("27/11/2020", "ordinaria", "11/12/2020", "27/11/2020"),
]


def _fecha(texto: str) -> date:
    dia, mes, anio = map(int, texto.split("/"))
    return date(anio, mes, dia)


def escribir(carpeta: Path, sobrescribir: bool) -> list[Path]:
    rutas = [ruta_pat(carpeta, ANIO), ruta_evidencias(carpeta, ANIO)]
    existentes = [r for r in rutas if r.exists()]
    if existentes and not sobrescribir:
        raise SystemExit(f"ya existe {existentes[0]}; use --sobrescribir")
    indicadores = [
        [seccion, SECCIONES[seccion], clave, nombre, objetivo, meta, valor, unidad, calculo]
        for seccion, clave, nombre, objetivo, meta, valor, unidad, calculo in INDICADORES
    ]
    actividades = [
        [clave, texto, _fecha(inicio), _fecha(fin), mecanismo, riesgo, None, "Sí" if ueippci else "No"]
        for clave, texto, inicio, fin, mecanismo, riesgo, ueippci in ACTIVIDADES
    ]
    evidencias = [
        [clave, _fecha(fecha), descripcion, avance, None, registro]
        for clave, fecha, descripcion, avance, registro in EVIDENCIAS
    ]
    mediciones = [
        [clave, _fecha(fecha), logrado, total, nota]
        for clave, fecha, logrado, total, nota in MEDICIONES
    ]
    carpeta.mkdir(parents=True, exist_ok=True)
    libro_pat(
        ANIO, TITULO_PAT, indicadores, actividades,
        hitos=[[clave, hito, _fecha(limite)] for clave, hito, limite in HITOS],
        inhabiles=[[_fecha(dia), motivo] for dia, motivo in INHABILES],
    ).save(rutas[0])
    libro_evidencias(
        ANIO, TITULO_EVIDENCIAS,
        claves_actividad=[a[0] for a in ACTIVIDADES], claves_indicador=[i[1] for i in INDICADORES],
        evidencias=evidencias, mediciones=mediciones,
        sesiones=[[_fecha(dia), tipo, _fecha(acta) if acta else None,
                   _fecha(programada) if programada else None]
                  for dia, tipo, acta, programada in SESIONES],
    ).save(rutas[1])
    return rutas


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--salida", type=Path, required=True)
    parser.add_argument("--sobrescribir", action="store_true")
    argumentos = parser.parse_args()
    for ruta in escribir(argumentos.salida, argumentos.sobrescribir):
        print(f"Se escribió {ruta}")
