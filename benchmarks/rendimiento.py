"""Speed of reading and computing, at three sizes, against pd.read_excel(engine="openpyxl").

    make bench          (or: .venv/bin/python benchmarks/rendimiento.py [--repeticiones 3])

Sizes: the shipped data (one committee, flat folder); 270 committees × 1 year
(≈ 6k activities, 68k evidence rows); 270 committees × 5 years (≈ 30k
activities, 340k evidence rows). The synthetic folders are written once by
benchmarks/sinteticos.py into a cache folder outside data/ (``--carpeta``,
default: the system's temp folder) and reused while the generator is unchanged.

Measured, as medians of ``--repeticiones`` runs, in one process:
- openpyxl: ``pd.read_excel(engine="openpyxl")`` of every sheet of every workbook (the reference);
- piso: inflating every XML part of every workbook and scanning it once (the format's floor);
- carga en frío + cálculo: a new cache, every workbook read and validated, and the figures of
  every committee and year computed (the roll-up at each year's 31 December; the shipped data
  with ``cargar`` + ``evaluar``);
- recarga: after one committee's evidence workbook is saved again, the roll-up of that year
  (only that file is read: the count of files read is printed);
- AppTest: a rerun of the Resumen page on the shipped data, and of the Consolidado page on
  270 committees when paginas/consolidado.py exists;
- memoria pico: peak RSS of a fresh process doing the cold load + compute, and the sum of the
  peaks of the processes it started (the workers and the server they are forked from).

Not a test: it measures, prints a table and writes it into README.md («Rendimiento»).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from functools import partial
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

import pandas as pd  # noqa: E402

from benchmarks import sinteticos  # noqa: E402
from pat_core import comites, modelo  # noqa: E402
from pat_core.cache import CacheLecturas  # noqa: E402
from pat_core.calculo import evaluar  # noqa: E402
from pat_core import lectura  # noqa: E402

ANIOS = (2016, 2017, 2018, 2019, 2020)
EVIDENCIAS_POR_ANIO = 252
VERSION_DATOS = "3"  # change when sinteticos.py changes what it writes
INICIO, FIN = "<!-- rendimiento:inicio -->", "<!-- rendimiento:fin -->"


# ---------------------------------------------------------------- data sets


def preparar(carpeta: Path) -> dict[str, Path]:
    """The three folders, generated once and reused."""
    carpeta.mkdir(parents=True, exist_ok=True)
    marca = carpeta / "version.txt"
    cinco, uno, incluidos = carpeta / "270x5", carpeta / "270x1", carpeta / "incluidos"
    if not marca.is_file() or marca.read_text() != VERSION_DATOS:
        for vieja in (cinco, uno, incluidos):
            shutil.rmtree(vieja, ignore_errors=True)
        print("Generando 270 comités × 5 años (una sola vez; unos minutos)…", file=sys.stderr)
        sinteticos.generar(cinco, 270, ANIOS, EVIDENCIAS_POR_ANIO)
        for comite in sorted(p for p in cinco.iterdir() if p.is_dir()):
            destino = uno / comite.name
            destino.mkdir(parents=True)
            for nombre in ("pat_2020.xlsx", "evidencias_2020.xlsx"):
                shutil.copy2(comite / nombre, destino / nombre)
        shutil.copytree(RAIZ / "data", incluidos)
        marca.write_text(VERSION_DATOS)
    return {"incluidos": incluidos, "270x1": uno, "270x5": cinco}


def libros(carpeta: Path) -> list[Path]:
    return sorted(carpeta.rglob("*.xlsx"))


# ---------------------------------------------------------------- measurements


def mediana(funcion, repeticiones: int) -> float:
    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        funcion()
        tiempos.append(time.perf_counter() - inicio)
    return statistics.median(tiempos)


def openpyxl(carpeta: Path) -> None:
    for ruta in libros(carpeta):
        pd.read_excel(ruta, sheet_name=None, engine="openpyxl", header=None)


def piso(carpeta: Path) -> None:
    """Inflate every XML part and scan it once: no reader can do less."""
    for ruta in libros(carpeta):
        with zipfile.ZipFile(io.BytesIO(ruta.read_bytes())) as paquete:
            for nombre in paquete.namelist():
                if nombre.endswith(".xml") or nombre.endswith(".rels"):
                    paquete.read(nombre).count(b"<c ")


def olvidar() -> None:
    """Nothing remembered between runs: a cold start of the data, not of Python."""
    modelo._LEIDOS.clear()
    modelo._INVALIDOS.clear()
    lectura._llave.cache_clear()
    lectura._conocidas.cache_clear()


def carga_fria(nombre: str, carpeta: Path, cache: CacheLecturas | None = None):
    olvidar()
    cache = CacheLecturas() if cache is None else cache
    if nombre == "incluidos":
        for anio in lectura.anios_disponibles(carpeta):
            evaluar(cache.cargar(carpeta, anio), pd.Timestamp(anio, 12, 31))
        return cache
    for anio in comites.anios_comites(carpeta):
        comites.consolidar(carpeta, anio, pd.Timestamp(anio, 12, 31), cache)
    return cache


def recarga(nombre: str, carpeta: Path, repeticiones: int) -> tuple[float, float, int]:
    """Save one committee's evidence workbook again (new content) and roll the year up anew."""
    if nombre == "incluidos":
        destino = Path(tempfile.mkdtemp()) / "datos"
        shutil.copytree(carpeta, destino)
        ruta, anio, comite = destino / "evidencias_2020.xlsx", 2020, None
    else:
        anio = max(comites.anios_comites(carpeta))
        destino = Path(tempfile.mkdtemp()) / "datos"
        shutil.copytree(carpeta, destino, ignore=shutil.ignore_patterns(
            *[f"*_{a}.xlsx" for a in ANIOS if a != anio]))
        comite = comites.listar_comites(destino)[0]
        ruta = destino / comite / f"evidencias_{anio}.xlsx"
    versiones = [ruta.read_bytes(), _con_una_evidencia_mas(ruta)]
    cache = CacheLecturas()
    corte = pd.Timestamp(anio, 12, 31)

    def rollup():
        if comite is None:
            return evaluar(cache.cargar(destino, anio), corte)
        return comites.consolidar(destino, anio, corte, cache)

    rollup()
    cargas, totales, leidos = [], [], []
    for vez in range(repeticiones):
        ruta.write_bytes(versiones[(vez + 1) % 2])
        os.utime(ruta, ns=(time.time_ns(), time.time_ns()))
        antes = cache.lecturas
        inicio = time.perf_counter()
        if comite is None:
            datos = cache.cargar(destino, anio)
            cargado = time.perf_counter()
            evaluar(datos, corte)
        else:
            comites.leer_comites(destino, anio, cache)
            cargado = time.perf_counter()
            comites.consolidar(destino, anio, corte, cache)
        fin = time.perf_counter()
        cargas.append(cargado - inicio)
        totales.append(fin - inicio)
        leidos.append(cache.lecturas - antes)
    shutil.rmtree(destino.parent, ignore_errors=True)
    return statistics.median(cargas), statistics.median(totales), max(leidos)


def _con_una_evidencia_mas(ruta: Path) -> bytes:
    from openpyxl import load_workbook

    libro = load_workbook(ruta)
    libro["Evidencias"].append(["1.1.1", "30/11/2020", "Evidencia agregada en la recarga", 90])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def memoria_pico(nombre: str, carpeta: Path) -> tuple[float, float]:
    """Peak RSS (MB) of a fresh process that does the cold load + compute, and the sum of
    the peaks of its descendants (read from /proc while the workers are still up).

    VmHWM, not ``getrusage``: Linux carries into ``ru_maxrss`` the size of the parent
    this process was forked from (this benchmark, by then large), not only its own."""
    codigo = (
        "import sys; sys.path.insert(0, %r); from pathlib import Path;"
        "from benchmarks import rendimiento as r;"
        "r.carga_fria(%r, Path(%r));"
        "print(r.pico('self'), r.pico_descendientes())"
    ) % (str(RAIZ), nombre, str(carpeta))
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                            check=True, cwd=RAIZ)
    propio, descendientes = salida.stdout.split()[-2:]
    return int(propio) / 1024, int(descendientes) / 1024


def pico(pid) -> int:
    """Peak RSS (kB) of a live process, as Linux keeps it (VmHWM); 0 if it is gone."""
    try:
        lineas = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    return next((int(linea.split()[1]) for linea in lineas if linea.startswith("VmHWM:")), 0)


def pico_descendientes() -> int:
    """Sum of the peak RSS (kB) of every process descended from this one (Linux)."""
    hijos: dict[int, list[int]] = {}
    for entrada in os.listdir("/proc"):
        if entrada.isdigit():
            try:
                estado = Path(f"/proc/{entrada}/stat").read_text()
            except OSError:
                continue
            padre = int(estado.rsplit(")", 1)[1].split()[1])
            hijos.setdefault(padre, []).append(int(entrada))
    pendientes, total = list(hijos.get(os.getpid(), [])), 0
    while pendientes:
        pid = pendientes.pop()
        pendientes += hijos.get(pid, [])
        total += pico(pid)
    return total


def apptest(pagina: str, datos: Path | None, repeticiones: int) -> float | None:
    """Median seconds of a rerun of ``pagina`` (after a first run that fills the caches)."""
    if not (RAIZ / pagina).is_file():
        return None
    from streamlit.testing.v1 import AppTest

    entorno = os.environ.get("PAT_DATOS")
    try:
        if datos is not None:
            os.environ["PAT_DATOS"] = str(datos)
        else:
            os.environ.pop("PAT_DATOS", None)
        app = AppTest.from_file(str(RAIZ / "dashboard.py"), default_timeout=600)
        app.run()
        if pagina != "paginas/resumen.py":
            app.switch_page(pagina).run()
        if app.exception:
            raise RuntimeError([e.value for e in app.exception])
        return mediana(app.run, repeticiones)
    finally:
        if entorno is None:
            os.environ.pop("PAT_DATOS", None)
        else:
            os.environ["PAT_DATOS"] = entorno


# ---------------------------------------------------------------- report


def contar(carpeta: Path) -> tuple[int, int, int]:
    """Workbook files, activities and evidence rows (validated) in a folder."""
    cache = CacheLecturas()
    actividades = evidencias = 0
    carpetas = [carpeta] if lectura.anios_disponibles(carpeta) else \
        [carpeta / c for c in comites.listar_comites(carpeta)]
    for una in carpetas:
        for anio in lectura.anios_disponibles(una):
            leido = cache.anio(una, anio)
            actividades += len(leido.hojas["Actividades"]["_fila"])
            evidencias += len(leido.hojas["Evidencias"]["_fila"])
    return len(libros(carpeta)), actividades, evidencias


def ms(segundos: float | None) -> str:
    if segundos is None:
        return "pendiente"
    return f"{segundos * 1000:,.0f} ms" if segundos >= 0.01 else f"{segundos * 1000:.1f} ms"


def main() -> int:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument("--repeticiones", type=int, default=3)
    argumentos.add_argument("--carpeta", type=Path,
                            default=Path(tempfile.gettempdir()) / "tablero_pat_bench")
    argumentos.add_argument("--sin-readme", action="store_true", help="no escribe README.md")
    opciones = argumentos.parse_args()
    conjuntos = preparar(opciones.carpeta)
    n = opciones.repeticiones
    etiquetas = {"incluidos": "1 comité (datos incluidos)", "270x1": "270 comités × 1 año",
                 "270x5": "270 comités × 5 años"}
    filas = []
    for nombre, carpeta in conjuntos.items():
        archivos, actividades, evidencias = contar(carpeta)
        print(f"{etiquetas[nombre]}: {archivos} libros, {actividades:,} actividades, "
              f"{evidencias:,} evidencias…", file=sys.stderr)
        referencia = mediana(partial(openpyxl, carpeta), n)
        suelo = mediana(partial(piso, carpeta), n)
        fria = mediana(partial(carga_fria, nombre, carpeta), n)
        carga, total, leidos = recarga(nombre, carpeta, max(n, 5))
        memoria, memoria_trabajadores = memoria_pico(nombre, carpeta)
        filas.append(dict(nombre=nombre, etiqueta=etiquetas[nombre], archivos=archivos,
                          actividades=actividades, evidencias=evidencias, openpyxl=referencia,
                          piso=suelo, fria=fria, carga=carga, recarga=total, leidos=leidos,
                          memoria=memoria, memoria_trabajadores=memoria_trabajadores))
    resumen = apptest("paginas/resumen.py", None, max(n, 10))
    consolidado = apptest("paginas/consolidado.py", conjuntos["270x1"], max(n, 5))
    tabla = informe(filas, resumen, consolidado, n)
    print(tabla)
    if not opciones.sin_readme:
        escribir_readme(tabla)
        print("README.md actualizado (sección «Rendimiento»).", file=sys.stderr)
    return 0


def informe(filas: list[dict], resumen: float | None, consolidado: float | None, n: int) -> str:
    lineas = [
        f"Medido con `make bench` en {os.cpu_count()} núcleos ({platform.python_implementation()} "
        f"{platform.python_version()}), medianas de {n} corridas en un proceso; entre paréntesis, "
        "la proporción frente a `pd.read_excel(engine=\"openpyxl\")` de los mismos archivos.",
        "",
        "| Conjunto | Libros | Actividades | Evidencias | openpyxl | Piso (inflar y recorrer) "
        "| Carga en frío + cálculo | Recarga tras editar un libro: carga / con cálculo "
        "| Memoria pico (proceso + procesos de trabajo) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for f in filas:
        lineas.append(
            f"| {f['etiqueta']} | {f['archivos']:,} | {f['actividades']:,} | {f['evidencias']:,} "
            f"| {ms(f['openpyxl'])} | {ms(f['piso'])} ({f['piso'] / f['openpyxl']:.3f}×) "
            f"| {ms(f['fria'])} ({f['fria'] / f['openpyxl']:.3f}×; {f['fria'] / f['piso']:.1f}× el piso) "
            f"| {ms(f['carga'])} / {ms(f['recarga'])} ({f['leidos']} libro leído) "
            f"| {f['memoria']:,.0f} MB"
            + (f" + {f['memoria_trabajadores']:,.0f} MB" if f['memoria_trabajadores'] else "")
            + " |")
    lineas += [
        "",
        f"Nueva ejecución (AppTest) de «Resumen» con los datos incluidos: {ms(resumen)}; "
        f"de «Consolidado» con 270 comités: {ms(consolidado)}.",
    ]
    return "\n".join(lineas)


def escribir_readme(tabla: str) -> None:
    ruta = RAIZ / "README.md"
    texto = ruta.read_text(encoding="utf-8")
    bloque = f"{INICIO}\n{tabla}\n{FIN}"
    if INICIO in texto and FIN in texto:
        texto = re.sub(re.escape(INICIO) + ".*?" + re.escape(FIN), lambda _: bloque, texto, flags=re.S)
    else:
        texto = texto.rstrip("\n") + "\n\n## Rendimiento\n\n" + bloque + "\n"
    ruta.write_text(texto, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
