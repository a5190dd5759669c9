"""Working days in Mexico: weekends, federal holidays (LFT art. 74) and declared days."""

from datetime import date, timedelta

import pytest

from pat_core.calendario import Calendario

CALENDARIO = Calendario([2020], {date(2020, 4, 9): "Jueves Santo", date(2020, 4, 10): ""})


def _es_habil(calendario: Calendario, dia: date) -> bool:
    return calendario.dias_habiles(dia - timedelta(days=1), dia) == 1


@pytest.mark.parametrize("dia, motivo", [
    (date(2020, 2, 3), "Día de la Constitución"),  # first Monday of February
    (date(2020, 3, 16), "Natalicio de Benito Juárez"),  # third Monday of March
    (date(2020, 11, 16), "Día de la Revolución"),  # third Monday of November
    (date(2020, 4, 9), "Jueves Santo"),  # declared by the institution
    (date(2020, 4, 10), "Día inhábil declarado"),  # declared, with no reason typed
])
def test_non_working_days_and_why(dia, motivo):
    assert not _es_habil(CALENDARIO, dia)
    assert CALENDARIO.no_laborables[dia] == motivo


def test_weekends_are_not_working_days():
    assert not _es_habil(CALENDARIO, date(2020, 2, 8)) and not _es_habil(CALENDARIO, date(2020, 2, 9))


def test_an_ordinary_tuesday_is_a_working_day():
    assert _es_habil(CALENDARIO, date(2020, 2, 4)) and date(2020, 2, 4) not in CALENDARIO.no_laborables


def test_the_change_of_federal_government_every_six_years():
    assert not _es_habil(Calendario([2024]), date(2024, 10, 1))
    assert _es_habil(Calendario([2020]), date(2020, 10, 1))


def test_ten_working_days_after_a_session_skip_a_holiday():
    # Friday 31/01/2020; Monday 03/02 is a holiday: Feb 4..7, 10..14, 17 are days 1..10.
    assert CALENDARIO.sumar(date(2020, 1, 31), 10) == date(2020, 2, 17)


def test_ten_working_days_skip_declared_days():
    # Monday 06/04/2020: 7, 8, (9 and 10 declared), 13..17, 20, 21 are days 1..9, 10 is 22/04.
    assert CALENDARIO.sumar(date(2020, 4, 6), 10) == date(2020, 4, 22)
    assert Calendario([2020]).sumar(date(2020, 4, 6), 10) == date(2020, 4, 20)


def test_a_deadline_can_fall_in_the_next_year():
    # 28/12/2020 + 10: Dec 29, 30, 31, (Jan 1 holiday), Jan 4..8, 11, 12.
    assert CALENDARIO.sumar(date(2020, 12, 28), 10) == date(2021, 1, 12)


def test_counting_from_a_non_working_day():
    assert CALENDARIO.sumar(date(2020, 2, 1), 1) == date(2020, 2, 4)  # Saturday, then the holiday


def test_working_days_between_two_dates():
    assert CALENDARIO.dias_habiles(date(2020, 4, 6), date(2020, 4, 13)) == 3
    assert CALENDARIO.dias_habiles(date(2020, 4, 13), date(2020, 4, 6)) == -3
    assert CALENDARIO.dias_habiles(date(2020, 1, 31), date(2020, 2, 17)) == 10
    assert CALENDARIO.dias_habiles(date(2020, 2, 4), date(2020, 2, 4)) == 0
