"""The README documents the rules; these tests keep it true."""

import re
from pathlib import Path

import pandas as pd
import pytest

from pat_core import Umbrales, cargar, evaluar
from pat_core import presentacion as p
from pat_core import vocabulario as v
from pat_core.calculo import cifras
from pat_core.plazos import calendario_sesiones
from pat_core.reglas import como_toml

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


DATOS = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def al_30_de_junio():
    return evaluar(cargar(DATOS, 2020), "2020-06-30")


def test_readme_thresholds_are_the_defaults():
    bloque = re.search(r"```toml\n(.*?)```", README, re.S).group(1)
    assert bloque.strip() == como_toml(Umbrales()).strip()


def test_readme_gives_exactly_two_setup_commands():
    assert "make run" in README and "make test" in README


def test_worked_semaforo_example(al_30_de_junio):
    fila = al_30_de_junio.actividades.set_index(v.CLAVE_ACTIVIDAD).loc["5.1.1"]
    assert fila[v.AVANCE] == 30
    assert round(fila[v.AVANCE_ESPERADO], 1) == 59.3
    assert fila[v.DIAS_RESTANTES] == 59
    assert fila[v.SEMAFORO] == v.AMARILLO
    assert "esperado es 59.3 %" in README and "quedan 59 días" in README


def test_worked_target_example(al_30_de_junio):
    fila = al_30_de_junio.indicadores.set_index(v.CLAVE_INDICADOR).loc["1.2"]
    assert fila[v.VALOR_LOGRADO] == 40
    assert round(fila[v.VALOR_ESPERADO], 1) == 37.3
    assert round(fila[v.CUMPLIMIENTO], 1) == 53.3
    assert fila[v.ESTADO_META] == v.EN_CAMINO
    assert "lo esperado es 37.3 %" in README and "cumplimiento de 53.3 %" in README


def test_worked_milestone_example():
    datos = cargar(DATOS, 2020)
    hitos = datos.hitos[datos.hitos[v.CLAVE_ACTIVIDAD] == "4.1.1"]
    assert [f"{d:%d/%m}" for d in hitos[v.FECHA_LIMITE]] == ["29/02", "30/06", "31/10"]
    fila = evaluar(datos, "2020-07-31").actividades.set_index(v.CLAVE_ACTIVIDAD).loc["4.1.1"]
    assert fila[v.HITOS_VENCIDOS] == 0 and fila[v.SEMAFORO] == v.VERDE
    # the June evidence dated a day late, as the README supposes
    junio = (datos.evidencias[v.CLAVE_ACTIVIDAD] == "4.1.1") & (datos.evidencias[v.FECHA] == "2020-06-30")
    assert junio.sum() == 1
    datos.evidencias.loc[junio, v.FECHA] = pd.Timestamp("2020-07-01")
    fila = evaluar(datos, "2020-07-31").actividades.set_index(v.CLAVE_ACTIVIDAD).loc["4.1.1"]
    assert fila[v.AVANCE] == 66 and round(fila[v.AVANCE_ESPERADO], 1) == 52.0
    assert fila[v.DIAS_RESTANTES] == 153
    assert fila[v.HITOS_VENCIDOS] == 1 and fila[v.SEMAFORO] == v.AMARILLO
    assert evaluar(datos, "2020-12-31").actividades.set_index(v.CLAVE_ACTIVIDAD).at[
        "4.1.1", v.HITOS_VENCIDOS] == 1  # the 01/07 evidence meets October's
    assert "66 % de avance contra 52.0 % esperado y 153 días" in README
    assert "su semáforo es **Amarillo**" in README


@pytest.fixture(scope="module")
def datos_incluidos():
    return cargar(DATOS, 2020)


def test_worked_no_cases_example(datos_incluidos):
    septiembre = evaluar(datos_incluidos, "2020-09-30")
    assert septiembre.indicadores.set_index(v.CLAVE_INDICADOR).loc["3.2", v.ESTADO_META] == v.SIN_CASOS
    tarjeta = p.cifra(cifras(septiembre)["Metas cumplidas"])
    diciembre = evaluar(datos_incluidos, "2020-12-31").indicadores.set_index(v.CLAVE_INDICADOR)
    assert diciembre.loc["3.2", v.ESTADO_META] == v.CUMPLIDA
    assert f"tarjetas dicen «{tarjeta}»" in README and "al 30/09/2020 sigue **Sin casos**" in README


def test_worked_count_example(datos_incluidos, al_30_de_junio):
    fila = evaluar(datos_incluidos, "2020-09-30").indicadores.set_index(v.CLAVE_INDICADOR).loc["4.2"]
    assert (fila[v.UNIDAD], fila[v.CALCULO]) == (v.NUMERO, v.POR_ACTIVIDADES)
    assert (fila[v.VALOR_LOGRADO], fila[v.ESTADO_META]) == (1, v.CUMPLIDA)
    junio = al_30_de_junio.indicadores.set_index(v.CLAVE_INDICADOR).loc["4.2"]
    assert (junio[v.VALOR_LOGRADO], junio[v.VALOR_ESPERADO], junio[v.ESTADO_META]) == (0, 0, v.EN_CAMINO)
    assert "a esa fecha su valor\nes 1 de 1, **Cumplida**" in README


def test_worked_sessions_example(datos_incluidos):
    texto, tabla = calendario_sesiones(datos_incluidos, pd.Timestamp(2020, 6, 30), Umbrales())
    assert f"30/06/2020: «{texto}»" in README
    assert list(zip(tabla[v.FECHA_PROGRAMADA], tabla[v.FECHA], tabla["Situación"])) == [
        (pd.Timestamp(2020, 3, 27), pd.Timestamp(2020, 4, 24), v.CON_RETRASO)]
