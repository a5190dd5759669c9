"""The Sesión page's Word button gives, in a real browser, the draft the command line writes."""

from __future__ import annotations

import os
import subprocess
from io import BytesIO

from docx import Document

from . import pasos

BOTON = "Borrador del informe anual (Word)"


def texto_del_documento(contenido: bytes) -> list[str]:
    """Every paragraph and cell, in order: what two drafts of the same cut-off share (the
    date each was made on aside)."""
    documento = Document(BytesIO(contenido))
    return ([p.text for p in documento.paragraphs if not p.text.startswith("Borrador elaborado")]
            + [c.text for t in documento.tables for f in t.rows for c in f.cells])


def test_el_borrador_descargado_es_el_de_la_linea_de_comandos(pagina, servidor, tmp_path):
    pasos.abrir(pagina, "/sesion")
    corte = pasos.fecha_de_corte(pagina)
    descargado, nombre = pasos.descargar(pagina, BOTON)
    assert nombre == f"informe_anual_2020_corte_{corte}.docx"
    destino = tmp_path / "informe_anual.docx"
    resultado = subprocess.run(
        [pasos.PYTHON, "-m", "pat_core", "informe-anual", "--datos", str(servidor.datos),
         "--anio", "2020", "--corte", corte, "--salida", str(destino)],
        cwd=pasos.RAIZ, capture_output=True, timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PAT_DATOS"})
    assert resultado.returncode == 0, resultado.stderr.decode("utf-8", "replace")
    assert texto_del_documento(descargado) == texto_del_documento(destino.read_bytes())
    assert "Conclusiones" in texto_del_documento(descargado)
