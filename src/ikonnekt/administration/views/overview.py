"""Entry pages of joint administration: the overviews (own, per cooperation, per organisation) and
the directory of partner people."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q, Sum
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ikonnekt.administration import models as m
from ikonnekt.administration import overview_page, side_lists
from ikonnekt.administration.deadlines import agreement_deadlines, deadlines_of, open_action_items
from ikonnekt.cooperations.models import Cooperation, Participation
from ikonnekt.core.sharing import get_visible_or_404, user_org_ids
from ikonnekt.organizations.models import Organisation


@login_required
def overview(request):
    user = request.user
    today = timezone.localdate()
    org = request.active_organisation
    org_ids = [org.pk] if org else sorted(user_org_ids(user))
    agreements = overview_page.agreements(user, org_ids)
    return render(
        request,
        "administration/overview.html",
        {
            "agreements_html": overview_page.agreements_html(agreements),
            "deadlines_html": side_lists.deadlines_html(deadlines_of(agreements, today)),
            "positions": overview_page.links(
                m.SharedPosition.objects.visible_to(user)
                .filter(Q(owner_id__in=org_ids) | Q(shares__organisation_id__in=org_ids))
                .distinct(),
                "title",
                "administration:position_detail",
            ),
            "resources": overview_page.links(
                m.SharedResource.objects.visible_to(user)
                .filter(cooperation__participations__organisation_id__in=org_ids)
                .distinct(),
                "name",
                "administration:resource_detail",
            ),
            "groups": overview_page.links(
                m.WorkingGroup.objects.visible_to(user)
                .filter(cooperation__participations__organisation_id__in=org_ids)
                .distinct(),
                "name",
                "administration:group_detail",
            ),
            "action_items_html": side_lists.action_items_html(
                request, side_lists.action_item_rows(open_action_items(user))
            ),
            "organisation": org,
        },
    )


@login_required
def cooperation_overview(request, pk):
    """Everything of one cooperation: agreements, deadlines, positions, resources, costs, groups."""
    cooperation = get_visible_or_404(Cooperation, request.user, pk=pk)
    user = request.user
    today = timezone.localdate()
    agreements = list(m.Agreement.objects.visible_to(user).filter(cooperation=cooperation))
    deadlines = sorted(
        [
            (a, d, (d.date - today).days)
            for a in agreements
            for d in agreement_deadlines(a, today)
            if d.date >= today
        ],
        key=lambda r: r[1].date,
    )
    year = today.year
    costs = (
        m.CostItem.objects.visible_to(user)
        .filter(agreement__cooperation=cooperation, year=year, overhead_rate_percent__isnull=True)
        .aggregate(total=Sum("amount"))["total"]
    )
    groups = m.WorkingGroup.objects.visible_to(user).filter(cooperation=cooperation)
    return render(
        request,
        "administration/cooperation_overview.html",
        {
            "cooperation": cooperation,
            "agreements": agreements,
            "deadlines_html": side_lists.deadlines_html(deadlines),
            "positions": m.SharedPosition.objects.visible_to(user).filter(cooperation=cooperation),
            "resources": m.SharedResource.objects.visible_to(user).filter(cooperation=cooperation),
            "costs": costs,
            "year": year,
            "groups": groups,
            "action_items_html": side_lists.action_items_html(
                request,
                side_lists.action_item_rows(
                    m.ActionItem.objects.visible_to(user)
                    .filter(meeting__group__cooperation=cooperation)
                    .exclude(status=m.ActionStatus.DONE)
                ),
            ),
        },
    )


cooperation_overview.shareable_model = Cooperation


@login_required
def organisation_overview(request, slug):
    """An organisation's cooperations and obligations (only what the user may see)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    user = request.user
    today = timezone.localdate()
    agreements = list(
        m.Agreement.objects.visible_to(user)
        .filter(parties__organisation=organisation)
        .select_related("cooperation")
        .distinct()
    )
    return render(
        request,
        "administration/organisation_overview.html",
        {
            "organisation": organisation,
            "cooperations": Cooperation.objects.visible_to(user)
            .filter(participations__organisation=organisation)
            .distinct(),
            "agreements": agreements,
            "deadlines_html": side_lists.deadlines_html(
                sorted(
                    [
                        (a, d, (d.date - today).days)
                        for a in agreements
                        for d in agreement_deadlines(a, today)
                        if d.date >= today
                    ],
                    key=lambda r: r[1].date,
                )
            ),
            "transfers": m.TaskTransfer.objects.visible_to(user)
            .filter(Q(from_organisation=organisation) | Q(to_organisation=organisation))
            .select_related("agreement", "from_organisation", "to_organisation"),
            "shares": m.PositionShare.objects.visible_to(user)
            .filter(organisation=organisation)
            .select_related("position"),
        },
    )


@login_required
def directory(request):
    """People of partner organisations who opted in, by topic (signed-in users only)."""
    own = user_org_ids(request.user)
    coop_ids = Participation.objects.filter(organisation_id__in=own).values("cooperation_id")
    partner_orgs = set(
        Participation.objects.filter(cooperation_id__in=coop_ids).values_list("organisation_id", flat=True)
    ) | set(own)
    q = request.GET.get("q", "").strip()
    people = (
        get_user_model()
        .objects.filter(is_active=True, show_in_directory=True, memberships__organisation_id__in=partner_orgs)
        .prefetch_related(Prefetch("memberships", queryset=_memberships_qs(partner_orgs)))
        .distinct()
        .order_by("last_name", "first_name")
    )
    if q:
        people = people.filter(
            Q(topics__icontains=q) | Q(last_name__icontains=q) | Q(memberships__job_title__icontains=q)
        )
    return render(request, "administration/directory.html", {"people": people, "q": q})


def _memberships_qs(org_ids):
    from ikonnekt.organizations.models import Membership

    return Membership.objects.filter(organisation_id__in=org_ids).select_related("organisation")
