"""The meeting pack: every part is there, text is escaped, the PDF prints."""

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pat_core import Umbrales, cargar, evaluar
from pat_core import informe
from pat_core.cli import main
from pat_core.informe import Sesion, html_informe

DATOS = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def sesion():
    datos = cargar(DATOS, 2020)
    return Sesion(datos, evaluar(datos, "2020-09-30"), evaluar(datos, "2020-07-24"), Umbrales())


@pytest.fixture(scope="module")
def contenido(sesion):
    return html_informe(sesion)


def test_it_has_every_part(contenido):
    for parte in ("informe para la sesión", "Corte al 30 de septiembre de 2020",
                  "cambios desde el 24/07/2020", "Actividades vencidas y en rojo",
                  "Cambios desde el 24/07/2020", "Próximos vencimientos (20 días hábiles)",
                  "Registro de actas (actividad 4.1.2)", "pat_2020.xlsx: modificado el",
                  "evidencias_2020.xlsx: modificado el"):
        assert parte in contenido, parte


def test_one_page_per_section(contenido):
    secciones = re.findall(r'<section class="pagina"><h2>Sección (\w+)\.', contenido)
    assert secciones == ["I", "II", "III", "IV", "V"]


def test_cards_with_changes(contenido):
    assert "Actividades concluidas<b>4 de 22</b><small>+4 desde el 24/07/2020</small>" in contenido


def test_it_is_self_contained(contenido):
    assert "<script src=" not in contenido  # plotly.js inline: opens with no network
    assert contenido.count("plotly-graph-div") >= 12  # summary charts and two per section


def test_workbook_text_is_escaped(tmp_path):
    import shutil

    shutil.copytree(DATOS, tmp_path / "datos")
    ruta = tmp_path / "datos" / "pat_2020.xlsx"
    libro = load_workbook(ruta)
    hoja = libro["Actividades"]
    hoja["B4"] = "<script>alert(1)</script> & <b>negrita</b>"
    libro.save(ruta)
    datos = cargar(tmp_path / "datos", 2020)
    texto = html_informe(Sesion(datos, evaluar(datos, "2020-12-31"), evaluar(datos, "2020-11-27"),
                                Umbrales()))
    assert "<script>alert(1)</script>" not in texto
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;negrita&lt;/b&gt;" in texto


def test_cli_writes_html(tmp_path, capsys):
    salida = tmp_path / "informe.html"
    assert main(["informe", "--datos", str(DATOS), "--corte", "2020-09-30", "--salida", str(salida)]) == 0
    assert salida.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"Se escribió {salida}" in capsys.readouterr().err


def test_cli_needs_an_output_file(capsys):
    assert main(["informe", "--datos", str(DATOS)]) == 2
    assert "--salida" in capsys.readouterr().err


def test_cli_pdf_without_chromium_says_what_to_do(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(informe, "CHROMIUM", tmp_path / "no-hay-chromium")
    assert main(["informe", "--datos", str(DATOS), "--salida", str(tmp_path / "x.pdf")]) == 2
    error = capsys.readouterr().err
    assert "apt-get install -y chromium" in error and ".html" in error
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.navegador
@pytest.mark.skipif(not informe.CHROMIUM.exists(), reason="sin Chromium no hay PDF")
def test_cli_writes_a_pdf(tmp_path):
    salida = tmp_path / "informe.pdf"
    assert main(["informe", "--datos", str(DATOS), "--corte", "2020-09-30", "--salida", str(salida)]) == 0
    contenido = salida.read_bytes()
    assert contenido.startswith(b"%PDF-")
    paginas = len(re.findall(rb"/Type\s*/Page[^s]", contenido))
    assert paginas >= 7  # summary, five sections, overdue and changes
