"""Finds numbers in English format and raw choice codes in the visible text of a German page.

German: 1.234.567 and 1.234,56 and 4,60 € and 3,5 kWh; ``0,064`` is a valid German decimal.
English (flagged): ``1,234,567``, ``1,234.56``, and a decimal point before a unit or currency
(``4.60 €``, ``3.5 kWh``). A raw choice code is a table cell, definition or badge whose whole text
is the stored code of a choice whose label differs, as stored or upper-cased ("HI" instead of
"Heizwert Hi").
"""

import re
from html.parser import HTMLParser

UNITS = r"(?:€|EUR|kWh|MWh|GWh|kW|MW|t|kg|%|m²|m³|m|km|km²|ha|h|Std\.|a|l|CO2e?|tCO2e?|Einw\.)"
ENGLISH = [
    (re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d])"), "thousands commas"),
    (re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d])"), "English thousands and decimal point"),
    (
        re.compile(r"(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})\s?" + UNITS + r"(?![\wäöü])"),
        "decimal point before a unit",
    ),
]


class _Text(HTMLParser):
    CELL_TAGS = {"td", "dd", "span"}

    def __init__(self):
        super().__init__()
        self.skip = 0
        self.parts = []
        self.stack = []
        self.cells = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "textarea", "option", "select"):
            self.skip += 1
        self.stack.append([tag, []])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "textarea", "option", "select"):
            self.skip = max(0, self.skip - 1)
        while self.stack:
            t, texts = self.stack.pop()
            if t in self.CELL_TAGS:
                self.cells.append("".join(texts).strip())
            if self.stack:
                self.stack[-1][1].extend(texts)
            if t == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        self.parts.append(data)
        if self.stack:
            self.stack[-1][1].append(data)


def visible_text(html: str):
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split()), parser.cells


def raw_codes() -> set[str]:
    """Stored choice values whose German and English labels both differ from the value."""
    from django.apps import apps
    from django.utils import translation

    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("ikonnekt."):
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if not isinstance(value, str) or len(value) < 2 or value.isdigit():
                    continue
                with translation.override("de"):
                    de = str(label)
                with translation.override("en"):
                    en = str(label)
                if value.lower() not in (de.lower(), en.lower()):
                    codes.update({value, value.upper()})
    return codes


def problems(html: str, codes: set[str]) -> list[str]:
    text, cells = visible_text(html)
    found = []
    for pattern, what in ENGLISH:
        for m in pattern.finditer(text):
            context = text[max(0, m.start() - 40) : m.end() + 20]
            found.append(f"{what}: “{m.group(0)}” in …{context}…")
    for cell in cells:
        if cell in codes:
            found.append(f"raw choice code “{cell}”")
    return found
