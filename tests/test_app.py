"""Page tests with Streamlit's AppTest: every page on the shipped data, filters, cut-off."""

import json
import math
import re
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests import ayudantes
from tests.conftest import DATOS

PAGINAS = {
    "paginas/resumen.py": "Resumen del programa",
    "paginas/sesion.py": "Sesión del comité",
    "paginas/secciones.py": "Sección I. Capacitación y sensibilización",
    "paginas/actividades.py": "Actividades",
    "paginas/evidencias.py": "Evidencias",
    "paginas/calidad.py": "Calidad de datos",
}


@pytest.fixture(autouse=True)
def datos_incluidos(monkeypatch):
    monkeypatch.delenv("PAT_DATOS", raising=False)


def abrir(pagina: str = "paginas/resumen.py", **query) -> AppTest:
    """The page opened straight from its address, as a link does (a fresh session)."""
    app = AppTest.from_file("../dashboard.py", default_timeout=60)
    for clave, valor in query.items():
        app.query_params[clave] = valor
    app.switch_page(pagina).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def sin_escapes(markdown: str) -> str:
    """What the reader sees of text the page escaped so markdown shows it literally."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")  # U+2060: invisible


def metrica(app: AppTest, etiqueta: str) -> str:
    return next(m.value for m in app.metric if m.label.endswith(etiqueta))


def leyenda(app: AppTest, comienzo: str) -> str:
    return next(c.value for c in app.caption if c.value.startswith(comienzo))


@pytest.mark.parametrize("pagina,titulo", PAGINAS.items())
def test_every_page_renders_on_the_shipped_data(pagina, titulo):
    app = abrir(pagina)
    assert sin_escapes(app.title[0].value) == titulo


def test_resumen_headline_cards_at_year_end():
    app = abrir()
    assert metrica(app, "Metas cumplidas") == "7 de 10"
    assert metrica(app, "Actividades concluidas") == "19 de 22"
    assert metrica(app, "Vencidas") == "1"
    assert metrica(app, "En rojo") == "3"


def test_a_different_cut_off_changes_states_and_counts():
    app = abrir()
    app.sidebar.date_input("corte").set_value(date(2020, 6, 30)).run()
    assert metrica(app, "Actividades concluidas") == "0 de 22"
    assert metrica(app, "En proceso") == "22"
    assert metrica(app, "Vencidas") == "0"
    assert metrica(app, "En rojo") == "3"
    assert "corte al 30 de junio de 2020" in sin_escapes(app.caption[0].value)


def test_filters_change_the_activity_rows():
    app = abrir("paginas/actividades.py")
    assert leyenda(app, "Se muestran") == "Se muestran 22 de 22 actividades."
    app.multiselect("f_semaforo").set_value(["Rojo"]).run()
    assert leyenda(app, "Se muestran") == "Se muestran 3 de 22 actividades."
    assert set(app.dataframe[0].value["Clave actividad"]) == {"2.1.5", "4.1.3", "5.1.1"}
    app.multiselect("f_seccion").set_value(["V"]).run()
    assert list(app.dataframe[0].value["Clave actividad"]) == ["5.1.1"]
    assert "--seccion V --semaforo Rojo" in app.code[0].value


def test_free_text_search_ignores_accents_and_case():
    app = abrir("paginas/actividades.py")
    app.text_input("f_texto").set_value("PLATAFORMA DE CIUDADANOS").run()
    assert list(app.dataframe[0].value["Clave actividad"]) == ["2.1.6"]
    app.text_input("f_texto").set_value("tecnologicos").run()
    assert leyenda(app, "Se muestran") == "Se muestran 8 de 22 actividades."


def test_each_section_has_its_own_address():
    app = abrir("paginas/secciones.py", seccion="III")
    assert sin_escapes(app.title[0].value).startswith("Sección III. Atención a denuncias")
    assert metrica(app, "Metas cumplidas") == "2 de 3"


def test_evidencias_page_flags_started_activities_without_evidence():
    app = abrir("paginas/evidencias.py")
    assert app.error[0].value.startswith("1 actividad(es) ya iniciada(s) sin ninguna evidencia")
    assert list(app.dataframe[0].value["Clave actividad"]) == ["4.1.3"]
    assert leyenda(app, "Se muestran") == "Se muestran 56 de 56 evidencias."


def test_calidad_page_lists_each_problem_to_the_cell(tmp_path, monkeypatch):
    actividades = [*ayudantes.ACTIVIDADES, ["9.9.9", "Huérfana", date(2020, 1, 1), date(2020, 2, 1),
                                            "", "", ""]]
    evidencias = [*ayudantes.EVIDENCIAS, ["1.1.1", "31/02/2020", "Fecha imposible", 10, None, None]]
    monkeypatch.setenv("PAT_DATOS", str(ayudantes.carpeta(tmp_path, actividades=actividades,
                                                          evidencias=evidencias)))
    app = abrir("paginas/calidad.py")
    assert metrica(app, "Errores") == "2"
    tablas = [d.value for d in app.dataframe]
    filas = {(t.iloc[i]["Fila"], t.iloc[i]["Columna"]) for t in tablas for i in range(len(t))}
    assert (5, "Clave actividad") in filas  # the orphan activity, Excel row 5
    assert (4, "Fecha") in filas  # the impossible date, Excel row 4
    assert app.warning[0].value.startswith("2 fila(s) con error quedaron fuera de las cifras")


def test_an_empty_data_folder_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PAT_DATOS", str(tmp_path))
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception
    assert "No se encontró ningún libro «pat_AAAA.xlsx»" in app.error[0].value
    # st.stop ends the run: it is not caught as an unexpected error
    assert not [e for e in app.error if "error inesperado" in e.value]


def test_a_workbook_that_fails_keeps_the_last_good_data_on_screen(copia_datos, monkeypatch):
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    app = abrir()
    assert metrica(app, "Actividades concluidas") == "19 de 22"
    evidencias = copia_datos / "evidencias_2020.xlsx"
    contenido = evidencias.read_bytes()
    evidencias.write_bytes(contenido[: len(contenido) // 3])  # caught half-saved
    app.run()
    assert not app.exception
    aviso = app.error[0].value.replace("\\", "")  # markdown escapes of the workbook's name
    assert aviso.startswith("No se pudo leer a las ")
    assert "evidencias_2020.xlsx" in aviso and "guardado a medias" in aviso
    assert "Se muestran los últimos datos que se leyeron bien" in aviso
    assert metrica(app, "Actividades concluidas") == "19 de 22"
    evidencias.write_bytes(contenido)  # the save finishes
    app.run()
    assert not app.error
    assert metrica(app, "Actividades concluidas") == "19 de 22"


def test_a_workbook_unreadable_from_the_start_says_the_figures_are_incomplete(
        copia_datos, monkeypatch):
    (copia_datos / "evidencias_2020.xlsx").write_bytes(b"")
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    app = abrir()
    assert "Aún no hay una lectura buena" in app.error[0].value
    assert metrica(app, "Actividades concluidas") == "0 de 22"


def graficas_de(app: AppTest) -> dict[str, dict]:
    """Each chart on the page, by its key, as the browser receives it."""
    return {g.proto.id.rsplit("-", 1)[1]: json.loads(g.proto.spec) for g in app.get("plotly_chart")}


def test_the_figures_follow_a_saved_workbook_and_new_thresholds(copia_datos, monkeypatch):
    """What is computed from the data is remembered by the data read (tablero/memo.py): a
    workbook saved again, or new thresholds in tablero.toml, are drawn on the next rerun."""
    from openpyxl import load_workbook

    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    app = abrir(corte="2020-09-30")
    antes = graficas_de(app)
    assert metrica(app, "Actividades concluidas") == "4 de 22"
    ruta = copia_datos / "evidencias_2020.xlsx"
    libro = load_workbook(ruta)
    libro["Evidencias"].append(["2.1.5", date(2020, 9, 1), "Infografía difundida.", 100])
    libro.save(ruta)
    app.run()
    assert metrica(app, "Actividades concluidas") == "5 de 22"
    despues = graficas_de(app)
    assert despues["secciones"] != antes["secciones"]
    assert despues["cumplimiento"] != antes["cumplimiento"]  # target 2.1: from 33 % to 50 %
    (copia_datos / "tablero.toml").write_text("[semaforo]\nrezago_amarillo = 0\nrezago_rojo = 0\n")
    app.run()
    assert graficas_de(app)["semaforo"] != despues["semaforo"]


def test_an_unexpected_error_in_a_page_is_shown_in_spanish(monkeypatch):
    from pat_core import graficas

    def falla(*_argumentos, **_opciones):
        raise RuntimeError("algo imprevisto")

    monkeypatch.setattr(graficas, "cumplimiento_indicadores", falla)
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception
    assert app.error[0].value.startswith("Ocurrió un error inesperado al mostrar esta página")


def test_month_end_buttons_replay_the_year():
    app = abrir()
    app.sidebar.get("button_group")  # the pills
    pastillas = next(w for w in app.sidebar.button_group if w.key == "mes")
    pastillas.set_value(3).run()
    assert app.sidebar.date_input("corte").value == date(2020, 3, 31)
    assert "corte al 31 de marzo de 2020" in sin_escapes(app.caption[0].value)
    assert metrica(app, "Actividades concluidas") == "0 de 22"


def test_cards_show_what_moved_since_the_previous_session():
    app = abrir()
    app.sidebar.date_input("corte").set_value(date(2020, 9, 30)).run()
    # compared by default with the session of 24/07/2020
    assert app.sidebar.date_input("comparar").value == date(2020, 7, 24)
    concluidas = next(m for m in app.metric if m.label == "Actividades concluidas")
    assert concluidas.value == "4 de 22" and concluidas.delta == "4"


def test_sesion_page_lists_changes_deadlines_and_minutes():
    app = abrir("paginas/sesion.py")
    subtitulos = [s.value for s in app.subheader]
    assert subtitulos[0] == "Cambios desde la sesión anterior (27/11/2020)"
    cambios = app.dataframe[0].value
    assert ("3.1", "Cumplida", "No cumplida") in set(
        zip(cambios["Clave"], cambios["Antes"], cambios["Ahora"]))
    assert app.error[0].value.startswith("2 acta(s) fuera de plazo o sin registrar")


def test_resumen_shows_trend_and_projection():
    app = abrir()
    tabla = app.dataframe[0].value
    assert {"Mes a mes", "Proyección al 31/12", "Al ritmo actual"} <= set(tabla.columns)
    fila = tabla.set_index("Clave").loc["1.1"]
    # from June, its first measurement, to December: numbers only, rounded as the table
    assert list(fila["Mes a mes"]) == [23.0, 23.0, 23.0, 29.0, 29.0, 29.0, 35.5]


def test_the_sparklines_get_numbers_only():
    for pagina in ("paginas/resumen.py", "paginas/secciones.py"):
        tabla = abrir(pagina, corte="2020-09-30").dataframe[0].value
        for serie in tabla["Mes a mes"]:
            assert all(isinstance(x, float) and math.isfinite(x) and round(x, 1) == x
                       for x in serie), serie


@pytest.fixture
def comites(tmp_path, monkeypatch):
    """Three committees: the shipped one, one with less evidence, one with a broken workbook."""
    import shutil

    from openpyxl import load_workbook

    raiz = tmp_path / "comites"
    for nombre in ("API_Coatzacoalcos", "API_Veracruz", "API_Tampico"):
        shutil.copytree(DATOS, raiz / nombre)
    ruta = raiz / "API_Veracruz" / "evidencias_2020.xlsx"
    libro = load_workbook(ruta)
    hoja = libro["Evidencias"]
    hoja.delete_rows(4, hoja.max_row - 3)  # keeps only the first evidence row
    libro.save(ruta)
    (raiz / "API_Tampico" / "evidencias_2020.xlsx").write_bytes(b"")
    monkeypatch.setenv("PAT_DATOS", str(raiz))
    return raiz


def test_consolidado_is_the_first_page_with_committee_folders(comites):
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not app.exception
    assert sin_escapes(app.title[0].value) == "Consolidado de comités"
    assert metrica(app, "Comités") == "2"  # the unreadable one is left out, and said so
    assert "API\\_Tampico" in app.error[0].value or "API_Tampico" in app.error[0].value
    clasificacion = app.dataframe[0].value
    assert list(clasificacion["Comité"]) == ["API_Coatzacoalcos", "API_Veracruz"]
    assert list(clasificacion["Lugar"]) == [1, 2]


def test_the_committee_selector_changes_every_page(comites):
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    app.switch_page("paginas/resumen.py").run()
    assert sin_escapes(app.caption[0].value).startswith("API Coatzacoalcos · PAT 2020")
    assert metrica(app, "Actividades concluidas") == "19 de 22"
    app.sidebar.selectbox("comite").set_value("API_Veracruz").run()
    assert sin_escapes(app.caption[0].value).startswith("API Veracruz · PAT 2020")
    assert metrica(app, "Actividades concluidas") == "0 de 22"


def test_workbook_text_in_titles_is_shown_literally(copia_datos, monkeypatch):
    from openpyxl import load_workbook

    ruta = copia_datos / "pat_2020.xlsx"
    libro = load_workbook(ruta)
    hoja = libro["Indicadores"]
    for fila in range(4, hoja.max_row + 1):
        if hoja.cell(fila, 1).value == "I":
            hoja.cell(fila, 2).value = "Capacitación [liga](https://x.invalid) **negrita**"
    libro.save(ruta)
    monkeypatch.setenv("PAT_DATOS", str(copia_datos))
    app = abrir("paginas/secciones.py")
    assert "\\[liga\\]\\(https\\:" in app.title[0].value and "\\*\\*negrita\\*\\*" in app.title[0].value
    assert sin_escapes(app.title[0].value) == (
        "Sección I. Capacitación [liga](https://x.invalid) **negrita**")


def test_the_command_shown_names_the_committee(comites):
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    app.switch_page("paginas/actividades.py").run()
    assert "--comite API_Coatzacoalcos" in app.code[0].value


# --- the address holds what is shown (tablero/estado.py) ------------------

def direccion(app: AppTest, nombre: str):
    return app.query_params.get(nombre)


def test_the_address_sets_year_cut_off_and_comparison_date():
    app = abrir(anio="2020", corte="2020-09-30", comparar="2020-03-31")
    assert app.sidebar.date_input("corte").value == date(2020, 9, 30)
    assert app.sidebar.date_input("comparar").value == date(2020, 3, 31)
    assert "corte al 30 de septiembre de 2020" in sin_escapes(app.caption[0].value)
    concluidas = next(m for m in app.metric if m.label == "Actividades concluidas")
    assert concluidas.value == "4 de 22" and concluidas.delta == "4"
    assert leyenda(app, "Bajo cada cifra").startswith("Bajo cada cifra, su cambio desde el 31/03/2020")


def test_the_address_is_written_with_every_choice_even_the_defaults():
    app = abrir()
    assert (direccion(app, "anio"), direccion(app, "corte"), direccion(app, "comparar")) == (
        "2020", "2020-12-31", "2020-11-27")
    app.sidebar.date_input("corte").set_value(date(2020, 9, 30)).run()
    assert direccion(app, "corte") == "2020-09-30"
    # a new cut-off brings back its own comparison date: the session before it
    assert direccion(app, "comparar") == "2020-07-24"
    app.sidebar.date_input("comparar").set_value(date(2020, 1, 31)).run()
    assert direccion(app, "comparar") == "2020-01-31"


def test_month_buttons_write_the_cut_off_in_the_address():
    app = abrir()
    next(w for w in app.sidebar.button_group if w.key == "mes").set_value(9).run()
    assert direccion(app, "corte") == "2020-09-30"
    assert app.sidebar.date_input("corte").value == date(2020, 9, 30)


def test_the_cut_off_survives_a_page_change():
    app = abrir()
    app.sidebar.date_input("corte").set_value(date(2020, 9, 30)).run()
    for pagina in ("paginas/sesion.py", "paginas/secciones.py", "paginas/actividades.py",
                   "paginas/resumen.py"):
        app.switch_page(pagina).run()
        assert not app.exception
        assert app.sidebar.date_input("corte").value == date(2020, 9, 30), pagina
        assert "corte al 30 de septiembre de 2020" in sin_escapes(app.caption[0].value), pagina
        assert direccion(app, "corte") == "2020-09-30", pagina


@pytest.mark.parametrize("nombre,valor,queda", [
    ("corte", "2020-13-45", ("corte", "2020-12-31")),
    ("corte", "2019-06-30", ("corte", "2020-12-31")),
    ("anio", "1999", ("anio", "2020")),
    ("anio", "dos mil", ("anio", "2020")),
    ("comparar", "2021-01-01", ("comparar", "2020-11-27")),
])
def test_an_unusable_value_in_the_address_falls_back_with_a_spanish_notice(nombre, valor, queda):
    app = abrir(**{nombre: valor})
    assert not app.exception
    aviso = sin_escapes(app.warning[0].value)
    assert aviso.startswith(f"El enlace pide «{nombre}={valor}», que no se puede usar")
    assert direccion(app, queda[0]) == queda[1]
    assert sin_escapes(app.title[0].value) == "Resumen del programa"
    app.run()  # said once: the address now holds what is shown
    assert not [w for w in app.warning if "El enlace pide" in w.value]


def test_activity_filters_come_from_the_address_with_the_cli_flag_names():
    app = abrir("paginas/actividades.py", seccion=["v", "II"], semaforo="rojo")
    assert list(app.dataframe[0].value["Clave actividad"]) == ["2.1.5", "5.1.1"]
    assert app.multiselect("f_semaforo").value == ["Rojo"]
    assert app.query_params["seccion"] == ["V", "II"] and direccion(app, "semaforo") == "Rojo"
    assert "--seccion V --seccion II --semaforo Rojo" in app.code[0].value


def test_activity_filters_are_written_to_the_address():
    app = abrir("paginas/actividades.py")
    app.multiselect("f_estado").set_value(["Concluida", "Vencida"]).run()
    app.text_input("f_texto").set_value("plataforma").run()
    assert app.query_params["estado"] == ["Concluida", "Vencida"]
    assert direccion(app, "buscar") == "plataforma"
    app.multiselect("f_estado").set_value([]).run()
    assert "estado" not in app.query_params


def test_an_unknown_filter_value_is_left_out_and_said():
    app = abrir("paginas/actividades.py", semaforo=["Rojo", "Morado"], indicador="9.9")
    avisos = [sin_escapes(w.value) for w in app.warning]
    assert any("semaforo=Morado" in a for a in avisos) and any("indicador=9.9" in a for a in avisos)
    assert app.multiselect("f_semaforo").value == ["Rojo"]
    assert leyenda(app, "Se muestran") == "Se muestran 3 de 22 actividades."


def test_the_section_comes_from_and_goes_to_the_address():
    app = abrir("paginas/secciones.py", seccion="iv")
    assert sin_escapes(app.title[0].value).startswith("Sección IV.")
    assert direccion(app, "seccion") == "IV"
    app = abrir("paginas/secciones.py", seccion="XX")
    assert "seccion=XX" in sin_escapes(app.warning[0].value)
    assert sin_escapes(app.title[0].value).startswith("Sección I.")


def test_the_projector_parameter_is_kept_in_the_address():
    app = abrir(proyector="1", corte="2020-09-30")
    assert direccion(app, "proyector") == "1" and direccion(app, "corte") == "2020-09-30"


def test_the_committee_comes_from_the_address(comites):
    app = abrir(comite="API_Veracruz", corte="2020-09-30")
    assert app.sidebar.selectbox("comite").value == "API_Veracruz"
    assert sin_escapes(app.caption[0].value).startswith("API Veracruz · PAT 2020 · corte al 30 de sep")
    app = abrir(comite="../x")
    assert "comite=../x" in sin_escapes(app.warning[0].value)
    assert app.sidebar.selectbox("comite").value == "API_Coatzacoalcos"
    assert direccion(app, "comite") == "API_Coatzacoalcos"


def test_only_web_addresses_are_links_in_the_evidence_register(tmp_path, monkeypatch):
    evidencias = [["1.1.1", date(2020, 4, 15), "Lista", 20, "https://ejemplo.org/lista", "Ana"],
                  ["2.1.1", date(2020, 3, 1), "Infografía", 100, "javascript:alert(1)", "Luis"],
                  ["2.1.1", date(2020, 3, 2), "Sin enlace", 100, None, "Luis"]]
    monkeypatch.setenv("PAT_DATOS", str(ayudantes.carpeta(tmp_path, evidencias=evidencias)))
    app = abrir("paginas/evidencias.py")
    tabla = app.dataframe[-1].value.set_index("Descripción")
    assert tabla.loc["Lista", "Enlace"] == "https://ejemplo.org/lista"
    assert tabla.isna().loc["Infografía", "Enlace"]
    assert tabla.loc["Infografía", "Enlace (no se abre)"] == "javascript:alert(1)"
    assert tabla.isna().loc["Sin enlace", ["Enlace", "Enlace (no se abre)"]].all()


def test_a_failing_button_action_is_said_in_spanish(monkeypatch):
    from tablero import contexto

    def falla(*_argumentos):
        raise RuntimeError("algo imprevisto")

    monkeypatch.setattr(contexto, "fines_de_mes", falla)
    app = abrir()
    next(w for w in app.sidebar.button_group if w.key == "mes").set_value(3).run()
    assert not app.exception
    assert app.error[0].value.startswith("Ocurrió un error inesperado al mostrar esta página")
    assert metrica(app, "Actividades concluidas") == "19 de 22"  # the page goes on


def test_consolidado_cards_add_up_the_committees(comites):
    app = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    resumen = app.dataframe[0].value
    assert metrica(app, "Metas cumplidas") == (
        f"{resumen['Metas cumplidas'].sum()} de {resumen['Indicadores'].sum()}") == "12 de 20"
    # 7 + 5: API_Veracruz keeps its measurements but not its evidence, so 4.2 (its one
    # activity counted) is not met there
    assert metrica(app, "Actividades concluidas") == "19 de 44"  # none in API_Veracruz
    assert metrica(app, "Vencidas") == str(resumen["Vencidas"].sum())


def test_sesion_page_counts_ordinary_sessions_against_the_calendar():
    app = abrir("paginas/sesion.py", corte="2020-06-30")
    assert "Calendario de sesiones" in [s.value for s in app.subheader]
    assert "**Sesiones ordinarias: 2 de 4**" in [m.value for m in app.markdown]
    assert any(w.value.startswith("1 sesión(es) programada(s) no se celebraron en su fecha")
               for w in app.warning)
    tabla = app.dataframe[-1].value
    assert list(zip(tabla["Fecha programada"], tabla["Situación"])) == [
        (pd.Timestamp(2020, 3, 27), "Celebrada después de lo programado")]


def test_a_target_without_cases_is_said_on_the_cards():
    app = abrir(corte="2020-06-30")
    [tarjeta] = [m for m in app.metric if m.label.startswith("Metas cumplidas")]
    assert tarjeta.label == "Metas cumplidas · 1 sin casos" and tarjeta.value.endswith(" de 9")
    tabla = app.dataframe[0].value.set_index("Clave")
    assert tabla.loc["3.2", "Valor logrado"] == "sin casos"


def test_un_proceso_de_lectura_que_importa_el_guion_no_ejecuta_el_tablero():
    """multiprocessing hands the server's main script to every worker it starts, which
    imports it as «__mp_main__»: the dashboard must not run there, nor load Streamlit."""
    import subprocess
    import sys

    codigo = ("import runpy, sys; runpy.run_path('dashboard.py', run_name='__mp_main__'); "
              "print('streamlit' in sys.modules, 'tablero.contexto' in sys.modules)")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                            cwd=DATOS.parent, check=True)
    assert salida.stdout.split() == ["False", "False"]
