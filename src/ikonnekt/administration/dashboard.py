from django.db.models import Q
from django.utils import timezone

from ikonnekt.administration import side_lists, vat
from ikonnekt.administration.deadlines import RUNNING, deadlines_of, open_action_items
from ikonnekt.administration.models import Agreement, AgreementStatus, VatStatus
from ikonnekt.core.prepared import Rows
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


def _watched(user, org_ids):
    """The agreements the user sees with one of ``org_ids`` as party that are running with a term
    end, or not ended and not yet classified (§ 2b UStG)."""
    running = Q(status__in=RUNNING, term_end__isnull=False)
    unclassified = Q(vat_status=VatStatus.UNCLASSIFIED) & ~Q(status=AgreementStatus.ENDED)
    return (
        Agreement.objects.visible_to(user)
        .filter(running | unclassified, parties__organisation_id__in=org_ids)
        .only(*AGREEMENT_FIELDS)
        .distinct()
        .order_by("title")
    )


# the SQL built once per connection and reader shape (core.prepared): the acting organisation's
# agreements, or those of all the user's organisations; the user's open action items
_watched_by_organisation = Rows(lambda user, organisation_id: _watched(user, [organisation_id]))
_watched_by_user = Rows(lambda user: _watched(user, sorted(user_org_ids(user))))
_open_action_items = Rows(lambda user: side_lists.action_item_rows(open_action_items(user))[:8])


def _agreements(user, organisation, today):
    """(upcoming deadlines as ``deadlines.upcoming`` gives them, unclassified agreements) from one
    query (:func:`_watched`) for the acting ``organisation``, or else all the user's ones."""
    agreements = _watched_by_organisation(user, organisation.pk) if organisation else _watched_by_user(user)
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
            "action_items_html": side_lists.action_items_html(request, _open_action_items(request.user)),
            "vat_unclassified": unclassified,
            "vat_notice": vat.transition_notice(today) if unclassified else "",
            "today": today,
        }
    ]
