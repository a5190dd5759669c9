"""What the data behind the figures lacks is said wherever the figures are: a plan not found
(with what the folder holds instead), a sheet left out
(a missing required column) is named on every page, on the slides and on the command line, not
counted as rows; the slides carry a failed read too; «Calidad de datos» lists a workbook that
cannot be read just now, above the problems of the older figures still on screen."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pat_core import cargar
from pat_core import vocabulario as v
from pat_core.cache import lecturas_en_disco
from pat_core.problemas import filas_con_error, hojas_sin_leer
from tests.test_app import abrir, metrica
from tests.test_app_diapositivas import html_de, presentar

SIN_FECHA_FIN = ("No se leyó la hoja «Actividades» de pat_2020.xlsx: falta la columna requerida "
                 "«Fecha fin» en la fila de encabezados (fila 3). Sus filas, y las de otras hojas que se "
                 "refieren a ellas, no entran en las cifras: corrija el libro.")


def _sin_encabezado(carpeta: Path, *encabezados: str) -> None:
    """The plan's «Actividades» sheet without the headers ``encabezados`` (their cells stay)."""
    libro = load_workbook(carpeta / "pat_2020.xlsx")
    hoja = libro[v.HOJA_ACTIVIDADES]
    for celda in (c for fila in hoja.iter_rows(max_row=10) for c in fila):
        if celda.value in (encabezados or ("Fecha fin",)):
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
    assert [hoja.aviso for hoja in hojas_sin_leer(problemas)] == [SIN_FECHA_FIN]
    (encabezado,) = [p for p in problemas if p.hoja_sin_leer]
    assert (encabezado.hoja, encabezado.columna, encabezado.fila) == (v.HOJA_ACTIVIDADES, "Fecha fin", 3)
    filas_de_datos = {(p.libro, p.hoja, p.fila) for p in problemas if p.es_error and p.fila}
    assert filas_con_error(problemas) == len(filas_de_datos) - 1


def test_a_missing_sheet_is_named_too(copia_datos):
    libro = load_workbook(copia_datos / "evidencias_2020.xlsx")
    libro[v.HOJA_EVIDENCIAS].title = "Evidencias viejas"
    libro.save(copia_datos / "evidencias_2020.xlsx")
    (hoja,) = hojas_sin_leer(cargar(copia_datos, 2020).problemas)
    assert hoja.aviso.startswith("No se leyó la hoja «Evidencias» de evidencias_2020.xlsx: falta la "
                            "hoja «Evidencias». Sus filas")


def test_several_missing_columns_are_named_together(copia_datos):
    _sin_encabezado(copia_datos, "Fecha inicio", "Fecha fin")
    (hoja,) = hojas_sin_leer(cargar(copia_datos, 2020).problemas)
    assert hoja.motivo == ("faltan las columnas requeridas «Fecha inicio» y «Fecha fin» en la fila "
                           "de encabezados (fila 3)")


def test_without_a_header_row_the_reason_is_that_not_each_column(copia_datos):
    libro = load_workbook(copia_datos / "pat_2020.xlsx")
    hoja = libro[v.HOJA_ACTIVIDADES]
    for celda in (c for fila in hoja.iter_rows(max_row=10) for c in fila):
        celda.value = None if isinstance(celda.value, str) else celda.value
    libro.save(copia_datos / "pat_2020.xlsx")
    (sin_leer,) = hojas_sin_leer(cargar(copia_datos, 2020).problemas)
    assert sin_leer.motivo.startswith("no se encontró la fila de encabezados en las primeras 30 filas")
    assert sin_leer.aviso_breve == ("No se leyó la hoja «Actividades» de pat_2020.xlsx: no se "
                                    "encontró la fila de encabezados en las primeras 30 filas.")


def test_the_mark_survives_the_disk_cache(sin_fecha_fin, tmp_path, monkeypatch):
    monkeypatch.setenv("PAT_CACHE", str(tmp_path / "cache"))
    leido = lecturas_en_disco(sin_fecha_fin).cargar(sin_fecha_fin, 2020)
    otro = lecturas_en_disco(sin_fecha_fin)  # as a new process: from the disk
    del_disco = otro.cargar(sin_fecha_fin, 2020)
    assert otro.lecturas == 0
    assert del_disco.problemas == leido.problemas
    assert [hoja.aviso for hoja in hojas_sin_leer(del_disco.problemas)] == [SIN_FECHA_FIN]


def test_every_page_names_the_sheet_left_out(sin_fecha_fin):
    for pagina in ("paginas/resumen.py", "paginas/actividades.py", "paginas/calidad.py"):
        app = abrir(pagina)
        assert SIN_FECHA_FIN in [e.value.replace("\\", "") for e in app.error], pagina
    assert metrica(abrir(), "Actividades concluidas") == "0 de 0"  # said, not silent


def test_the_slides_say_it_in_short_so_the_slide_still_fits(sin_fecha_fin):
    cuerpo = html_de(presentar())
    assert ("No se leyó la hoja «Actividades» de pat_2020.xlsx: falta la columna requerida "
            "«Fecha fin» en la fila de encabezados (fila 3). 59 fila(s) con error quedaron fuera "
            "de las cifras.") in cuerpo
    assert cuerpo.count('class="aviso"') == 1


def test_the_command_line_names_the_sheet_left_out(sin_fecha_fin):
    salida = subprocess.run(
        [sys.executable, "-m", "pat_core", "indicadores", "--datos", str(sin_fecha_fin),
         "--anio", "2020", "--corte", "2020-06-30"], capture_output=True, text=True, check=True)
    assert f"Aviso: {SIN_FECHA_FIN}" in salida.stderr.splitlines()


def test_a_failed_read_is_on_the_slides_and_in_calidad(copia_datos, monkeypatch):
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    diapositivas, calidad = presentar(), abrir("paginas/calidad.py")
    assert "No se pudo leer" not in html_de(diapositivas)
    assert [m.value for m in calidad.metric] == ["0", "0"]  # the shipped data: no problem
    plan = copia_datos / "pat_2020.xlsx"
    plan.write_bytes(plan.read_bytes()[:5000])  # caught half-saved
    diapositivas.run()
    cuerpo = html_de(diapositivas)
    assert re.search(r"No se pudo leer «pat_2020\.xlsx» a las \d\d:\d\d:\d\d: se muestran las "
                     r"cifras de las \d\d:\d\d:\d\d\.", cuerpo)
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
           "el plan, guárdelo como libro de Excel (.xlsx) con el nombre del año que planea" in aviso
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


def test_the_roll_up_names_each_committee_s_sheet_left_out(copia_datos, monkeypatch):
    """Consolidado and the roll-up's command line: the committee, its sheet and why."""
    import shutil

    raiz = copia_datos.parent / "comites"
    for comite in ("API_A", "API_B"):
        shutil.copytree(copia_datos, raiz / comite)
    _sin_encabezado(raiz / "API_B")
    monkeypatch.setenv("PAT_DATOS", str(raiz))
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception
    assert f"API_B: {SIN_FECHA_FIN}" in [e.value.replace("\\", "") for e in app.error]
    salida = subprocess.run([sys.executable, "-m", "pat_core", "indicadores", "--datos", str(raiz),
                             "--anio", "2020", "--corte", "2020-06-30"], capture_output=True,
                            text=True, check=True)
    assert f"Aviso: comité API_B: {SIN_FECHA_FIN}" in salida.stderr.splitlines()


def test_the_rows_left_out_point_to_calidad_except_on_calidad(sin_fecha_fin):
    en_resumen = abrir().warning[0].value
    assert en_resumen == ("59 fila(s) con error quedaron fuera de las cifras. La página «Calidad "
                          "de datos» dice en qué celda está cada problema.")
    assert abrir("paginas/calidad.py").warning[0].value == (
        "59 fila(s) con error quedaron fuera de las cifras. Abajo se dice en qué celda está "
        "cada problema.")
