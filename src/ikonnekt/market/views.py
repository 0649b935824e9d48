"""Pages of the regional market and the secondary-materials exchange (thin: parse, call, render)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.core import tabular
from ikonnekt.core.crud import SharedCreateView, SharedDetailView, SharedListView, SharedUpdateView
from ikonnekt.core.formats import time_range_text
from ikonnekt.core.formpages import child_form_page
from ikonnekt.core.forms import add_validation_error, style_widget
from ikonnekt.core.sharing import (
    ensure_can_edit,
    get_editable_or_404,
    get_visible_or_404,
    has_role,
    orgs_with_role,
    user_org_ids,
)
from ikonnekt.market import actions, event_calendar, queries, reports
from ikonnekt.market.exchange import outcome_summary
from ikonnekt.market.filters import ListingFilter, ProductFilter, ProfileFilter
from ikonnekt.market.forms import (
    CheckoutForm,
    ContactForm,
    CycleForm,
    CycleOffersForm,
    DealForm,
    EventForm,
    LabelClaimForm,
    LabelVerifyForm,
    ListingForm,
    ModerationForm,
    PickupForm,
    ProductForm,
    ProductImportForm,
    ProfileForm,
    SavedSearchForm,
    VariantForm,
)
from ikonnekt.market.matching import Candidate, suggest
from ikonnekt.market.models import (
    BusinessProfile,
    Deal,
    Event,
    LabelClaim,
    Listing,
    ListingStatus,
    Order,
    OrderCycle,
    OrderStatus,
    Product,
    ProductVariant,
    SavedSearch,
    WasteCode,
)
from ikonnekt.market.moderation import is_moderator
from ikonnekt.market.pricing import order_totals
from ikonnekt.market.productimport import COLUMNS, ImportErrors, parse_products
from ikonnekt.market.receipt import summary_rows
from ikonnekt.market.regional import regional_value
from ikonnekt.market.shopfront import render_rows


def _point(lat, lon, name, url, info=""):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"name": name, "url": url, "info": info},
    }


def _map(features, zoom=10):
    return {
        "center": [49.35, 6.78],
        "zoom": zoom,
        "geojson": {"type": "FeatureCollection", "features": features},
    }


def home(request):
    user = request.user
    ctx = {
        "profiles": BusinessProfile.objects.visible_to(user).count(),
        "events": Event.objects.visible_to(user).filter(ends_at__gte=timezone.now())[:5],
        "cycles": OrderCycle.objects.visible_to(user)
        .filter(closes_at__gte=timezone.now())
        .select_related("owner")[:5],
        "listings": Listing.objects.visible_to(user)
        .filter(status=ListingStatus.APPROVED)
        .select_related("waste_code")[:5],
        "is_moderator": is_moderator(user),
    }
    return render(request, "market/home.html", ctx)


# --- profiles -------------------------------------------------------------------------------------


class ProfileList(SharedListView):
    model = BusinessProfile
    filterset_class = ProfileFilter
    template_name = "market/profile_list.html"
    paginate_by = 50

    def get_base_queryset(self):
        return BusinessProfile.objects.select_related("owner").prefetch_related("label_claims__label")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        for field in self.filterset.form.fields.values():
            style_widget(field)
        features = [
            _point(p.latitude, p.longitude, p.name, p.get_absolute_url(), p.get_sector_display())
            for p in ctx["object_list"]
            if p.latitude is not None
        ]
        ctx["map"] = _map(features)
        ctx["now"] = timezone.now()
        return ctx


class ProfileDetail(SharedDetailView):
    model = BusinessProfile
    template_name = "market/profile_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.object
        ctx["claims"] = p.label_claims.select_related("label")
        ctx["products"] = (
            Product.objects.visible_to(self.request.user)
            .filter(owner_id=p.owner_id)
            .prefetch_related("variants")[:50]
        )
        ctx["is_open"] = p.is_open_at(timezone.now())
        ctx["is_moderator"] = is_moderator(self.request.user)
        if p.latitude is not None:
            ctx["map"] = {
                **_map([_point(p.latitude, p.longitude, p.name, "")]),
                "center": [p.latitude, p.longitude],
                "zoom": 13,
            }
        return ctx


class ProfileCreate(SharedCreateView):
    model = BusinessProfile
    form_class = ProfileForm
    title = gettext_lazy("New business profile")


class ProfileUpdate(SharedUpdateView):
    model = BusinessProfile
    form_class = ProfileForm
    title = gettext_lazy("Edit business profile")


@login_required
def label_claim(request, pk):
    profile = get_editable_or_404(BusinessProfile, request.user, pk=pk)
    form = LabelClaimForm(request.POST or None, request.FILES or None, instance=LabelClaim(profile=profile))
    if request.method == "POST" and form.is_valid():
        try:
            actions.claim_label(actions.actor_for(request), profile, form.save)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Label added; a moderator will verify it."))
            return redirect(profile)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Add a label"), "cancel_url": profile.get_absolute_url()},
    )


@login_required
def label_verify(request, pk):
    claim = get_visible_or_404(LabelClaim.objects.select_related("profile", "label"), request.user, pk=pk)
    if not is_moderator(request.user):
        raise PermissionDenied(_("Only the market's moderators (district staff) may do this."))
    form = LabelVerifyForm(
        request.POST or None, initial={"verified": claim.verified, "valid_until": claim.valid_until}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.verify_label_claim(
                actions.actor_for(request),
                claim,
                form.cleaned_data["verified"],
                form.cleaned_data["valid_until"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Label verification saved."))
            return redirect(claim.profile)
    return render(request, "market/label_verify.html", {"form": form, "claim": claim})


# --- products ------------------------------------------------------------------------------------


class ProductList(SharedListView):
    model = Product
    filterset_class = ProductFilter
    template_name = "market/product_list.html"
    paginate_by = 50

    def get_base_queryset(self):
        return Product.objects.select_related("owner").prefetch_related("variants")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        for field in self.filterset.form.fields.values():
            style_widget(field)
        return ctx


class ProductDetail(SharedDetailView):
    model = Product
    template_name = "market/product_detail.html"


class ProductCreate(SharedCreateView):
    model = Product
    form_class = ProductForm
    title = gettext_lazy("New product")


class ProductUpdate(SharedUpdateView):
    model = Product
    form_class = ProductForm
    title = gettext_lazy("Edit product")


@login_required
def variant_add(request, pk):
    product = get_editable_or_404(Product, request.user, pk=pk)
    form = VariantForm(request.POST or None, instance=ProductVariant(product=product))
    return child_form_page(
        request,
        product,
        form,
        title=_("New variant of %(p)s") % {"p": product},
        success=_("Variant saved."),
    )


@login_required
def variant_edit(request, pk):
    variant = get_visible_or_404(ProductVariant.objects.select_related("product"), request.user, pk=pk)
    ensure_can_edit(request.user, variant.product)
    form = VariantForm(request.POST or None, instance=variant)
    return child_form_page(
        request, variant.product, form, title=_("Edit variant"), success=_("Variant saved.")
    )


@login_required
@require_POST
def variant_remove(request, pk):
    variant = get_visible_or_404(ProductVariant.objects.select_related("product"), request.user, pk=pk)
    actions.remove_variant(actions.actor_for(request), variant)
    messages.success(request, _("“%(v)s” is no longer offered.") % {"v": variant})
    return redirect(variant.product)


@login_required
def product_import(request):
    form = ProductImportForm(request.POST or None, request.FILES or None, user=request.user)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = parse_products(form.cleaned_data["file"].read())
            count = actions.import_products(actions.actor_for(request), form.cleaned_data["owner"].pk, rows)
        except ImportErrors as exc:
            errors = exc.errors
        except PermissionDenied as exc:
            errors = [str(exc)]
        else:
            messages.success(request, _("%(n)s variants imported.") % {"n": count})
            return redirect("market:product_list")
    return render(request, "market/product_import.html", {"form": form, "errors": errors, "columns": COLUMNS})


# --- events ----------------------------------------------------------------------------------------


class EventList(SharedListView):
    model = Event
    template_name = "market/event_list.html"
    paginate_by = 100

    def get_queryset(self):
        past = self.request.GET.get("past") == "1"
        qs = super().get_queryset()
        return (
            qs.filter(ends_at__lt=timezone.now()).order_by("-starts_at")
            if past
            else qs.filter(ends_at__gte=timezone.now())
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["map"] = _map(
            [
                _point(
                    e.latitude,
                    e.longitude,
                    e.title,
                    e.get_absolute_url(),
                    f"{timezone.localtime(e.starts_at):%d.%m.%Y %H:%M}",
                )
                for e in ctx["object_list"]
                if e.latitude is not None
            ]
        )
        ctx["months"] = event_calendar.by_month(ctx["object_list"])
        return ctx


class EventDetail(SharedDetailView):
    model = Event
    template_name = "market/event_detail.html"


class EventCreate(SharedCreateView):
    model = Event
    form_class = EventForm
    title = gettext_lazy("New event")


class EventUpdate(SharedUpdateView):
    model = Event
    form_class = EventForm
    title = gettext_lazy("Edit event")


def events_ical(request):
    events = Event.objects.visible_to(request.user).filter(
        ends_at__gte=timezone.now() - dt.timedelta(days=90)
    )
    response = HttpResponse(
        event_calendar.to_ical(events, request.build_absolute_uri("/")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="regionalmarkt.ics"'
    return response


# --- order cycles, shopfront and orders --------------------------------------------------------------


class CycleList(SharedListView):
    model = OrderCycle
    template_name = "market/cycle_list.html"


class CycleCreate(SharedCreateView):
    model = OrderCycle
    form_class = CycleForm
    title = gettext_lazy("New order cycle")


class CycleUpdate(SharedUpdateView):
    model = OrderCycle
    form_class = CycleForm
    title = gettext_lazy("Edit order cycle")


def cycle_detail(request, pk):
    """The shopfront: one form with a quantity per offered variant (fixed number of queries)."""
    cycle = get_visible_or_404(OrderCycle.objects.select_related("owner"), request.user, pk=pk)
    variants = queries.shopfront_variants(cycle, request.user)
    cart = None
    quantities = {}
    if request.user.is_authenticated:
        cart = Order.objects.filter(cycle=cycle, customer=request.user, status=OrderStatus.CART).first()
        if cart:
            lines = list(cart.lines.select_related("variant__product"))
            quantities = {line.variant_id: line.quantity for line in lines}
            cart.line_list = lines
            cart.totals = order_totals(lines)
            cart.summary = summary_rows(cart.totals, delivery_known=False)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        return _update_cart(request, cycle, variants, quantities)
    return render(
        request,
        "market/shopfront.html",
        {
            "cycle": cycle,
            "rows_html": render_rows(variants, quantities),
            "has_rows": bool(variants),
            "cart": cart,
            "can_manage": has_role(request.user, cycle.owner_id),
            "pickup_points": list(cycle.pickup_points.all()),
        },
    )


cycle_detail.shareable_model = OrderCycle


def _update_cart(request, cycle, variants, quantities):
    names = {v["id"]: f"{v['product__name']} – {v['name']}" for v in variants}
    actor = actions.actor_for(request)
    changed = 0
    for key, value in request.POST.items():
        if not key.startswith("q_"):
            continue
        try:
            variant_id = int(key[2:])
        except ValueError:
            continue
        if variant_id not in names:
            continue
        value = value.strip() or "0"
        current = quantities.get(variant_id)
        if value == "0" and current is None:
            continue
        if current is not None and str(current.normalize()) == value:
            continue
        try:
            actions.set_quantity(actor, cycle, ProductVariant(pk=variant_id), value)
            changed += 1
        except ValidationError as exc:
            messages.error(request, f"{names[variant_id]}: " + " ".join(exc.messages))
    if changed:
        messages.success(request, _("Cart updated."))
    if request.POST.get("checkout"):
        return redirect("market:checkout", pk=cycle.pk)
    return redirect("market:cycle_detail", pk=cycle.pk)


@login_required
def checkout(request, pk):
    cycle = get_visible_or_404(OrderCycle, request.user, pk=pk)
    cart = Order.objects.filter(cycle=cycle, customer=request.user, status=OrderStatus.CART).first()
    if cart is None or not cart.lines.exists():
        messages.info(request, _("Your cart is empty."))
        return redirect("market:cycle_detail", pk=cycle.pk)
    lines = list(cart.lines.select_related("variant__product", "producer"))
    form = CheckoutForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            order = actions.checkout(
                actions.actor_for(request),
                cart,
                form.cleaned_data["pickup_point"],
                form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Thank you! Order %(n)s is placed; a confirmation mail is on its way.")
                % {"n": order.number},
            )
            return redirect(order)
    return render(
        request,
        "market/checkout.html",
        {
            "cycle": cycle,
            "cart": cart,
            "lines": lines,
            "summary": summary_rows(order_totals(lines), delivery_known=False),
            "form": form,
        },
    )


checkout.shareable_model = OrderCycle


@login_required
def cycle_manage(request, pk):
    cycle = get_editable_or_404(OrderCycle.objects.select_related("owner"), request.user, pk=pk)
    offers = CycleOffersForm(
        request.POST or None, user=request.user, initial={"variants": cycle.variants.all()}, prefix="o"
    )
    pickup = PickupForm(request.POST or None, prefix="p")
    actor = actions.actor_for(request)
    if request.method == "POST":
        if "offers" in request.POST and offers.is_valid():
            actions.set_cycle_offers(actor, cycle, list(offers.cleaned_data["variants"]))
            messages.success(request, _("Offer saved."))
            return redirect("market:cycle_manage", pk=pk)
        if "pickup" in request.POST and pickup.is_valid():
            pickup.instance.cycle = cycle
            actions.add_pickup_point(actor, cycle, pickup.save)
            messages.success(request, _("Pickup point added."))
            return redirect("market:cycle_manage", pk=pk)
    orders = (
        cycle.orders.exclude(status=OrderStatus.CART)
        .select_related("customer", "pickup_point")
        .order_by("number")
    )
    report = reports.hub_report(queries.cycle_rows(cycle.pk))
    return render(
        request,
        "market/cycle_manage.html",
        {"cycle": cycle, "offers": offers, "pickup": pickup, "orders": orders, "report": report},
    )


def _csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = tabular.CsvWriter(response)  # BOM, language-aware separators, formulas neutralised
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _de(value):
    """A number inside a text (German decimal comma); whole cells go to the CSV writer as numbers."""
    return str(value).replace(".", ",")


@login_required
def pick_list(request, pk):
    cycle = get_editable_or_404(OrderCycle, request.user, pk=pk)
    data = reports.pick_list(queries.cycle_rows(cycle.pk))
    rows = [
        (producer, i["product"], i["variant"], i["quantity"].normalize(), i["unit"])
        for producer, items in data.items()
        for i in items
    ]
    return _csv_response(
        f"pickliste-{cycle.pk}.csv",
        [_("Producer"), _("Product"), _("Variant"), _("Quantity"), _("Unit")],
        rows,
    )


@login_required
def pickup_list(request, pk):
    cycle = get_editable_or_404(OrderCycle, request.user, pk=pk)
    data = reports.pickup_list(queries.cycle_rows(cycle.pk))
    rows = []
    for point, orders in data.items():
        for o in orders:
            items = ", ".join(
                f"{_de(line['quantity'].normalize())} × {line['product']} {line['variant']}"
                for line in o["lines"]
            )
            rows.append(
                (
                    point,
                    o["number"],
                    o["customer"],
                    items,
                    o["totals"].total,
                    _("yes") if o["paid"] else _("no"),
                )
            )
    return _csv_response(
        f"abholliste-{cycle.pk}.csv",
        [_("Pickup point"), _("Order"), _("Customer"), _("Items"), _("Amount due (€)"), _("Paid")],
        rows,
    )


@login_required
def cycle_report(request, pk):
    cycle = get_editable_or_404(OrderCycle, request.user, pk=pk)
    report = reports.hub_report(queries.cycle_rows(cycle.pk))
    rows = [
        (
            name,
            p["totals"].goods,
            p["totals"].net,
            p["totals"].vat,
            p["totals"].deposit,
            p["totals"].fee,
            p["totals"].producer_payout,
        )
        for name, p in report["producers"].items()
    ]
    rows.append((_("Hub fees"), "", "", "", "", report["fees"], ""))
    rows.append((_("Delivery fees"), "", "", "", "", report["delivery"], ""))
    rows.append(
        (
            _("Customers total"),
            report["customer_total"],
            report["net"],
            report["vat"],
            report["deposit"],
            report["fees"] + report["delivery"],
            report["payouts"],
        )
    )
    return _csv_response(
        f"abrechnung-{cycle.pk}.csv",
        [
            _("Producer"),
            _("Goods gross (€)"),
            _("Net (€)"),
            _("VAT (€)"),
            _("Deposit (€)"),
            _("Fees (€)"),
            _("Payout (€)"),
        ],
        rows,
    )


for _view in (cycle_manage, pick_list, pickup_list, cycle_report):
    _view.shareable_model = OrderCycle


@login_required
def order_list(request):
    orders = (
        Order.objects.visible_to(request.user)
        .filter(customer=request.user)
        .exclude(status=OrderStatus.CART)
        .select_related("cycle", "pickup_point")
    )
    return render(request, "market/order_list.html", {"orders": orders})


def _get_order(request, pk):
    try:
        return (
            Order.objects.visible_to(request.user)
            .select_related("cycle", "pickup_point", "customer")
            .get(pk=pk)
        )
    except Order.DoesNotExist:
        raise Http404 from None


@login_required
def order_detail(request, pk):
    order = _get_order(request, pk)
    lines = list(order.lines.select_related("variant__product", "producer"))
    return render(
        request,
        "market/order_detail.html",
        {
            "order": order,
            "lines": lines,
            "summary": summary_rows(order_totals(lines, order.delivery_fee)),
            "pickup_window": time_range_text(order.pickup_point.pickup_from, order.pickup_point.pickup_until)
            if order.pickup_point
            else "",
            "can_change": order.status == OrderStatus.PLACED and order.can_change(request.user),
            "is_hub": has_role(request.user, order.cycle.owner_id),
        },
    )


@login_required
def order_change(request, pk):
    order = _get_order(request, pk)
    if request.method == "POST":
        actor = actions.actor_for(request)
        for line in order.lines.select_related("variant"):
            value = request.POST.get(f"q_{line.variant_id}")
            if value is None or value.strip() == str(line.quantity.normalize()):
                continue
            try:
                actions.set_quantity(actor, order.cycle, line.variant, value.strip() or "0", order=order)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, f"{line.variant}: " + " ".join(getattr(exc, "messages", [str(exc)])))
        if "cancel" in request.POST:
            try:
                actions.cancel_order(actor, order)
                messages.success(request, _("Order cancelled."))
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        if "paid" in request.POST:
            try:
                actions.mark_paid(actor, order, request.POST["paid"] == "1")
                messages.success(request, _("Payment recorded."))
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect(order)


for _view in (order_detail, order_change):
    _view.shareable_model = Order


# --- regional value dashboard ----------------------------------------------------------------------


@login_required
def regional_dashboard(request):
    cycles = list(
        OrderCycle.objects.visible_to(request.user).filter(
            Q(owner_id__in=sorted(user_org_ids(request.user))) | Q(visibility__in=["public", "platform"])
        )
    )
    value = regional_value(queries.regional_rows([c.pk for c in cycles]))
    chart = {
        "tooltip": {},
        "series": [
            {
                "type": "pie",
                "radius": ["40%", "70%"],
                "data": [
                    {"name": _("from the region"), "value": float(value["regional"])},
                    {"name": _("from outside"), "value": float(value["total"] - value["regional"])},
                ],
            }
        ],
    }
    return render(request, "market/dashboard.html", {"value": value, "chart": chart, "cycles": len(cycles)})


# --- secondary-materials exchange --------------------------------------------------------------------


class ListingList(SharedListView):
    model = Listing
    filterset_class = ListingFilter
    template_name = "market/listing_list.html"
    paginate_by = 50

    def get_base_queryset(self):
        return Listing.objects.select_related("waste_code", "municipality", "owner")

    def get_queryset(self):
        qs = super().get_queryset()
        if self.request.GET.get("mine") == "1":
            return qs.filter(owner_id__in=sorted(user_org_ids(self.request.user)))
        return qs.filter(status=ListingStatus.APPROVED, valid_until__gte=timezone.localdate())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        for field in self.filterset.form.fields.values():
            style_widget(field)
        # The map shows the municipality only (never the lister's address).
        ctx["map"] = _map(
            [
                _point(
                    x.municipality.latitude,
                    x.municipality.longitude,
                    f"{x.chiffre}: {x.title}",
                    x.get_absolute_url(),
                    x.municipality.name,
                )
                for x in ctx["object_list"]
                if x.municipality.latitude is not None
            ]
        )
        ctx["is_moderator"] = is_moderator(self.request.user)
        return ctx


class ListingDetail(SharedDetailView):
    model = Listing
    template_name = "market/listing_detail.html"

    def get_base_queryset(self):
        return Listing.objects.select_related("waste_code", "municipality", "owner")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        listing = self.object
        ctx["show_identity"] = listing.shows_identity_to(user)
        ctx["show_address"] = listing.shows_address_to(user)
        ctx["is_moderator"] = is_moderator(user)
        ctx["contact_form"] = (
            ContactForm() if user.is_authenticated and listing.owner_id not in user_org_ids(user) else None
        )
        if ctx["can_edit"] or ctx["is_moderator"]:
            ctx["deals"] = listing.deals.all()
            ctx["deal_form"] = DealForm(initial={"date": timezone.localdate()})
        others = (
            Listing.objects.visible_to(user)
            .filter(status=ListingStatus.APPROVED, waste_code__code__startswith=listing.waste_code.code[:2])
            .select_related("waste_code", "municipality")
        )
        by_id = {o.pk: o for o in others}
        found = suggest(_candidate(listing), [_candidate(o) for o in by_id.values()], limit=8)
        ctx["suggestions"] = [(s, by_id[s.candidate.id]) for s in found]
        ctx["moderation_form"] = ModerationForm() if ctx["is_moderator"] else None
        return ctx


def _candidate(listing):
    return Candidate(
        id=listing.pk,
        kind=listing.kind,
        code=listing.waste_code.code,
        quantity=listing.quantity,
        unit=listing.unit,
        available_from=listing.available_from,
        valid_until=listing.valid_until,
        lat=listing.municipality.latitude,
        lon=listing.municipality.longitude,
    )


@login_required
def listing_create(request):
    if not orgs_with_role(request.user):  # e.g. a market customer: listings come from organisations
        messages.info(request, _("You need the editor role in an organisation to create this."))
        return redirect("market:listing_list")
    form = ListingForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        active_organisation=getattr(request, "active_organisation", None),
    )
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        try:
            listing = actions.create_listing(
                actions.actor_for(request), form.cleaned_data["owner"].pk, form.save
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Listing %(c)s saved; it will be published after moderation.") % {"c": listing.chiffre},
            )
            return redirect(listing)
    return render(request, "market/listing_form.html", {"form": form, "title": _("New listing")})


@login_required
def listing_edit(request, pk):
    listing = get_editable_or_404(Listing.objects.select_related("waste_code"), request.user, pk=pk)
    form = ListingForm(request.POST or None, request.FILES or None, instance=listing, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_listing(actions.actor_for(request), form.instance, form.save)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved; the listing is moderated again."))
            return redirect(listing)
    return render(request, "market/listing_form.html", {"form": form, "title": _("Edit listing")})


@login_required
@require_POST
def listing_moderate(request, pk):
    listing = get_visible_or_404(Listing, request.user, pk=pk)
    form = ModerationForm(request.POST)
    if form.is_valid():
        try:
            actions.moderate_listing(
                actions.actor_for(request),
                listing,
                form.cleaned_data["decision"] == "approve",
                form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Moderation saved."))
    else:
        messages.error(request, _("Choose approve or reject."))
    return redirect("market:moderation") if is_moderator(request.user) else redirect(listing)


@login_required
@require_POST
def listing_contact(request, pk):
    listing = get_visible_or_404(Listing, request.user, pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            actions.send_contact(
                actions.actor_for(request),
                listing,
                form.cleaned_data["body"],
                form.cleaned_data["share_contact"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your message has been relayed to the lister."))
    else:
        messages.error(request, _("Please write a message."))
    return redirect(listing)


@login_required
@require_POST
def listing_deal(request, pk):
    listing = get_visible_or_404(Listing, request.user, pk=pk)
    form = DealForm(request.POST, instance=Deal(listing=listing, recorded_by=request.user))
    if form.is_valid():
        try:
            actions.record_deal(actions.actor_for(request), listing, form.save)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Deal recorded."))
    else:
        messages.error(
            request,
            "; ".join(
                f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields
            ),
        )
    return redirect(listing)


for _view in (listing_edit, listing_moderate, listing_contact, listing_deal):
    _view.shareable_model = Listing


@login_required
def moderation(request):
    if not is_moderator(request.user):
        raise PermissionDenied(_("Only the market's moderators (district staff) may do this."))
    pending = (
        Listing.objects.visible_to(request.user)
        .filter(status=ListingStatus.PENDING)
        .select_related("waste_code", "municipality", "owner")
    )
    claims = (
        LabelClaim.objects.visible_to(request.user)
        .filter(verified=False)
        .exclude(evidence="")
        .select_related("profile", "label")
    )
    return render(
        request, "market/moderation.html", {"pending": pending, "claims": claims, "form": ModerationForm()}
    )


@login_required
def saved_searches(request):
    form = SavedSearchForm(request.POST or None)
    if request.method == "POST":
        if "delete" in request.POST:
            SavedSearch.objects.filter(user=request.user, pk=request.POST.get("delete")).delete()
            messages.success(request, _("Saved search deleted."))
            return redirect("market:saved_searches")
        if form.is_valid():
            form.instance.user = request.user
            form.save()
            messages.success(
                request, _("Search saved; we will write to you when a matching listing is published.")
            )
            return redirect("market:saved_searches")
    searches = SavedSearch.objects.filter(user=request.user).select_related("near")
    return render(request, "market/saved_searches.html", {"form": form, "searches": searches})


def _outcomes(user):
    deals = Deal.objects.visible_to(user).select_related("listing__waste_code")
    active = Listing.objects.visible_to(user).filter(
        status=ListingStatus.APPROVED, valid_until__gte=timezone.localdate()
    )
    summary = outcome_summary(
        [
            {"code": d.listing.waste_code.code, "tonnes": d.tonnes, "transport_km": d.transport_km}
            for d in deals
        ],
        [{"code": c} for c in active.values_list("waste_code__code", flat=True)],
    )
    return deals, summary


@login_required
def outcomes(request):
    deals, summary = _outcomes(request.user)
    chapters = {c.code: c.title for c in WasteCode.objects.filter(level="chapter")}
    by_chapter = [(code, chapters.get(code, ""), v) for code, v in summary["by_chapter"].items()]
    return render(
        request, "market/outcomes.html", {"deals": deals, "summary": summary, "by_chapter": by_chapter}
    )


@login_required
def outcomes_csv(request):
    deals, _summary = _outcomes(request.user)
    from ikonnekt.market.matching import avoided_co2e_t

    rows = [
        (
            d.date.isoformat(),
            d.listing.chiffre,
            d.listing.title,
            d.listing.waste_code.display_code,
            d.quantity.normalize(),
            d.listing.get_unit_display(),
            d.tonnes.normalize(),
            d.transport_km,
            avoided_co2e_t(d.listing.waste_code.code, d.tonnes),
        )
        for d in deals
    ]
    return _csv_response(
        "sekundaerrohstoffe-ergebnisse.csv",
        [
            _("Date"),
            _("Box number"),
            _("Material"),
            _("AVV code"),
            _("Quantity"),
            _("Unit"),
            _("Mass (t)"),
            _("Transport (km)"),
            _("CO2e avoided (t)"),
        ],
        rows,
    )


def waste_codes(request):
    """Code list search (by code or title), also the listing form's helper."""
    from ikonnekt.market.wastecodes import normalise_code

    q = request.GET.get("q", "").strip()
    codes = WasteCode.objects.all()
    if q:
        digits = normalise_code(q)
        codes = (
            codes.filter(code__startswith=digits) if digits.isdigit() else codes.filter(title__icontains=q)
        )
    codes = codes[:300]
    return render(
        request,
        "market/waste_codes.html",
        {"codes": codes, "q": q, "counts": WasteCode.objects.aggregate(n=Count("pk"))},
    )
