"""Open data out: DCAT-AP.de catalogue fields, CSV/JSON downloads that apply the sharing rule."""

import json

import pytest
from django.urls import reverse

from ikonnekt.indicators import opendata
from tests.indicators.factories import make_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_series(cast):
    cast.org_a.ags = "10044115"
    cast.org_a.save()
    series = make_series(cast, owner=cast.org_a, visibility="public", created_by=cast.a_editor)
    series.region = cast.org_a
    series.update_frequency = "ANNUAL"
    series.description = "Getauschte Sekundärrohstoffe"
    series.save()
    return series


def _datasets(client):
    response = client.get(reverse("indicators:catalog"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


def test_catalogue_lists_public_series_with_dcat_ap_de_fields(cast, client, public_series):
    catalog = _datasets(client)
    assert catalog["@type"] == "dcat:Catalog"
    assert catalog["@context"]["dcatde"] == "http://dcat-ap.de/def/dcatde/"
    [ds] = [d for d in catalog["dcat:dataset"] if d["@id"].endswith(public_series.get_absolute_url())]
    assert ds["dct:title"] == "Über die Sekundärrohstoffbörse getauschte Tonnen"  # the feed's title, German
    assert ds["@type"] == "dcat:Dataset"
    assert ds["dct:description"] == "Getauschte Sekundärrohstoffe"
    assert ds["dct:publisher"] == {"@type": "foaf:Organization", "foaf:name": cast.org_a.name}
    assert ds["dct:license"] == {"@id": "http://dcat-ap.de/def/licenses/dl-by-de/2.0"}
    assert ds["dct:accrualPeriodicity"] == {
        "@id": "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
    }
    assert ds["dct:temporal"]["dcat:startDate"]["@value"] == "2025-01-01"
    assert ds["dct:temporal"]["dcat:endDate"]["@value"] == "2025-12-31"
    assert ds["dct:spatial"]["locn:geographicName"] == cast.org_a.name
    assert ds["dcatde:politicalGeocodingURI"] == {
        "@id": "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/10044115"
    }
    formats = {d["dct:format"]["@id"].rsplit("/", 1)[1] for d in ds["dcat:distribution"]}
    assert formats == {"CSV", "JSON"}
    assert all(d["dcat:downloadURL"]["@id"].startswith("http://testserver/") for d in ds["dcat:distribution"])


def test_catalogue_never_lists_what_is_not_public(cast, client_for, public_series):
    hidden = make_series(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    for user in (cast.anonymous, cast.a_admin):
        ids = {d["@id"] for d in _datasets(client_for(user))["dcat:dataset"]}
        assert any(i.endswith(public_series.get_absolute_url()) for i in ids)
        assert not any(i.endswith(hidden.get_absolute_url()) for i in ids)


@pytest.mark.parametrize(
    ("user", "visibility", "status"),
    [
        ("anonymous", "public", 200),
        ("anonymous", "platform", 404),
        ("z_admin", "platform", 200),
        ("z_admin", "cooperation", 404),
        ("b_viewer", "cooperation", 200),
        ("z_admin", "private", 404),
        ("a_viewer", "private", 200),
    ],
)
def test_series_downloads_follow_the_sharing_rule(cast, client_for, user, visibility, status):
    shared = [cast.coop] if visibility == "cooperation" else []
    series = make_series(
        cast, owner=cast.org_a, visibility=visibility, created_by=cast.a_editor, shared_with=shared
    )
    client = client_for(cast.user(user))
    for name in ("indicators:series_csv", "indicators:series_json"):
        assert client.get(reverse(name, args=[series.pk])).status_code == status


def test_series_csv_is_german_excel_csv_with_provenance(cast, client, public_series):
    text = client.get(reverse("indicators:series_csv", args=[public_series.pk])).content.decode("utf-8-sig")
    header, row = text.strip().split("\r\n")
    assert header.split(";")[:3] == ["year", "value", "unit"]
    assert row.split(";")[:3] == ["2025", "12,5", "t/a"]


def test_series_json_carries_provenance(cast, client, public_series):
    data = json.loads(client.get(reverse("indicators:series_json", args=[public_series.pk])).content)
    [value] = data["values"]
    assert value["value"] == 12.5
    assert value["provenance"]["module"] == "market"
    assert value["provenance"]["calculation_version"] == "1"
    assert data["metadata"]["dct:license"]["@id"].endswith("dl-by-de/2.0")


def test_csv_neutralises_spreadsheet_formulas():
    text = opendata.write_csv(["a"], [['=HYPERLINK("x")'], ["-1"], [-1.5]])
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[1].startswith("'=") or lines[1].startswith("\"'=")
    assert lines[2] == "'-1"
    assert lines[3] == "-1,5"  # numbers stay numbers


def test_listings_export_covers_only_visible_listings_and_no_lister_names(cast, client_for):
    import datetime as dt
    from decimal import Decimal

    from ikonnekt.market.models import Listing, WasteCode

    code = WasteCode.objects.filter(level="entry").first() or WasteCode.objects.create(
        code="170101", title="Beton", level="entry"
    )
    common = dict(
        owner=cast.org_a, kind="offer", waste_code=code, quantity=Decimal("5"), municipality=cast.org_a,
        valid_until=dt.date(2099, 1, 1), status="approved",
    )  # fmt: skip
    Listing.objects.create(title="Öffentlicher Betonbruch", visibility="public", chiffre="P-1", **common)
    Listing.objects.create(title="Interner Betonbruch", visibility="private", chiffre="I-1", **common)
    anonymous = client_for(cast.anonymous).get(reverse("indicators:listings_csv")).content.decode("utf-8-sig")
    member = client_for(cast.a_viewer).get(reverse("indicators:listings_csv")).content.decode("utf-8-sig")
    assert "Öffentlicher Betonbruch" in anonymous and "Interner Betonbruch" not in anonymous
    assert "Interner Betonbruch" in member
    assert cast.org_a.name not in anonymous.split("\r\n")[1].split(";")[:3]
