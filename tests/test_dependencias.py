"""pyproject.toml names the dependencies as ranges; requirements.txt pins what make installs.
These tests keep the two in step."""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

RAIZ = Path(__file__).resolve().parent.parent


def _fijadas() -> dict[str, str]:
    lineas = (RAIZ / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pares = (linea.split("==") for linea in lineas if linea and not linea.startswith("#"))
    return {canonicalize_name(nombre): version for nombre, version in pares}


def test_cada_dependencia_esta_fijada_dentro_de_su_rango():
    proyecto = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    directas = proyecto["project"]["dependencies"] + [
        r for grupo in proyecto["dependency-groups"].values() for r in grupo]
    fijadas = _fijadas()
    for requisito in map(Requirement, directas):
        version = fijadas.get(canonicalize_name(requisito.name))
        assert version is not None, f"{requisito.name} no está en requirements.txt"
        assert requisito.specifier.contains(version), f"{requisito.name}=={version} ∉ {requisito}"
