"""The CSV the browser downloads for the minutes is, byte for byte, the command line's."""

from __future__ import annotations

from playwright.sync_api import expect

from . import pasos

BOTON = "Descargar CSV para el acta"
BOM = b"\xef\xbb\xbf"


def _lineas(contenido: bytes) -> list[bytes]:
    assert contenido.endswith(b"\r\n")
    lineas = contenido.split(b"\r\n")[:-1]
    assert not any(b"\n" in linea or b"\r" in linea for linea in lineas), "saltos que no son CRLF"
    return lineas


def test_la_descarga_es_el_csv_de_la_linea_de_comandos(pagina, servidor):
    pasos.abrir(pagina, "/actividades")
    pasos.sin_excepciones(pagina)
    corte = pasos.fecha_de_corte(pagina)
    assert corte == pasos.CORTE_PREDETERMINADO

    descargado, nombre = pasos.descargar(pagina, BOTON)
    cli = pasos.csv_de_la_cli(servidor.datos, "actividades", "--anio", "2020", "--corte", corte)

    assert nombre == f"actividades_2020_corte_{corte}.csv"
    assert descargado == cli
    assert descargado.startswith(BOM)
    lineas = _lineas(descargado)
    assert lineas[0].decode("utf-8-sig").startswith("Sección,Clave indicador,Clave actividad,")
    assert len(lineas) == 1 + 22
    # The command the page shows is the one that writes the same file.
    assert pasos.comando_mostrado(pagina) == [
        "python", "-m", "pat_core", "actividades", "--anio", "2020", "--corte", corte]


def test_filtrar_por_semaforo_rojo_descarga_lo_mismo_que_la_cli(pagina, servidor):
    pasos.abrir(pagina, "/actividades")
    corte = pasos.fecha_de_corte(pagina)
    pasos.elegir_en_multiselect(pagina, "Semáforo", "✖ Rojo")
    expect(pagina.get_by_text("Se muestran 3 de 22 actividades.")).to_be_visible()
    comando = pasos.comando_mostrado(pagina)
    assert comando[-2:] == ["--semaforo", "Rojo"]

    descargado, _ = pasos.descargar(pagina, BOTON)
    cli = pasos.csv_de_la_cli(servidor.datos, "actividades", "--anio", "2020", "--corte", corte,
                              "--semaforo", "Rojo")

    assert descargado == cli
    assert descargado.startswith(BOM)
    filas = _lineas(descargado)[1:]
    assert len(filas) == 3
    assert all(",Rojo," in fila.decode("utf-8-sig") for fila in filas)
    # And the line shown on the page, run as shown, writes those same bytes.
    assert pasos.csv_de_la_cli(servidor.datos, *comando[3:]) == descargado
