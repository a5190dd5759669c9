"""Keys are text: «1.10» typed as text stays «1.10», end to end (reader, model, roll-up, CSV)."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook

from pat_core import cargar, cli, evaluar
from pat_core import vocabulario as v
from pat_core.comites import consolidar
from pat_core.contrato import HOJAS_PAT
from tests.ayudantes import ENCABEZADOS, escribir_libro, leer_libro


def _plan(ruta, clave_texto: bool = True):
    libro = Workbook()
    hoja = libro.active
    hoja.title = v.HOJA_INDICADORES
    hoja.append(ENCABEZADOS[v.HOJA_INDICADORES])
    hoja.append(["I", "Capacitación", "1.1", "Uno", "Obj.", "Meta", 50, "porcentaje", "actividades"])
    hoja.append(["I", "Capacitación", "1.10", "Diez", "Obj.", "Meta", 50, "porcentaje",
                 "actividades"])
    for celda in hoja["C"]:
        celda.number_format = "@"  # a text column, as the template's key columns are
    actividades = libro.create_sheet(v.HOJA_ACTIVIDADES)
    actividades.append(ENCABEZADOS[v.HOJA_ACTIVIDADES])
    actividades.append(["1.1.1", "De 1.1", date(2020, 1, 2), date(2020, 3, 31), "M", "R", "Ana"])
    actividades.append(["1.10.1", "De 1.10", "02/01/2020", "31/03/2020", "M", "R", "Luis"])
    actividades.append(["1.10.10", "Otra de 1.10", "2020-01-02", "2020-12-31", "M", "R", "Luis"])
    libro.save(ruta)


def _carpeta(destino):
    destino.mkdir(parents=True, exist_ok=True)
    _plan(destino / "pat_2020.xlsx")
    escribir_libro(destino / "evidencias_2020.xlsx", {
        v.HOJA_EVIDENCIAS: [ENCABEZADOS[v.HOJA_EVIDENCIAS],
                            ["1.10.1", "15/03/2020", "Hecho", "100%", None, None],
                            ["1.10.10", date(2020, 6, 1), "A medias", 0.5, None, None]],
        v.HOJA_MEDICIONES: [ENCABEZADOS[v.HOJA_MEDICIONES]],
    })
    return destino


def test_el_lector_no_toca_la_clave(tmp_path):
    _plan(tmp_path / "pat_2020.xlsx")
    tablas, _ = leer_libro(tmp_path / "pat_2020.xlsx", HOJAS_PAT)
    assert list(tablas[v.HOJA_INDICADORES].filas[v.CLAVE_INDICADOR]) == ["1.1", "1.10"]
    assert list(tablas[v.HOJA_ACTIVIDADES].filas[v.CLAVE_ACTIVIDAD]) == ["1.1.1", "1.10.1", "1.10.10"]


def test_clave_1_10_en_el_modelo_y_el_calculo(tmp_path):
    datos = cargar(_carpeta(tmp_path / "d"), 2020)
    assert datos.problemas == []
    assert list(datos.indicadores[v.CLAVE_INDICADOR]) == ["1.1", "1.10"]
    assert list(datos.actividades[v.CLAVE_INDICADOR]) == ["1.1", "1.10", "1.10"]
    evaluacion = evaluar(datos, "2020-12-31").indicadores.set_index(v.CLAVE_INDICADOR)
    assert evaluacion.at["1.10", v.VALOR_LOGRADO] == 50  # 1.10.1 concluded, 1.10.10 not
    assert evaluacion.at["1.1", v.VALOR_LOGRADO] == 0


def test_clave_1_10_en_el_consolidado_y_el_csv(tmp_path, capsysbinary):
    raiz = tmp_path / "datos"
    _carpeta(raiz / "Uno")
    _carpeta(raiz / "Dos")
    total = consolidar(raiz, 2020, "2020-12-31")
    assert sorted(set(total.indicadores[v.CLAVE_INDICADOR])) == ["1.1", "1.10"]
    assert set(total.actividades[total.actividades[v.COMITE] == "Uno"][v.CLAVE_ACTIVIDAD]) == {
        "1.1.1", "1.10.1", "1.10.10"}
    assert cli.main(["indicadores", "--datos", str(raiz), "--corte", "2020-12-31"]) == 0
    salida = capsysbinary.readouterr().out.decode("utf-8-sig")
    assert "Uno,I,Capacitación,1.10,Diez" in salida
