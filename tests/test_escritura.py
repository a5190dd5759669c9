"""pat_core.exportar.escribir_archivo: the one way the product writes a file; what it refuses."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import stat

from pat_core import exportar, sistema
from pat_core.exportar import SalidaRechazada, escribir_archivo


@pytest.fixture
def datos(tmp_path: Path) -> Path:
    carpeta = tmp_path / "datos"
    (carpeta / "comite").mkdir(parents=True)
    (carpeta / "pat_2020.xlsx").write_bytes(b"el plan")
    return carpeta


@pytest.fixture
def afuera(tmp_path: Path) -> Path:
    carpeta = tmp_path / "afuera"
    carpeta.mkdir()
    return carpeta


def contenido_de(carpeta: Path) -> dict[str, bytes]:
    return {str(r.relative_to(carpeta)): r.read_bytes() if r.is_file() else b"<carpeta>"
            for r in sorted(carpeta.rglob("*"))}


def rechaza(ruta: Path, datos: Path, dice: str, **opciones) -> str:
    with pytest.raises(SalidaRechazada) as rechazo:
        escribir_archivo(ruta, b"nuevo", datos, **opciones)
    assert dice in str(rechazo.value)
    return str(rechazo.value)


def export_xlsx() -> bytes:
    return exportar.xlsx_bytes(pd.DataFrame({"Clave": ["1.1"]}), ["Clave"], "Hoja")


def test_escribe_y_no_deja_temporales(datos, afuera):
    destino = afuera / "actividades.csv"
    assert escribir_archivo(destino, b"a,b\r\n", datos) == destino
    assert destino.read_bytes() == b"a,b\r\n"
    escribir_archivo(destino, b"otra vez", datos)
    assert destino.read_bytes() == b"otra vez"
    assert [p.name for p in afuera.iterdir()] == ["actividades.csv"]


def test_un_archivo_privado_sigue_privado(datos, afuera):
    """`chmod 600 priv.csv; actividades --salida priv.csv` left it 644 (readable by all)."""
    privado = afuera / "priv.csv"
    privado.write_bytes(b"antes")
    privado.chmod(0o600)
    escribir_archivo(privado, b"despues", datos)
    assert (privado.read_bytes(), stat.S_IMODE(privado.stat().st_mode)) == (b"despues", 0o600)


def test_un_archivo_nuevo_sigue_la_umask(datos, afuera):
    anterior = os.umask(0o027)
    try:
        escribir_archivo(afuera / "nuevo.csv", b"x", datos)
    finally:
        os.umask(anterior)
    assert stat.S_IMODE((afuera / "nuevo.csv").stat().st_mode) == 0o640


def test_enlace_a_un_libro_no_se_sigue(datos, afuera):
    enlace = afuera / "reporte.csv"
    enlace.symlink_to(datos / "pat_2020.xlsx")
    mensaje = rechaza(enlace, datos, "es un enlace simbólico")
    assert "no se escribe" in mensaje and "Indique" in mensaje
    assert (datos / "pat_2020.xlsx").read_bytes() == b"el plan"
    assert enlace.is_symlink()


def test_enlace_roto_o_a_otro_archivo_tampoco(datos, afuera):
    (afuera / "roto.csv").symlink_to(afuera / "no-existe.csv")
    rechaza(afuera / "roto.csv", datos, "enlace simbólico")
    assert not (afuera / "no-existe.csv").exists()
    (afuera / "mio.txt").write_bytes(b"mio")
    (afuera / "a-mio.csv").symlink_to(afuera / "mio.txt")
    rechaza(afuera / "a-mio.csv", datos, "enlace simbólico")
    assert (afuera / "mio.txt").read_bytes() == b"mio"


@pytest.mark.parametrize("relativa", ["x.csv", "comite/x.csv", "comite/../x.csv",
                                      "../datos/x.csv", "comite", "."])
def test_nada_dentro_de_la_carpeta_de_datos(datos, relativa):
    antes = contenido_de(datos)
    rechaza(Path(str(datos) + "/" + relativa), datos, "dentro de la carpeta de datos")
    assert contenido_de(datos) == antes


def test_carpeta_enlazada_dentro_de_datos(datos, afuera):
    """A link to a folder inside the data folder is followed to where it leads: refused."""
    (afuera / "atajo").symlink_to(datos / "comite")
    rechaza(afuera / "atajo" / "x.csv", datos, "dentro de la carpeta de datos")
    (afuera / "todo").symlink_to(datos)
    rechaza(afuera / "todo" / "x.csv", datos, "dentro de la carpeta de datos")
    assert list((datos / "comite").iterdir()) == []


def test_datos_enlazada_se_reconoce(tmp_path, datos):
    """The data folder given through a link is still the data folder."""
    (tmp_path / "enlace-datos").symlink_to(datos)
    rechaza(datos / "x.csv", tmp_path / "enlace-datos", "dentro de la carpeta de datos")


def test_fifo_no_se_abre(datos, afuera):
    os.mkfifo(afuera / "tubo.csv")  # opening it to write would wait forever for a reader
    rechaza(afuera / "tubo.csv", datos, "tubería con nombre (FIFO)")


@pytest.mark.parametrize("ruta, clase", [("/dev/null", "un dispositivo"), ("/tmp", "una carpeta")])
def test_ni_dispositivos_ni_carpetas(ruta, clase, datos):
    rechaza(Path(ruta), datos, f"es {clase}, no un archivo común")


@pytest.mark.parametrize("nombre", ["notas.xls", "plan.xlsm", "plan.XLSB", "plan.ods",
                                    "pat_2021.xlsx", "EVIDENCIAS_2020.XLSX", "Pat_2020.xlsx"])
def test_libros_nunca_aunque_no_existan(datos, afuera, nombre):
    rechaza(afuera / nombre, datos, "es el nombre de un libro del comité")
    assert list(afuera.iterdir()) == []


def test_xlsx_nuevo_se_escribe(datos, afuera):
    escribir_archivo(afuera / "actividades.xlsx", export_xlsx(), datos)
    assert load_workbook(afuera / "actividades.xlsx").active["A2"].value == "1.1"


def test_xlsx_exportado_antes_se_reemplaza(datos, afuera):
    escribir_archivo(afuera / "actividades.xlsx", export_xlsx(), datos)
    otro = exportar.xlsx_bytes(pd.DataFrame({"Clave": ["2.1"]}), ["Clave"], "Hoja")
    escribir_archivo(afuera / "actividades.xlsx", otro, datos)
    assert (afuera / "actividades.xlsx").read_bytes() == otro


def test_xlsx_ajeno_no_se_reemplaza(datos, afuera):
    libro = Workbook()
    libro.active["A1"] = "del comité"
    libro.save(afuera / "seguimiento.xlsx")
    antes = (afuera / "seguimiento.xlsx").read_bytes()
    rechaza(afuera / "seguimiento.xlsx", datos, "ya existe y no es una exportación del tablero")
    assert (afuera / "seguimiento.xlsx").read_bytes() == antes


def test_xlsx_exportado_y_luego_editado_no_se_reemplaza(datos, afuera):
    """Saved again in a spreadsheet program (here openpyxl, which, as Excel and LibreOffice,
    dates the save): it holds someone's work now."""
    escribir_archivo(afuera / "actividades.xlsx", export_xlsx(), datos)
    libro = load_workbook(afuera / "actividades.xlsx")
    libro.active["B2"] = "nota de la sesión"
    libro.save(afuera / "actividades.xlsx")
    rechaza(afuera / "actividades.xlsx", datos, "no es una exportación del tablero")


def test_xlsx_que_no_es_un_zip_no_se_reemplaza(datos, afuera):
    (afuera / "raro.xlsx").write_bytes(b"no soy un libro")
    rechaza(afuera / "raro.xlsx", datos, "no es una exportación del tablero")
    assert (afuera / "raro.xlsx").read_bytes() == b"no soy un libro"


@pytest.mark.parametrize("falla", [OSError(errno.ENOSPC, "No space left on device"),
                                   KeyboardInterrupt()])
def test_una_escritura_fallida_no_deja_nada_a_medias(datos, afuera, monkeypatch, falla):
    destino = afuera / "actividades.csv"
    destino.write_bytes(b"la de ayer")

    def sin_espacio(_descriptor):
        raise falla

    monkeypatch.setattr(exportar.os, "fsync", sin_espacio)
    with pytest.raises(type(falla)):
        escribir_archivo(destino, b"x" * 100_000, datos)
    assert destino.read_bytes() == b"la de ayer"
    assert [p.name for p in afuera.iterdir()] == ["actividades.csv"]


def test_libro_nuevo_donde_no_hay_nada(afuera):
    escribir_archivo(afuera / "pat_2025.xlsx", b"libro", None, libro_nuevo=True)
    assert (afuera / "pat_2025.xlsx").read_bytes() == b"libro"
    rechaza(afuera / "pat_2025.xlsx", None, "ya existe", libro_nuevo=True)
    assert (afuera / "pat_2025.xlsx").read_bytes() == b"libro"


def test_libro_nuevo_no_sigue_un_enlace_roto(afuera, tmp_path):
    (afuera / "pat_2025.xlsx").symlink_to(tmp_path / "otro-lugar.xlsx")
    rechaza(afuera / "pat_2025.xlsx", None, "enlace simbólico", libro_nuevo=True)
    assert not (tmp_path / "otro-lugar.xlsx").exists()


@pytest.mark.parametrize("numero, dice", [
    (errno.ENOSPC, "no queda espacio en el disco"), (errno.EACCES, "no se tiene permiso"),
    (errno.EROFS, "solo lectura"), (errno.ELOOP, "enlace simbólico que forma un ciclo"),
    (errno.EBUSY, "otro programa lo está usando"), (errno.EXDEV, "error del sistema EXDEV"),
])
def test_motivo_del_sistema_en_espanol(numero, dice):
    assert dice in sistema.motivo(OSError(numero, os.strerror(numero)))


def test_ningun_motivo_del_sistema_en_ingles():
    """Every errno is said in Spanish: its own wording, or its code; never strerror."""
    for numero in errno.errorcode:
        motivo = sistema.motivo(OSError(numero, os.strerror(numero)))
        assert os.strerror(numero) not in motivo, numero


@pytest.mark.parametrize("modo, clase", [
    (stat.S_IFDIR, "una carpeta"), (stat.S_IFIFO, "una tubería con nombre (FIFO)"),
    (stat.S_IFCHR, "un dispositivo"), (stat.S_IFBLK, "un dispositivo"), (stat.S_IFSOCK, "un socket"),
])
def test_clase_de_archivo(modo, clase):
    assert sistema.clase_de_archivo(modo) == clase
