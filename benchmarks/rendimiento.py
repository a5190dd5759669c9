"""Speed of reading and computing against pd.read_excel(engine="openpyxl"): the targets of
issue #12 on the typed workload, then the older sets.

    make bench          (or: .venv/bin/python benchmarks/rendimiento.py [--repeticiones 3])

The targets table (printed first, each line with its value, its target and ✓/✗) is measured
on the *typed* workload: 270 committees, each a plan (25 activities) and an evidence register
of 1,250 rows with date cells and numbers, written by ``sinteticos.generar_tipados``; and the
same with ten times the rows (3.4 million) for the memory line. It times the whole command
line, ``python -m pat_core indicadores`` in a subprocess, as a user runs it: cold (an empty
``PAT_CACHE`` folder each run), with one reading process (``PAT_PROCESOS=1``), warm (the
same ``PAT_CACHE``, nothing changed) and after one workbook is saved again; and it samples
the memory of the whole process tree. These rely only on the public contract (the command,
``PAT_CACHE``, ``PAT_PROCESOS``); a reader that does not know those variables yet is
measured all the same (warm then equals cold).

Older sets: the shipped data (one committee, flat folder); 270 committees × 1 year
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
- AppTest: a rerun of the Consolidado page on 270 committees when paginas/consolidado.py
  exists (the rerun of Resumen on the shipped data is a line of the targets table);
- memoria pico: peak RSS of a fresh process doing the cold load + compute, and the sum of the
  peaks of the processes it started (the workers and the server they are forked from).

Not a test: it measures, prints the tables and writes them into README.md («Rendimiento»).
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
from datetime import datetime
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

import pandas as pd  # noqa: E402

from benchmarks import sinteticos  # noqa: E402
from pat_core import comites, validacion  # noqa: E402
from pat_core.cache import CacheLecturas  # noqa: E402
from pat_core.calculo import evaluar  # noqa: E402
from pat_core import lectura  # noqa: E402
from pat_core.vocabulario import VARIABLE_CACHE, VARIABLE_PROCESOS  # noqa: E402

ANIOS = (2016, 2017, 2018, 2019, 2020)
EVIDENCIAS_POR_ANIO = 252
VERSION_DATOS = "3"  # change when sinteticos.py changes what it writes
VERSION_TIPADOS = "1"  # change when sinteticos.generar_tipados changes what it writes
COMITES_TIPADOS, EVIDENCIAS_TIPADAS, VECES_MEMORIA = 270, 1250, 10
ANIO_CLI, CORTE_CLI = 2020, "2020-06-30"
MUESTREO_S = 0.02  # how often the memory of the process tree is read
INICIO, FIN = "<!-- rendimiento:inicio -->", "<!-- rendimiento:fin -->"

# The targets of issue #12, in one place: the table, its ✓/✗ and the README come from here.
OBJETIVO_FRIA = 0.07  # cold CLI, × pandas + openpyxl
OBJETIVO_FRIA_PISO = 3.0  # cold CLI, × the format's floor
OBJETIVO_CALIENTE = 0.03  # warm CLI, × pandas + openpyxl
OBJETIVO_RECARGA_S = 0.15  # loading after one workbook is saved again
OBJETIVO_MEMORIA_MB = 1200  # peak of the process tree, ten times the rows
OBJETIVO_RESUMEN_S = 0.080  # AppTest rerun of «Resumen»


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


def preparar_tipados(carpeta: Path) -> dict[str, Path]:
    """The typed workload and its ten-times-the-rows twin, generated once and reused."""
    carpeta.mkdir(parents=True, exist_ok=True)
    marca = carpeta / "version_tipados.txt"
    conjuntos = {"tipados": (carpeta / "tipados_270", EVIDENCIAS_TIPADAS),
                 "tipados10": (carpeta / "tipados_270x10", EVIDENCIAS_TIPADAS * VECES_MEMORIA)}
    if not marca.is_file() or marca.read_text() != VERSION_TIPADOS:
        for destino, evidencias in conjuntos.values():
            shutil.rmtree(destino, ignore_errors=True)
            print(f"Generando {COMITES_TIPADOS} comités con {evidencias:,} evidencias cada uno "
                  "(una sola vez)…", file=sys.stderr)
            sinteticos.generar_tipados(destino, COMITES_TIPADOS, evidencias, ANIO_CLI)
        marca.write_text(VERSION_TIPADOS)
    return {nombre: destino for nombre, (destino, _) in conjuntos.items()}


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
        pd.read_excel(ruta, sheet_name=None, engine="openpyxl")


def piso(carpeta: Path) -> None:
    """Inflate every XML part and scan it once: no reader can do less."""
    for ruta in libros(carpeta):
        with zipfile.ZipFile(io.BytesIO(ruta.read_bytes())) as paquete:
            for nombre in paquete.namelist():
                if nombre.endswith(".xml") or nombre.endswith(".rels"):
                    paquete.read(nombre).count(b"<c ")


# The only two places that reach into the reader's internals (adjust them when it changes).


def olvidar() -> None:
    """Nothing remembered between runs: a cold start of the data, not of Python."""
    lectura._llave.cache_clear()
    validacion._lugar_hoja.cache_clear()
    lectura._conocidas.cache_clear()


def filas_validas(leido, hoja: str) -> int:
    """Valid rows of one sheet of a year read by :class:`CacheLecturas`."""
    return len(leido.hojas[hoja]["_fila"])


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
        guardar(ruta, versiones[(vez + 1) % 2])
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


def guardar(ruta: Path, contenido: bytes) -> None:
    """Save a workbook again, with a new modification time as an editor leaves it."""
    ruta.write_bytes(contenido)
    os.utime(ruta, ns=(time.time_ns(), time.time_ns()))


def _con_una_evidencia_mas(ruta: Path) -> bytes:
    """The workbook with one more evidence row (a date cell, as a careful register has it)."""
    from openpyxl import load_workbook

    libro = load_workbook(ruta)
    libro["Evidencias"].append(["1.1.1", datetime(2020, 11, 30), "Evidencia agregada en la recarga",
                                90])
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


def memoria_kb(pid) -> tuple[int, int]:
    """Resident memory (kB) of a live process now and at its peak, as Linux keeps them
    (VmRSS, VmHWM); zeros if it is gone."""
    try:
        lineas = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0, 0
    campos = {linea.split(":")[0]: linea.split()[1] for linea in lineas
              if linea.startswith(("VmRSS:", "VmHWM:"))}
    return int(campos.get("VmRSS", 0)), int(campos.get("VmHWM", 0))


def pico(pid) -> int:
    """Peak RSS (kB) of a live process (VmHWM); 0 if it is gone."""
    return memoria_kb(pid)[1]


def descendientes(raiz: int) -> list[int]:
    """Every live process descended from ``raiz`` (Linux: the parents in /proc/*/stat)."""
    hijos: dict[int, list[int]] = {}
    for entrada in os.listdir("/proc"):
        if entrada.isdigit():
            try:
                estado = Path(f"/proc/{entrada}/stat").read_text()
            except OSError:
                continue
            padre = int(estado.rsplit(")", 1)[1].split()[1])
            hijos.setdefault(padre, []).append(int(entrada))
    pendientes, todos = list(hijos.get(raiz, [])), []
    while pendientes:
        pid = pendientes.pop()
        pendientes += hijos.get(pid, [])
        todos.append(pid)
    return todos


def pico_descendientes() -> int:
    """Sum of the peak RSS (kB) of every process descended from this one."""
    return sum(pico(pid) for pid in descendientes(os.getpid()))


# ---------------------------------------------------------------- the command line


def orden_cli(datos: Path) -> list[str]:
    return [sys.executable, "-m", "pat_core", "indicadores", "--datos", str(datos),
            "--anio", str(ANIO_CLI), "--corte", CORTE_CLI]


def entorno_cli(cache: Path, procesos: int | None = None) -> dict[str, str]:
    """This environment, with ``PAT_CACHE`` set and ``PAT_PROCESOS`` only when asked."""
    entorno = {clave: valor for clave, valor in os.environ.items()
               if clave not in (VARIABLE_CACHE, VARIABLE_PROCESOS)}
    entorno[VARIABLE_CACHE] = str(cache)
    if procesos is not None:
        entorno[VARIABLE_PROCESOS] = str(procesos)
    return entorno


def cli(datos: Path, cache: Path, procesos: int | None = None) -> float:
    """Wall seconds of ``python -m pat_core indicadores … > /dev/null``."""
    inicio = time.perf_counter()
    salida = subprocess.run(orden_cli(datos), env=entorno_cli(cache, procesos), cwd=RAIZ,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            check=False)
    segundos = time.perf_counter() - inicio
    if salida.returncode:
        raise RuntimeError(f"la línea de comandos terminó con {salida.returncode}:\n{salida.stderr}")
    return segundos


def cli_frio(datos: Path, repeticiones: int, procesos: int | None = None) -> float:
    """Median of cold runs, each with a new, empty ``PAT_CACHE`` folder."""
    tiempos = []
    for _ in range(repeticiones):
        with tempfile.TemporaryDirectory() as cache:
            tiempos.append(cli(datos, Path(cache), procesos))
    return statistics.median(tiempos)


def cli_caliente(datos: Path, repeticiones: int) -> float:
    """Median of runs on the ``PAT_CACHE`` a first run filled, nothing changed since."""
    with tempfile.TemporaryDirectory() as cache:
        cli(datos, Path(cache))
        return statistics.median(cli(datos, Path(cache)) for _ in range(repeticiones))


def cli_tras_editar(datos: Path, repeticiones: int) -> float:
    """Median of runs on a warm ``PAT_CACHE`` right after one committee's evidence
    workbook (in a copy of ``datos``) is saved again with one more row, or back."""
    with tempfile.TemporaryDirectory() as tmp:
        copia, cache = Path(tmp) / "datos", Path(tmp) / "cache"
        shutil.copytree(datos, copia)
        cache.mkdir()
        comite = min(p for p in copia.iterdir() if p.is_dir())
        ruta = comite / f"evidencias_{ANIO_CLI}.xlsx"
        versiones = [ruta.read_bytes(), _con_una_evidencia_mas(ruta)]
        cli(copia, cache)
        tiempos = []
        for vez in range(repeticiones):
            guardar(ruta, versiones[(vez + 1) % 2])
            tiempos.append(cli(copia, cache))
    return statistics.median(tiempos)


def memoria_arbol(datos: Path) -> tuple[float, float, float]:
    """A cold run of the command line, its process tree read every :data:`MUESTREO_S`.

    Returns the peak of the tree's summed RSS (MB), the sum of each process's own peak
    (VmHWM, an upper bound: the peaks need not coincide) and the wall seconds."""
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryFile("w+") as errores:
        inicio = time.perf_counter()
        proceso = subprocess.Popen(orden_cli(datos), env=entorno_cli(Path(cache)), cwd=RAIZ,
                                   stdout=subprocess.DEVNULL, stderr=errores, text=True)
        junto, picos, vuelta = 0, {}, 0
        while proceso.poll() is None:
            if vuelta % 10 == 0:  # listing /proc takes ~2 ms: the tree is listed every 10th read
                arbol = [proceso.pid, *descendientes(proceso.pid)]
            vuelta, ahora = vuelta + 1, 0
            for pid in arbol:
                rss, hwm = memoria_kb(pid)
                ahora += rss
                picos[pid] = max(picos.get(pid, 0), hwm)
            junto = max(junto, ahora)
            time.sleep(MUESTREO_S)
        segundos = time.perf_counter() - inicio
        if proceso.returncode:
            errores.seek(0)
            raise RuntimeError(f"la línea de comandos terminó con {proceso.returncode}:\n"
                               f"{errores.read()}")
    return junto / 1024, sum(picos.values()) / 1024, segundos


def apptest(pagina: str, datos: Path | None, repeticiones: int) -> float | None:
    """Median seconds of a rerun of ``pagina`` (after a first run that fills the caches).

    AppTest leaves dashboard.py installed as ``__main__``; it is put back afterwards, or
    every worker process started later by this benchmark would import (run) the dashboard."""
    if not (RAIZ / pagina).is_file():
        return None
    from streamlit.testing.v1 import AppTest

    entorno, principal = os.environ.get("PAT_DATOS"), sys.modules["__main__"]
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
        sys.modules["__main__"] = principal
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
            actividades += filas_validas(leido, "Actividades")
            evidencias += filas_validas(leido, "Evidencias")
    return len(libros(carpeta)), actividades, evidencias


def veces(n: int, uno: str, varios: str) -> str:
    """``uno`` when ``n`` is 1, else ``varios`` with ``n`` in it: «1 libro leído», «2 libros leídos»."""
    return uno if n == 1 else varios.format(n)


def ms(segundos: float | None) -> str:
    if segundos is None:
        return "pendiente"
    return f"{segundos * 1000:,.0f} ms" if segundos >= 0.01 else f"{segundos * 1000:.1f} ms"


def main() -> int:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument("--repeticiones", type=int, default=3)
    argumentos.add_argument("--repeticiones-openpyxl", type=int, default=1,
                            help="corridas de pandas + openpyxl en la carga tipada (~20 s cada una)")
    argumentos.add_argument("--carpeta", type=Path,
                            default=Path(tempfile.gettempdir()) / "tablero_pat_bench")
    argumentos.add_argument("--sin-readme", action="store_true", help="no escribe README.md")
    opciones = argumentos.parse_args()
    n = opciones.repeticiones
    medidas = medir_objetivos(preparar_tipados(opciones.carpeta), n,
                              opciones.repeticiones_openpyxl)
    objetivos = informe_objetivos(medidas, n, opciones.repeticiones_openpyxl)
    print(objetivos, flush=True)
    conjuntos = preparar(opciones.carpeta)
    filas = [medir_conjunto(nombre, carpeta, n) for nombre, carpeta in conjuntos.items()]
    consolidado = apptest("paginas/consolidado.py", conjuntos["270x1"], max(n, 5))
    anteriores = informe(filas, consolidado, n)
    print("\n" + anteriores)
    if not opciones.sin_readme:
        escribir_readme(f"{objetivos}\n\n{anteriores}")
        print("README.md actualizado (sección «Rendimiento»).", file=sys.stderr)
    return 0


def medir_objetivos(conjuntos: dict[str, Path], n: int, n_openpyxl: int) -> dict:
    """Every measurement of the targets table, on the typed workload."""
    carpeta = conjuntos["tipados"]
    print(f"Carga tipada: {len(libros(carpeta))} libros; pandas + openpyxl "
          f"({veces(n_openpyxl, 'una vez', '{} veces')}, ~20 s por vez)…", file=sys.stderr)
    m = {"openpyxl": mediana(lambda: openpyxl(carpeta), n_openpyxl),
         "piso": mediana(lambda: piso(carpeta), n)}
    print("Línea de comandos: en frío, con un proceso, en caliente y tras editar…", file=sys.stderr)
    m["fria"] = cli_frio(carpeta, n)
    m["un_proceso"] = cli_frio(carpeta, n, procesos=1)
    m["caliente"] = cli_caliente(carpeta, n)
    m["carga"], _, m["leidos"] = recarga("tipados", carpeta, max(n, 5))
    m["editado"] = cli_tras_editar(carpeta, n)
    print(f"Memoria con {VECES_MEMORIA}× filas…", file=sys.stderr)
    m["memoria"], m["suma_picos"], m["segundos_memoria"] = memoria_arbol(conjuntos["tipados10"])
    m["resumen"] = apptest("paginas/resumen.py", None, max(n, 10))
    return m


def lineas_objetivos(m: dict, n: int, n_openpyxl: int) -> list[tuple]:
    """(what, value, target, met: True/False/None for a line without target, what it means)."""
    ref, piso_ = m["openpyxl"], m["piso"]
    fria, uno, caliente, resumen = m["fria"], m["un_proceso"], m["caliente"], m["resumen"]
    filas_memoria = EVIDENCIAS_TIPADAS * VECES_MEMORIA
    return [
        ("pandas + openpyxl", ms(ref), "referencia", None, (
            f"`pd.read_excel(ruta, sheet_name=None, engine=\"openpyxl\")` de cada libro en este "
            f"proceso ({veces(n_openpyxl, 'una corrida', 'mediana de {} corridas')}): lo que tarda "
            "leerlos con las herramientas de siempre; las proporciones (×) de las demás líneas "
            "son frente a este tiempo.")),
        ("Piso del formato", f"{ms(piso_)} ({piso_ / ref:.3f}×)", "referencia", None, (
            "inflar cada parte XML de cada libro y recorrerla una vez sin interpretar nada "
            f"(mediana de {n}): ningún lector puede hacer menos.")),
        ("Línea de comandos en frío",
         f"{ms(fria)} ({fria / ref:.3f}×; {fria / piso_:.1f}× el piso)",
         f"≤ {OBJETIVO_FRIA:g}× y ≤ {OBJETIVO_FRIA_PISO:g}× el piso",
         fria / ref <= OBJETIVO_FRIA and fria / piso_ <= OBJETIVO_FRIA_PISO, (
             f"`python -m pat_core indicadores --anio {ANIO_CLI} --corte {CORTE_CLI} > /dev/null` "
             f"como proceso aparte, con `{VARIABLE_CACHE}` en una carpeta nueva y vacía cada vez "
             f"(mediana de {n}): lo que espera quien la corre por primera vez, arranque de "
             "Python incluido.")),
        (f"… con un solo proceso de lectura (`{VARIABLE_PROCESOS}=1`)",
         f"{ms(uno)} ({uno / ref:.3f}×; {uno / fria:.2f}× la anterior)", "informativa", None, (
             "la misma orden leyendo todo en el proceso principal: si tarda más que la línea "
             "anterior, leer en varios procesos paga.")),
        ("Línea de comandos en caliente", f"{ms(caliente)} ({caliente / ref:.3f}×)",
         f"≤ {OBJETIVO_CALIENTE:g}×", caliente / ref <= OBJETIVO_CALIENTE, (
             f"la misma orden con la carpeta `{VARIABLE_CACHE}` que llenó una corrida anterior y "
             f"ningún libro cambiado (mediana de {n}): lo que espera quien la vuelve a correr.")),
        ("Tras editar un libro: carga",
         f"{ms(m['carga'])}; {veces(m['leidos'], '1 libro leído', '{} libros leídos')}",
         f"≤ {OBJETIVO_RECARGA_S:g} s y solo ese libro",
         m["leidos"] == 1 and m["carga"] <= OBJETIVO_RECARGA_S, (
             "en un proceso que ya tiene los libros en su `CacheLecturas` (como el tablero), se "
             "vuelve a guardar el libro de evidencias de un comité con una fila más y se leen de "
             f"nuevo los {COMITES_TIPADOS} comités (mediana de {max(n, 5)} ediciones): solo ese "
             "libro se lee.")),
        ("Tras editar un libro: línea de comandos en caliente", ms(m["editado"]), "informativa",
         None, (
             f"la orden completa con `{VARIABLE_CACHE}` caliente justo después de esa misma "
             f"edición (mediana de {n}): solo ese libro debería leerse otra vez.")),
        (f"Memoria pico con {VECES_MEMORIA}× filas "
         f"({COMITES_TIPADOS * filas_memoria:,} evidencias)",
         (f"{m['memoria']:,.0f} MB (suma de picos por proceso: {m['suma_picos']:,.0f} MB; "
          f"{m['segundos_memoria']:.1f} s)"),
         f"≤ {OBJETIVO_MEMORIA_MB / 1000:g} GB", m["memoria"] <= OBJETIVO_MEMORIA_MB, (
             f"la orden en frío sobre {COMITES_TIPADOS} comités con {filas_memoria:,} "
             f"evidencias cada uno; cada {MUESTREO_S * 1000:.0f} ms se suma la memoria residente "
             "del proceso y de todos los que inició (procesos de trabajo y su servidor) y se "
             "informa el máximo. La suma de los picos de cada proceso es una cota superior: "
             "esos picos no tienen por qué coincidir.")),
        ("Nueva ejecución de «Resumen» (AppTest)", ms(resumen),
         f"≤ {OBJETIVO_RESUMEN_S * 1000:.0f} ms",
         None if resumen is None else resumen <= OBJETIVO_RESUMEN_S, (
             "la página Resumen con los datos incluidos, después de una primera ejecución que "
             f"llena las cachés (mediana de {max(n, 10)}): lo que tarda cuando el usuario "
             "cambia un filtro.")),
    ]


def informe_objetivos(m: dict, n: int, n_openpyxl: int) -> str:
    actividades = COMITES_TIPADOS * sinteticos.ACTIVIDADES_TIPADAS
    evidencias = COMITES_TIPADOS * EVIDENCIAS_TIPADAS
    lineas = lineas_objetivos(m, n, n_openpyxl)
    texto = [
        (f"Medido con `make bench` en {os.cpu_count()} núcleos "
         f"({platform.python_implementation()} {platform.python_version()}) sobre "
         f"{COMITES_TIPADOS} comités con celdas tipadas ({COMITES_TIPADOS * 2} libros: "
         f"{actividades:,} actividades y {evidencias:,} evidencias, fechas en celdas de fecha y "
         "números en celdas de número)."),
        "",
        "| Medida | Valor | Objetivo | ¿Se cumple? |",
        "|---|---:|---|:---:|",
    ]
    marcas = {True: "✓", False: "✗", None: "—"}
    texto += [f"| {que} | {valor} | {objetivo} | {marcas[cumple]} |"
              for que, valor, objetivo, cumple, _ in lineas]
    texto += ["", "Qué mide cada línea:", ""]
    texto += [f"- **{que}**: {explicacion}" for que, _, _, _, explicacion in lineas]
    return "\n".join(texto)


def medir_conjunto(nombre: str, carpeta: Path, n: int) -> dict:
    """One row of the table of the older sets."""
    etiquetas = {"incluidos": "1 comité (datos incluidos)", "270x1": "270 comités × 1 año",
                 "270x5": "270 comités × 5 años"}
    archivos, actividades, evidencias = contar(carpeta)
    print(f"{etiquetas[nombre]}: {archivos:,} libros, {actividades:,} actividades, "
          f"{evidencias:,} evidencias…", file=sys.stderr)
    referencia = mediana(lambda: openpyxl(carpeta), n)
    suelo = mediana(lambda: piso(carpeta), n)
    fria = mediana(lambda: carga_fria(nombre, carpeta), n)
    carga, total, leidos = recarga(nombre, carpeta, max(n, 5))
    memoria, memoria_trabajadores = memoria_pico(nombre, carpeta)
    return dict(nombre=nombre, etiqueta=etiquetas[nombre], archivos=archivos,
                actividades=actividades, evidencias=evidencias, openpyxl=referencia,
                piso=suelo, fria=fria, carga=carga, recarga=total, leidos=leidos,
                memoria=memoria, memoria_trabajadores=memoria_trabajadores)


def informe(filas: list[dict], consolidado: float | None, n: int) -> str:
    lineas = [
        ("Conjuntos anteriores: registros tecleados de todas las formas (fechas como texto, "
         "avances como «60%», alguna celda mala), cargados y calculados en un proceso; medianas "
         f"de {n} corridas; entre paréntesis, la proporción frente a "
         "`pd.read_excel(engine=\"openpyxl\")` de los mismos archivos."),
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
        f"Nueva ejecución (AppTest) de «Consolidado» con 270 comités: {ms(consolidado)}.",
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
