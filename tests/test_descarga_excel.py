"""The Actividades page offers the filtered rows as CSV and as .xlsx, the same rows in both."""

from __future__ import annotations

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import app_test

from pat_core import cargar, evaluar
from pat_core.exportar import csv_actividades, xlsx_actividades
from pat_core.filtros import FiltroActividades
from tests.conftest import DATOS
from tests.test_app import abrir

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Almacen(MemoryMediaFileStorage):
    """Streamlit's in-memory media storage, kept so the test can read what a button serves."""

    ultimo: "Almacen | None" = None

    def __init__(self, *argumentos):
        super().__init__(*argumentos)
        Almacen.ultimo = self


@pytest.fixture(autouse=True)
def almacen(monkeypatch):
    monkeypatch.delenv("PAT_DATOS", raising=False)
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Almacen)


def servido(app, clave: str) -> tuple[bytes, str, str]:
    """The bytes, mime type and file name the download button ``clave`` serves."""
    url = app.download_button(key=clave).proto.url
    archivo = Almacen.ultimo.get_file(url.rsplit("/", 1)[-1])
    return archivo.content, archivo.mimetype, archivo.filename


def test_la_pagina_ofrece_csv_y_excel_de_las_filas_filtradas():
    app = abrir("paginas/actividades.py")
    app.multiselect("f_semaforo").set_value(["Rojo"]).run()
    etiquetas = [b.label for b in app.download_button]
    assert etiquetas == ["Descargar CSV para el acta", "Descargar Excel (.xlsx)"]
    filtradas = FiltroActividades(semaforos=("Rojo",)).aplicar(
        evaluar(cargar(DATOS, 2020), "2020-12-31").actividades)
    assert len(filtradas) == 3
    nombre = "actividades_2020_corte_2020-12-31"
    assert servido(app, "descargar_actividades") == (
        csv_actividades(filtradas), "text/csv", f"{nombre}.csv")
    assert servido(app, "descargar_actividades_xlsx") == (
        xlsx_actividades(filtradas), XLSX, f"{nombre}.xlsx")
