"""Trust in folders and file names (issue 11): names in any case, the last good data, a
roll-up with folders it cannot open, the product's own files and undecodable names.

Each test builds its situation in tmp_path and says what the user is told.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pat_core import cargar, cli, evaluar
from pat_core.cache import CacheLecturas
from pat_core.comites import ComiteDesconocido, carpeta_comite, consolidar, listar_comites
from pat_core.lectura import CarpetaIlegible, anios_disponibles, firma, libros_del_anio
from pat_core.problemas import AVISO, ERROR
from tests.ayudantes import carpeta
from tests.conftest import DATOS, RAIZ

NADIE = 65534  # nobody: a user without root's override of permissions
SIN_REGISTRO = "No hay registro de evidencias"
NO_ENCONTRADO = "No se encontró el archivo"


def correr_cli(capsysbinary, *argumentos) -> tuple[int, bytes, str]:
    codigo = cli.main([str(a) for a in argumentos])
    salida = capsysbinary.readouterr()
    return codigo, salida.out, salida.err.decode("utf-8")


def libros(destino: Path) -> Path:
    """A new folder with the two small workbooks of 2020 (tests.ayudantes.carpeta)."""
    destino.mkdir(parents=True, exist_ok=True)
    return carpeta(destino)


def metrica(app: AppTest, etiqueta: str) -> str:
    return next(m.value for m in app.metric if m.label.endswith(etiqueta))


def sin_escapes(texto: str) -> str:
    return texto.replace("\\", "")


# ---------------------------------------------------------------- names in any case


def test_a_register_named_with_a_capital_is_read(tmp_path, capsysbinary):
    esperado = evaluar(cargar(libros(tmp_path / "a"), 2020), "2020-06-30").actividades
    datos = libros(tmp_path / "b")
    (datos / "evidencias_2020.xlsx").rename(datos / "Evidencias_2020.xlsx")
    leido = cargar(datos, 2020)
    assert not [p for p in leido.problemas if SIN_REGISTRO in p.mensaje]
    assert len(leido.evidencias) == 2 and leido.archivos[1].name == "Evidencias_2020.xlsx"
    assert list(evaluar(leido, "2020-06-30").actividades["Avance %"]) == list(esperado["Avance %"])
    codigo, salida, error = correr_cli(capsysbinary, "validar", "--datos", datos)
    assert codigo == 0 and "aviso" not in error.lower()


def test_a_plan_named_in_capitals_is_listed_and_read(tmp_path, capsysbinary):
    datos = carpeta(tmp_path)
    (datos / "pat_2020.xlsx").rename(datos / "PAT_2020.XLSX")
    assert anios_disponibles(datos) == [2020]
    leido = cargar(datos, 2020)
    assert not leido.ilegibles and len(leido.actividades) == 3
    codigo, salida, error = correr_cli(capsysbinary, "actividades", "--datos", datos)
    assert codigo == 0 and salida.count(b"\n") == 4  # header and the three activities


def test_two_names_that_differ_only_in_case_are_an_error_naming_both(tmp_path, capsysbinary):
    datos = carpeta(tmp_path)
    shutil.copy(datos / "pat_2020.xlsx", datos / "PAT_2020.xlsx")
    assert anios_disponibles(datos) == [2020]  # one year, listed once
    [problema] = cargar(datos, 2020).ilegibles
    assert problema.severidad == ERROR and problema.libro == "pat_2020.xlsx"
    assert "«PAT_2020.xlsx» y «pat_2020.xlsx»" in problema.mensaje
    assert "no se lee ninguno" in problema.mensaje
    codigo, salida, error = correr_cli(capsysbinary, "actividades", "--datos", datos)
    assert codigo == 1 and salida == b"" and "«PAT_2020.xlsx» y «pat_2020.xlsx»" in error


def test_every_reader_finds_the_real_name(tmp_path):
    datos = carpeta(tmp_path)
    (datos / "evidencias_2020.xlsx").rename(datos / "EVIDENCIAS_2020.xlsx")
    libros = libros_del_anio(datos, 2020)
    assert [r.name for r in libros.rutas] == ["pat_2020.xlsx", "EVIDENCIAS_2020.xlsx"]
    assert all(parte[1] is not None for parte in firma(libros.rutas))  # both files signed
    cache = CacheLecturas()
    assert len(cache.cargar(datos, 2020).evidencias) == 2
    shutil.copy(datos / "EVIDENCIAS_2020.xlsx", datos / "evidencias_2020.xlsx")
    [problema] = cache.cargar(datos, 2020).ilegibles  # a duplicate appearing is seen at once
    assert "«EVIDENCIAS_2020.xlsx» y «evidencias_2020.xlsx»" in problema.mensaje


def test_the_roll_up_reads_names_in_any_case(tmp_path):
    raiz = tmp_path / "comites"
    for nombre in ("A", "B"):
        libros(raiz / nombre)
    (raiz / "B" / "pat_2020.xlsx").rename(raiz / "B" / "Pat_2020.xlsx")
    (raiz / "B" / "evidencias_2020.xlsx").rename(raiz / "B" / "Evidencias_2020.XLSX")
    total = consolidar(raiz, 2020, "2020-06-30")
    assert total.comites == ["A", "B"] and not total.ilegibles
    por_comite = total.actividades.groupby("Comité")["Avance %"].sum()
    assert por_comite["A"] == por_comite["B"] > 0


# ---------------------------------------------------------------- the last good data


def test_a_register_read_before_and_missing_now_is_a_failed_read(tmp_path):
    datos = carpeta(tmp_path)
    cache = CacheLecturas()
    assert not cache.cargar(datos, 2020).ilegibles
    contenido = (datos / "evidencias_2020.xlsx").read_bytes()
    (datos / "evidencias_2020.xlsx").unlink()  # Excel's save: removed, then renamed back
    [problema] = cache.cargar(datos, 2020).ilegibles
    assert problema.libro == "evidencias_2020.xlsx" and NO_ENCONTRADO in problema.mensaje
    assert not [p for p in cache.cargar(datos, 2020).problemas if SIN_REGISTRO in p.mensaje]
    (datos / "evidencias_2020.xlsx").write_bytes(contenido)
    assert len(cache.cargar(datos, 2020).evidencias) == 2


def test_only_a_register_never_there_is_no_register(tmp_path):
    datos = libros(tmp_path / "datos")
    registro = (datos / "evidencias_2020.xlsx").rename(tmp_path / "evidencias_2020.xlsx")
    cache = CacheLecturas()
    leido = cache.cargar(datos, 2020)
    assert not leido.ilegibles and [p for p in leido.problemas if SIN_REGISTRO in p.mensaje]
    assert not cache.cargar(datos, 2020).ilegibles  # still never there: nothing remembered
    shutil.copy(registro, datos)  # the register is created, read, then gone for a moment
    assert len(cache.cargar(datos, 2020).evidencias) == 2
    (datos / "evidencias_2020.xlsx").unlink()
    assert cache.cargar(datos, 2020).ilegibles  # not the "no register" read remembered before


def test_reloading_on_purpose_forgets_what_was_there(tmp_path):
    datos = carpeta(tmp_path)
    cache = CacheLecturas()
    cache.cargar(datos, 2020)
    (datos / "evidencias_2020.xlsx").unlink()
    assert cache.cargar(datos, 2020).ilegibles
    cache.vaciar()  # «Recargar datos»: the folder as it is now
    leido = cache.cargar(datos, 2020)
    assert not leido.ilegibles and [p for p in leido.problemas if SIN_REGISTRO in p.mensaje]


def test_a_plan_missing_for_a_moment_keeps_its_year(tmp_path):
    datos = carpeta(tmp_path)
    cache = CacheLecturas()
    cache.cargar(datos, 2020)
    (datos / "pat_2020.xlsx").unlink()
    assert anios_disponibles(datos) == [] and cache.anios_leidos(datos) == {2020}
    [problema] = cache.cargar(datos, 2020).ilegibles
    assert problema.libro == "pat_2020.xlsx" and NO_ENCONTRADO in problema.mensaje


def test_a_committee_whose_plan_is_missing_for_a_moment_is_a_failed_read(tmp_path):
    raiz = tmp_path / "comites"
    for nombre in ("A", "B"):
        libros(raiz / nombre)
    cache = CacheLecturas()
    assert consolidar(raiz, 2020, "2020-06-30", cache).comites == ["A", "B"]
    (raiz / "B" / "pat_2020.xlsx").unlink()
    total = consolidar(raiz, 2020, "2020-06-30", cache)
    assert total.comites == ["A"] and not total.sin_programa
    [problema] = total.ilegibles["B"]  # said, not silently gone
    assert problema.libro == "pat_2020.xlsx" and NO_ENCONTRADO in problema.mensaje
    cache.vaciar()  # «Recargar datos»: B is no committee any more
    assert consolidar(raiz, 2020, "2020-06-30", cache).ilegibles == {}


@pytest.mark.parametrize("libro", ["evidencias_2020.xlsx", "pat_2020.xlsx"])
def test_dashboard_keeps_the_last_good_figures_when_a_workbook_goes_missing(
        copia_datos, monkeypatch, libro):
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert metrica(app, "Metas cumplidas") == "7 de 10"
    contenido = (copia_datos / libro).read_bytes()
    (copia_datos / libro).unlink()
    app.run()
    assert not app.exception
    aviso = sin_escapes(app.error[0].value)
    assert aviso.startswith("No se pudo leer a las ") and libro in aviso and NO_ENCONTRADO in aviso
    assert "Se muestran los últimos datos que se leyeron bien" in aviso
    assert metrica(app, "Metas cumplidas") == "7 de 10"
    assert metrica(app, "Actividades concluidas") == "19 de 22"
    (copia_datos / libro).write_bytes(contenido)
    app.run()
    assert not app.error and metrica(app, "Actividades concluidas") == "19 de 22"


def test_dashboard_keeps_offering_a_committee_whose_plan_is_missing_for_a_moment(
        tmp_path, monkeypatch):
    raiz = tmp_path / "comites"
    for nombre in ("A", "B"):
        libros(raiz / nombre)
    monkeypatch.setenv("PAT_DATOS", str(raiz))
    app = AppTest.from_file("../dashboard.py", default_timeout=60)
    app.query_params["comite"] = "B"
    app.run().switch_page("paginas/resumen.py").run()
    antes = metrica(app, "Actividades concluidas")
    contenido = (raiz / "B" / "pat_2020.xlsx").read_bytes()
    (raiz / "B" / "pat_2020.xlsx").unlink()
    app.run()
    assert not app.exception
    selector = app.selectbox(key="comite")
    assert selector.options == ["A", "B"] and selector.value == "B"
    aviso = sin_escapes(app.error[0].value)
    assert "pat_2020.xlsx" in aviso and NO_ENCONTRADO in aviso
    assert metrica(app, "Actividades concluidas") == antes
    (raiz / "B" / "pat_2020.xlsx").write_bytes(contenido)
    app.run()
    assert not app.error and app.selectbox(key="comite").value == "B"


# ---------------------------------------------------------------- folders that cannot be opened


def _carpeta_publica() -> Path:
    """A folder every user can enter (pytest's own tmp_path is root's alone)."""
    raiz = Path(tempfile.mkdtemp(prefix="pat-carpetas-"))
    raiz.chmod(0o755)
    return raiz


@pytest.fixture
def publica():
    raiz = _carpeta_publica()
    yield raiz
    for ruta in [raiz, *raiz.rglob("*")]:
        if ruta.is_dir() and not ruta.is_symlink():
            ruta.chmod(0o755)
    shutil.rmtree(raiz)


def como_usuario_comun(*argumentos: str) -> subprocess.CompletedProcess:
    """Run Python without root's override of permissions, as the dashboard's user would."""
    usuario = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("se corre como root y no hay setpriv para dejar de serlo")
        usuario = ["setpriv", f"--reuid={NADIE}", f"--regid={NADIE}", "--clear-groups"]

    def correr(*orden: str) -> subprocess.CompletedProcess:
        return subprocess.run([*usuario, sys.executable, *orden], capture_output=True, cwd=RAIZ,
                              timeout=120, env={**os.environ, "HOME": tempfile.gettempdir()})

    if correr("-c", "import pat_core").returncode != 0:
        pytest.skip("otro usuario no puede correr el código aquí (setpriv sin permiso o la "
                    "copia del proyecto no es legible para todos)")
    return correr(*argumentos)


def _comites(raiz: Path, *nombres) -> Path:
    for nombre in nombres:
        destino = os.path.join(os.fsencode(raiz), os.fsencode(nombre))
        os.mkdir(destino)
        for archivo in ("pat_2020.xlsx", "evidencias_2020.xlsx"):
            shutil.copy(DATOS / archivo, os.fsdecode(os.path.join(destino, os.fsencode(archivo))))
        os.chmod(destino, 0o755)
    return raiz


def test_a_committee_folder_without_permission_is_left_out_and_said(publica):
    raiz = _comites(publica, "A", "B")
    (raiz / "B").chmod(0o000)
    programa = ("import json; from pat_core.comites import consolidar; "
                f"t = consolidar({str(raiz)!r}, 2020, '2020-06-30'); "
                "print(json.dumps([t.comites, {c: p[0].mensaje for c, p in t.ilegibles.items()}]))")
    hecho = como_usuario_comun("-c", programa)
    assert hecho.returncode == 0, hecho.stderr.decode()
    comites, ilegibles = json.loads(hecho.stdout)
    assert comites == ["A"]
    assert ilegibles == {"B": "La carpeta «B» queda fuera del consolidado: no se tiene permiso; "
                              "pida permiso de lectura a quien administra el equipo."}
    hecho = como_usuario_comun("-m", "pat_core", "indicadores", "--datos", str(raiz))
    error = hecho.stderr.decode()
    assert hecho.returncode == 0 and "el comité B no se incluye" in error
    assert hecho.stdout.decode("utf-8-sig").count("\nA,") == 10 and "Traceback" not in error
    hecho = como_usuario_comun("-m", "pat_core", "validar", "--datos", str(raiz))
    assert hecho.returncode == 1 and "B · ERROR · B: La carpeta «B» queda fuera" in hecho.stdout.decode()
    hecho = como_usuario_comun("-m", "pat_core", "validar", "--datos", str(raiz), "--comite", "B")
    assert hecho.returncode == 2 and hecho.stderr.decode() == (
        "error: no se puede usar la carpeta del comité «B»: no se tiene permiso; "
        "pida permiso de lectura a quien administra el equipo.\n")


def test_a_data_folder_without_permission_is_a_spanish_error(publica):
    datos = publica / "datos"
    shutil.copytree(DATOS, datos)
    datos.chmod(0o000)
    hecho = como_usuario_comun("-m", "pat_core", "indicadores", "--datos", str(datos))
    assert hecho.returncode == 2 and hecho.stdout == b""
    assert hecho.stderr.decode() == (
        f"error: no se puede abrir la carpeta «{datos}»: no se tiene permiso; pida "
        "permiso de lectura a quien administra el equipo.\n")


def test_the_dashboard_on_a_data_folder_without_permission_says_so(publica):
    datos = publica / "datos"
    shutil.copytree(DATOS, datos)
    datos.chmod(0o000)
    programa = (
        "import json, os; from streamlit.testing.v1 import AppTest; "
        f"os.environ['PAT_DATOS'] = {str(datos)!r}; "
        "app = AppTest.from_file('dashboard.py', default_timeout=60).run(); "
        "print(json.dumps([[e.value for e in app.exception], [e.value for e in app.error]]))")
    hecho = como_usuario_comun("-c", programa)
    assert hecho.returncode == 0, hecho.stderr.decode()
    excepciones, errores = json.loads(hecho.stdout)
    assert excepciones == []
    assert sin_escapes(errores[0]) == (
        f"No se puede abrir la carpeta «{datos}»: no se tiene permiso; pida "
        "permiso de lectura a quien administra el equipo. Revise la variable PAT_DATOS.")


def test_a_symbolic_link_loop_as_data_folder(tmp_path, capsysbinary, monkeypatch):
    bucle = tmp_path / "bucle"
    bucle.symlink_to(bucle)
    with pytest.raises(CarpetaIlegible, match="forma un ciclo"):
        anios_disponibles(bucle)
    codigo, salida, error = correr_cli(capsysbinary, "indicadores", "--datos", bucle)
    assert codigo == 2 and salida == b""
    assert error == (f"error: no se puede abrir la carpeta «{bucle}»: la ruta pasa por un enlace "
                     "simbólico que forma un ciclo (apunta, directa o indirectamente, a sí "
                     "mismo); corrija el enlace para que lleve a la carpeta real.\n")
    monkeypatch.setenv("PAT_DATOS", str(bucle))
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception
    assert sin_escapes(app.error[0].value).startswith(f"No se puede abrir la carpeta «{bucle}»: "
                                                      "la ruta pasa por un enlace simbólico")


def test_a_symbolic_link_loop_among_committees(tmp_path, capsysbinary, monkeypatch):
    raiz = _comites(tmp_path, "A", "B")
    (raiz / "C").symlink_to(raiz / "C")
    total = consolidar(raiz, 2020, "2020-06-30")
    assert total.comites == ["A", "B"]
    assert "enlace simbólico que forma un ciclo" in total.ilegibles["C"][0].mensaje
    codigo, salida, error = correr_cli(capsysbinary, "indicadores", "--datos", raiz)
    assert codigo == 0 and "el comité C no se incluye" in error
    monkeypatch.setenv("PAT_DATOS", str(raiz))
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception and metrica(app, "Comités") == "2"
    assert "La carpeta «C» queda fuera del consolidado" in sin_escapes(app.error[0].value)


# ---------------------------------------------------------------- undecodable names

NO_UTF8 = os.fsdecode(b"Comit\xe9_Veracruz")  # Latin-1, as a copy from another system leaves it


def test_a_committee_whose_name_is_not_utf8_is_left_out_and_said(tmp_path, capsysbinary,
                                                                 monkeypatch):
    raiz = _comites(tmp_path, "A", NO_UTF8)
    total = consolidar(raiz, 2020, "2020-06-30")
    assert total.comites == ["A"] and listar_comites(raiz) == ["A"]
    [problema] = total.ilegibles["Comit\ufffd_Veracruz"]
    assert problema.mensaje == (
        "La carpeta «Comit\ufffd_Veracruz» queda fuera del consolidado: su nombre tiene "
        "caracteres que no son texto válido (UTF-8), quizá porque se copió de otro equipo; "
        "cámbiele el nombre (vuelva a escribir los acentos) para incluirla.")
    codigo, salida, error = correr_cli(capsysbinary, "indicadores", "--datos", raiz)
    assert codigo == 0 and salida.decode("utf-8-sig").count("\nA,") == 10
    assert "el comité Comit\ufffd_Veracruz no se incluye" in error
    codigo, salida, _ = correr_cli(capsysbinary, "validar", "--datos", raiz)
    assert codigo == 1 and "Comit\ufffd_Veracruz · ERROR" in salida.decode()
    monkeypatch.setenv("PAT_DATOS", str(raiz))
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception and metrica(app, "Comités") == "1"
    assert "Comit\ufffd" in sin_escapes(app.error[0].value)


def test_the_real_name_of_a_committee_that_is_not_utf8_gets_its_reason(tmp_path, capsysbinary):
    """`--comite` given the name as the system gives it (not only as it is shown) is told why
    that folder cannot be used, not «no hay comité»."""
    raiz = _comites(tmp_path, "A", NO_UTF8)
    for nombre in (NO_UTF8, "Comit\ufffd_Veracruz"):
        with pytest.raises(ComiteDesconocido) as error:
            carpeta_comite(raiz, nombre)
        assert str(error.value).startswith(
            "no se puede usar la carpeta del comité «Comit\ufffd_Veracruz»: su nombre tiene "
            "caracteres que no son texto válido (UTF-8)")
    codigo, _, error = correr_cli(capsysbinary, "validar", "--datos", raiz, "--comite", NO_UTF8)
    assert codigo == 2 and "«Comit\ufffd_Veracruz»: su nombre tiene caracteres" in error


def test_undecodable_names_in_a_data_folder_never_crash(copia_datos, capsysbinary, monkeypatch):
    for nombre in (b"pat_2020\xe9.xlsx", b"notas \xff.csv", b"~$pat_2020\xe9.xlsx"):
        Path(os.fsdecode(os.path.join(os.fsencode(copia_datos), nombre))).write_bytes(b"x")
    os.mkdir(os.path.join(os.fsencode(copia_datos), b"carpeta \xff"))
    codigo, salida, _ = correr_cli(capsysbinary, "validar", "--datos", copia_datos)
    assert codigo == 0 and salida.decode().startswith("0 error(es), 0 aviso(s)")
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception and not app.error
    assert metrica(app, "Actividades concluidas") == "19 de 22"


def test_a_data_folder_whose_name_is_not_utf8(tmp_path, capsysbinary, monkeypatch):
    datos = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"datos_\xe9")))
    shutil.copytree(DATOS, datos)
    codigo, salida, _ = correr_cli(capsysbinary, "validar", "--datos", datos)
    assert codigo == 0  # the command line reads it: it shows no path but in messages
    monkeypatch.setenv("PAT_DATOS", str(datos))
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception
    dice = (f"No se puede abrir la carpeta «{tmp_path}/datos_\ufffd»: su nombre tiene caracteres "
            "que no son texto válido (UTF-8), quizá porque se copió de otro equipo; cámbiele el "
            "nombre (vuelva a escribir los acentos). Revise la variable PAT_DATOS.")
    assert sin_escapes(app.error[0].value) == dice
    app.switch_page("paginas/sesion.py").run()  # the pack's buttons: the same message, no crash
    assert not app.exception and sin_escapes(app.error[0].value) == dice
    assert not app.get("download_button")


# ---------------------------------------------------------------- the product's own files


def test_an_export_saved_beside_its_workbook_is_only_a_warning(copia_datos, capsysbinary):
    codigo, csv, _ = correr_cli(capsysbinary, "indicadores", "--datos", copia_datos)
    (copia_datos / "pat_2020.csv").write_bytes(csv)  # the product's own export, saved here
    (copia_datos / "Evidencias_2020.CSV").write_bytes(csv)
    (copia_datos / "~$pat_2020.xlsx").write_bytes(b"lock")  # Excel's lock file: silent
    (copia_datos / "pat_2020 (1).xlsx").write_bytes(b"x")  # not named like a workbook: silent
    (copia_datos / "indicadores_2020.xlsx").write_bytes(b"x")
    avisos = [p for p in cargar(copia_datos, 2020).problemas if p.severidad == AVISO]
    assert [(p.libro, p.mensaje) for p in avisos] == [
        ("Evidencias_2020.CSV", "El tablero lee solo libros .xlsx: este archivo .csv se ignora y "
                                "se lee evidencias_2020.xlsx. Si es una exportación, puede "
                                "guardarla en otra carpeta."),
        ("pat_2020.csv", "El tablero lee solo libros .xlsx: este archivo .csv se ignora y se lee "
                         "pat_2020.xlsx. Si es una exportación, puede guardarla en otra carpeta."),
    ]
    codigo, salida, _ = correr_cli(capsysbinary, "validar", "--datos", copia_datos,
                                   "--corte", "2020-12-31")
    assert codigo == 0 and salida.decode().endswith("0 error(es), 2 aviso(s) en los libros de "
                                                    "2020 (corte 31/12/2020).\n")


def test_a_workbook_saved_only_in_another_format_is_still_an_error(copia_datos):
    (copia_datos / "evidencias_2020.xlsx").rename(copia_datos / "evidencias_2020.csv")
    [problema] = [p for p in cargar(copia_datos, 2020).problemas if p.libro.endswith(".csv")]
    assert problema.severidad == ERROR and problema.mensaje == (
        "El tablero lee solo libros .xlsx y este archivo es .csv: se ignora. Ábralo y guárdelo "
        "como «Libro de Excel (.xlsx)» con el nombre evidencias_2020.xlsx.")
