"""pyproject.toml declares the licence as an SPDX expression (PEP 639), not the deprecated table."""

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_license_is_an_spdx_string_with_a_setuptools_that_understands_it():
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert data["project"]["license"] == "AGPL-3.0-or-later"
    assert not any("License ::" in c for c in data["project"].get("classifiers", []))
    (setuptools,) = [r for r in data["build-system"]["requires"] if r.startswith("setuptools")]
    lower = tuple(int(x) for x in re.search(r">=\s*([\d.]+)", setuptools).group(1).split("."))
    assert lower >= (77,)  # setuptools 77.0 is the first to accept PEP 639 licence strings
