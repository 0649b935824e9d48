"""Event calendar helpers: grouping by month and the iCal (RFC 5545) feed."""

from itertools import groupby

import icalendar
from django.utils import timezone


def by_month(events):
    events = sorted(events, key=lambda e: e.starts_at)
    return [
        (key, list(items))
        for key, items in groupby(events, key=lambda e: timezone.localtime(e.starts_at).strftime("%Y-%m"))
    ]


def to_ical(events, base_url: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//iKonnekt//Regionalmarkt//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Regionalmarkt – Veranstaltungen")
    for e in events:
        item = icalendar.Event()
        item.add("uid", f"market-event-{e.pk}@ikonnekt")
        item.add("summary", e.title)
        item.add("dtstart", e.starts_at)
        item.add("dtend", e.ends_at)
        item.add("dtstamp", e.updated_at)
        item.add("location", ", ".join(x for x in (e.location, e.municipality) if x))
        if e.description:
            item.add("description", e.description)
        item.add("url", base_url.rstrip("/") + e.get_absolute_url())
        if e.latitude is not None and e.longitude is not None:
            item.add("geo", (e.latitude, e.longitude))
        cal.add_component(item)
    return cal.to_ical()
