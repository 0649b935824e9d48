"""End-to-end: a farmer lists a product, a hub opens a cycle, a customer orders for pickup in
Nalbach, the hub downloads the pick list; a company offers wood chips, the moderator approves
and another company's saved search is notified."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

PASSWORD = "Konnekt-Demo-2026"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests flush tables, including rows made by data migrations (goals, AVV codes,
    labels); put them back so each test starts like a fresh installation."""
    from importlib import import_module

    from django.apps import apps

    import_module("ikonnekt.cooperations.migrations.0002_goals").create_goals(apps, None)
    import_module("ikonnekt.market.migrations.0002_reference_data").forwards(apps, None)


def _local(delta_hours):
    return (timezone.localtime() + dt.timedelta(hours=delta_hours)).strftime("%Y-%m-%dT%H:%M")


def test_order_cycle_flow(page, sign_in, live_server):
    call_command("load_demo", "--only", "market", verbosity=0)

    # The farmer lists a product with a variant.
    sign_in("biohof-primstal-editor", PASSWORD)
    page.goto("/market/products/new/")
    page.fill("input[name=name]", "Rote Bete E2E")
    page.select_option("select[name=category]", "vegetables")
    page.select_option("select[name=visibility]", "public")
    page.click("form button[type=submit]")
    page.get_by_role("link", name="Variante hinzufügen").click()
    page.fill("input[name=name]", "1-kg-Bund")
    page.select_option("select[name=unit]", "kg")
    page.fill("input[name=price]", "2.40")
    page.select_option("select[name=vat_rate]", "7.00")
    page.fill("input[name=stock]", "20")
    page.click("form button[type=submit]")
    page.wait_for_selector("#variants >> text=1-kg-Bund")

    # The hub opens an order cycle, offers the variant and adds a pickup point in Nalbach.
    sign_in("landkreis-saarlouis-editor", PASSWORD)
    page.goto("/market/cycles/new/")
    page.fill("input[name=name]", "Herbstkorb E2E")
    page.fill("input[name=opens_at]", _local(-1))
    page.fill("input[name=closes_at]", _local(48))
    page.select_option("select[name=visibility]", "public")
    page.click("form button[type=submit]")
    page.get_by_role("link", name="Verwalten, Pack- und Abhollisten").click()
    page.get_by_label("Biohof Primstal (Demo): Rote Bete E2E – 1-kg-Bund – 2.40 €").check()
    page.click("button[name=offers]")
    page.wait_for_selector(".alert-success")
    page.fill("input[name=p-name]", "Rathaus Nalbach")
    page.fill("input[name=p-address]", "Rathausplatz 1, 66809 Nalbach")
    page.fill("input[name=p-municipality]", "Nalbach")
    page.fill("input[name=p-pickup_from]", _local(72))
    page.fill("input[name=p-pickup_until]", _local(75))
    page.click("button[name=pickup]")
    page.wait_for_selector("text=Abholort hinzugefügt")
    cycle_url = page.url.replace("manage/", "")

    # The customer (no membership) orders for pickup in Nalbach.
    sign_in("kunde", PASSWORD)
    page.goto(cycle_url)
    page.get_by_label("Menge Rote Bete E2E 1-kg-Bund").fill("3")
    page.click("button[name=checkout]")
    page.get_by_label("Rathaus Nalbach", exact=False).check()
    page.click("#place-order")
    page.wait_for_selector("#order-total")
    assert "7.20" in page.inner_text("#order-total") or "7,20" in page.inner_text("#order-total")
    assert any("Bestellbestätigung" in m.subject or "RM-" in m.subject for m in mail.outbox)

    # The hub downloads the pick list.
    sign_in("landkreis-saarlouis-editor", PASSWORD)
    page.goto(cycle_url + "manage/")
    with page.expect_download() as download:
        page.click("#download-picklist")
    content = open(download.value.path(), encoding="utf-8-sig").read()
    assert "Rote Bete E2E" in content and "Biohof Primstal" in content


def test_exchange_flow(page, sign_in, live_server):
    call_command("load_demo", "--only", "market", verbosity=0)
    mail.outbox.clear()

    sign_in("holz-und-kompost-nalbach-editor", PASSWORD)
    page.goto("/market/exchange/new/")
    page.select_option("select[name=kind]", "offer")
    page.fill("input[name=title]", "Hackschnitzel E2E aus Baumpflege")
    page.fill("input[name=code]", "20 02 01")
    page.fill("input[name=quantity]", "60")
    page.select_option("select[name=unit]", "t")
    page.select_option("select[name=municipality]", label="Gemeinde Nalbach")
    page.fill("input[name=address]", "Industriestraße 7, 66809 Nalbach")
    page.select_option("select[name=legal_status]", "by_product")
    page.fill("input[name=valid_until]", (timezone.localdate() + dt.timedelta(days=60)).isoformat())
    page.click("form button[type=submit]")
    page.wait_for_selector("text=Moderation")

    sign_in("landkreis-saarlouis-editor", PASSWORD)
    page.goto("/market/exchange/moderation/")
    item = page.locator("#moderation-queue .list-group-item", has_text="Hackschnitzel E2E")
    item.get_by_role("button", name="Freigeben").click()
    page.wait_for_selector(".alert-success")

    notified = [m for m in mail.outbox if "stadtwerke-saarlouis-editor@demo.ikonnekt.invalid" in m.to]
    assert notified and "Hackschnitzel E2E" in notified[0].body
