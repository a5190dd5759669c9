"""The meeting pack: every part in the order of the slides, the committee and the session
named, text escaped; the PDF on carta (or A4), every page numbered, no table cut short."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pat_core import Umbrales, cargar, cargar_umbrales, evaluar
from pat_core import diapositivas, informe
from pat_core.cli import main
from pat_core.informe import Sesion, html_informe, sesion_servida
from pat_core.presentacion import nombre_comite
from pat_core.reglas import ARCHIVO_UMBRALES

DATOS = Path(__file__).resolve().parent.parent / "data"
PARTES = ["El programa al corte", "Metas del programa", "Avance por sección",
          "Sección I.", "Sección II.", "Sección III.", "Sección IV.", "Sección V.",
          "Actividades vencidas y en rojo", "Cambios desde el 24/07/2020", "Riesgos del programa",
          "Próximos vencimientos (20 días hábiles)", "Registro de actas (actividad 4.1.2, plazo de 10 días hábiles)",
          "Firmas de los asistentes"]
NOMBRE_RARO = 'Comité <b>Uno</b> & "Dos" </style>'


def una_sesion(carpeta: Path, corte: str = "2020-09-30", desde: str = "2020-07-24") -> Sesion:
    umbrales, _ = cargar_umbrales(carpeta)
    datos = cargar(carpeta, 2020, umbrales)
    return Sesion(datos, evaluar(datos, corte, umbrales), evaluar(datos, desde, umbrales), umbrales)


def con_ajustes(tmp_path: Path, texto: str, carpeta: str = "datos") -> Path:
    """A copy of the shipped workbooks in ``carpeta`` with this tablero.toml."""
    destino = tmp_path / carpeta
    shutil.copytree(DATOS, destino)
    (destino / ARCHIVO_UMBRALES).write_text(texto, encoding="utf-8")
    return destino


@pytest.fixture(scope="module")
def sesion():
    return una_sesion(DATOS)


@pytest.fixture(scope="module")
def contenido(sesion):
    return html_informe(sesion)


def test_every_part_in_the_order_of_the_slides(contenido):
    posiciones = [contenido.find(f">{parte}") for parte in PARTES]
    assert -1 not in posiciones, [p for p, i in zip(PARTES, posiciones) if i == -1]
    assert posiciones == sorted(posiciones)


def test_the_pack_follows_the_one_list_of_slides(sesion, monkeypatch):
    """A kind of slide moved in diapositivas.ORDEN moves in the pack too (and on its cover)."""
    monkeypatch.setattr(diapositivas, "ORDEN", (diapositivas.CAMBIOS, diapositivas.PROGRAMA,
                                                diapositivas.SECCIONES, diapositivas.PLAZOS))
    contenido = html_informe(sesion)
    assert (contenido.find(">Cambios desde el") < contenido.find(">El programa al corte")
            < contenido.find(">Sección I.") < contenido.find(">Próximos vencimientos"))
    assert ("Contenido, en el orden de la presentación: actividades vencidas y en rojo y cambios "
            "desde la sesión anterior; el programa al corte;") in contenido


def test_the_cover_names_committee_session_cut_off_and_workbooks(contenido):
    for parte in ('<p class="comite">CEPCI</p>', "Programa Anual de Trabajo 2020",
                  "Informe para la sesión ordinaria del 27 de noviembre de 2020",
                  "Cifras al corte del 30 de septiembre de 2020; cambios desde el 24/07/2020",
                  "pat_2020.xlsx, modificado el", "evidencias_2020.xlsx, modificado el"):
        assert parte in contenido, parte


def test_one_page_per_section(contenido):
    secciones = re.findall(r'<section class="pagina seccion"><h2>Sección (\w+)\.', contenido)
    assert secciones == ["I", "II", "III", "IV", "V"]


def test_cards_with_changes(contenido):
    assert "Actividades concluidas<b>4 de 22</b><small>+4 desde el 24/07/2020</small>" in contenido


def test_it_is_self_contained(contenido):
    assert "<script src=" not in contenido  # plotly.js inline: opens with no network
    assert contenido.count("plotly-graph-div") >= 12  # summary charts and two per section


def test_a_last_page_for_signatures(contenido):
    firmas = contenido[contenido.index(">Firmas de los asistentes"):]
    assert "Sesión ordinaria del 27 de noviembre de 2020" in firmas
    assert "<th>Nombre</th><th>Cargo</th><th>Firma</th>" in firmas
    assert firmas.count("<td></td><td></td><td></td></tr>") == informe.FILAS_FIRMAS


def test_carta_by_default_a4_as_a_setting(tmp_path, contenido):
    assert "size: 215.9mm 279.4mm" in contenido
    a4 = html_informe(una_sesion(con_ajustes(tmp_path, '[informe]\npapel = "A4"\n')))
    assert "size: 210mm 297mm" in a4


def margen(contenido: str, caja: str) -> str:
    """What a margin box of the @page rule says, its CSS escapes read back."""
    cadena = re.search(rf"@{caja} \{{ content: \"([^\"]*)\"; \}}", contenido).group(1)
    return re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), cadena)


@pytest.mark.parametrize(("corte", "portada", "pie"), [
    ("2020-07-24", "Informe para la sesión ordinaria del 24 de julio de 2020",  # on the cut-off
     "Sesión ordinaria del 24/07/2020"),
    ("2020-06-01", "Informe para la sesión extraordinaria del 18 de junio de 2020",  # the next
     "Sesión extraordinaria del 18/06/2020"),
    ("2020-12-15", "Informe al corte del 15/12/2020", "Corte al 15/12/2020"),  # none after it
])
def test_the_session_served(corte, portada, pie):
    contenido = html_informe(una_sesion(DATOS, corte, "2020-01-31"))
    assert portada in contenido
    assert margen(contenido, "bottom-left") == pie


def test_every_printed_page_says_committee_programme_and_page(contenido):
    assert margen(contenido, "top-left") == "CEPCI"
    assert margen(contenido, "top-right") == "PAT 2020 · corte al 30/09/2020"
    assert 'content: "Página " counter(page) " de " counter(pages)' in contenido


def test_the_next_session_is_the_first_on_or_after_the_cut_off(sesion):
    servida = sesion_servida(sesion.datos, sesion.evaluacion.corte)
    assert (f"{servida['Fecha']:%d/%m/%Y}", servida["Tipo"]) == ("27/11/2020", "ordinaria")
    assert sesion_servida(sesion.datos, evaluar(sesion.datos, "2020-11-28").corte) is None


def test_committee_name_from_its_setting_or_folder(tmp_path):
    assert nombre_comite(DATOS, Umbrales()) == "CEPCI"  # «data» says nothing
    carpeta = tmp_path / "API_Veracruz"
    shutil.copytree(DATOS, carpeta)
    assert nombre_comite(carpeta, Umbrales()) == "API Veracruz"
    assert nombre_comite("API_Veracruz") == "API Veracruz"  # the roll-up: no settings loaded
    con_nombre = Umbrales(nombre_comite="CEPCI de API Veracruz")
    assert nombre_comite(carpeta, con_nombre) == "CEPCI de API Veracruz"
    assert "API Veracruz" in html_informe(una_sesion(carpeta))


def test_a_folder_name_that_is_not_utf8_names_the_committee_with_a_replacement(tmp_path):
    """`informe --datos Comit\xe9_X` exited 3 (UnicodeEncodeError): the name went raw into
    the HTML."""
    carpeta = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"Comit\xe9_X")))
    shutil.copytree(DATOS, carpeta)
    assert nombre_comite(carpeta) == "Comit\ufffd X"
    salida = tmp_path / "informe.html"
    assert main(["informe", "--datos", str(carpeta), "--anio", "2020", "--corte", "2020-09-30",
                 "--salida", str(salida)]) == 0
    contenido = salida.read_text(encoding="utf-8")
    assert '<p class="comite">Comit\ufffd X</p>' in contenido


def test_committee_name_is_escaped_everywhere(tmp_path):
    contenido = html_informe(una_sesion(con_ajustes(tmp_path, f"[comite]\nnombre = '{NOMBRE_RARO}'\n")))
    assert contenido.count("</style>") == 1 and "<b>Uno" not in contenido
    assert "Comité &lt;b&gt;Uno&lt;/b&gt; &amp; &quot;Dos&quot; &lt;/style&gt;" in contenido
    assert margen(contenido, "top-left") == NOMBRE_RARO  # a CSS string, escaped: it cannot end early


def test_workbook_text_is_escaped(copia_datos):
    ruta = copia_datos / "pat_2020.xlsx"
    libro = load_workbook(ruta)
    hoja = libro["Actividades"]
    hoja["B4"] = "<script>alert(1)</script> & <b>negrita</b>"
    libro.save(ruta)
    texto = html_informe(una_sesion(copia_datos, "2020-12-31", "2020-11-27"))
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


# The printed pack, read back with poppler's pdfinfo and pdftotext.
def imprime(prueba):
    for marca in (pytest.mark.navegador,
                  pytest.mark.skipif(not informe.CHROMIUM.exists(), reason="sin Chromium no hay PDF"),
                  pytest.mark.skipif(not shutil.which("pdftotext"), reason="sin poppler-utils")):
        prueba = marca(prueba)
    return prueba


def paginas_pdf(ruta: Path) -> list[str]:
    texto = subprocess.run(["pdftotext", "-layout", str(ruta), "-"], capture_output=True,
                           text=True, check=True).stdout
    return texto.split("\f")[:-1]  # every page ends with a form feed


def tamano_pdf(ruta: Path) -> str:
    info = subprocess.run(["pdfinfo", str(ruta)], capture_output=True, text=True, check=True).stdout
    return re.search(r"Page size:\s*(.*)", info).group(1)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    salida = tmp_path_factory.mktemp("pdf") / "informe.pdf"
    assert main(["informe", "--datos", str(DATOS), "--anio", "2020", "--corte", "2020-09-30",
                 "--salida", str(salida)]) == 0
    return salida


@pytest.fixture(scope="module")
def paginas(pdf):
    return paginas_pdf(pdf)


@imprime
def test_pdf_on_carta_every_page_numbered_and_named(pdf, paginas):
    assert tamano_pdf(pdf) == "612 x 792 pts (letter)"
    total = len(paginas)
    assert total >= 8  # the programme, five sections, changes and deadlines, signatures
    for numero, texto in enumerate(paginas, start=1):
        assert re.search(rf"Página {numero} de {total}\b", texto), numero
        assert texto.lstrip().startswith("CEPCI"), numero
        assert "Sesión ordinaria del 27/11/2020" in texto, numero


@imprime
def test_pdf_every_part_present_and_signatures_last(paginas):
    todo = "".join(paginas)
    for parte in PARTES:
        assert parte in todo, parte
    assert "Firmas de los asistentes" in paginas[-1] and "Firma" in paginas[-1]


@imprime
def test_pdf_a_section_and_its_short_tables_share_a_page(sesion, paginas):
    """No orphan rows: a section's activities (≤ 12) are on the page of its heading, and
    so is the whole register of minutes."""
    actividades = sesion.evaluacion.actividades
    for seccion in ("I", "II", "III", "IV", "V"):
        pagina = next(t for t in paginas if f"Sección {seccion}." in t)
        for clave in actividades.loc[actividades["Sección"] == seccion, "Clave actividad"]:
            assert clave in pagina, (seccion, clave)
    actas = next(t for t in paginas if "Registro de actas" in t)
    for fecha in ("31/01/2020", "24/04/2020", "18/06/2020", "24/07/2020"):
        assert fecha in actas.split("Registro de actas")[1], fecha


@imprime
def test_pdf_a4_as_a_setting_and_the_name_as_written(tmp_path):
    carpeta = con_ajustes(tmp_path, f'[comite]\nnombre = \'{NOMBRE_RARO}\'\n[informe]\npapel = "a4"\n')
    salida = tmp_path / "informe.pdf"
    salida.write_bytes(informe.archivo_informe(una_sesion(carpeta), salida))
    assert tamano_pdf(salida).endswith("(A4)")
    paginas = paginas_pdf(salida)
    assert all(NOMBRE_RARO in texto for texto in paginas)
    assert all(re.search(rf"Página {n} de {len(paginas)}\b", t) for n, t in enumerate(paginas, 1))
