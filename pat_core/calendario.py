"""Mexican working days: weekends, federal holidays and the days the institution declares.

Federal holidays come from the ``holidays`` package (country MX), which follows
article 74 of the Ley Federal del Trabajo (including 1 October every six years,
when the federal government changes). Declared non-working days come from the
optional «Días inhábiles» sheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import holidays
import numpy as np


class Calendario:
    """Working days of some years, given the institution's declared non-working days."""

    def __init__(self, anios: Iterable[int], inhabiles: Mapping[date, str] | None = None):
        anios = sorted(set(anios))
        # one year beyond, so a deadline in late December can fall in January
        feriados = holidays.country_holidays("MX", years=[*anios, anios[-1] + 1], language="es")
        self.no_laborables: dict[date, str] = {d: str(n) for d, n in feriados.items()}
        for dia, motivo in (inhabiles or {}).items():
            self.no_laborables.setdefault(dia, motivo or "Día inhábil declarado")
        self._festivos = np.array(sorted(self.no_laborables), dtype="datetime64[D]")

    def dias_habiles(self, desde: date, hasta: date) -> int:
        """Working days after ``desde`` up to and including ``hasta`` (negative if before)."""
        return int(np.busday_count(
            np.datetime64(desde, "D") + 1, np.datetime64(hasta, "D") + 1, holidays=self._festivos,
        ))

    def sumar(self, dia: date, dias_habiles: int) -> date:
        """The ``dias_habiles``-th working day after ``dia`` (``dia`` itself never counts)."""
        if dias_habiles <= 0:
            return dia
        siguiente = np.datetime64(dia + timedelta(days=1), "D")
        return np.busday_offset(siguiente, dias_habiles - 1, roll="forward",
                                holidays=self._festivos).astype(date)
