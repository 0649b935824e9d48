"""German first: every marked string has a German translation, and every app's catalogue
is up to date with its code (no string marked in code but missing from the .po)."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "ikonnekt"
APPS = sorted(p.parent.parent.parent.parent.name for p in SRC.glob("*/locale/de/LC_MESSAGES/django.po"))


def test_foundation_apps_have_german_catalogues():
    assert {"core", "accounts", "organizations", "cooperations"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_every_string_is_translated(app):
    po = polib.pofile(str(SRC / app / "locale/de/LC_MESSAGES/django.po"))
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert not untranslated, (
        f"{app}: {len(untranslated)} strings without German translation: {untranslated[:10]}"
    )
    mo = SRC / app / "locale/de/LC_MESSAGES/django.mo"
    assert (
        mo.exists()
        and mo.stat().st_mtime >= (SRC / app / "locale/de/LC_MESSAGES/django.po").stat().st_mtime - 5
    )


@pytest.mark.skipif(
    not shutil.which("xgettext"), reason="GNU gettext (xgettext) is not installed: apt-get install gettext"
)
@pytest.mark.parametrize("app", APPS)
def test_catalogue_contains_every_marked_string(app, tmp_path):
    copy = tmp_path / app
    shutil.copytree(SRC / app, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "migrations"))
    env = {
        "PYTHONPATH": str(SRC.parent),
        "DJANGO_SETTINGS_MODULE": "ikonnekt.settings",
        "PATH": "/usr/bin:/bin",
        "IKONNEKT_DATA_DIR": str(tmp_path / "var"),
    }
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "de", "-v", "0"],
        cwd=copy,
        env=env,
        check=True,
        timeout=120,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/de/LC_MESSAGES/django.po")) if not e.obsolete}
    committed = {
        e.msgid for e in polib.pofile(str(SRC / app / "locale/de/LC_MESSAGES/django.po")) if not e.obsolete
    }
    missing = sorted(fresh - committed)
    assert not missing, f"{app}: run makemessages and translate: {missing[:10]}"


# Words translated differently by two apps. Django merges the catalogues, so only one of the
# translations is ever shown, in every app. Listed here: differences of style that read right in
# either place (Schlagwörter/Schlagworte, Summe/Gesamt). A word whose meaning differs between
# apps needs a context instead (pgettext: the DMS's "file" is an Akte, elsewhere a Datei).
KNOWN_STYLE_VARIANTS = {
    "Answer", "Area assessment", "Basis", "Clear", "Code", "Comment", "Cooperation", "Figure", "Import",
    "Inhabitants", "Joint planning", "Note", "Only the owner's administrators or the creator may delete this.",
    "Owner", "Period", "Search", "Start", "Summary", "Tags", "Total", "Type",
    "You may read this, but not change it.", "You need the editor role in an organisation to create this.",
    "code", "in progress", "inhabitants", "location", "message", "n/a", "note", "open", "other",
    "owner organisation", "parent", "period", "postcode", "queued", "size (bytes)", "stock", "summary", "tags",
    "topic", "type",
}  # fmt: skip


def test_no_new_word_is_translated_differently_by_two_apps():
    translations = {}
    for app in APPS:
        for entry in polib.pofile(str(SRC / app / "locale/de/LC_MESSAGES/django.po")):
            if entry.obsolete or not entry.msgid or not entry.msgstr:
                continue
            translations.setdefault((entry.msgctxt or "", entry.msgid), {})[app] = entry.msgstr
    conflicts = {
        key: apps
        for key, apps in translations.items()
        if len(set(apps.values())) > 1 and not (key[0] == "" and key[1] in KNOWN_STYLE_VARIANTS)
    }
    assert not conflicts, f"give these a context (pgettext) or one translation: {conflicts}"
