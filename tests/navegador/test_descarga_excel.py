"""The .xlsx the browser downloads is, byte for byte, what ``--salida x.xlsx`` writes."""

from __future__ import annotations

import os
import subprocess
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import expect

from . import pasos

BOTON = "Descargar Excel (.xlsx)"


def xlsx_de_la_cli(datos, destino, *argumentos: str) -> bytes:
    resultado = subprocess.run(
        [pasos.PYTHON, "-m", "pat_core", *argumentos, "--datos", str(datos), "--salida",
         str(destino)], cwd=pasos.RAIZ, capture_output=True, timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PAT_DATOS"})
    assert resultado.returncode == 0, resultado.stderr.decode("utf-8", "replace")
    return destino.read_bytes()


def test_el_excel_descargado_es_el_de_la_linea_de_comandos(pagina, servidor, tmp_path):
    pasos.abrir(pagina, "/actividades")
    corte = pasos.fecha_de_corte(pagina)
    pasos.elegir_en_multiselect(pagina, "Semáforo", "✖ Rojo")
    expect(pagina.get_by_text("Se muestran 3 de 22 actividades.")).to_be_visible()

    descargado, nombre = pasos.descargar(pagina, BOTON)
    comando = pasos.comando_mostrado(pagina)[3:]
    assert nombre == f"actividades_2020_corte_{corte}.xlsx"
    assert descargado == xlsx_de_la_cli(servidor.datos, tmp_path / "rojas.xlsx", *comando)
    hoja = load_workbook(BytesIO(descargado)).active
    assert [fila[2].value for fila in hoja.iter_rows(min_row=2)] == ["2.1.5", "4.1.3", "5.1.1"]
