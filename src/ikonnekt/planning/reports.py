"""Reports and tables: annual progress report (PDF/XLSX), demand balance rows, check PDF."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikonnekt.core import tabular
from ikonnekt.planning import landbalance
from ikonnekt.planning.models import HOUSING_CATEGORIES, Site, SiteOwner

ASSUMPTION_LABELS = {
    "years": gettext_lazy("Planning horizon (years)"),
    "population_change_pct": gettext_lazy("Population change over the horizon (%)"),
    "household_size_now": gettext_lazy("Persons per household today"),
    "household_size_future": gettext_lazy("Persons per household at the end"),
    "replacement_rate_pct": gettext_lazy("Replacement demand (% of dwellings per year)"),
    "dwellings_per_ha": gettext_lazy("Dwellings per hectare (net density)"),
}


def balance_rows(user, assumptions):
    """Per visible municipality: demand, potential (with owner answers where the user may see
    them; otherwise the default activation rate) and the balance."""
    from ikonnekt.organizations.models import Organisation

    sites = list(
        Site.objects.visible_to(user)
        .filter(category__in=HOUSING_CATEGORIES)
        .values_list("pk", "owner_id", "category", "area_m2")
    )
    answers: dict = {}
    for site_id, answer in (
        SiteOwner.objects.visible_to(user)
        .filter(site_id__in=[s[0] for s in sites])
        .values_list("site_id", "answer")
    ):
        answers.setdefault(site_id, []).append(answer)
    by_org: dict = {}
    for pk, owner_id, category, area in sites:
        by_org.setdefault(owner_id, []).append((category, area, landbalance.best_answer(answers.get(pk, []))))
    orgs = Organisation.objects.filter(kind="municipality").exclude(inhabitants=None)
    rows = []
    for org in orgs:
        if org.pk not in by_org and org.pk not in _member_orgs(user):
            continue
        demand = landbalance.housing_demand(org.inhabitants, assumptions)
        pot = landbalance.potential(by_org.get(org.pk, []))
        rows.append(
            {
                "org": org,
                "demand": demand,
                "potential": pot,
                "balance": landbalance.balance(demand.hectares, pot),
            }
        )
    return rows


def _member_orgs(user):
    from ikonnekt.core.sharing import user_org_ids

    return user_org_ids(user)


def progress_xlsx(flat, year) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("Progress %(year)s") % {"year": year}
    header = [
        _("Level"),
        _("Kind"),
        _("Title"),
        _("Owner"),
        _("Indicator"),
        _("Unit"),
        _("Baseline"),
        _("Target"),
        _("Target year"),
        _("Latest value"),
        _("Year"),
        _("Progress (%)"),
    ]
    tabular.xlsx_append(ws, header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for item in flat:
        n = item.node
        tabular.xlsx_append(
            ws,
            [
                item.depth,
                n.get_kind_display(),
                ("  " * item.depth) + n.title,
                n.owner.name,
                n.indicator,
                n.unit,
                n.baseline_value,
                n.target_value,
                n.target_year,
                getattr(n, "latest_value", None),
                getattr(n, "latest_year", None),
                None if item.progress is None else round(item.progress, 1),
            ],
        )
    ws.column_dimensions["C"].width = 60
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def progress_pdf(flat, year) -> bytes:
    from weasyprint import HTML

    html = render_to_string("planning/report_pdf.html", {"flat": flat, "year": year})
    return HTML(string=html).write_pdf()


def check_pdf(check, result) -> bytes:
    from weasyprint import HTML

    html = render_to_string("planning/check_pdf.html", {"check": check, **result})
    return HTML(string=html).write_pdf()
