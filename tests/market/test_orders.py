import datetime as dt
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ikonnekt.core.audit import Actor
from ikonnekt.market import actions, queries, reports
from ikonnekt.market.models import Order, OrderStatus, ProductVariant
from tests.conftest import make_user
from tests.market.factories import make_cycle, make_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(cast):
    cycle = make_cycle(cast, owner=cast.org_b, visibility="public", created_by=cast.b_editor)
    cycle.fee_percent = D("10")
    cycle.save()
    v1 = make_variant(
        cast, owner=cast.org_a, visibility="public", price=D("3.33"), vat=D("7.00"), stock=D("5")
    )
    v2 = make_variant(
        cast, owner=cast.org_a, visibility="public", price=D("2.80"), vat=D("19.00"), stock=None
    )
    cycle.variants.set([v1, v2])
    customer = make_user("kundin")
    return cycle, v1, v2, customer


def test_customer_without_membership_orders_and_reports_reconcile(
    shop, client_for, django_capture_on_commit_callbacks
):
    cycle, v1, v2, customer = shop
    client = client_for(customer)
    r = client.post(reverse("market:cycle_detail", args=[cycle.pk]), {f"q_{v1.pk}": "3", f"q_{v2.pk}": "2"})
    assert r.status_code == 302
    point = cycle.pickup_points.first()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("market:checkout", args=[cycle.pk]), {"pickup_point": point.pk})
    assert r.status_code == 302
    order = Order.objects.get(customer=customer, status=OrderStatus.PLACED)
    assert order.number.startswith("RM-")
    assert ProductVariant.objects.get(pk=v1.pk).stock == D("2")
    assert len(mail.outbox) == 1 and order.number in mail.outbox[0].subject
    report = reports.hub_report(queries.cycle_rows(cycle.pk))
    # 3 × 3.33 = 9.99 (fee 0.999 → 1.00) + 2 × 2.80 = 5.60 (fee 0.56) = 17.15
    assert report["customer_total"] == D("17.15")
    assert report["fees"] == D("1.56")
    assert report["reconciles"]
    assert client.get(reverse("market:order_detail", args=[order.pk])).status_code == 200


def test_hub_downloads_pick_list_and_pickup_list(shop, client_for, cast):
    cycle, v1, v2, customer = shop
    actor = Actor(user=customer)
    order = actions.set_quantity(actor, cycle, v1, "2")
    actions.checkout(actor, order, cycle.pickup_points.first())
    client = client_for(cast.b_editor)
    r = client.get(reverse("market:pick_list", args=[cycle.pk]))
    assert r.status_code == 200 and "Äpfel" in r.content.decode()
    r = client.get(reverse("market:pickup_list", args=[cycle.pk]))
    assert "Rathaus Nalbach" in r.content.decode() and "7,33" in r.content.decode()
    assert client.get(reverse("market:cycle_report", args=[cycle.pk])).status_code == 200
    # the customer sees the public cycle but is not a member of the hub
    assert client_for(customer).get(reverse("market:pick_list", args=[cycle.pk])).status_code == 403


def test_quantity_above_stock_is_refused(shop):
    cycle, v1, _v2, customer = shop
    with pytest.raises(ValidationError) as exc:
        actions.set_quantity(Actor(user=customer), cycle, v1, "6")
    assert "nur 5" in str(exc.value)
    assert not Order.objects.filter(customer=customer).exclude(lines=None).exists()


def test_order_after_close_is_refused(shop):
    cycle, v1, _v2, customer = shop
    cycle.closes_at = timezone.now() - dt.timedelta(minutes=1)
    cycle.save()
    with pytest.raises(ValidationError) as exc:
        actions.set_quantity(Actor(user=customer), cycle, v1, "1")
    assert "geschlossen" in str(exc.value)


def test_cancel_until_close_restores_stock_and_not_after(shop):
    cycle, v1, _v2, customer = shop
    actor = Actor(user=customer)
    order = actions.checkout(actor, actions.set_quantity(actor, cycle, v1, "4"), cycle.pickup_points.first())
    assert ProductVariant.objects.get(pk=v1.pk).stock == D("1")
    actions.cancel_order(actor, order)
    assert ProductVariant.objects.get(pk=v1.pk).stock == D("5")
    order2 = actions.checkout(actor, actions.set_quantity(actor, cycle, v1, "1"), cycle.pickup_points.first())
    cycle.closes_at = timezone.now() - dt.timedelta(minutes=1)
    cycle.save()
    with pytest.raises(ValidationError):
        actions.cancel_order(actor, order2)
    assert Order.objects.get(pk=order2.pk).status == OrderStatus.PLACED


def test_variant_removed_while_in_cart_blocks_checkout_without_half_writes(shop, cast):
    cycle, v1, v2, customer = shop
    actor = Actor(user=customer)
    actions.set_quantity(actor, cycle, v2, "1")
    order = actions.set_quantity(actor, cycle, v1, "2")
    actions.remove_variant(Actor(user=cast.a_editor), v1)
    with pytest.raises(ValidationError) as exc:
        actions.checkout(actor, order, cycle.pickup_points.first())
    assert "nicht mehr angeboten" in str(exc.value)
    order.refresh_from_db()
    assert order.status == OrderStatus.CART
    assert ProductVariant.objects.get(pk=v1.pk).stock == D("5")


def test_price_with_three_decimals_is_refused_by_the_form(cast, client_for):
    variant = make_variant(cast, owner=cast.org_a, visibility="public")
    r = client_for(cast.a_editor).post(
        reverse("market:variant_add", args=[variant.product.pk]),
        {"name": "500 g", "unit": "g", "size": "500", "price": "1.999", "vat_rate": "7.00", "deposit": "0"},
    )
    assert r.status_code == 200
    assert "mehr als zwei Nachkommastellen" in r.content.decode()
    assert variant.product.variants.count() == 1


def test_hub_records_payment_customer_cannot(shop, cast):
    cycle, v1, _v2, customer = shop
    actor = Actor(user=customer)
    order = actions.checkout(actor, actions.set_quantity(actor, cycle, v1, "1"), cycle.pickup_points.first())
    with pytest.raises(PermissionDenied):
        actions.mark_paid(actor, order)
    assert actions.mark_paid(Actor(user=cast.b_editor), order).paid


def test_other_customers_order_is_404(shop, client_for):
    cycle, v1, _v2, customer = shop
    actor = Actor(user=customer)
    order = actions.checkout(actor, actions.set_quantity(actor, cycle, v1, "1"), cycle.pickup_points.first())
    other = make_user("neugierig")
    assert client_for(other).get(reverse("market:order_detail", args=[order.pk])).status_code == 404
    assert client_for(other).get(reverse("api:marketorder-detail", args=[order.pk])).status_code == 404


def test_api_places_order_atomically(shop, client_for):
    cycle, v1, v2, customer = shop
    client = client_for(customer)
    url = reverse("api:marketorder-list")
    bad = {
        "cycle": cycle.pk,
        "pickup_point": cycle.pickup_points.first().pk,
        "items": [{"variant": v2.pk, "quantity": "1"}, {"variant": v1.pk, "quantity": "99"}],
    }
    r = client.post(url, bad, content_type="application/json")
    assert r.status_code == 400
    assert not Order.objects.filter(customer=customer).exists()
    good = {**bad, "items": [{"variant": v1.pk, "quantity": "1"}]}
    r = client.post(url, good, content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["total"] == "3.66"


def test_shopfront_query_count_does_not_grow_with_products(
    shop, client_for, cast, django_assert_max_num_queries
):
    cycle, v1, v2, customer = shop
    client = client_for(customer)
    url = reverse("market:cycle_detail", args=[cycle.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    more = [make_variant(cast, owner=cast.org_a, visibility="public") for _ in range(15)]
    cycle.variants.add(*more)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


def test_cart_checkout_order_page_and_mail_show_one_calculation(
    shop, client_for, django_capture_on_commit_callbacks
):
    """Lines show the goods value; goods + hub fee = total, the same everywhere (no fee counted twice).

    3 × 3,33 € = 9,99 € (fee 10 % = 0,999 → 1,00 €); 2 × 2,80 € = 5,60 € (fee 0,56 €)
    goods 9,99 + 5,60 = 15,59 €; fee 1,00 + 0,56 = 1,56 €; total 15,59 + 1,56 = 17,15 €.
    """
    cycle, v1, v2, customer = shop
    client = client_for(customer)
    client.post(reverse("market:cycle_detail", args=[cycle.pk]), {f"q_{v1.pk}": "3", f"q_{v2.pk}": "2"})
    expected = ["9,99\xa0€", "5,60\xa0€", "15,59\xa0€", "1,56\xa0€", "17,15\xa0€"]

    def shown(response):
        return (
            response.content.decode()
            .replace("&nbsp;", "\xa0")
            .replace("</td><td", " ")
            .replace(" €", "\xa0€")
        )

    cart = shown(client.get(reverse("market:cycle_detail", args=[cycle.pk])))
    checkout = shown(client.get(reverse("market:checkout", args=[cycle.pk])))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("market:checkout", args=[cycle.pk]), {"pickup_point": cycle.pickup_points.first().pk}
        )
    order = Order.objects.get(customer=customer, status=OrderStatus.PLACED)
    page = shown(client.get(reverse("market:order_detail", args=[order.pk])))
    body = mail.outbox[-1].body
    for where, text in (("cart", cart), ("checkout", checkout), ("order page", page), ("mail", body)):
        for amount in expected:
            assert amount in text, f"{amount} missing in {where}"
        # a line total with the fee folded in (9,99 + 1,00 = 10,99) would be counted twice
        assert "10,99" not in text and "6,16" not in text, where
    report = reports.hub_report(queries.cycle_rows(cycle.pk))
    assert report["customer_total"] == D("17.15")
