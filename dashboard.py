"""Tablero PAT: navigation and the controls every page shares.

Run with `make run` (or `streamlit run dashboard.py`). The pages are in paginas/;
the figures come from pat_core. What a page shows is kept in its address (tablero/estado.py).
"""


def principal() -> None:
    from functools import partial

    import streamlit as st

    from tablero import contexto, estado, vistas

    st.set_page_config(page_title="Tablero PAT", page_icon=":material/fact_check:", layout="wide")

    # Everything in the try: a meeting never meets Streamlit's own (English) error page. Streamlit's
    # st.stop, st.rerun and st.switch_page raise BaseException subclasses, which pass through.
    try:
        estado.empezar()
        if (fallo := contexto.error_de_accion()) is not None:  # a button's action failed
            vistas.error_inesperado(fallo)
        proyector = contexto.modo_proyector()
        varios = contexto.hay_comites()  # one sub-folder per committee: the roll-up comes first
        # the first page: the slides in projector mode, else the roll-up when there are committees
        inicio = "presentacion" if proyector else "consolidado" if varios else "resumen"
        presentacion = st.Page("paginas/presentacion.py", title="Presentación",
                               icon=":material/slideshow:", default=inicio == "presentacion")
        consolidado = st.Page("paginas/consolidado.py", title="Consolidado",
                              icon=":material/table_chart:", default=inicio == "consolidado")
        resumen = st.Page("paginas/resumen.py", title="Resumen", icon=":material/dashboard:",
                          default=inicio == "resumen")
        paginas = ([presentacion] if proyector else []) + ([consolidado] if varios else []) + [
            resumen,
            st.Page("paginas/sesion.py", title="Sesión", icon=":material/groups:"),
            st.Page("paginas/secciones.py", title="Secciones", icon=":material/view_agenda:"),
            st.Page("paginas/actividades.py", title="Actividades", icon=":material/checklist:"),
            st.Page("paginas/evidencias.py", title="Evidencias", icon=":material/folder_open:"),
            st.Page("paginas/calidad.py", title="Calidad de datos", icon=":material/rule:"),
        ]
        if (pedida := estado.pagina_desconocida(paginas)) is not None:  # /informe: say so, in Spanish
            primera = {"presentacion": presentacion, "consolidado": consolidado, "resumen": resumen}
            paginas.append(st.Page(partial(vistas.pagina_no_encontrada, pedida, primera[inicio]),
                                   title="Página no encontrada", url_path=pedida, visibility="hidden"))
        pagina = st.navigation(paginas, position="hidden" if proyector else "sidebar")
        if proyector and pagina is not presentacion:  # /secciones?proyector=1: the slides
            st.switch_page(presentacion, query_params=st.query_params.to_dict())
        vistas.estilo()
        contexto.guardar(contexto.preparar())
        if not proyector:  # the slides say these notices themselves, where they fit
            vistas.avisos_de_la_direccion()
        pagina.run()
        estado.escribir()
    except Exception as error:  # noqa: BLE001 - a meeting never stops on a traceback
        vistas.error_inesperado(error)


# Streamlit runs this script as «__main__». A process that reads workbooks for the server
# (pat_core.procesos) is given the server's main script too, as multiprocessing does, and
# imports it as «__mp_main__»: there it must do nothing, not even import Streamlit.
if __name__ == "__main__":
    principal()
