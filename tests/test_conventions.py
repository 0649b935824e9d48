"""Make bypassing the rules a failing test (convention 3)."""

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "ikonnekt"
DIRECT_LOOKUP = re.compile(r"\b([A-Z][A-Za-z]+)\.objects\.(get|filter|all|exclude)\(")
SHAREABLE_NAMES = None


def shareable_model_names():
    """Names of classes that inherit a shared base (SharedObject / Shareable)."""
    names = set()
    for path in SRC.rglob("models*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & {"SharedObject", "Shareable"}:
                    names.add(node.name)
    for path in SRC.rglob("models/*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & {"SharedObject", "Shareable"}:
                    names.add(node.name)
    return names


def view_modules():
    for path in SRC.rglob("*.py"):
        if path.name in ("views.py", "api.py") or path.parent.name in ("views", "api"):
            yield path


def test_views_read_shared_objects_only_through_the_rule():
    names = shareable_model_names()
    offences = []
    for path in view_modules():
        for lineno, line in enumerate(path.read_text().splitlines(), start=1):
            if "noqa: sharing" in line:
                continue
            for match in DIRECT_LOOKUP.finditer(line):
                if match.group(1) in names:
                    offences.append(f"{path.relative_to(SRC)}:{lineno}: {line.strip()}")
            if "get_object_or_404(" in line and any(f"get_object_or_404({n}" in line for n in names):
                offences.append(f"{path.relative_to(SRC)}:{lineno}: {line.strip()}")
    assert not offences, (
        "Views and API modules must read shared objects through Model.objects.visible_to(user), "
        "get_visible_or_404(...) or get_editable_or_404(...), not direct lookups:\n" + "\n".join(offences)
    )


def test_no_fstrings_or_format_inside_gettext():
    offences = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
                "_",
                "gettext",
                "gettext_lazy",
            ):
                if node.args and isinstance(node.args[0], ast.JoinedStr):
                    offences.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not offences, (
        "Use _('… %(name)s …') % {...} instead of f-strings inside gettext (translators never see "
        "f-string contents):\n" + "\n".join(offences)
    )


def test_every_shared_model_is_in_the_permission_matrix():
    from tests.factories import FACTORIES

    declared = {m.__name__ for m in FACTORIES}
    missing = sorted(shareable_model_names() - declared)
    assert not missing, (
        "Every shared model needs a factory in tests/<app>/factories.py and a permission_matrix(...) "
        f"test: {missing}"
    )
