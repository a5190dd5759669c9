"""Shared steps of the browser tests: the server, the browser and the waits.

In the manner of Streamlit's own e2e suite (e2e_playwright/conftest.py): every
step that makes the app run ends by waiting until the run is over, so the
assertions that follow look at a finished page. Waits are event-based and
bounded; nothing here sleeps for a fixed long time.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

RAIZ = Path(__file__).resolve().parents[2]
DATOS_INCLUIDOS = RAIZ / "data"
ARTEFACTOS = RAIZ / "artefactos"
_PYTHON_DEL_VENV = RAIZ / ".venv" / "bin" / "python"
PYTHON = str(_PYTHON_DEL_VENV) if _PYTHON_DEL_VENV.exists() else sys.executable
"""The venv's python: it runs ``streamlit`` and ``python -m pat_core``."""

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTOS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium tries to reach Google at start-up, and the closed
    # network refuses the connections.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PANTALLA = {"width": 1920, "height": 1080}

ESPERA_SERVIDOR_S = 60
ESPERA_MS = 30_000
"""Upper bound of any single wait in the browser (a run, a chart, a download)."""

ANIO = 2020
CORTE_PREDETERMINADO = "2020-12-31"

APP = '[data-testid="stApp"]'
APP_CONECTADA = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
APP_EN_REPOSO = '[data-testid="stApp"][data-test-script-state="notRunning"]'
INDICADOR_EJECUCION = '[data-testid="stStatusWidget"]'
GRAFICA = '[data-testid="stPlotlyChart"]'
ESQUELETOS = ('[data-testid="stAppSkeleton"], [data-testid="stSkeletonElement"], '
              '[data-testid="stSkeleton"]')
"""Placeholders Streamlit draws while an element's code is still loading (React Suspense)."""
EXCEPCION = '[data-testid="stException"]'
ERROR_INESPERADO = "Ocurrió un error inesperado"
BARRA_LATERAL = '[data-testid="stSidebar"]'


# --- data -------------------------------------------------------------------

def copiar_datos(destino: Path) -> Path:
    """A private copy of data/: the browser tests never touch the committee's record."""
    shutil.copytree(DATOS_INCLUIDOS, destino)
    return destino


def fila_de_encabezados(hoja, primer_encabezado: str, hasta: int = 20) -> int:
    """The row holding the headers (row 3 in the shipped books, under title rows)."""
    for fila in hoja.iter_rows(min_row=1, max_row=hasta):
        for celda in fila:
            if isinstance(celda.value, str) and celda.value.strip() == primer_encabezado:
                return celda.row
    raise AssertionError(f"No se encontró el encabezado «{primer_encabezado}» en la hoja "
                         f"«{hoja.title}».")


def columnas(hoja, fila: int) -> dict[str, int]:
    """Header text -> column number, for the header row ``fila``."""
    return {str(c.value).strip(): c.column for c in hoja[fila] if c.value is not None}


def primera_fila_vacia(hoja, desde: int, columna: int = 1) -> int:
    """The first row after ``desde`` whose column ``columna`` is empty.

    Not ``hoja.append``: the books carry data validation down to row 2003, so
    ``max_row`` is not where the data ends.
    """
    fila = desde + 1
    while hoja.cell(row=fila, column=columna).value not in (None, ""):
        fila += 1
    return fila


def anotar_evidencia(libro, clave: str, fecha: date, descripcion: str,
                     avance: float | None) -> None:
    """One more row in the «Evidencias» sheet of an open evidence workbook, as a member types it."""
    hoja = libro["Evidencias"]
    encabezados = fila_de_encabezados(hoja, "Clave actividad")
    col = columnas(hoja, encabezados)
    fila = primera_fila_vacia(hoja, encabezados, col["Clave actividad"])
    hoja.cell(row=fila, column=col["Clave actividad"], value=clave)
    celda_fecha = hoja.cell(row=fila, column=col["Fecha"],
                            value=datetime(fecha.year, fecha.month, fecha.day))
    celda_fecha.number_format = "DD/MM/YYYY"
    hoja.cell(row=fila, column=col["Descripción"], value=descripcion)
    hoja.cell(row=fila, column=col["Avance %"], value=avance)


def agregar_evidencia(carpeta: Path, clave: str, fecha: date, descripcion: str,
                      avance: float | None) -> None:
    """Save evidencias_2020.xlsx in ``carpeta`` with one more evidence row."""
    ruta = carpeta / f"evidencias_{ANIO}.xlsx"
    libro = load_workbook(ruta)
    anotar_evidencia(libro, clave, fecha, descripcion, avance)
    libro.save(ruta)


def restaurar(carpeta: Path, nombre: str) -> Path:
    """Put back the shipped version of workbook ``nombre`` in ``carpeta`` (with a new mtime)."""
    ruta = carpeta / nombre
    ruta.write_bytes((DATOS_INCLUIDOS / nombre).read_bytes())
    return ruta


def libro_en_bytes(libro) -> bytes:
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def igualar_tamano(*libros: bytes) -> list[bytes]:
    """The same xlsx files, all padded to one size with a zip comment (Excel ignores it).

    So two different contents can carry the same size, and with ``os.utime`` the
    same modification time: what the dashboard's cache key cannot tell apart.
    """
    tamano = max(len(libro) for libro in libros)
    iguales = []
    for libro in libros:
        relleno = tamano - len(libro)
        assert relleno <= 0xFFFF, "los libros difieren demasiado para igualarlos"
        salida = io.BytesIO(libro)
        if relleno:
            with zipfile.ZipFile(salida, "a") as archivo:
                archivo.comment = b" " * relleno
        iguales.append(salida.getvalue())
    assert {len(libro) for libro in iguales} == {tamano}
    return iguales


def _cambiar_en_el_plan(carpeta: Path, hoja: str, columna_clave: str, clave: str,
                       columna: str, texto: str) -> int:
    """Write ``texto`` in ``columna`` of every row of sheet ``hoja`` of the plan whose
    ``columna_clave`` is ``clave``; how many rows it wrote."""
    ruta = carpeta / f"pat_{ANIO}.xlsx"
    libro = load_workbook(ruta)
    hoja = libro[hoja]
    encabezados = fila_de_encabezados(hoja, columna_clave)
    col = columnas(hoja, encabezados)
    cambiadas = 0
    for fila in range(encabezados + 1, hoja.max_row + 1):
        if str(hoja.cell(row=fila, column=col[columna_clave]).value).strip() == clave:
            hoja.cell(row=fila, column=col[columna], value=texto)
            cambiadas += 1
    libro.save(ruta)
    return cambiadas


def cambiar_actividad(carpeta: Path, clave: str, texto: str) -> None:
    """Replace the «Actividad» text of activity ``clave`` in the plan's «Actividades» sheet."""
    if not _cambiar_en_el_plan(carpeta, "Actividades", "Clave actividad", clave, "Actividad", texto):
        raise AssertionError(f"La actividad {clave} no está en pat_{ANIO}.xlsx.")


def cambiar_seccion(carpeta: Path, seccion: str, nombre: str) -> None:
    """Replace the «Nombre de la sección» of every row of ``seccion`` in the «Indicadores» sheet."""
    if not _cambiar_en_el_plan(carpeta, "Indicadores", "Sección", seccion, "Nombre de la sección",
                               nombre):
        raise AssertionError(f"La sección {seccion} no está en pat_{ANIO}.xlsx.")


# --- server -----------------------------------------------------------------

def puerto_libre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PuertoOcupado(RuntimeError):
    """Another process took the free port between choosing it and Streamlit binding it."""


class Servidor:
    """``streamlit run dashboard.py`` on a free port, reading the data folder ``datos``."""

    def __init__(self, datos: Path, bitacora: Path):
        self.datos = datos
        self.bitacora = bitacora
        self.puerto = puerto_libre()
        self.url = f"http://127.0.0.1:{self.puerto}"
        self._proceso: subprocess.Popen | None = None
        self._salida = None

    def iniciar(self, intentos: int = 3) -> "Servidor":
        """Start the server and wait for its health check; a new port if another process took it."""
        for intento in range(1, intentos + 1):
            self._arrancar()
            try:
                self._esperar_salud()
                return self
            except PuertoOcupado:
                self.detener()
                if intento == intentos:
                    raise
                self.puerto = puerto_libre()
                self.url = f"http://127.0.0.1:{self.puerto}"
            except BaseException:
                self.detener()
                raise
        return self

    def _arrancar(self) -> None:
        entorno = {**os.environ, "PAT_DATOS": str(self.datos),
                   "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        self._salida = open(self.bitacora, "ab")
        self._proceso = subprocess.Popen(
            [PYTHON, "-m", "streamlit", "run", "dashboard.py",
             "--server.port", str(self.puerto), "--server.headless", "true",
             "--server.address", "127.0.0.1"],
            cwd=RAIZ, env=entorno, stdout=self._salida, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )

    def _esperar_salud(self) -> None:
        limite = time.monotonic() + ESPERA_SERVIDOR_S
        pausa = 0.1
        while time.monotonic() < limite:
            if self._proceso.poll() is not None:
                if f"Port {self.puerto} is not available" in self.registro():
                    raise PuertoOcupado(self.puerto)
                raise RuntimeError(f"Streamlit terminó al arrancar (código "
                                   f"{self._proceso.returncode}).\n{self.registro()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as respuesta:
                    if respuesta.status == 200 and respuesta.read().strip() == b"ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(pausa)
            pausa = min(pausa * 1.5, 0.5)
        raise RuntimeError(f"Streamlit no respondió en {self.url}/_stcore/health en "
                           f"{ESPERA_SERVIDOR_S} s.\n{self.registro()}")

    @property
    def pid(self) -> int | None:
        return self._proceso.pid if self._proceso else None

    def vivo(self) -> bool:
        return self._proceso is not None and self._proceso.poll() is None

    def registro(self, ultimos: int = 4000) -> str:
        """The tail of the server's log, for failure messages."""
        if self._salida:
            self._salida.flush()
        try:
            texto = self.bitacora.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(sin bitácora)"
        return f"--- {self.bitacora} ---\n{texto[-ultimos:]}"

    def detener(self) -> None:
        proceso, self._proceso = self._proceso, None
        if proceso is not None and proceso.poll() is None:
            proceso.terminate()
            try:
                proceso.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proceso.kill()
                proceso.wait(timeout=10)
        if self._salida:
            self._salida.close()
            self._salida = None

    def __enter__(self) -> "Servidor":
        return self.iniciar()

    def __exit__(self, *_) -> None:
        self.detener()


# --- browser ----------------------------------------------------------------

def lanzar_navegador(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=ARGUMENTOS_CHROMIUM)


def nuevo_contexto(navegador, servidor: Servidor):
    """A browser context bound to ``servidor``: 1920×1080, Mexican Spanish, downloads on.

    Its pages share the HTTP cache (Streamlit's lazily loaded code is fetched
    once), yet each page is a Streamlit session of its own.
    """
    contexto = navegador.new_context(base_url=servidor.url, viewport=PANTALLA,
                                     device_scale_factor=1, accept_downloads=True,
                                     locale="es-MX", timezone_id="America/Mexico_City")
    contexto.set_default_timeout(ESPERA_MS)
    return contexto


def nueva_pagina(navegador, servidor: Servidor):
    """A page in a context of its own; close it with ``pagina.context.close()``."""
    return nuevo_contexto(navegador, servidor).new_page()


def esperar_fin(pagina, timeout: float = ESPERA_MS) -> None:
    """Wait until the app has finished running and drawing.

    As e2e_playwright's ``wait_for_app_run``: connected, script not running,
    and the running indicator gone. Then drawn: each element's code loaded
    (Streamlit loads most widgets and charts lazily and shows a skeleton
    meanwhile; a fresh browser context fetches that code again, slowly on a busy
    machine) and every Plotly chart has its SVG.
    """
    pagina.wait_for_selector(APP, state="attached", timeout=timeout)
    pagina.wait_for_selector(APP_CONECTADA, state="attached", timeout=timeout)
    pagina.wait_for_selector(APP_EN_REPOSO, state="attached", timeout=timeout)
    pagina.wait_for_selector(INDICADOR_EJECUCION, state="detached", timeout=timeout)
    pagina.wait_for_function(
        """([esqueletos, graficas]) =>
               document.querySelectorAll(esqueletos).length === 0 &&
               Array.from(document.querySelectorAll(graficas))
                    .every((grafica) => grafica.querySelector('.main-svg'))""",
        arg=[ESQUELETOS, GRAFICA], timeout=timeout, polling=100,
    )


def abrir(pagina, ruta: str = "/") -> None:
    """Go to ``ruta`` (``/actividades``, ``/?proyector=1``…) and wait for the run to end."""
    pagina.goto(ruta, wait_until="domcontentloaded")
    esperar_fin(pagina)


def recargar(pagina) -> None:
    pagina.reload(wait_until="domcontentloaded")
    esperar_fin(pagina)


def vigilar_corrida(pagina) -> None:
    """From now on, ``window.__corrida`` turns true when the app's script starts running."""
    pagina.evaluate(
        """() => {
            window.__corrida = false;
            const app = document.querySelector('[data-testid="stApp"]');
            window.__observador?.disconnect();
            window.__observador = new MutationObserver(() => {
                if (app.getAttribute('data-test-script-state') !== 'notRunning') window.__corrida = true;
            });
            window.__observador.observe(app, {attributes: true,
                                              attributeFilter: ['data-test-script-state']});
        }"""
    )


def esperar_rerun(pagina, accion, timeout: float = ESPERA_MS) -> None:
    """Do ``accion`` (a click…) and wait for the rerun it starts to finish.

    Waiting for «not running» right after a click can pass before the rerun has
    even begun; so a MutationObserver first watches the app's script state leave
    «notRunning» (for at most 5 s: an action that starts no run is accepted),
    then :func:`esperar_fin` waits for the end.
    """
    vigilar_corrida(pagina)
    accion()
    with contextlib.suppress(Exception):
        pagina.wait_for_function("() => window.__corrida === true", timeout=5_000, polling=50)
    esperar_fin(pagina, timeout)


def titulo(pagina):
    """The page's st.title."""
    return pagina.get_by_test_id("stMain").locator("h1")


def sin_excepciones(pagina) -> None:
    """No exception box, neither Streamlit's nor the app's own «error inesperado» message.

    dashboard.py catches what a page raises and shows it with st.error
    (tablero/vistas.py ``error_inesperado``), so both are looked for.
    """
    cajas = pagina.locator(EXCEPCION).or_(
        pagina.get_by_test_id("stAlertContentError").filter(has_text=ERROR_INESPERADO))
    if cajas.count():
        raise AssertionError("La página muestra una excepción:\n" +
                             "\n---\n".join(cajas.all_inner_texts()))


def metrica(pagina, etiqueta: str):
    """The st.metric card whose label is ``etiqueta`` (it may carry a symbol in front)."""
    tarjetas = pagina.get_by_test_id("stMetric").filter(
        has=pagina.get_by_test_id("stMetricLabel").filter(has_text=etiqueta))
    return tarjetas.first


def texto_de_metrica(pagina, etiqueta: str) -> str:
    return metrica(pagina, etiqueta).get_by_test_id("stMetricValue").inner_text().strip()


def boton(pagina, texto: str):
    return pagina.get_by_role("button", name=texto, exact=True)


def fecha_de_corte(pagina) -> str:
    """The cut-off shown in the sidebar (dd/mm/aaaa), as the CLI takes it (aaaa-mm-dd).

    Read from what the person sees: the date field's day / month / year segments.
    """
    campo = pagina.get_by_test_id("stSidebar").get_by_role("group", name="Fecha de corte")
    visto = "".join(c for c in campo.inner_text() if c.isdigit() or c == "/")
    return datetime.strptime(visto, "%d/%m/%Y").strftime("%Y-%m-%d")


def comando_mostrado(pagina) -> list[str]:
    """The ``python -m pat_core …`` line shown under the download button, split as a shell does."""
    texto = pagina.get_by_test_id("stCode").filter(has_text="python -m pat_core").inner_text()
    return shlex.split(texto.strip())


def elegir_en_multiselect(pagina, etiqueta: str, opcion: str) -> None:
    """Open the multiselect labelled ``etiqueta`` and pick ``opcion`` as shown."""
    control = pagina.get_by_test_id("stMultiSelect").filter(
        has=pagina.get_by_test_id("stWidgetLabel").filter(has_text=etiqueta))
    control.locator("input").click()
    esperar_rerun(pagina, lambda: pagina.get_by_role("option", name=opcion, exact=True).click())
    pagina.keyboard.press("Escape")


def descargar(pagina, texto_boton: str) -> tuple[bytes, str]:
    """Click a download button; the bytes and file name the browser received."""
    with pagina.expect_download(timeout=ESPERA_MS) as espera:
        esperar_rerun(pagina, lambda: pagina.get_by_test_id("stDownloadButton")
                      .get_by_role("button", name=texto_boton).click())
    descarga = espera.value
    return Path(descarga.path()).read_bytes(), descarga.suggested_filename


# --- command line -----------------------------------------------------------

def csv_de_la_cli(datos: Path, *argumentos: str) -> bytes:
    """Run ``python -m pat_core ARGUMENTOS --datos DATOS`` with the venv's python; its stdout."""
    resultado = subprocess.run(
        [PYTHON, "-m", "pat_core", *argumentos, "--datos", str(datos)],
        cwd=RAIZ, capture_output=True, timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PAT_DATOS"},
    )
    assert resultado.returncode == 0, resultado.stderr.decode("utf-8", "replace")
    return resultado.stdout


# --- screenshots ------------------------------------------------------------

def captura(pagina, nombre: str) -> Path:
    """A screenshot of the viewport in artefactos/ (git-ignored)."""
    ruta = ARTEFACTOS / nombre
    ruta.parent.mkdir(parents=True, exist_ok=True)
    pagina.evaluate("document.fonts.ready.then(() => true)")
    pagina.screenshot(path=str(ruta), full_page=False, animations="disabled", caret="hide")
    return ruta


def tamano_png(ruta: Path) -> tuple[int, int]:
    """Width and height from the PNG header (signature, then the IHDR chunk)."""
    cabecera = ruta.read_bytes()[:24]
    assert cabecera[:8] == b"\x89PNG\r\n\x1a\n", f"{ruta} no es un PNG"
    assert cabecera[12:16] == b"IHDR"
    return struct.unpack(">II", cabecera[16:24])


# --- slides of the presentation ---------------------------------------------

DIAPOSITIVA = ".diapo"
"""The slide drawn by tablero/diapositivas.py; ``data-diapositiva`` holds its slug."""


def avanzar_diapositiva(pagina, tecla: str, slug: str) -> None:
    """Press ``tecla`` on the page (as a presenter remote does, no click first) and wait
    until slide ``slug`` is drawn and the run is over."""
    esperar_rerun(pagina, lambda: pagina.keyboard.press(tecla))
    pagina.wait_for_selector(f'{DIAPOSITIVA}[data-diapositiva="{slug}"]', state="visible",
                             timeout=ESPERA_MS)
    esperar_fin(pagina)


_MEDIR = """() => {
    const visible = (nodo) => {
        const rango = document.createRange();
        rango.selectNodeContents(nodo);
        return Array.from(rango.getClientRects()).some((r) => r.width > 1 && r.height > 1 &&
            r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight);
    };
    const desplazables = [], cortados = [];
    for (const el of document.querySelectorAll('*')) {
        const estilo = getComputedStyle(el);
        const nombre = `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') || el.className}]`;
        if (/(auto|scroll)/.test(estilo.overflowX + estilo.overflowY) &&
            (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1))
            desplazables.push(nombre);
        if (estilo.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && visible(el))
            cortados.push(`${nombre}: ${el.textContent.trim().slice(0, 40)}`);
    }
    let letra = Infinity, donde = '';
    const desbordados = [];
    const textos = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (textos.nextNode()) {
        const nodo = textos.currentNode;
        if (!nodo.textContent.trim() || !visible(nodo)) continue;
        const caja = nodo.parentElement;
        if (caja.closest('.diapo') && caja.scrollWidth > caja.clientWidth + 1 && caja.clientWidth > 0)
            desbordados.push(nodo.textContent.trim().slice(0, 40));
        const estilo = getComputedStyle(nodo.parentElement);
        if (estilo.visibility === 'hidden' || parseFloat(estilo.opacity) === 0) continue;
        const tamano = parseFloat(estilo.fontSize);
        if (tamano < letra) { letra = tamano; donde = nodo.textContent.trim().slice(0, 40); }
    }
    return {alto: document.scrollingElement.scrollHeight, ventana: window.innerHeight,
            ancho: document.scrollingElement.scrollWidth, anchoVentana: window.innerWidth,
            desplazables, cortados, desbordados, letra, donde, texto: document.body.innerText};
}"""


def medir_diapositiva(pagina) -> dict:
    """What the slide tests check: page height and width, scrolling areas, text cut with
    an ellipsis or wider than its box, the smallest visible text, and the text shown."""
    return pagina.evaluate(_MEDIR)


def problemas_de_diapositiva(medida: dict, letra_minima: float) -> list[str]:
    """Why a slide does not fit the screen whole or is not readable; empty when it does."""
    fallas = []
    if medida["alto"] > medida["ventana"]:
        fallas.append(f"la página mide {medida['alto']} px de alto en {medida['ventana']}")
    if medida["ancho"] > medida["anchoVentana"]:
        fallas.append(f"la página mide {medida['ancho']} px de ancho en {medida['anchoVentana']}")
    if medida["desplazables"]:
        fallas.append(f"áreas con desplazamiento: {medida['desplazables']}")
    if medida["desbordados"]:
        fallas.append(f"texto más ancho que su caja: {medida['desbordados']}")
    if medida["cortados"] or "…" in medida["texto"]:
        fallas.append(f"texto cortado con «…»: {medida['cortados']}")
    if medida["letra"] < letra_minima:
        fallas.append(f"letra de {medida['letra']} px en «{medida['donde']}»")
    if not re.search(r"Corte\s*\d{2}/\d{2}/\d{4}", medida["texto"]):
        fallas.append("no se ve la fecha de corte")
    return fallas


def alargar_y_vencer_actividades(carpeta: Path, fin: date, texto: str) -> None:
    """Every activity of the plan ends on ``fin``, gets ``texto`` appended to its name and
    loses its evidence: at a later cut-off they are all overdue, with long names (a section
    slide's worst case)."""
    ruta = carpeta / f"evidencias_{ANIO}.xlsx"
    libro = load_workbook(ruta)
    hoja = libro["Evidencias"]
    encabezados = fila_de_encabezados(hoja, "Clave actividad")
    for fila in hoja.iter_rows(min_row=encabezados + 1):
        for celda in fila:
            celda.value = None
    libro.save(ruta)
    ruta = carpeta / f"pat_{ANIO}.xlsx"
    libro = load_workbook(ruta)
    hoja = libro["Actividades"]
    encabezados = fila_de_encabezados(hoja, "Clave actividad")
    col = columnas(hoja, encabezados)
    for fila in range(encabezados + 1, primera_fila_vacia(hoja, encabezados, col["Clave actividad"])):
        hoja.cell(row=fila, column=col["Fecha fin"], value=datetime(fin.year, fin.month, fin.day))
        actividad = hoja.cell(row=fila, column=col["Actividad"])
        actividad.value = f"{actividad.value} {texto}"
    libro.save(ruta)


def sumar_riesgos_largos(carpeta: Path, cuantos: int, texto: str) -> None:
    """Every activity gets, on a second line of its «Riesgos» cell, one of ``cuantos`` long
    risks of its own: more risks than a slide holds, with long names (the risks slide's
    worst case), while the plan's own risks gather many keys."""
    ruta = carpeta / f"pat_{ANIO}.xlsx"
    libro = load_workbook(ruta)
    hoja = libro["Actividades"]
    encabezados = fila_de_encabezados(hoja, "Clave actividad")
    col = columnas(hoja, encabezados)
    for numero, fila in enumerate(range(encabezados + 1, primera_fila_vacia(
            hoja, encabezados, col["Clave actividad"]))):
        riesgos = hoja.cell(row=fila, column=col["Riesgos"])
        riesgos.value = f"{riesgos.value}\nRiesgo {numero % cuantos + 1} {texto}"
    libro.save(ruta)
