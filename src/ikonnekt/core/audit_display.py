"""Audit changes as people read them: field labels instead of column names, "–" for empty,
Ja/Nein, choice labels, "before → after". Used by the audit log and history tabs."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import pgettext, pgettext_lazy

# Keys that action functions write besides model fields. A context keeps these short words
# apart from the same words elsewhere (in the DMS "file" is an Akte, here an uploaded file).
EXTRA_LABELS = {
    "version": pgettext_lazy("audit change", "version"),
    "sha256": "SHA-256",
    "file": pgettext_lazy("audit change", "uploaded file"),
    "comment": pgettext_lazy("audit change", "comment"),
    "document_linked": pgettext_lazy("audit change", "document attached"),
    "document_unlinked": pgettext_lazy("audit change", "document removed"),
    "what": pgettext_lazy("audit change", "what"),
}
MAX_VALUE_CHARS = 80


def _field(model, key):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _value(field, value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return pgettext("audit change", "yes") if value else pgettext("audit change", "no")
    if isinstance(value, list):
        return ", ".join(_value(None, v) for v in value)
    if field is not None and getattr(field, "choices", None):
        value = dict((str(k), v) for k, v in field.flatchoices).get(str(value), value)
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def readable_changes(row) -> list[tuple[str, str]]:
    """``[(label, text)]`` of an audit row's changes; a change ``[before, after]`` reads
    "before → after"."""
    if not isinstance(row.changes, dict):
        return []
    # through the content-type cache: one query per type and process, not per history row
    model = ContentType.objects.get_for_id(row.content_type_id).model_class() if row.content_type_id else None
    out = []
    for key, value in row.changes.items():
        field = _field(model, key)
        if field is not None and getattr(field, "verbose_name", None):
            label = capfirst(field.verbose_name)
        else:
            label = EXTRA_LABELS.get(key) or key.replace("_", " ")
        if isinstance(value, list) and len(value) == 2 and field is not None and not field.many_to_many:
            text = f"{_value(field, value[0])} → {_value(field, value[1])}"
        elif isinstance(value, list) and len(value) == 2 and field is None and key not in EXTRA_LABELS:
            text = f"{_value(None, value[0])} → {_value(None, value[1])}"
        else:
            text = _value(field, value)
        out.append((str(label), text))
    return out
