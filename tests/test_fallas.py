"""Faults of real files: each one reproduced, with what the user is told.

The reader must never crash, never show a traceback, and say in Spanish which
file failed and what to do. A read that a save in progress explains is tried
again before it fails.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from pat_core import Umbrales, cargar
from pat_core import lectura
from pat_core.cli import main
from pat_core.problemas import ERROR

DATOS = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def carpeta(tmp_path) -> Path:
    destino = tmp_path / "datos"
    shutil.copytree(DATOS, destino)
    return destino


def ilegible(datos, nombre: str) -> str:
    """The message about an unreadable workbook, checking it names the file."""
    [problema] = datos.ilegibles
    assert problema.libro == nombre and problema.severidad == ERROR
    assert problema in datos.problemas
    return problema.mensaje


def cli(capsysbinary, carpeta, *extra) -> tuple[int, bytes, str]:
    codigo = main(["actividades", "--datos", str(carpeta), *extra])
    salida = capsysbinary.readouterr()
    return codigo, salida.out, salida.err.decode("utf-8")


def test_half_saved_workbook(carpeta, capsysbinary):
    ruta = carpeta / "evidencias_2020.xlsx"
    contenido = ruta.read_bytes()
    ruta.write_bytes(contenido[: len(contenido) // 2])
    datos = cargar(carpeta, 2020)
    assert "guardado a medias" in ilegible(datos, "evidencias_2020.xlsx")
    assert len(datos.actividades) == 22  # the plan is still read
    codigo, salida, error = cli(capsysbinary, carpeta)
    assert codigo == 1 and salida == b""
    assert "evidencias_2020.xlsx" in error and "Traceback" not in error


def test_empty_file(carpeta):
    (carpeta / "pat_2020.xlsx").write_bytes(b"")
    assert "vacío (0 bytes)" in ilegible(cargar(carpeta, 2020), "pat_2020.xlsx")


def test_locked_file(carpeta, monkeypatch):
    original = lectura._bytes_del_archivo

    def bloqueado(ruta, limite):
        if ruta.name == "pat_2020.xlsx":
            raise PermissionError(13, "Permission denied")
        return original(ruta, limite)

    monkeypatch.setattr(lectura, "_bytes_del_archivo", bloqueado)
    assert "bloqueado" in ilegible(cargar(carpeta, 2020), "pat_2020.xlsx")


def test_file_deleted_meanwhile(carpeta, monkeypatch):
    original = lectura._bytes_del_archivo

    def borrado(ruta, limite):
        if ruta.name == "evidencias_2020.xlsx":
            raise FileNotFoundError(2, "No such file")
        return original(ruta, limite)

    monkeypatch.setattr(lectura, "_bytes_del_archivo", borrado)
    assert "No se encontró el archivo" in ilegible(cargar(carpeta, 2020), "evidencias_2020.xlsx")


def test_a_save_in_progress_is_read_on_a_later_try(carpeta, monkeypatch):
    """First read catches the file half-written; the retry gets the finished save."""
    original = lectura._bytes_del_archivo
    lecturas = []

    def a_medias_la_primera_vez(ruta, limite):
        contenido = original(ruta, limite)
        lecturas.append(ruta.name)
        if ruta.name == "evidencias_2020.xlsx" and lecturas.count(ruta.name) == 1:
            return contenido[:1000]
        return contenido

    monkeypatch.setattr(lectura, "_bytes_del_archivo", a_medias_la_primera_vez)
    datos = cargar(carpeta, 2020)
    assert datos.ilegibles == [] and len(datos.evidencias) == 56
    assert lecturas.count("evidencias_2020.xlsx") == 2


def test_gives_up_after_the_retries(carpeta, monkeypatch):
    original = lectura._bytes_del_archivo
    lecturas = []

    def siempre_a_medias(ruta, limite):
        lecturas.append(ruta.name)
        return original(ruta, limite)[:1000]

    monkeypatch.setattr(lectura, "_bytes_del_archivo", siempre_a_medias)
    cargar(carpeta, 2020)
    assert lecturas.count("pat_2020.xlsx") == lectura.INTENTOS


@pytest.mark.parametrize("contenido, dice", [
    (b"Clave actividad,Fecha\r\n1.1.1,02/03/2020\r\n", "parece texto, quizá un CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003 (.xls)"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "no es un libro de Excel"),
])
def test_not_an_xlsx_under_an_xlsx_name(carpeta, contenido, dice):
    (carpeta / "pat_2020.xlsx").write_bytes(contenido)
    assert dice in ilegible(cargar(carpeta, 2020), "pat_2020.xlsx")


def _zip(miembros: dict[str, bytes]) -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as paquete:
        for nombre, contenido in miembros.items():
            paquete.writestr(nombre, contenido)
    return salida.getvalue()


def test_an_ods_renamed_xlsx(carpeta):
    ods = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    (carpeta / "pat_2020.xlsx").write_bytes(ods)
    assert "LibreOffice (.ods)" in ilegible(cargar(carpeta, 2020), "pat_2020.xlsx")


@pytest.mark.parametrize("nombre", ["pat_2020.xls", "evidencias_2020.ods", "evidencias_2020.csv",
                                    "pat_2020.xlsm"])
def test_other_formats_in_the_folder_are_named(carpeta, nombre):
    (carpeta / nombre).write_bytes(b"x")
    (carpeta / "~$pat_2020.xlsx").write_bytes(b"lock")  # Excel's lock file: not the committee's
    (carpeta / "pat_2019.ods").write_bytes(b"x")  # another year: not this year's business
    datos = cargar(carpeta, 2020)
    [problema] = datos.problemas
    assert problema.libro == nombre and "solo libros .xlsx" in problema.mensaje
    assert len(datos.actividades) == 22  # the .xlsx workbooks are still read


def test_workbook_above_the_size_limit(carpeta):
    datos = cargar(carpeta, 2020, Umbrales(tamano_maximo_mb=0.001))
    mensajes = {p.libro: p.mensaje for p in datos.ilegibles}
    assert "más que el límite de 0.001 MB" in mensajes["pat_2020.xlsx"]


def test_decompression_bomb_is_refused_before_parsing(carpeta):
    contenido = (carpeta / "evidencias_2020.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(contenido)) as original:
        miembros = {nombre: original.read(nombre) for nombre in original.namelist()}
    miembros["xl/media/relleno.bin"] = b"\0" * 30_000_000  # 30 MB that zip to ~30 KB
    bomba = _zip(miembros)
    assert len(bomba) < 1_000_000
    (carpeta / "evidencias_2020.xlsx").write_bytes(bomba)
    datos = cargar(carpeta, 2020, Umbrales(descomprimido_maximo_mb=20))
    assert "por seguridad" in ilegible(datos, "evidencias_2020.xlsx")


def test_a_folder_named_like_a_workbook(carpeta):
    (carpeta / "evidencias_2020.xlsx").unlink()
    (carpeta / "evidencias_2020.xlsx").mkdir()
    assert "carpeta" in ilegible(cargar(carpeta, 2020), "evidencias_2020.xlsx")


def test_unexpected_failure_in_the_cli_has_no_traceback(carpeta, capsysbinary, monkeypatch):
    from pat_core import al_corte

    def falla(*_):
        raise RuntimeError("algo imprevisto")

    monkeypatch.delenv("PAT_DEPURAR", raising=False)
    monkeypatch.setattr(al_corte, "actividades_al_corte", falla)
    codigo, salida, error = cli(capsysbinary, carpeta)
    assert codigo == 3 and salida == b""
    assert error.startswith("error inesperado (RuntimeError: algo imprevisto)")
    assert "Traceback" not in error
