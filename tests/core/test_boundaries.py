"""The offline map background: boundaries shipped with the app (core/boundaries.py,
static/ikonnekt/geo/) and how pages hand them, or the configured tiles, to the maps."""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from shapely.geometry import Point, shape

GEO = Path(__file__).resolve().parents[2] / "src/ikonnekt/static/ikonnekt/geo"

# The 13 municipalities of the Landkreis Saarlouis as the BKG names them (GEN).
SAARLOUIS = {
    "Bous",
    "Dillingen/Saar",
    "Ensdorf",
    "Lebach",
    "Nalbach",
    "Rehlingen-Siersburg",
    "Saarlouis",
    "Saarwellingen",
    "Schmelz",
    "Schwalbach",
    "Überherrn",
    "Wadgassen",
    "Wallerfangen",
}


@pytest.fixture(scope="module")
def collection():
    return json.loads((GEO / "boundaries.geojson").read_text(encoding="utf-8"))


def by_kind(collection, kind):
    return [f for f in collection["features"] if f["properties"]["kind"] == kind]


def test_shipped_file_is_small_and_states_its_licence(collection):
    assert (GEO / "boundaries.geojson").stat().st_size < 300_000
    assert collection["type"] == "FeatureCollection"
    note = collection["attribution"]["text"]
    assert note == "© GeoBasis-DE / BKG 2021 (Daten verändert)"
    assert collection["attribution"]["licence"] == "dl-de/by-2-0"
    readme = (GEO / "README.md").read_text(encoding="utf-8")
    licence = (GEO / "LICENSE.txt").read_text(encoding="utf-8")
    assert note in readme and note in licence
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in licence
    assert "What was changed" in readme


def test_home_district_holds_the_13_municipalities_of_landkreis_saarlouis(collection):
    home = [f for f in by_kind(collection, "municipality") if f["properties"].get("home")]
    assert {f["properties"]["name"] for f in home} == SAARLOUIS
    # Regional keys of the Landkreis Saarlouis begin with 10 (Saarland) 0 (no Regierungsbezirk) 44.
    assert all(f["properties"]["ars"].startswith("10044") for f in home)
    (district,) = [f for f in by_kind(collection, "district") if f["properties"].get("home")]
    assert district["properties"]["name"] == "Saarlouis"
    outline = shape(district["geometry"])
    for feature in home:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid, feature["properties"]["name"]
        assert outline.contains(geometry.representative_point()), feature["properties"]["name"]


def test_boundaries_lie_where_the_district_is(collection):
    """Landkreis Saarlouis spans about 6.5–7.0° E and 49.2–49.5° N (topographic map); a swapped
    longitude/latitude or an unconverted Gauß-Krüger coordinate lands far outside."""
    (district,) = [f for f in by_kind(collection, "district") if f["properties"].get("home")]
    west, south, east, north = shape(district["geometry"]).bounds
    assert 6.45 < west < 6.6 and 6.9 < east < 7.05
    assert 49.15 < south < 49.25 and 49.45 < north < 49.55
    (state,) = by_kind(collection, "state")
    assert state["properties"]["name"] == "Saarland"
    assert shape(state["geometry"]).contains(shape(district["geometry"]).representative_point())


@pytest.mark.parametrize(
    "name, lat, lon",
    [
        # Approximate town-hall positions, known independently of the BKG data.
        ("Saarlouis", 49.3135, 6.7519),
        ("Lebach", 49.4106, 6.9100),
        ("Nalbach", 49.3800, 6.7820),
        ("Erfurt", 50.9780, 11.0290),
        ("Spremberg", 51.5700, 14.3790),
        ("Eisenhüttenstadt", 52.1450, 14.6420),
    ],
)
def test_a_town_hall_lies_in_its_municipality(collection, name, lat, lon):
    (feature,) = [f for f in by_kind(collection, "municipality") if f["properties"]["name"] == name]
    assert shape(feature["geometry"]).contains(Point(lon, lat))


def test_map_page_draws_the_shipped_boundaries_without_a_tile_server(cast, client_for, settings):
    settings.MAP_TILES_URL = ""
    html = client_for(cast.a_editor).get(reverse("market:profile_list")).content.decode()
    assert 'data-map="' in html
    assert 'data-boundaries="/static/ikonnekt/geo/boundaries.geojson"' in html
    assert 'data-tiles=""' in html
    # The attribution control gets the licence's source note, linked as the BKG asks, in German.
    assert "data-boundaries-attribution=" in html
    assert "Verwaltungsgrenzen: &lt;a href=&quot;https://www.bkg.bund.de&quot;&gt;" in html
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in html
    assert "https://www.govdata.de/dl-de/by-2-0" in html


def test_attribution_is_translated():
    from django.utils import translation

    from ikonnekt.core import boundaries

    with translation.override("en"):
        assert boundaries.attribution_html().startswith("Boundaries: <a href=")
    with translation.override("de"):
        assert boundaries.attribution_html().startswith("Verwaltungsgrenzen: <a href=")


def test_map_page_uses_the_tiles_when_a_tile_server_is_configured(cast, client_for, settings):
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "© Kreis-GIS"
    html = client_for(cast.a_editor).get(reverse("market:profile_list")).content.decode()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-attribution="© Kreis-GIS"' in html
    assert "data-boundaries" not in html


def test_tiles_of_a_configured_server_are_allowed_images(cast, client_for, settings):
    """The page's Content-Security-Policy lets the browser load the tiles (img-src)."""
    settings.MAP_TILES_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    response = client_for(cast.a_editor).get(reverse("market:profile_list"))
    (img_src,) = [d for d in response["Content-Security-Policy"].split("; ") if d.startswith("img-src")]
    assert img_src == "img-src 'self' data: blob: https://*.tiles.example.org"
    settings.MAP_TILES_URL = ""
    response = client_for(cast.a_editor).get(reverse("market:profile_list"))
    assert "img-src 'self' data: blob:;" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url, source",
    [
        ("https://gis.kreis-saarlouis.example/tiles/{z}/{x}/{y}.png", "https://gis.kreis-saarlouis.example"),
        ("http://localhost:8080/{z}/{x}/{y}.png", "http://localhost:8080"),
        ("/tiles/{z}/{x}/{y}.png", ""),  # our own origin: 'self' covers it
        ("", ""),
    ],
)
def test_tile_source_is_the_origin_of_the_tile_template(url, source):
    from ikonnekt.core.middleware import tile_source

    assert tile_source(url) == source


def test_town_halls_inside_the_boundaries_are_left_to_them(cast, client_for):
    """The places layer names only municipalities the boundaries do not draw."""
    from ikonnekt.organizations.models import Organisation

    Organisation.objects.create(
        name="Gemeinde Nalbach (Test)",
        slug="nalbach-test",
        kind="municipality",
        latitude=49.38,
        longitude=6.782,
    )
    Organisation.objects.create(
        name="Stadt Trier (Test)", slug="trier-test", kind="municipality", latitude=49.756, longitude=6.641
    )
    data = client_for(None).get(reverse("places")).json()
    names = {f["properties"]["name"] for f in data["features"]}
    assert "Stadt Trier (Test)" in names
    assert "Gemeinde Nalbach (Test)" not in names


def test_demo_municipalities_carry_the_official_key_of_their_name(collection):
    """The AGS (Land, Regierungsbezirk, Kreis, Gemeinde: the ARS without the Verband digits) of
    every demo municipality names the same municipality in the BKG data."""
    from ikonnekt.organizations import demo
    from ikonnekt.organizations import demo_statistics as stats

    by_ags = {
        f["properties"]["ars"][:5] + f["properties"]["ars"][-3:]: f["properties"]["name"]
        for f in by_kind(collection, "municipality")
    }
    checked = 0
    for slug, name, _code, kind, ags, *_rest in demo.ORGANISATIONS:
        if kind != "municipality":
            continue
        ags = stats.MUNICIPALITIES.get(slug, (ags,))[0]  # the loader takes the statistics' key
        assert by_ags.get(ags) and by_ags[ags].split("/")[0] in name, (slug, ags, by_ags.get(ags))
        checked += 1
    assert checked == 16  # 13 in the Landkreis Saarlouis and 3 transfer municipalities
