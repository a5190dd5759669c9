"""Issue 11, as a property: workbooks built from random cells (every type, Excel's errors,
formulas saved without value, cells far away, invisible characters, huge numbers) never
make the CLI fail unexpectedly (exit 3), never print a traceback and never change a byte
of the data folder."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from pat_core import vocabulario as v
from pat_core.cli import main
from tests.ayudantes import ACTIVIDADES, ENCABEZADOS, EVIDENCIAS, INDICADORES, MEDICIONES

_INVISIBLES = st.sampled_from(["\u200b", "\ufeff", "\u2060", "\u00ad", "\u00a0", "\u202e"])
_ERRORES = st.sampled_from(["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
_CLAVES = st.sampled_from(["1.1", "2.1", "1.1.1", "2.1.1", "2.1.2", "I", "II", "9.9.9"])
_CELDA = st.one_of(
    st.none(),
    st.integers(-10**15, 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 1e12, 1e13, 1e-300, 0.6, 60, "60%", "1E+308"]),
    st.booleans(),
    st.dates(date(1900, 3, 1), date(2100, 12, 31)),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 12, 31)),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    _ERRORES,
    st.builds(lambda a, b: f"={a}*{b}", st.integers(0, 99), st.integers(0, 99)),
    st.builds(lambda clave, invisible, donde: clave[:donde] + invisible + clave[donde:],
              _CLAVES, _INVISIBLES, st.integers(0, 5)),
)
_HOJAS = st.sampled_from([v.HOJA_INDICADORES, v.HOJA_ACTIVIDADES, v.HOJA_EVIDENCIAS,
                          v.HOJA_MEDICIONES])
_CAMBIO = st.tuples(_HOJAS, st.integers(0, 4), st.integers(0, 8), _CELDA)
_LEJANA = st.tuples(st.booleans(), st.sampled_from(
    ["XFD1048576", "F1048576", "AE2", "A250001", "ZZ99", "B100000"]))

_NO_NUMERO = re.compile(r"(?:^|[,;\s])-?(?:nan|inf|infinity)(?=[,;\s%]|$)", re.IGNORECASE | re.MULTILINE)

_FILAS = {v.HOJA_INDICADORES: INDICADORES, v.HOJA_ACTIVIDADES: ACTIVIDADES,
          v.HOJA_EVIDENCIAS: EVIDENCIAS, v.HOJA_MEDICIONES: MEDICIONES}
_LIBRO = {v.HOJA_INDICADORES: "pat_2020.xlsx", v.HOJA_ACTIVIDADES: "pat_2020.xlsx",
          v.HOJA_EVIDENCIAS: "evidencias_2020.xlsx", v.HOJA_MEDICIONES: "evidencias_2020.xlsx"}


def _escribir(carpeta: Path, cambios) -> None:
    """The small programme of the tests, with some cells replaced by random ones."""
    filas = {hoja: [list(f) for f in filas] for hoja, filas in _FILAS.items()}
    for hoja, fila, columna, valor in cambios:
        datos = filas[hoja]
        if fila < len(datos) and columna < len(datos[fila]):
            datos[fila][columna] = valor
        else:
            datos.append([valor if i == columna else None for i in range(columna + 1)])
    for nombre in ("pat_2020.xlsx", "evidencias_2020.xlsx"):
        libro = Workbook()
        libro.remove(libro.active)
        for hoja in (h for h, n in _LIBRO.items() if n == nombre):
            destino = libro.create_sheet(hoja)
            for fila in [ENCABEZADOS[hoja], *filas[hoja]]:
                destino.append(fila)
        libro.save(carpeta / nombre)


def _lejana(ruta: Path, direccion: str) -> None:
    """One more cell at ``direccion`` in the first sheet, the <dimension> left as it was."""
    with zipfile.ZipFile(ruta) as paquete:
        partes = {nombre: paquete.read(nombre) for nombre in paquete.namelist()}
    fila = re.search(r"\d+", direccion).group()
    partes["xl/worksheets/sheet1.xml"] = partes["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", f'<row r="{fila}"><c r="{direccion}"><v>1</v></c></row></sheetData>'.encode())
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as paquete:
        for nombre, contenido in partes.items():
            paquete.writestr(nombre, contenido)


def _huellas(carpeta: Path) -> dict[str, str]:
    return {ruta.name: hashlib.sha256(ruta.read_bytes()).hexdigest() for ruta in carpeta.iterdir()}


def _cli(*argumentos: str) -> tuple[int, str]:
    salida, errores = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with redirect_stdout(salida), redirect_stderr(errores):
        codigo = main(list(argumentos))
    salida.flush()
    return codigo, salida.buffer.getvalue().decode("utf-8") + errores.getvalue()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(cambios=[(v.HOJA_MEDICIONES, 0, 2, 1e308)], lejanas=[(False, "XFD1048576")],
         comando="indicadores")
@example(cambios=[(v.HOJA_ACTIVIDADES, 0, 0, "#REF!"), (v.HOJA_EVIDENCIAS, 0, 3, "=20*3"),
                  (v.HOJA_EVIDENCIAS, 1, 0, "2.1.1\u200b")], lejanas=[(True, "AE2")],
         comando="actividades")
@given(cambios=st.lists(_CAMBIO, max_size=6), lejanas=st.lists(_LEJANA, max_size=2),
       comando=st.sampled_from(["validar", "indicadores", "actividades"]))
def test_random_cells_never_crash_the_cli_nor_touch_the_data(tmp_path_factory, monkeypatch,
                                                            cambios, lejanas, comando):
    monkeypatch.delenv("PAT_DEPURAR", raising=False)
    carpeta = tmp_path_factory.mktemp("datos")
    _escribir(carpeta, cambios)
    for en_el_plan, direccion in lejanas:
        _lejana(carpeta / ("pat_2020.xlsx" if en_el_plan else "evidencias_2020.xlsx"), direccion)
    antes = _huellas(carpeta)
    codigo, texto = _cli(comando, "--datos", str(carpeta), "--anio", "2020", "--corte", "2020-12-31")
    assert codigo in (0, 1, 2), texto
    assert "Traceback" not in texto and "error inesperado" not in texto
    assert not _NO_NUMERO.search(texto), texto
    assert _huellas(carpeta) == antes
