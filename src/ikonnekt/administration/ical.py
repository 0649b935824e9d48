"""iCal (.ics) for meetings, action items and agreement deadlines; feed tokens are stored hashed."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from ikonnekt.core.links import absolute_url

PRODID = "-//iKonnekt//Gemeinsame Verwaltung//DE"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _host() -> str:
    return settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "ikonnekt"


def meeting_event(meeting) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("summary", f"{meeting.group.name}: {meeting.title}")
    location = meeting.place or meeting.video_url
    if location:
        event.add("location", location)
    agenda = "\n".join(f"{a.position}. {a.title}" for a in meeting.agenda_items.all())
    description = agenda + (f"\n\n{meeting.video_url}" if meeting.video_url else "")
    if description.strip():
        event.add("description", description.strip())
    event.add("url", absolute_url(meeting.get_absolute_url()))
    return event


def all_day(uid: str, day, summary: str, url: str, description: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("url", url)
    if description:
        event.add("description", description)
    return event


def meeting_ics(meeting) -> bytes:
    cal = _calendar(str(meeting.group))
    cal.add("method", "REQUEST")
    cal.add_component(meeting_event(meeting))
    return cal.to_ical()


def feed(name: str, meetings=(), deadlines=(), action_items=()) -> bytes:
    """``deadlines``: (agreement, Deadline) pairs."""
    cal = _calendar(name)
    base = settings.SITE_URL.rstrip("/")
    for meeting in meetings:
        cal.add_component(meeting_event(meeting))
    for agreement, deadline in deadlines:
        cal.add_component(
            all_day(
                f"agreement-{agreement.pk}-{deadline.kind}-{deadline.date:%Y%m%d}",
                deadline.date,
                f"{deadline.label}: {agreement.title}",
                base + agreement.get_absolute_url(),
            )
        )
    for item in action_items:
        cal.add_component(
            all_day(
                f"action-{item.pk}", item.due_on, f"☐ {item.title}", base + item.meeting.get_absolute_url()
            )
        )
    return cal.to_ical()


def group_for_feed_token(token: str):
    """The working group whose secret calendar link this is (the link replaces the sign-in)."""
    from ikonnekt.administration.models import WorkingGroup

    if not token:
        return None
    return WorkingGroup.objects.filter(feed_token_hash=hash_token(token)).exclude(feed_token_hash="").first()
