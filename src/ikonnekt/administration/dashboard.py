from django.db.models import Q
from django.utils import timezone

from ikonnekt.administration import side_lists, vat
from ikonnekt.administration.deadlines import RUNNING, deadlines_of, open_action_items
from ikonnekt.administration.models import Agreement, AgreementStatus, VatStatus
from ikonnekt.core.sharing import user_org_ids

DEADLINE_DAYS = 180
# what the deadlines, the § 2b notice and the links read of an agreement
AGREEMENT_FIELDS = (
    "title",
    "status",
    "vat_status",
    "term_end",
    "renewal_months",
    "notice_period_months",
    "notice_given_on",
)


def _agreements(user, organisation, today):
    """(upcoming deadlines as ``deadlines.upcoming`` gives them, unclassified agreements) from one
    query: the agreements the user sees with one of the user's organisations (or ``organisation``)
    as party that are running with a term end, or not ended and not yet classified (§ 2b UStG)."""
    org_ids = [organisation.pk] if organisation else sorted(user_org_ids(user))
    running = Q(status__in=RUNNING, term_end__isnull=False)
    unclassified = Q(vat_status=VatStatus.UNCLASSIFIED) & ~Q(status=AgreementStatus.ENDED)
    agreements = list(
        Agreement.objects.visible_to(user)
        .filter(running | unclassified, parties__organisation_id__in=org_ids)
        .only(*AGREEMENT_FIELDS)
        .distinct()
        .order_by("title")
    )
    open_vat = [
        a for a in agreements if a.vat_status == VatStatus.UNCLASSIFIED and a.status != AgreementStatus.ENDED
    ]
    return deadlines_of(agreements, today, DEADLINE_DAYS), open_vat


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
            "deadlines_html": side_lists.deadlines_html(deadlines[:8]),
            "action_items_html": side_lists.action_items_html(request, open_action_items(request.user)[:8]),
            "vat_unclassified": unclassified,
            "vat_notice": vat.transition_notice(today) if unclassified else "",
            "today": today,
        }
    ]
