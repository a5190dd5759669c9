"""Slide changes of the presentation: how long from PageDown until the next slide is drawn.

Starts `streamlit run dashboard.py` on a copy of data/, opens the presentation
(`/?proyector=1`) in Chromium at 1366×768, and pages through every slide with
PageDown, as a presenter remote does: one round to warm up (code loaded once per
browser), then ROUNDS measured rounds. Each change is timed from the key press
until the new slide's title is on screen and Streamlit's run has finished.

    .venv/bin/python benchmarks/diapositivas.py [--rondas 3]

Not a test: it measures. Needs Debian's Chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

from pat_core import cargar_umbrales, diapositivas as d, evaluar, fecha_corte_predeterminada  # noqa: E402
from pat_core.anio import cargar  # noqa: E402
from tests.navegador import pasos  # noqa: E402

OBJETIVO_S = 1.0

_DIBUJADA = """(slug) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const titulo = document.querySelector(`.diapo[data-diapositiva="${slug}"] h1`);
    return titulo !== null && titulo.getClientRects().length > 0 &&
           app.getAttribute('data-test-script-state') === 'notRunning';
}"""


def slugs() -> list[str]:
    umbrales, _ = cargar_umbrales(pasos.DATOS_INCLUIDOS)
    datos = cargar(pasos.DATOS_INCLUIDOS, pasos.ANIO, umbrales)
    evaluacion = evaluar(datos, fecha_corte_predeterminada(pasos.ANIO).date(), umbrales)
    return [diapositiva.slug for diapositiva in d.diapositivas(evaluacion)]


def cambiar(pagina, slug: str) -> float:
    """Press PageDown; seconds until slide ``slug`` is drawn and the run is over.

    The new slide's title proves the rerun happened (a fast run may go from «running» back
    to «not running» within one frame, unseen by an attribute observer)."""
    inicio = time.perf_counter()
    pagina.keyboard.press("PageDown")
    pagina.wait_for_function(_DIBUJADA, arg=slug, polling="raf", timeout=pasos.ESPERA_MS)
    return time.perf_counter() - inicio


def medir(rondas: int) -> dict[str, list[float]]:
    lista = slugs()
    tiempos: dict[str, list[float]] = {slug: [] for slug in lista}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        datos = pasos.copiar_datos(Path(tmp) / "datos")
        with pasos.Servidor(datos, Path(tmp) / "streamlit.log") as servidor:
            navegador = pasos.lanzar_navegador(playwright)
            pagina = pasos.nueva_pagina(navegador, servidor)
            pagina.set_viewport_size({"width": 1366, "height": 768})
            pasos.abrir(pagina, f"/?proyector=1&{d.PARAMETRO}={lista[0]}")
            for ronda in range(rondas + 1):  # round 0 warms up
                for indice in range(len(lista)):
                    destino = lista[(indice + 1) % len(lista)]
                    segundos = cambiar(pagina, destino)
                    if ronda:
                        tiempos[destino].append(segundos)
            navegador.close()
    return tiempos


def informe(tiempos: dict[str, list[float]]) -> str:
    todos = [t for lista in tiempos.values() for t in lista]
    lineas = [f"{'Diapositiva':<14} {'mediana':>8} {'máximo':>8}"]
    lineas += [f"{slug:<14} {statistics.median(t):>7.2f}s {max(t):>7.2f}s"
               for slug, t in tiempos.items()]
    mediana = statistics.median(todos)
    lineas.append(f"Todas ({len(todos)} cambios): mediana {mediana:.2f} s, "
                  f"p90 {statistics.quantiles(todos, n=10)[-1]:.2f} s, máximo {max(todos):.2f} s "
                  f"(objetivo ≤ {OBJETIVO_S:.0f} s de mediana: "
                  f"{'se cumple' if mediana <= OBJETIVO_S else 'NO se cumple'}).")
    return "\n".join(lineas)


def main() -> None:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument("--rondas", type=int, default=3, help="rondas medidas (además de una de calentamiento)")
    print(informe(medir(argumentos.parse_args().rondas)))


if __name__ == "__main__":
    main()
