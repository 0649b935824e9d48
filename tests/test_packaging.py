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


def test_licence_files_exist_and_the_root_licence_is_the_declared_one():
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    root = PYPROJECT.parent
    for name in data["project"]["license-files"]:
        assert (root / name).is_file(), name
    text = (root / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("GNU AFFERO GENERAL PUBLIC LICENSE\n")
    assert "Version 3, 19 November 2007" in text
    assert "13. Remote Network Interaction; Use with the GNU General Public License." in text
    assert "END OF TERMS AND CONDITIONS" in text
