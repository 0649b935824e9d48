import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from ikonnekt.market.models import BusinessProfile, Label, LabelClaim, Product, ProductVariant
from tests.market.factories import make_profile

pytestmark = pytest.mark.django_db

PAGES = [
    "market:home",
    "market:profile_list",
    "market:product_list",
    "market:event_list",
    "market:event_ical",
    "market:cycle_list",
    "market:listing_list",
    "market:waste_codes",
]
SIGNED_IN_PAGES = [
    "market:order_list",
    "market:dashboard",
    "market:saved_searches",
    "market:outcomes",
    "market:product_import",
]


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_answer_anonymous_visitors(client, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_pages(cast, client_for, name):
    assert client_for(cast.a_editor).get(reverse(name)).status_code == 200
    assert client_for(None).get(reverse(name)).status_code == 302


def test_demo_loads_twice_and_pages_render(client):
    call_command("load_demo", "--only", "market", verbosity=0)
    call_command("load_demo", "--only", "market", verbosity=0)
    assert BusinessProfile.objects.filter(is_demo=True).count() == 4
    for name in PAGES:
        html = client.get(reverse(name)).content.decode()
        assert "Traceback" not in html
    assert "Biohof Primstal" in client.get(reverse("market:profile_list")).content.decode()
    ical = client.get(reverse("market:event_ical")).content.decode()
    assert "BEGIN:VEVENT" in ical and "Genussmarkt" in ical
    # the anonymous directory never shows the pending municipal listing
    assert "Bodenaushub" not in client.get(reverse("market:listing_list")).content.decode()


def test_directory_filters_by_label_and_open_now(cast, client_for):
    p = make_profile(cast, owner=cast.org_a, visibility="public")
    make_profile(cast, owner=cast.org_b, visibility="public")
    LabelClaim.objects.create(profile=p, label=Label.objects.get(slug="demeter"))
    client = client_for(None)
    label = Label.objects.get(slug="demeter")
    html = client.get(reverse("market:profile_list"), {"label": label.pk}).content.decode()
    assert "Hof Gemeinde A" in html and "Hof Stadt B" not in html


def test_opening_hours_errors_name_the_line(cast, client_for):
    from ikonnekt.organizations.models import Organisation

    Organisation.objects.filter(pk=cast.org_a.pk).update(kind="company")
    r = client_for(cast.a_editor).post(
        reverse("market:profile_create"),
        {
            "name": "Hof",
            "owner": cast.org_a.pk,
            "sector": "agriculture",
            "municipality": "Nalbach",
            "opening_hours": "Mo-Fr 08:00-18:00\nSamstags vormittags",
            "visibility": "public",
        },
    )
    assert r.status_code == 200 and "Zeile 2" in r.content.decode()


CSV_OK = (
    "product;category;variant;unit;size;price;vat_rate;deposit;stock\n"
    "Kartoffeln;vegetables;2,5 kg;kg;2,5;4,90;7;0;100\n"
    "Apfelsaft;drinks;0,7 l;l;0,7;2,80;19;0,15;\n"
)


def test_csv_import_creates_products_and_variants(cast, client_for):
    f = SimpleUploadedFile("produkte.csv", CSV_OK.encode(), content_type="text/csv")
    r = client_for(cast.a_editor).post(reverse("market:product_import"), {"owner": cast.org_a.pk, "file": f})
    assert r.status_code == 302
    assert Product.objects.filter(owner=cast.org_a).count() == 2
    saft = ProductVariant.objects.get(product__name="Apfelsaft")
    assert saft.stock is None and str(saft.deposit) == "0.15"


def test_csv_import_reports_row_errors_and_stores_nothing(cast, client_for):
    bad = CSV_OK + "Honig;pantry;500 g;g;500;7,499;7;0;10\nEier;unknown;6;pack;6;3,30;16;0;x\n"
    f = SimpleUploadedFile("produkte.csv", bad.encode(), content_type="text/csv")
    r = client_for(cast.a_editor).post(reverse("market:product_import"), {"owner": cast.org_a.pk, "file": f})
    html = r.content.decode()
    assert r.status_code == 200
    assert "Zeile 4" in html and "price" in html
    assert "Zeile 5" in html and "category" in html and "vat_rate" in html and "stock" in html
    assert not Product.objects.exists()


def test_outsider_cannot_import_for_another_organisation(cast, client_for):
    f = SimpleUploadedFile("produkte.csv", CSV_OK.encode(), content_type="text/csv")
    r = client_for(cast.z_admin).post(reverse("market:product_import"), {"owner": cast.org_a.pk, "file": f})
    assert r.status_code == 200
    assert not Product.objects.exists()


def test_market_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/market/profiles/",
        "/market/products/",
        "/market/cycles/",
        "/market/orders/",
        "/market/listings/",
    ):
        assert path in schema


def test_dashboard_panel_shows_moderation_queue_to_district_staff(cast, client_for):
    from ikonnekt.organizations.models import Membership, Organisation
    from tests.conftest import make_user
    from tests.market.factories import make_listing

    district = Organisation.objects.create(name="Landkreis D", slug="lk-d", kind="district")
    staff = make_user("lk_staff")
    Membership.objects.create(user=staff, organisation=district, role="editor")
    make_listing(cast, owner=cast.org_a, visibility="public", status="pending")
    html = client_for(staff).get("/").content.decode()
    assert reverse("market:moderation") in html
