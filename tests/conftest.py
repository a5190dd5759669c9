import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
DATOS = RAIZ / "data"
# The on-disk read cache of every process the tests start (CLI, dashboard) goes to a folder
# of this run, never to the user's: the tests then also read through it, as users do.
os.environ["PAT_CACHE"] = tempfile.mkdtemp(prefix="pat-cache-pruebas-")


def _huellas(carpeta: Path) -> dict[str, str]:
    return {
        str(ruta.relative_to(carpeta)): hashlib.sha256(ruta.read_bytes()).hexdigest()
        for ruta in sorted(carpeta.rglob("*")) if ruta.is_file()
    }


@pytest.fixture(scope="session", autouse=True)
def datos_intactos():
    """The committee's record: no test, and so no code path, may change data/."""
    antes = _huellas(DATOS)
    yield
    assert _huellas(DATOS) == antes, "Algo escribió en data/: el producto nunca debe hacerlo."


@pytest.fixture(autouse=True)
def reintentos_sin_espera(monkeypatch):
    """Retries of a read keep their count; the pause between them is for real saves only."""
    from pat_core import lectura

    monkeypatch.setattr(lectura, "ESPERA_ENTRE_INTENTOS", 0)


@pytest.fixture
def datos_ejemplo() -> Path:
    return DATOS


@pytest.fixture
def copia_datos(tmp_path: Path) -> Path:
    destino = tmp_path / "datos"
    shutil.copytree(DATOS, destino)
    return destino
