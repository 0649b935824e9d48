"""E-mails of joint administration: meeting invitations and deadline reminders."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ikonnekt.administration.ical import meeting_ics
from ikonnekt.core.links import absolute_url


def send_meeting_invitation(meeting, users) -> int:
    recipients = [u.email for u in users if u.email]
    if not recipients:
        return 0
    start = timezone.localtime(meeting.start)
    body = _(
        "You are invited to “%(title)s” of the working group “%(group)s” on %(date)s.\n"
        "Place: %(place)s\n\nAgenda:\n%(agenda)s\n\nDetails: %(url)s"
    ) % {
        "title": meeting.title,
        "group": meeting.group.name,
        "date": date_format(start, "DATETIME_FORMAT"),
        "place": meeting.place or meeting.video_url or "–",
        "agenda": "\n".join(f"{a.position}. {a.title}" for a in meeting.agenda_items.all()) or "–",
        "url": absolute_url(meeting.get_absolute_url()),
    }
    message = EmailMessage(
        subject=_("Invitation: %(title)s") % {"title": meeting.title},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,  # members do not see each other's addresses
    )
    message.attach("einladung.ics", meeting_ics(meeting), "text/calendar; method=REQUEST")
    message.send()
    return len(recipients)


def send_reminder(subject: str, body: str, emails) -> int:
    emails = sorted({e for e in emails if e})
    if not emails:
        return 0
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=emails,
    ).send()
    return len(emails)
