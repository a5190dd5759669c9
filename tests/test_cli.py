"""``python -m pat_core``: the command line on the shipped data and on broken folders."""

from __future__ import annotations

import ast
import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pat_core import vocabulario as v
from pat_core.cli import main
from tests.ayudantes import ACTIVIDADES, carpeta, escribir_libro

RAIZ = Path(__file__).resolve().parent.parent
BOM = b"\xef\xbb\xbf"


def correr(*argumentos: str, cwd: Path = RAIZ, env: dict | None = None) -> subprocess.CompletedProcess:
    entorno = {k: val for k, val in os.environ.items() if k != "PAT_DATOS"}
    entorno["PYTHONPATH"] = str(RAIZ)
    entorno.update(env or {})
    return subprocess.run([sys.executable, "-m", "pat_core", *argumentos], cwd=cwd, env=entorno,
                          capture_output=True, timeout=120)


def filas_csv(contenido: bytes) -> list[dict]:
    assert contenido.startswith(BOM)
    return list(csv.DictReader(io.StringIO(contenido.decode("utf-8-sig"), newline="")))


def ejecutar(capsysbinary, *argumentos) -> tuple[int, bytes, str]:
    codigo = main([str(a) for a in argumentos])
    salida = capsysbinary.readouterr()
    return codigo, salida.out, salida.err.decode("utf-8")


@pytest.fixture(autouse=True)
def sin_pat_datos(monkeypatch):
    monkeypatch.delenv("PAT_DATOS", raising=False)


# ---------------------------------------------------------------- indicadores


def test_indicadores_al_30_de_junio_por_subproceso():
    resultado = correr("indicadores", "--datos", "data", "--corte", "2020-06-30")
    assert resultado.returncode == 0, resultado.stderr.decode()
    assert resultado.stderr == b""
    texto = resultado.stdout.decode("utf-8-sig")
    lineas = texto.split("\r\n")
    assert lineas[0] == ",".join(v.COLUMNAS_INDICADORES)
    assert lineas[0] == ("Sección,Nombre de la sección,Clave indicador,Indicador,Meta,Unidad,Cálculo,"
                         "Valor meta,Valor logrado,Valor esperado al corte,Cumplimiento %,"
                         "Estado de la meta,Fecha de medición")
    filas = filas_csv(resultado.stdout)
    assert len(filas) == 10
    assert [f[v.CLAVE_INDICADOR] for f in filas] == ["1.1", "1.2", "2.1", "3.1", "3.2", "3.3",
                                                     "4.1", "4.2", "4.3", "5.1"]


def indicadores(capsysbinary, datos, corte) -> dict[str, dict]:
    codigo, salida, _ = ejecutar(capsysbinary, "indicadores", "--datos", datos, "--corte", corte)
    assert codigo == 0
    return {f[v.CLAVE_INDICADOR]: f for f in filas_csv(salida)}


def test_indicadores_al_30_de_junio(capsysbinary, datos_ejemplo):
    tabla = indicadores(capsysbinary, datos_ejemplo, "2020-06-30")
    # 46 of 200 people trained by 30/06: 23 % against a 15 % target.
    assert tabla["1.1"][v.VALOR_LOGRADO] == "23"
    assert tabla["1.1"][v.VALOR_META] == "15"
    assert tabla["1.1"][v.CUMPLIMIENTO] == "153.3"
    assert tabla["1.1"][v.VALOR_ESPERADO] == "7.5"
    assert tabla["1.1"][v.FECHA_MEDICION] == "30/06/2020"
    assert tabla["1.1"][v.ESTADO_META] == v.CUMPLIDA
    assert (tabla["1.2"][v.VALOR_LOGRADO], tabla["1.2"][v.ESTADO_META]) == ("40", v.EN_CAMINO)
    assert (tabla["3.1"][v.VALOR_LOGRADO], tabla["3.1"][v.ESTADO_META]) == ("100", v.CUMPLIDA)
    assert (tabla["4.3"][v.VALOR_LOGRADO], tabla["4.3"][v.ESTADO_META]) == ("32", v.EN_CAMINO)
    # Nothing concluded yet in the two indicators computed from activities.
    assert (tabla["2.1"][v.VALOR_LOGRADO], tabla["2.1"][v.ESTADO_META]) == ("0", v.EN_CAMINO)
    assert tabla["2.1"][v.FECHA_MEDICION] == ""
    # 4.2 counts its one activity, not concluded yet and due on 31/12: 0 of 0 expected.
    assert (tabla["4.2"][v.VALOR_LOGRADO], tabla["4.2"][v.VALOR_ESPERADO]) == ("0", "0")
    assert tabla["4.2"][v.ESTADO_META] == v.EN_CAMINO
    # 3.2 had no complaints in the half year (0 of 0); 5.1 has no measurement dated by 30/06.
    assert (tabla["3.2"][v.ESTADO_META], tabla["3.2"][v.FECHA_MEDICION]) == (v.SIN_CASOS, "30/06/2020")
    assert (tabla["5.1"][v.ESTADO_META], tabla["5.1"][v.FECHA_MEDICION]) == (v.SIN_MEDICION, "")
    for clave in ("3.2", "5.1"):
        assert tabla[clave][v.VALOR_LOGRADO] == tabla[clave][v.CUMPLIMIENTO] == ""


def test_indicadores_al_cierre(capsysbinary, datos_ejemplo):
    tabla = indicadores(capsysbinary, datos_ejemplo, "2020-12-31")
    estados = {clave: fila[v.ESTADO_META] for clave, fila in tabla.items()}
    assert sorted(c for c, e in estados.items() if e == v.NO_CUMPLIDA) == ["3.1", "4.1", "5.1"]
    assert sum(e == v.CUMPLIDA for e in estados.values()) == 7
    assert tabla["1.1"][v.VALOR_LOGRADO] == "35.5"    # 71 of 200
    assert tabla["1.2"][v.VALOR_LOGRADO] == "80"      # 4 of 5
    assert tabla["2.1"][v.VALOR_LOGRADO] == "83.3"    # 5 of 6 activities: 2.1.5 at 70 %
    assert tabla["3.1"][v.VALOR_LOGRADO] == "71.4"    # 5 of 7
    assert tabla["3.1"][v.CUMPLIMIENTO] == "84"
    assert tabla["4.1"][v.VALOR_LOGRADO] == "75"      # 4.1.3 never got evidence
    assert (tabla["4.2"][v.VALOR_LOGRADO], tabla["4.2"][v.FECHA_MEDICION]) == ("1", "")  # 4.2.1
    assert tabla["4.3"][v.VALOR_LOGRADO] == "56"
    assert (tabla["5.1"][v.VALOR_LOGRADO], tabla["5.1"][v.VALOR_META]) == ("3", "5")


def test_indicadores_por_seccion(capsysbinary, datos_ejemplo):
    codigo, salida, _ = ejecutar(capsysbinary, "indicadores", "--datos", datos_ejemplo, "--corte",
                                 "2020-12-31", "--seccion", "iii", "--seccion", "5")
    assert codigo == 0
    assert [f[v.CLAVE_INDICADOR] for f in filas_csv(salida)] == ["3.1", "3.2", "3.3", "5.1"]


def test_indicadores_antes_de_toda_medicion(capsysbinary, datos_ejemplo):
    tabla = indicadores(capsysbinary, datos_ejemplo, "2020-01-15")
    assert len(tabla) == 10
    assert {f[v.ESTADO_META] for c, f in tabla.items() if c not in ("2.1", "4.1", "4.2")} == {
        v.SIN_MEDICION}


# ---------------------------------------------------------------- actividades


def actividades(capsysbinary, datos, corte, *extra) -> dict[str, dict]:
    codigo, salida, _ = ejecutar(capsysbinary, "actividades", "--datos", datos, "--corte", corte, *extra)
    assert codigo == 0
    return {f[v.CLAVE_ACTIVIDAD]: f for f in filas_csv(salida)}


def test_actividades_al_cierre(capsysbinary, datos_ejemplo):
    tabla = actividades(capsysbinary, datos_ejemplo, "2020-12-31")
    assert len(tabla) == 22
    assert (tabla["5.1.1"][v.ESTADO], tabla["5.1.1"][v.SEMAFORO]) == (v.VENCIDA, v.ROJO)
    assert tabla["5.1.1"][v.AVANCE] == "60"
    assert tabla["5.1.1"][v.DIAS_RESTANTES] == "-125"
    assert (tabla["4.1.3"][v.EVIDENCIAS], tabla["4.1.3"][v.AVANCE]) == ("0", "0")
    assert tabla["4.1.3"][v.ULTIMA_EVIDENCIA] == ""
    # 2.1.5 ends on the cut-off: short of done, still on time, but red.
    assert (tabla["2.1.5"][v.ESTADO], tabla["2.1.5"][v.SEMAFORO]) == (v.EN_PROCESO, v.ROJO)
    assert tabla["2.1.5"][v.SOLICITADA_UEIPPCI] == "Sí"
    assert tabla["2.1.4"][v.SOLICITADA_UEIPPCI] == "No"
    assert tabla["1.1.1"][v.FECHA_INICIO] == "02/03/2020"
    assert tabla["1.1.1"][v.ULTIMA_EVIDENCIA] == "30/09/2020"
    assert sorted(c for c, f in tabla.items() if f[v.ESTADO] != v.CONCLUIDA) == ["2.1.5", "4.1.3", "5.1.1"]


def test_actividades_encabezado(capsysbinary, datos_ejemplo):
    codigo, salida, _ = ejecutar(capsysbinary, "actividades", "--datos", datos_ejemplo, "--corte",
                                 "2020-12-31")
    assert codigo == 0
    primera = salida[len(BOM):].split(b"\r\n")[0].decode("utf-8")
    assert primera == ",".join(v.COLUMNAS_ACTIVIDADES)


def test_actividades_al_30_de_junio(capsysbinary, datos_ejemplo):
    tabla = actividades(capsysbinary, datos_ejemplo, "2020-06-30")
    assert {f[v.ESTADO] for f in tabla.values()} == {v.EN_PROCESO}
    assert tabla["1.1.1"][v.AVANCE] == "60"  # the 30/09 evidence has not happened yet
    assert tabla["5.1.1"][v.SEMAFORO] == v.AMARILLO
    assert sorted(c for c, f in tabla.items() if f[v.SEMAFORO] == v.ROJO) == ["3.2.1", "4.1.3", "4.2.1"]


def test_actividades_filtro_seccion_y_semaforo(capsysbinary, datos_ejemplo):
    tabla = actividades(capsysbinary, datos_ejemplo, "2020-12-31", "--seccion", "II", "--semaforo", "rojo")
    assert list(tabla) == ["2.1.5"]
    assert tabla["2.1.5"][v.SECCION] == "II"
    tabla = actividades(capsysbinary, datos_ejemplo, "2020-12-31", "--seccion", "II")
    assert list(tabla) == [f"2.1.{n}" for n in range(1, 7)]
    tabla = actividades(capsysbinary, datos_ejemplo, "2020-06-30", "--seccion", "II", "--semaforo", "ROJO")
    assert tabla == {}


def test_actividades_otros_filtros(capsysbinary, datos_ejemplo):
    assert list(actividades(capsysbinary, datos_ejemplo, "2020-12-31", "--estado", "vencida")) == ["5.1.1"]
    assert list(actividades(capsysbinary, datos_ejemplo, "2020-12-31", "--indicador", "4.1")) == [
        "4.1.1", "4.1.2", "4.1.3", "4.1.4"]
    encontradas = actividades(capsysbinary, datos_ejemplo, "2020-12-31", "--buscar", "PLATAFORMA de ciudadanos")
    assert list(encontradas) == ["2.1.6"]
    # Search ignores accents: «tecnologicos» finds the risk «tecnológicos».
    assert len(actividades(capsysbinary, datos_ejemplo, "2020-12-31", "--buscar", "tecnologicos")) == 8


def test_salida_escribe_los_mismos_bytes(capsysbinary, datos_ejemplo, tmp_path):
    argumentos = ["actividades", "--datos", datos_ejemplo, "--corte", "2020-09-30", "--seccion", "I"]
    codigo, salida, _ = ejecutar(capsysbinary, *argumentos)
    assert codigo == 0
    archivo = tmp_path / "actividades.csv"
    codigo, vacia, error = ejecutar(capsysbinary, *argumentos, "--salida", archivo)
    assert codigo == 0
    assert vacia == b""
    assert archivo.read_bytes() == salida
    assert f"Se escribió {archivo}" in error


def test_salida_a_carpeta_inexistente(capsysbinary, datos_ejemplo, tmp_path):
    codigo, _, error = ejecutar(capsysbinary, "indicadores", "--datos", datos_ejemplo,
                                "--salida", tmp_path / "no" / "existe.csv")
    assert codigo == 2
    assert "no se pudo escribir" in error


def test_salida_por_subproceso_igual_a_stdout(tmp_path):
    archivo = tmp_path / "indicadores.csv"
    con_archivo = correr("indicadores", "--datos", "data", "--corte", "2020-12-31", "--salida", str(archivo))
    sin_archivo = correr("indicadores", "--datos", "data", "--corte", "2020-12-31")
    assert con_archivo.returncode == sin_archivo.returncode == 0
    assert con_archivo.stdout == b""
    assert archivo.read_bytes() == sin_archivo.stdout


# ---------------------------------------------------------------- data folder


def test_variable_pat_datos(tmp_path):
    resultado = correr("indicadores", "--corte", "2020-12-31", cwd=tmp_path,
                       env={"PAT_DATOS": str(RAIZ / "data")})
    assert resultado.returncode == 0, resultado.stderr.decode()
    assert len(filas_csv(resultado.stdout)) == 10


def test_datos_explicito_gana_a_pat_datos(capsysbinary, monkeypatch, datos_ejemplo, tmp_path):
    monkeypatch.setenv("PAT_DATOS", str(tmp_path))  # an empty folder
    codigo, salida, _ = ejecutar(capsysbinary, "indicadores", "--datos", datos_ejemplo)
    assert codigo == 0
    assert len(filas_csv(salida)) == 10
    codigo, _, error = ejecutar(capsysbinary, "indicadores")
    assert codigo == 2
    assert str(tmp_path) in error


def test_sin_pat_datos_usa_data_del_directorio(tmp_path):
    resultado = correr("indicadores", cwd=tmp_path)
    assert resultado.returncode == 2
    error = resultado.stderr.decode()
    assert "no se encontró ningún libro pat_AAAA.xlsx" in error
    assert "«data»" in error
    assert "Traceback" not in error


def test_carpeta_sin_libro_pat(capsysbinary, tmp_path):
    (tmp_path / "evidencias_2020.xlsx").write_bytes(b"")
    codigo, salida, error = ejecutar(capsysbinary, "validar", "--datos", tmp_path)
    assert codigo == 2
    assert salida == b""
    assert error.startswith("error: no se encontró ningún libro pat_AAAA.xlsx")


def test_anio_no_disponible(capsysbinary, datos_ejemplo):
    codigo, _, error = ejecutar(capsysbinary, "indicadores", "--datos", datos_ejemplo, "--anio", "2019")
    assert codigo == 2
    assert "pat_2019.xlsx" in error and "2020" in error


def test_anio_mas_reciente_por_omision(capsysbinary, tmp_path):
    carpeta(tmp_path, anio=2020)
    carpeta(tmp_path, anio=2021)
    codigo, salida, _ = ejecutar(capsysbinary, "validar", "--datos", tmp_path, "--corte", "2021-06-30")
    assert codigo == 0  # the helper's 2020 dates are only warnings in 2021
    assert salida.decode().splitlines()[-1].endswith("en los libros de 2021 (corte 30/06/2021).")
    codigo, salida, _ = ejecutar(capsysbinary, "validar", "--datos", tmp_path, "--anio", "2020",
                                 "--corte", "2020-06-30")
    assert "0 error(es), 0 aviso(s) en los libros de 2020" in salida.decode()


# ---------------------------------------------------------------- usage errors


@pytest.mark.parametrize("argumentos, mensaje", [
    (["indicadores", "--datos", "data", "--corte", "31/02/2020"], "la fecha de corte «31/02/2020» no es válida"),
    (["indicadores", "--datos", "data", "--corte", "ayer"], "use AAAA-MM-DD"),
    (["actividades", "--datos", "data", "--semaforo", "morado"], "«morado» no es un color de semáforo válido"),
    (["actividades", "--datos", "data", "--estado", "pausada"], "no es un estado válido"),
    (["actividades", "--datos", "data", "--seccion", "XX"], "número romano"),
    (["indicadores", "--datos", "data", "--seccion", "0"], "número romano"),
    (["actividades", "--datos", "data", "--indicador", "1"], "clave de 2 números"),
])
def test_error_de_uso_en_espanol_sin_traza(capsysbinary, argumentos, mensaje):
    codigo, salida, error = ejecutar(capsysbinary, *[str(RAIZ / a) if a == "data" else a for a in argumentos])
    assert codigo == 2
    assert salida == b""
    assert error.startswith("error: ")
    assert mensaje in error
    assert "Traceback" not in error


@pytest.mark.parametrize("argumentos, mensaje", [
    (["indicadores", "--corte", "31/02/2020"], "la fecha de corte «31/02/2020» no es válida"),
    (["actividades", "--semaforo", "morado"], "no es un color de semáforo válido"),
    (["indicadores", "--anio", "dosmil"], "valor no válido"),
    (["resumen"], "opción no válida"),
    ([], "faltan los argumentos"),
])
def test_error_de_uso_por_subproceso(argumentos, mensaje):
    resultado = correr(*argumentos, env={"PAT_DATOS": str(RAIZ / "data")})
    assert resultado.returncode == 2
    error = resultado.stderr.decode("utf-8")
    assert mensaje in error
    assert "Traceback" not in error
    assert resultado.stdout == b""


@pytest.mark.parametrize("argumentos", [["--help"], ["plantilla", "-h"], ["indicadores", "--help"]])
def test_ayuda_en_espanol(capsys, argumentos):
    with pytest.raises(SystemExit) as salida:
        main(argumentos)
    assert salida.value.code == 0
    ayuda = capsys.readouterr().out
    assert ayuda.startswith("uso: python -m pat_core")
    assert "opciones:" in ayuda and "muestra esta ayuda y termina" in ayuda
    assert not {"usage", "options", "show this help"} & set(re.findall(r"[a-z ]+", ayuda))


@pytest.mark.parametrize("argumentos, mensaje", [
    (["indicadores", "--datos"], "argumento --datos: se esperaba un valor"),
    (["actividades", "--se", "I"], "opción ambigua: --se puede ser --seccion, --semaforo"),
    (["validar", "--foo"], "argumentos no reconocidos: --foo"),
    (["plantilla", "--anio", "2020"], "faltan los argumentos: --salida"),
    (["--help=si"], "argumento -h/--help: sobra el valor 'si'"),
])
def test_mensajes_de_argparse_en_espanol(capsys, argumentos, mensaje):
    with pytest.raises(SystemExit) as salida:
        main(argumentos)
    assert salida.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("uso: python -m pat_core")
    assert error.endswith(f": error: {mensaje}\n")


def test_argparse_queda_como_estaba(capsys):
    """The Spanish is the CLI's parser's own: argparse's translation hook is not replaced,
    and any other parser in the process still speaks argparse's language."""
    import argparse
    import gettext

    with pytest.raises(SystemExit):
        main(["--help"])
    assert argparse._ is gettext.gettext
    assert argparse.ArgumentParser(prog="otro").format_usage().startswith("usage: ")


def test_cada_comando_tiene_su_funcion():
    from pat_core import cli, comandos

    subcomandos = next(a for a in cli._parser()._actions if a.dest == "comando")
    assert set(subcomandos.choices) == set(comandos.COMANDOS)


def _importados(*argumentos: str) -> set[str]:
    """The modules ``python -m pat_core ARGUMENTOS`` imports (python -X importtime)."""
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ)}
    resultado = subprocess.run([sys.executable, "-X", "importtime", "-m", "pat_core", *argumentos],
                               cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=120)
    return {linea.rsplit("|", 1)[1].strip() for linea in resultado.stderr.splitlines()
            if linea.startswith("import time:") and linea.count("|") == 2}


@pytest.mark.parametrize("argumentos", [["--help"], ["plantilla", "--help"], ["resumen"]])
def test_la_ayuda_no_carga_la_biblioteca(argumentos):
    importados = _importados(*argumentos)
    assert "pat_core.cli" in importados
    assert not {"pandas", "numpy", "openpyxl", "pat_core.comandos"} & importados


def test_un_csv_no_carga_pandas_excel_word_ni_pdf():
    importados = _importados("indicadores", "--datos", "data", "--anio", "2020",
                             "--corte", "2020-06-30")
    assert {"pat_core.comandos", "pat_core.al_corte"} <= importados  # the command did run
    raices = {nombre.split(".")[0] for nombre in importados}
    assert not {"pandas", "openpyxl", "docx", "playwright", "plotly"} & raices
    assert not {"pat_core.informe", "pat_core.informe_anual", "pat_core.plantilla",
                "pat_core.graficas"} & importados


def test_solo_main_importa_la_linea_de_comandos():
    """Nothing in the package imports pat_core.cli but ``python -m pat_core``, and not when
    a process started by multiprocessing imports pat_core.__main__ as its main module."""
    importan = []
    for modulo in (RAIZ / "pat_core").glob("*.py"):
        for nodo in ast.walk(ast.parse(modulo.read_text(encoding="utf-8"))):
            if isinstance(nodo, ast.ImportFrom) and (
                    nodo.module in ("cli", "pat_core.cli")
                    or nodo.module in (None, "pat_core") and "cli" in {a.name for a in nodo.names}):
                importan.append(modulo.name)
            elif isinstance(nodo, ast.Import) and "pat_core.cli" in {a.name for a in nodo.names}:
                importan.append(modulo.name)
    assert importan == ["__main__.py"]
    codigo = "import sys, pat_core.__main__; print('pat_core.cli' in sys.modules)"
    salida = subprocess.run([sys.executable, "-c", codigo], cwd=RAIZ, capture_output=True,
                            text=True, check=True)
    assert salida.stdout.strip() == "False"


# ---------------------------------------------------------------- validar


def test_validar_datos_entregados(capsysbinary, datos_ejemplo):
    codigo, salida, error = ejecutar(capsysbinary, "validar", "--datos", datos_ejemplo, "--corte", "2020-12-31")
    assert codigo == 0
    assert salida.decode().strip() == "0 error(es), 0 aviso(s) en los libros de 2020 (corte 31/12/2020)."
    assert error == ""


def test_validar_por_subproceso_sin_corte():
    resultado = correr("validar", "--datos", "data")
    assert resultado.returncode == 0
    assert "0 error(es)" in resultado.stdout.decode()


def test_validar_carpeta_con_errores(capsysbinary, tmp_path):
    actividades = [list(f) for f in ACTIVIDADES]
    actividades[1][3] = "31/02/2020"
    actividades.append(["9.1.1", "Huérfana", "01/03/2020", "30/03/2020", "", "", ""])
    carpeta(tmp_path, actividades=actividades)
    codigo, salida, _ = ejecutar(capsysbinary, "validar", "--datos", tmp_path, "--corte", "2020-06-30")
    assert codigo == 1
    lineas = salida.decode().splitlines()
    errores = [linea for linea in lineas if linea.startswith("ERROR")]
    assert len(errores) == 3  # the date, the orphan, and 2.1.1's evidence now without activity
    for linea in errores:
        assert "pat_2020.xlsx" in linea or "evidencias_2020.xlsx" in linea
        assert "hoja " in linea and "fila " in linea and "columna " in linea
    assert any("hoja Actividades › fila 3 › columna Fecha fin" in linea and "«31/02/2020»" in linea
               for linea in errores)
    assert any("fila 5 › columna Clave actividad" in linea and "«9.1.1»" in linea for linea in errores)
    assert lineas[-1].startswith("3 error(es)")


def test_validar_incluye_avisos_al_corte(capsysbinary, tmp_path):
    actividades = [list(f) for f in ACTIVIDADES]
    carpeta(tmp_path, actividades=actividades, evidencias=[])
    codigo, salida, _ = ejecutar(capsysbinary, "validar", "--datos", tmp_path, "--corte", "2020-07-15")
    assert codigo == 0  # warnings only
    texto = salida.decode()
    assert "AVISO" in texto and "2.1.1" in texto and "30/06/2020" in texto


def test_validar_salida_csv(capsysbinary, tmp_path):
    actividades = [list(f) for f in ACTIVIDADES]
    actividades[1][3] = "31/02/2020"
    (tmp_path / "d").mkdir()
    carpeta(tmp_path / "d", actividades=actividades)
    archivo = tmp_path / "problemas.csv"
    codigo, salida, _ = ejecutar(capsysbinary, "validar", "--datos", tmp_path / "d", "--corte",
                                 "2020-06-30", "--salida", archivo)
    assert codigo == 1
    filas = filas_csv(archivo.read_bytes())
    assert filas[0]["Severidad"] == "error"
    assert (filas[0]["Libro"], filas[0]["Hoja"], filas[0]["Fila"], filas[0]["Columna"]) == (
        "pat_2020.xlsx", "Actividades", "3", "Fecha fin")
    assert filas[0]["Valor encontrado"] == "31/02/2020"
    assert "2 error(es)" in salida.decode()  # the date, and 2.1.1's evidence left without activity


def test_libro_del_plan_ilegible(capsysbinary, tmp_path):
    (tmp_path / "pat_2020.xlsx").write_text("no soy excel", encoding="utf-8")
    codigo, salida, error = ejecutar(capsysbinary, "indicadores", "--datos", tmp_path)
    assert codigo == 1
    assert salida == b""  # no figures rather than wrong ones
    assert "pat_2020.xlsx" in error and "no es un libro de Excel" in error
    assert "No se calcularon cifras" in error and "Traceback" not in error
    codigo, salida, _ = ejecutar(capsysbinary, "validar", "--datos", tmp_path)
    assert codigo == 1
    assert "ERROR · pat_2020.xlsx" in salida.decode()


def test_filas_con_error_se_anuncian_en_stderr(capsysbinary, tmp_path):
    actividades = [list(f) for f in ACTIVIDADES]
    actividades[2][2] = "mañana"
    carpeta(tmp_path, actividades=actividades)
    codigo, salida, error = ejecutar(capsysbinary, "actividades", "--datos", tmp_path, "--corte", "2020-06-30")
    assert codigo == 0
    assert "1 problema(s)" in error and "validar" in error
    assert [f[v.CLAVE_ACTIVIDAD] for f in filas_csv(salida)] == ["1.1.1", "2.1.1"]


def test_tablero_toml_roto_es_error_de_validacion(capsysbinary, tmp_path):
    carpeta(tmp_path)
    (tmp_path / "tablero.toml").write_text("[semaforo]\nrezago_rojo = 'mucho'\n", encoding="utf-8")
    codigo, salida, _ = ejecutar(capsysbinary, "validar", "--datos", tmp_path, "--corte", "2020-06-30")
    assert codigo == 1
    assert "tablero.toml" in salida.decode()


def test_tablero_toml_cambia_el_semaforo(capsysbinary, tmp_path):
    carpeta(tmp_path)
    base = actividades(capsysbinary, tmp_path, "2020-06-30")
    assert base["1.1.1"][v.SEMAFORO] == v.AMARILLO  # 20 % done, 39.7 % expected
    (tmp_path / "tablero.toml").write_text("[semaforo]\nrezago_amarillo = 25\n", encoding="utf-8")
    assert actividades(capsysbinary, tmp_path, "2020-06-30")["1.1.1"][v.SEMAFORO] == v.VERDE


# ---------------------------------------------------------------- plantilla


def test_plantilla_escribe_dos_libros_y_no_sobrescribe(capsysbinary, tmp_path):
    destino = tmp_path / "nuevo"
    codigo, salida, error = ejecutar(capsysbinary, "plantilla", "--anio", "2025", "--salida", destino)
    assert codigo == 0
    assert salida == b""
    assert sorted(p.name for p in destino.iterdir()) == ["evidencias_2025.xlsx", "pat_2025.xlsx"]
    assert "pat_2025.xlsx" in error and "evidencias_2025.xlsx" in error
    assert load_workbook(destino / "pat_2025.xlsx").sheetnames[:2] == [v.HOJA_INDICADORES, v.HOJA_ACTIVIDADES]
    antes = (destino / "pat_2025.xlsx").read_bytes()

    codigo, _, error = ejecutar(capsysbinary, "plantilla", "--anio", "2025", "--salida", destino)
    assert codigo == 2
    assert "ya existen" in error and "no se sobrescriben" in error
    assert (destino / "pat_2025.xlsx").read_bytes() == antes


def test_plantilla_escribe_solo_el_libro_que_falta(capsysbinary, tmp_path):
    escribir_libro(tmp_path / "evidencias_2025.xlsx", {"Mío": [["no tocar"]]})
    antes = (tmp_path / "evidencias_2025.xlsx").read_bytes()
    codigo, _, error = ejecutar(capsysbinary, "plantilla", "--anio", "2025", "--salida", tmp_path)
    assert codigo == 0
    assert (tmp_path / "pat_2025.xlsx").exists()
    assert (tmp_path / "evidencias_2025.xlsx").read_bytes() == antes
    assert "pat_2025.xlsx" in error and "evidencias_2025.xlsx" not in error


def test_plantilla_de_evidencias_ofrece_las_claves_del_plan(capsysbinary, tmp_path, datos_ejemplo):
    (tmp_path / "pat_2020.xlsx").write_bytes((datos_ejemplo / "pat_2020.xlsx").read_bytes())
    assert ejecutar(capsysbinary, "plantilla", "--anio", "2020", "--salida", tmp_path)[0] == 0
    listas = load_workbook(tmp_path / "evidencias_2020.xlsx")["Listas"]
    columnas = {c[0].value: [x.value for x in c[1:] if x.value] for c in listas.iter_cols()}
    assert len(columnas["actividades"]) == 22 and columnas["actividades"][0] == "1.1.1"
    assert columnas["indicadores"][-1] == "5.1"


def test_plantilla_recien_escrita_valida_sin_errores(capsysbinary, tmp_path):
    assert ejecutar(capsysbinary, "plantilla", "--anio", "2025", "--salida", tmp_path)[0] == 0
    codigo, salida, _ = ejecutar(capsysbinary, "validar", "--datos", tmp_path, "--corte", "2025-03-01")
    assert codigo == 0
    assert "0 error(es), 1 aviso(s) en los libros de 2025" in salida.decode()
    assert "no tiene todavía ningún indicador" in salida.decode()
    codigo, salida, _ = ejecutar(capsysbinary, "actividades", "--datos", tmp_path, "--corte", "2025-03-01")
    assert filas_csv(salida) == []


def test_anio_inexistente_es_un_error_aunque_sea_0(capsysbinary, datos_ejemplo):
    codigo, salida, error = ejecutar(capsysbinary, "indicadores", "--datos", str(datos_ejemplo),
                                     "--anio", "0")
    assert codigo == 2 and salida == b""
    assert "no hay libro pat_0.xlsx" in error and "años disponibles: 2020" in error


def test_cambios_desde_la_sesion_anterior(capsysbinary, datos_ejemplo):
    codigo, salida, _ = ejecutar(capsysbinary, "cambios", "--datos", datos_ejemplo,
                                 "--corte", "2020-09-30")
    assert codigo == 0 and salida.startswith(BOM)
    filas = filas_csv(salida)
    assert list(filas[0]) == ["Tipo de cambio", "Clave", "Detalle", "Antes", "Ahora"]
    # since the session of 24/07/2020: 4.2's one activity concluded, 5.1 first measured (31/07)
    metas = [(f["Clave"], f["Antes"], f["Ahora"]) for f in filas
             if f["Tipo de cambio"] == "Cambio en el estado de la meta"]
    assert ("4.2", "En camino", "Cumplida") in metas


def test_cambios_con_fecha_explicita(capsysbinary, datos_ejemplo):
    codigo, salida, _ = ejecutar(capsysbinary, "cambios", "--datos", datos_ejemplo,
                                 "--desde", "2020-08-28", "--corte", "2020-08-29")
    assert codigo == 0
    # already red on its last day (0 days left), so only its state moves
    assert [(f["Tipo de cambio"], f["Clave"]) for f in filas_csv(salida)] == [
        ("Actividad vencida", "5.1.1")]


def test_cambios_desde_posterior_al_corte(capsysbinary, datos_ejemplo):
    codigo, salida, error = ejecutar(capsysbinary, "cambios", "--datos", datos_ejemplo,
                                     "--desde", "2020-10-30", "--corte", "2020-09-30")
    assert codigo == 2 and salida == b"" and "--desde debe ser anterior" in error


@pytest.mark.parametrize("comando, nombre", [
    ("indicadores", "pat_2020.xlsx"), ("actividades", "evidencias_2020.xlsx"),
    ("validar", "notas.txt"), ("informe", "evidencias_2020.xlsx"), ("cambios", "x.xlsx"),
])
def test_la_salida_nunca_sobrescribe_un_libro(capsysbinary, copia_datos, comando, nombre):
    ruta = copia_datos / nombre
    antes = ruta.read_bytes() if ruta.exists() else None
    codigo, salida, error = ejecutar(capsysbinary, comando, "--datos", copia_datos,
                                     "--salida", ruta)
    assert codigo == 2 and "no se escribe" in error
    assert (ruta.read_bytes() if ruta.exists() else None) == antes


@pytest.mark.parametrize("corte, dice", [
    ("2019-06-30", "fuera del año 2020"), ("5", "no es válida"), ("43892", "no es válida"),
])
def test_corte_fuera_del_anio_o_numero_suelto(capsysbinary, datos_ejemplo, corte, dice):
    codigo, salida, error = ejecutar(capsysbinary, "indicadores", "--datos", datos_ejemplo,
                                     "--corte", corte)
    assert codigo == 2 and salida == b"" and dice in error


# ---------------------------------------------------------------- safe exports


def huellas(carpeta: Path) -> dict[str, bytes]:
    return {str(r.relative_to(carpeta)): r.read_bytes() if r.is_file() else b"<carpeta>"
            for r in sorted(carpeta.rglob("*"))}


@pytest.mark.parametrize("comando, libro, nombre", [
    ("actividades", "evidencias_2020.xlsx", "reporte.csv"),
    ("informe", "pat_2020.xlsx", "informe.html"),
    ("indicadores", "pat_2020.xlsx", "indicadores.xlsx"),
])
def test_salida_por_un_enlace_no_reemplaza_el_libro(capsysbinary, copia_datos, tmp_path,
                                                     comando, libro, nombre):
    (tmp_path / "out").mkdir()
    enlace = tmp_path / "out" / nombre
    enlace.symlink_to(copia_datos / libro)
    antes = huellas(copia_datos)
    codigo, salida, error = ejecutar(capsysbinary, comando, "--datos", copia_datos,
                                     "--salida", enlace)
    assert codigo == 2 and salida == b""
    assert error.startswith("error: ") and "es un enlace simbólico" in error
    assert "Traceback" not in error
    assert huellas(copia_datos) == antes


@pytest.mark.parametrize("relativa", ["x.csv", "../datos/x.csv", "nuevo/x.csv", "x.xlsx"])
def test_salida_dentro_de_la_carpeta_de_datos(capsysbinary, copia_datos, relativa):
    antes = huellas(copia_datos)
    codigo, _, error = ejecutar(capsysbinary, "actividades", "--datos", copia_datos,
                                "--salida", f"{copia_datos}/{relativa}")
    assert codigo == 2
    assert "queda dentro de la carpeta de datos" in error and "Elija un archivo fuera" in error
    assert huellas(copia_datos) == antes


def test_salida_dentro_de_los_datos_por_una_carpeta_enlazada(capsysbinary, copia_datos, tmp_path):
    (tmp_path / "atajo").symlink_to(copia_datos)
    antes = huellas(copia_datos)
    codigo, _, error = ejecutar(capsysbinary, "indicadores", "--datos", copia_datos,
                                "--salida", tmp_path / "atajo" / "indicadores.csv")
    assert codigo == 2 and "dentro de la carpeta de datos" in error
    assert huellas(copia_datos) == antes


def test_salida_dentro_de_los_datos_por_pat_datos(tmp_path, copia_datos):
    """The data folder of $PAT_DATOS, given relative to the working directory, is protected too."""
    antes = huellas(copia_datos)
    resultado = correr("actividades", "--salida", "datos/x.csv", cwd=tmp_path,
                       env={"PAT_DATOS": "datos"})
    assert resultado.returncode == 2
    assert "dentro de la carpeta de datos" in resultado.stderr.decode()
    assert huellas(copia_datos) == antes


def test_salida_a_una_fifo_no_espera(tmp_path):
    os.mkfifo(tmp_path / "tubo.csv")
    resultado = correr("actividades", "--datos", "data", "--salida", str(tmp_path / "tubo.csv"))
    assert resultado.returncode == 2
    assert "tubería con nombre (FIFO)" in resultado.stderr.decode()


def test_la_salida_se_revisa_antes_de_calcular(capsysbinary, monkeypatch, tmp_path):
    """A refused --salida costs nothing: the workbooks are not even read."""
    (tmp_path / "notas.xls").write_bytes(b"")

    def no_leer(*_):
        raise AssertionError("se leyeron los libros")

    monkeypatch.setattr("pat_core.comandos._abrir", no_leer)
    codigo, _, error = ejecutar(capsysbinary, "informe", "--datos", RAIZ / "data",
                                "--salida", tmp_path / "informe.pdf.xls")
    assert codigo == 2 and "debe terminar en .pdf o .html o .htm" in error


@pytest.mark.parametrize("comando, columnas, filas", [
    ("actividades", v.COLUMNAS_ACTIVIDADES, 22), ("indicadores", v.COLUMNAS_INDICADORES, 10),
])
def test_salida_xlsx(capsysbinary, datos_ejemplo, tmp_path, comando, columnas, filas):
    argumentos = [comando, "--datos", datos_ejemplo, "--corte", "2020-09-30"]
    _, csv_bytes, _ = ejecutar(capsysbinary, *argumentos)
    archivo = tmp_path / f"{comando}.xlsx"
    codigo, salida, error = ejecutar(capsysbinary, *argumentos, "--salida", archivo)
    assert codigo == 0 and salida == b"" and f"Se escribió {archivo}" in error
    hoja = load_workbook(archivo).active
    assert hoja.title == {"actividades": "Actividades", "indicadores": "Indicadores"}[comando]
    assert tuple(c.value for c in hoja[1]) == columnas
    assert hoja.max_row == 1 + filas
    claves = [fila[v.CLAVE_INDICADOR] for fila in filas_csv(csv_bytes)]
    columna = columnas.index(v.CLAVE_INDICADOR)
    assert [fila[columna].value for fila in hoja.iter_rows(min_row=2)] == claves
    assert all(fila[columna].data_type == "s" for fila in hoja.iter_rows(min_row=2))
    # A second run replaces its own export.
    assert ejecutar(capsysbinary, *argumentos, "--salida", archivo)[0] == 0


def test_salida_xlsx_de_validar_y_cambios(capsysbinary, datos_ejemplo, tmp_path):
    for comando, hoja in (("validar", "Problemas"), ("cambios", "Cambios")):
        archivo = tmp_path / f"{comando}.xlsx"
        codigo, _, _ = ejecutar(capsysbinary, comando, "--datos", datos_ejemplo, "--corte",
                                "2020-09-30", "--salida", archivo)
        assert codigo == 0
        assert load_workbook(archivo).active.title == hoja


def test_salida_xlsx_sobre_un_libro_ajeno(capsysbinary, datos_ejemplo, tmp_path):
    ajeno = tmp_path / "seguimiento.xlsx"
    ajeno.write_bytes((datos_ejemplo / "pat_2020.xlsx").read_bytes())
    codigo, _, error = ejecutar(capsysbinary, "actividades", "--datos", datos_ejemplo,
                                "--salida", ajeno)
    assert codigo == 2 and "ya existe y no es una exportación del tablero" in error
    assert ajeno.read_bytes() == (datos_ejemplo / "pat_2020.xlsx").read_bytes()


def test_disco_lleno_no_deja_nada_a_medias(capsysbinary, datos_ejemplo, tmp_path, monkeypatch):
    from pat_core import exportar

    destino = tmp_path / "actividades.csv"
    destino.write_bytes(b"la del mes pasado")

    def disco_lleno(_descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exportar.os, "fsync", disco_lleno)
    codigo, _, error = ejecutar(capsysbinary, "actividades", "--datos", datos_ejemplo,
                                "--salida", destino)
    assert codigo == 2
    assert f"no se pudo escribir «{destino}»: no queda espacio en el disco" in error
    assert destino.read_bytes() == b"la del mes pasado"
    assert [p.name for p in tmp_path.iterdir()] == ["actividades.csv"]


# ---------------------------------------------------------------- no catch-all a user can reach

SIN_PRIVILEGIOS = (["setpriv", "--inh-caps=-all", "--bounding-set=-all"] if os.geteuid() == 0
                   else [])


def correr_sin_privilegios(*argumentos: str) -> subprocess.CompletedProcess:
    """As an ordinary user: root would read and write through any permission."""
    entorno = {k: val for k, val in os.environ.items() if k != "PAT_DATOS"}
    entorno["PYTHONPATH"] = str(RAIZ)
    return subprocess.run([*SIN_PRIVILEGIOS, sys.executable, "-m", "pat_core", *argumentos],
                          cwd=RAIZ, env=entorno, capture_output=True, timeout=120)


@pytest.fixture
def sin_permiso():
    """chmod a folder to 000 for the test, and back."""
    cambiadas = []

    def quitar(carpeta: Path, modo: int = 0) -> Path:
        carpeta.chmod(modo)
        cambiadas.append(carpeta)
        return carpeta

    yield quitar
    for cambiada in cambiadas:
        cambiada.chmod(0o755)


def test_carpeta_de_datos_ilegible(copia_datos, sin_permiso):
    sin_permiso(copia_datos)
    resultado = correr_sin_privilegios("validar", "--datos", str(copia_datos))
    error = resultado.stderr.decode()
    assert resultado.returncode == 2, error
    assert f"no se puede abrir la carpeta «{copia_datos}»: no se tiene permiso" in error
    assert "Traceback" not in error and "inesperado" not in error


def test_un_comite_ilegible_no_da_un_error_inesperado(tmp_path, sin_permiso):
    for comite in ("uno", "dos"):
        (tmp_path / comite).mkdir()
        carpeta(tmp_path / comite)
    sin_permiso(tmp_path / "dos")
    resultado = correr_sin_privilegios("indicadores", "--datos", str(tmp_path))
    error = resultado.stderr.decode()
    assert resultado.returncode in (0, 1, 2), error
    assert "dos" in error and "Traceback" not in error and "inesperado" not in error


def test_salida_sin_permiso_de_escritura(tmp_path, sin_permiso):
    (tmp_path / "solo-lectura").mkdir()
    sin_permiso(tmp_path / "solo-lectura", 0o555)
    resultado = correr_sin_privilegios("actividades", "--datos", "data", "--salida",
                                       str(tmp_path / "solo-lectura" / "a.csv"))
    error = resultado.stderr.decode()
    assert resultado.returncode == 2, error
    assert "no se pudo escribir" in error and "no se tiene permiso" in error
    assert list((tmp_path / "solo-lectura").iterdir()) == []


def test_datos_que_no_es_una_carpeta(capsysbinary, tmp_path):
    (tmp_path / "archivo").write_text("x")
    codigo, _, error = ejecutar(capsysbinary, "indicadores", "--datos", tmp_path / "archivo")
    assert codigo == 2 and "inesperado" not in error


def test_terminal_que_no_muestra_acentos(tmp_path):
    actividades = [list(f) for f in ACTIVIDADES]
    actividades[1][3] = "31/02/2020"
    carpeta(tmp_path, actividades=actividades)
    resultado = correr("validar", "--datos", str(tmp_path), "--corte", "2020-06-30",
                       env={"PYTHONIOENCODING": "ascii"})
    assert resultado.returncode == 1, resultado.stderr.decode()
    assert b"Traceback" not in resultado.stderr
    assert b"columna Fecha fin" in resultado.stdout and b"\\xab" in resultado.stdout  # «


def test_un_nombre_que_no_es_utf8_sale_como_en_pantalla(tmp_path):
    """The command line's own messages show an undecodable byte as «�», never \\udce9."""
    salida = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"informe\xe9.csv"))
    resultado = correr("actividades", "--datos", str(RAIZ / "data"), "--salida", salida)
    assert resultado.returncode == 0, resultado.stderr.decode()
    assert resultado.stderr.decode("utf-8") == f"Se escribió {tmp_path}/informe\ufffd.csv.\n"


def test_tuberia_cerrada_sin_mensajes_en_ingles():
    """`python -m pat_core validar … | head -0`: the reader goes before anything is written."""
    entorno = {k: val for k, val in os.environ.items() if k != "PAT_DATOS"}
    entorno["PYTHONPATH"] = str(RAIZ)
    proceso = subprocess.Popen([sys.executable, "-m", "pat_core", "actividades", "--datos",
                                "data"], cwd=RAIZ, env=entorno, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    proceso.stdout.close()
    error = proceso.stderr.read()
    assert proceso.wait(timeout=120) == 0
    assert error == b""


def test_ctrl_c(capsysbinary, monkeypatch, datos_ejemplo):
    def interrumpir(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr("pat_core.al_corte.indicadores_al_corte", interrumpir)
    codigo, salida, error = ejecutar(capsysbinary, "indicadores", "--datos", datos_ejemplo)
    assert codigo == 1 and salida == b""
    assert error.startswith("Interrumpido: no se terminó")


def test_salida_por_un_bucle_de_enlaces(capsysbinary, datos_ejemplo, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    codigo, _, error = ejecutar(capsysbinary, "actividades", "--datos", datos_ejemplo,
                                "--salida", tmp_path / "a" / "x.csv")
    assert codigo == 2
    assert f"no se pudo escribir «{tmp_path / 'a' / 'x.csv'}»: la ruta pasa por un enlace " \
           "simbólico que forma un ciclo" in error


def test_plantilla_no_escribe_por_un_enlace(capsysbinary, tmp_path):
    (tmp_path / "nuevo").mkdir()
    (tmp_path / "nuevo" / "evidencias_2025.xlsx").symlink_to(tmp_path / "otro-lugar.xlsx")
    codigo, _, error = ejecutar(capsysbinary, "plantilla", "--anio", "2025", "--salida",
                                tmp_path / "nuevo")
    assert codigo == 2 and "es un enlace simbólico" in error
    assert sorted(p.name for p in (tmp_path / "nuevo").iterdir()) == ["evidencias_2025.xlsx"]
    assert not (tmp_path / "otro-lugar.xlsx").exists()
