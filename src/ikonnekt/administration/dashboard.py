from django.db.models import Q
from django.utils import timezone

from ikonnekt.administration import vat
from ikonnekt.administration.deadlines import RUNNING, agreement_deadlines, open_action_items
from ikonnekt.administration.models import Agreement, AgreementStatus, VatStatus
from ikonnekt.core.sharing import user_org_ids

DEADLINE_DAYS = 180


def _agreements(user, organisation, today):
    """(upcoming deadlines as ``deadlines.upcoming`` gives them, unclassified agreements) from one
    query: the agreements the user sees with one of the user's organisations (or ``organisation``)
    as party that are running with a term end, or not ended and not yet classified (§ 2b UStG)."""
    org_ids = [organisation.pk] if organisation else sorted(user_org_ids(user))
    running = Q(status__in=RUNNING, term_end__isnull=False)
    unclassified = Q(vat_status=VatStatus.UNCLASSIFIED) & ~Q(status=AgreementStatus.ENDED)
    deadlines, open_vat = [], []
    for agreement in (
        Agreement.objects.visible_to(user)
        .filter(running | unclassified, parties__organisation_id__in=org_ids)
        .distinct()
        .order_by("title")
    ):
        if agreement.status in RUNNING and agreement.term_end is not None:
            for deadline in agreement_deadlines(agreement, today):
                left = (deadline.date - today).days
                if 0 <= left <= DEADLINE_DAYS:
                    deadlines.append((agreement, deadline, left))
        if agreement.vat_status == VatStatus.UNCLASSIFIED and agreement.status != AgreementStatus.ENDED:
            open_vat.append(agreement)
    return sorted(deadlines, key=lambda r: r[1].date), open_vat


def panels(request):
    if not request.user.is_authenticated:
        return []
    today = timezone.localdate()
    organisation = getattr(request, "active_organisation", None)
    deadlines, unclassified = _agreements(request.user, organisation, today)
    unclassified = unclassified[:6]
    return [
        {
            "template": "administration/_dashboard_panel.html",
            "deadlines": deadlines[:8],
            "action_items": list(open_action_items(request.user)[:8]),
            "vat_unclassified": unclassified,
            "vat_notice": vat.transition_notice(today) if unclassified else "",
            "today": today,
        }
    ]
