"""The presentation for the projector (``?proyector=1``): one slide per screen, paged by keys.

Each slide is HTML drawn with ``st.html``: sizes follow the screen (CSS ``vh``,
never under 18 px), long names wrap, nothing scrolls. Every text that comes from
a workbook goes through :func:`html.escape`. Paging buttons use Streamlit's own
keyboard shortcuts (``st.button(shortcut=…)``), so keys work without a click
into the page and no listener is added twice across reruns.
"""

from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from pat_core import diapositivas as d
from pat_core import presentacion as p
from pat_core import vocabulario as v
from pat_core.calculo import cifras
from pat_core.cambios import cambios
from pat_core.plazos import (actas_fuera_de_plazo, proximos_vencimientos, revisar_actas,
                             titulo_actas)
from pat_core.riesgos import riesgos_al_corte

from . import estado
from .contexto import DATOS_INCLUIDOS, Contexto, pedir_relectura, protegido, proyeccion_de
from .vistas import PAGINA_RESUMEN, aviso_breve_de_datos

CSS = """
<style>
:root { --f: max(18px, 2.45vh); --barra: calc(var(--f) * 3.4); }
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stMainMenu"], [data-testid="stSkipToContent"], footer,
.st-key-teclas_diapositivas { display: none !important; }
[data-testid="stMain"], [data-testid="stMainBlockContainer"] { padding: 0 !important;
  max-width: 100% !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0 !important; }
.diapo { box-sizing: border-box; height: calc(100vh - var(--barra)); padding: 1.6vh 2.5vw 0;
  display: flex; flex-direction: column; gap: 1.4vh; font-size: var(--f); line-height: 1.22;
  color: #111; font-family: inherit; }
.diapo * { box-sizing: border-box; }
.cabeza { display: flex; gap: 2vw; align-items: flex-start; border-bottom: 3px solid #111;
  padding-bottom: 0.8vh; }
.cabeza .nombre { flex: 1; }
.diapo h1 { font-size: calc(var(--f) * 1.55) !important; line-height: 1.12 !important;
  margin: 0 !important; padding: 0 !important; font-weight: 700; color: #111; }
.diapo .quien { font-size: var(--f); color: #333; }
.diapo .corte { text-align: right; font-size: var(--f); white-space: nowrap; color: #333; }
.diapo .corte b { display: block; font-size: calc(var(--f) * 1.55); color: #111; }
.diapo .aviso { background: #FFF3CD; border-left: 6px solid #E69F00; padding: 0.4vh 1vw; }
.diapo h2 { font-size: calc(var(--f) * 1.1) !important; margin: 0 !important;
  padding: 0 !important; line-height: 1.2 !important; font-weight: 700; color: #111; }
.tarjetas { display: grid; grid-template-columns: repeat(auto-fit, minmax(0, 1fr)); gap: 1.2vw; }
.tarjeta { border: 3px solid #111; border-radius: 10px; padding: 0.6vh 1vw; }
.tarjeta .cifra { font-size: calc(var(--f) * 2.1); font-weight: 700; line-height: 1.05;
  white-space: nowrap; }
.tarjeta .que { font-size: var(--f); }
.leyenda { color: #333; }
.mosaico { flex: 1; display: grid; grid-template-columns: repeat(5, minmax(0, 1fr));
  grid-auto-rows: minmax(0, 1fr); gap: 1.6vh 1.2vw; padding-bottom: 1.6vh; max-height: 62vh; }
.mosaico .meta { display: flex; flex-direction: column; justify-content: space-between; }
.mosaico .valor { font-size: calc(var(--f) * 1.25); }
.meta { border: 2px solid #555; border-left-width: 12px; border-radius: 6px; padding: 0.5vh 0.7vw; }
.meta .clave { font-weight: 700; font-size: calc(var(--f) * 1.3); }
.meta .valor { font-weight: 700; }
.barra { position: relative; height: calc(var(--f) * 0.9); background: #E6E6E6;
  border: 1px solid #555; margin: 0.5vh calc(var(--f) * 0.45) 0.5vh 0; }
.barra .logrado { position: absolute; left: 0; top: 0; bottom: 0; }
.barra .ritmo { position: absolute; top: -5px; bottom: -5px; width: 4px; margin-left: -2px;
  background: #111; }
.barra .proyeccion { position: absolute; top: 50%; width: calc(var(--f) * 0.7);
  height: calc(var(--f) * 0.7); margin: calc(var(--f) * -0.35) 0 0 calc(var(--f) * -0.35);
  transform: rotate(45deg); border: 3px solid #111; background: white; }
.filas { display: flex; flex-direction: column; }
.fila { display: grid; gap: 1.2vw; padding: 0.45vh 0; border-bottom: 1px solid #999;
  align-items: start; }
.fila.metas { grid-template-columns: 54% 14% 14% 1fr; }
.fila.actividades { grid-template-columns: 4.5em 1fr 9.5em; }
.fila.cambios { grid-template-columns: 4.5em 1fr 11em; }
.fila.vencimientos { grid-template-columns: 5.6em 4.5em 1fr 7.5em; }
.fila.actas { grid-template-columns: 1fr 1fr 1fr 1fr 1fr; }
.fila.riesgos { grid-template-columns: 1fr 8em 11em; }
.fila.encabezado { font-weight: 700; border-bottom: 2px solid #111; }
.fila .clave, .fila .valor { font-weight: 700; }
.mas { font-style: italic; color: #333; padding-top: 0.3vh; }
.bien { color: #005A3C; font-weight: 700; }
.mal { color: #A33B00; font-weight: 700; }
.st-key-barra_diapositivas { box-sizing: border-box; height: var(--barra); flex-shrink: 0;
  padding: 0.8vh 2.5vw; justify-content: center;
  border-top: 3px solid #111; background: #F2F2F2; }
.st-key-barra_diapositivas button { min-height: calc(var(--f) * 2.2); }
.st-key-barra_diapositivas button p, .st-key-barra_diapositivas .numero {
  font-size: var(--f) !important; line-height: 1.1; }
.st-key-barra_diapositivas [aria-label^="Shortcut"] { display: none; }
.st-key-barra_diapositivas .numero { text-align: center; font-weight: 700; }
</style>
"""

_CIFRAS = {v.METAS_CUMPLIDAS: "metas cumplidas", v.ACTIVIDADES_CONCLUIDAS: "actividades concluidas",
           v.VENCIDAS: "actividades vencidas", v.EN_ROJO: f"{p.SIMBOLO_SEMAFORO[v.ROJO]} en rojo"}


def presentar(ctx: Contexto) -> None:
    """Draw the slide the address names, the paging bar and the keys."""
    lista = d.diapositivas(ctx.evaluacion)
    pedida = st.query_params.get(d.PARAMETRO)
    indice = d.posicion(lista, pedida)
    # what the pages say of the data, in short; then what the address asked for and could not
    # be shown
    avisos = [aviso for aviso in (aviso_breve_de_datos(ctx), *estado.avisos()) if aviso]
    estado.avisos().clear()
    if indice is None:
        indice = 0
        if pedida:
            avisos.append(f"No hay ninguna diapositiva «{pedida}»; se muestra la primera. "
                          "Use las flechas o los botones de abajo.")
    diapositiva = lista[indice]
    st.html(CSS + _diapositiva(ctx, diapositiva, avisos))
    _barra(lista, indice)


def _diapositiva(ctx: Contexto, diapositiva: d.Diapositiva, avisos: list[str]) -> str:
    cuerpo = _CUERPOS[diapositiva.tipo](ctx, diapositiva)
    aviso_html = "".join(f'<div class="aviso" role="alert">{escape(aviso)}</div>'
                         for aviso in avisos)
    return (f'<div class="diapo" data-diapositiva="{escape(diapositiva.slug)}">'
            f"{_cabeza(ctx, diapositiva.titulo)}{aviso_html}{cuerpo}</div>")


def _cabeza(ctx: Contexto, titulo: str) -> str:
    quien = f"{p.nombre_comite(ctx.carpeta, ctx.umbrales)} · PAT {ctx.datos.anio}"
    if ctx.carpeta.resolve() == DATOS_INCLUIDOS.resolve():
        quien += " · datos de ejemplo"
    return (f'<div class="cabeza"><div class="nombre"><h1>{escape(titulo)}</h1>'
            f'<div class="quien">{escape(quien)}</div></div>'
            f'<div class="corte">Corte<b>{p.fecha(ctx.evaluacion.corte)}</b></div></div>')


def _tarjetas(ctx: Contexto, seccion: str | None = None) -> str:
    ahora = cifras(ctx.evaluacion, seccion)
    tarjetas = []
    for nombre, que in _CIFRAS.items():
        cifra = ahora[nombre]
        tarjetas.append(f'<div class="tarjeta"><div class="cifra">{p.numero_de_tarjeta(cifra)}'
                        f'</div><div class="que">{escape(p.con_sin_casos(que, cifra))}</div></div>')
    return f'<div class="tarjetas">{"".join(tarjetas)}</div>'


# --- the programme --------------------------------------------------------------

def _programa(ctx: Contexto, diapositiva: d.Diapositiva) -> str:
    metas = d.metas_de(proyeccion_de(ctx), diapositiva)
    mosaico = "".join(_mosaico_meta(fila) for _, fila in metas.iterrows())
    return (_tarjetas(ctx) + '<div class="leyenda">Cada meta: barra = logrado; raya negra = '
            "esperado al corte; rombo = proyección al 31/12.</div>"
            f'<div class="mosaico">{mosaico}</div>')


def _barra_meta(fila: pd.Series) -> str:
    """Achieved against the target (0–100 % of it), the pace tick and the projection diamond."""
    meta = fila[v.VALOR_META]

    def lugar(valor) -> float | None:
        if pd.isna(valor) or not meta:
            return None
        return max(0.0, min(100.0, 100 * valor / meta))

    logrado = lugar(fila[v.VALOR_LOGRADO]) or 0
    partes = [f'<div class="logrado" style="width:{logrado:.1f}%;'
              f'background:{p.COLOR_META[fila[v.ESTADO_META]]}"></div>']
    ritmo = lugar(fila[v.VALOR_ESPERADO])
    if ritmo is not None:
        partes.append(f'<div class="ritmo" style="left:{ritmo:.1f}%"></div>')
    proyeccion = lugar(fila.get(v.PROYECCION))
    if proyeccion is not None:
        partes.append(f'<div class="proyeccion" style="left:{proyeccion:.1f}%"></div>')
    return f'<div class="barra">{"".join(partes)}</div>'


def _logrado(fila: pd.Series) -> str:
    return p.logrado_de_meta(fila[v.VALOR_LOGRADO], fila[v.VALOR_META], fila[v.UNIDAD],
                             fila[v.ESTADO_META])


def _proyeccion(fila: pd.Series) -> str:
    if pd.isna(fila.get(v.PROYECCION)):
        return "31/12: sin datos"
    return f"31/12: {p.valor_con_unidad(fila[v.PROYECCION], fila[v.UNIDAD])}"


def _mosaico_meta(fila: pd.Series) -> str:
    situacion = fila[v.ESTADO_META]
    return (f'<div class="meta" style="border-left-color:{p.COLOR_META[situacion]}">'
            f'<div class="clave">{escape(str(fila[v.CLAVE_INDICADOR]))}</div>'
            f"<div>{escape(p.estado_meta(situacion))}</div>"
            f'<div class="valor">{escape(_logrado(fila))}</div>'
            f"{_barra_meta(fila)}<div>{escape(_proyeccion(fila))}</div></div>")


# --- one section ----------------------------------------------------------------

def _seccion(ctx: Contexto, diapositiva: d.Diapositiva) -> str:
    indicadores = proyeccion_de(ctx)
    indicadores = indicadores[indicadores[v.SECCION] == diapositiva.seccion]
    actividades = ctx.evaluacion.actividades
    actividades = actividades[actividades[v.SECCION] == diapositiva.seccion]
    contenido = d.contenido_seccion(indicadores, actividades)
    metas = "".join(_fila_meta(fila) for _, fila in contenido.metas.filas.iterrows())
    return (_tarjetas(ctx, diapositiva.seccion)
            + "<h2>Metas de la sección</h2>"
            + _lista(metas, contenido.metas.restantes, "meta(s) más en la diapositiva Programa")
            + _atencion(contenido.atencion, actividades))


def _fila_meta(fila: pd.Series) -> str:
    nombre = escape(d.en_diapositiva(fila[v.INDICADOR]))
    return _fila("metas", f"{_clave(fila[v.CLAVE_INDICADOR])} {nombre}",
                 escape(p.estado_meta(fila[v.ESTADO_META])),
                 f'<span class="valor">{escape(_logrado(fila))}</span>',
                 _barra_meta(fila) + escape(_proyeccion(fila)))


def _atencion(recorte: d.Recorte, actividades: pd.DataFrame) -> str:
    titulo = "<h2>Actividades vencidas o en rojo</h2>"
    if recorte.filas.empty:
        conteo = actividades[v.ESTADO].value_counts()
        partes = ", ".join(f"{nombre}: {conteo.get(clave_estado, 0)}" for nombre, clave_estado in
                           (("concluidas", v.CONCLUIDA), ("en proceso", v.EN_PROCESO),
                            ("por iniciar", v.POR_INICIAR)))
        return (f'{titulo}<div class="bien">Ninguna: sus {len(actividades)} actividades '
                f"van a tiempo ({escape(partes)}).</div>")
    filas = "".join(_fila_actividad(fila) for _, fila in recorte.filas.iterrows())
    return titulo + _lista(filas, recorte.restantes, "actividad(es) más vencidas o en rojo")


def _fila_actividad(fila: pd.Series) -> str:
    return _fila("actividades", _clave(fila[v.CLAVE_ACTIVIDAD]),
                 escape(d.en_diapositiva(fila[v.ACTIVIDAD])),
                 f'<span class="mal">{escape(p.semaforo(fila[v.SEMAFORO]))}</span><br>'
                 f"{escape(_plazo(fila[v.ESTADO], fila[v.DIAS_RESTANTES]))} · avance "
                 f"{p.numero(fila[v.AVANCE], 0)} %")


def _plazo(estado: str, dias) -> str:
    """«Vencida hace 33 días», «En proceso, faltan 5 días», «En proceso, vence hoy»."""
    if pd.isna(dias):
        return estado
    if dias < 0:
        return f"{estado} hace {-int(dias)} días" if estado == v.VENCIDA else estado
    return f"{estado}, vence hoy" if dias == 0 else f"{estado}, faltan {int(dias)} días"


# --- changes since the previous session -----------------------------------------

def _cambios(ctx: Contexto, diapositiva: d.Diapositiva) -> str:
    tabla = cambios(ctx.datos, ctx.anterior, ctx.evaluacion)
    desde = f'<div class="leyenda">Del {p.fecha(ctx.anterior.corte)} al {p.fecha(ctx.evaluacion.corte)}.</div>'
    if tabla.empty:
        return desde + '<div class="bien">Sin cambios entre las dos fechas.</div>'
    resumen = d.resumen_cambios(tabla)
    tarjetas = "".join(
        f'<div class="tarjeta"><div class="cifra">{n}</div><div class="que">'
        f"{escape(d.TIPOS_DE_CAMBIO[tipo])}</div></div>" for tipo, n in resumen.items())
    recorte = d.cambios_que_caben(tabla, v.DETALLE)
    filas = "".join(
        _fila("cambios", _clave(fila[v.CLAVE]),
              f"<b>{escape(d.ETIQUETA_DE_CAMBIO[fila[v.TIPO_CAMBIO]])}:</b> "
              f"{escape(d.en_diapositiva(fila[v.DETALLE]))}",
              escape(_antes_ahora(fila[v.ANTES], fila[v.AHORA])))
        for _, fila in recorte.filas.iterrows())
    return (desde + f'<div class="tarjetas">{tarjetas}</div>'
            + _lista(filas, recorte.restantes, "cambio(s) más: la página Sesión los lista todos"))


def _antes_ahora(antes, ahora) -> str:
    antes, ahora = d.en_diapositiva(antes), d.en_diapositiva(ahora)
    return f"{antes} → {ahora}" if antes else ahora


# --- deadlines and minutes ------------------------------------------------------

def _plazos(ctx: Contexto, diapositiva: d.Diapositiva) -> str:
    dias = ctx.umbrales.dias_habiles_proximos
    proximos = proximos_vencimientos(ctx.datos, ctx.evaluacion, ctx.umbrales)
    titulo = f"<h2>Vence en los próximos {dias} días hábiles</h2>"
    if proximos.empty:
        vencimientos = titulo + '<div class="bien">Nada vence en ese plazo.</div>'
    else:
        recorte = d.vencimientos_que_caben(proximos)
        filas = "".join(
            _fila("vencimientos", p.fecha(fila[v.FECHA_LIMITE]), _clave(fila[v.CLAVE_ACTIVIDAD]),
                  f"<b>{escape(fila[v.QUE_VENCE])}:</b> {escape(d.en_diapositiva(fila[v.DESCRIPCION]))}",
                  escape(p.semaforo(fila[v.SEMAFORO])))
            for _, fila in recorte.filas.iterrows())
        vencimientos = titulo + _lista(filas, recorte.restantes, "vencimiento(s) más en ese plazo")
    return vencimientos + _actas(revisar_actas(ctx.datos, ctx.evaluacion.corte, ctx.umbrales),
                                 titulo_actas(ctx.umbrales))


def _actas(actas: pd.DataFrame, titulo: str) -> str:
    titulo = f"<h2>{escape(titulo)}</h2>"
    if actas.empty:
        return titulo + "<div>No hay sesiones registradas hasta el corte.</div>"
    fuera = len(actas_fuera_de_plazo(actas))
    situacion = (f'<div class="mal">{fuera} acta(s) fuera de plazo o sin registrar.</div>' if fuera
                 else '<div class="bien">Todas las actas se registraron a tiempo.</div>')
    recorte = d.actas_que_caben(actas)
    encabezado = _fila("actas encabezado", "Sesión", "Tipo", "Límite", "Registro", "Situación")
    filas = "".join(
        _fila("actas", p.fecha(fila[v.FECHA]), escape(d.en_diapositiva(fila[v.TIPO])),
              p.fecha(fila[v.LIMITE_ACTA]), p.fecha(fila[v.FECHA_REGISTRO_ACTA]) or "sin registro",
              escape(fila[v.SITUACION]))
        for _, fila in recorte.filas.iterrows())
    return titulo + situacion + _lista(encabezado + filas, recorte.restantes, "sesión(es) más")


# --- the plan's risks ------------------------------------------------------------

def _riesgos(ctx: Contexto, diapositiva: d.Diapositiva) -> str:
    tabla = riesgos_al_corte(ctx.evaluacion)
    if tabla.empty:
        return ('<div class="leyenda">El plan no nombra riesgos: se escriben en la columna '
                "«Riesgos» de la hoja Actividades.</div>")
    atender = int((tabla[v.ROJAS_O_VENCIDAS] > 0).sum())
    situacion = (f'<div class="mal">{atender} de {len(tabla)} riesgo(s) con actividades vencidas '
                 "o en rojo.</div>" if atender else
                 f'<div class="bien">Ninguno de los {len(tabla)} riesgo(s) tiene actividades '
                 "vencidas o en rojo.</div>")
    recorte = d.riesgos_que_caben(tabla)
    encabezado = _fila("riesgos encabezado", "Riesgo", "Actividades", "Vencidas o en rojo")
    filas = "".join(_fila_riesgo(fila) for _, fila in recorte.filas.iterrows())
    return ('<div class="leyenda">Los riesgos que el plan nombra en sus actividades; primero '
            "los que tienen más actividades vencidas o en rojo.</div>" + situacion
            + _lista(encabezado + filas, recorte.restantes, "riesgo(s) más: la página Sesión "
                     "los lista todos"))


def _fila_riesgo(fila: pd.Series) -> str:
    atender = fila[v.ROJAS_O_VENCIDAS]
    claves = (f'<span class="mal">{atender}:</span> {escape(fila[v.CLAVES_ROJAS_O_VENCIDAS])}'
              if atender else '<span class="bien">ninguna</span>')
    return _fila("riesgos", escape(d.en_diapositiva(fila[v.RIESGO])),
                 f'<span class="valor">{fila[v.ACTIVIDADES]}</span> · '
                 f"{fila[v.CONCLUIDAS]} concluida(s)", claves)


_CUERPOS = {d.PROGRAMA: _programa, d.SECCIONES: _seccion, d.CAMBIOS: _cambios, d.RIESGOS: _riesgos,
            d.PLAZOS: _plazos}


def _fila(clase: str, *celdas: str) -> str:
    """One row of a slide's list; ``celdas`` are HTML already escaped."""
    return f'<div class="fila {clase}">' + "".join(f"<div>{c}</div>" for c in celdas) + "</div>"


def _clave(clave) -> str:
    return f'<span class="clave">{escape(str(clave))}</span>'


def _lista(filas: str, restantes: int, que: str) -> str:
    """Rows, and «y N más» when some did not fit."""
    mas = f'<div class="mas">y {restantes} {escape(que)}</div>' if restantes else ""
    return f'<div class="filas">{filas}{mas}</div>'


# --- paging ---------------------------------------------------------------------

@protegido
def _ir(slug: str) -> None:
    st.query_params[d.PARAMETRO] = slug


def _salir() -> None:
    """Back to the Resumen page; year, cut-off and committee stay in the address."""
    direccion = estado.direccion_global()
    direccion.pop(estado.PROYECTOR.nombre, None)
    st.switch_page(PAGINA_RESUMEN, query_params=direccion)


def _barra(lista: list[d.Diapositiva], indice: int) -> None:
    """The paging bar, in the same place on every slide, and the keys of a presenter remote."""
    anterior = lista[(indice - 1) % len(lista)]
    siguiente = lista[(indice + 1) % len(lista)]
    with st.container(key="barra_diapositivas"):
        columnas = st.columns([2.4, 1, 2, 2.8, 2.4], vertical_alignment="center")
        columnas[0].button(f"◀ {anterior.corto}", key="diapositiva_anterior", width="stretch", wrap=True,
                           shortcut="PageUp", on_click=_ir, args=(anterior.slug,))
        columnas[1].html(f'<div class="numero">{indice + 1} / {len(lista)}</div>')
        columnas[2].button("Recargar datos", key="recargar_diapositivas", width="stretch", wrap=True,
                           on_click=pedir_relectura)
        if columnas[3].button("Salir de la presentación", key="salir_diapositivas",
                              width="stretch", wrap=True):
            _salir()
        columnas[4].button(f"{siguiente.corto} ▶", key="diapositiva_siguiente", type="primary",
                           width="stretch", wrap=True, shortcut="PageDown", on_click=_ir,
                           args=(siguiente.slug,))
    with st.container(key="teclas_diapositivas"):  # hidden: only their keys are used
        for tecla, destino, nombre in (("Right", siguiente, "Siguiente (flecha derecha)"),
                                       ("Space", siguiente, "Siguiente (espacio)"),
                                       ("Left", anterior, "Anterior (flecha izquierda)"),
                                       ("Home", lista[0], "Primera (Inicio)"),
                                       ("End", lista[-1], "Última (Fin)")):
            st.button(nombre, key=f"tecla_{tecla}", shortcut=tecla, on_click=_ir,
                      args=(destino.slug,))
