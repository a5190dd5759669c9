"""Browser tests: one Streamlit server and one Chromium for the whole session.

Every test in this folder carries the ``navegador`` marker (``pytest -m "not
navegador"`` leaves them out) and is skipped when Chromium is not installed.
A module that must change the workbooks asks for ``servidor_propio`` /
``pagina_propia``: a server of its own, on its own copy of data/, prepared by
the module's ``preparar_datos(carpeta)`` if it defines one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from . import pasos

CARPETA = Path(__file__).resolve().parent
ESPERA_DE_EXPECT_MS = 15_000
"""expect() retries up to this long (Playwright's 5 s is short on a busy 2-core machine)."""

MOTIVO_SIN_CHROMIUM = (
    f"Pruebas en navegador omitidas: no hay Chromium en {pasos.CHROMIUM}. "
    "Instálelo con «apt-get install -y chromium» para ejecutarlas."
)


def _es_de_esta_carpeta(item) -> bool:
    return CARPETA in Path(item.path).resolve().parents


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark this folder's tests ``navegador`` before ``-m`` selects, and skip them without Chromium."""
    sin_chromium = not pasos.CHROMIUM.exists()
    for item in items:
        if not _es_de_esta_carpeta(item):
            continue
        item.add_marker(pytest.mark.navegador)
        if sin_chromium:
            item.add_marker(pytest.mark.skip(reason=MOTIVO_SIN_CHROMIUM))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so page fixtures know whether the test failed."""
    informe = yield
    if _es_de_esta_carpeta(item):
        setattr(item, f"informe_{informe.when}", informe)
    return informe


# --- session: the browser and the shared server ---------------------------

@pytest.fixture(scope="session")
def navegador():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=ESPERA_DE_EXPECT_MS)

    playwright = sync_playwright().start()
    try:
        navegador = pasos.lanzar_navegador(playwright)
        yield navegador
        navegador.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def servidor(tmp_path_factory, navegador):
    """The server most tests share, on a temporary copy of data/ they must not change."""
    carpeta = tmp_path_factory.mktemp("servidor_compartido")
    datos = pasos.copiar_datos(carpeta / "datos")
    with pasos.Servidor(datos, carpeta / "streamlit.log") as servidor:
        yield servidor


@pytest.fixture(scope="module")
def servidor_propio(request, tmp_path_factory, navegador):
    """A server for this module alone, on its own copy of data/ that the module may change."""
    nombre = request.module.__name__.rsplit(".", 1)[-1]
    carpeta = tmp_path_factory.mktemp(f"servidor_{nombre}")
    datos = pasos.copiar_datos(carpeta / "datos")
    preparar = getattr(request.module, "preparar_datos", None)
    if preparar is not None:
        preparar(datos)
    with pasos.Servidor(datos, carpeta / "streamlit.log") as servidor:
        yield servidor


# --- a browser context per server; a fresh page (a fresh Streamlit session) per test

@pytest.fixture(scope="session")
def contexto(navegador, servidor):
    contexto = pasos.nuevo_contexto(navegador, servidor)
    yield contexto
    contexto.close()


@pytest.fixture(scope="module")
def contexto_propio(navegador, servidor_propio):
    contexto = pasos.nuevo_contexto(navegador, servidor_propio)
    yield contexto
    contexto.close()


def _pagina(request, contexto, servidor):
    pagina = contexto.new_page()
    try:
        yield pagina
        informe = getattr(request.node, "informe_call", None)
        if informe is not None and informe.failed:
            _dejar_rastro(request.node, pagina, servidor)
    finally:
        pagina.close()


def _dejar_rastro(nodo, pagina, servidor) -> None:
    """On failure: a screenshot in artefactos/fallos/ and the server log in the report."""
    nombre = re.sub(r"[^\w.-]+", "_", nodo.nodeid.split("::", 1)[-1])
    try:
        ruta = pasos.captura(pagina, f"fallos/{nombre}.png")
        print(f"Captura de la página al fallar: {ruta}")
    except Exception as error:  # the page may be gone; the log still helps
        print(f"No se pudo tomar la captura: {error}")
    print(servidor.registro())


@pytest.fixture
def pagina(request, contexto, servidor):
    """A 1920×1080 page on the shared server."""
    yield from _pagina(request, contexto, servidor)


@pytest.fixture
def pagina_propia(request, contexto_propio, servidor_propio):
    """A 1920×1080 page on the module's own server."""
    yield from _pagina(request, contexto_propio, servidor_propio)
