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


def _user_relations():
    """``(key, model, field)`` of every relation that points at the user model."""
    user_model = get_user_model()
    for rel in user_model._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        model, field = rel.related_model, rel.field
        if model._meta.auto_created:  # the through tables of user groups and permissions
            continue
        yield _section_key(model, field), model, field


def _title(model, field) -> str:
    return f"{model._meta.verbose_name_plural} ({field.verbose_name})"


def _relation_sections(user):
    """``(key, title, queryset, summary)`` of every relation that points at the user model."""
    for key, model, field in _user_relations():
        yield (
            key,
            _title(model, field),
            model._base_manager.filter(**{field.name: user}),
            field.name.endswith(SUMMARY_FIELD_SUFFIX),
        )


def _order_lines(user):
    from ikonnekt.market.models import OrderLine

    return OrderLine.objects.filter(order__customer=user)


def _login_logs(user):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    names = [n for n in (user.username, user.email) if n]
    return [
        (model, model.objects.filter(username__in=names))
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    ]


def user_data(user) -> dict:
    """``{"account": {...}, "<app>.<model>.<field>": {"title":…, "rows": [...]}, ...}``."""
    account = row_of(user)
    result = {"account": account, "sections": {}}
    for key, title, queryset, summary in _relation_sections(user):
        queryset = queryset.select_related(*_related_paths(queryset.model)).order_by("pk")
        rows = [_summary_of(obj) if summary else row_of(obj) for obj in queryset.iterator(chunk_size=500)]
        if rows:
            result["sections"][key] = {"title": title, "rows": rows}
    _add_order_lines(user, result)
    _add_login_log(user, result)
    return result


_COUNT_SQL: dict = {}  # connection vendor -> the relations' COUNT subqueries (fixed by the schema)


def _relation_count_sql(connection) -> list[tuple]:
    if connection.vendor not in _COUNT_SQL:
        quote = connection.ops.quote_name
        template = "(SELECT COUNT(*) FROM {} WHERE {} = %s)"  # quoted names from the schema only
        _COUNT_SQL[connection.vendor] = [
            (model, field, template.format(quote(model._meta.db_table), quote(field.column)))
            for _key, model, field in _user_relations()
        ]
    return _COUNT_SQL[connection.vendor]


def section_counts(user) -> list[tuple[str, int]]:
    """``[(title, number of rows)]`` of the export's non-empty sections, in its order, counted in
    one query (a scalar ``COUNT(*)`` subquery per section) instead of loading every row: the
    "My data" page shows only these numbers. The relations' subqueries depend only on the
    schema and are built once per database vendor."""
    from django.db import connection

    from ikonnekt.market.models import OrderLine

    titles, selects, params = [], [], []
    for model, field, sql in _relation_count_sql(connection):
        titles.append(_title(model, field))
        selects.append(sql)
        params.append(user.pk)
    others = [(str(OrderLine._meta.verbose_name_plural), _order_lines(user))]
    others += [(str(model._meta.verbose_name_plural), qs) for model, qs in _login_logs(user)]
    for title, queryset in others:
        sql, sql_params = queryset.order_by().values("pk").query.sql_with_params()
        titles.append(title)
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608 (the ORM's SQL, parameters apart)
        params.extend(sql_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        counts = cursor.fetchone()
    return [(title, count) for title, count in zip(titles, counts, strict=True) if count]


def _add_order_lines(user, result):
    from ikonnekt.market.models import OrderLine

    lines = [
        row_of(line)
        for line in _order_lines(user).select_related(*_related_paths(OrderLine)).order_by("order_id", "pk")
    ]
    if lines:
        result["sections"]["market.orderline.order"] = {
            "title": str(OrderLine._meta.verbose_name_plural),
            "rows": lines,
        }


def _add_login_log(user, result):
    for model, queryset in _login_logs(user):
        rows = [
            {k: v for k, v in row_of(obj).items() if k not in ("get_data", "post_data", "http_accept")}
            for obj in queryset.order_by("pk")
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
