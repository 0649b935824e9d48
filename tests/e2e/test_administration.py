"""Nalbach's admin drafts a delegating public-law agreement on green waste with Saarlouis (Saarlouis
takes the task over, § 17 Abs. 1 KGG), records both council decisions, signs it, records the
supervisory authority's approval and the publication (§ 18 Abs. 1 KGG), puts it into force on the day
after publication (§ 18 Abs. 2 KGG), classifies it under § 2b UStG, sees the reminder on the dashboard,
books the shredder as a partner and downloads the annual settlement PDF."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

PASSWORD = "Konnekt-Demo-2026"
COOP = "Gemeinsame Grüngutverwertung Nalbach–Saarlouis"


@pytest.mark.django_db(transaction=True)
def test_agreement_to_settlement(page, sign_in, live_server):
    call_command("load_demo", "--only", "administration")
    from ikonnekt.administration.models import Agreement, Booking, SharedResource
    from ikonnekt.cooperations.models import Cooperation

    coop = Cooperation.objects.get(name=COOP)
    today = timezone.localdate()
    sign_in("nalbach-admin", PASSWORD)

    # GIVEN Nalbach's admin drafts the agreement with Saarlouis
    page.goto("/administration/agreements/new/")
    page.fill("#id_title", "Öffentlich-rechtliche Vereinbarung Grünschnitt E2E")
    page.select_option("#id_cooperation", str(coop.pk))
    page.select_option("#id_kind", "zv_delegating")
    page.select_option("#id_owner_role", "delegating")
    page.select_option("#id_partner_role", "taking_over")
    page.select_option("#id_task_field", "gruengut")
    page.fill("#id_term_end", (today + timedelta(days=200)).isoformat())
    page.fill("#id_notice_period_months", "3")
    page.get_by_label("Kreisstadt Saarlouis", exact=False).first.check()
    page.select_option("#id_visibility", "cooperation")
    page.locator(f"input[name=shared_with][value='{coop.pk}']").check()
    page.click("#main-form button[type=submit]")
    page.wait_for_selector("#agreement-status")
    agreement = Agreement.objects.get(title="Öffentlich-rechtliche Vereinbarung Grünschnitt E2E")
    assert sorted(agreement.parties.values_list("role", flat=True)) == ["delegating", "taking_over"]

    # WHEN both council decisions are recorded
    for org_name, number in (("Nalbach", "GR-N 2026/12"), ("Saarlouis", "SR-2026/40")):
        page.click("#add-decision")
        page.wait_for_selector("#id_organisation")
        option = page.locator("#id_organisation option", has_text=org_name).first.get_attribute("value")
        page.select_option("#id_organisation", option)
        page.fill("#id_decided_on", (today - timedelta(days=10)).isoformat())
        page.fill("#id_resolution_number", number)
        page.click("#main-form button[type=submit]")
        page.wait_for_selector("#council-decisions")
    assert page.locator("#council-decisions li").count() == 2

    # AND it is signed; "in force" is not offered before approval and publication
    def step(status, day, reference=""):
        page.select_option("#agreement-status select[name=to_status]", status)
        page.fill("#agreement-status input[name=on]", day.isoformat())
        page.fill("#agreement-status input[name=reference]", reference)
        page.click("#change-status")
        page.wait_for_selector("#agreement-status")

    step("signed", today - timedelta(days=3))
    options = page.locator("#agreement-status select[name=to_status] option").all_inner_texts()
    assert options == ["von der Aufsichtsbehörde genehmigt"], options
    assert "§ 18 Abs. 1 Satz 2 KGG" in page.inner_text("#legal-steps")
    step("approved", today - timedelta(days=2), "LK SLS 15.1-E2E")
    step("published", today - timedelta(days=1), "Amtsblatt des Saarlandes E2E")
    assert "Wirksam ab " + today.strftime("%d.%m.%Y") in page.inner_text("#effective-on")
    step("in_force", today)
    agreement.refresh_from_db()
    assert agreement.status == "in_force" and agreement.valid_from == today
    assert agreement.published_on == today - timedelta(days=1)
    assert page.locator("#timeline li").count() == 6
    assert "in Kraft" in page.inner_text("#status-label")

    # The Kämmerei classifies it under § 2b UStG (all four conditions, with reasoning)
    page.click("#classify-vat")
    for field in ("vat_long_term", "vat_public_task", "vat_cost_reimbursement", "vat_public_bodies"):
        page.check(f"#id_{field}")
    page.select_option("#id_vat_status", "not_taxable")
    page.fill("#id_vat_reasoning", "Beistandsleistung unter Kommunen, reine Kostenerstattung.")
    page.click("#main-form button[type=submit]")
    page.wait_for_selector("#vat-classification")
    agreement.refresh_from_db()
    assert agreement.vat_status == "not_taxable"

    # THEN the notice deadline reminder appears on the dashboard
    page.goto("/")
    panel = page.locator("#administration-panel")
    panel.wait_for()
    assert "Öffentlich-rechtliche Vereinbarung Grünschnitt E2E" in panel.inner_text()

    # A partner (Nalbach) books Saarlouis' shredder
    shredder = SharedResource.objects.get(name__startswith="Großhäcksler")
    page.goto(f"/administration/resources/{shredder.pk}/")
    page.click("#book-resource")
    day = today + timedelta(days=(2 - today.weekday()) % 7 + 7)  # Wednesday next week
    page.fill("#id_start", f"{day.isoformat()}T08:00")
    page.fill("#id_end", f"{day.isoformat()}T11:00")
    page.fill("#id_purpose", "Grünschnitt Sammelplatz Körprich")
    page.click("#main-form button[type=submit]")
    page.wait_for_selector("#booking-calendar")
    assert Booking.objects.filter(resource=shredder, purpose="Grünschnitt Sammelplatz Körprich").exists()

    # and downloads the annual settlement 2025 of the green-waste agreement as PDF
    green = Agreement.objects.get(title__startswith="Öffentlich-rechtliche Vereinbarung Grüngutverwertung")
    page.goto(green.get_absolute_url())
    page.locator("#settlements a").first.click()
    with page.expect_download() as info:
        page.click("#download-pdf")
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as fh:
        data = fh.read()
    assert data[:5] == b"%PDF-"
    import io

    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Nicht steuerbar nach § 2b Abs. 3 Nr. 2 UStG" in text
