"""What the modules do inside one cooperation, shown on the cooperation's page.

Registry by file name (like ``dashboard.py`` and ``feeds.py``): an app adds a module
``cooperation_sections.py`` with ``sections(request, cooperation) -> list[dict]``; each dict is made
with :func:`object_section` so that every module's section looks and behaves the same. Every
queryset handed in must already apply the visibility rule (``Model.objects.visible_to(user)``).
"""

from ikonnekt.core.registry import app_modules

LIMIT = 8  # rows per group; a link leads to the module's full page


def object_group(label, queryset, describe=None, limit=LIMIT):
    """One labelled list of objects (at most ``limit``; ``more`` says whether others exist)."""
    rows = list(queryset[: limit + 1])
    return {
        "label": label,
        "items": [{"object": obj, "meta": describe(obj) if describe else ""} for obj in rows[:limit]],
        "more": len(rows) > limit,
    }


def object_section(title, groups, more_url=None, more_label=None):
    """A section of non-empty groups, or ``None`` when the module has nothing in this cooperation."""
    groups = [group for group in groups if group["items"]]
    if not groups:
        return None
    return {
        "title": title,
        "template": "cooperations/_section_objects.html",
        "groups": groups,
        "more_url": more_url,
        "more_label": more_label,
    }


def sections(request, cooperation) -> list[dict]:
    """Every module's sections for the page, in app order, empty ones left out."""
    found = []
    for _label, module in app_modules("cooperation_sections"):
        found.extend(section for section in module.sections(request, cooperation) if section)
    return found
