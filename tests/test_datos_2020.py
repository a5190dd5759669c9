"""The shipped data: data/pat_2020.xlsx reproduces the signed PAT 2020 of the seed document."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pat_core import cargar
from pat_core import vocabulario as v
from pat_core.celdas import sin_acentos

RAIZ = Path(__file__).resolve().parent.parent
SEMILLA = RAIZ.parent / "shared" / "seed" / "000_5c3e3aad745d876a.txt"
DIFUSION = ("Imagen digital o captura de pantalla de la difusión del material o de destinatarios "
            "del mensaje.")


@pytest.fixture(scope="module")
def datos():
    return cargar(RAIZ / "data", 2020)


@pytest.fixture(scope="module")
def semilla() -> str:
    if not SEMILLA.is_file():
        pytest.skip(f"no está el documento semilla en {SEMILLA}")
    return SEMILLA.read_text(encoding="utf-8")


def plano(texto: str) -> str:
    return " ".join(texto.split())


def por_clave(marco: pd.DataFrame, clave: str) -> pd.DataFrame:
    return marco.set_index(clave)


# ---------------------------------------------------------------- shape and validity


def test_cinco_secciones_diez_indicadores_22_actividades(datos):
    assert datos.problemas == []
    assert datos.indicadores[v.SECCION].unique().tolist() == ["I", "II", "III", "IV", "V"]
    assert len(datos.indicadores) == 10
    assert len(datos.actividades) == 22
    assert datos.indicadores[v.CLAVE_INDICADOR].tolist() == [
        "1.1", "1.2", "2.1", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1"]
    por_indicador = datos.actividades.groupby(v.CLAVE_INDICADOR).size().to_dict()
    assert por_indicador == {"1.1": 2, "1.2": 2, "2.1": 6, "3.1": 2, "3.2": 1, "3.3": 1,
                             "4.1": 4, "4.2": 1, "4.3": 2, "5.1": 1}


def test_nombres_de_las_secciones(datos):
    nombres = datos.indicadores.groupby(v.SECCION)[v.NOMBRE_SECCION].unique().to_dict()
    assert {s: list(n) for s, n in nombres.items()} == {
        "I": ["Capacitación y sensibilización"],
        "II": ["Difusión"],
        "III": ["Atención a denuncias en materia de ética, integridad pública y conflictos de interés"],
        "IV": ["Operación del Comité de Ética y de Prevención de Conflictos de Interés"],
        "V": ["Mejora de procesos"],
    }


def test_registro_de_ejemplo_completo(datos):
    sys.path.insert(0, str(RAIZ / "tools"))
    try:
        import crear_datos_2020 as crear
    finally:
        sys.path.remove(str(RAIZ / "tools"))
    assert len(datos.evidencias) == len(crear.EVIDENCIAS)
    assert len(datos.mediciones) == len(crear.MEDICIONES)
    assert datos.evidencias[v.FECHA].dt.year.eq(2020).all()
    assert set(datos.evidencias[v.CLAVE_ACTIVIDAD]) == set(datos.actividades[v.CLAVE_ACTIVIDAD]) - {"4.1.3"}


def test_el_registro_dice_que_es_de_ejemplo():
    libro = load_workbook(RAIZ / "data" / "evidencias_2020.xlsx", read_only=True)
    for hoja in (v.HOJA_EVIDENCIAS, v.HOJA_MEDICIONES):
        titulo = next(libro[hoja].iter_rows(min_row=1, max_row=1, values_only=True))[0]
        assert "DATOS DE EJEMPLO" in titulo
    libro.close()


# ---------------------------------------------------------------- exact values


@pytest.mark.parametrize("clave, inicio, fin", [
    ("1.1.2", "2020-01-02", "2020-12-31"),
    ("3.1.2", "2020-03-02", "2020-11-27"),
    ("5.1.1", "2020-04-06", "2020-08-28"),
    ("4.1.1", "2020-02-17", "2020-12-31"),
    ("1.1.1", "2020-03-02", "2020-12-31"),
    ("3.1.1", "2020-01-01", "2020-12-31"),
])
def test_fechas_exactas(datos, clave, inicio, fin):
    fila = por_clave(datos.actividades, v.CLAVE_ACTIVIDAD).loc[clave]
    assert fila[v.FECHA_INICIO] == pd.Timestamp(inicio)
    assert fila[v.FECHA_FIN] == pd.Timestamp(fin)


def test_tres_riesgos_distintos(datos):
    riesgos = set(datos.actividades[v.RIESGOS])
    assert len(riesgos) == 3
    assert "Cargas de trabajo fuera de lo habitual impiden a los integrantes atender los asuntos del CEPCI." in riesgos


def test_mecanismo_de_difusion_completo_en_las_seis(datos):
    act = por_clave(datos.actividades, v.CLAVE_ACTIVIDAD)
    for n in range(1, 7):
        assert act.at[f"2.1.{n}", v.MECANISMO] == DIFUSION
    assert (datos.actividades[v.MECANISMO] == DIFUSION).sum() == 6


def test_solicitadas_por_la_ueippci(datos):
    solicitadas = datos.actividades.loc[datos.actividades[v.SOLICITADA_UEIPPCI], v.CLAVE_ACTIVIDAD]
    assert solicitadas.tolist() == ["2.1.5", "2.1.6"]
    assert not datos.actividades[v.ACTIVIDAD].str.contains("*", regex=False).any()
    act = por_clave(datos.actividades, v.CLAVE_ACTIVIDAD)
    assert act.at["2.1.5", v.ACTIVIDAD].endswith("hacerse acreedoras.")
    assert act.at["2.1.6", v.ACTIVIDAD].endswith("de la Corrupción.")


def test_ningun_marcado_html_en_los_libros():
    for nombre in ("pat_2020.xlsx", "evidencias_2020.xlsx"):
        libro = load_workbook(RAIZ / "data" / nombre, read_only=True)
        for hoja in libro.worksheets:
            for fila in hoja.iter_rows(values_only=True):
                for celda in fila:
                    if isinstance(celda, str):
                        assert "<i>" not in celda and "</i>" not in celda, (nombre, hoja.title, celda)
        libro.close()


META = {
    "1.1": (15, v.PORCENTAJE, v.MEDICION),
    "1.2": (75, v.PORCENTAJE, v.MEDICION),
    "2.1": (80, v.PORCENTAJE, v.POR_ACTIVIDADES),
    "3.1": (85, v.PORCENTAJE, v.MEDICION),
    "3.2": (80, v.PORCENTAJE, v.MEDICION),
    "3.3": (80, v.PORCENTAJE, v.MEDICION),
    "4.1": (80, v.PORCENTAJE, v.POR_ACTIVIDADES),
    "4.2": (1, v.NUMERO, v.POR_ACTIVIDADES),
    "4.3": (50, v.PORCENTAJE, v.MEDICION),
    "5.1": (5, v.NUMERO, v.MEDICION),
}


def test_valor_meta_unidad_y_calculo(datos):
    ind = por_clave(datos.indicadores, v.CLAVE_INDICADOR)
    leido = {c: (ind.at[c, v.VALOR_META], ind.at[c, v.UNIDAD], ind.at[c, v.CALCULO]) for c in ind.index}
    assert leido == META


def test_valor_meta_en_porcentaje_esta_en_el_texto_de_la_meta(datos):
    for _, fila in datos.indicadores.iterrows():
        if fila[v.UNIDAD] == v.PORCENTAJE:
            assert f"{fila[v.VALOR_META]:g}%" in fila[v.META], fila[v.CLAVE_INDICADOR]


def test_celdas_de_valor_meta_escritas_de_varias_formas():
    # The shipped plan types its targets the ways a person would: "15%", 0.75, 80.
    hoja = load_workbook(RAIZ / "data" / "pat_2020.xlsx", read_only=True)[v.HOJA_INDICADORES]
    filas = list(hoja.iter_rows(values_only=True))
    encabezado = next(i for i, f in enumerate(filas) if v.VALOR_META in f)
    columna = filas[encabezado].index(v.VALOR_META)
    crudos = [f[columna] for f in filas[encabezado + 1:] if f[columna] is not None]
    assert crudos[:3] == ["15%", 0.75, 80]


# ---------------------------------------------------------------- the seed document


def test_cada_texto_del_plan_esta_en_la_semilla(datos, semilla):
    texto = plano(semilla)
    faltan = []
    for columna in (v.INDICADOR, v.OBJETIVO, v.META):
        faltan += [(columna, t) for t in datos.indicadores[columna] if plano(t) not in texto]
    for columna in (v.ACTIVIDAD, v.MECANISMO):
        faltan += [(columna, t) for t in datos.actividades[columna]
                   if t != DIFUSION and plano(t) not in texto]
    assert faltan == []


def test_mecanismo_de_difusion_partido_en_la_semilla(semilla):
    # The seed's merged cell prints the text in two pieces, on 2.1.1 and on 2.1.4.
    assert "Imagen digital o captura de pantalla de la difusión del" in semilla
    assert "material o de destinatarios del mensaje." in semilla


def test_riesgos_de_la_semilla_sin_acentos_ni_mayusculas(datos, semilla):
    texto = sin_acentos(plano(semilla)).lower()
    for riesgo in set(datos.actividades[v.RIESGOS]):
        assert sin_acentos(plano(riesgo)).lower().rstrip(".") in texto


def test_secciones_de_la_semilla(datos, semilla):
    for nombre in datos.indicadores[v.NOMBRE_SECCION].unique():
        assert nombre.casefold() in semilla.casefold()


def test_actividades_y_fechas_fila_por_fila_contra_la_semilla(datos, semilla):
    filas = re.findall(r"^(\d+\.\d+\.\d+)\t(.*?)\t(\d\d/\d\d/\d{4})\t(\d\d/\d\d/\d{4})", semilla, re.M)
    assert len(filas) == 22
    act = por_clave(datos.actividades, v.CLAVE_ACTIVIDAD)
    assert [f[0] for f in filas] == act.index.tolist()
    for clave, actividad, inicio, fin in filas:
        asterisco = actividad.endswith("*")
        assert act.at[clave, v.ACTIVIDAD] == actividad.rstrip("*")
        assert bool(act.at[clave, v.SOLICITADA_UEIPPCI]) == asterisco
        assert act.at[clave, v.FECHA_INICIO] == pd.Timestamp(datetime.strptime(inicio, "%d/%m/%Y"))
        assert act.at[clave, v.FECHA_FIN] == pd.Timestamp(datetime.strptime(fin, "%d/%m/%Y"))


def test_indicadores_en_el_orden_de_la_semilla(datos, semilla):
    campos = {c: re.findall(rf"^{c}\t(.*)$", semilla, re.M) for c in ("Indicador", "Objetivo", "Meta")}
    assert all(len(textos) == 10 for textos in campos.values())
    assert datos.indicadores[v.INDICADOR].tolist() == [t.strip() for t in campos["Indicador"]]
    assert datos.indicadores[v.OBJETIVO].tolist() == [t.strip() for t in campos["Objetivo"]]
    assert datos.indicadores[v.META].tolist() == [t.strip() for t in campos["Meta"]]


# ---------------------------------------------------------------- regenerating the data


def valores(ruta: Path) -> dict[str, list[tuple]]:
    libro = load_workbook(ruta)
    contenido = {hoja.title: [tuple(f) for f in hoja.iter_rows(values_only=True)]
                 for hoja in libro.worksheets}
    contenido["_estado"] = [(hoja.title, hoja.sheet_state) for hoja in libro.worksheets]
    return contenido


def test_la_herramienta_reproduce_los_libros_entregados(tmp_path):
    resultado = subprocess.run(
        [sys.executable, str(RAIZ / "tools" / "crear_datos_2020.py"), "--salida", str(tmp_path)],
        capture_output=True, timeout=120, cwd=tmp_path,
    )
    assert resultado.returncode == 0, resultado.stderr.decode()
    for nombre in ("pat_2020.xlsx", "evidencias_2020.xlsx"):
        entregado, regenerado = valores(RAIZ / "data" / nombre), valores(tmp_path / nombre)
        assert list(regenerado) == list(entregado)
        for hoja in entregado:
            assert regenerado[hoja] == entregado[hoja], (nombre, hoja)


def test_la_herramienta_no_sobrescribe(tmp_path):
    (tmp_path / "pat_2020.xlsx").write_bytes(b"mio")
    resultado = subprocess.run(
        [sys.executable, str(RAIZ / "tools" / "crear_datos_2020.py"), "--salida", str(tmp_path)],
        capture_output=True, timeout=120,
    )
    assert resultado.returncode != 0
    assert (tmp_path / "pat_2020.xlsx").read_bytes() == b"mio"
