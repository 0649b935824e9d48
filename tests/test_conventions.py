"""Make bypassing the rules a failing test (convention 3)."""

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "ikonnekt"
DIRECT_LOOKUP = re.compile(
    r"\b([A-Z][A-Za-z]+)\.objects\.(get|filter|all|exclude|get_or_create|first|last)\("
)


def _module_name(path: Path) -> str:
    relative = path.relative_to(SRC.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def shareable_models() -> set[tuple[str, str]]:
    """(module, class name) of every class that inherits a shared base (SharedObject / Shareable)."""
    found = set()
    for path in list(SRC.rglob("models.py")) + list(SRC.rglob("models/*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & {"SharedObject", "Shareable"}:
                    found.add((_module_name(path), node.name))
    # models packages re-export their classes
    for module, name in list(found):
        if module.endswith(".models") is False and ".models." in module:
            found.add((module.rsplit(".", 1)[0], name))
    return found


def shareable_model_names():
    return {name for _module, name in shareable_models()}


def _imported_shareables(path: Path, tree, shared) -> set[str]:
    """Names bound in this file to shared models (by their import)."""
    package = _module_name(path).rsplit(".", 1)[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                if node.level > 1:
                    base = base[: -(node.level - 1)]
                module = ".".join(base + ([module] if module else []))
            for alias in node.names:
                if (module, alias.name) in shared:
                    names.add(alias.asname or alias.name)
    return names


def view_modules():
    for path in SRC.rglob("*.py"):
        if path.name in ("views.py", "api.py") or path.parent.name in ("views", "api"):
            yield path


def test_views_read_shared_objects_only_through_the_rule():
    shared = shareable_models()
    offences = []
    for path in view_modules():
        text = path.read_text()
        names = _imported_shareables(path, ast.parse(text), shared)
        for lineno, line in enumerate(text.splitlines(), start=1):
            if "noqa: sharing" in line:
                continue
            for match in DIRECT_LOOKUP.finditer(line):
                if match.group(1) in names:
                    offences.append(f"{path.relative_to(SRC)}:{lineno}: {line.strip()}")
            if "get_object_or_404(" in line and any(f"get_object_or_404({n}" in line for n in names):
                offences.append(f"{path.relative_to(SRC)}:{lineno}: {line.strip()}")
    assert not offences, (
        "Views and API modules must read shared objects through Model.objects.visible_to(user), "
        "get_visible_or_404(...) or get_editable_or_404(...), not direct lookups (mark a reviewed "
        "exception with '# noqa: sharing' and say why):\n" + "\n".join(offences)
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


def test_charts_and_maps_use_the_shared_tags():
    """Every chart and map gets its name and text alternative from ``{% chart %}`` /
    ``{% map_with_list %}`` (WCAG 1.1.1); hand-written ``data-echarts``/``data-map`` markup skips them."""
    allowed = {Path("core/templates/core/_chart.html"), Path("core/templates/core/_map.html")}
    offences = []
    for path in SRC.rglob("templates/**/*.html"):
        if path.relative_to(SRC) in allowed:
            continue
        text = path.read_text()
        for marker in ("data-echarts=", "data-map="):
            if marker in text:
                offences.append(f"{path.relative_to(SRC)}: {marker}")
    assert not offences, (
        "Use {% chart options 'json-id' _('Name') %} or {% map_with_list cfg 'json-id' _('Name') %} "
        "(library ikonnekt) instead of hand-written chart/map markup:\n" + "\n".join(offences)
    )


FIELD_ERRORS_PRINTED = re.compile(r"\{\{\s*[\w.]*errors\s*(\||\}\})")


def test_form_errors_are_rendered_with_the_ids_fields_point_to():
    """Django's widgets say ``aria-describedby="id_X_error"``; a custom layout that prints
    ``{{ field.errors }}`` renders the text without that id (WCAG 1.3.1, 3.3.1) and shows no summary."""
    offences = []
    for path in SRC.rglob("templates/**/*.html"):
        if "core/forms" in path.as_posix():
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if FIELD_ERRORS_PRINTED.search(line):
                offences.append(f"{path.relative_to(SRC)}:{number}")
    assert not offences, (
        'Use {% include "core/forms/_field_errors.html" with field=… %} and the error summary '
        "(core/forms/_error_summary.html or _formset_error_summary.html):\n" + "\n".join(offences)
    )
