"""What the modules do inside one cooperation, shown on the cooperation's page.

Registry by file name (like ``dashboard.py`` and ``feeds.py``): an app adds a module
``cooperation_sections.py`` with ``sections(request, cooperation) -> list[dict]``; each dict is made
with :func:`object_section` from groups made with :func:`object_group`, so that every module's
section looks and behaves the same. The registry reads the rows itself, always through the
visibility rule (``Model.objects.visible_to(user)``) and filtered on the cooperation.

The groups stay lazy until :func:`sections` reads them: one plain query first asks which kinds of
objects exist in the cooperation at all (no visibility rule needed for that, nothing of it is shown),
and only the groups that have rows run their (visible, few-column) query.
"""

from functools import cache

from django.db import connection

from ikonnekt.core.links import row_url
from ikonnekt.core.registry import app_modules

LIMIT = 8  # rows per group; a link leads to the module's full page
TEMPLATE = "cooperations/_section_objects.html"


def object_group(
    label, model, url, *, order_by, fields=("title",), text=None, describe=None, via="cooperation"
):
    """One labelled list of at most ``LIMIT`` links to the visible objects of ``model`` in the
    cooperation, in the order ``order_by``.

    ``url``: the name of the objects' detail page (one ``pk`` argument); ``fields``: the columns
    read (``values()``; the first is the link text unless ``text(row)`` says otherwise);
    ``describe(row)``: the grey note after the link; ``via``: the foreign key or many-to-many
    field that ties the objects to the cooperation."""
    return {
        "label": label,
        "model": model,
        "order_by": order_by,
        "url": url,
        "fields": fields,
        "text": text,
        "describe": describe,
        "via": via,
    }


def object_section(title, groups, more_url=None, more_label=None):
    """A section of groups; the groups without rows are left out (and so is a section without any)."""
    return {
        "title": title,
        "template": TEMPLATE,
        "groups": groups,
        "more_url": more_url,
        "more_label": more_label,
    }


def choice_labels(model, field) -> dict:
    """``{value: label}`` of a field's choices (what ``get_<field>_display`` shows)."""
    return dict(model._meta.get_field(field).flatchoices)


@cache
def _exists_sql(model, via) -> str:
    """``EXISTS (SELECT 1 FROM <table> WHERE <cooperation column> = %s)`` for ``model.via``."""
    field = model._meta.get_field(via)
    quote = connection.ops.quote_name
    if field.many_to_many:
        through = field.remote_field.through._meta
        table, column = through.db_table, through.get_field(field.m2m_reverse_field_name()).column
    else:
        table, column = model._meta.db_table, field.column
    return f"EXISTS (SELECT 1 FROM {quote(table)} WHERE {quote(column)} = %s)"  # noqa: S608 - names from the model


def _present(groups, cooperation) -> list[bool]:
    """For each group: whether its model has any row in ``cooperation`` (one query for all)."""
    if not groups:
        return []
    keys = list(dict.fromkeys((group["model"], group["via"]) for group in groups))
    sql = "SELECT " + ", ".join(_exists_sql(model, via) for model, via in keys)
    with connection.cursor() as cursor:
        # (noqa: sharing) existence only: nothing of these rows is shown; the shown rows are read
        # through visible_to in _read
        cursor.execute(sql, [cooperation.pk] * len(keys))
        found = dict(zip(keys, cursor.fetchone(), strict=True))
    return [bool(found[(group["model"], group["via"])]) for group in groups]


def _read(group, user, cooperation):
    fields, text, describe = group["fields"], group["text"], group["describe"]
    queryset = group["model"].objects.filter(**{group["via"]: cooperation}).visible_to(user)
    rows = list(queryset.order_by(*group["order_by"]).values("pk", *fields)[: LIMIT + 1])
    url = row_url(group["url"])
    items = [
        {
            "url": url(row["pk"]),
            "text": text(row) if text else row[fields[0]],
            "meta": describe(row) if describe else "",
        }
        for row in rows[:LIMIT]
    ]
    return {"label": group["label"], "items": items, "more": len(rows) > LIMIT}


def sections(request, cooperation) -> list[dict]:
    """Every module's sections for the page, in app order, empty groups and sections left out."""
    found = []
    for _label, module in app_modules("cooperation_sections"):
        found.extend(section for section in module.sections(request, cooperation) if section)
    groups = [group for section in found for group in section["groups"]]
    present = dict(zip(map(id, groups), _present(groups, cooperation), strict=True))
    result = []
    for section in found:
        read = [_read(group, request.user, cooperation) for group in section["groups"] if present[id(group)]]
        read = [group for group in read if group["items"]]
        if read:
            result.append({**section, "groups": read})
    return result
