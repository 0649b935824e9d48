"""The history tab's rows (documents.history): the same text per row as the template loop gave,
also where rows share a minute and where the active format shows seconds."""

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import dateformat, timezone, translation
from django.utils.formats import localize
from django.utils.html import conditional_escape

from ikonnekt.core.models import AuditLog
from ikonnekt.documents import history
from ikonnekt.documents.models import Document

UTC = dt.UTC
TIMES = [
    dt.datetime(2026, 3, 29, 0, 59, 59, 999, tzinfo=UTC),  # summer time starts at 01:00 UTC
    dt.datetime(2026, 3, 29, 1, 0, 1, tzinfo=UTC),
    dt.datetime(2026, 3, 29, 1, 0, 40, tzinfo=UTC),
    dt.datetime(2026, 10, 25, 0, 30, 5, tzinfo=UTC),  # 02:30 summer time
    dt.datetime(2026, 10, 25, 1, 30, 5, tzinfo=UTC),  # 02:30 winter time
    dt.datetime(2026, 12, 7, 17, 37, 2, tzinfo=UTC),
    dt.datetime(2026, 12, 7, 17, 37, 58, tzinfo=UTC),
]


def expected(value):
    return conditional_escape(localize(timezone.template_localtime(value)))


@pytest.mark.parametrize("language", ["de", "en"])
def test_localized_minutes_gives_the_template_text(language):
    with translation.override(language), timezone.override(ZoneInfo("Europe/Berlin")):
        text = history.localized_minutes()
        for value in TIMES + TIMES:
            assert text(value) == expected(value)


def test_a_format_with_seconds_is_not_memoised_by_minute(monkeypatch):
    fmt = "j. F Y H:i:s"
    monkeypatch.setattr(history, "get_format", lambda name: fmt)
    monkeypatch.setattr(history, "localize", lambda value: dateformat.format(value, fmt))
    with translation.override("de"), timezone.override(ZoneInfo("Europe/Berlin")):
        text = history.localized_minutes()
        for value in TIMES:
            assert text(value) == dateformat.format(timezone.localtime(value), fmt)
        assert text(TIMES[5]) != text(TIMES[6])  # same minute, other seconds


@pytest.mark.django_db
def test_history_rows_match_the_audit_rows():
    content_type = ContentType.objects.get_for_model(Document)
    for i, when in enumerate(TIMES):
        with mock.patch("django.utils.timezone.now", return_value=when):  # the field is auto_now_add
            AuditLog.objects.create(
                actor_name=f"<b>user {i % 2}</b>",
                action="update" if i % 3 == 0 else "view",
                content_type=content_type,
                object_id="1",
                changes={"title": ["a", "<b>"]} if i % 3 == 0 else {},
            )
    with translation.override("de"), timezone.override(ZoneInfo("Europe/Berlin")):
        html = history.history_rows(
            AuditLog.objects.filter(content_type=content_type, object_id="1").order_by("-timestamp")
        )
        rows = html.split("</tr>")[:-1]
        assert len(rows) == len(TIMES)
        for row, when in zip(rows, sorted(TIMES, reverse=True), strict=True):
            assert f'<td class="small">{expected(when)}</td>' in row
        assert "&lt;b&gt;user 0&lt;/b&gt;" in html and "<b>" not in html
        assert "Titel: a → &lt;b&gt;" in html
        assert html.count("angesehen") == 4
