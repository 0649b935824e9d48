from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def send_invitation(invitation, link: str) -> None:
    body = render_to_string("organizations/invitation_email.txt", {"invitation": invitation, "link": link})
    send_mail(
        _("Invitation to %(org)s on iKonnekt") % {"org": invitation.organisation},
        body,
        None,
        [invitation.email],
    )
