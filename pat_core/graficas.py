"""Plotly figures of an evaluation, shared by the dashboard and the meeting pack.

Every figure the meeting pack prints takes ``escala``: 1 on screen, smaller on paper
(the projector's slides draw their own HTML bars, not these). Hover texts and axes
are in Spanish, dates dd/mm/aaaa, months by their Spanish names.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from . import presentacion as p
from . import vocabulario as v

FUENTE = "Source Sans Pro, Arial, sans-serif"
TINTA = "#1A1A1A"
REJILLA = "#D9D9D9"
TOPE_CUMPLIMIENTO = 150  # bars past 150 % of the target are drawn to 150 and labelled
ANCHO_ETIQUETA = 30  # characters per line of a wrapped axis label (a name is never cut)
ANCHO_SECCION = 22  # section names sit beside a narrow chart
ANCHO_AYUDA = 60  # characters per line of a hover label
MAS_ATRASADOS = 25  # committees in the roll-up's chart of overdue and red activities
_PLOTLY = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _base(figura: go.Figure, escala: float, alto: int, titulo: str = "") -> go.Figure:
    figura.update_layout(
        title={"text": titulo, "font": {"size": 18 * escala}} if titulo else None,
        font={"family": FUENTE, "size": 14 * escala, "color": TINTA},
        height=int(alto * escala),
        margin={"l": 10, "r": 30, "t": 50 * escala if titulo else 20, "b": 30 * escala},
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel={"font": {"size": 14 * escala}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0,
                "font": {"size": 13 * escala}},
        separators=".,",
    )
    ejes = {"automargin": True, "gridcolor": REJILLA, "zerolinecolor": REJILLA, "color": TINTA,
            "tickfont": {"size": 14 * escala, "color": TINTA},
            "title": {"font": {"size": 14 * escala, "color": TINTA}}}
    figura.update_xaxes(**ejes)
    figura.update_yaxes(**ejes)
    return figura


def cumplimiento_indicadores(indicadores: pd.DataFrame, escala: float = 1.0) -> go.Figure:
    """One bar per indicator: its value as % of its target, the target at 100, the pace mark.

    Units differ between indicators (percentages, counts), so every bar is drawn
    against its own target; the label says the actual value and target.
    """
    tabla = indicadores.iloc[::-1]  # plotly draws the first row at the bottom
    etiquetas = [
        f"{fila[v.CLAVE_INDICADOR]} {p.SIMBOLO_META[fila[v.ESTADO_META]]}"
        for _, fila in tabla.iterrows()
    ]
    cumplimiento = tabla[v.CUMPLIMIENTO].fillna(0)
    ritmo = 100 * tabla[v.VALOR_ESPERADO] / tabla[v.VALOR_META]
    logrados = [p.valor_con_unidad(fila[v.VALOR_LOGRADO], fila[v.UNIDAD], fila[v.ESTADO_META])
                for _, fila in tabla.iterrows()]
    textos = [texto_plotly(p.logrado_de_meta(fila[v.VALOR_LOGRADO], fila[v.VALOR_META],
                                             fila[v.UNIDAD], fila[v.ESTADO_META]))
              for _, fila in tabla.iterrows()]
    ayudas = [
        f"<b>{texto_plotly(fila[v.CLAVE_INDICADOR])}</b> "
        f"{envuelto(fila[v.INDICADOR], ANCHO_AYUDA)}<br>"
        f"Valor logrado: {texto_plotly(logrado)}<br>"
        f"Meta: {texto_plotly(p.valor_con_unidad(fila[v.VALOR_META], fila[v.UNIDAD]))}<br>"
        f"Esperado al corte: "
        f"{texto_plotly(p.valor_con_unidad(fila[v.VALOR_ESPERADO], fila[v.UNIDAD]))}<br>"
        f"Estado: {fila[v.ESTADO_META]}"
        for logrado, (_, fila) in zip(logrados, tabla.iterrows())
    ]
    # long bars carry their label inside; a short bar's label follows it, past any pace or
    # projection mark that would cover it (drawn last, see _etiquetas_fuera)
    dentro = cumplimiento >= 45
    figura = go.Figure()
    figura.add_bar(
        y=etiquetas, x=cumplimiento.clip(upper=TOPE_CUMPLIMIENTO), orientation="h",
        marker={"color": [p.COLOR_META[e] for e in tabla[v.ESTADO_META]]},
        text=[t if d else "" for t, d in zip(textos, dentro)], textposition="inside",
        insidetextanchor="start", textfont={"size": 13 * escala},
        hovertext=ayudas, hoverinfo="text", name="% de la meta", showlegend=False,
    )
    figura.add_scatter(
        y=etiquetas, x=ritmo, mode="markers", name="Ritmo esperado al corte",
        marker={"symbol": "line-ns-open", "size": 26 * escala, "color": TINTA,
                "line": {"width": 3, "color": TINTA}},
        hovertemplate="Ritmo esperado al corte: %{x:.0f} % de la meta<extra></extra>",
    )
    marcas = [ritmo]
    if v.PROYECCION in tabla:
        proyeccion = 100 * tabla[v.PROYECCION] / tabla[v.VALOR_META]
        marcas.append(proyeccion)
        figura.add_scatter(
            y=etiquetas, x=proyeccion.clip(upper=TOPE_CUMPLIMIENTO), mode="markers",
            name=v.PROYECCION,
            marker={"symbol": "diamond-open", "size": 14 * escala, "color": TINTA,
                    "line": {"width": 2.5, "color": TINTA}},
            customdata=[texto_plotly(p.valor_con_unidad(x, u))
                        for x, u in zip(tabla[v.PROYECCION], tabla[v.UNIDAD])],
            hovertemplate="Proyección al 31/12: %{customdata}<extra></extra>",
        )
    _etiquetas_fuera(figura, etiquetas, cumplimiento.clip(upper=TOPE_CUMPLIMIENTO), textos, dentro,
                     [m.clip(upper=TOPE_CUMPLIMIENTO).to_numpy() for m in marcas], escala)
    figura.add_vline(x=100, line={"color": TINTA, "width": 2, "dash": "dash"},
                     annotation_text="Meta", annotation_position="top",
                     annotation_font_size=13 * escala)
    figura.update_xaxes(range=[0, TOPE_CUMPLIMIENTO + 45], ticksuffix=" %",
                        title_text="Avance respecto de la meta", tickvals=[0, 25, 50, 75, 100, 125, 150])
    figura.update_yaxes(type="category")
    return _base(figura, escala, 90 + 42 * len(tabla))


def _etiquetas_fuera(figura, etiquetas, cumplimiento, textos, dentro, marcas, escala) -> None:
    """The labels of short bars, as text after the bar moved past every mark in its way.

    A label is reckoned 2.5 axis points wide a character: enough at the narrowest the
    chart is drawn (the printed pack), a little generous on a wider screen."""
    fuera = [i for i, d in enumerate(dentro) if not d]
    inicios = []
    for i in fuera:
        inicio = cumplimiento.iloc[i] + 1
        for marca in sorted(m[i] for m in marcas if pd.notna(m[i])):
            if inicio - 4 <= marca <= inicio + 2.5 * len(textos[i]):
                inicio = marca + 4
        inicios.append(inicio)
    figura.add_scatter(x=inicios, y=[etiquetas[i] for i in fuera], text=[textos[i] for i in fuera],
                       mode="text", textposition="middle right", cliponaxis=False,
                       textfont={"size": 13 * escala, "color": TINTA}, hoverinfo="skip",
                       showlegend=False)


def avance_secciones(secciones: pd.DataFrame, escala: float = 1.0) -> go.Figure:
    """Average progress of each section's activities, with how many are concluded."""
    tabla = secciones.iloc[::-1]
    etiquetas = [envuelto(f"{s}. {_nombre(n)}".rstrip(". "), ANCHO_SECCION)
                 for s, n in zip(tabla[v.SECCION], tabla[v.NOMBRE_SECCION])]
    textos = [
        f"{p.numero(a, 0)} % · {c}/{n}"
        for a, c, n in zip(tabla[v.AVANCE_PROMEDIO], tabla[v.CONCLUIDA], tabla[v.ACTIVIDADES])
    ]
    figura = go.Figure(go.Bar(
        y=etiquetas, x=tabla[v.AVANCE_PROMEDIO].fillna(0), orientation="h",
        marker={"color": "#0072B2"}, text=textos, textposition="auto", cliponaxis=False,
        textangle=0,
        insidetextanchor="start", textfont={"size": 14 * escala},
        customdata=list(zip(tabla[v.CONCLUIDA], tabla[v.ACTIVIDADES])),
        hovertemplate="%{y}<br>Avance promedio: %{x:.1f} %<br>"
                      "Concluidas: %{customdata[0]} de %{customdata[1]}<extra></extra>",
    ))
    figura.update_layout(bargap=0.45)
    # room past 100 for a label beside its bar; the ticks stop at 100
    figura.update_xaxes(range=[0, 135], ticksuffix=" %", tickvals=[0, 50, 100],
                        title_text="Avance promedio<br>· concluidas/actividades")
    return _base(figura, escala, 80 + _alto_de_filas(etiquetas, 48))


def conteo_semaforo(actividades: pd.DataFrame) -> go.Figure:
    """How many activities are green, yellow and red: colour, pattern and label."""
    conteo = actividades[v.SEMAFORO].value_counts().reindex(v.SEMAFOROS, fill_value=0)
    figura = go.Figure(go.Bar(
        x=[p.semaforo(c) for c in conteo.index], y=conteo.values,
        marker={"color": [p.COLOR_SEMAFORO[c] for c in conteo.index],
                "pattern": _trama([p.TRAMA_SEMAFORO[c] for c in conteo.index])},
        text=conteo.values, textposition="outside", cliponaxis=False,
        hovertemplate="%{x}: %{y} actividades<extra></extra>",
    ))
    figura.update_yaxes(title_text="Actividades", rangemode="tozero",
                        range=[0, max(1, conteo.max()) * 1.25])
    return _base(figura, 1, 300)


def cronograma(actividades: pd.DataFrame, corte: pd.Timestamp, anio: int,
               escala: float = 1.0) -> go.Figure:
    """Gantt of activities, coloured and patterned by semáforo, with the cut-off line."""
    tabla = actividades.iloc[::-1]
    figura = go.Figure()
    for color in v.SEMAFOROS:
        grupo = tabla[tabla[v.SEMAFORO] == color]
        if grupo.empty:
            continue
        duracion_ms = (grupo[v.FECHA_FIN] - grupo[v.FECHA_INICIO] + pd.Timedelta(days=1))
        figura.add_bar(
            y=grupo[v.CLAVE_ACTIVIDAD], base=grupo[v.FECHA_INICIO],
            x=duracion_ms.dt.total_seconds() * 1000, orientation="h", name=p.semaforo(color),
            marker={"color": p.COLOR_SEMAFORO[color],
                    "pattern": _trama(p.TRAMA_SEMAFORO[color])},
            text=[f"{p.numero(a, 0)} %" for a in grupo[v.AVANCE]], textposition="inside",
            insidetextanchor="start",
            hovertext=[_ayuda_actividad(fila) for _, fila in grupo.iterrows()], hoverinfo="text",
        )
    figura.add_vline(x=corte.value / 1e6, line={"color": TINTA, "width": 3})
    figura.add_annotation(x=corte.value / 1e6, y=1, yref="paper", yanchor="bottom",
                          xanchor="right" if corte.month > 6 else "left",
                          text=f"Corte {p.fecha(corte)}", showarrow=False,
                          font={"size": 13 * escala})
    figura.update_yaxes(type="category", categoryorder="array",
                        categoryarray=list(tabla[v.CLAVE_ACTIVIDAD]))
    _eje_meses(figura, anio)
    figura.update_layout(barmode="overlay", bargap=0.3)
    return _base(figura, escala, 110 + 34 * len(tabla))


def _trama(forma) -> dict:
    """A white pattern drawn over the colour, so the semáforo also reads in grey."""
    return {"shape": forma, "fillmode": "overlay", "fgcolor": "white", "fgopacity": 0.7, "size": 9}


def _eje_meses(figura: go.Figure, anio: int) -> None:
    """Month ticks with Spanish names, whatever the browser's language."""
    inicios = pd.date_range(f"{anio}-01-01", periods=12, freq="MS")
    figura.update_xaxes(
        type="date", range=[pd.Timestamp(anio, 1, 1), pd.Timestamp(anio + 1, 1, 1)],
        tickvals=inicios, ticktext=[f"{m} {anio}" if i == 0 else m
                                    for i, m in enumerate(p.MESES_CORTOS)],
    )


def _ayuda_actividad(fila: pd.Series) -> str:
    return (
        f"<b>{texto_plotly(fila[v.CLAVE_ACTIVIDAD])}</b> "
        f"{envuelto(fila[v.ACTIVIDAD], ANCHO_AYUDA)}<br>"
        f"Del {p.fecha(fila[v.FECHA_INICIO])} al {p.fecha(fila[v.FECHA_FIN])}<br>"
        f"Avance: {p.numero(fila[v.AVANCE])} % (esperado {p.numero(fila[v.AVANCE_ESPERADO])} %)<br>"
        f"{fila[v.ESTADO]} · {p.semaforo(fila[v.SEMAFORO])}"
    )


def _alto_de_filas(etiquetas: list[str], por_fila: int, por_linea: int = 19) -> int:
    """Room for the rows of a chart whose labels wrap onto several lines: rows are evenly
    spaced, so each gets the room of the tallest label."""
    lineas = max((etiqueta.count("<br>") + 1 for etiqueta in etiquetas), default=1)
    return len(etiquetas) * max(por_fila, por_linea * lineas + 10)


def _nombre(texto) -> str:
    return "" if texto is None or pd.isna(texto) else str(texto)


def texto_plotly(texto) -> str:
    """Spreadsheet text for a Plotly label or hover, shown as typed.

    Plotly reads its text as a small subset of HTML (<b>, <br>, <a href>…) and decodes only a
    few entities (&amp; &lt; &gt; and numeric ones), so only <, > and & are escaped: quotes and
    apostrophes stay as they are (html.escape would show them as &quot; and &#x27;).
    """
    return _nombre(texto).translate(_PLOTLY)


def envuelto(texto, ancho: int = ANCHO_ETIQUETA) -> str:
    """The whole text, escaped for Plotly, broken into lines of about ``ancho`` characters."""
    lineas = textwrap.wrap(_nombre(texto), ancho, break_long_words=False,
                           break_on_hyphens=False) or [""]
    return "<br>".join(texto_plotly(linea) for linea in lineas)


def serie_mensual(serie: list[float | None]) -> list[float]:
    """A month-end series as a sparkline draws it: from the first month with a value (the
    months before any measurement are left out, not drawn as 0), each gap carrying the last
    value, rounded to one decimal so its tooltip reads like the table. Empty if never measured."""
    valores: list[float] = []
    for valor in serie:
        if valor is None or not math.isfinite(valor):
            if valores:
                valores.append(valores[-1])
            continue
        valores.append(round(float(valor), 1))
    return valores


def mapa_cumplimiento(indicadores: pd.DataFrame, orden: list[str]) -> go.Figure:
    """Heat map of attainment: one row per committee (in ``orden``), one column per indicator.

    Colour runs from vermillion (far from the target) through yellow to green at
    the target and beyond; each cell also prints its value, and an empty cell
    means no measurement yet.
    """
    tabla = indicadores.pivot_table(index=v.COMITE, columns=v.CLAVE_INDICADOR,
                                    values=v.CUMPLIMIENTO, aggfunc="first", sort=False)
    columnas = sorted(tabla.columns, key=p.orden_natural)
    tabla = tabla.reindex(index=orden, columns=columnas)
    z = tabla.clip(upper=TOPE_CUMPLIMIENTO).to_numpy()
    texto = [[("" if pd.isna(x) else f"{p.numero(x, 0)}") for x in fila] for fila in tabla.to_numpy()]
    nombres = [texto_plotly(c) for c in tabla.index]  # unique: the categories
    figura = go.Figure(go.Heatmap(
        z=z, x=columnas, y=nombres, text=texto, texttemplate="%{text}",
        textfont={"size": 11}, zmin=0, zmax=TOPE_CUMPLIMIENTO,
        colorscale=[[0, "#D55E00"], [0.4, "#E69F00"], [0.6, "#F0E442"], [2 / 3, "#009E73"],
                    [1, "#005A3C"]],
        colorbar={"title": {"text": "% de la meta"}, "ticksuffix": " %",
                  "tickvals": [0, 50, 100, 150]},
        hovertemplate="%{y}<br>Indicador %{x}: %{text} % de la meta<extra></extra>",
        xgap=1, ygap=1,
    ))
    etiquetas = [envuelto(p.nombre_comite(c)) for c in tabla.index]
    figura.update_yaxes(autorange="reversed", type="category", tickvals=nombres,
                        ticktext=etiquetas)
    figura.update_xaxes(type="category", side="top", title_text="Indicador")
    return _base(figura, 1, 120 + _alto_de_filas(etiquetas, 22))


def vencidas_y_rojas(resumen: pd.DataFrame) -> go.Figure:
    """The :data:`MAS_ATRASADOS` committees with most activities overdue or red, each colour
    labelled and patterned."""
    tabla = resumen.assign(_orden=resumen[v.VENCIDAS] + resumen[v.EN_ROJO])
    tabla = tabla.sort_values(["_orden", v.COMITE], ascending=[False, True]).head(MAS_ATRASADOS)
    tabla = tabla.iloc[::-1]
    nombres = [texto_plotly(c) for c in tabla[v.COMITE]]  # unique: the categories
    figura = go.Figure()
    for columna, color, trama in ((v.VENCIDAS, "#4D4D4D", "x"),
                                  (v.EN_ROJO, p.COLOR_SEMAFORO[v.ROJO], "/")):
        figura.add_bar(y=nombres, x=tabla[columna], orientation="h", name=columna,
                       marker={"color": color, "pattern": _trama(trama)},
                       text=tabla[columna], textposition="inside",
                       hovertemplate="%{y}<br>" + columna + ": %{x}<extra></extra>")
    figura.update_layout(barmode="group")
    etiquetas = [envuelto(p.nombre_comite(c)) for c in tabla[v.COMITE]]
    figura.update_yaxes(type="category", tickvals=nombres, ticktext=etiquetas)
    figura.update_xaxes(title_text="Actividades", rangemode="tozero")
    return _base(figura, 1, 110 + _alto_de_filas(etiquetas, 38))
