"""E2E: a caretaker's typo is caught at entry; the energy manager imports a 15-minute load
profile with progress, sees the carpet plot and downloads the annual report."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def _profile_csv():
    start = dt.datetime(2025, 3, 3)
    lines = ["Zeitstempel;Wirkarbeit kWh"]
    for i in range(96 * 7):
        t = start + dt.timedelta(minutes=15 * i)
        working = t.weekday() < 5 and 7 <= t.hour < 17
        lines.append(f"{t:%d.%m.%Y %H:%M};{'17,5' if working else '6,25'}")
    return "\n".join(lines).encode()


def test_caretaker_typo_and_manager_import_and_report(page, sign_in, live_server):
    call_command("load_demo", "--only", "energy", verbosity=0)
    from ikonnekt.energy.models import EnergyReport, Meter

    oil = Meter.objects.get(building__name="Kita Körprich (Demo)", number="W1")
    profile_meter = Meter.objects.get(building__name="Rathaus Saarlouis (Demo)", number="S1")
    report = EnergyReport.objects.get()
    last = oil.readings.order_by("-timestamp").first()

    sign_in("nalbach-editor", settings.DEMO_PASSWORD)
    # caretaker: monthly reading with a typo (one digit too many)
    page.goto(f"/energy/buildings/{oil.building_id}/")
    page.get_by_role("link", name="Zählerstand erfassen").first.click()
    page.fill("input[name=value]", str(int(float(last.value) * 10)).replace(".", ","))
    page.get_by_role("button", name="Zählerstand speichern").click()
    warning = page.locator("#plausibility-warning")
    warning.wait_for()
    assert "prüfen" in warning.inner_text()
    assert oil.readings.count() == oil.readings.filter(timestamp__lte=last.timestamp).count()

    # energy manager: import a 15-minute profile
    page.goto(f"/energy/meters/{profile_meter.pk}/import/")
    page.select_option("select[name=kind]", "interval")
    page.select_option("select[name=value_mode]", "kwh")
    page.set_input_files(
        "input[name=file]", {"name": "lastgang.csv", "mimeType": "text/csv", "buffer": _profile_csv()}
    )
    page.get_by_role("button", name="Hochladen und Vorschau").click()
    page.locator("#preview").wait_for()
    page.click("#start-import")
    progress = page.locator("#import-job .progress-bar")
    progress.wait_for()
    page.wait_for_function("document.querySelector('#import-job .progress-bar').textContent.includes('100')")
    assert profile_meter.intervals.filter(start__year=2025, start__month=3).count() == 672

    page.goto(f"/energy/meters/{profile_meter.pk}/")
    page.locator("#carpet canvas").wait_for()

    page.goto(f"/energy/reports/{report.pk}/")
    with page.expect_download(timeout=60000) as download:
        page.click("#report-pdf", no_wait_after=True)
    assert download.value.suggested_filename.endswith(".pdf")
