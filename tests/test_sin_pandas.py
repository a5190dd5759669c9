"""The command line's roll-up never loads pandas (a third of a second of every run), and the
Arrow columns it builds and reads from their buffers hold exactly what they were given."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pat_core import Umbrales, cargar, evaluar
from pat_core import vocabulario as v
from pat_core.cache import CacheLecturas
from pat_core.comites import al_corte_de, tabla
from pat_core.contrato import desde_buffer, en_numpy, enteros_arrow, numpy_arrow, texto_arrow
from pat_core.exportar import csv_bytes
from pat_core.filtros import FiltroActividades

RAIZ = Path(__file__).resolve().parent.parent
VARIADA = RAIZ / "tests" / "golden" / "variada"
NO_SE_CARGAN = ("pandas", "openpyxl", "plotly", "docx")

_CORRER = """
import runpy, sys
sys.argv = ["pat_core", *sys.argv[1:]]
try:
    runpy.run_module("pat_core", run_name="__main__")
except SystemExit as salida:
    codigo = salida.code
cargados = [m for m in {no_se_cargan!r} if m in sys.modules]
print("CARGADOS:", ",".join(cargados), file=sys.stderr)
sys.exit(codigo)
"""


def _correr(argumentos: list[str], cache: Path, cwd: Path) -> subprocess.CompletedProcess:
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ), "PAT_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-c", _CORRER.format(no_se_cargan=NO_SE_CARGAN),
                           *argumentos], capture_output=True, env=entorno, cwd=cwd)


def test_el_consolidado_en_csv_no_carga_pandas_ni_en_frio_ni_en_caliente(tmp_path):
    """The golden «variada» workbooks (rows with errors, every sheet) as two committees."""
    datos = tmp_path / "datos"
    for comite in ("Comite_A", "Comite_B"):
        (datos / comite).mkdir(parents=True)
        for libro in VARIADA.glob("*.xlsx"):
            shutil.copy2(libro, datos / comite / libro.name)
    orden = ["indicadores", "--datos", str(datos), "--anio", "2020", "--corte", "2020-06-30"]
    salidas = []
    for argumentos in (orden, orden, [*orden, "--seccion", "I"]):
        salida = _correr(argumentos, tmp_path / "cache", tmp_path)
        assert salida.returncode == 0, salida.stderr.decode()
        assert "CARGADOS: \n" in salida.stderr.decode()
        salidas.append(salida.stdout)
    frio, caliente, seccion = salidas
    assert frio == caliente and frio.count(b"\r\n") > 10
    assert 1 < seccion.count(b"\r\n") < frio.count(b"\r\n")
    for filtro in ([], ["--semaforo", "rojo", "--buscar", "SERIAL"]):
        actividades = _correr(["actividades", *orden[1:], *filtro], tmp_path / "cache", tmp_path)
        assert actividades.returncode == 0, actividades.stderr.decode()
        assert "CARGADOS: \n" in actividades.stderr.decode()
        assert actividades.stdout.count(b"\r\n") > 2  # the header, and rows of both committees


@pytest.mark.parametrize("comando", ["indicadores", "actividades"])
def test_un_solo_comite_da_las_filas_del_consolidado(tmp_path, comando):
    """``--comite`` computes one programme as the roll-up does, without pandas either."""
    datos = tmp_path / "datos"
    (datos / "Comite_A").mkdir(parents=True)
    for libro in VARIADA.glob("*.xlsx"):
        shutil.copy2(libro, datos / "Comite_A" / libro.name)
    orden = [comando, "--datos", str(datos), "--corte", "2020-06-30"]
    todos = _correr(orden, tmp_path / "cache", tmp_path)
    uno = _correr([*orden, "--comite", "Comite_A"], tmp_path / "cache", tmp_path)
    assert todos.returncode == uno.returncode == 0
    assert "CARGADOS: \n" in uno.stderr.decode()
    filas_todos = todos.stdout.decode("utf-8-sig").splitlines()
    filas_uno = uno.stdout.decode("utf-8-sig").splitlines()
    assert [f.partition(",")[2] for f in filas_todos[1:]] == filas_uno[1:]


textos = st.lists(st.none() | st.text(), max_size=60)


@given(textos)
def test_texto_arrow_guarda_cada_texto_y_cada_vacio(valores):
    columna = texto_arrow(valores)
    assert columna.type == pa.string() and columna.to_pylist() == valores
    assert en_numpy(columna).tolist() == valores


@given(textos, st.integers(0, 30), st.integers(0, 30))
def test_en_numpy_de_un_diccionario_recortado(valores, desde, largo):
    columna = texto_arrow(valores)
    codificada = columna.dictionary_encode().slice(desde, largo)
    assert en_numpy(codificada).tolist() == columna.slice(desde, largo).to_pylist()


@given(st.lists(st.none() | st.integers(-2**63, 2**63 - 1), max_size=40))
def test_enteros_arrow_guarda_cada_entero_y_cada_vacio(valores):
    assert enteros_arrow(valores).to_pylist() == valores


columnas_numpy = st.one_of(
    st.lists(st.booleans(), max_size=70).map(lambda x: np.array(x, dtype=bool)),
    st.lists(st.integers(-2**63, 2**63 - 1), max_size=70).map(lambda x: np.array(x, np.int64)),
    st.lists(st.floats(allow_nan=True), max_size=70).map(lambda x: np.array(x, dtype=float)),
    st.lists(st.none() | st.integers(-10**6, 10**6), max_size=70).map(
        lambda x: np.array([np.datetime64("NaT") if d is None else np.datetime64(d, "D")
                            for d in x], dtype="datetime64[s]")),
)


@given(columnas_numpy, st.integers(0, 70), st.integers(0, 70))
def test_una_columna_numpy_vuelve_igual_de_arrow_aun_recortada(valores, desde, largo):
    """Flags are bits: a slice that starts inside a byte still reads its own."""
    arrow = numpy_arrow(valores).slice(desde, largo)
    de_vuelta = desde_buffer(arrow, valores.dtype)
    np.testing.assert_array_equal(de_vuelta, valores[desde:desde + largo])
    assert de_vuelta.dtype == valores.dtype


@pytest.mark.parametrize("filtro", [
    FiltroActividades(),
    FiltroActividades(secciones=("II", "IV")),
    FiltroActividades(estados=(v.EN_PROCESO,), semaforos=(v.ROJO, v.AMARILLO)),
    FiltroActividades(texto="  SERIAL   cómo "),
    FiltroActividades(indicadores=("1.1",), texto="curso"),
    FiltroActividades(responsables=("Ana",)),
], ids=repr)
def test_un_filtro_da_las_mismas_filas_en_un_dataframe_y_en_columnas(filtro):
    """The dashboard filters DataFrames, the command line numpy columns: one rule, same rows."""
    corte = "2020-06-30"
    marco = evaluar(cargar(VARIADA, 2020), corte).actividades
    columnas = tabla(al_corte_de(CacheLecturas().anio(VARIADA, 2020), Umbrales(), corte)[0])
    del_tablero = csv_bytes(filtro.aplicar(marco), v.COLUMNAS_ACTIVIDADES)
    assert csv_bytes(filtro.aplicar(columnas), v.COLUMNAS_ACTIVIDADES) == del_tablero
    assert del_tablero.count(b"\r\n") > 1  # some rows besides the header
