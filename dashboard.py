"""Tablero PAT: navigation and the controls every page shares.

Run with `make run` (or `streamlit run dashboard.py`). The pages are in pages/;
the figures come from pat_core.
"""

import streamlit as st

from tablero import contexto, vistas

st.set_page_config(page_title="Tablero PAT", page_icon=":material/fact_check:", layout="wide")

proyector = contexto.modo_proyector()
varios = contexto.hay_comites()  # one sub-folder per committee: the roll-up comes first
consolidado = st.Page("pages/consolidado.py", title="Consolidado", icon=":material/table_chart:",
                      default=True)
pagina = st.navigation(
    ([consolidado] if varios else []) + [
        st.Page("pages/resumen.py", title="Resumen", icon=":material/dashboard:", default=not varios),
        st.Page("pages/sesion.py", title="Sesión", icon=":material/groups:"),
        st.Page("pages/secciones.py", title="Secciones", icon=":material/view_agenda:"),
        st.Page("pages/actividades.py", title="Actividades", icon=":material/checklist:"),
        st.Page("pages/evidencias.py", title="Evidencias", icon=":material/folder_open:"),
        st.Page("pages/calidad.py", title="Calidad de datos", icon=":material/rule:"),
    ],
    position="hidden" if proyector else "sidebar",
)
vistas.estilo(proyector)
try:
    contexto.guardar(contexto.preparar(proyector))
    pagina.run()
except Exception as error:  # noqa: BLE001 - a meeting never stops on a traceback
    vistas.error_inesperado(error)
