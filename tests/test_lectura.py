"""Reading sheets as raw tables: pat_core.lectura."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from pat_core import vocabulario as v
from pat_core.contrato import FILA, EspecHoja
from pat_core.lectura import (
    LibroIlegible,
    anios_disponibles,
    firma,
)
from pat_core.problemas import AVISO, ERROR
from tests.ayudantes import escribir_libro, leer_libro

EVIDENCIAS = EspecHoja(v.HOJA_EVIDENCIAS, (v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION),
                       (v.AVANCE, v.ENLACE, v.REGISTRO))
MEDICIONES = EspecHoja(v.HOJA_MEDICIONES, (v.CLAVE_INDICADOR, v.FECHA_CORTE, v.LOGRADO, v.TOTAL),
                       (v.NOTA,))
ENCABEZADOS = [v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION, v.AVANCE]


def leer(ruta, *especs):
    return leer_libro(ruta, list(especs) or [EVIDENCIAS])


def test_encabezados_debajo_de_filas_de_titulo(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        ["Registro de evidencias 2020"],
        [],
        ["CEPCI", None, "Datos de ejemplo"],
        [],
        ENCABEZADOS,
        ["1.1.1", date(2020, 4, 15), "Inscripción", 20],
        ["1.1.2", "30/06/2020", "Lista", None],
    ]})
    tablas, problemas = leer(ruta)
    assert problemas == []
    filas = tablas[v.HOJA_EVIDENCIAS].filas
    assert list(filas[v.CLAVE_ACTIVIDAD]) == ["1.1.1", "1.1.2"]
    assert list(filas[FILA]) == [6, 7]
    assert tablas[v.HOJA_EVIDENCIAS].hoja == v.HOJA_EVIDENCIAS
    assert tablas[v.HOJA_EVIDENCIAS].libro == "e.xlsx"


def test_valores_sin_interpretar(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        ENCABEZADOS,
        ["1.1.1", date(2020, 4, 15), "Inscripción", 20],
        ["1.1.2", "30/06/2020", "  con espacios  ", "15%"],
    ]})
    filas = leer(ruta)[0][v.HOJA_EVIDENCIAS].filas
    fecha = filas.at[0, v.FECHA]
    assert isinstance(fecha, date) and (fecha.year, fecha.month, fecha.day) == (2020, 4, 15)
    assert filas.at[1, v.FECHA] == "30/06/2020"  # text stays text: modelo parses it
    assert filas.at[0, v.AVANCE] == 20
    assert filas.at[1, v.AVANCE] == "15%"
    assert filas.at[1, v.DESCRIPCION] == "  con espacios  "


@pytest.mark.parametrize("clave, avance", [
    ("  CLAVE   ACTIVIDAD ", "Avance%"),
    ("clave actividad", "AVANCE %"),
    ("Clave\u00a0actividad\u00a0", " avance  % "),
    ("CLAVE ACTIVIDAD:", "Avance %"),
])
def test_variantes_de_encabezado(tmp_path, clave, avance):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        [clave, "FECHA", "descripcion", avance],
        ["1.1.1", date(2020, 4, 15), "x", 50],
    ]})
    tablas, problemas = leer(ruta)
    assert problemas == []
    filas = tablas[v.HOJA_EVIDENCIAS].filas
    assert filas.at[0, v.CLAVE_ACTIVIDAD] == "1.1.1"
    assert filas.at[0, v.AVANCE] == 50


def test_columnas_extra_ignoradas_y_orden_libre(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        ["Comentarios", v.DESCRIPCION, "Otra", v.FECHA, v.CLAVE_ACTIVIDAD],
        ["nota interna", "Inscripción", 99, date(2020, 4, 15), "1.1.1"],
        ["solo comentario", None, 7, None, None],
    ]})
    tablas, problemas = leer(ruta)
    assert problemas == []
    filas = tablas[v.HOJA_EVIDENCIAS].filas
    assert "Comentarios" not in filas.columns and "Otra" not in filas.columns
    assert set(filas.columns) == {*EVIDENCIAS.columnas, FILA}
    # A row whose only content is in columns of its own is not a data row.
    assert len(filas) == 1
    assert filas.at[0, v.DESCRIPCION] == "Inscripción"
    assert filas.at[0, v.CLAVE_ACTIVIDAD] == "1.1.1"


def test_filas_en_blanco_ignoradas_y_fila_de_excel(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        ["Título"],
        ENCABEZADOS,
        ["1.1.1", date(2020, 4, 15), "a", 10],
        [],
        [None, None, None, None],
        ["   ", None, "\u00a0", None],
        ["1.1.2", date(2020, 5, 15), "b", 20],
        [],
        ["1.1.3", date(2020, 6, 15), "c", 30],
    ]})
    filas = leer(ruta)[0][v.HOJA_EVIDENCIAS].filas
    assert list(filas[v.CLAVE_ACTIVIDAD]) == ["1.1.1", "1.1.2", "1.1.3"]
    assert list(filas[FILA]) == [3, 7, 9]


def test_falta_columna_requerida(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        ["Título"],
        [],
        [v.CLAVE_ACTIVIDAD, v.DESCRIPCION, v.AVANCE],
        ["1.1.1", "a", 10],
    ]})
    tablas, problemas = leer(ruta)
    assert v.HOJA_EVIDENCIAS not in tablas
    assert len(problemas) == 1
    problema = problemas[0]
    assert problema.severidad == ERROR
    assert problema.libro == "e.xlsx"
    assert problema.hoja == v.HOJA_EVIDENCIAS
    assert problema.columna == v.FECHA
    assert problema.fila == 3  # the header row
    assert f"«{v.FECHA}»" in problema.mensaje
    assert v.FECHA in str(problema)


def test_faltan_varias_columnas_una_por_problema(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_MEDICIONES: [
        [v.CLAVE_INDICADOR, v.NOTA],
        ["1.1", "x"],
    ]})
    tablas, problemas = leer(ruta, MEDICIONES)
    assert tablas == {}
    assert sorted(p.columna for p in problemas) == sorted([v.FECHA_CORTE, v.LOGRADO, v.TOTAL])
    assert all(p.es_error for p in problemas)


def test_sin_fila_de_encabezados(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [["nada", "que", "ver"], [1, 2, 3]]})
    tablas, problemas = leer(ruta)
    assert tablas == {}
    assert any(p.es_error and "encabezados" in p.mensaje for p in problemas)
    assert {p.columna for p in problemas if p.columna} == set(EVIDENCIAS.requeridas)


def test_falta_la_hoja(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [ENCABEZADOS, ["1.1.1", date(2020, 1, 2), "a", 1]]})
    tablas, problemas = leer(ruta, EVIDENCIAS, MEDICIONES)
    assert list(tablas) == [v.HOJA_EVIDENCIAS]
    assert len(problemas) == 1
    assert problemas[0].severidad == ERROR
    assert problemas[0].hoja == v.HOJA_MEDICIONES
    assert f"«{v.HOJA_MEDICIONES}»" in problemas[0].mensaje


def test_nombre_de_hoja_sin_importar_mayusculas_ni_acentos(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {"  EVIDENCÍAS": [ENCABEZADOS, ["1.1.1", date(2020, 1, 2), "a", 1]]})
    tablas, problemas = leer(ruta)
    assert problemas == []
    assert tablas[v.HOJA_EVIDENCIAS].hoja == "  EVIDENCÍAS"  # problems point at the real name
    assert len(tablas[v.HOJA_EVIDENCIAS].filas) == 1


def _libro_con_oculta(ruta: Path, visible_tambien: bool) -> Path:
    libro = Workbook()
    oculta = libro.active
    oculta.title = "Evidencías"  # same sheet for the reader, hidden and first
    oculta.append(ENCABEZADOS)
    oculta.append(["9.9.9", date(2020, 1, 2), "de la hoja oculta", 1])
    oculta.sheet_state = "hidden"
    if visible_tambien:
        visible = libro.create_sheet(v.HOJA_EVIDENCIAS)
        visible.append(ENCABEZADOS)
        visible.append(["1.1.1", date(2020, 1, 2), "de la hoja visible", 1])
    else:
        libro.create_sheet("Notas")  # a workbook needs one visible sheet
    libro.save(ruta)
    return ruta


def test_hoja_visible_antes_que_oculta_del_mismo_nombre(tmp_path):
    tablas, problemas = leer(_libro_con_oculta(tmp_path / "e.xlsx", visible_tambien=True))
    assert problemas == []
    assert tablas[v.HOJA_EVIDENCIAS].hoja == v.HOJA_EVIDENCIAS
    assert list(tablas[v.HOJA_EVIDENCIAS].filas[v.DESCRIPCION]) == ["de la hoja visible"]


def test_hoja_oculta_sola_se_lee(tmp_path):
    tablas, _ = leer(_libro_con_oculta(tmp_path / "e.xlsx", visible_tambien=False))
    assert list(tablas[v.HOJA_EVIDENCIAS].filas[v.CLAVE_ACTIVIDAD]) == ["9.9.9"]


def test_celda_combinada_vale_en_todo_su_rango(tmp_path):
    libro = Workbook()
    hoja = libro.active
    hoja.title = v.HOJA_EVIDENCIAS
    hoja.append(ENCABEZADOS)
    for n in range(3):
        hoja.append([f"2.1.{n + 1}", date(2020, 3, 1 + n), None, 10 * (n + 1)])
    hoja.append(["2.1.4", date(2020, 3, 9), "sola", 40])
    hoja["C2"] = "Imagen digital o captura de pantalla"
    hoja.merge_cells("C2:C4")
    libro.save(tmp_path / "e.xlsx")
    filas = leer(tmp_path / "e.xlsx")[0][v.HOJA_EVIDENCIAS].filas
    assert list(filas[v.DESCRIPCION]) == ["Imagen digital o captura de pantalla"] * 3 + ["sola"]
    assert list(filas[FILA]) == [2, 3, 4, 5]


def test_celda_combinada_en_horizontal(tmp_path):
    libro = Workbook()
    hoja = libro.active
    hoja.title = v.HOJA_EVIDENCIAS
    hoja.append([v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION, v.REGISTRO])
    hoja.append(["1.1.1", date(2020, 3, 1), "Secretaría", None])
    hoja.merge_cells("C2:D2")
    libro.save(tmp_path / "e.xlsx")
    filas = leer(tmp_path / "e.xlsx")[0][v.HOJA_EVIDENCIAS].filas
    assert filas.at[0, v.REGISTRO] == "Secretaría"


def test_columna_opcional_ausente_es_columna_de_none(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        [v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION],
        ["1.1.1", date(2020, 1, 2), "a"],
        ["1.1.2", date(2020, 1, 3), "b"],
    ]})
    tablas, problemas = leer(ruta)
    assert problemas == []
    filas = tablas[v.HOJA_EVIDENCIAS].filas
    for opcional in EVIDENCIAS.opcionales:
        assert opcional in filas.columns
        assert filas[opcional].isna().all()
    assert len(filas) == 2


def test_columna_repetida_aviso_y_cuenta_la_primera(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [
        [v.CLAVE_ACTIVIDAD, v.FECHA, v.DESCRIPCION, "descripción"],
        ["1.1.1", date(2020, 1, 2), "primera", "segunda"],
    ]})
    tablas, problemas = leer(ruta)
    assert tablas[v.HOJA_EVIDENCIAS].filas.at[0, v.DESCRIPCION] == "primera"
    assert len(problemas) == 1
    assert problemas[0].severidad == AVISO
    assert problemas[0].columna == v.DESCRIPCION
    assert "columna D" in problemas[0].mensaje


def test_hoja_sin_datos_tabla_vacia(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [["Título"], [], ENCABEZADOS]})
    tablas, problemas = leer(ruta)
    assert problemas == []
    assert tablas[v.HOJA_EVIDENCIAS].filas.empty
    assert FILA in tablas[v.HOJA_EVIDENCIAS].filas.columns


# ---------------------------------------------------------------- unreadable files


def test_archivo_que_no_es_xlsx(tmp_path):
    ruta = tmp_path / "pat_2020.xlsx"
    ruta.write_text("Sección,Clave indicador\nI,1.1\n", encoding="utf-8")
    with pytest.raises(LibroIlegible) as error:
        leer(ruta)
    problema = error.value.problema
    assert problema.severidad == ERROR
    assert problema.libro == "pat_2020.xlsx"
    assert "no es un libro de Excel" in problema.mensaje and "CSV" in problema.mensaje


def test_archivo_de_cero_bytes(tmp_path):
    ruta = tmp_path / "pat_2020.xlsx"
    ruta.write_bytes(b"")
    with pytest.raises(LibroIlegible) as error:
        leer(ruta)
    assert error.value.problema.es_error
    assert "vacío (0 bytes)" in error.value.problema.mensaje


def test_archivo_que_no_existe(tmp_path):
    with pytest.raises(LibroIlegible) as error:
        leer(tmp_path / "pat_2020.xlsx")
    problema = error.value.problema
    assert problema.libro == "pat_2020.xlsx"
    assert "No se encontró el archivo" in problema.mensaje
    assert str(tmp_path) in problema.mensaje
    assert "pat_2020.xlsx" in str(error.value)


def test_xlsx_truncado(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [ENCABEZADOS]})
    ruta.write_bytes(ruta.read_bytes()[:200])
    with pytest.raises(LibroIlegible):
        leer(ruta)


# ---------------------------------------------------------------- folder helpers


def test_anios_disponibles(tmp_path):
    for nombre in ["pat_2021.xlsx", "pat_2019.xlsx", "PAT_2020.XLSX", "evidencias_2022.xlsx",
                   "pat_20.xlsx", "pat_2023.xlsx.bak", "~pat_2024.xlsx", "pat_2025.csv", "notas.txt"]:
        (tmp_path / nombre).write_bytes(b"")
    assert anios_disponibles(tmp_path) == [2019, 2020, 2021]


def test_anios_disponibles_carpeta_vacia_o_inexistente(tmp_path):
    assert anios_disponibles(tmp_path) == []
    assert anios_disponibles(tmp_path / "no-existe") == []


def test_anios_disponibles_datos_entregados(datos_ejemplo):
    assert anios_disponibles(datos_ejemplo) == [2020]


def test_firma_cambia_al_reescribir(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx", {v.HOJA_EVIDENCIAS: [ENCABEZADOS]})
    otra = tmp_path / "otra.xlsx"
    antes = firma([ruta, otra])
    assert antes == firma([ruta, otra])  # stable while nothing changes
    assert antes[1] == (str(otra), None, None)  # a missing file has a signature too

    escribir_libro(ruta, {v.HOJA_EVIDENCIAS: [ENCABEZADOS, ["1.1.1", date(2020, 1, 2), "nueva", 5]]})
    despues = firma([ruta, otra])
    assert despues != antes
    assert despues[0][0] == str(ruta)


def test_firma_cambia_con_la_hora_aunque_el_tamano_sea_igual(tmp_path):
    ruta = tmp_path / "e.xlsx"
    ruta.write_bytes(b"a" * 100)
    os.utime(ruta, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    antes = firma([ruta])
    ruta.write_bytes(b"b" * 100)
    os.utime(ruta, ns=(1_600_000_001_000_000_000, 1_600_000_001_000_000_000))
    assert firma([ruta]) != antes
    assert firma([ruta])[0][2] == antes[0][2] == 100


def test_firma_cuando_aparece_el_archivo(tmp_path):
    ruta = tmp_path / "evidencias_2020.xlsx"
    antes = firma([ruta])
    ruta.write_bytes(b"x")
    assert firma([ruta]) != antes


def test_leer_no_modifica_el_archivo(tmp_path):
    ruta = escribir_libro(tmp_path / "e.xlsx",
                          {v.HOJA_EVIDENCIAS: [ENCABEZADOS, ["1.1.1", datetime(2020, 1, 2), "a", 1]]})
    contenido, antes = ruta.read_bytes(), firma([ruta])
    leer(ruta, EVIDENCIAS, MEDICIONES)
    assert ruta.read_bytes() == contenido
    assert firma([ruta]) == antes
