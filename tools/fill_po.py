"""Fill German .po files from a translation table and report what is still missing.

Usage: python tools/fill_po.py tools/translations_foundation.py src/ikonnekt/core [...]
"""

import importlib.util
import sys
from pathlib import Path

import polib


def main(table_path, *app_dirs):
    spec = importlib.util.spec_from_file_location("table", table_path)
    table = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(table)
    missing = 0
    for app_dir in app_dirs:
        po_path = Path(app_dir) / "locale" / "de" / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.msgid_plural:
                value = table.DE.get((entry.msgid, entry.msgid_plural))
                if value:
                    entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                value = table.DE.get(entry.msgid)
                if value:
                    entry.msgstr = value
            if "fuzzy" in entry.flags and value:
                entry.flags.remove("fuzzy")
            if not entry.translated():
                missing += 1
                print(f"missing in {po_path}: {entry.msgid!r}")
        po.metadata["Language"] = "de"
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        po.save()
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
    return missing


if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
