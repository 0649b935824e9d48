"""Audit changes are shown with field labels and readable values, never column names or None."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from ikonnekt.core.audit_display import readable_changes
from ikonnekt.core.models import AuditLog
from ikonnekt.documents.models import Document

pytestmark = pytest.mark.django_db


def row(changes, model=Document):
    return AuditLog(content_type=ContentType.objects.get_for_model(model), changes=changes)


def test_model_fields_read_as_labels_and_values():
    with translation.override("de"):
        shown = dict(
            readable_changes(
                row(
                    {
                        "legal_hold": [False, True],
                        "document_date": [None, "2026-03-01"],
                        "kind": ["other", "minutes"],
                        "shared_with": [[], [3]],
                        "version": 2,
                        "sha256": "ab12",
                    }
                )
            )
        )
    labels = {
        field.name: str(field.verbose_name)
        for field in Document._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    legal_hold = labels["legal_hold"][0].upper() + labels["legal_hold"][1:]
    assert shown[legal_hold] == "nein → ja"
    assert any(text == "– → 2026-03-01" for text in shown.values())
    assert any(text == "Sonstiges → Protokoll" for text in shown.values())
    assert shown["SHA-256"] == "ab12" and shown["Version"] == "2"
    assert not [label for label in shown if "_" in label]
    assert "None" not in " ".join(shown.values())


def test_rows_without_model_or_changes():
    assert readable_changes(AuditLog(changes={})) == []
    assert readable_changes(AuditLog(changes={"ip_hint": [None, "x"]})) == [("ip hint", "– → x")]
