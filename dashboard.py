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
        nombres = [nombre for nombre in PAGINAS if (nombre != "presentacion" or proyector)
                   and (nombre != "consolidado" or varios)]
        paginas = {nombre: st.Page(f"paginas/{nombre}.py", title=PAGINAS[nombre][0],
                                   icon=PAGINAS[nombre][1], default=nombre == inicio)
                   for nombre in nombres}
        if (pedida := estado.pagina_desconocida(nombres, inicio)) is not None:  # /informe: say so, in Spanish
            paginas[pedida] = st.Page(partial(vistas.pagina_no_encontrada, pedida, paginas[inicio]),
                                      title="Página no encontrada", url_path=pedida,
                                      visibility="hidden")
        pagina = st.navigation(list(paginas.values()), position="hidden" if proyector else "sidebar")
        if proyector and pagina is not paginas["presentacion"]:  # /secciones?proyector=1: the slides
            st.switch_page(paginas["presentacion"], query_params=st.query_params.to_dict())
        vistas.estilo()
        contexto.guardar(contexto.preparar())
        if not proyector:  # the slides say these notices themselves, where they fit
            vistas.avisos_de_la_direccion()
        pagina.run()
        estado.escribir()
    except Exception as error:  # noqa: BLE001 - a meeting never stops on a traceback
        vistas.error_inesperado(error)


# Each page: its file in paginas/ (whose name is its address, /sesion) and its title and icon.
PAGINAS = {
    "presentacion": ("Presentación", ":material/slideshow:"),
    "consolidado": ("Consolidado", ":material/table_chart:"),
    "resumen": ("Resumen", ":material/dashboard:"),
    "sesion": ("Sesión", ":material/groups:"),
    "secciones": ("Secciones", ":material/view_agenda:"),
    "actividades": ("Actividades", ":material/checklist:"),
    "evidencias": ("Evidencias", ":material/folder_open:"),
    "calidad": ("Calidad de datos", ":material/rule:"),
}

# Streamlit runs this script as «__main__». A process that reads workbooks for the server
# (pat_core.procesos) is given the server's main script too, as multiprocessing does, and
# imports it as «__mp_main__»: there it must do nothing, not even import Streamlit.
if __name__ == "__main__":
    principal()
