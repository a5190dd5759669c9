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


@dataclass(frozen=True)
class HojaSinLeer:
    """A sheet left out of the figures, and why, in a few words («falta la columna requerida
    «Fecha fin»»)."""

    libro: str
    hoja: str | None
    motivo: str

    @property
    def aviso(self) -> str:
        """The sentence for a page's banner and the command line."""
        return (f"{self._no_se_leyo(self.motivo)} Sus filas, y las de otras hojas que se refieren "
                "a ellas, no entran en las cifras: corrija el libro.")

    @property
    def aviso_breve(self) -> str:
        """The sentence for a slide: the reason without its details (which columns were
        expected…)."""
        return self._no_se_leyo(self.motivo.split(";")[0])

    def _no_se_leyo(self, motivo: str) -> str:
        return f"No se leyó la hoja «{self.hoja}» de {self.libro}: {motivo}."


def hojas_sin_leer(problemas: list[Problema]) -> list[HojaSinLeer]:
    """Each sheet left out of the figures, in the order found: a count of rows would understate
    it. The reason is the sheet's own (missing, no header row) or the missing required columns,
    named together."""
    por_hoja: dict[tuple[str, str | None], list[Problema]] = {}
    for p in problemas:
        if p.hoja_sin_leer:
            por_hoja.setdefault((p.libro, p.hoja), []).append(p)
    return [HojaSinLeer(libro, hoja, _motivo(motivos)) for (libro, hoja), motivos in por_hoja.items()]


def _motivo(problemas: list[Problema]) -> str:
    de_la_hoja = [p for p in problemas if p.columna is None]
    if de_la_hoja:
        mensaje = de_la_hoja[0].mensaje
        return mensaje[:1].lower() + mensaje[1:].rstrip(".")
    columnas = [f"«{p.columna}»" for p in problemas]
    donde = f"en la fila de encabezados (fila {problemas[0].fila})"
    if len(columnas) == 1:
        return f"falta la columna requerida {columnas[0]} {donde}"
    return f"faltan las columnas requeridas {', '.join(columnas[:-1])} y {columnas[-1]} {donde}"
