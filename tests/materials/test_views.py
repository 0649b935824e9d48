"""Pages, uploads, actions and the API of the materials app."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ikonnekt.core.models import AuditLog
from ikonnekt.materials import demo, mfa_io
from ikonnekt.materials.models import (
    CollectionPoint,
    FlowValue,
    GreenWasteScenario,
    MfaSystem,
    MonthlyQuantity,
    Plant,
)
from tests.materials.factories import make_scenario, make_system

pytestmark = pytest.mark.django_db


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_editor_imports_a_system_from_xlsx_and_sees_sankey_and_balances(cast, client_for):
    client = client_for(cast.a_editor)
    content = mfa_io.to_xlsx(demo.green_waste_system())
    response = client.post(
        reverse("materials:system_import"), {"owner": cast.org_a.pk, "file": upload("gruengut.xlsx", content)}
    )
    assert response.status_code == 302
    system = MfaSystem.objects.get(owner=cast.org_a)
    assert system.flows.count() == 11
    assert AuditLog.objects.filter(object_id=str(system.pk), action="create").exists()
    page = client.get(system.get_absolute_url() + "?year=2025&layer=goods")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="sankey"' in html and "sankey-data" in html
    assert "balance-table" in html and "Kompostierung" in html
    # the system boundary is a place ("Import"), not the verb of the import button ("Importieren")
    assert "Import (Systemgrenze)" in html and "Importieren" not in html
    assert client.get(system.get_absolute_url() + "?year=2025&layer=energy").status_code == 200


def test_bad_import_stores_nothing_and_names_the_row(cast, client_for):
    client = client_for(cast.a_editor)
    data = demo.quarter_system()
    data["values"].append({"flow": "Gibt es nicht", "year": 2025, "value": 3})
    response = client.post(
        reverse("materials:system_import"),
        {"owner": cast.org_a.pk, "file": upload("q.json", json.dumps(data).encode())},
    )
    assert response.status_code == 200
    assert "Gibt es nicht" in response.content.decode()
    assert not MfaSystem.objects.exists()


def test_upload_is_checked_by_content(cast, client_for):
    client = client_for(cast.a_editor)
    response = client.post(
        reverse("materials:system_import"), {"owner": cast.org_a.pk, "file": upload("evil.xlsx", b"<html>")}
    )
    assert response.status_code == 200
    assert not MfaSystem.objects.exists()


def test_replace_is_all_or_nothing_and_needs_edit_rights(cast, client_for):
    system = make_system(cast, owner=cast.org_a, created_by=cast.a_editor)
    good = json.dumps(demo.quarter_system()).encode()
    assert (
        client_for(cast.a_viewer)
        .post(reverse("materials:system_replace", args=[system.pk]), {"file": upload("q.json", good)})
        .status_code
        == 403
    )
    client = client_for(cast.a_editor)
    assert (
        client.post(
            reverse("materials:system_replace", args=[system.pk]), {"file": upload("q.json", good)}
        ).status_code
        == 302
    )
    assert system.flows.count() == 4
    bad = demo.quarter_system()
    bad["flows"][0]["source"] = "Unbekannt"
    client.post(
        reverse("materials:system_replace", args=[system.pk]),
        {"file": upload("q.json", json.dumps(bad).encode())},
    )
    assert system.flows.count() == 4 and FlowValue.objects.filter(flow__system=system).count() == 4


def test_exports_json_xlsx_csv(cast, client_for):
    client = client_for(cast.a_editor)
    client.post(
        reverse("materials:system_import"),
        {"owner": cast.org_a.pk, "file": upload("q.json", json.dumps(demo.quarter_system()).encode())},
    )
    system = MfaSystem.objects.get()
    data = json.loads(client.get(reverse("materials:system_json", args=[system.pk])).content)
    assert data["name"] == system.name and len(data["values"]) == 4
    xlsx = client.get(reverse("materials:system_xlsx", args=[system.pk])).content
    assert mfa_io.validate(mfa_io.from_xlsx(xlsx))["flows"] == mfa_io.validate(data)["flows"]
    csv_text = client.get(reverse("materials:system_csv", args=[system.pk])).content.decode()
    assert "Gebäudebestand" in csv_text and "observable" in csv_text


@pytest.fixture
def scenario(cast):
    s = make_scenario(
        cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_editor, shared_with=[cast.coop]
    )
    CollectionPoint.objects.create(
        scenario=s, name="Platz B", municipality=cast.org_b, latitude=49.35, longitude=6.8, quantity_m3=600
    )
    Plant.objects.create(
        scenario=s,
        name="Kandidat",
        kind="shredding",
        candidate=True,
        latitude=49.34,
        longitude=6.78,
        capacity_t=500,
        gate_fee=10,
        fixed_cost=500,
    )
    return s


def test_editor_runs_the_optimisation_and_sees_map_and_cost_split(cast, client_for, scenario):
    client = client_for(cast.a_editor)
    response = client.post(reverse("materials:scenario_optimise", args=[scenario.pk]))
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.result["total_cost"] > 0
    assert {m["municipality"] for m in scenario.result["municipalities"]} == {"Gemeinde A", "Stadt B"}
    coop = scenario.result["cooperation"]
    assert sum(r["shapley"] for r in coop["rows"]) == pytest.approx(coop["joint"])
    html = client.get(scenario.get_absolute_url()).content.decode()
    assert "allocation-map" in html and "cost-split-table" in html
    # partner reads but cannot run it
    assert client_for(cast.b_editor).get(scenario.get_absolute_url()).status_code == 200
    assert (
        client_for(cast.b_editor).post(reverse("materials:scenario_optimise", args=[scenario.pk])).status_code
        == 403
    )


def test_infeasible_scenario_explains_why(cast, client_for, scenario):
    CollectionPoint.objects.create(
        scenario=scenario,
        name="Riesig",
        municipality=cast.org_a,
        latitude=49.3,
        longitude=6.7,
        quantity_t=50_000,
    )
    client = client_for(cast.a_editor)
    response = client.post(reverse("materials:scenario_optimise", args=[scenario.pk]), follow=True)
    assert "übersteigt die Gesamtkapazität" in response.content.decode()
    scenario.refresh_from_db()
    assert scenario.result == {}


def test_distance_csv_import(cast, client_for, scenario):
    client = client_for(cast.a_editor)
    url = reverse("materials:distances_import", args=[scenario.pk])
    response = client.post(url, {"file": upload("d.csv", b"Platz A;Anlage;5\n")})
    assert response.status_code == 200
    assert "fehlt die Entfernung" in response.content.decode()
    scenario.refresh_from_db()
    assert not scenario.use_imported_distances
    rows = "".join(
        f"{p};{q};{k}\n" for p in ("Platz A", "Platz B") for q, k in (("Anlage", 4), ("Kandidat", 7))
    )
    assert client.post(url, {"file": upload("d.csv", rows.encode())}).status_code == 302
    scenario.refresh_from_db()
    assert scenario.use_imported_distances
    client.post(reverse("materials:scenario_optimise", args=[scenario.pk]))
    scenario.refresh_from_db()
    assert {f["km"] for f in scenario.result["flows"]} <= {4.0, 7.0}


def test_points_and_plants_are_added_and_deleted_by_editors_only(cast, client_for, scenario):
    data = {
        "name": "Neu",
        "municipality": cast.org_a.pk,
        "latitude": 49.3,
        "longitude": 6.7,
        "quantity_t": 10,
        "method": "weighbridge",
        "fractions": "Grünschnitt",
        "responsibility": "municipal",
    }
    assert (
        client_for(cast.b_editor)
        .post(reverse("materials:point_create", args=[scenario.pk]), data)
        .status_code
        == 403
    )
    client = client_for(cast.a_editor)
    assert (
        client.post(
            reverse("materials:point_create", args=[scenario.pk]), {**data, "quantity_t": ""}
        ).status_code
        == 200
    )
    assert client.post(reverse("materials:point_create", args=[scenario.pk]), data).status_code == 302
    point = scenario.points.get(name="Neu")
    other = make_scenario(cast, owner=cast.org_a, created_by=cast.a_editor)
    # a point of another scenario cannot be deleted through this one
    assert client.post(reverse("materials:point_delete", args=[other.pk, point.pk])).status_code == 404
    assert client.post(reverse("materials:point_delete", args=[scenario.pk, point.pk])).status_code == 302
    assert not scenario.points.filter(name="Neu").exists()


def test_monitoring_flags_deviations_and_reports_render(cast, client_for, scenario):
    point = scenario.points.get(name="Platz A")
    MonthlyQuantity.objects.create(point=point, year=2025, month=5, reported_t=130, delivered_t=100)
    MonthlyQuantity.objects.create(point=point, year=2025, month=6, reported_t=101, delivered_t=100)
    client = client_for(cast.a_editor)
    html = client.get(reverse("materials:monitoring", args=[scenario.pk])).content.decode()
    assert html.count("table-warning") >= 2  # the month and the point's total
    response = client.post(
        reverse("materials:monitoring", args=[scenario.pk]),
        {"point": point.pk, "year": 2025, "month": 7, "reported_t": 5, "delivered_t": 5},
    )
    assert response.status_code == 302
    assert MonthlyQuantity.objects.filter(point=point).count() == 3
    client.post(reverse("materials:scenario_optimise", args=[scenario.pk]))
    pdf = client.get(reverse("materials:report_pdf", args=[scenario.pk]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    xlsx = client.get(reverse("materials:report_xlsx", args=[scenario.pk]))
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx.content))
    assert len(wb.sheetnames) >= 4


def test_outsider_sees_nothing(cast, client_for, scenario):
    client = client_for(cast.z_admin)
    assert client.get(reverse("materials:monitoring", args=[scenario.pk])).status_code == 404
    assert client.get(reverse("materials:report_pdf", args=[scenario.pk])).status_code == 404
    assert scenario.name not in client.get(reverse("materials:scenario_list")).content.decode()


def test_reconcile_api_answers_the_hand_computed_case(client):
    payload = {
        "flows": [
            {"id": "a", "source": None, "target": "P", "value": 10, "uncertainty": 1},
            {"id": "b", "source": None, "target": "P", "value": 5, "uncertainty": 1},
            {"id": "c", "source": "P", "target": None, "value": 17, "uncertainty": 1},
        ]
    }
    response = client.post("/api/v1/materials/reconcile/", payload, content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["degrees_of_freedom"] == 1 and data["accepted"] is True
    assert data["chi2"] == pytest.approx(4 / 3)
    assert {f["id"]: f["value"] for f in data["flows"]}["c"] == pytest.approx(16.3333333)


@pytest.mark.parametrize(
    "payload",
    [
        {"flows": []},
        {"flows": [{"id": "a", "target": "P", "value": -1, "uncertainty": 1}]},
        {"flows": [{"id": "a", "target": "P", "value": 1, "uncertainty": -1}]},
        {"flows": [{"id": "a", "target": "P", "value": 1}]},
        {
            "flows": [
                {"id": "a", "target": "P", "value": 1, "uncertainty": 0},
                {"id": "b", "source": "P", "value": 2, "uncertainty": 0},
            ]
        },
        {
            "flows": [{"id": "a", "target": "P", "value": 1, "uncertainty": 1}],
            "stock_changes": {"X": {"value": 1}},
        },
        {"flows": "nonsense"},
    ],
)
def test_reconcile_api_refuses_bad_input_without_500(client, payload):
    response = client.post("/api/v1/materials/reconcile/", payload, content_type="application/json")
    assert response.status_code == 400


def test_optimise_api(client):
    payload = {
        "points": [
            {"id": "p1", "municipality": "Nalbach", "quantity_t": 100, "lat": 49.38, "lon": 6.78},
            {"id": "p2", "municipality": "Saarlouis", "quantity_t": 200, "lat": 49.31, "lon": 6.75},
        ],
        "plants": [{"id": "x", "capacity_t": 400, "gate_fee": 30, "lat": 49.30, "lon": 6.72}],
        "pareto_steps": 3,
    }
    response = client.post(
        "/api/v1/materials/green-waste/optimise/", payload, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert {m["municipality"] for m in data["municipalities"]} == {"Nalbach", "Saarlouis"}
    assert sum(f["tonnes"] for f in data["flows"]) == pytest.approx(300)
    payload["plants"][0]["capacity_t"] = 250
    bad = client.post("/api/v1/materials/green-waste/optimise/", payload, content_type="application/json")
    assert bad.status_code == 400 and "50" in json.dumps(bad.json())
    payload["distances_km"] = [[1]]
    assert (
        client.post(
            "/api/v1/materials/green-waste/optimise/", payload, content_type="application/json"
        ).status_code
        == 400
    )


def test_optimise_api_caps_energy_and_charges_fixed_costs_to_the_owner(client):
    """Boiler of Saarlouis: 100 kW × 1,000 h = 100 MWh/a; 200 t × 0.5 × 2 MWh/t = 200 MWh possible."""
    payload = {
        "points": [{"id": "p", "municipality": "Nalbach", "quantity_t": 200, "lat": 49.38, "lon": 6.78}],
        "plants": [
            {
                "id": "b", "capacity_t": 500, "gate_fee": 10, "fixed_cost": 5000, "owner": "Saarlouis",
                "energy_mwh_per_t": 2, "woody_share": 0.5, "thermal_kw": 100, "full_load_hours": 1000,
                "lat": 49.30, "lon": 6.72,
            }
        ],
    }  # fmt: skip
    data = client.post(
        "/api/v1/materials/green-waste/optimise/", payload, content_type="application/json"
    ).json()
    assert data["energy_mwh"] == pytest.approx(100)
    assert data["plants"][0]["energy_capped"]
    rows = {m["municipality"]: m for m in data["municipalities"]}
    assert rows["Saarlouis"]["fixed_cost"] == pytest.approx(5000)


def test_plant_form_refuses_fixed_costs_of_a_third_party_plant_and_half_a_boiler(cast):
    from ikonnekt.materials.forms import PlantForm

    base = {"name": "X", "kind": "composting", "latitude": 49.3, "longitude": 6.7, "capacity_t": 100,
            "gate_fee": 40, "process_co2": 0, "energy_yield": 0, "woody_share": 0, "heat_ef": 240}  # fmt: skip
    form = PlantForm(data={**base, "fixed_cost": 1000})
    assert not form.is_valid() and "fixed_cost" in form.errors
    form = PlantForm(data={**base, "fixed_cost": 1000, "operator": cast.org_a.pk})
    assert form.is_valid(), form.errors
    form = PlantForm(data={**base, "fixed_cost": 0, "thermal_kw": 550})
    assert not form.is_valid() and "full_load_hours" in form.errors


def test_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/materials/reconcile/" in schema["paths"]
    assert "/api/v1/materials/green-waste/optimise/" in schema["paths"]
    assert "/api/v1/materials/systems/{id}/" in schema["paths"]


def test_demo_loads_twice_without_duplicates(db):
    from django.core.management import call_command

    call_command("load_demo", "--only", "materials", stdout=io.StringIO())
    call_command("load_demo", "--only", "materials", stdout=io.StringIO())
    assert MfaSystem.objects.count() == 2
    assert GreenWasteScenario.objects.count() == 1
    scenario = GreenWasteScenario.objects.get()
    assert scenario.points.count() == 9 and scenario.plants.count() == 4
    assert scenario.result["cooperation"]["saving"] > 0
    assert MonthlyQuantity.objects.filter(point__scenario=scenario).count() == 108


def test_demo_figures_agree_across_modules_and_name_true_sources(db):
    """District = sum of its 13 municipalities; the MFA's 2025 input for Saarlouis + Nalbach equals the
    scenario's points of the two; green waste per inhabitant inside the published Saarland range
    (about 67–87 kg); no figure is attributed to the workshop slides (the seed holds none of them)."""
    from django.core.management import call_command

    from ikonnekt.organizations.models import InhabitantCount, Organisation

    call_command("load_demo", "--only", "materials", stdout=io.StringIO())
    district = Organisation.objects.get(slug="landkreis-saarlouis")
    members = Organisation.objects.filter(parent=district)
    assert members.count() == 13
    assert district.inhabitants == sum(m.inhabitants for m in members) == 195_945
    assert district.area_km2 == pytest.approx(sum(m.area_km2 for m in members))
    nalbach = Organisation.objects.get(slug="nalbach")
    count = InhabitantCount.objects.get(organisation=nalbach)
    assert (count.inhabitants, str(count.reference_date)) == (9101, "2023-12-31")
    assert "Statistisches Amt Saarland" in count.source
    scenario = GreenWasteScenario.objects.get()
    points = scenario.points.select_related("municipality")
    two = sum(p.tonnes() for p in points if p.municipality.slug in ("saarlouis", "nalbach"))
    system = MfaSystem.objects.get(name__startswith="Grüngut-Stoffstrom")
    value = FlowValue.objects.get(flow__system=system, flow__name="Grüngut zur Aufbereitung", year=2025)
    assert value.value == pytest.approx(two, abs=0.5)
    for org in {p.municipality for p in points}:
        kg = sum(p.tonnes() for p in points if p.municipality == org) * 1000 / org.inhabitants
        assert 67 <= kg <= 90, (org.name, kg)  # 75 kg households + 12 kg own green waste
    assert not FlowValue.objects.filter(source__icontains="Workshop").exists()
    assert not FlowValue.objects.filter(source__icontains="seed").exists()


def test_large_scenario_runs_as_a_background_job(
    cast, client_for, scenario, monkeypatch, django_capture_on_commit_callbacks
):
    from ikonnekt.core.models import Job
    from ikonnekt.materials import views

    monkeypatch.setattr(views, "JOB_THRESHOLD", 0)
    client = client_for(cast.a_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("materials:scenario_optimise", args=[scenario.pk]))
    job = Job.objects.get(kind="materials.optimise")
    assert response.status_code == 302 and response.url == reverse("core:job_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert job.result_url == scenario.get_absolute_url()
    scenario.refresh_from_db()
    assert scenario.result["total_cost"] > 0


def _value_rows(system, year, **changes):
    data = {"v-TOTAL_FORMS": 0, "v-INITIAL_FORMS": 0}
    for i, flow in enumerate(system.flows.order_by("pk")):
        row = {
            "flow_id": flow.pk,
            "value": "",
            "unit": "t",
            "uncertainty": "",
            "uncertainty_is_percent": "on",
            "transfer_coefficient": "",
            "source": "",
            "quality": "measured",
        }
        row.update(changes.get(flow.name, {}))
        data.update({f"v-{i}-{k}": v for k, v in row.items()})
        data["v-TOTAL_FORMS"] += 1
    return data


def test_table_editor_saves_one_period_all_or_nothing(cast, client_for):
    client = client_for(cast.a_editor)
    client.post(
        reverse("materials:system_import"),
        {"owner": cast.org_a.pk, "file": upload("q.json", json.dumps(demo.quarter_system()).encode())},
    )
    system = MfaSystem.objects.get()
    url = reverse("materials:system_values", args=[system.pk]) + "?year=2025&layer=goods"
    assert client.get(url).status_code == 200
    assert client_for(cast.a_viewer).post(url, _value_rows(system, 2025)).status_code == 403
    client = client_for(cast.a_editor)
    both = _value_rows(system, 2025, **{"RC-Baustoffe": {"value": 5, "transfer_coefficient": 0.5}})
    assert client.post(url, both).status_code == 200
    assert FlowValue.objects.filter(flow__system=system).count() == 4
    rows = _value_rows(
        system,
        2025,
        **{
            "Neue Baustoffe": {"value": 1300, "uncertainty": 5},
            "RC-Baustoffe": {"value": 260, "uncertainty": 10},
        },
    )
    assert client.post(url, rows).status_code == 302
    values = {v.flow.name: v for v in FlowValue.objects.filter(flow__system=system)}
    assert set(values) == {"Neue Baustoffe", "RC-Baustoffe"}
    assert values["Neue Baustoffe"].value == 1300
    other = make_system(cast, owner=cast.org_a, created_by=cast.a_editor)
    foreign = _value_rows(other, 2025)
    foreign.update(
        {
            "v-TOTAL_FORMS": 1,
            "v-0-flow_id": values["RC-Baustoffe"].flow_id,
            "v-0-unit": "t",
            "v-0-quality": "measured",
        }
    )
    assert client.post(reverse("materials:system_values", args=[other.pk]), foreign).status_code == 403
    assert FlowValue.objects.filter(flow__system=system).count() == 2


def test_cost_split_by_inhabitants_shares_the_joint_cost(cast, client_for, scenario):
    client_for(cast.a_editor).post(reverse("materials:scenario_optimise", args=[scenario.pk]))
    scenario.refresh_from_db()
    coop = scenario.result["cooperation"]
    rows = {r["name"]: r for r in coop["rows"]}
    # A has 10,000 and B 30,000 inhabitants (test cast)
    assert rows["Gemeinde A"]["population"] == 10000
    assert rows["Gemeinde A"]["inhabitants"] == pytest.approx(coop["joint"] * 0.25)
    assert sum(r["tonnage"] for r in coop["rows"]) == pytest.approx(coop["joint"])


def test_capabilities_report_the_solver():
    from ikonnekt.materials.capabilities import capabilities

    assert capabilities()[0]["ok"] is True


def test_cost_split_uses_own_plants_and_explains_every_split_in_german(cast, client_for, scenario):
    """A owns the candidate site's neighbour plant; B's household point is the EVS's and not split."""
    scenario.plants.filter(name="Kandidat").update(candidate=False, operator=cast.org_a, fixed_cost=500)
    CollectionPoint.objects.create(
        scenario=scenario, name="Haushalte B", municipality=cast.org_b, latitude=49.35, longitude=6.81,
        quantity_t=50, responsibility="evs",
    )  # fmt: skip
    client = client_for(cast.a_editor)
    client.post(reverse("materials:scenario_optimise", args=[scenario.pk]))
    scenario.refresh_from_db()
    coop = scenario.result["cooperation"]
    rows = {r["name"]: r for r in coop["rows"]}
    # the EVS's 50 t are not part of B's tonnes in the split
    assert rows["Stadt B"]["tonnes"] == pytest.approx(600 * scenario.density_loose)
    assert rows["Gemeinde A"]["own_fixed_cost"] == pytest.approx(500)
    assert "nucleolus" in coop["splits"]
    assert sum(r["nucleolus"] for r in coop["rows"]) == pytest.approx(coop["joint"])
    assert scenario.result["responsibility"]["evs"]["tonnes"] == pytest.approx(50)
    html = client.get(scenario.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Wie wird das berechnet?" in html and "Nukleolus" in html
    assert "Der Tonnageschlüssel verteilt" in html and "Der Shapley-Wert belastet" in html
    assert "Der Kern ist" in html or "Gemeinsam zahlen die Kommunen mehr" in html
    assert "Emissionsfaktor der ersetzten Wärme: 250 kg CO2e/MWh" in html
    assert "Grüngut privater Haushalte in diesem Szenario: 50 t/a" in html
    for r in coop["rows"]:
        for key in coop["splits"]:
            if r[f"over_{key}"]:
                assert "mehr als allein" in html and "Bei dieser Aufteilung zahlen" in html


def test_no_split_when_a_municipality_has_no_plant_open_to_it(cast, client_for, scenario):
    """All plants belong to A: B cannot dispose of its green waste alone, so no fair split is defined."""
    scenario.plants.update(operator=cast.org_a)
    client = client_for(cast.a_editor)
    client.post(reverse("materials:scenario_optimise", args=[scenario.pk]))
    scenario.refresh_from_db()
    assert "Stadt B" in scenario.result["cooperation"]["error"]
    html = client.get(scenario.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "cost-split-error" in html and "können ihr eigenes Grüngut" in html
