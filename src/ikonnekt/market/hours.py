"""Opening hours in a small, readable text format: one line per day range.

    Mo-Fr 08:00-18:00
    Sa 08:00-12:00, 14:00-16:00

Day names: Mo Di/Tu Mi/We Do/Th Fr Sa So/Su. Lines that cannot be read are reported by
:func:`parse_hours` so the form can name them.
"""

import datetime as dt
import re

DAYS = {"mo": 0, "di": 1, "tu": 1, "mi": 2, "we": 2, "do": 3, "th": 3, "fr": 4, "sa": 5, "so": 6, "su": 6}
LINE = re.compile(r"^\s*([A-Za-z]{2})(?:\s*-\s*([A-Za-z]{2}))?\s+(.+)$")
SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class HoursError(ValueError):
    def __init__(self, line_no, line):
        super().__init__(line)
        self.line_no = line_no
        self.line = line


def parse_hours(text: str) -> dict[int, list[tuple[dt.time, dt.time]]]:
    """``{weekday: [(from, to), ...]}``; raises :class:`HoursError` naming the bad line."""
    result: dict[int, list] = {}
    for no, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        m = LINE.match(raw)
        if not m or m.group(1).lower() not in DAYS or (m.group(2) and m.group(2).lower() not in DAYS):
            raise HoursError(no, raw)
        first = DAYS[m.group(1).lower()]
        last = DAYS[m.group(2).lower()] if m.group(2) else first
        spans = []
        for part in m.group(3).split(","):
            s = SPAN.match(part)
            if not s:
                raise HoursError(no, raw)
            h1, m1, h2, m2 = (int(x) for x in s.groups())
            if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
                raise HoursError(no, raw)
            start = dt.time(h1, m1)
            end = dt.time(23, 59, 59) if h2 == 24 else dt.time(h2, m2)
            if end <= start:
                raise HoursError(no, raw)
            spans.append((start, end))
        day = first
        while True:
            result.setdefault(day, []).extend(spans)
            if day == last:
                break
            day = (day + 1) % 7
    return result


def is_open(text: str, when: dt.datetime) -> bool:
    try:
        hours = parse_hours(text)
    except HoursError:
        return False
    now = when.time()
    return any(start <= now < end for start, end in hours.get(when.weekday(), []))
