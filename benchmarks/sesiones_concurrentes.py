"""Load: many browser sessions on one server while the evidence workbook is rewritten.

Starts `streamlit run dashboard.py` on a copy of data/, opens N sessions in
Chromium that keep reloading the pages, and rewrites evidencias_2020.xlsx every
second — sometimes leaving it half-written for a moment, as a slow save does.
Reports, per session, how many renders finished and how many showed an
exception box; the errors in the server log; and the server's memory over time.

    .venv/bin/python benchmarks/sesiones_concurrentes.py [--sesiones 10] [--segundos 60]

Not a test: it measures. Needs Debian's Chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import openpyxl
from playwright.sync_api import sync_playwright

RAIZ = Path(__file__).resolve().parent.parent
PAGINAS = ["/", "/secciones?seccion=II", "/actividades", "/evidencias", "/calidad"]
ARGUMENTOS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                       "--disable-background-networking", "--disable-component-update",
                       "--disable-sync", "--no-first-run"]


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memoria_kb(pid: int) -> int:
    """Resident memory of the server and its children, in kB."""
    total = 0
    for proceso in [pid, *hijos(pid)]:
        try:
            for linea in Path(f"/proc/{proceso}/status").read_text().splitlines():
                if linea.startswith("VmRSS:"):
                    total += int(linea.split()[1])
        except OSError:
            pass
    return total


def hijos(pid: int) -> list[int]:
    try:
        return [int(h) for h in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def reescritor(ruta: Path, alto: threading.Event, cuenta: list[int]) -> None:
    """Every second, a new version of the workbook; one time in four, half-written first."""
    completo = ruta.read_bytes()
    libro = openpyxl.load_workbook(ruta)
    hoja = libro["Evidencias"]
    hoja.append(["2.1.5", "20/12/2020", "Evidencia agregada durante la prueba de carga", 100])
    copia = ruta.with_suffix(".tmp")
    libro.save(copia)
    alterno = copia.read_bytes()
    copia.unlink()
    versiones = [completo, alterno]
    n = 0
    while not alto.is_set():
        contenido = versiones[n % 2]
        if n % 4 == 3:
            ruta.write_bytes(contenido[: len(contenido) // 2])
            time.sleep(0.2)
        ruta.write_bytes(contenido)
        n += 1
        cuenta[0] = n
        alto.wait(1.0)


def main() -> int:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument("--sesiones", type=int, default=10)
    argumentos.add_argument("--segundos", type=int, default=60)
    opciones = argumentos.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        datos = Path(tmp) / "datos"
        shutil.copytree(RAIZ / "data", datos)
        puerto = puerto_libre()
        log = Path(tmp) / "servidor.log"
        servidor = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(puerto),
             "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=RAIZ, env={**os.environ, "PAT_DATOS": str(datos)},
            stdout=log.open("w"), stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{puerto}"
        try:
            for _ in range(120):
                try:
                    if urllib.request.urlopen(base + "/_stcore/health", timeout=1).read() == b"ok":
                        break
                except OSError:
                    time.sleep(0.5)
            return medir(opciones, base, servidor, datos, log)
        finally:
            servidor.terminate()
            servidor.wait(timeout=20)


def medir(opciones, base, servidor, datos, log) -> int:
    alto = threading.Event()
    reescrituras = [0]
    resultados = [{"bien": 0, "excepciones": 0, "fallos": 0, "ultimo_fallo": ""}
                  for _ in range(opciones.sesiones)]
    memoria = []
    with sync_playwright() as p:
        navegador = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGUMENTOS_CHROMIUM)
        # Playwright's sync API belongs to one thread: every session's load is started,
        # then each is awaited, so the server serves them concurrently.
        escritor = threading.Thread(target=reescritor,
                                    args=(datos / "evidencias_2020.xlsx", alto, reescrituras))
        contextos = [navegador.new_context(viewport={"width": 1280, "height": 900})
                     for _ in range(opciones.sesiones)]
        paginas = [c.new_page() for c in contextos]
        escritor.start()
        inicio = time.monotonic()
        memoria.append((0.0, memoria_kb(servidor.pid)))
        i = 0
        while time.monotonic() - inicio < opciones.segundos:
            ruta = PAGINAS[i % len(PAGINAS)]
            for pagina in paginas:  # start every session's load, then wait for all
                pagina.goto(base + ruta, wait_until="commit", timeout=60_000)
            for numero, pagina in enumerate(paginas):
                resultado = resultados[numero]
                try:
                    pagina.wait_for_selector("h1", timeout=60_000)
                    pagina.wait_for_function(
                        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                        timeout=60_000)
                    if pagina.locator('[data-testid="stException"]').count():
                        resultado["excepciones"] += 1
                    else:
                        resultado["bien"] += 1
                except Exception as error:  # noqa: BLE001 - counted, not raised
                    resultado["fallos"] += 1
                    resultado["ultimo_fallo"] = f"{type(error).__name__}: {str(error)[:120]}"
            memoria.append((time.monotonic() - inicio, memoria_kb(servidor.pid)))
            i += 1
        alto.set()
        escritor.join()
        navegador.close()
    errores_log = [linea for linea in log.read_text().splitlines()
                   if "Traceback" in linea or "Error" in linea or "Exception" in linea]
    informe(opciones, resultados, reescrituras[0], memoria, errores_log)
    return 0 if not errores_log and not any(r["excepciones"] or r["fallos"] for r in resultados) else 1


def informe(opciones, resultados, reescrituras, memoria, errores_log) -> None:
    print(f"{opciones.sesiones} sesiones durante {opciones.segundos} s; "
          f"el libro de evidencias se reescribió {reescrituras} veces.")
    print("sesión  páginas bien  con excepción  fallos")
    for numero, r in enumerate(resultados, start=1):
        print(f"{numero:>6}  {r['bien']:>12}  {r['excepciones']:>13}  {r['fallos']:>6}  {r['ultimo_fallo']}")
    primero = memoria[1][1] if len(memoria) > 1 else memoria[0][1]
    print(f"Memoria del servidor (RSS): al inicio {memoria[0][1] / 1024:.0f} MB, tras la primera "
          f"ronda {primero / 1024:.0f} MB, máxima {max(m for _, m in memoria) / 1024:.0f} MB, "
          f"al final {memoria[-1][1] / 1024:.0f} MB.")
    print(f"Errores en el registro del servidor: {len(errores_log)}")
    for linea in errores_log[:10]:
        print("  " + linea)


if __name__ == "__main__":
    sys.exit(main())
