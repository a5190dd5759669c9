"""Problems found in the workbooks: what, where (to the cell) and how bad."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
AVISO = "aviso"


@dataclass(frozen=True)
class Problema:
    """One thing a committee member can go and fix.

    ``fila`` is the row number Excel shows; ``valor`` is what the cell holds,
    as text. An ``error`` leaves its row out of the figures; an ``aviso`` does not.
    ``hoja_sin_leer``: the error left the whole sheet out (it is missing, or a required
    column is), and with it every row of other sheets that refers to it.
    """

    severidad: str
    libro: str
    hoja: str | None
    fila: int | None
    columna: str | None
    valor: str | None
    mensaje: str
    hoja_sin_leer: bool = False

    @property
    def es_error(self) -> bool:
        return self.severidad == ERROR

    def __str__(self) -> str:
        lugar = " › ".join(
            parte
            for parte in (
                self.libro,
                f"hoja {self.hoja}" if self.hoja else None,
                f"fila {self.fila}" if self.fila else None,
                f"columna {self.columna}" if self.columna else None,
            )
            if parte
        )
        encontrado = f" Valor encontrado: «{self.valor}»." if self.valor is not None else ""
        return f"{self.severidad.upper()} · {lugar}: {self.mensaje}{encontrado}"


def hay_errores(problemas: list[Problema]) -> bool:
    return any(p.es_error for p in problemas)


def filas_con_error(problemas: list[Problema]) -> int:
    """Rows left out of the figures: each row with at least one error counts once (the
    header row of a sheet not read is not one: see :func:`hojas_sin_leer`)."""
    return len({(p.libro, p.hoja, p.fila) for p in problemas
                if p.es_error and p.fila and not p.hoja_sin_leer})


def avisos_de_hojas_sin_leer(problemas: list[Problema]) -> list[str]:
    """One sentence per sheet left out of the figures, saying why, for a page's banner, a
    slide and the command line alike (a count of rows would understate it)."""
    motivos: dict[tuple[str, str | None], list[str]] = {}
    for p in problemas:
        if p.hoja_sin_leer:
            motivos.setdefault((p.libro, p.hoja), []).append(p.mensaje[:1].lower()
                                                             + p.mensaje[1:].rstrip("."))
    return [f"No se leyó la hoja «{hoja}» de {libro}: {'; '.join(porque)}. Sus filas, y las de "
            "otras hojas que se refieren a ellas, no entran en las cifras: corrija el libro."
            for (libro, hoja), porque in motivos.items()]
