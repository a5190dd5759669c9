"""The slides' order, addresses and what fits on them (pat_core.diapositivas)."""

import pandas as pd
import pytest

from pat_core import cargar_umbrales, evaluar
from pat_core import diapositivas as d
from pat_core import vocabulario as v
from pat_core.anio import cargar
from tests.conftest import DATOS


@pytest.fixture(scope="module")
def evaluacion():
    umbrales, _ = cargar_umbrales(DATOS)
    return evaluar(cargar(DATOS, 2020, umbrales), pd.Timestamp("2020-09-30").date(), umbrales)


def test_the_slides_follow_the_meeting_order(evaluacion):
    lista = d.diapositivas(evaluacion)
    assert [x.slug for x in lista] == ["programa", "seccion-I", "seccion-II", "seccion-III",
                                       "seccion-IV", "seccion-V", "cambios", "riesgos", "plazos"]
    assert lista[3].titulo.startswith("Sección III. Atención a denuncias")
    assert lista[3].corto == "Sección III"


def test_the_order_is_data(evaluacion):
    lista = d.diapositivas(evaluacion, (d.CAMBIOS, d.PROGRAMA))
    assert [x.slug for x in lista] == ["cambios", "programa"]


def test_an_unknown_slug_has_no_place(evaluacion):
    lista = d.diapositivas(evaluacion)
    assert d.posicion(lista, "plazos") == len(lista) - 1
    assert d.posicion(lista, "seccion-IX") is None
    assert d.posicion(lista, None) is None


def test_many_targets_continue_on_more_programme_slides(evaluacion):
    muchas = evaluacion.indicadores.loc[evaluacion.indicadores.index.repeat(3)]
    mas = type(evaluacion)(**{**evaluacion.__dict__, "indicadores": muchas})
    programa = [x for x in d.diapositivas(mas) if x.tipo == d.PROGRAMA]
    assert [x.slug for x in programa] == ["programa", "programa-2", "programa-3"]
    assert programa[1].titulo == "Programa de trabajo (2 de 3)"
    assert len(d.metas_de(muchas, programa[2])) == 10


def test_what_fits_keeps_the_first_rows_and_counts_the_rest():
    filas = pd.DataFrame({"x": range(5)})
    recorte = d.lo_que_cabe(filas, [2, 2, 2, 2, 2], 5)
    assert list(recorte.filas["x"]) == [0, 1] and recorte.restantes == 3
    # a first row longer than the room is still shown (wrapped), never left out
    recorte = d.lo_que_cabe(filas.head(2), [9, 1], 5)
    assert list(recorte.filas["x"]) == [0] and recorte.restantes == 1


def test_long_names_take_more_lines():
    assert d.lineas("a" * 10, 50) == 1 + d.MARGEN_FILA
    assert d.lineas("a" * 101, 50) == 3 + d.MARGEN_FILA
    assert d.lineas(None, 50) == 1 + d.MARGEN_FILA


def test_overdue_activities_come_before_red_ones():
    actividades = pd.DataFrame({
        v.CLAVE_ACTIVIDAD: ["1.1.2", "1.1.10", "1.1.3", "1.1.4"],
        v.ESTADO: [v.EN_PROCESO, v.EN_PROCESO, v.VENCIDA, v.CONCLUIDA],
        v.SEMAFORO: [v.ROJO, v.ROJO, v.ROJO, v.VERDE],
        v.DIAS_RESTANTES: [5, 5, -3, 40],
        v.ACTIVIDAD: ["a", "b", "c", "d"],
    })
    assert list(d.atencion(actividades)[v.CLAVE_ACTIVIDAD]) == ["1.1.3", "1.1.2", "1.1.10"]


def test_a_section_with_many_red_activities_shows_the_most_urgent(evaluacion):
    actividades = pd.DataFrame({
        v.CLAVE_ACTIVIDAD: [f"1.1.{n}" for n in range(1, 21)],
        v.ESTADO: [v.EN_PROCESO] * 20, v.SEMAFORO: [v.ROJO] * 20,
        v.DIAS_RESTANTES: list(range(20, 0, -1)), v.ACTIVIDAD: ["x " * 100] * 20,
    })
    contenido = d.contenido_seccion(evaluacion.indicadores.head(1), actividades)
    mostradas = contenido.atencion.filas
    assert 0 < len(mostradas) < 20
    assert len(mostradas) + contenido.atencion.restantes == 20
    assert list(mostradas[v.DIAS_RESTANTES]) == sorted(mostradas[v.DIAS_RESTANTES])
    assert mostradas[v.DIAS_RESTANTES].iloc[0] == 1


def test_minutes_out_of_term_come_first():
    from pat_core.plazos import revisar_actas
    from pat_core.reglas import Umbrales

    umbrales, _ = cargar_umbrales(DATOS)
    actas = revisar_actas(cargar(DATOS, 2020, umbrales), pd.Timestamp("2020-12-31"), Umbrales())
    recorte = d.actas_que_caben(actas, 3)
    assert set(recorte.filas[v.SITUACION][:2]) == {"Tarde", "Sin registrar"}
    assert list(recorte.filas[v.FECHA][2:]) == sorted(recorte.filas[v.FECHA][2:], reverse=True)
    assert recorte.restantes == len(actas) - 3


def test_changes_are_counted_by_kind():
    tabla = pd.DataFrame({v.TIPO_CAMBIO: [v.CAMBIO_META, v.NUEVA_EVIDENCIA, v.NUEVA_EVIDENCIA]})
    resumen = d.resumen_cambios(tabla)
    assert resumen[v.CAMBIO_META] == 1 and resumen[v.NUEVA_EVIDENCIA] == 2
    assert list(resumen) == list(d.TIPOS_DE_CAMBIO)


def test_a_text_longer_than_a_slide_is_cut_at_a_word_and_says_so():
    largo = "palabra " * 2000  # Excel holds 32,767 characters in a cell
    texto = d.en_diapositiva(largo)
    assert len(texto) <= d.TEXTO_MAXIMO and texto.endswith(d.RECORTADO)
    assert texto[: -len(d.RECORTADO)].split(" ")[-1] == "palabra"  # a whole word, no «…»
    seguido = "x" * 5000  # no space to cut at
    assert len(d.en_diapositiva(seguido)) == d.TEXTO_MAXIMO
    real = "Identificar en la normatividad específica del organismo cuáles son los principales"
    assert d.en_diapositiva(f"  {real}  ") == real and d.en_diapositiva(None) == ""
    assert d.en_diapositiva(float("nan")) == ""


def test_one_huge_activity_never_takes_more_than_its_slide(evaluacion):
    actividades = evaluacion.actividades.copy()
    actividades.loc[:, v.SEMAFORO] = v.ROJO
    actividades.loc[:, v.ACTIVIDAD] = "Una actividad descrita sin fin " * 1000
    contenido = d.contenido_seccion(evaluacion.indicadores.iloc[:1], actividades)
    usadas = sum(d.costo_metas(contenido.metas.filas)) + sum(
        d.costo_actividades(contenido.atencion.filas))
    assert len(contenido.atencion.filas) >= 1 and usadas <= d.LINEAS_SECCION
