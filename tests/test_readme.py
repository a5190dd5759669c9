"""The README documents the rules; these tests keep it true."""

import re
from pathlib import Path

import pandas as pd
import pytest

from pat_core import Umbrales, cargar, evaluar
from pat_core import presentacion as p
from pat_core import vocabulario as v
from pat_core.calculo import cifras
from pat_core.plazos import CON_RETRASO, calendario_sesiones
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
        (pd.Timestamp(2020, 3, 27), pd.Timestamp(2020, 4, 24), CON_RETRASO)]
