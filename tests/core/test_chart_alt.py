"""Charts and maps carry their data as text (WCAG 1.1.1); badge colours reach 4.5:1 (1.4.3)."""

from django.template import Context, Template
from django.utils import translation

from ikonnekt.core.chart_alt import MAX_ROWS, chart_table, map_items
from ikonnekt.core.contrast import contrast_ratio, text_colour_on
from ikonnekt.energy.charts import monthly_bars, ranking
from ikonnekt.reference.sdg import SDG_COLOURS


def test_a_bar_chart_becomes_a_table_of_categories_and_series_in_german_numbers():
    options = monthly_bars([1234.4] * 12, [None] + [900] * 11, 2025)
    with translation.override("de"):
        table = chart_table(options)
    assert table.headers == ["", "2024 (kWh)", "2025 (kWh)"]
    assert table.rows[0] == ["Jan", "–", "1.234"]
    assert table.rows[1] == ["Feb", "900", "1.234"]
    assert len(table.rows) == 12


def test_a_horizontal_ranking_reads_the_category_axis_and_item_values():
    options = ranking([("Rathaus", 120.56, "high"), ("Schule", 80.0, "good")])
    with translation.override("de"):
        table = chart_table(options)
    assert table.headers == ["", "kWh/(m²·a)"]
    assert table.rows == [["Schule", "80"], ["Rathaus", "120,6"]]


def test_radar_pie_and_sankey():
    radar = {
        "radar": {"indicator": [{"name": "Energie"}, {"name": "Wasser"}]},
        "series": [{"type": "radar", "data": [{"name": "2024", "value": [50, 75.5]}]}],
    }
    with translation.override("en"):
        assert chart_table(radar).rows == [["Energie", "50"], ["Wasser", "75.5"]]
    pie = {
        "series": [{"type": "pie", "data": [{"name": "Region", "value": 3}, {"name": "außen", "value": 1}]}]
    }
    assert chart_table(pie).rows == [["Region", "3"], ["außen", "1"]]
    sankey = {"series": [{"type": "sankey", "links": [{"source": "A", "target": "B", "value": 2}]}]}
    table = chart_table(sankey)
    assert table.rows == [["A", "B", "2"]]
    assert len(table.headers) == 3


def test_point_series_and_long_series_give_a_summary():
    options = {
        "xAxis": {"type": "time"},
        "yAxis": {"type": "value", "name": "kW"},
        "series": [{"type": "line", "data": [[f"2025-01-0{i % 9 + 1}", i] for i in range(MAX_ROWS + 1)]}],
    }
    with translation.override("en"):
        table = chart_table(options)
    assert table.rows == []
    # 0..400: smallest 0, largest 400, mean 200
    assert "401 data points of kW: smallest 0, largest 400, mean 200" in table.summary
    short = {**options, "series": [{"type": "line", "data": [["2025-01-02", 1.5]]}]}
    with translation.override("de"):
        assert chart_table(short).rows == [["02.01.2025", "1,5"]]


def test_no_series_no_table():
    assert chart_table(None) is None
    assert chart_table({"series": []}) is None


def test_map_items_list_named_features_and_lines():
    cfg = {
        "geojson": {
            "type": "FeatureCollection",
            "features": [
                {"properties": {"name": "Rathaus", "url": "/energy/1/", "info": "120 kWh"}},
                {"properties": {}},
            ],
        },
        "lines": [{"name": "Route A → B", "coords": []}],
    }
    assert [(i.name, i.url, i.info) for i in map_items(cfg)] == [
        ("Rathaus", "/energy/1/", "120 kWh"),
        ("Route A → B", "", ""),
    ]


def test_chart_tag_names_the_picture_and_adds_the_table():
    html = Template('{% load ikonnekt %}{% chart opts "c1" "Wärme" height="200px" %}').render(
        Context({"opts": monthly_bars([1] * 12, [2] * 12, 2025)})
    )
    assert 'role="img" aria-label="Wärme"' in html
    assert '<script id="c1" type="application/json">' in html
    assert "<details" in html and '<th scope="row" class="fw-normal">Jan</th>' in html


def test_map_tag_lists_what_the_map_shows():
    cfg = {"geojson": {"features": [{"properties": {"name": "Lebach", "url": "/x/"}}]}}
    html = Template('{% load ikonnekt %}{% map_with_list cfg "m1" "Karte" %}').render(Context({"cfg": cfg}))
    assert 'aria-label="Karte"' in html
    assert '<a href="/x/">Lebach</a>' in html


def test_contrast_ratio_matches_wcag_examples():
    # WCAG: black on white is 21:1; #767676 on white is the well-known 4.54:1.
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54


def test_every_sdg_badge_reaches_4_5_to_1():
    for number, colour in SDG_COLOURS.items():
        assert contrast_ratio(colour, text_colour_on(colour)) >= 4.5, number


def test_the_navigation_text_reaches_4_5_to_1_on_the_green_bar():
    # rgba(255,255,255,.92) over #1d5c4d blends to #eef3f1 (0.92*255 + 0.08*channel).
    bg = (0x1D, 0x5C, 0x4D)
    blended = "#" + "".join(f"{round(0.92 * 255 + 0.08 * c):02x}" for c in bg)
    assert contrast_ratio(blended, "#1d5c4d") >= 4.5


def test_links_and_outline_buttons_reach_4_5_to_1_on_card_headers():
    # A card header is rgba(33,37,41,.03) over white: 0.97*255 + 0.03*(33,37,41) = #f8f8f8 (rounded).
    header = "#" + "".join(f"{round(0.97 * 255 + 0.03 * c):02x}" for c in (33, 37, 41))
    for colour in ("#0a58ca", "#565e64"):
        assert contrast_ratio(colour, header) >= 4.5, colour
