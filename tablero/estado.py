"""What the address holds: the choices a shared link carries, and the one place that maps them.

Every choice that changes what a page shows lives in the URL (``?anio=2020&corte=2020-09-30``…),
so a link opened anywhere shows what its sender saw. A widget's state is not enough on its
own: ``st.switch_page`` clears every widget's state, and the sidebar's page links drop the
address's parameters. So for each parameter this module remembers the value last shown
(in session state, outside any widget) and, on every run, takes:

1. the address, when it differs from the value last shown (a link, the browser's Back button,
   a page switch that names it);
2. else the widget's state (the person just changed it, or it survived a sidebar link);
3. else the value last shown (a page switch cleared the widget);
4. else the default.

A value from the address that cannot be used falls back to the default, and the page says so
in Spanish. Widgets are drawn without a ``value``/``index``/``default`` of their own: the value
decided here is put in their session state first (so Streamlit never warns that a widget "was
created with a default value but also had its value set via the Session State API"). At the end
of the run :func:`escribir` rewrites the address once, with the values shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from pat_core.filtros import BANDERAS


@dataclass(frozen=True)
class Parametro:
    """One choice: its name in the address (a contract, like the CLI's flags) and its widget."""

    nombre: str
    clave: str  # the widget's key in session state
    varios: bool = False  # several values, as repeated keys: ?semaforo=Rojo&semaforo=Amarillo


COMITE = Parametro("comite", "comite")
ANIO = Parametro("anio", "anio")
CORTE = Parametro("corte", "corte")
COMPARAR = Parametro("comparar", "comparar")
PROYECTOR = Parametro("proyector", "proyector")  # its toggle is projector mode's: see conservar
SECCION = Parametro("seccion", "seccion")  # the section shown on the Secciones page
FILTROS = {campo: Parametro(nombre, "f_texto" if campo == "texto" else f"f_{nombre}",
                            varios=campo != "texto")
           for campo, nombre in BANDERAS.items()}
"""The Actividades page's filters, by field of FiltroActividades: ``secciones`` is
``?seccion=`` and widget ``f_seccion``, ``texto`` is ``?buscar=`` and ``f_texto``."""

GLOBALES = (COMITE, ANIO, CORTE, COMPARAR, PROYECTOR)
"""Kept on every page; the others belong to the page that draws their widget."""
PARAMETROS = (*GLOBALES, SECCION, *FILTROS.values())
NOMBRES = {p.nombre for p in PARAMETROS}

_RECORDADOS = "_estado_recordado"  # widget key -> the value last shown, as address text
_DIRECCION = "_estado_direccion"  # this run's address: name -> text or list of texts
_CAMBIADOS = "_estado_cambiados"  # widget keys whose value changed in this run
_AVISOS = "_estado_avisos"


class ValorInvalido(ValueError):
    """A value from the address that cannot be used; the message says why, in Spanish."""


def empezar() -> None:
    """At the top of every run, before any choice is made."""
    st.session_state.setdefault(_RECORDADOS, {})
    st.session_state[_DIRECCION] = {}
    st.session_state[_CAMBIADOS] = set()
    st.session_state[_AVISOS] = []


def texto(valor: Any) -> str | list[str]:
    """A widget's value as the address writes it: dates as AAAA-MM-DD, True as 1."""
    if isinstance(valor, bool):
        return "1" if valor else ""
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, (list, tuple)):
        return [str(x) for x in valor]
    return "" if valor is None else str(valor)


def elegir(parametro: Parametro, predeterminado: Any, leer: Callable[[str], Any],
           conservar: bool = True) -> Any:
    """The value ``parametro`` takes in this run (see the module's docstring) — set in its
    widget's state and in this run's address. ``leer`` turns one text into a value, raising
    :class:`ValorInvalido` when it cannot; ``conservar=False`` forgets the widget's and the
    remembered value (an earlier choice it depended on changed)."""
    recordados = st.session_state[_RECORDADOS]
    pedido = _de_la_direccion(parametro)
    recordado = recordados.get(parametro.clave)
    if pedido is not None and pedido != recordado:
        valor = _leer(parametro, pedido, leer, predeterminado, avisar=True)
    elif conservar and parametro.clave in st.session_state:
        valor = _leer(parametro, texto(st.session_state[parametro.clave]), leer, predeterminado)
    elif conservar and recordado is not None:
        valor = _leer(parametro, recordado, leer, predeterminado)
    else:
        valor = predeterminado
    if st.session_state.get(parametro.clave) != valor:
        st.session_state[parametro.clave] = valor
    escrito = texto(valor)
    if escrito != recordado:
        st.session_state[_CAMBIADOS].add(parametro.clave)
    recordados[parametro.clave] = escrito
    if escrito:
        st.session_state[_DIRECCION][parametro.nombre] = escrito
    return valor


def conservar(parametro: Parametro) -> None:
    """Keep ``parametro`` in the address as it came (projector mode reads and writes its own)."""
    pedido = _de_la_direccion(parametro)
    if pedido:
        st.session_state[_DIRECCION][parametro.nombre] = pedido


def cambio(parametro: Parametro) -> bool:
    """Whether ``parametro`` took a different value in this run than in the one before."""
    return parametro.clave in st.session_state[_CAMBIADOS]


def _de_la_direccion(parametro: Parametro) -> str | list[str] | None:
    if parametro.nombre not in st.query_params:
        return None
    valores = st.query_params.get_all(parametro.nombre)
    return valores if parametro.varios else valores[-1]


def _leer(parametro: Parametro, pedido: str | list[str], leer, predeterminado, avisar=False):
    """``pedido`` read; what cannot be read is left out (and said, when it came from a link)."""
    if not parametro.varios:
        try:
            return leer(pedido)
        except ValorInvalido as error:
            if avisar:
                _avisar(parametro, pedido, str(error), "Se muestra en su lugar el valor "
                        "predeterminado.")
            return predeterminado
    valores = []
    for uno in pedido:
        try:
            valor = leer(uno)
        except ValorInvalido as error:
            if avisar:
                _avisar(parametro, uno, str(error), "Se deja fuera del filtro.")
            continue
        if valor not in valores:
            valores.append(valor)
    return valores


def _avisar(parametro: Parametro, pedido: str, motivo: str, remedio: str) -> None:
    st.session_state[_AVISOS].append(
        f"El enlace pide «{parametro.nombre}={pedido}», que no se puede usar: "
        f"{motivo.rstrip('.')}. {remedio}")


def avisos() -> list[str]:
    """What the address asked for and could not be shown, said once, in Spanish (plain text)."""
    return st.session_state.get(_AVISOS, [])


def escribir() -> None:
    """Rewrite the address with this run's values, once, if it differs; parameters this module
    does not own are kept as they are."""
    deseada = {nombre: valor for nombre, valor in st.session_state[_DIRECCION].items()}
    actual = {nombre: st.query_params.get_all(nombre) for nombre in st.query_params}
    for nombre, valores in actual.items():
        if nombre not in NOMBRES:
            deseada[nombre] = valores
    if _comparable(deseada) != _comparable(actual):
        st.query_params.from_dict(deseada)


def _comparable(direccion: dict) -> dict[str, list[str]]:
    return {k: (v if isinstance(v, list) else [v]) for k, v in direccion.items()}


def direccion_global(**cambios: str) -> dict[str, str]:
    """The address that takes this run's programme (committee, year, cut-off…) to another
    page, with ``cambios`` (``comite="API_Veracruz"``, ``seccion="III"``) on top."""
    actual = st.session_state.get(_DIRECCION, {})
    direccion = {p.nombre: actual[p.nombre] for p in GLOBALES if p.nombre in actual}
    return {**direccion, **cambios}


def ir_a(pagina: str, **cambios: str) -> None:
    """``st.switch_page`` that keeps the programme on screen (it would drop it otherwise)."""
    st.switch_page(pagina, query_params=direccion_global(**cambios))


def pagina_desconocida(nombres: list[str], inicio: str) -> str | None:
    """The page the address asks for (``/informe`` asks for «informe») when it is none of the
    pages ``nombres``; else ``None``.

    Streamlit would show its own dialog, in English, and the first page. The dashboard gives
    that address a hidden page of its own that says so in Spanish (see
    :func:`tablero.vistas.pagina_no_encontrada`). Streamlit does the same for the first page,
    ``inicio``, asked for by its name (``/resumen``: it serves it only at ``/``): then it is
    asked for as ``/``. A name Streamlit cannot give a page (with a ``/``) is left to
    Streamlit. What the address asks for is Streamlit's own record of it: no public API
    says it."""
    contexto = get_script_run_ctx()
    if contexto is None or contexto.pages_manager.intended_page_script_hash:
        return None  # not run by Streamlit, or a page chosen in the menu: one of ``nombres``
    pedida = (contexto.pages_manager.intended_page_name or "").strip().strip("/")
    if pedida == inicio:
        contexto.pages_manager.set_script_intent("", "")
        return None
    if not pedida or "/" in pedida or pedida in nombres:
        return None
    return pedida
