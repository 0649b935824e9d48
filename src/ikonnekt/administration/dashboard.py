from django.utils import timezone

from ikonnekt.administration import vat
from ikonnekt.administration.deadlines import open_action_items, upcoming
from ikonnekt.administration.models import Agreement, AgreementStatus, VatStatus
from ikonnekt.core.sharing import user_org_ids


def unclassified_agreements(user, organisation=None):
    """Agreements the user sees, with one of the user's organisations (or ``organisation``) as party,
    not ended, whose § 2b UStG classification is still missing."""
    org_ids = [organisation.pk] if organisation else sorted(user_org_ids(user))
    return (
        Agreement.objects.visible_to(user)
        .filter(parties__organisation_id__in=org_ids, vat_status=VatStatus.UNCLASSIFIED)
        .exclude(status=AgreementStatus.ENDED)
        .distinct()
        .order_by("title")
    )


def panels(request):
    if not request.user.is_authenticated:
        return []
    today = timezone.localdate()
    organisation = getattr(request, "active_organisation", None)
    unclassified = list(unclassified_agreements(request.user, organisation)[:6])
    return [
        {
            "template": "administration/_dashboard_panel.html",
            "deadlines": upcoming(request.user, today, within_days=180, organisation=organisation)[:8],
            "action_items": list(open_action_items(request.user)[:8]),
            "vat_unclassified": unclassified,
            "vat_notice": vat.transition_notice(today) if unclassified else "",
            "today": today,
        }
    ]
