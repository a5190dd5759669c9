"""The shortcuts of the read path give what the long way gives: the quick look at a sheet's
XML never lets through what the walk would catch, and a column's cells are cleaned and its
rows kept as cell by cell."""

from __future__ import annotations

import re
import zipfile
from datetime import date

from pat_core import hojas_xml
from pat_core import vocabulario as v
from pat_core.contrato import HOJAS_EVIDENCIAS
from pat_core.lectura import _columna_limpia, _filas_con_algo, leer_crudo
from pat_core.reglas import Umbrales
from tests.ayudantes import ENCABEZADOS, EVIDENCIAS, escribir_libro


def _hoja(celdas: bytes) -> bytes:
    return (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>" + celdas + b"</sheetData></worksheet>")


def test_rows_ending_with_a_cell_are_counted_never_more():
    xml = _hoja(b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2"/><row r="3"></row>'
                b'<row r="4"><c r="A4" s="1"/></row><row r="5">\n<c r="A5"><v>1</v></c>\n</row>')
    assert hojas_xml._filas_con_celdas(xml, 0, len(xml)) == 2  # rows 1 and 4; row 5 spaced


def test_a_comment_or_processing_instruction_among_the_cells_cannot_feign_rows():
    """A comment full of row ends would lift the bound on how far below the data a cell may
    be; the sheet is walked instead."""
    umbrales = Umbrales(filas_vacias_maximas=10)
    lejos = b'<row r="50"><c r="A50"><v>1</v></c></row>'
    sencilla = _hoja(b'<row r="1"><c r="A1"><v>1</v></c></row>' + lejos)
    assert hojas_xml._inusual(sencilla, umbrales)
    for relleno in (b"<!--" + b"</c></row>" * 100 + b"-->",
                    b"<![CDATA[" + b"</c></row>" * 100 + b"]]>",
                    b"<?x " + b"</c></row>" * 100 + b"?>"):
        xml = _hoja(b'<row r="1"><c r="A1"><v>1</v></c></row>' + relleno + lejos)
        assert hojas_xml._inusual(xml, umbrales)
    assert not hojas_xml._inusual(_hoja(b'<row r="1"><c r="A1"><v>1</v></c></row>'), umbrales)


def test_a_sheet_written_with_spaces_between_tags_still_reports_a_cell_far_below(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        ENCABEZADOS[v.HOJA_EVIDENCIAS], EVIDENCIAS[0]]})
    with zipfile.ZipFile(ruta) as paquete:
        partes = {nombre: paquete.read(nombre) for nombre in paquete.namelist()}
    hoja = partes["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'<row r="2000"><c r="A2000" t="inlineStr"><is><t>x</t></is></c></row>'
                         b"</sheetData>")
    partes["xl/worksheets/sheet1.xml"] = re.sub(rb">(<(?:c|/row)\b)", b">\n\\1", hoja)
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as paquete:
        for parte, contenido in partes.items():
            paquete.writestr(parte, contenido)
    hojas, problemas = leer_crudo(ruta, HOJAS_EVIDENCIAS[:1])
    assert hojas[v.HOJA_EVIDENCIAS].filas == [2]
    [problema] = problemas
    assert problema.mensaje.startswith("La celda A2000 está lejos de los datos")


def test_a_column_is_cleaned_as_cell_by_cell():
    nan = float("nan")
    celdas = ["", "  ", None, nan, 0.0, -0.0, False, "x", " x ", "", date(2020, 1, 2), "\t"]
    assert _columna_limpia(celdas) == [None, None, None, None, 0.0, -0.0, False, "x", " x ",
                                       None, date(2020, 1, 2), None]
    assert _columna_limpia(("a", 1.0)) == ["a", 1.0]


def test_rows_with_only_zeros_are_kept_and_empty_ones_left_out():
    assert _filas_con_algo([["1.1.1", "1.1.2"], [None, None]], 2) is None  # every row
    assert _filas_con_algo([[0.0, None, None], [None, False, None]], 3) == [0, 1]
    assert _filas_con_algo([[None], [None]], 1) == []
    assert _filas_con_algo([[], []], 0) is None
