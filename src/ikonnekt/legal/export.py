"""Access and portability (GDPR Art. 15 and 20): everything stored about one person, as JSON and CSV.

Completeness by construction: the export follows every relation that points at the user model,
also those of apps added later (``User._meta.get_fields(include_hidden=True)``). Rows the person
owns (orders, time records, comments …) are exported with all their fields; objects the person
only created or changed for an organisation (``created_by``, ``updated_by`` …) are listed by
title and date. The sign-in log (kept by user name) and the lines of the person's orders are added.
Secrets (password hash, token hashes) are never exported.
"""

import datetime
import decimal
import json
import uuid

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from ikonnekt.core import tabular

# Field names never exported: secrets and search internals.
SECRET_FIELDS = {"password", "key_hash", "token_hash", "search_vector", "session_key"}
MAX_TEXT = 20_000
SUMMARY_FIELD_SUFFIX = "_by"  # created_by, updated_by, uploaded_by: the person acted for others


def _plain(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} bytes>"
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + " …"
    return value


def row_of(obj) -> dict:
    """All concrete fields of ``obj``; foreign keys as their readable name."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            data[field.name] = str(getattr(obj, field.name)) if related_id is not None else None
        else:
            data[field.name] = _plain(field.value_from_object(obj))
    return data


def _related_paths(model, depth=2, prefix=""):
    """Foreign keys two levels deep: the readable names of related objects (whose ``__str__`` often
    names their own parent) come along in the same query, so the export's queries do not grow with
    its rows."""
    paths = []
    for f in model._meta.concrete_fields:
        if f.many_to_one or f.one_to_one:
            paths.append(prefix + f.name)
            if depth > 1:
                paths.extend(_related_paths(f.related_model, depth - 1, f"{prefix}{f.name}__"))
    return paths


def _summary_of(obj) -> dict:
    data = {"id": obj.pk, "object": str(obj)}
    for name in ("created_at", "updated_at", "timestamp"):
        if hasattr(obj, name):
            data[name] = _plain(getattr(obj, name))
    return data


def _section_key(model, field) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}.{field.name}"


def user_data(user) -> dict:
    """``{"account": {...}, "<app>.<model>.<field>": {"title":…, "rows": [...]}, ...}``."""
    user_model = get_user_model()
    account = row_of(user)
    result = {"account": account, "sections": {}}
    for rel in user_model._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        model, field = rel.related_model, rel.field
        if model._meta.auto_created:  # the through tables of user groups and permissions
            continue
        queryset = (
            model._base_manager.filter(**{field.name: user})
            .select_related(*_related_paths(model))
            .order_by("pk")
        )
        summary = field.name.endswith(SUMMARY_FIELD_SUFFIX)
        rows = [_summary_of(obj) if summary else row_of(obj) for obj in queryset.iterator(chunk_size=500)]
        if rows:
            result["sections"][_section_key(model, field)] = {
                "title": f"{model._meta.verbose_name_plural} ({field.verbose_name})",
                "rows": rows,
            }
    _add_order_lines(user, result)
    _add_login_log(user, result)
    return result


def _add_order_lines(user, result):
    from ikonnekt.market.models import OrderLine

    lines = [
        row_of(line)
        for line in OrderLine.objects.filter(order__customer=user)
        .select_related(*_related_paths(OrderLine))
        .order_by("order_id", "pk")
    ]
    if lines:
        result["sections"]["market.orderline.order"] = {
            "title": str(OrderLine._meta.verbose_name_plural),
            "rows": lines,
        }


def _add_login_log(user, result):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    names = [n for n in (user.username, user.email) if n]
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        rows = [
            {k: v for k, v in row_of(obj).items() if k not in ("get_data", "post_data", "http_accept")}
            for obj in model.objects.filter(username__in=names).order_by("pk")
        ]
        if rows:
            result["sections"][f"axes.{model._meta.model_name}"] = {
                "title": str(model._meta.verbose_name_plural),
                "rows": rows,
            }


def site_owner_data(owner) -> dict:
    return {
        "account": {**row_of(owner), "site_name": owner.site.name},
        "sections": {},
    }


def as_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def as_csv(data: dict) -> str:
    """One long table (section; record; field; value) that German Excel opens (semicolons, BOM),
    written by the platform's export writer (``core.tabular``: formulas neutralised)."""
    rows = [["section", "record", "field", "value"]]
    rows += [["account", 1, field, value] for field, value in data["account"].items()]
    for key, section in data["sections"].items():
        for index, row in enumerate(section["rows"], start=1):
            rows += [[key, index, field, value] for field, value in row.items()]
    return tabular.csv_text(rows, language="de")
