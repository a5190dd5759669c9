"""Issue 11, inside one workbook: what is not a workbook, cells far outside the data, cells
that hold no value, sheets that fold to the same name, two-row headers, invisible
characters in keys and magnitudes no committee types. Each file is built in the test."""

from __future__ import annotations

import errno
import io
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest
import python_calamine
from openpyxl import Workbook

from pat_core import Umbrales, cargar, evaluar
from pat_core import lectura
from pat_core import vocabulario as v
from pat_core.cli import main
from pat_core.lectura import leer_crudo
from pat_core.contrato import HOJAS_EVIDENCIAS, HOJAS_PAT
from pat_core.problemas import AVISO, ERROR
from pat_core.reglas import cargar_umbrales
from tests.ayudantes import ACTIVIDADES, ENCABEZADOS, EVIDENCIAS, carpeta, escribir_libro

RAIZ = Path(__file__).resolve().parent.parent


def _ilegible(datos, nombre: str) -> str:
    [problema] = [p for p in datos.ilegibles if p.libro == nombre]
    assert problema.severidad == ERROR
    return problema.mensaje


def _cargar_sin_colgarse(datos: Path, umbrales: Umbrales = Umbrales()):
    """cargar() in a thread: a read that would wait forever fails the test instead."""
    resultado = []
    hilo = threading.Thread(target=lambda: resultado.append(cargar(datos, 2020, umbrales)),
                            daemon=True)
    hilo.start()
    hilo.join(timeout=20)
    assert resultado, "la lectura se quedó esperando"
    return resultado[0]


# ---------------------------------------------------------------- what is not a workbook


def test_a_named_pipe_is_refused_without_waiting(tmp_path):
    datos = carpeta(tmp_path)
    (datos / "evidencias_2020.xlsx").unlink()
    os.mkfifo(datos / "evidencias_2020.xlsx")
    mensaje = _ilegible(_cargar_sin_colgarse(datos), "evidencias_2020.xlsx")
    assert "tubería con nombre" in mensaje and "no se lee" in mensaje


def test_a_system_error_on_open_is_said_in_spanish(tmp_path, monkeypatch):
    """The fallback showed the system's English text («Input/output error»)."""
    def falla(ruta, limite):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(lectura, "_bytes_del_archivo", falla)
    mensaje = _ilegible(cargar(carpeta(tmp_path), 2020), "pat_2020.xlsx")
    assert mensaje == ("No se pudo abrir el archivo: el disco no respondió (error de "
                       "entrada/salida); no se lee. Revise que sea un libro de Excel accesible "
                       "y vuelva a cargar.")


def test_dev_zero_behind_a_link_is_refused_before_reading(tmp_path):
    datos = carpeta(tmp_path)
    (datos / "evidencias_2020.xlsx").unlink()
    (datos / "evidencias_2020.xlsx").symlink_to("/dev/zero")
    assert "un dispositivo" in _ilegible(_cargar_sin_colgarse(datos), "evidencias_2020.xlsx")


def test_a_socket_is_refused(tmp_path):
    datos = carpeta(tmp_path)
    (datos / "evidencias_2020.xlsx").unlink()
    with socket.socket(socket.AF_UNIX) as enchufe:
        enchufe.bind(str(datos / "evidencias_2020.xlsx"))
        mensaje = _ilegible(_cargar_sin_colgarse(datos), "evidencias_2020.xlsx")
    assert "socket" in mensaje


def test_a_link_loop_is_said(tmp_path):
    datos = carpeta(tmp_path)
    (datos / "pat_2020.xlsx").unlink()
    (datos / "pat_2020.xlsx").symlink_to(datos / "pat_2020.xlsx")
    assert "ciclo" in _ilegible(_cargar_sin_colgarse(datos), "pat_2020.xlsx")


def test_the_size_limit_applies_to_the_bytes_read_not_to_the_size_said(tmp_path):
    """A file in /proc says it is 0 bytes long and is not: what is read counts."""
    datos = carpeta(tmp_path)
    (datos / "evidencias_2020.xlsx").unlink()
    (datos / "evidencias_2020.xlsx").symlink_to("/proc/self/status")
    assert os.stat(datos / "evidencias_2020.xlsx").st_size == 0
    mensaje = _ilegible(_cargar_sin_colgarse(datos, Umbrales(tamano_maximo_mb=0.00001)),
                        "evidencias_2020.xlsx")
    assert "más que el límite de 1e-05 MB" in mensaje


# ---------------------------------------------------------------- cells far outside the data


def _con_celda(ruta: Path, hoja: int, xml_celda: str) -> None:
    """Put one more cell in a sheet of a saved workbook, editing its XML as an attacker
    would: the declared <dimension> is left as it was."""
    with zipfile.ZipFile(ruta) as paquete:
        partes = {nombre: paquete.read(nombre) for nombre in paquete.namelist()}
    nombre = f"xl/worksheets/sheet{hoja}.xml"
    fila = re.search(r'r="[A-Z]+(\d+)"', xml_celda).group(1)
    partes[nombre] = partes[nombre].replace(
        b"</sheetData>", f'<row r="{fila}">{xml_celda}</row></sheetData>'.encode())
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as paquete:
        for parte, contenido in partes.items():
            paquete.writestr(parte, contenido)


def test_one_character_in_xfd1048576_is_reported_and_left_out(tmp_path):
    """Before, calamine asked for the whole rectangle (512 GB) and the process aborted: run
    the CLI in its own process."""
    (tmp_path / "datos").mkdir()
    datos = carpeta(tmp_path / "datos")
    _con_celda(datos / "evidencias_2020.xlsx", 1,
               '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>')
    assert (datos / "evidencias_2020.xlsx").stat().st_size < 10_000
    hecho = subprocess.run([sys.executable, "-m", "pat_core", "validar", "--datos", str(datos),
                            "--anio", "2020"], capture_output=True, text=True, cwd=RAIZ,
                           timeout=120)
    assert hecho.returncode == 1, hecho.stderr
    assert "XFD1048576" in hecho.stdout and "se ignora" in hecho.stdout
    assert "Traceback" not in hecho.stderr


def test_a_far_cell_does_not_change_the_figures(tmp_path):
    (tmp_path / "limpia").mkdir()
    (tmp_path / "sucia").mkdir()
    limpia = carpeta(tmp_path / "limpia")
    sucia = carpeta(tmp_path / "sucia")
    _con_celda(sucia / "evidencias_2020.xlsx", 1, '<c r="F1048576"><v>7</v></c>')
    antes, despues = cargar(limpia, 2020), cargar(sucia, 2020)
    [problema] = despues.problemas
    assert problema.hoja == v.HOJA_EVIDENCIAS and problema.severidad == ERROR
    assert "La celda F1048576 está fuera del área" in problema.mensaje
    assert "hasta la fila 250000 y la columna AD" in problema.mensaje
    assert despues.evidencias.equals(antes.evidencias)


def test_the_limits_come_from_tablero_toml(tmp_path):
    datos = carpeta(tmp_path)
    (datos / "tablero.toml").write_text("[lectura]\nfilas_maximas = 2\ncolumnas_maximas = 3\n")
    codigo = main(["validar", "--datos", str(datos), "--anio", "2020"])
    assert codigo == 1
    datos_leidos = cargar(datos, 2020, Umbrales(filas_maximas=2, columnas_maximas=3))
    mensajes = [p.mensaje for p in datos_leidos.problemas if "fuera del área" in p.mensaje]
    assert any("Las celdas D1, E1, F1 y otras" in m for m in mensajes)


def test_a_cell_far_below_the_data_is_reported_and_left_out(tmp_path):
    """One character at AD250000 of each sheet, within the limits: before, calamine built
    250000 rows of 30 columns for it (530 MB and 4 s for three sheets) and said nothing."""
    (tmp_path / "limpia").mkdir()
    (tmp_path / "sucia").mkdir()
    limpia = carpeta(tmp_path / "limpia")
    sucia = carpeta(tmp_path / "sucia")
    for hoja in (1, 2):
        _con_celda(sucia / "evidencias_2020.xlsx", hoja,
                   '<c r="AD250000" t="inlineStr"><is><t>x</t></is></c>')
    antes, despues = cargar(limpia, 2020), cargar(sucia, 2020)
    assert {p.hoja for p in despues.problemas} == {v.HOJA_EVIDENCIAS, v.HOJA_MEDICIONES}
    for problema in despues.problemas:
        assert problema.severidad == ERROR
        assert problema.mensaje.startswith(
            "La celda AD250000 está lejos de los datos, debajo de demasiadas filas vacías (más "
            "de 1000 y más que las filas con datos); se ignora. Si es un dato, quite las filas "
            "vacías")
    assert despues.evidencias.equals(antes.evidencias)
    assert despues.mediciones.equals(antes.mediciones)
    revision = _revision(sucia / "evidencias_2020.xlsx")
    with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(revision.contenido)) as libro:
        for nombre in libro.sheet_names:
            assert len(libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False)) < 100


def _revision(ruta: Path, umbrales: Umbrales = Umbrales()):
    from pat_core import hojas_xml
    from pat_core.lectura import _revisar_formato

    contenido = ruta.read_bytes()
    paquete = _revisar_formato(ruta, contenido, umbrales)
    return hojas_xml.revisar(paquete, contenido, ruta.name, umbrales, lambda nombre: True)


def test_rows_after_empty_rows_are_read_while_they_are_data(tmp_path):
    """With filas_vacias_maximas = 10: 20 empty rows and then 30 rows of data are read; 20
    more empty rows and then 5 rows are not (there the empty rows outnumber the full ones)."""
    datos = carpeta(tmp_path)
    (datos / "tablero.toml").write_text("[lectura]\nfilas_vacias_maximas = 10\n")
    umbrales, avisos = cargar_umbrales(datos)
    assert avisos == [] and umbrales.filas_vacias_maximas == 10
    fila = EVIDENCIAS[0]
    filas = [ENCABEZADOS[v.HOJA_EVIDENCIAS], fila, *[[None]] * 20, *[fila] * 30, *[[None]] * 30,
             *[fila] * 5]
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: filas})
    hojas, problemas = leer_crudo(ruta, HOJAS_EVIDENCIAS[:1], umbrales)
    assert hojas[v.HOJA_EVIDENCIAS].filas == [2, *range(23, 53)]
    [problema] = problemas
    assert problema.mensaje.startswith(
        "Las celdas A83, B83, C83 y otras 22 están lejos de los datos, debajo de demasiadas "
        "filas vacías (más de 10 y más que las filas con datos); se ignoran.")
    assert "suba «filas_vacias_maximas» en tablero.toml" in problema.mensaje
    hojas, problemas = leer_crudo(ruta, HOJAS_EVIDENCIAS[:1])
    assert problemas == [] and len(hojas[v.HOJA_EVIDENCIAS].filas) == 36


def test_a_register_of_200000_rows_is_read_whole(tmp_path):
    datos = carpeta(tmp_path)
    ruta = datos / "evidencias_2020.xlsx"
    partes = _partes(ruta)
    filas = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>1.1.1</t></is></c>'
                     b'<c r="B%d"><v>43936</v></c><c r="D%d"><v>%d</v></c></row>'
                     % (i, i, i, i, i % 100) for i in range(2, 200_002))
    hoja = partes["xl/worksheets/sheet1.xml"]
    partes["xl/worksheets/sheet1.xml"] = re.sub(rb'<row r="[2-9]".*?</row>', b"", hoja).replace(
        b"</sheetData>", filas + b"</sheetData>")
    _escribir(ruta, partes)
    hojas, problemas = leer_crudo(ruta, HOJAS_EVIDENCIAS[:1])
    assert problemas == []
    assert hojas[v.HOJA_EVIDENCIAS].filas == list(range(2, 200_002))


def test_cells_without_address_are_placed_after_the_previous_one(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [ENCABEZADOS[v.HOJA_EVIDENCIAS]]})
    _con_celda(ruta, 1, '<c r="A2" t="inlineStr"><is><t>1.1.1</t></is></c><c><v>43936</v></c>'
                        '<c t="inlineStr"><is><t>sin dirección</t></is></c>')
    hojas, problemas = leer_crudo(ruta, HOJAS_EVIDENCIAS[:1])
    assert problemas == []
    assert hojas[v.HOJA_EVIDENCIAS].columnas[v.DESCRIPCION] == ["sin dirección"]


def _partes(ruta: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(ruta) as paquete:
        return {nombre: paquete.read(nombre) for nombre in paquete.namelist()}


def _escribir(ruta: Path, partes: dict[str, bytes]) -> None:
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as paquete:
        for parte, contenido in partes.items():
            paquete.writestr(parte, contenido)


def _validar(datos: Path) -> subprocess.CompletedProcess:
    """The CLI in its own process: a read that aborts the process fails the test, not pytest."""
    return subprocess.run([sys.executable, "-m", "pat_core", "validar", "--datos", str(datos),
                           "--anio", "2020"], capture_output=True, text=True, cwd=RAIZ, timeout=120)


# Where the relationship of the evidence sheet may point, and the part found there.
_DESTINOS = {
    "worksheets/sheet1.xml": "xl/worksheets/sheet1.xml",
    "/xl/worksheets/sheet1.xml": "xl/worksheets/sheet1.xml",
    "WORKSHEETS/sheet1.xml": "xl/worksheets/sheet1.xml",
    "/XL/worksheets/sheet1.xml": "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet1.xml": "xl/worksheets/sheet1.xml",
    "./worksheets/../worksheets/sheet1.xml": "xl/worksheets/sheet1.xml",
    "../worksheets/sheet1.xml": None,
    "worksheets/no_existe.xml": None,
}


@pytest.mark.parametrize("destino", list(_DESTINOS))
def test_the_far_cell_check_reads_the_sheet_calamine_reads(tmp_path, destino):
    """However the relationship names the sheet, the part looked at is the part calamine
    reads, or the workbook is refused as damaged: never read unchecked (before, a target
    spelled otherwise skipped the check and calamine asked for 512 GB)."""
    datos = carpeta(tmp_path)
    ruta = datos / "evidencias_2020.xlsx"
    partes = _partes(ruta)
    relaciones = partes["xl/_rels/workbook.xml.rels"].decode()
    assert relaciones.count('Target="/xl/worksheets/sheet1.xml"') == 1
    partes["xl/_rels/workbook.xml.rels"] = relaciones.replace(
        'Target="/xl/worksheets/sheet1.xml"', f'Target="{destino}"').encode()
    lejana = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    partes["xl/worksheets/sheet1.xml"] = partes["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", lejana + b"</sheetData>")
    partes["xl/xl/worksheets/sheet1.xml"] = partes["xl/worksheets/sheet2.xml"]  # a decoy
    _escribir(ruta, partes)
    hecho = _validar(datos)
    assert hecho.returncode == 1, hecho.stderr
    assert "Traceback" not in hecho.stderr
    if _DESTINOS[destino]:
        assert "La celda XFD1048576 está fuera del área" in hecho.stdout
        assert "dañado" not in hecho.stdout
    else:
        assert ("evidencias_2020.xlsx: El archivo no se pudo leer como libro de Excel (.xlsx); "
                "está dañado.") in hecho.stdout
        assert "Detalle técnico: no está la parte «" in hecho.stdout


def _bomba(ruta: Path, parte: str, real: int) -> None:
    """Make ``parte`` inflate to ``real`` more bytes while its headers declare its old size."""
    partes = _partes(ruta)
    declarado = len(partes[parte])
    cola = partes[parte].rindex(b"</")
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as paquete:
        for nombre, contenido in partes.items():
            if nombre != parte:
                paquete.writestr(nombre, contenido)
                continue
            with paquete.open(nombre, "w") as escrito:
                escrito.write(contenido[:cola])
                relleno = b" " * (1 << 20)
                for _ in range(real >> 20):
                    escrito.write(relleno)
                escrito.write(contenido[cola:])
    crudo = bytearray(ruta.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(crudo))) as paquete:
        info = paquete.getinfo(parte)
    struct.pack_into("<I", crudo, info.header_offset + 22, declarado)
    central = crudo.index(b"PK\x01\x02")
    while crudo[central + 46:central + 46 + len(parte)] != parte.encode():
        central = crudo.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", crudo, central + 24, declarado)
    ruta.write_bytes(bytes(crudo))


_MEMORIA_ACOTADA = """
import resource, sys
from pat_core.lectura import LibroIlegible, leer_crudo
from pat_core.contrato import HOJAS_EVIDENCIAS
usada = int(open("/proc/self/status").read().split("VmSize:")[1].split()[0]) * 1024
resource.setrlimit(resource.RLIMIT_AS, (usada + 200 * 2**20, resource.RLIM_INFINITY))
try:
    leer_crudo(sys.argv[1], HOJAS_EVIDENCIAS)
except LibroIlegible as error:
    print(error.problema.mensaje)
"""


@pytest.mark.parametrize("parte", ["xl/worksheets/sheet1.xml", "xl/styles.xml"])
def test_a_part_that_lies_about_its_size_is_refused_without_inflating_it(tmp_path, parte):
    """A small workbook whose part declares a few kB and inflates to 300 MB: refused as
    damaged with memory bound to 200 MB more than the reader's own (before, it was inflated
    whole: 5 GB for a 1.5 GB sheet, and read)."""
    datos = carpeta(tmp_path)
    ruta = datos / "evidencias_2020.xlsx"
    _bomba(ruta, parte, 300 << 20)
    assert ruta.stat().st_size < 2_000_000
    hecho = subprocess.run([sys.executable, "-c", _MEMORIA_ACOTADA, str(ruta)],
                           capture_output=True, text=True, cwd=RAIZ, timeout=120)
    assert hecho.returncode == 0, hecho.stderr
    assert "está dañado" in hecho.stdout
    assert f"Detalle técnico: la parte «{parte}» no mide lo que declara" in hecho.stdout


# ---------------------------------------------------------------- cells without a value


def _registro(tmp_path: Path, avance) -> Path:
    """The small programme with the 1.1.1 evidence of 60 % given as ``avance``."""
    evidencias = [*EVIDENCIAS, ["1.1.1", date(2020, 6, 1), "Segunda entrega", avance, None, "Ana"]]
    return carpeta(tmp_path, evidencias=evidencias)


def test_a_formula_without_its_value_is_reported_not_read_as_empty(tmp_path):
    """As openpyxl saves a formula: no cached value. Before, 1.1.1 showed 20 %, silently."""
    datos = _registro(tmp_path, "=20*3")
    leidos = cargar(datos, 2020)
    [problema] = [p for p in leidos.problemas if p.columna == v.AVANCE]
    assert (problema.severidad, problema.hoja, problema.fila) == (ERROR, v.HOJA_EVIDENCIAS, 4)
    assert "fórmula sin valor calculado: abra el libro en Excel y guárdelo" in problema.mensaje
    assert problema.valor == "=20*3"


@pytest.mark.parametrize("codigo, dice", [
    ("#DIV/0!", "#¡DIV/0! (#DIV/0!)"), ("#N/A", "#N/D (#N/A)"), ("#REF!", "#¡REF! (#REF!)"),
    ("#VALUE!", "#¡VALOR! (#VALUE!)"), ("#NAME?", "#¿NOMBRE? (#NAME?)"),
    ("#NUM!", "#¡NUM! (#NUM!)"), ("#NULL!", "#¡NULO! (#NULL!)"),
])
def test_an_error_cell_in_an_optional_column_is_named(tmp_path, codigo, dice):
    leidos = cargar(_registro(tmp_path, codigo), 2020)
    [problema] = [p for p in leidos.problemas if p.columna == v.AVANCE]
    assert problema.severidad == ERROR and problema.fila == 4
    assert f"La celda muestra el error {dice} de Excel" in problema.mensaje
    assert problema.valor == codigo


def test_an_error_cell_in_a_required_column_is_not_called_empty(tmp_path):
    actividades = [["#REF!", *ACTIVIDADES[0][1:]], *ACTIVIDADES[1:]]
    leidos = cargar(carpeta(tmp_path, actividades=actividades), 2020)
    [problema] = [p for p in leidos.problemas if p.hoja == v.HOJA_ACTIVIDADES and p.fila == 2]
    assert "#¡REF!" in problema.mensaje and "vacía" not in problema.mensaje


def test_an_error_calamine_does_not_know_does_not_cost_the_sheet(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        ENCABEZADOS[v.HOJA_EVIDENCIAS], ["1.1.1", date(2020, 4, 15), "Entrega", 20]]})
    _con_celda(ruta, 1, '<c r="D3" t="e"><v>#SPILL!</v></c>')
    hojas, problemas = leer_crudo(ruta, HOJAS_EVIDENCIAS[:1])
    assert hojas[v.HOJA_EVIDENCIAS].columnas[v.CLAVE_ACTIVIDAD] == ["1.1.1", None]
    marca = hojas[v.HOJA_EVIDENCIAS].columnas[v.AVANCE][1]
    assert "#SPILL!" in marca.mensaje and "no conoce" in marca.mensaje


def test_a_formula_with_its_value_is_read(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        ENCABEZADOS[v.HOJA_EVIDENCIAS], ["1.1.1", date(2020, 4, 15), "Entrega", 20]]})
    _con_celda(ruta, 1, '<c r="D3"><f>20*3</f><v>60</v></c>'
                        '<c r="C3" t="str"><f>IF(1,"","x")</f><v></v></c>')
    hojas, problemas = leer_crudo(ruta, HOJAS_EVIDENCIAS[:1])
    assert problemas == [] and hojas[v.HOJA_EVIDENCIAS].columnas[v.AVANCE] == [20, 60]


# ---------------------------------------------------------------- sheets


def test_the_exact_sheet_name_wins_and_the_other_is_named(tmp_path):
    encabezados = ENCABEZADOS[v.HOJA_EVIDENCIAS]
    ruta = escribir_libro(tmp_path / "e.xlsx", {
        "evidencias.": [encabezados, ["9.9.9", date(2020, 1, 2), "vieja", 10]],
        v.HOJA_EVIDENCIAS: [encabezados, ["1.1.1", date(2020, 1, 2), "la buena", 10]],
    })
    hojas, problemas = leer_crudo(ruta, HOJAS_EVIDENCIAS[:1])
    assert hojas[v.HOJA_EVIDENCIAS].columnas[v.DESCRIPCION] == ["la buena"]
    [problema] = problemas
    assert problema.severidad == AVISO and problema.hoja == v.HOJA_EVIDENCIAS
    assert "«Evidencias», «evidencias.»; se lee «Evidencias»" in problema.mensaje


def test_two_sheets_folding_alike_without_the_exact_one(tmp_path):
    encabezados = ENCABEZADOS[v.HOJA_EVIDENCIAS]
    ruta = escribir_libro(tmp_path / "e.xlsx", {
        "EVIDENCIAS": [encabezados, ["1.1.1", date(2020, 1, 2), "mayúsculas", 10]],
        "evidencias.": [encabezados, ["9.9.9", date(2020, 1, 2), "con punto", 10]],
    })
    hojas, [problema] = leer_crudo(ruta, HOJAS_EVIDENCIAS[:1])
    assert hojas[v.HOJA_EVIDENCIAS].hoja == "EVIDENCIAS"
    assert "«EVIDENCIAS», «evidencias.»; se lee «EVIDENCIAS»" in problema.mensaje


def test_a_group_title_merged_over_two_sub_headers(tmp_path):
    """The signed PAT: «Fecha» merged over «Inicio | Fin», the other titles down both rows."""
    libro = Workbook()
    hoja = libro.active
    hoja.title = v.HOJA_ACTIVIDADES
    hoja.append(["Programa Anual de Trabajo 2020"])
    hoja.append([v.CLAVE_ACTIVIDAD, v.ACTIVIDAD, "Fecha", None, v.MECANISMO, v.RIESGOS])
    hoja.append([None, None, "Inicio", "Fin", None, None])
    for columna in "ABEF":
        hoja.merge_cells(f"{columna}2:{columna}3")
    hoja.merge_cells("C2:D2")
    hoja.append(["1.1.1", "Curso", date(2020, 3, 2), date(2020, 12, 31), "Constancia", "Cargas"])
    libro.save(tmp_path / "pat.xlsx")
    hojas, problemas = leer_crudo(tmp_path / "pat.xlsx", HOJAS_PAT[1:2])
    assert problemas == []
    actividades = hojas[v.HOJA_ACTIVIDADES]
    assert actividades.columnas[v.FECHA_INICIO] == [date(2020, 3, 2)]
    assert actividades.columnas[v.FECHA_FIN] == [date(2020, 12, 31)]
    assert actividades.filas == [4]


# ---------------------------------------------------------------- keys and numbers


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u2060", "\u00ad"])
def test_invisible_characters_in_a_key_are_removed_with_a_warning(tmp_path, invisible):
    evidencias = [[f"1.1.1{invisible}", date(2020, 4, 15), "Inscripción", 60, None, "Ana"]]
    leidos = cargar(carpeta(tmp_path, evidencias=evidencias), 2020)
    assert list(leidos.evidencias[v.CLAVE_ACTIVIDAD]) == ["1.1.1"]
    [problema] = leidos.problemas
    nombre = f"U+{ord(invisible):04X}"
    assert problema.severidad == AVISO and problema.columna == v.CLAVE_ACTIVIDAD
    assert f"caracteres invisibles ({nombre}) que se quitaron; se leyó 1.1.1" in problema.mensaje
    assert problema.valor == f"1.1.1[{nombre}]"


def test_a_message_shows_invisible_characters(tmp_path):
    evidencias = [["1.1.\u200b9", date(2020, 4, 15), "Inscripción", "6\u200b0", None, "Ana"]]
    leidos = cargar(carpeta(tmp_path, evidencias=evidencias), 2020)
    valores = {p.columna: p.valor for p in leidos.problemas}
    assert valores[v.AVANCE] == "6[U+200B]0"
    assert "1.1.9" in valores[v.CLAVE_ACTIVIDAD]  # read as 1.1.9, which the plan lacks


def test_a_huge_number_is_reported_and_nothing_shown_is_infinite(tmp_path, capsys):
    mediciones = [["1.1", date(2020, 6, 30), 1e308, 200, None]]
    datos = carpeta(tmp_path, mediciones=mediciones)
    leidos = cargar(datos, 2020)
    [problema] = [p for p in leidos.problemas if p.columna == v.LOGRADO]
    assert problema.severidad == ERROR and "hasta 12 cifras" in problema.mensaje
    assert problema.valor == "1e+308"  # shown short, not as its 309 digits
    resultado = evaluar(leidos, "2020-12-31")
    assert resultado.indicadores.select_dtypes("number").abs().max().max() < 1e300
    assert main(["indicadores", "--datos", str(datos), "--anio", "2020"]) == 0
    salida = capsys.readouterr().out
    assert "inf" not in salida.lower() and "1e+308" not in salida.lower()


def test_a_target_too_small_to_divide_by(tmp_path):
    indicadores = [["I", "Capacitación", "1.1", "Capacitación", "Obj.", "Meta", 1e-300,
                    "número", "medición"]]
    leidos = cargar(carpeta(tmp_path, indicadores=indicadores, actividades=ACTIVIDADES[:1],
                            evidencias=EVIDENCIAS[:1]), 2020)
    [problema] = [p for p in leidos.problemas if p.columna == v.VALOR_META]
    assert "demasiado pequeña" in problema.mensaje


def test_the_package_handed_to_calamine_reads_like_the_original(tmp_path):
    """calamine gets a package of ours, every part stored: each sheet reads as in the original."""
    from pat_core import hojas_xml
    from pat_core.lectura import _revisar_formato

    for ruta in (RAIZ / "data" / "evidencias_2020.xlsx", RAIZ / "data" / "pat_2020.xlsx"):
        contenido = ruta.read_bytes()
        paquete = _revisar_formato(ruta, contenido, Umbrales())
        revision = hojas_xml.revisar(paquete, contenido, ruta.name, Umbrales(), lambda nombre: True)
        with zipfile.ZipFile(io.BytesIO(revision.contenido)) as nuevo:
            assert nuevo.testzip() is None
            assert {i.compress_type for i in nuevo.infolist()} == {zipfile.ZIP_STORED}
        original, revisado = (python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(datos))
                              for datos in (contenido, revision.contenido))
        assert revisado.sheets_metadata == original.sheets_metadata
        for nombre in original.sheet_names:
            antes, despues = original.get_sheet_by_name(nombre), revisado.get_sheet_by_name(nombre)
            assert despues.to_python(skip_empty_area=False) == antes.to_python(skip_empty_area=False)
            assert despues.merged_cell_ranges == antes.merged_cell_ranges


def test_an_error_in_free_text_is_a_warning_and_keeps_the_row(tmp_path):
    evidencias = [["1.1.1", date(2020, 4, 15), "Inscripción", 60, "#N/A", "Ana"]]
    leidos = cargar(carpeta(tmp_path, evidencias=evidencias), 2020)
    [problema] = leidos.problemas
    assert (problema.severidad, problema.columna) == (AVISO, v.ENLACE)
    assert "#N/D (#N/A)" in problema.mensaje
    assert list(leidos.evidencias[v.AVANCE]) == [60]
