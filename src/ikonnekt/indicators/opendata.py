"""Open data out: datasets as CSV and JSON, described after DCAT-AP.de.

Datasets: every indicator series, the secondary-materials listings and every criteria
catalogue. Downloads apply the sharing rule to every row (``visible_to``): anonymous visitors
and open-data portals get public rows only, signed-in users what they may see, never more.
The harvestable catalogue lists public datasets only.

Vocabularies (DCAT-AP.de 2.0, https://www.dcat-ap.de/def/): licences
``http://dcat-ap.de/def/licenses/<id>``, frequencies and file types from the EU Publications
Office authority tables, political geocoding by the official municipality key (AGS).
"""

import json

from django.urls import reverse
from django.utils import timezone

from ikonnekt.core import tabular

LICENCE_BASE = "http://dcat-ap.de/def/licenses/"
FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"
FILE_TYPE_BASE = "http://publications.europa.eu/resource/authority/file-type/"
THEME_BASE = "http://publications.europa.eu/resource/authority/data-theme/"
MEDIA_TYPE_BASE = "http://www.iana.org/assignments/media-types/"
GEOCODING_MUNICIPALITY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/"
GEOCODING_DISTRICT = "http://dcat-ap.de/def/politicalGeocoding/districtKey/"
DEFAULT_LICENCE = "dl-by-de/2.0"

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# --- CSV -------------------------------------------------------------------------------------


def write_csv(header, rows, *, german: bool = True) -> str:
    """German Excel CSV (semicolon, decimal comma, BOM) or plain CSV (comma, decimal point), through
    the platform's one export writer (``core.tabular``: formulas neutralised)."""
    return tabular.csv_text([header, *rows], language="de" if german else "en", bom=german)


# --- datasets --------------------------------------------------------------------------------


def series_table(series):
    """(header, rows) of a series: its current values with provenance."""
    header = ["year", "value", "unit", "calculation", "calculation_version", "factor_set", "computed_at"]
    rows = [
        [
            v.year,
            v.value,
            series.unit,
            v.calculation,
            v.calculation_version,
            v.factor_set,
            v.computed_at.isoformat(),
        ]
        for v in series.current_values()
    ]
    return header, rows


def series_json(series, request=None) -> dict:
    return {
        "metadata": series_dataset(series, request),
        "values": [
            {
                "year": v.year,
                "value": v.value,
                "unit": series.unit,
                "provenance": {
                    "module": series.feed.split(".", 1)[0],
                    "feed": series.feed,
                    "source": series.source_label,
                    "calculation": v.calculation,
                    "calculation_version": v.calculation_version,
                    "inputs": v.inputs,
                    "factor_set": v.factor_set,
                    "computed_at": v.computed_at.isoformat(),
                },
            }
            for v in series.current_values()
        ],
    }


def listings_table(user):
    from ikonnekt.market.models import Listing

    qs = (
        Listing.objects.visible_to(user)
        .filter(status="approved", valid_until__gte=timezone.localdate())
        .select_related("waste_code", "municipality")
        .order_by("pk")
    )
    header = [
        "chiffre",
        "kind",
        "material",
        "waste_code",
        "quantity",
        "unit",
        "recurrence",
        "municipality",
        "valid_until",
    ]
    rows = [
        [
            li.chiffre,
            li.kind,
            li.title,
            li.waste_code.code if li.waste_code_id else "",
            float(li.quantity),
            li.unit,
            li.recurrence,
            li.municipality.name if li.municipality_id else "",
            li.valid_until.isoformat() if li.valid_until else "",
        ]
        for li in qs
    ]
    return header, rows


def catalogue_table(catalogue):
    header = [
        "code",
        "parent",
        "kind",
        "title",
        "sdgs",
        "implementer",
        "indicator",
        "unit",
        "target_1",
        "target_2",
        "target_3",
        "weight",
    ]
    nodes = list(catalogue.nodes.select_related("parent").order_by("order", "code"))
    rows = [
        [
            n.code,
            n.parent.code if n.parent_id else "",
            n.kind,
            n.title,
            ", ".join(str(s) for s in n.sdgs),
            n.implementer,
            n.indicator,
            n.unit,
            n.target_1,
            n.target_2,
            n.target_3,
            float(n.weight),
        ]
        for n in nodes
    ]
    return header, rows


# --- DCAT-AP.de ------------------------------------------------------------------------------


def _abs(request, path):
    return request.build_absolute_uri(path) if request is not None else path


def publisher(org) -> dict:
    """The organisation that publishes; the platform itself when no district runs it."""
    return {"@type": "foaf:Organization", "foaf:name": org.name if org is not None else "iKonnekt"}


def spatial(org) -> dict | None:
    if org is None:
        return None
    place = {"@type": "dct:Location", "locn:geographicName": org.name}
    ags = (getattr(org, "ags", "") or "").strip()
    if ags:
        base = GEOCODING_DISTRICT if len(ags) == 5 else GEOCODING_MUNICIPALITY
        place["@id"] = base + ags
    return place


def temporal(years) -> dict | None:
    years = sorted(years)
    if not years:
        return None
    return {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": {"@value": f"{years[0]}-01-01", "@type": "xsd:date"},
        "dcat:endDate": {"@value": f"{years[-1]}-12-31", "@type": "xsd:date"},
    }


def distributions(request, csv_url, json_url, licence, title) -> list:
    licence_uri = {"@id": LICENCE_BASE + licence}
    return [
        {
            "@type": "dcat:Distribution",
            "dct:title": f"{title} (CSV)",
            "dcat:accessURL": {"@id": _abs(request, csv_url)},
            "dcat:downloadURL": {"@id": _abs(request, csv_url)},
            "dct:format": {"@id": FILE_TYPE_BASE + "CSV"},
            "dcat:mediaType": {"@id": MEDIA_TYPE_BASE + "text/csv"},
            "dct:license": licence_uri,
        },
        {
            "@type": "dcat:Distribution",
            "dct:title": f"{title} (JSON)",
            "dcat:accessURL": {"@id": _abs(request, json_url)},
            "dcat:downloadURL": {"@id": _abs(request, json_url)},
            "dct:format": {"@id": FILE_TYPE_BASE + "JSON"},
            "dcat:mediaType": {"@id": MEDIA_TYPE_BASE + "application/json"},
            "dct:license": licence_uri,
        },
    ]


def _dataset(
    request, *, url, title, description, org, licence, frequency, years, region, theme, modified, keywords
):
    data = {
        "@id": _abs(request, url),
        "@type": "dcat:Dataset",
        "dct:identifier": _abs(request, url),
        "dct:title": title,
        "dct:description": description or title,
        "dct:publisher": publisher(org),
        "dct:license": {"@id": LICENCE_BASE + licence},
        "dct:accrualPeriodicity": {"@id": FREQUENCY_BASE + frequency},
        "dcat:theme": [{"@id": THEME_BASE + theme}],
        "dcat:keyword": keywords,
        "dcat:landingPage": {"@id": _abs(request, url)},
        "dct:modified": {"@value": modified.isoformat(), "@type": "xsd:dateTime"},
    }
    period = temporal(years)
    if period:
        data["dct:temporal"] = period
    place = spatial(region)
    if place:
        data["dct:spatial"] = place
        if place.get("@id"):
            data["dcatde:politicalGeocodingURI"] = {"@id": place["@id"]}
    return data


THEMES = {"materials": "ENVI", "energy": "ENER", "market": "ECON"}


def series_dataset(series, request=None) -> dict:
    url = series.get_absolute_url()
    data = _dataset(
        request,
        url=url,
        title=str(series),
        description=series.description,
        org=series.owner,
        licence=series.licence,
        frequency=series.update_frequency,
        years=list(series.current_values().values_list("year", flat=True)),
        region=series.region,
        theme=THEMES.get(series.feed.split(".", 1)[0], "ENVI"),
        modified=series.last_computed_at or series.updated_at,
        keywords=["iKonnekt", "Indikator", series.feed.split(".", 1)[0]],
    )
    data["dcat:distribution"] = distributions(
        request,
        reverse("indicators:series_csv", args=[series.pk]),
        reverse("indicators:series_json", args=[series.pk]),
        series.licence,
        str(series),
    )
    return data


def listings_dataset(request, operator) -> dict:
    from ikonnekt.market.models import Listing

    modified = (
        Listing.objects.filter(visibility="public")
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    data = _dataset(
        request,
        url=reverse("indicators:opendata"),
        title="Sekundärrohstoffbörse: aktive Angebote und Gesuche",
        description="Öffentliche Angebote und Gesuche der Sekundärrohstoffbörse (Chiffre, Material, AVV-Schlüssel, Menge).",
        org=operator,
        licence=DEFAULT_LICENCE,
        frequency="IRREG",
        years=[],
        region=operator,
        theme="ENVI",
        modified=modified or timezone.now(),
        keywords=["Sekundärrohstoffe", "Kreislaufwirtschaft", "AVV"],
    )
    data["@id"] = _abs(request, reverse("indicators:listings_json"))
    data["dct:identifier"] = data["@id"]
    data["dcat:distribution"] = distributions(
        request,
        reverse("indicators:listings_csv"),
        reverse("indicators:listings_json"),
        DEFAULT_LICENCE,
        "Angebote",
    )
    return data


def catalogue_dataset(request, catalogue) -> dict:
    data = _dataset(
        request,
        url=catalogue.get_absolute_url(),
        title=catalogue.title,
        description=catalogue.description,
        org=catalogue.owner,
        licence=DEFAULT_LICENCE,
        frequency="IRREG",
        years=[],
        region=None,
        theme="ENVI",
        modified=catalogue.updated_at,
        keywords=["Kriterienkatalog", "Nachhaltigkeit", "Gewerbegebiet"],
    )
    data["dcat:distribution"] = distributions(
        request,
        reverse("indicators:catalogue_csv", args=[catalogue.pk]),
        reverse("indicators:catalogue_json", args=[catalogue.pk]),
        DEFAULT_LICENCE,
        catalogue.title,
    )
    return data


def catalog(request, operator) -> dict:
    """The harvestable DCAT-AP.de catalogue: public datasets only."""
    from ikonnekt.assessment.models import Catalogue
    from ikonnekt.indicators.models import IndicatorSeries

    datasets = [
        series_dataset(s, request)
        for s in IndicatorSeries.objects.visible_to(None).select_related("owner", "region").order_by("pk")
    ]
    datasets += [
        catalogue_dataset(request, c)
        for c in Catalogue.objects.visible_to(None)
        .filter(status="published")
        .select_related("owner")
        .order_by("pk")
    ]
    datasets.append(listings_dataset(request, operator))
    return {
        "@context": CONTEXT,
        "@id": _abs(request, reverse("indicators:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": "iKonnekt – offene Daten der Kreislaufregion",
        "dct:description": "Indikatoren, Kriterienkataloge und Angebote der Sekundärrohstoffbörse, nach DCAT-AP.de beschrieben.",
        "dct:publisher": publisher(operator)
        if operator
        else {"@type": "foaf:Organization", "foaf:name": "iKonnekt"},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
        "dct:license": {"@id": LICENCE_BASE + DEFAULT_LICENCE},
        "foaf:homepage": {"@id": _abs(request, reverse("indicators:opendata"))},
        "dcat:dataset": datasets,
    }


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
