"""The pack's settings in tablero.toml: [comite] nombre and [informe] papel."""

from __future__ import annotations

import pytest

from pat_core import Umbrales, cargar_umbrales
from pat_core.comites import umbrales_comite
from pat_core.problemas import AVISO
from pat_core.reglas import A4, ARCHIVO_UMBRALES, CARTA


def escribir(carpeta, texto: str):
    carpeta.mkdir(parents=True, exist_ok=True)
    (carpeta / ARCHIVO_UMBRALES).write_text(texto, encoding="utf-8")
    return carpeta


def test_defaults_carta_and_no_name(tmp_path):
    umbrales, problemas = cargar_umbrales(tmp_path)
    assert (umbrales.papel, umbrales.nombre_comite, problemas) == (CARTA, "", [])


@pytest.mark.parametrize(("valor", "papel"), [('"A4"', A4), ('"a4"', A4), ('" Carta "', CARTA)])
def test_paper(tmp_path, valor, papel):
    umbrales, problemas = cargar_umbrales(escribir(tmp_path, f"[informe]\npapel = {valor}\n"))
    assert (umbrales.papel, problemas) == (papel, [])


def test_name_with_the_thresholds(tmp_path):
    umbrales, problemas = cargar_umbrales(escribir(tmp_path, """
[comite]
nombre = "  CEPCI de   API Coatzacoalcos "
[semaforo]
rezago_rojo = 40
"""))
    assert problemas == []
    assert umbrales == Umbrales(rezago_rojo=40, nombre_comite="CEPCI de API Coatzacoalcos")


@pytest.mark.parametrize(("texto", "en_el_mensaje"), [
    ('[informe]\npapel = "oficio"\n', 'debe ser "carta" o "A4"; se usa carta'),
    ("[informe]\npapel = 4\n", 'debe ser "carta" o "A4"'),
    ('[comite]\nnombre = ""\n', "se usa el nombre de la carpeta"),
    ("[comite]\nnombre = 12\n", "«comite.nombre» debe ser un texto"),
    ('[comite]\nsiglas = "CEPCI"\n', "«comite.siglas» no es un ajuste conocido"),
    ('informe = "A4"\n', "«informe» debe ser una sección [informe]"),
])
def test_a_wrong_setting_is_a_warning_and_the_thresholds_stay(tmp_path, texto, en_el_mensaje):
    umbrales, problemas = cargar_umbrales(escribir(tmp_path, texto + "[metas]\nritmo_minimo_meta = 80\n"))
    assert umbrales == Umbrales(ritmo_minimo_meta=80)
    assert [p.severidad for p in problemas] == [AVISO]
    assert en_el_mensaje in problemas[0].mensaje and problemas[0].libro == ARCHIVO_UMBRALES


def test_a_committee_s_own_file_else_the_data_folder_s(tmp_path):
    escribir(tmp_path, '[informe]\npapel = "A4"\n')
    escribir(tmp_path / "API_Tuxpan", '[comite]\nnombre = "CEPCI de API Tuxpan"\n')
    (tmp_path / "API_Veracruz").mkdir()
    propio, _ = umbrales_comite(tmp_path, "API_Tuxpan")
    assert (propio.nombre_comite, propio.papel) == ("CEPCI de API Tuxpan", CARTA)  # whole file, as thresholds
    del_conjunto, _ = umbrales_comite(tmp_path, "API_Veracruz")
    assert (del_conjunto.nombre_comite, del_conjunto.papel) == ("", A4)
