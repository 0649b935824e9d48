"""The German translation is complete and used for the user-facing messages."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ikonnekt.knowledge.uploads import safe_name
from ikonnekt.reference.sdg import sdg_title

PO = Path(__file__).resolve().parents[2] / "src/ikonnekt/knowledge/locale/de/LC_MESSAGES/django.po"


def test_every_message_has_a_german_translation():
    text = PO.read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n")[1:] if "msgid" in b]
    untranslated = [b for b in blocks if 'msgstr ""\n' in b + "\n" and 'msgstr ""\n"' not in b + "\n"]
    assert not untranslated, untranslated[:3]
    assert "#, fuzzy" not in text


def test_german_messages_are_shown():
    with translation.override("de"):
        assert str(sdg_title(12)) == "Nachhaltige/r Konsum und Produktion"
        with pytest.raises(ValidationError, match="Dateiname „.htaccess“ ist nicht erlaubt"):
            safe_name(".htaccess")
