"""What the data behind the figures lacks is said wherever the figures are: a plan not found
(with what the folder holds instead), a sheet left out
(a missing required column) is named on every page, on the slides and on the command line, not
counted as rows; the slides carry a failed read too; «Calidad de datos» lists a workbook that
cannot be read just now, above the problems of the older figures still on screen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pat_core import cargar
from pat_core import vocabulario as v
from pat_core.cache import lecturas_en_disco
from pat_core.problemas import avisos_de_hojas_sin_leer, filas_con_error
from tests.test_app import abrir, metrica
from tests.test_app_diapositivas import html_de, presentar

SIN_FECHA_FIN = ("No se leyó la hoja «Actividades» de pat_2020.xlsx: falta la columna requerida "
                 "«Fecha fin» en la fila de encabezados. Sus filas, y las de otras hojas que se "
                 "refieren a ellas, no entran en las cifras: corrija el libro.")


def _sin_encabezado(carpeta: Path, encabezado: str = "Fecha fin") -> None:
    """The plan's «Actividades» sheet without the header ``encabezado`` (the column's cells stay)."""
    libro = load_workbook(carpeta / "pat_2020.xlsx")
    hoja = libro[v.HOJA_ACTIVIDADES]
    celda = next(c for fila in hoja.iter_rows(max_row=10) for c in fila if c.value == encabezado)
    celda.value = None
    libro.save(carpeta / "pat_2020.xlsx")
    hace_un_rato = time.time() - 60  # a workbook saved just now is not kept on disk
    os.utime(carpeta / "pat_2020.xlsx", (hace_un_rato, hace_un_rato))


@pytest.fixture
def sin_fecha_fin(copia_datos, monkeypatch) -> Path:
    _sin_encabezado(copia_datos)
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    return copia_datos


def test_a_sheet_left_out_is_one_sentence_and_its_header_is_no_row_left_out(sin_fecha_fin):
    problemas = cargar(sin_fecha_fin, 2020).problemas
    assert avisos_de_hojas_sin_leer(problemas) == [SIN_FECHA_FIN]
    (encabezado,) = [p for p in problemas if p.hoja_sin_leer]
    assert (encabezado.hoja, encabezado.columna, encabezado.fila) == (v.HOJA_ACTIVIDADES, "Fecha fin", 3)
    filas_de_datos = {(p.libro, p.hoja, p.fila) for p in problemas if p.es_error and p.fila}
    assert filas_con_error(problemas) == len(filas_de_datos) - 1


def test_a_missing_sheet_is_named_too(copia_datos):
    libro = load_workbook(copia_datos / "evidencias_2020.xlsx")
    libro[v.HOJA_EVIDENCIAS].title = "Evidencias viejas"
    libro.save(copia_datos / "evidencias_2020.xlsx")
    (aviso,) = avisos_de_hojas_sin_leer(cargar(copia_datos, 2020).problemas)
    assert aviso.startswith("No se leyó la hoja «Evidencias» de evidencias_2020.xlsx: falta la "
                            "hoja «Evidencias». Sus filas")


def test_the_mark_survives_the_disk_cache(sin_fecha_fin, tmp_path, monkeypatch):
    monkeypatch.setenv("PAT_CACHE", str(tmp_path / "cache"))
    leido = lecturas_en_disco(sin_fecha_fin).cargar(sin_fecha_fin, 2020)
    otro = lecturas_en_disco(sin_fecha_fin)  # as a new process: from the disk
    del_disco = otro.cargar(sin_fecha_fin, 2020)
    assert otro.lecturas == 0
    assert del_disco.problemas == leido.problemas
    assert avisos_de_hojas_sin_leer(del_disco.problemas) == [SIN_FECHA_FIN]


def test_every_page_names_the_sheet_left_out(sin_fecha_fin):
    for pagina in ("paginas/resumen.py", "paginas/actividades.py", "paginas/calidad.py"):
        app = abrir(pagina)
        assert SIN_FECHA_FIN in [e.value.replace("\\", "") for e in app.error], pagina
    assert metrica(abrir(), "Actividades concluidas") == "0 de 0"  # said, not silent


def test_the_slides_name_the_sheet_left_out_and_the_rows(sin_fecha_fin):
    cuerpo = html_de(presentar())
    assert SIN_FECHA_FIN in cuerpo
    assert "fila(s) con error quedaron fuera de las cifras" in cuerpo


def test_the_command_line_names_the_sheet_left_out(sin_fecha_fin):
    salida = subprocess.run(
        [sys.executable, "-m", "pat_core", "indicadores", "--datos", str(sin_fecha_fin),
         "--anio", "2020", "--corte", "2020-06-30"], capture_output=True, text=True, check=True)
    assert f"Aviso: n{SIN_FECHA_FIN[1:]}" in salida.stderr.splitlines()


def test_a_failed_read_is_on_the_slides_and_in_calidad(copia_datos, monkeypatch):
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    diapositivas, calidad = presentar(), abrir("paginas/calidad.py")
    assert "No se pudo leer" not in html_de(diapositivas)
    assert [m.value for m in calidad.metric] == ["0", "0"]  # the shipped data: no problem
    plan = copia_datos / "pat_2020.xlsx"
    plan.write_bytes(plan.read_bytes()[:5000])  # caught half-saved
    diapositivas.run()
    cuerpo = html_de(diapositivas)
    assert "No se pudo leer «pat_2020.xlsx» a las " in cuerpo
    assert "Se muestran los últimos datos que se leyeron bien" in cuerpo
    calidad.run()
    assert calidad.metric[0].value == "1"  # Errores: the workbook that cannot be read
    assert not calidad.success  # never «No se encontró ningún problema» under the red banner
    assert any("pat_2020.xlsx" in e.label.replace("\\", "") for e in calidad.expander)


def test_a_folder_without_a_plan_names_what_it_holds_and_recovers(copia_datos, monkeypatch):
    """A plan renamed by mistake: the screen and the command line name the files there; once
    its name is back, «Recargar datos» shows the figures."""
    from streamlit.testing.v1 import AppTest

    plan = copia_datos / "pat_2020.xlsx"
    plan.rename(copia_datos / "pat_2020_viejo.xlsx")
    (copia_datos / "~$pat_2020_viejo.xlsx").write_bytes(b"")  # Excel's lock file: not named
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    aviso = app.error[0].value.replace("\\", "")
    assert aviso.startswith("No se encontró ningún libro «pat_AAAA.xlsx» en la carpeta de datos")
    assert "En la carpeta hay: «evidencias_2020.xlsx», «pat_2020_viejo.xlsx». Si uno de ellos es " \
           "el plan, dele el nombre del año que planea" in aviso
    salida = subprocess.run([sys.executable, "-m", "pat_core", "indicadores", "--datos",
                             str(copia_datos)], capture_output=True, text=True)
    assert salida.returncode == 2
    assert "En la carpeta hay: «evidencias_2020.xlsx», «pat_2020_viejo.xlsx»." in salida.stderr
    (copia_datos / "pat_2020_viejo.xlsx").rename(plan)
    next(b for b in app.button if b.label == "Recargar datos").click().run()
    assert not app.error
    assert metrica(app, "Actividades concluidas") == "19 de 22"


def test_a_folder_that_does_not_exist_says_so(tmp_path):
    salida = subprocess.run([sys.executable, "-m", "pat_core", "indicadores", "--datos",
                             str(tmp_path / "no_esta")], capture_output=True, text=True)
    assert salida.returncode == 2 and "Esa carpeta no existe." in salida.stderr
