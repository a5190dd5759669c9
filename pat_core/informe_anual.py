"""The draft of the committee's Informe Anual de Actividades (IAA), as an editable Word file.

By 31 January the committee approves its annual report, whose core is the PAT's
results. This draft gathers them from the evaluation at the cut-off (31/12 of the
year, or an earlier cut-off while the year is not over, said on the cover): per
section its targets and activities; the sessions held and their minutes' term;
the risks; what is still pending; and headings, each with a short prompt in
italics, for what only the committee can write (Logros, Áreas de oportunidad,
Conclusiones).

Real Word styles (Title, Heading 1/2/3, List Bullet, one table style whose header
row repeats on every page), so the secretary edits the draft rather than retypes
it. Every text from the workbooks goes in as text, without the characters XML
cannot hold.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from typing import Iterable

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from . import presentacion as p
from . import vocabulario as v
from .calculo import Evaluacion, cifras, ordinarias_celebradas
from .informe import PAPEL_MM
from .anio import DatosAnio
from .plazos import calendario_sesiones, revisar_actas
from .reglas import Umbrales
from .riesgos import tabla_riesgos

MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITULO = "Informe Anual de Actividades"
IDIOMA = "es-MX"
MARGEN_MM = 20
FUENTE = "Arial"
ESTILO_TABLA = "Light Grid Accent 1"
PUNTOS_TABLA = 9
ANCHOS_METAS = (14, 70, 22, 20, 28, 24)  # relative widths of a targets' table's columns

# What the committee writes itself, each under its heading, with a prompt to replace.
PARA_REDACTAR = (
    ("Logros", "Describa los principales logros del comité en el año: metas alcanzadas, "
               "acciones de difusión y capacitación, casos atendidos y mejoras en su "
               "funcionamiento."),
    ("Áreas de oportunidad", "Señale lo que no se logró o se logró a medias, sus causas y "
                             "lo que el comité se propone cambiar en el siguiente programa."),
    ("Conclusiones", "Redacte la valoración general del comité sobre el cumplimiento de su "
                     "Programa Anual de Trabajo."),
)

# Characters XML 1.0 cannot hold (C0 controls but tab, line feed and carriage return;
# surrogates; U+FFFE and U+FFFF): removed from every text written.
_NO_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def docx_informe_anual(datos: DatosAnio, evaluacion: Evaluacion, umbrales: Umbrales) -> bytes:
    """The draft as the bytes of a .docx file."""
    documento = Document()
    _preparar(documento, umbrales)
    comite = p.nombre_comite(datos.carpeta, umbrales)
    _encabezado_y_pie(documento, comite, datos.anio, evaluacion.corte)
    _portada(documento, datos, evaluacion, comite)
    _resultados_por_seccion(documento, evaluacion)
    _sesiones(documento, datos, evaluacion, umbrales)
    _riesgos(documento, evaluacion)
    _pendientes(documento, evaluacion)
    for titulo, indicacion in PARA_REDACTAR:
        documento.add_heading(titulo, level=1)
        documento.add_paragraph().add_run(indicacion).italic = True
    _propiedades(documento.core_properties, texto(f"{TITULO} {datos.anio}: {comite}"))
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()


def _propiedades(propiedades, titulo: str) -> None:
    """The file's properties as Word shows them: not python-docx's template's author,
    comments and dates."""
    ahora = datetime.now(timezone.utc)  # python-docx writes it as UTC
    propiedades.title, propiedades.language = titulo, IDIOMA
    propiedades.author = propiedades.last_modified_by = v.AUTOR
    propiedades.comments = propiedades.keywords = ""
    propiedades.created = propiedades.modified = ahora
    propiedades.revision = 1


def nombre_archivo(anio: int, corte: pd.Timestamp) -> str:
    return f"informe_anual_{anio}_corte_{corte:%Y-%m-%d}.docx"


def texto(valor) -> str:
    """Any value as text a .docx can hold: missing as empty, XML-forbidden characters removed."""
    if valor is None or (not isinstance(valor, str) and pd.isna(valor)):
        return ""
    return _NO_XML.sub("", str(valor))


def es_preliminar(datos: DatosAnio, evaluacion: Evaluacion) -> bool:
    return not datos.cerrado(evaluacion.corte)


# ---------------------------------------------------------------- page and styles

def _preparar(documento: Document, umbrales: Umbrales) -> None:
    """Paper from ``[informe] papel``, margins, and Spanish as the language of the text."""
    ancho, alto = PAPEL_MM[umbrales.papel]
    seccion = documento.sections[0]
    seccion.orientation = WD_ORIENT.PORTRAIT
    seccion.page_width, seccion.page_height = Mm(ancho), Mm(alto)
    for lado in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(seccion, lado, Mm(MARGEN_MM))
    predeterminado = documento.styles.element.find(qn("w:docDefaults"))
    propiedades = predeterminado.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    idioma = propiedades.find(qn("w:lang"))
    if idioma is None:
        idioma = OxmlElement("w:lang")
        propiedades.append(idioma)
    idioma.set(qn("w:val"), IDIOMA)
    _fuente(documento)


def _fuente(documento: Document) -> None:
    """Arial throughout, instead of the template's theme fonts (Calibri), which a machine
    without Office replaces by whatever it has."""
    for fuentes in documento.styles.element.iter(qn("w:rFonts")):
        for atributo in list(fuentes.attrib):
            if atributo.endswith("Theme"):
                del fuentes.attrib[atributo]
        for atributo in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fuentes.set(qn(atributo), FUENTE)


def _encabezado_y_pie(documento: Document, comite: str, anio: int, corte: pd.Timestamp) -> None:
    seccion = documento.sections[0]
    arriba = seccion.header.paragraphs[0]
    arriba.text = texto(f"{comite} · {TITULO} {anio} (borrador, cifras al {p.fecha(corte)})")
    abajo = seccion.footer.paragraphs[0]
    abajo.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    abajo.add_run("Página ")
    _campo(abajo, "PAGE")
    abajo.add_run(" de ")
    _campo(abajo, "NUMPAGES")


def _campo(parrafo, instruccion: str) -> None:
    """A Word field (page number, page count) that Word and LibreOffice fill in."""
    campo = OxmlElement("w:fldSimple")
    campo.set(qn("w:instr"), instruccion)
    corrida = OxmlElement("w:r")
    valor = OxmlElement("w:t")
    valor.text = "1"
    corrida.append(valor)
    campo.append(corrida)
    parrafo._p.append(campo)


# ---------------------------------------------------------------- parts

def _portada(documento: Document, datos: DatosAnio, evaluacion: Evaluacion, comite: str) -> None:
    documento.add_paragraph(texto(comite), style="Subtitle")
    documento.add_paragraph(f"{TITULO} {datos.anio}", style="Title")
    corte = evaluacion.corte
    documento.add_paragraph(f"Resultados del Programa Anual de Trabajo {datos.anio} al "
                            f"{p.fecha(corte)}.")
    if es_preliminar(datos, evaluacion):
        aviso = documento.add_paragraph().add_run(
            f"Borrador preliminar: el año {datos.anio} no ha terminado. Las cifras son al corte "
            f"del {p.fecha(corte)} y cambiarán hasta el {p.fecha(datos.fin_anio)}.")
        aviso.bold = True
    archivos = ", ".join(ruta.name for ruta in datos.archivos)
    nota = documento.add_paragraph().add_run(
        f"Borrador elaborado por el Tablero PAT el {datetime.now():%d/%m/%Y} con los libros "
        f"{texto(archivos)}. Revíselo y complételo antes de presentarlo al comité.")
    nota.italic = True
    documento.add_heading("Resumen", level=1)
    for nombre, cifra in cifras(evaluacion).items():
        documento.add_paragraph(f"{nombre}: {p.cifra(cifra)}", style="List Bullet")


def _resultados_por_seccion(documento: Document, evaluacion: Evaluacion) -> None:
    documento.add_heading("Resultados por sección", level=1)
    for _, seccion in evaluacion.secciones.iterrows():
        clave = seccion[v.SECCION]
        documento.add_heading(texto(f"Sección {clave}. {texto(seccion[v.NOMBRE_SECCION])}"),
                              level=2)
        metas = evaluacion.indicadores[evaluacion.indicadores[v.SECCION] == clave]
        documento.add_heading("Metas", level=3)
        _tabla(documento, _tabla_metas(metas), ANCHOS_METAS)
        actividades = evaluacion.actividades[evaluacion.actividades[v.SECCION] == clave]
        documento.add_heading("Actividades", level=3)
        _tabla(documento, _tabla_actividades(actividades), (14, 88, 22, 24, 26))


def _tabla_metas(indicadores: pd.DataFrame) -> pd.DataFrame:
    """The targets as the dashboard writes them (:func:`presentacion.tabla_indicadores`), in
    the draft's columns: its state in words, without the screen's symbol."""
    tabla = p.tabla_indicadores(indicadores)
    return pd.DataFrame({
        v.CLAVE: tabla[v.CLAVE],
        v.INDICADOR: tabla[v.INDICADOR],
        v.VALOR_LOGRADO: tabla[v.VALOR_LOGRADO],
        v.META: tabla[v.META],
        v.CUMPLIMIENTO: [f"{p.numero(x)} %" if pd.notna(x) else "" for x in tabla[v.CUMPLIMIENTO]],
        v.ESTADO: indicadores[v.ESTADO_META],
    })


def _tabla_actividades(actividades: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        v.CLAVE: actividades[v.CLAVE_ACTIVIDAD],
        v.ACTIVIDAD: actividades[v.ACTIVIDAD],
        v.ESTADO: actividades[v.ESTADO],
        v.EVIDENCIAS: actividades[v.EVIDENCIAS],
        v.ULTIMA_EVIDENCIA: actividades[v.ULTIMA_EVIDENCIA].map(p.fecha),
    })


def _sesiones(documento: Document, datos: DatosAnio, evaluacion: Evaluacion,
              umbrales: Umbrales) -> None:
    """The sessions held by the cut-off, each with its minutes' term."""
    documento.add_heading("Sesiones del comité y registro de actas", level=1)
    actas = revisar_actas(datos, evaluacion.corte, umbrales)
    ordinarias = ordinarias_celebradas(datos.sesiones, evaluacion.corte)
    extraordinarias = len(actas) - ordinarias
    a_tiempo = int((actas[v.SITUACION] == v.A_TIEMPO).sum())
    documento.add_paragraph(
        f"Sesiones celebradas hasta el {p.fecha(evaluacion.corte)}: {len(actas)} "
        f"({p.cuantas(ordinarias, 'ordinaria')} y {p.cuantas(extraordinarias, 'extraordinaria')}). "
        f"Actas registradas dentro de {umbrales.dias_habiles_acta} días hábiles: "
        f"{a_tiempo} de {len(actas)}.")
    tabla = pd.DataFrame({
        v.FECHA: actas[v.FECHA].map(p.fecha),
        v.TIPO: actas[v.TIPO],
        v.LIMITE_ACTA: actas[v.LIMITE_ACTA].map(p.fecha),
        v.FECHA_REGISTRO_ACTA: actas[v.FECHA_REGISTRO_ACTA].map(p.fecha),
        v.DIAS_USADOS: actas[v.DIAS_USADOS],
        v.SITUACION: actas[v.SITUACION],
    })
    _tabla(documento, tabla, (24, 28, 34, 34, 30, 26))
    ordinarias, no_celebradas = calendario_sesiones(datos, evaluacion.corte, umbrales)
    documento.add_paragraph(f"{ordinarias}.")
    if no_celebradas is not None and not no_celebradas.empty:
        documento.add_heading("Sesiones programadas no celebradas en su fecha", level=2)
        _tabla(documento, no_celebradas.assign(**{
            c: no_celebradas[c].map(p.fecha) for c in (v.FECHA_PROGRAMADA, v.FECHA)}),
            (40, 40, 40, 60))


def _riesgos(documento: Document, evaluacion: Evaluacion) -> None:
    """The risks named in the plan, with how many of their activities concluded or not."""
    documento.add_heading("Riesgos", level=1)
    _tabla(documento, tabla_riesgos(evaluacion), (54, 26, 26, 16, 22, 40))


def _pendientes(documento: Document, evaluacion: Evaluacion) -> None:
    """What the year leaves open: activities not concluded and targets not met."""
    documento.add_heading("Pendientes", level=1)
    actividades = evaluacion.actividades[evaluacion.actividades[v.ESTADO] != v.CONCLUIDA]
    documento.add_heading("Actividades no concluidas", level=2)
    _tabla(documento, pd.DataFrame({
        v.CLAVE: actividades[v.CLAVE_ACTIVIDAD],
        v.ACTIVIDAD: actividades[v.ACTIVIDAD],
        v.FECHA_FIN: actividades[v.FECHA_FIN].map(p.fecha),
        v.AVANCE: [f"{p.numero(x)} %" for x in actividades[v.AVANCE]],
        v.ESTADO: actividades[v.ESTADO],
        v.RESPONSABLE: actividades[v.RESPONSABLE],
    }), (14, 66, 24, 20, 22, 30))
    # a target without cases in the year was neither met nor missed
    metas = evaluacion.indicadores[~evaluacion.indicadores[v.ESTADO_META].isin([v.CUMPLIDA, v.SIN_CASOS])]
    documento.add_heading("Metas no cumplidas", level=2)
    _tabla(documento, _tabla_metas(metas), ANCHOS_METAS)


# ---------------------------------------------------------------- tables

def _tabla(documento: Document, marco: pd.DataFrame, anchos_mm: Iterable[float]) -> None:
    """A table in the report's style: its header row repeats on every page, no row is split
    across pages, the columns ``anchos_mm`` wide (scaled to the text's width)."""
    if marco.empty:
        documento.add_paragraph("Nada que informar.")
        return
    anchos = _anchos(documento, list(anchos_mm))
    tabla = documento.add_table(rows=1, cols=len(marco.columns))
    tabla.style = ESTILO_TABLA
    tabla.alignment = WD_TABLE_ALIGNMENT.CENTER
    tabla.autofit = False
    _sin_primera_columna_destacada(tabla)
    for columna, ancho in zip(tabla.columns, anchos):
        columna.width = ancho
    _llenar_fila(tabla.rows[0], [str(c) for c in marco.columns], anchos)
    _propiedad_de_fila(tabla.rows[0], "w:tblHeader")
    for fila in marco.itertuples(index=False):
        _llenar_fila(tabla.add_row(), [texto(valor) for valor in fila], anchos)
    documento.add_paragraph()


def _sin_primera_columna_destacada(tabla) -> None:
    """The style's banded rows and header row, but a first column like the others."""
    propiedades = tabla._tbl.tblPr
    vista = propiedades.find(qn("w:tblLook"))
    if vista is None:
        vista = OxmlElement("w:tblLook")
        propiedades.append(vista)
    for atributo, valor in (("w:firstRow", "1"), ("w:firstColumn", "0"), ("w:lastRow", "0"),
                            ("w:lastColumn", "0"), ("w:noHBand", "0"), ("w:noVBand", "1"),
                            ("w:val", "0420")):  # the same as a bit mask, read by older Word
        vista.set(qn(atributo), valor)


def _anchos(documento: Document, anchos_mm: list[float]) -> list[Mm]:
    seccion = documento.sections[0]
    disponible = seccion.page_width - seccion.left_margin - seccion.right_margin
    return [Mm(Length(disponible).mm * ancho / sum(anchos_mm)) for ancho in anchos_mm]


def _llenar_fila(fila, valores: list[str], anchos: list[Mm]) -> None:
    _propiedad_de_fila(fila, "w:cantSplit")
    for celda, valor, ancho in zip(fila.cells, valores, anchos):
        celda.width = ancho
        parrafo = celda.paragraphs[0]
        parrafo.paragraph_format.space_after = Pt(0)
        parrafo.add_run(valor).font.size = Pt(PUNTOS_TABLA)


def _propiedad_de_fila(fila, etiqueta: str) -> None:
    fila._tr.get_or_add_trPr().append(OxmlElement(etiqueta))
