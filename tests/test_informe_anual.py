"""The annual report's draft (``informe-anual``): opened with python-docx, its headings in
order, its tables' cells, the cut-off on the cover, the paper, and text XML cannot hold."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import app_test

from pat_core import cargar, evaluar
from pat_core.informe_anual import MIME_DOCX, docx_informe_anual
from pat_core.reglas import ARCHIVO_UMBRALES, Umbrales
from tests import ayudantes
from tests.conftest import DATOS
from tests.test_app import abrir
from tests.test_cli import ejecutar
from tests.test_descarga_excel import Almacen

ENCABEZADOS = [
    ("Heading 1", "Resumen"),
    ("Heading 1", "Resultados por sección"),
    ("Heading 2", "Sección I. Capacitación y sensibilización"),
    ("Heading 2", "Sección II. Difusión"),
    ("Heading 2", "Sección III. Atención a denuncias en materia de ética, integridad pública y "
                  "conflictos de interés"),
    ("Heading 2", "Sección IV. Operación del Comité de Ética y de Prevención de Conflictos de "
                  "Interés"),
    ("Heading 2", "Sección V. Mejora de procesos"),
    ("Heading 1", "Sesiones del comité y registro de actas"),
    ("Heading 2", "Sesiones programadas no celebradas en su fecha"),
    ("Heading 1", "Riesgos"),
    ("Heading 1", "Pendientes"),
    ("Heading 2", "Actividades no concluidas"),
    ("Heading 2", "Metas no cumplidas"),
    ("Heading 1", "Logros"),
    ("Heading 1", "Áreas de oportunidad"),
    ("Heading 1", "Conclusiones"),
]


@pytest.fixture(autouse=True)
def sin_pat_datos(monkeypatch):
    monkeypatch.delenv("PAT_DATOS", raising=False)


def informe_por_cli(capsysbinary, tmp_path: Path, *argumentos, datos: Path = DATOS) -> Document:
    salida = tmp_path / "informe_anual.docx"
    codigo, _, error = ejecutar(capsysbinary, "informe-anual", "--datos", datos, "--anio", "2020",
                                "--salida", salida, *argumentos)
    assert codigo == 0, error
    assert error == f"Se escribió {salida}.\n"
    return Document(str(salida))


@pytest.fixture(scope="module")
def al_cierre() -> Document:
    datos = cargar(DATOS, 2020)
    return Document(io.BytesIO(docx_informe_anual(datos, evaluar(datos, "2020-12-31"), Umbrales())))


def encabezados(documento: Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in documento.paragraphs
            if p.style.name.startswith("Heading") and p.style.name != "Heading 3"]


def tabla_bajo(documento: Document, titulo: str, despues: int = 0) -> list[list[str]]:
    """The cells of the ``despues``-th table (0: the first) after the heading ``titulo``."""
    visto, contadas = False, 0
    for bloque in documento.iter_inner_content():
        if not isinstance(bloque, Table):
            visto = visto or (bloque.style.name.startswith("Heading") and bloque.text == titulo)
        elif visto:
            if contadas == despues:
                return [[celda.text for celda in fila.cells] for fila in bloque.rows]
            contadas += 1
    raise AssertionError(f"no hay tabla bajo «{titulo}»")


def test_the_cli_draft_has_every_part_in_order(capsysbinary, tmp_path):
    documento = informe_por_cli(capsysbinary, tmp_path)
    assert encabezados(documento) == ENCABEZADOS
    parrafos = [p.text for p in documento.paragraphs]
    assert parrafos[:3] == ["CEPCI", "Informe Anual de Actividades 2020",
                            "Resultados del Programa Anual de Trabajo 2020 al 31/12/2020."]
    assert not any(p.startswith("Borrador preliminar") for p in parrafos)
    assert documento.paragraphs[1].style.name == "Title"


def test_the_targets_and_activities_of_section_i(al_cierre):
    metas = tabla_bajo(al_cierre, "Sección I. Capacitación y sensibilización")
    assert metas[0] == ["Clave", "Indicador", "Valor logrado", "Meta", "Cumplimiento %", "Estado"]
    assert [fila[:1] + fila[2:] for fila in metas[1:]] == [
        ["1.1", "35.5 %", "15 %", "236.7 %", "Cumplida"],
        ["1.2", "80 %", "75 %", "106.7 %", "Cumplida"],
    ]
    actividades = tabla_bajo(al_cierre, "Sección I. Capacitación y sensibilización", despues=1)
    assert actividades[0] == ["Clave", "Actividad", "Estado", "Evidencias", "Última evidencia"]
    assert [fila[0] for fila in actividades[1:]] == ["1.1.1", "1.1.2", "1.2.1", "1.2.2"]
    assert actividades[1][2:] == ["Concluida", "3", "30/09/2020"]


def test_sessions_minutes_risks_and_pending(al_cierre):
    sesiones = tabla_bajo(al_cierre, "Sesiones del comité y registro de actas")
    assert [fila[:2] + fila[-1:] for fila in sesiones[1:]] == [
        ["31/01/2020", "ordinaria", "A tiempo"], ["24/04/2020", "ordinaria", "A tiempo"],
        ["18/06/2020", "extraordinaria", "Sin registrar"], ["24/07/2020", "ordinaria", "Tarde"],
        ["27/11/2020", "ordinaria", "A tiempo"]]
    assert "Sesiones ordinarias: 4 de 4." in [p.text for p in al_cierre.paragraphs]
    assert tabla_bajo(al_cierre, "Sesiones programadas no celebradas en su fecha")[1] == [
        "27/03/2020", "ordinaria", "24/04/2020", "Celebrada después de lo programado"]
    riesgos = tabla_bajo(al_cierre, "Riesgos")
    assert riesgos[0] == ["Riesgo", "Actividades", "Concluidas", "En rojo", "Vencidas", "Claves"]
    assert len(riesgos) == 4 and sum(int(fila[1]) for fila in riesgos[1:]) == 22
    no_concluidas = tabla_bajo(al_cierre, "Actividades no concluidas")
    assert [(fila[0], fila[4]) for fila in no_concluidas[1:]] == [
        ("2.1.5", "En proceso"), ("4.1.3", "En proceso"), ("5.1.1", "Vencida")]
    assert [fila[0] for fila in tabla_bajo(al_cierre, "Metas no cumplidas")[1:]] == [
        "3.1", "4.1", "5.1"]


def test_prompts_in_italics_for_the_committee(al_cierre):
    parrafos = al_cierre.paragraphs
    for titulo in ("Logros", "Áreas de oportunidad", "Conclusiones"):
        indice = next(i for i, p in enumerate(parrafos) if p.text == titulo)
        indicacion = parrafos[indice + 1]
        assert indicacion.text and all(corrida.italic for corrida in indicacion.runs)


def test_tables_repeat_their_header_and_keep_rows_whole(al_cierre):
    for tabla in al_cierre.tables:
        assert tabla.style.name == "Light Grid Accent 1"
        filas = tabla._tbl.tr_lst
        assert filas[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(fila.trPr.find(qn("w:cantSplit")) is not None for fila in filas)
        assert all(fila.trPr.find(qn("w:tblHeader")) is None for fila in filas[1:])


def test_carta_by_default_and_a4_by_setting(al_cierre, capsysbinary, tmp_path):
    seccion = al_cierre.sections[0]
    assert (round(seccion.page_width.mm, 1), round(seccion.page_height.mm, 1)) == (215.9, 279.4)
    assert round(seccion.left_margin.mm) == 20
    datos = tmp_path / "datos"
    shutil.copytree(DATOS, datos)
    (datos / ARCHIVO_UMBRALES).write_text(
        '[informe]\npapel = "A4"\n[comite]\nnombre = "CEPCI API"\n', encoding="utf-8")
    documento = informe_por_cli(capsysbinary, tmp_path, datos=datos)
    seccion = documento.sections[0]
    assert (round(seccion.page_width.mm), round(seccion.page_height.mm)) == (210, 297)
    assert documento.paragraphs[0].text == "CEPCI API"
    assert seccion.header.paragraphs[0].text.startswith("CEPCI API · Informe Anual de Actividades")


def test_a_year_not_over_says_so_on_the_cover(capsysbinary, tmp_path):
    documento = informe_por_cli(capsysbinary, tmp_path, "--corte", "2020-06-30")
    parrafos = [p.text for p in documento.paragraphs]
    assert "Resultados del Programa Anual de Trabajo 2020 al 30/06/2020." in parrafos
    assert ("Borrador preliminar: el año 2020 no ha terminado. Las cifras son al corte del "
            "30/06/2020 y cambiarán hasta el 31/12/2020.") in parrafos
    # the sessions held by the cut-off only
    assert len(tabla_bajo(documento, "Sesiones del comité y registro de actas")) == 1 + 3


def test_never_written_into_the_data_folder(capsysbinary, tmp_path):
    datos = tmp_path / "datos"
    shutil.copytree(DATOS, datos)
    antes = sorted(datos.iterdir())
    codigo, _, error = ejecutar(capsysbinary, "informe-anual", "--datos", datos,
                                "--salida", datos / "informe_anual.docx")
    assert codigo == 2
    assert "queda dentro de la carpeta de datos" in error and "Elija un archivo fuera" in error
    assert sorted(datos.iterdir()) == antes


@pytest.mark.parametrize("salida,mensaje", [
    ("informe.doc", "el archivo de salida debe terminar en .docx; «informe.doc» no se escribe"),
    (None, "indique el archivo con --salida (por ejemplo, informe_anual.docx)."),
])
def test_only_a_docx_is_written(capsysbinary, tmp_path, salida, mensaje):
    destino = ["--salida", tmp_path / salida] if salida else []
    codigo, _, error = ejecutar(capsysbinary, "informe-anual", "--datos", DATOS, *destino)
    assert codigo == 2 and mensaje in error
    assert list(tmp_path.iterdir()) == []


def test_an_existing_draft_is_never_replaced(capsysbinary, tmp_path):
    """The secretary edits the draft: running the command again must not lose that work."""
    editado = tmp_path / "informe_anual.docx"
    editado.write_bytes(b"el borrador editado")
    codigo, _, error = ejecutar(capsysbinary, "informe-anual", "--datos", DATOS,
                                "--salida", editado)
    assert codigo == 2
    assert "ya existe; no se reemplaza, por si es un borrador que alguien ya editó" in error
    assert editado.read_bytes() == b"el borrador editado"


def test_text_xml_cannot_hold_is_removed(capsysbinary, tmp_path):
    """Control characters a workbook can hold (Excel writes them as _x0007_) and a committee
    name with one: the draft is written without them, never a crash."""
    actividades = [list(fila) for fila in ayudantes.ACTIVIDADES]
    actividades[0][1] = "Curso_x0007_ de ética_x001F_ <b>y</b> & fin"
    (tmp_path / "datos").mkdir()
    datos = ayudantes.carpeta(tmp_path / "datos", actividades=actividades)
    (datos / ARCHIVO_UMBRALES).write_text('[comite]\nnombre = "Comité\\u0001 Uno"\n',
                                          encoding="utf-8")
    documento = informe_por_cli(capsysbinary, tmp_path, datos=datos)
    assert documento.paragraphs[0].text == "Comité Uno"
    actividades_i = tabla_bajo(documento, "Sección I. Capacitación", despues=1)
    assert actividades_i[1][:2] == ["1.1.1", "Curso de ética <b>y</b> & fin"]


class Gestor(MediaFileManager):
    """Streamlit's media manager, kept so the test can press a deferred download button."""

    ultimo: "Gestor | None" = None

    def __init__(self, *argumentos):
        super().__init__(*argumentos)
        Gestor.ultimo = self


def al_pulsar(app, clave: str) -> tuple[bytes, str, str]:
    """The bytes, mime type and file name a deferred download button serves when pressed."""
    url = Gestor.ultimo.execute_deferred(app.download_button(key=clave).proto.deferred_file_id)
    archivo = Almacen.ultimo.get_file(url.rsplit("/", 1)[-1])
    return archivo.content, archivo.mimetype, archivo.filename


def test_the_sesion_page_offers_the_draft(monkeypatch):
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Almacen)
    monkeypatch.setattr(app_test, "MediaFileManager", Gestor)
    app = abrir("paginas/sesion.py")
    boton = app.download_button(key="informe_anual")
    assert boton.label == "Borrador del informe anual (Word)"
    contenido, mime, nombre = al_pulsar(app, "informe_anual")
    assert mime == MIME_DOCX == ("application/vnd.openxmlformats-officedocument."
                                 "wordprocessingml.document")
    assert nombre == "informe_anual_2020_corte_2020-12-31.docx"
    assert encabezados(Document(io.BytesIO(contenido))) == ENCABEZADOS


def test_a_target_without_cases_and_the_sessions_read_right_at_30_june():
    datos = cargar(DATOS, 2020)
    documento = Document(io.BytesIO(docx_informe_anual(datos, evaluar(datos, "2020-06-30"),
                                                       Umbrales())))
    metas = tabla_bajo(documento, "Sección III. Atención a denuncias en materia de ética, "
                                  "integridad pública y conflictos de interés")
    fila = next(f for f in metas if f[0] == "3.2")
    assert (fila[2], fila[5]) == ("sin casos", "Sin casos")  # never «sin medición» beside it
    parrafos = [p.text for p in documento.paragraphs]
    assert any(t.startswith("Sesiones celebradas hasta el 30/06/2020: 3 (2 ordinarias y "
                            "1 extraordinaria).") for t in parrafos)
    assert "Metas no cumplidas" in parrafos
    assert not any(f[0] == "3.2" for f in tabla_bajo(documento, "Metas no cumplidas"))
