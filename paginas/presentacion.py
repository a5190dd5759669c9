"""Presentación: the meeting's slides for the projector (``?proyector=1``)."""

from tablero import contexto, diapositivas

diapositivas.presentar(contexto.actual())
