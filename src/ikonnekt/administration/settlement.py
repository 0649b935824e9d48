"""Annual settlement: collect (freeze) the inputs of a year from the database, then compute.

The inputs are aggregated in the database (one query per cost-key component), so the number of
queries does not grow with the number of usage or time records.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.administration.costkeys import CostKeyError, settle
from ikonnekt.administration.models import (
    AdvancePayment,
    Booking,
    BookingStatus,
    CostItem,
    CostKeyComponent,
    KeyBasis,
    TimeRecord,
    UsageRecord,
    UsageUnit,
)
from ikonnekt.core.kinds import kind_of
from ikonnekt.organizations.models import InhabitantCount


def _inhabitants(org_ids, reference_date) -> dict:
    latest = {}
    rows = (
        InhabitantCount.objects.filter(organisation_id__in=org_ids, reference_date__lte=reference_date)
        .order_by("organisation_id", "-reference_date")
        .values_list("organisation_id", "inhabitants", "reference_date")
    )
    for org_id, inhabitants, ref in rows:
        latest.setdefault(org_id, (inhabitants, ref))
    return latest


# --- where each cost-key basis takes its figures from (one row per KeyBasis) ----------------------
# Each reader returns ({party id: figure as text or None}, unit) for the settlement year.


def _equal(component, org_ids, fixed, year):
    return {}, ""


def _fixed(component, org_ids, fixed, year):
    return {str(o): (str(fixed[o]) if fixed.get(o) is not None else None) for o in org_ids}, "%"


def _inhabitant_figures(component, org_ids, fixed, year):
    found = _inhabitants(org_ids, component.reference_date)
    return {str(o): (found[o][0] if o in found else None) for o in org_ids}, _("inhabitants")


def _resource_usage(component, org_ids, fixed, year):
    return _usage_with_bookings(component.resource, org_ids, year)


def _sums(rows, org_ids):
    found = {r["organisation_id"]: r["q"] for r in rows}
    return {str(o): str(found.get(o) or 0) for o in org_ids}


def _resource_bookings(component, org_ids, fixed, year):
    rows = (
        Booking.objects.filter(
            resource_id=component.resource_id,
            start__year=year,
            status=BookingStatus.CONFIRMED,
            organisation_id__in=org_ids,
        )
        .values("organisation_id")
        .annotate(q=Count("id"))
    )
    return _sums(rows, org_ids), _("bookings")


def _position_hours(component, org_ids, fixed, year):
    rows = (
        TimeRecord.objects.filter(
            position_id=component.position_id, date__year=year, organisation_id__in=org_ids
        )
        .values("organisation_id")
        .annotate(q=Sum("hours"))
    )
    return _sums(rows, org_ids), "h"


# --- where the figure of each party is entered (links in the error of a settlement) ---------------


def _nowhere(component, org_ids, agreement):
    return {}


def _resource_usage_page(component, org_ids, agreement):
    return {"": reverse("administration:resource_usage", args=[component.resource_id])}


def _resource_page(component, org_ids, agreement):
    return {"": reverse("administration:resource_detail", args=[component.resource_id])}


def _position_page(component, org_ids, agreement):
    return {"": reverse("administration:position_detail", args=[component.position_id])}


def _parties_page(component, org_ids, agreement):
    return {"": reverse("administration:agreement_party", args=[agreement.pk])}


def _inhabitants_admin(component, org_ids, agreement):
    add = reverse("admin:organizations_inhabitantcount_add")
    return {str(o): f"{add}?organisation={o}" for o in org_ids}


#: The known cost-key bases: (figures of the year, where they are entered). A new KeyBasis needs
#: its row here; an unknown basis is an error (never counted as another basis).
BASES = {
    KeyBasis.EQUAL: (_equal, _nowhere),
    KeyBasis.FIXED: (_fixed, _parties_page),
    KeyBasis.INHABITANTS: (_inhabitant_figures, _inhabitants_admin),
    KeyBasis.RESOURCE_USAGE: (_resource_usage, _resource_usage_page),
    KeyBasis.RESOURCE_BOOKINGS: (_resource_bookings, _resource_page),
    KeyBasis.POSITION_HOURS: (_position_hours, _position_page),
}


def _basis(component):
    return kind_of(BASES, component.basis, what="cost-key basis", where="administration.settlement.BASES")


def _component_values(component, org_ids, fixed, year) -> tuple[dict, str]:
    return _basis(component)[0](component, org_ids, fixed, year)


def _usage_with_bookings(resource, org_ids, year) -> tuple[dict, str]:
    """Usage of the year per party: the recorded usage; a party that recorded no usage in the year
    counts the hours of its confirmed bookings instead (only for resources counted in hours), so a
    booking is never counted twice. Two aggregate queries, independent of the number of records."""
    recorded = {
        r["organisation_id"]: r["q"]
        for r in UsageRecord.objects.filter(resource=resource, date__year=year, organisation_id__in=org_ids)
        .values("organisation_id")
        .annotate(q=Sum("quantity"))
    }
    booked = defaultdict(Decimal)
    if resource.usage_unit == UsageUnit.HOURS:
        for org_id, start, end in Booking.objects.filter(
            resource=resource, start__year=year, status=BookingStatus.CONFIRMED, organisation_id__in=org_ids
        ).values_list("organisation_id", "start", "end"):
            booked[org_id] += Decimal((end - start).total_seconds()) / 3600
    values = {}
    for o in org_ids:
        total = Decimal(str(recorded[o])) if recorded.get(o) else booked.get(o, Decimal(0))
        values[str(o)] = str(total.quantize(Decimal("0.01")))
    return values, resource.usage_unit


def _where(component, org_ids, agreement) -> dict:
    return _basis(component)[1](component, org_ids, agreement)


def freeze_inputs(agreement, year: int) -> dict:
    """Everything the settlement of ``year`` depends on, as plain JSON data."""
    parties = list(agreement.parties.select_related("organisation").order_by("organisation__name"))
    if not parties:
        raise CostKeyError(_("The agreement has no parties."))
    org_ids = [p.organisation_id for p in parties]
    fixed = {p.organisation_id: p.fixed_share_percent for p in parties}
    items = list(CostItem.objects.filter(agreement=agreement, year=year).order_by("category", "id"))
    if not items:
        raise CostKeyError(_("There are no cost items for %(year)s.") % {"year": year})
    key_ids = sorted({i.cost_key_id for i in items})
    components = defaultdict(list)
    names = {}
    for comp in CostKeyComponent.objects.filter(cost_key_id__in=key_ids).select_related(
        "cost_key", "resource", "position"
    ):
        names[comp.cost_key_id] = comp.cost_key.name
        values, unit = _component_values(comp, org_ids, fixed, year)
        label = str(comp.get_basis_display())
        if comp.reference_date:
            label += f" ({comp.reference_date:%d.%m.%Y})"
        if comp.resource_id:
            label += f" – {comp.resource.name}"
        if comp.position_id:
            label += f" – {comp.position.title}"
        components[comp.cost_key_id].append(
            {
                "basis": comp.basis,
                "weight": str(comp.weight_percent),
                "label": label,
                "unit": unit,
                "values": values,
                "where": _where(comp, org_ids, agreement),
            }
        )
    for item in items:
        names.setdefault(item.cost_key_id, str(item.cost_key))
    advances = {
        str(a.organisation_id): str(a.amount)
        for a in AdvancePayment.objects.filter(agreement=agreement, year=year)
    }
    return {
        "year": year,
        "agreement": {"id": agreement.pk, "title": agreement.title},
        "parties": [{"id": p.organisation_id, "name": p.organisation.name} for p in parties],
        "keys": {str(k): {"name": names[k], "components": components.get(k, [])} for k in key_ids},
        "items": [
            {
                "id": i.pk,
                "label": i.label,
                "category": i.category,
                "amount": str(i.amount),
                "rate": str(i.overhead_rate_percent) if i.overhead_rate_percent is not None else None,
                "key": str(i.cost_key_id),
            }
            for i in items
        ],
        "advances": advances,
        "vat": {
            "status": agreement.vat_status,
            "rate": str(agreement.vat_rate_percent),
            "reasoning": agreement.vat_reasoning,
        },
    }


def preview(agreement, year: int) -> tuple[dict, dict]:
    inputs = freeze_inputs(agreement, year)
    return inputs, settle(inputs)
