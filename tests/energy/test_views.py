"""Pages, actions and API of the energy module with the test cast."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ikonnekt.core.models import AuditLog
from ikonnekt.energy import services
from ikonnekt.energy.models import (
    Building,
    DailyTemperature,
    EmissionFactorSet,
    EnergyReport,
    IntervalReading,
    Meter,
    MeterExchange,
    Quarter,
    QuarterBuilding,
    Reading,
    ReadingImport,
    Tariff,
    Variant,
    WeatherStation,
)

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture
def meter(cast):
    building = Building.objects.create(
        name="Schule", use_type="school", reference_area=1000, owner=cast.org_a, created_by=cast.a_admin
    )
    m = Meter.objects.create(building=building, number="Z1", name="Strom", carrier="electricity", unit="kWh")
    for month, value in [(1, 1000), (2, 1310), (3, 1590), (4, 1900)]:
        Reading.objects.create(meter=m, timestamp=dt.datetime(2025, month, 1, 8, tzinfo=BERLIN), value=value)
    return m


def test_reading_with_typo_warns_and_saves_only_after_confirmation(cast, client_for, meter):
    client = client_for(cast.a_editor)
    url = reverse("energy:reading_create", args=[meter.pk])
    data = {"timestamp": "2025-05-01T08:00", "value": "2210,0", "note": ""}
    assert client.get(url).status_code == 200
    # typo: 22100 instead of 2210 → far more than usual
    response = client.post(url, {**data, "value": "22100"})
    assert response.status_code == 200
    assert "mehr als das Dreifache" in response.content.decode() or "three times" in response.content.decode()
    assert not meter.readings.filter(timestamp__month=5).exists()
    # going backwards
    response = client.post(url, {**data, "value": "1800"})
    assert "Zählerwechsel" in response.content.decode() or "exchange" in response.content.decode()
    # the corrected value is saved without a warning
    response = client.post(url, data)
    assert response.status_code == 302
    reading = meter.readings.get(timestamp__month=5)
    assert float(reading.value) == 2210.0
    assert reading.timestamp == dt.datetime(2025, 5, 1, 6, 0, tzinfo=dt.UTC)  # stored in UTC
    assert AuditLog.objects.filter(object_id=str(reading.pk), action="create").exists()
    # a confirmed warning is stored
    response = client.post(url, {"timestamp": "2025-06-01T08:00", "value": "9999", "confirm": "on"})
    assert response.status_code == 302


def test_viewer_and_outsider_cannot_enter_readings(cast, client_for, meter):
    url = reverse("energy:reading_create", args=[meter.pk])
    assert (
        client_for(cast.a_viewer).post(url, {"timestamp": "2025-05-01T08:00", "value": "2000"}).status_code
        == 403
    )
    assert client_for(cast.z_admin).get(url).status_code == 404
    assert meter.readings.count() == 4


def test_consumption_across_exchange_from_stored_data(cast, meter):
    MeterExchange.objects.create(
        meter=meter,
        timestamp=dt.datetime(2025, 4, 15, tzinfo=BERLIN),
        old_final_reading=2000,
        new_initial_reading=0,
    )
    Reading.objects.create(meter=meter, timestamp=dt.datetime(2025, 5, 1, 8, tzinfo=BERLIN), value=160)
    months = services.meter_monthly_units(meter, 2025)
    # April: 1900 → 2000 (old) + 0 → 160 (new) = 260
    assert months[3] == pytest.approx(260, abs=0.5)


def _upload(client, meter, content, name="werte.csv", kind="cumulative", mode="kwh"):
    url = reverse("energy:import_upload", args=[meter.pk])
    return client.post(url, {"kind": kind, "value_mode": mode, "file": SimpleUploadedFile(name, content)})


def test_import_is_all_or_nothing_with_row_errors(
    cast, client_for, meter, django_capture_on_commit_callbacks
):
    client = client_for(cast.a_editor)
    content = b"Datum;Stand\n01.05.2025 08:00;2.210,5\n01.06.2025 08:00;abc\n01.07.2025 08:00;2500\n"
    response = _upload(client, meter, content)
    item = ReadingImport.objects.get()
    assert response.url == reverse("energy:import_detail", args=[item.pk])
    page = client.get(response.url).content.decode()
    assert "Zeile 3, Spalte B" in page or "Row 3, column B" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)  # start anyway: the job refuses
    item.refresh_from_db()
    assert item.status == "failed"
    assert meter.readings.count() == 4


def test_import_rejects_reading_going_backwards(cast, client_for, meter, django_capture_on_commit_callbacks):
    client = client_for(cast.a_editor)
    response = _upload(client, meter, b"01.05.2025 08:00;2300\n01.06.2025 08:00;2100\n")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    item = ReadingImport.objects.get()
    assert item.status == "failed"
    assert any("Zeile 2" in e or "Row 2" in e for e in item.errors)
    assert meter.readings.count() == 4


def test_interval_import_runs_as_job_and_feeds_the_carpet_plot(
    cast, client_for, meter, django_capture_on_commit_callbacks
):
    meter.kind = "interval"
    meter.save()
    client = client_for(cast.a_editor)
    start = dt.datetime(2025, 3, 3, 0, 0)
    lines = ["Zeitstempel;Leistung kW"]
    for i in range(96 * 3):
        t = start + dt.timedelta(minutes=15 * i)
        lines.append(f"{t:%d.%m.%Y %H:%M};{'20,0' if 8 <= t.hour < 16 else '8,0'}")
    response = _upload(client, meter, "\n".join(lines).encode(), kind="interval", mode="kw")
    page = client.get(response.url).content.decode()
    assert "03.03.2025 00:00" in page  # preview
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    item = ReadingImport.objects.get()
    assert item.status == "done" and item.rows_imported == 288
    assert item.job.status == "done" and item.job.progress == 100
    # kW → kWh per quarter hour
    assert IntervalReading.objects.filter(meter=meter).first().value == pytest.approx(2.0)
    total = sum(IntervalReading.objects.filter(meter=meter).values_list("value", flat=True))
    assert total == pytest.approx(3 * (8 * 20 + 16 * 8))
    page = client.get(reverse("energy:meter_detail", args=[meter.pk])).content.decode()
    assert 'data-echarts="carpet-chart"' in page
    # importing the same file again: duplicates are refused, nothing added
    response = _upload(client, meter, "\n".join(lines).encode(), kind="interval", mode="kw")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    assert IntervalReading.objects.filter(meter=meter).count() == 288


def test_xlsx_upload_preview(cast, client_for, meter):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Zeitpunkt", "Stand"])
    wb.active.append([dt.datetime(2025, 5, 1, 8, 0), 2210.5])
    buf = io.BytesIO()
    wb.save(buf)
    response = _upload(client_for(cast.a_editor), meter, buf.getvalue(), name="stand.xlsx")
    page = client_for(cast.a_editor).get(response.url).content.decode()
    assert "01.05.2025 08:00" in page and "start-import" in page


def test_import_upload_checks_name_and_content(cast, client_for, meter):
    client = client_for(cast.a_editor)
    response = _upload(client, meter, b"MZ\x00\x00", name="werte.exe")
    assert response.status_code == 200 and not ReadingImport.objects.exists()
    response = _upload(client, meter, b"not a zip", name="werte.xlsx")
    assert response.status_code == 200 and not ReadingImport.objects.exists()


def _station_with_year(owner, year=2025):
    station = WeatherStation.objects.create(
        name="S", long_term_degree_days=3300, owner=owner, visibility="public"
    )
    day = dt.date(year, 1, 1)
    rows = []
    while day.year == year:
        rows.append(
            DailyTemperature(
                station=station,
                date=day,
                mean_temperature=5.0 if day.month in (1, 2, 3, 10, 11, 12) else 17.0,
            )
        )
        day += dt.timedelta(days=1)
    DailyTemperature.objects.bulk_create(rows)
    return station


def test_building_year_normalises_heat_and_uses_hi(cast, client_for):
    station = _station_with_year(cast.org_a)
    # degree days: 182 heating days (Jan–Mar 90 + Oct–Dec 92) × 15 K = 2730
    assert services.station_degree_days(station, 2025) == pytest.approx(182 * 15)
    b = Building.objects.create(
        name="B",
        use_type="school",
        reference_area=1000,
        area_kind="ngf",
        owner=cast.org_a,
        station=station,
        heating_share=0.8,
    )
    gas = Meter.objects.create(
        building=b, number="G1", name="Gas", carrier="natural_gas", unit="kWh", calorific_basis="hs"
    )
    Reading.objects.create(meter=gas, timestamp=dt.datetime(2025, 1, 1, tzinfo=BERLIN), value=0)
    Reading.objects.create(meter=gas, timestamp=dt.datetime(2026, 1, 1, tzinfo=BERLIN), value=111_000)
    fs = EmissionFactorSet.objects.get(method="bisko", year=2024)
    data = services.building_year(b, 2025, fs.factors())
    assert data["heat"] == pytest.approx(100_000)  # Hs → Hi
    expected = 100_000 * 0.2 + 100_000 * 0.8 * 3300 / 2730
    assert data["heat_normalised"] == pytest.approx(expected)
    # 116,703 kWh / 1,000 m² = 116.7 kWh/m²a; comparison value (Bekanntmachung 2021, Schulen):
    # f(1,000 m²) = 4.53 × 1000^−0.215 + 0.27 = 4.53 × 0.22646 + 0.27 = 1.2959; 49.3 × 1.2959 + 22.4 = 86.29
    assert data["bench_heat"].guide == pytest.approx(86.29, abs=0.01)
    assert data["bench_heat"].klass == "high"
    # BISKO 2024 natural gas: 250 g CO2e/kWh (GEMIS 4.95, reference app) → 100,000 kWh × 250 g = 25.0 t
    assert data["co2_t"] == pytest.approx(100_000 * 250 / 1e6)
    # the 2021 rules give one comparison value, no guide/limit pair: the page names it so
    b.visibility = "platform"
    b.save()
    html = client_for(cast.a_editor).get(b.get_absolute_url() + "?year=2025").content.decode()
    assert "Vergleichswert 86" in html and "Grenzwert" not in html


def test_virtual_meter_formula(cast):
    b = Building.objects.create(name="V", owner=cast.org_a)
    main = Meter.objects.create(building=b, number="Z1", name="Main", carrier="electricity", unit="kWh")
    sub = Meter.objects.create(
        building=b, number="Z2", name="Sub", carrier="electricity", unit="kWh", parent=main
    )
    for month, a, c in [(1, 1000, 0), (2, 1310, 10), (3, 1590, 30)]:
        stamp = dt.datetime(2025, month, 1, tzinfo=BERLIN)
        Reading.objects.create(meter=main, timestamp=stamp, value=a)
        Reading.objects.create(meter=sub, timestamp=stamp, value=c)
    virtual = Meter.objects.create(
        building=b, number="V", name="Rest", carrier="electricity", kind="virtual", formula="Z1 - Z2"
    )
    months = services.meter_monthly_units(virtual, 2025)
    assert months[0] == pytest.approx(300)
    assert months[1] == pytest.approx(260)
    assert months[2] is None


def test_meter_form_rejects_unknown_formula_and_gas_without_calorific_value(cast, client_for, meter):
    client = client_for(cast.a_editor)
    url = reverse("energy:meter_create", args=[meter.building.pk])
    response = client.post(
        url,
        {
            "number": "V",
            "name": "x",
            "carrier": "electricity",
            "unit": "kWh",
            "kind": "virtual",
            "formula": "Z1 - Q9",
            "calorific_basis": "hi",
            "conversion_factor": "1",
            "active": "on",
        },
    )
    assert response.status_code == 200 and "Q9" in response.content.decode()
    response = client.post(
        url,
        {
            "number": "G",
            "name": "Gas",
            "carrier": "natural_gas",
            "unit": "m3",
            "kind": "cumulative",
            "calorific_basis": "hs",
            "conversion_factor": "1",
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert not Meter.objects.filter(number__in=["V", "G"]).exists()
    response = client.post(
        url,
        {
            "number": "G",
            "name": "Gas",
            "carrier": "natural_gas",
            "unit": "m3",
            "kind": "cumulative",
            "calorific_basis": "hs",
            "state_number": "0,9626".replace(",", "."),
            "calorific_value": "11.2",
            "conversion_factor": "1",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Meter.objects.filter(number="G").exists()


def test_report_pages_and_downloads(cast, client_for, meter):
    report = EnergyReport.objects.create(
        title="Bericht 2025",
        year=2025,
        factor_set=EmissionFactorSet.objects.get(method="bisko", year=2024),
        owner=cast.org_a,
        created_by=cast.a_admin,
    )
    client = client_for(cast.a_editor)
    assert "Schule" in client.get(report.get_absolute_url()).content.decode()
    response = client.get(reverse("energy:report_xlsx", args=[report.pk]))
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.worksheets[0]["A2"].value == "Schule"
    response = client.get(reverse("energy:report_pdf", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="de")
    assert response.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    # the footnote no longer claims G20/15 for every building: each row names its own method
    assert "je Gebäude witterungsbereinigt mit dem in seiner Zeile genannten Verfahren" in text
    assert "Witterungsbereinigung:" in text and "mit G20/15 (VDI 3807-1);" not in text
    url = reverse("energy:report_selfcheck", args=[report.pk])
    assert client_for(cast.a_viewer).get(url).status_code == 403
    client = client_for(cast.a_editor)
    response = client.post(
        url,
        {
            "responsibility-status": "met",
            "responsibility-note": "ok",
            "responsibility-evidence": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200  # bad evidence link refused
    response = client.post(
        url,
        {
            "responsibility-status": "met",
            "responsibility-note": "ok",
            "responsibility-evidence": "/documents/1/",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response.status_code == 302
    assert report.answers.get(requirement="responsibility").status == "met"


def test_quarter_comparison_and_missing_price(cast, client_for):
    station = _station_with_year(cast.org_a)
    q = Quarter.objects.create(
        name="Q",
        owner=cast.org_a,
        station=station,
        factor_set=EmissionFactorSet.objects.get(method="bisko", year=2024),
        price_electricity=30,
        price_gas=10,
        feed_in_tariff=8,
    )
    QuarterBuilding.objects.create(quarter=q, name="EFH", count=10, area=140, heat_demand=120)
    Variant.objects.create(quarter=q, name="Gas", heat_source="gas_boiler", efficiency=0.95, capex=100000)
    Variant.objects.create(
        quarter=q, name="WP", heat_source="air_heat_pump", efficiency=3.5, capex=200000, pv_kwp=50
    )
    client = client_for(cast.a_editor)
    page = client.get(q.get_absolute_url()).content.decode()
    assert "variant-table" in page
    assert "Wärmepumpentarif" in page or "heat-pump tariff" in page  # missing price named
    data = client.get(reverse("api:energy-quarter-comparison", args=[q.pk])).json()
    gas = next(v for v in data["variants"] if v["name"] == "Gas")
    assert gas["result"]["heat_price_eur_mwh"] > 0 and len(gas["sensitivity"]) == 5
    assert next(v for v in data["variants"] if v["name"] == "WP")["error"]
    assert client.get(reverse("energy:quarter_xlsx", args=[q.pk])).status_code == 200


def test_the_stored_quarter_comparison_follows_every_input(cast):
    """The comparison is stored under a key of its inputs: read again unchanged it is the same
    without a simulation; a changed variant, building type, price or temperature is computed anew."""
    from unittest import mock

    from ikonnekt.energy import concepts
    from ikonnekt.energy.domain import quarter_calc

    station = _station_with_year(cast.org_a)
    q = Quarter.objects.create(
        name="Q",
        owner=cast.org_a,
        station=station,
        factor_set=EmissionFactorSet.objects.get(method="bisko", year=2024),
        price_electricity=30,
        price_gas=10,
    )
    building = QuarterBuilding.objects.create(quarter=q, name="EFH", count=10, area=140, heat_demand=120)
    variant = Variant.objects.create(
        quarter=q, name="Gas", heat_source="gas_boiler", efficiency=0.95, capex=100000
    )

    def price():
        quarter = Quarter.objects.get(pk=q.pk)
        with mock.patch.object(quarter_calc, "simulate_pv", wraps=quarter_calc.simulate_pv) as simulated:
            [(_v, result, _e, _t)] = concepts.compare(quarter)["results"]
        return result["heat_price_eur_mwh"], simulated.call_count

    first, runs = price()
    assert runs > 0
    assert price() == (first, 0)  # stored
    Variant.objects.filter(pk=variant.pk).update(capex=200000)
    second, runs = price()
    assert second > first and runs > 0
    QuarterBuilding.objects.filter(pk=building.pk).update(heat_demand=60)
    third, runs = price()
    assert third != second and runs > 0
    Quarter.objects.filter(pk=q.pk).update(price_gas=20)
    fourth, runs = price()
    assert fourth > third and runs > 0
    # a corrected import that swaps two days keeps count, last id and sum: still a new key
    days = DailyTemperature.objects.filter(station=station).order_by("date")
    a, b = days.filter(date__month=1).first(), days.filter(date__month=7).first()
    assert a.mean_temperature != b.mean_temperature
    DailyTemperature.objects.filter(pk=a.pk).update(mean_temperature=b.mean_temperature)
    DailyTemperature.objects.filter(pk=b.pk).update(mean_temperature=a.mean_temperature)
    assert price()[1] > 0
    assert price()[1] == 0
    DailyTemperature.objects.filter(station=station).update(mean_temperature=20)
    assert price()[1] > 0


def test_quarter_page_pdf_and_xlsx_show_the_vdi_2067_breakdown(cast, client_for):
    """GIVEN a quarter with a gas variant WHEN its page, PDF and XLSX are opened
    THEN each shows the annuity per cost group with the computation of every line."""
    import openpyxl

    station = _station_with_year(cast.org_a)
    q = Quarter.objects.create(
        name="Q",
        owner=cast.org_a,
        station=station,
        factor_set=EmissionFactorSet.objects.get(method="bisko", year=2024),
        price_electricity=30,
        price_gas=10,
    )
    QuarterBuilding.objects.create(quarter=q, name="EFH", count=10, area=140, heat_demand=120)
    Variant.objects.create(
        quarter=q,
        name="Gas",
        heat_source="gas_boiler",
        efficiency=0.95,
        capex=100000,
        maintenance_pct=2,
        operation_cost=400,
    )
    client = client_for(cast.a_editor)
    page = client.get(q.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'id="annuity-table"' in page
    assert "Betriebsgebundene Kosten A_N,B" in page
    assert "Wie wird das berechnet?" in page
    assert "A_N,B = A_IN · a · b_B = 2,00 % × 100.000 € Investition" in page
    # CO2e: 10 × 140 m² × (120 + 12) kWh/m²a = 184,800 kWh / 0.95 = 194,526 kWh gas × 250 g/kWh = 48.6 t
    assert "CO2e und Primärenergie" in page and "Brennstoff 194.526 kWh" in page and "= 48,6 t +" in page
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("energy:quarter_xlsx", args=[q.pk])).content))
    sheet = wb["Annuitäten (VDI 2067-1)"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    maintenance = next(r for r in rows if r[1] == "Instandhaltung und Instandsetzung, Wärmeversorgung")
    # 2 % of 100,000 € = 2,000 € in year 1; price change 2 %/a (default): a·b_B = 1.191512380 → 2,383.02 €/a
    assert maintenance[2] == pytest.approx(2383.02, abs=0.01)
    pdf = client.get(reverse("energy:quarter_pdf", args=[q.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_api_reading_plausibility_and_permissions(cast, client_for, meter):
    client = client_for(cast.a_editor)
    url = reverse("api:energy-reading-list")
    payload = {"meter": meter.pk, "timestamp": "2025-05-01T06:00:00Z", "value": "1800"}
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 400 and "warnings" in response.json()
    response = client.post(url, {**payload, "confirm": True}, content_type="application/json")
    assert response.status_code == 201 and response.json()["warnings"]
    outsider = client_for(cast.z_admin)
    response = outsider.post(
        url, {**payload, "timestamp": "2025-06-01T06:00:00Z"}, content_type="application/json"
    )
    assert response.status_code == 400  # meter unknown to the outsider
    assert outsider.get(reverse("api:energy-meter-detail", args=[meter.pk])).status_code == 404
    viewer = client_for(cast.a_viewer)
    response = viewer.post(
        url, {**payload, "timestamp": "2025-06-01T06:00:00Z"}, content_type="application/json"
    )
    assert response.status_code == 403
    figures = client.get(
        reverse("api:energy-building-figures", args=[meter.building.pk]) + "?year=2025"
    ).json()
    assert figures["basis"] == "kWh Hi"


def test_api_schema_lists_energy_endpoints(cast, client_for):
    response = client_for(cast.a_admin).get("/api/schema/")
    if response.status_code == 404:
        pytest.skip("schema served elsewhere")
    assert b"/api/v1/energy/buildings/" in response.content


def test_demo_loads_twice(cast):
    from django.core.management import call_command

    call_command("load_demo", "--only", "energy", verbosity=0)
    count = Reading.objects.count()
    call_command("load_demo", "--only", "energy", verbosity=0)
    assert Reading.objects.count() == count
    assert Building.objects.filter(name__endswith="(Demo)").count() == 9


def test_dashboard_panel_and_alert_mail(cast, client_for, meter, django_capture_on_commit_callbacks):
    from django.core import mail

    meter.building.caretaker = cast.a_editor
    meter.building.save()
    # a reading going backwards without an exchange → alert
    Reading.objects.create(meter=meter, timestamp=dt.datetime(2025, 5, 1, 8, tzinfo=BERLIN), value=10)
    page = client_for(cast.a_editor).get("/").content.decode()
    assert "energy-alerts" in page and "Z1" in page
    assert client_for(cast.a_editor).post(reverse("energy:mail_alerts")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.a_admin).post(reverse("energy:mail_alerts"))
    assert response.status_code == 302
    assert mail.outbox and mail.outbox[0].to == [cast.a_editor.email]


def test_child_pages_create_and_edit_through_the_parent(cast, client_for, meter):
    """Measures (of a building) and building types (of a quarter): editors add and change them,
    readers may not, outsiders get 404; every save is audited and leads back to the parent."""
    building = meter.building
    url = reverse("energy:measure_create", args=[building.pk])
    page = client_for(cast.a_editor).get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Neue Maßnahme" in page
    data = {"title": "LED", "status": "planned", "carrier": "electricity"}
    response = client_for(cast.a_editor).post(url, data)
    assert response.status_code == 302 and response.url == building.get_absolute_url()
    measure = building.measures.get()
    assert AuditLog.objects.filter(object_id=str(measure.pk), action="create").exists()
    edit = reverse("energy:measure_edit", args=[measure.pk])
    response = client_for(cast.a_editor).post(edit, {**data, "title": "LED-Umrüstung"})
    assert response.status_code == 302 and response.url == building.get_absolute_url()
    measure.refresh_from_db()
    assert measure.title == "LED-Umrüstung"
    assert AuditLog.objects.filter(object_id=str(measure.pk), action="update").exists()
    assert client_for(cast.a_viewer).post(edit, data).status_code == 403
    assert client_for(cast.z_admin).get(edit).status_code == 404

    quarter = Quarter.objects.create(
        name="Q",
        owner=cast.org_a,
        station=_station_with_year(cast.org_a),
        factor_set=EmissionFactorSet.objects.get(method="bisko", year=2024),
    )
    url = reverse("energy:quarter_building_create", args=[quarter.pk])
    data = {"name": "EFH", "count": 10, "area": 140, "heat_demand": 120, "dhw_demand": 15, "electricity": 0}
    assert client_for(cast.a_viewer).post(url, data).status_code == 403
    response = client_for(cast.a_editor).post(url, data)
    assert response.status_code == 302 and response.url == quarter.get_absolute_url()
    item = quarter.buildings.get()
    edit = reverse("energy:quarter_building_edit", args=[item.pk])
    page = client_for(cast.a_editor).get(edit, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Gebäudetyp bearbeiten" in page
    assert client_for(cast.a_editor).post(edit, {**data, "count": 12}).status_code == 302
    item.refresh_from_db()
    assert item.count == 12
    assert client_for(cast.a_viewer).get(edit).status_code == 403
    assert client_for(cast.z_admin).post(url, data).status_code == 404
    assert quarter.buildings.count() == 1


def test_savings_are_priced_per_carrier_never_blended(cast):
    """GIVEN a school with gas at 10 ct/kWh (Hs) and electricity at 30 ct/kWh, both with base prices
    THEN heat savings use the gas working price per kWh Hi and electricity savings the electricity price."""
    station = _station_with_year(cast.org_a)
    b = Building.objects.create(
        name="B",
        use_type="school",
        reference_area=1000,
        area_kind="ngf",
        owner=cast.org_a,
        station=station,
        heating_share=0.8,
    )
    gas = Meter.objects.create(
        building=b, number="G1", name="Gas", carrier="natural_gas", unit="kWh", calorific_basis="hs"
    )
    power = Meter.objects.create(building=b, number="S1", name="Strom", carrier="electricity", unit="kWh")
    for meter, end in ((gas, 111_000), (power, 40_000)):
        Reading.objects.create(meter=meter, timestamp=dt.datetime(2025, 1, 1, tzinfo=BERLIN), value=0)
        Reading.objects.create(meter=meter, timestamp=dt.datetime(2026, 1, 1, tzinfo=BERLIN), value=end)
    Tariff.objects.create(meter=gas, valid_from=dt.date(2025, 1, 1), energy_price=10, base_price=600)
    Tariff.objects.create(meter=power, valid_from=dt.date(2025, 1, 1), energy_price=30, base_price=1200)
    fs = EmissionFactorSet.objects.get(method="bisko", year=2024)
    data = services.building_year(b, 2025, fs.factors())
    # gas: 111,000 kWh Hs × 0.10 € = 11,100 € over 111,000 / 1.11 = 100,000 kWh Hi → 0.111 €/kWh Hi
    assert data["price_heat"] == pytest.approx(0.111)
    # electricity: 40,000 kWh × 0.30 € / 40,000 kWh = 0.30 €/kWh (base prices excluded)
    assert data["price_electricity"] == pytest.approx(0.30)
    bench_el = data["bench_electricity"]
    assert bench_el.savings_eur == pytest.approx(bench_el.savings_kwh * 0.30)
    bench_heat = data["bench_heat"]
    assert bench_heat.savings_eur == pytest.approx(bench_heat.savings_kwh * 0.111)
    # the blended price would have been (11,100 + 600 + 12,000 + 1,200) / 140,000 = 0.1779 €/kWh
    assert bench_el.savings_eur != pytest.approx(bench_el.savings_kwh * 0.1779, rel=1e-3)


def _school_with_power(cast, area_kind):
    station = _station_with_year(cast.org_a)
    b = Building.objects.create(
        name="B",
        use_type="school",
        reference_area=1000,
        area_kind=area_kind,
        owner=cast.org_a,
        station=station,
    )
    power = Meter.objects.create(building=b, number="S1", name="Strom", carrier="electricity", unit="kWh")
    Reading.objects.create(meter=power, timestamp=dt.datetime(2025, 1, 1, tzinfo=BERLIN), value=0)
    Reading.objects.create(meter=power, timestamp=dt.datetime(2026, 1, 1, tzinfo=BERLIN), value=40_000)
    return b


def test_benchmark_is_refused_when_the_area_basis_is_unknown(cast):
    """The comparison values are per m² NGF: a building without an area basis is not compared."""
    from django.utils import translation

    b = _school_with_power(cast, "")
    fs = EmissionFactorSet.objects.get(method="bisko", year=2024)
    with translation.override("de"):
        data = services.building_year(b, 2025, fs.factors())
    assert data["bench_electricity"] is None
    assert data["specific_electricity"] == pytest.approx(40.0)  # the key figure itself is still shown
    assert any("(NGF oder BGF) ist nicht angegeben" in p for p in data["problems"]), data["problems"]


def test_benchmark_converts_bgf_with_the_factor_of_the_rules(cast):
    """BGF 1,000 m² → A_NGF = 0.85 × 1,000 = 850 m² (Nummer 4); 40,000 kWh / 850 m² = 47.06 kWh/(m²·a),
    compared with the electricity value of Schulen 10.5: savings (47.06 − 10.5) × 850 = 31,075 kWh/a."""
    b = _school_with_power(cast, "bgf")
    fs = EmissionFactorSet.objects.get(method="bisko", year=2024)
    data = services.building_year(b, 2025, fs.factors())
    bench = data["bench_electricity"]
    assert data["area_compared"] == pytest.approx(850) and data["area_converted"]
    assert bench.specific == pytest.approx(47.06, abs=0.01)
    assert bench.guide == pytest.approx(10.5)
    assert bench.savings_kwh == pytest.approx(31_075, abs=5)
    assert bench.klass == "high"


def test_use_type_without_a_category_is_not_compared(cast):
    from django.utils import translation

    b = _school_with_power(cast, "ngf")
    b.use_type = "other"
    b.save()
    with translation.override("de"):
        data = services.building_year(b, 2025, {})
    assert data["bench_electricity"] is None
    assert any("keinen Vergleichswert" in p for p in data["problems"]), data["problems"]


def test_building_page_explains_normalisation_key_figure_and_savings(cast, client_for):
    """The building page says how each figure is computed, with the inputs in German number format."""
    station = _station_with_year(cast.org_a)
    b = Building.objects.create(
        name="B",
        use_type="school",
        reference_area=1000,
        area_kind="ngf",
        owner=cast.org_a,
        station=station,
        heating_share=0.8,
    )
    gas = Meter.objects.create(
        building=b, number="G1", name="Gas", carrier="natural_gas", unit="kWh", calorific_basis="hs"
    )
    Reading.objects.create(meter=gas, timestamp=dt.datetime(2025, 1, 1, tzinfo=BERLIN), value=0)
    Reading.objects.create(meter=gas, timestamp=dt.datetime(2026, 1, 1, tzinfo=BERLIN), value=111_000)
    Tariff.objects.create(meter=gas, valid_from=dt.date(2025, 1, 1), energy_price=10)
    b.measures.create(title="Kesseltausch", carrier="natural_gas", expected_savings_kwh=10_000)
    page = (
        client_for(cast.a_editor)
        .get(b.get_absolute_url() + "?year=2025", HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    assert "Wie wird das berechnet?" in page
    # 111,000 kWh Hs / 1.11 = 100,000 kWh Hi; 20,000 + 80,000 × 3,300 / 2,730 = 116,703.30 kWh
    assert "100.000 kWh × (1 − 0,80) + 100.000 kWh × 0,80 × 3.300 / 2.730 = 116.703 kWh" in page
    # key figure: 116,703 kWh / 1,000 m² = 116.7 kWh/(m²·a)
    assert "e = E / A = 116.703 kWh / 1.000 m² NGF (Nettogrundfläche) = 116,7 kWh/(m²·a)" in page
    # comparison value: f(1,000 m² NGF) = 1.2959 (by hand, see above); 49.3 × 1.296 + 22.4 = 86.3
    assert "49,3 × 1,296 + 22,4 = 86,3 kWh/(m²·a) NGF" in page
    assert "Lfd.-Nr. 21: Schulen" in page and "15.04.2021" in page
    # the BISKO gas factor is the published GEMIS 4.95 value: the CO2e explanation names its process and year
    assert "Quellen der Faktoren: Erdgas 250 g/kWh (IINAS GEMIS 4.95" in page
    assert "Prozess „Erdgas-Hzg. 100 %“" in page and "KEA Baden-Württemberg veröffentlicht" in page
    # measure: 10,000 kWh × (11,100 € / 100,000 kWh Hi = 0.111 €/kWh) = 1,110 €/a
    row = page[page.index("Kesseltausch") :][:1500]
    assert "Einsparung (€/a)" in page and "1.110" in row and "zu 0,1110 €/kWh" in row, row


def test_reference_page_lists_sources_and_flags_assumptions(cast, client_for):
    page = client_for(cast.a_viewer).get(reverse("energy:references"), HTTP_ACCEPT_LANGUAGE="de")
    assert page.status_code == 200
    text = page.content.decode()
    assert "IINAS GEMIS 4.95" in text and "Näherungswert" in text
    assert "Anlage 1 Tabelle 1, Lfd.-Nr. 21: Schulen" in text and "BAnz AT 03.05.2021 B1" in text
    benchmarks, factor_sets = text.split('<h2 class="h5">', 2)[1:]
    assert "Annahme" not in benchmarks  # no invented comparison value
    # every emission factor without a checked source says so in its own source text and is flagged
    assert "Projektannahme ohne geprüfte Quelle" in factor_sets


def test_measure_savings_are_priced_with_their_own_carrier(cast):
    """An electricity measure saves at the electricity price, a gas measure at the gas price per kWh Hi."""
    from ikonnekt.energy.models import Measure

    b = Building.objects.create(
        name="B", owner=cast.org_a, use_type="school", reference_area=1000, area_kind="ngf"
    )
    gas = Meter.objects.create(
        building=b, number="G1", name="Gas", carrier="natural_gas", unit="kWh", calorific_basis="hs"
    )
    power = Meter.objects.create(building=b, number="S1", name="Strom", carrier="electricity", unit="kWh")
    for meter, end in ((gas, 111_000), (power, 40_000)):
        Reading.objects.create(meter=meter, timestamp=dt.datetime(2025, 1, 1, tzinfo=BERLIN), value=0)
        Reading.objects.create(meter=meter, timestamp=dt.datetime(2026, 1, 1, tzinfo=BERLIN), value=end)
    Tariff.objects.create(meter=gas, valid_from=dt.date(2025, 1, 1), energy_price=10, base_price=600)
    Tariff.objects.create(meter=power, valid_from=dt.date(2025, 1, 1), energy_price=30, base_price=1200)
    data = services.building_year(b, 2025, {})
    led = Measure(building=b, title="LED", carrier="electricity", expected_savings_kwh=10_000)
    boiler = Measure(building=b, title="Kessel", carrier="natural_gas", expected_savings_kwh=10_000)
    # electricity: 10,000 kWh × 0.30 €/kWh = 3,000 €/a
    assert services.measure_savings_eur(led, data)["expected"] == pytest.approx(3000)
    # gas: 11,100 € / 100,000 kWh Hi = 0.111 €/kWh → 10,000 kWh × 0.111 = 1,110 €/a
    assert services.measure_savings_eur(boiler, data)["expected"] == pytest.approx(1110)
    assert services.measure_savings_eur(boiler, data, {"kwh": 5000, "year": 2025})[
        "verified"
    ] == pytest.approx(555)


def test_after_saving_a_new_meter_the_meter_page_opens(cast, client_for, meter):
    """The next step after creating a meter is entering its readings: on the meter's page."""
    from ikonnekt.energy.forms import MeterForm

    form = MeterForm(building=meter.building)
    data = {
        name: getattr(form.get_initial_for_field(field, name), "pk", form.get_initial_for_field(field, name))
        for name, field in form.fields.items()
        if form.get_initial_for_field(field, name) not in (None, "")
    }
    data |= {"number": "Z2", "name": "Wärme", "carrier": "electricity", "unit": "kWh", "kind": "cumulative"}
    response = client_for(cast.a_admin).post(reverse("energy:meter_create", args=[meter.building.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    new = Meter.objects.get(building=meter.building, number="Z2")
    assert response["Location"] == new.get_absolute_url()
