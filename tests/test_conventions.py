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


# Models that refer to a shared object but are not children in the matrix, with the reason (reviewed).
NOT_SHARED_CHILDREN = {
    "cooperations.Participation": "the memberships the sharing rule itself is computed from",
    "administration.IdeaVote": "read only as counts on its idea card (a shared child)",
    "energy.DailyTemperature": "read only on its weather station's page, through the station",
    "energy.SelfCheckAnswer": "read only on its energy report's page, through the report",
    "market.Order": "a rule of its own: the customer and the hub's members (OrderQuerySet)",
    "market.OrderLine": "read only through its order",
    "planning.SiteOwner": "personal data, a rule of its own: members of the site's owner only",
}


def test_every_model_with_an_owner_or_a_shared_parent_is_in_the_matrix():
    """A model with an owner is a shared object (factory and permission_matrix, test above); a model
    below a shared object inherits ``core.sharing.SharedChild`` (one rule for reading, writing, the
    audit owner and the URL) and is then covered by the generated child matrix
    (tests/test_child_permission_matrix.py): a new child with a queryset, ``sharing_parent`` or
    parent of its own fails here."""
    from django.apps import apps

    from ikonnekt.core.sharing import ChildQuerySet, SharedChild, SharedObject
    from tests.sharing_matrix import shared_child_models

    shared = (SharedObject, SharedChild)
    offences = []
    for model in apps.get_models():
        label = model._meta.label
        if issubclass(model, SharedObject) or model._meta.auto_created:
            continue
        if issubclass(model, SharedChild):
            if not isinstance(model._default_manager.all(), ChildQuerySet):
                offences.append(f"{label}: objects = ChildQuerySet.as_manager()")
            path, root = model.shared_root()
            if not issubclass(root, SharedObject):
                offences.append(f"{label}: sharing_parent {path!r} does not lead to a shared object")
            continue
        if label in NOT_SHARED_CHILDREN:
            continue
        fields = model._meta.concrete_fields
        if any(f.name == "owner" for f in fields):
            offences.append(f"{label}: has an owner but is no SharedObject / Shareable")
        elif (
            getattr(model, "sharing_parent", None)
            or hasattr(model._default_manager.all(), "visible_to")
            or any(f.is_relation and not f.null and issubclass(f.related_model, shared) for f in fields)
        ):
            offences.append(f"{label}: inherit core.sharing.SharedChild and set sharing_parent")
    assert not offences, (
        "Objects below a shared object are written one way (docs/DEVELOPING.md, child objects); "
        "reviewed exceptions go into NOT_SHARED_CHILDREN with the reason:\n" + "\n".join(offences)
    )
    children = set(shared_child_models())
    assert children == {m for m in apps.get_models() if issubclass(m, SharedChild)}
    assert {"energy.Reading", "materials.FlowValue", "administration.AgendaItem"} <= {
        m._meta.label for m in children
    }


NON_LAZY = {"gettext", "ngettext", "pgettext", "npgettext"}


def _non_lazy_names(tree) -> set[str]:
    """Names this module binds to Django's non-lazy gettext functions (``_`` mostly)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            names |= {alias.asname or alias.name for alias in node.names if alias.name in NON_LAZY}
    return names


def _calls_in_class_body(cls):
    """Calls evaluated when the class is defined: not those inside methods or lambdas."""
    stack = [stmt for stmt in cls.body if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def test_no_non_lazy_gettext_in_class_bodies():
    offences = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text())
        names = _non_lazy_names(tree)
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for call in _calls_in_class_body(cls):
                func = call.func
                if (isinstance(func, ast.Name) and func.id in names) or (
                    isinstance(func, ast.Attribute)
                    and func.attr in NON_LAZY
                    and getattr(func.value, "id", "") == "translation"
                ):
                    offences.append(f"{path.relative_to(SRC)}:{call.lineno} in class {cls.name}")
    assert not offences, (
        "A class body runs once, at import: gettext there freezes the text in the language of the "
        "first request. Use gettext_lazy (e.g. title = gettext_lazy('New …')):\n" + "\n".join(offences)
    )


# Helpers that live once in core or reference (where) and were copied into apps before; an app that
# needs one imports it. Names of the old copies are listed too, so a copy under its old name is caught.
CORE_HELPERS = {
    "FormPageMixin": "core.formpages",
    "CancelUrlMixin": "core.formpages.FormPageMixin",
    "form_page": "core.formpages",
    "child_form_page": "core.formpages",
    "_child_form": "core.formpages.child_form_page / form_page",
    "_apply_errors": "core.forms.add_validation_error",
    "_errors_to_form": "core.forms.add_validation_error",
    "add_validation_error": "core.forms",
    "save_child": "core.actions",
    "delete_child": "core.actions",
    "add_child": "core.actions.save_child",
    "_require_edit": "core.sharing.ensure_can_edit",
    "_ensure_edit": "core.sharing.ensure_can_edit",
    "_parent_editable": "core.sharing.ensure_can_edit",
    "ensure_can_edit": "core.sharing",
    "_is_partial": "core.htmx.is_partial",
    "is_partial": "core.htmx",
    "haversine": "core.geo.haversine_km",
    "haversine_km": "core.geo",
    "validate_geojson": "core.geo",
    "SDG_TITLES": "reference.sdg",
    "SDG_COLOURS": "reference.sdg",
    "SDGS": "reference.sdg.GOALS",
    "download_response": "core.files",
    "_attachment": "core.files.download_response",
    "_download": "core.files.download_response",
}
HOMES = ("core", "reference")  # where shared helpers and reference data live


def test_no_app_keeps_its_own_copy_of_a_core_helper():
    offences = []
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).parts[0] in HOMES or "migrations" in path.parts:
            continue
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                defined = [node.name]
            elif isinstance(node, ast.Assign):  # an alias such as ``_errors_to_form = add_validation_error``
                defined = [t.id for t in node.targets if isinstance(t, ast.Name)]
            else:
                continue
            for name in defined:
                if name in CORE_HELPERS:
                    offences.append(f"{path.relative_to(SRC)}:{node.lineno}: {name} → {CORE_HELPERS[name]}")
    assert not offences, (
        "These helpers live once in core; import them instead of keeping a copy:\n" + "\n".join(offences)
    )


def test_charts_and_maps_use_the_shared_tags():
    """Every chart and map gets its name and text alternative from ``{% chart %}`` /
    ``{% map_with_list %}`` (WCAG 1.1.1); hand-written ``data-echarts``/``data-map`` markup skips them."""
    allowed = {Path("core/templates/core/_map.html")}  # charts: core/chart_html.py
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
