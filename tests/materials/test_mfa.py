"""Layers, unit conversion, analysis and the XLSX/JSON exchange format."""

import pytest

from ikonnekt.materials import demo, mfa, mfa_io
from ikonnekt.materials.reconciliation import ReconciliationError


def small(**flow_extra):
    return mfa_io.validate(
        {
            "name": "Test",
            "processes": [{"name": "P"}],
            "flows": [
                {"name": "in", "target": "P", **flow_extra},
                {"name": "out", "source": "P", "heating_value": 2.0, "carbon": 250},
            ],
            "values": [
                {"flow": "in", "year": 2025, "value": 100, "unit": "m3", "uncertainty": 10},
                {"flow": "out", "year": 2025, "value": 30, "unit": "t", "uncertainty": 10},
            ],
        }
    )


def test_cubic_metres_are_converted_with_the_bulk_density():
    analysis = mfa.analyse(small(bulk_density=0.3), 2025, "goods")
    rows = {r["id"]: r for r in analysis["flows"]}
    assert rows["in"]["measured"] == pytest.approx(30)
    assert rows["in"]["measured_sigma"] == pytest.approx(3)
    assert analysis["chi2"] == pytest.approx(0)


def test_cubic_metres_without_bulk_density_are_a_unit_mismatch():
    with pytest.raises(ReconciliationError) as exc:
        mfa.analyse(small(), 2025, "goods")
    assert "Schüttdichte" in exc.value.messages[0]


def test_energy_and_substance_layers_are_derived_from_goods():
    data = small(bulk_density=0.3)
    energy = {r["id"]: r for r in mfa.analyse(data, 2025, "energy")["flows"]}
    assert energy["out"]["measured"] == pytest.approx(60)  # 30 t × 2 MWh/t
    carbon = {r["id"]: r for r in mfa.analyse(data, 2025, "C")["flows"]}
    assert carbon["out"]["measured"] == pytest.approx(7.5)  # 30 t × 250 kg/t
    assert carbon["in"]["value"] == pytest.approx(7.5)  # computed from the balance


def test_demo_system_reconciles_and_carries_stocks_over():
    data = mfa_io.validate(demo.green_waste_system())
    analyses = [mfa.analyse(data, y, "goods") for y in (2024, 2025)]
    assert all(a["accepted"] for a in analyses)
    for a in analyses:
        assert all(b["residual"] is None or abs(b["residual"]) < 1e-6 for b in a["balances"])
    stocks = mfa.stock_series(data, analyses)
    compost = stocks["Kompostierung"]
    assert compost[1]["stock"] == pytest.approx(1200 + compost[0]["change"] + compost[1]["change"])
    option = mfa.sankey_option(analyses[1], "t/a")
    assert option["series"][0]["type"] == "sankey"
    assert all(link["value"] > 0 for link in option["series"][0]["links"])


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda d: d["flows"].append({"name": "x", "source": "Nirgendwo"}),
            "unbekannter Prozess „Nirgendwo“",
        ),
        (lambda d: d["values"].append({"flow": "in", "year": 2025, "value": -5}), "Blatt values, Zeile"),
        (lambda d: d["values"].append({"flow": "out", "year": "zwanzig", "value": 5}), "year"),
        (
            lambda d: d["values"].append({"flow": "in", "year": 2025, "value": 1, "unit": "kg"}),
            "unbekannte Einheit",
        ),
        (lambda d: d["values"].append({"flow": "in", "year": 2025, "value": 1}), "zwei Werte"),
        (lambda d: d["values"].append({"flow": "in", "year": 2024}), "Wert oder einen Transferkoeffizienten"),
    ],
)
def test_validation_names_sheet_row_and_column(change, expected):
    data = {
        "name": "T",
        "processes": [{"name": "P"}],
        "flows": [{"name": "in", "target": "P"}, {"name": "out", "source": "P"}],
        "values": [{"flow": "in", "year": 2025, "value": 10}],
    }
    change(data)
    with pytest.raises(mfa_io.ImportError_) as exc:
        mfa_io.validate(data)
    assert expected in " ".join(exc.value.messages)


def test_xlsx_round_trip_keeps_everything():
    data = mfa_io.validate(demo.green_waste_system())
    back = mfa_io.validate(mfa_io.from_xlsx(mfa_io.to_xlsx(data)))
    for key in ("processes", "flows", "values", "stocks", "first_year", "last_year", "name"):
        assert back[key] == data[key], key


def test_broken_xlsx_is_refused_in_plain_words():
    with pytest.raises(mfa_io.ImportError_) as exc:
        mfa_io.from_xlsx(b"PK\x03\x04 not really a zip")
    assert "XLSX" in exc.value.messages[0]


def _is_acyclic(links):
    succ = {}
    for link in links:
        succ.setdefault(link["source"], set()).add(link["target"])
    seen, path = set(), set()

    def visit(n):
        if n in path:
            return False
        if n in seen:
            return True
        path.add(n)
        ok = all(visit(m) for m in succ.get(n, ()))
        path.discard(n)
        seen.add(n)
        return ok

    return all(visit(n) for n in list(succ))


def test_sankey_of_nalbachs_quarter_with_a_recycling_loop_is_drawn_not_blank():
    """GIVEN Nalbach's demo system, where RC building material flows back into the building stock
    WHEN the Sankey option is built
    THEN every flow is a link, the drawn graph has no cycle (ECharts stays blank on one)
    and the back-flow is drawn into a "return flow" node that names its real target."""
    data = mfa_io.validate(demo.quarter_system())
    analysis = mfa.analyse(data, 2025, "goods")
    series = mfa.sankey_option(analysis, "t/a")["series"][0]
    links = series["links"]
    positive = [r for r in analysis["flows"] if not r["is_stock"] and r["value"] and r["value"] > 0]
    assert len(links) == len(positive) == 4
    assert _is_acyclic(links)
    back = [link for link in links if link.get("back_flow")]
    assert len(back) == 1
    # depth-first from the import: Import → Gebäudebestand → Aufbereitung → (back) Gebäudebestand
    assert back[0]["flow"] == "RC-Baustoffe" and back[0]["back_to"] == "Gebäudebestand"
    assert back[0]["target"] != "Gebäudebestand"
    node_names = {n["name"] for n in series["data"]}
    assert {link["source"] for link in links} | {link["target"] for link in links} <= node_names


def test_back_edges_break_every_cycle_including_self_loops():
    edges = [("in", "a"), ("a", "b"), ("b", "c"), ("c", "a"), ("b", "b"), ("c", "out")]
    back = mfa.back_edges(edges)
    assert back == {("c", "a"), ("b", "b")}
    assert mfa.back_edges([("in", "a"), ("a", "out")]) == set()
