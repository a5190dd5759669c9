"""tablero.memo: results remembered by the identity of the data, the value of the rest."""

from datetime import date

import pandas as pd
import pytest

from tablero.memo import Memo


@pytest.fixture
def llamadas():
    return []


@pytest.fixture
def suma(llamadas):
    def sumar(marco: pd.DataFrame, corte: date) -> float:
        llamadas.append((marco, corte))
        return float(marco["x"].sum())
    return Memo(sumar, 2)


def test_the_same_data_at_the_same_cut_off_is_computed_once(suma, llamadas):
    marco = pd.DataFrame({"x": [1, 2]})
    assert suma(marco, date(2020, 6, 30)) == suma(marco, date(2020, 6, 30)) == 3
    assert len(llamadas) == 1


def test_new_data_equal_or_not_and_another_cut_off_are_computed_anew(suma, llamadas):
    marco = pd.DataFrame({"x": [1, 2]})
    suma(marco, date(2020, 6, 30))
    suma(marco.copy(), date(2020, 6, 30))  # a workbook read again: a new object
    suma(marco, date(2020, 9, 30))
    assert len(llamadas) == 3


def test_only_the_last_entries_are_kept(suma, llamadas):
    marcos = [pd.DataFrame({"x": [n]}) for n in range(3)]
    for marco in marcos:
        suma(marco, date(2020, 6, 30))
    suma(marcos[2], date(2020, 6, 30))
    assert len(llamadas) == 3
    suma(marcos[0], date(2020, 6, 30))  # forgotten: the oldest of three, two kept
    assert len(llamadas) == 4


def test_an_identity_never_equals_a_value():
    """A number that happens to be an object's id is not taken for that object."""
    lista = [0]
    recuerdo = Memo(lambda valor: valor, 4)
    assert recuerdo(id(lista)) == id(lista)
    assert recuerdo(lista) is lista


def test_a_failure_is_not_remembered(llamadas):
    def falla(marco):
        llamadas.append(marco)
        raise ValueError("libro a medias")

    recuerdo, marco = Memo(falla, 4), pd.DataFrame()
    for _ in range(2):
        with pytest.raises(ValueError):
            recuerdo(marco)
    assert len(llamadas) == 2
