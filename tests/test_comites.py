"""Many committees in one data folder: listing, the roll-up and the CLI (pat_core.comites)."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from pat_core import cargar, cli, evaluar
from pat_core import vocabulario as v
from pat_core.cache import CacheLecturas
from pat_core.comites import (
    ComiteDesconocido,
    anios_comites,
    carpeta_comite,
    consolidar,
    es_de_comites,
    listar_comites,
)
from tests.ayudantes import ACTIVIDADES, EVIDENCIAS, carpeta

RAIZ = Path(__file__).resolve().parent.parent


def comites(tmp_path: Path, **por_comite) -> Path:
    """A data folder with one sub-folder per committee, each with its workbooks."""
    raiz = tmp_path / "datos"
    for nombre, opciones in por_comite.items():
        destino = raiz / nombre
        destino.mkdir(parents=True)
        carpeta(destino, **opciones)
    return raiz


@pytest.fixture
def tres(tmp_path) -> Path:
    raiz = comites(
        tmp_path,
        API_Veracruz={},
        SAT={"evidencias": EVIDENCIAS + [["2.1.2", date(2020, 5, 1), "Video", 100, None, "Ana"]]},
        IMSS={"actividades": ACTIVIDADES[:2]},
    )
    shutil.copytree(RAIZ / "tests" / "golden" / "variada", raiz / "Variada")
    shutil.copytree(RAIZ / "data", raiz / "API_Coatzacoalcos")
    return raiz


def test_listar_comites_y_carpeta_plana(tres, datos_ejemplo, tmp_path):
    (tres / "notas").mkdir()  # a folder without workbooks is not a committee
    (tres / ".oculta").mkdir()
    assert listar_comites(tres) == ["API_Coatzacoalcos", "API_Veracruz", "IMSS", "SAT", "Variada"]
    assert es_de_comites(tres)
    assert listar_comites(datos_ejemplo) == [] and not es_de_comites(datos_ejemplo)
    assert listar_comites(tmp_path / "no-existe") == []
    assert anios_comites(tres) == [2020]


def test_carpeta_con_libros_propios_es_plana(tres):
    shutil.copy(tres / "SAT" / "pat_2020.xlsx", tres / "pat_2020.xlsx")
    assert listar_comites(tres) == [] and not es_de_comites(tres)


def test_carpeta_comite_y_error_en_espanol(tres):
    assert carpeta_comite(tres, "SAT") == tres / "SAT"
    assert carpeta_comite(tres, "sat") == tres / "SAT"
    with pytest.raises(ComiteDesconocido) as error:
        carpeta_comite(tres, "PEMEX")
    assert "no hay comité «PEMEX»" in str(error.value)
    assert "API_Veracruz, IMSS, SAT" in str(error.value)


@pytest.mark.parametrize("corte", ["2020-03-31", "2020-06-30", "2020-12-31"])
def test_consolidado_igual_a_cada_comite_por_separado(tres, corte):
    total = consolidar(tres, 2020, corte)
    assert sorted(total.comites) == listar_comites(tres)
    for nombre in total.comites:
        sola = evaluar(cargar(tres / nombre, 2020), corte)
        actividades = total.actividades[total.actividades[v.COMITE] == nombre]
        pd.testing.assert_frame_equal(actividades.drop(columns=[v.COMITE]).reset_index(drop=True),
                                      sola.actividades.reset_index(drop=True))
        indicadores = total.indicadores[total.indicadores[v.COMITE] == nombre]
        pd.testing.assert_frame_equal(indicadores.drop(columns=[v.COMITE]).reset_index(drop=True),
                                      sola.indicadores.reset_index(drop=True))
        fila = total.resumen.set_index(v.COMITE).loc[nombre]
        assert fila["Actividades"] == len(sola.actividades)
        assert fila["Indicadores"] == len(sola.indicadores)
        assert fila["Metas cumplidas"] == (sola.indicadores[v.ESTADO_META] == v.CUMPLIDA).sum()
        assert fila["Vencidas"] == (sola.actividades[v.ESTADO] == v.VENCIDA).sum()
        assert fila["En rojo"] == (sola.actividades[v.SEMAFORO] == v.ROJO).sum()
        con_casos = sola.indicadores[sola.indicadores[v.ESTADO_META] != v.SIN_CASOS]
        esperado = con_casos[v.CUMPLIMIENTO].clip(upper=100).fillna(0).mean()
        assert fila[v.CUMPLIMIENTO_PROMEDIO] == pytest.approx(esperado)


def test_resumen_ordenado_por_cumplimiento(tres):
    resumen = consolidar(tres, 2020, "2020-12-31").resumen
    assert list(resumen[v.LUGAR]) == list(range(1, len(resumen) + 1))
    assert resumen[v.CUMPLIMIENTO_PROMEDIO].is_monotonic_decreasing
    assert list(resumen.columns) == [v.LUGAR, v.COMITE, "Metas cumplidas", "Indicadores",
                                     "Actividades", "Concluidas", "Vencidas", "En rojo",
                                     v.CUMPLIMIENTO_PROMEDIO]


def test_umbrales_de_cada_comite(tres):
    (tres / "SAT" / "tablero.toml").write_text("[semaforo]\ndias_amarillo = 300\n"
                                                "dias_rojo = 250\n", encoding="utf-8")
    total = consolidar(tres, 2020, "2020-06-30")
    sat = total.actividades[total.actividades[v.COMITE] == "SAT"]
    assert (sat[v.SEMAFORO] == v.ROJO).sum() > 0
    sola = evaluar(cargar(tres / "SAT", 2020), "2020-06-30",
                   __import__("pat_core").cargar_umbrales(tres / "SAT")[0])
    assert list(sat[v.SEMAFORO]) == list(sola.actividades[v.SEMAFORO])


def test_un_comite_ilegible_no_detiene_el_consolidado(tres):
    (tres / "IMSS" / "evidencias_2020.xlsx").write_text("no es un libro", encoding="utf-8")
    (tres / "Nuevo").mkdir()
    shutil.copy(tres / "SAT" / "pat_2020.xlsx", tres / "Nuevo" / "pat_2019.xlsx")
    total = consolidar(tres, 2020, "2020-12-31")
    assert "IMSS" in total.ilegibles and "IMSS" not in total.comites
    assert total.ilegibles["IMSS"][0].libro == "evidencias_2020.xlsx"
    assert "SAT" in total.comites and total.sin_programa == ["Nuevo"]
    tabla = total.tabla_problemas()
    assert tabla.columns[0] == v.COMITE
    assert set(tabla[v.COMITE]) >= {"IMSS", "Variada"}


def test_la_cache_compartida_solo_relee_lo_que_cambia(tres):
    cache = CacheLecturas()
    consolidar(tres, 2020, "2020-12-31", cache)
    assert cache.lecturas == 10  # two workbooks per committee, read once
    consolidar(tres, 2020, "2020-06-30", cache)
    assert cache.lecturas == 10


def _csv(contenido: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))


def test_cli_todos_los_comites_con_columna_comite(tres, tmp_path, capsys):
    salida = tmp_path / "a.csv"
    assert cli.main(["actividades", "--datos", str(tres), "--corte", "2020-12-31",
                     "--salida", str(salida)]) == 0
    filas = _csv(salida.read_bytes())
    assert filas[0][0] == v.COMITE
    assert {f[0] for f in filas[1:]} == set(listar_comites(tres))
    assert cli.main(["indicadores", "--datos", str(tres), "--corte", "2020-12-31",
                     "--salida", str(salida)]) == 0
    assert _csv(salida.read_bytes())[0][:2] == [v.COMITE, v.SECCION]
    assert cli.main(["validar", "--datos", str(tres), "--corte", "2020-12-31",
                     "--salida", str(salida)]) == 1  # Variada has errors
    problemas = _csv(salida.read_bytes())
    assert problemas[0][:2] == [v.COMITE, "Severidad"]
    assert "Variada" in {f[0] for f in problemas[1:]}
    assert "comité(s)" in capsys.readouterr().out


def test_cli_un_comite_da_el_mismo_csv_que_su_carpeta(tres, tmp_path, capsys):
    uno, sola = tmp_path / "uno.csv", tmp_path / "sola.csv"
    for comando in ("actividades", "indicadores", "validar"):
        cli.main([comando, "--datos", str(tres), "--comite", "Variada", "--corte", "2020-09-30",
                  "--salida", str(uno)])
        cli.main([comando, "--datos", str(tres / "Variada"), "--corte", "2020-09-30",
                  "--salida", str(sola)])
        assert uno.read_bytes() == sola.read_bytes()
    capsys.readouterr()


def test_cli_filtro_sobre_todos_los_comites(tres, capsysbinary):
    assert cli.main(["actividades", "--datos", str(tres), "--corte", "2020-12-31",
                     "--semaforo", "Rojo"]) == 0
    filas = _csv(capsysbinary.readouterr().out)
    assert len(filas) > 1 and all(f[filas[0].index(v.SEMAFORO)] == v.ROJO for f in filas[1:])


def test_cli_comite_desconocido(tres, capsys):
    assert cli.main(["actividades", "--datos", str(tres), "--comite", "PEMEX"]) == 2
    error = capsys.readouterr().err
    assert "no hay comité «PEMEX»" in error and "comités disponibles: API_Coatzacoalcos" in error


def test_cli_otros_comandos_piden_comite(tres, capsys):
    assert cli.main(["cambios", "--datos", str(tres)]) == 2
    assert "indique uno con --comite" in capsys.readouterr().err


def test_cli_carpeta_plana_sin_columna_comite(datos_ejemplo, capsysbinary):
    assert cli.main(["actividades", "--datos", str(datos_ejemplo), "--corte", "2020-12-31"]) == 0
    assert _csv(capsysbinary.readouterr().out)[0][0] == v.SECCION


def test_cli_un_comite_ilegible_se_avisa_y_los_demas_salen(tres, capsysbinary):
    (tres / "IMSS" / "pat_2020.xlsx").write_bytes(b"")
    assert cli.main(["indicadores", "--datos", str(tres), "--corte", "2020-12-31"]) == 0
    capturado = capsysbinary.readouterr()
    assert "el comité IMSS no se incluye" in capturado.err.decode()
    assert "IMSS" not in {f[0] for f in _csv(capturado.out)[1:]}
