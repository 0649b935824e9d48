"""API of the market: profiles, products, order cycles, own orders and material listings."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ikonnekt.core.api import ShareableSerializer, ShareableViewSet
from ikonnekt.core.sharing import get_visible_or_404
from ikonnekt.market import actions
from ikonnekt.market.models import (
    BusinessProfile,
    Listing,
    Order,
    OrderCycle,
    OrderLine,
    PickupPoint,
    Product,
    ProductVariant,
    WasteCode,
)
from ikonnekt.market.moderation import is_moderator
from ikonnekt.market.pricing import order_totals
from ikonnekt.market.validators import validate_money
from ikonnekt.market.wastecodes import resolve_entry


class ProfileSerializer(ShareableSerializer):
    labels = serializers.SerializerMethodField()

    class Meta:
        model = BusinessProfile
        fields = [
            "id",
            "name",
            "sector",
            "description",
            "sustainability_statement",
            "street",
            "postcode",
            "municipality",
            "latitude",
            "longitude",
            "opening_hours",
            "phone",
            "email",
            "website",
            "labels",
            "owner",
            "visibility",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        owner = attrs.get("owner")
        if self.instance is None and owner is not None and owner.kind not in ("company", "association"):
            raise serializers.ValidationError(
                {"owner": _("Business profiles are for companies and associations.")}
            )
        return attrs

    def get_labels(self, obj) -> list[dict]:
        return [
            {"label": c.label.name, "verified": c.is_valid_verified, "valid_until": c.valid_until}
            for c in obj.label_claims.all()
        ]


class ProfileViewSet(ShareableViewSet):
    """Business profiles (public ones also for anonymous clients)."""

    queryset = BusinessProfile.objects.select_related("owner").prefetch_related("label_claims__label")
    serializer_class = ProfileSerializer
    filterset_fields = ["sector", "municipality"]
    search_fields = ["name", "description"]


class VariantSerializer(serializers.ModelSerializer):
    price = serializers.DecimalField(max_digits=12, decimal_places=4, validators=[validate_money])
    deposit = serializers.DecimalField(
        max_digits=12, decimal_places=4, required=False, validators=[validate_money]
    )

    class Meta:
        model = ProductVariant
        fields = ["id", "name", "unit", "size", "price", "vat_rate", "deposit", "stock", "is_active"]
        read_only_fields = ["is_active"]


class ProductSerializer(ShareableSerializer):
    variants = VariantSerializer(many=True, required=False)

    class Meta:
        model = Product
        fields = [
            "id",
            "name",
            "category",
            "description",
            "origin",
            "season_from",
            "season_to",
            "variants",
            "owner",
            "visibility",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def create(self, validated_data):
        variants = validated_data.pop("variants", [])
        product = Product.objects.create(**validated_data)
        for v in variants:
            ProductVariant.objects.create(product=product, **v)
        return product

    def update(self, instance, validated_data):
        validated_data.pop("variants", None)  # variants are changed on the page or by CSV import
        validated_data.pop("owner", None)
        return super().update(instance, validated_data)


class ProductViewSet(ShareableViewSet):
    """Products with their variants (prices gross incl. VAT, two decimals)."""

    queryset = Product.objects.select_related("owner").prefetch_related("variants")
    serializer_class = ProductSerializer
    filterset_fields = ["category", "owner"]
    search_fields = ["name", "description", "origin"]


class PickupSerializer(serializers.ModelSerializer):
    class Meta:
        model = PickupPoint
        fields = [
            "id",
            "name",
            "address",
            "municipality",
            "latitude",
            "longitude",
            "pickup_from",
            "pickup_until",
            "delivery_fee",
        ]


class CycleSerializer(ShareableSerializer):
    pickup_points = PickupSerializer(many=True, read_only=True)
    state = serializers.CharField(read_only=True)
    variants = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = OrderCycle
        fields = [
            "id",
            "name",
            "description",
            "opens_at",
            "closes_at",
            "fee_percent",
            "state",
            "pickup_points",
            "variants",
            "owner",
            "visibility",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class CycleViewSet(ShareableViewSet):
    """Order cycles of hubs; offers and pickup points are managed on the cycle's page."""

    queryset = OrderCycle.objects.select_related("owner").prefetch_related("pickup_points", "variants")
    serializer_class = CycleSerializer
    filterset_fields = ["owner"]


class OrderLineSerializer(serializers.ModelSerializer):
    product = serializers.CharField(source="variant.product.name", read_only=True)
    variant_name = serializers.CharField(source="variant.name", read_only=True)
    total = serializers.SerializerMethodField()

    class Meta:
        model = OrderLine
        fields = [
            "variant",
            "product",
            "variant_name",
            "quantity",
            "unit_price",
            "vat_rate",
            "deposit",
            "fee_percent",
            "total",
        ]

    def get_total(self, obj) -> str:
        return str(obj.amounts.total)


class OrderSerializer(serializers.ModelSerializer):
    lines = OrderLineSerializer(many=True, read_only=True)
    total = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "cycle",
            "status",
            "pickup_point",
            "delivery_fee",
            "placed_at",
            "paid",
            "lines",
            "total",
        ]

    def get_total(self, obj) -> str:
        return str(order_totals(obj.lines.all(), obj.delivery_fee).total)


class OrderItemInput(serializers.Serializer):
    variant = serializers.IntegerField()
    quantity = serializers.CharField()


class OrderCreateInput(serializers.Serializer):
    cycle = serializers.IntegerField()
    pickup_point = serializers.IntegerField()
    items = OrderItemInput(many=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class OrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own orders (and, for hub members, the orders of their cycles)."""

    queryset = Order.objects.exclude(status="cart").prefetch_related("lines__variant__product")
    serializer_class = OrderSerializer
    permission_classes = [permissions.IsAuthenticated]
    idor_model = Order

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    @extend_schema(request=OrderCreateInput, responses=OrderSerializer)
    def create(self, request):
        """Place an order in one step: items are put into the cart and checked out atomically."""
        from django.db import transaction

        data = OrderCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        cycle = get_visible_or_404(OrderCycle, request.user, pk=data.validated_data["cycle"])
        actor = actions.actor_for(request)
        variants = {
            v.pk: v
            for v in ProductVariant.objects.visible_to(request.user).filter(
                pk__in=[i["variant"] for i in data.validated_data["items"]]
            )
        }
        try:
            with transaction.atomic():
                order = None
                for item in data.validated_data["items"]:
                    variant = variants.get(item["variant"])
                    if variant is None:
                        raise DjangoValidationError({"items": f"Unknown variant {item['variant']}."})
                    order = actions.set_quantity(actor, cycle, variant, item["quantity"])
                if order is None:
                    raise DjangoValidationError({"items": "No items."})
                point = cycle.pickup_points.filter(pk=data.validated_data["pickup_point"]).first()
                order = actions.checkout(actor, order, point, data.validated_data.get("note", ""))
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            ) from None
        return Response(OrderSerializer(order).data, status=201)

    @extend_schema(request=None, responses=OrderSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        order = self.get_object()
        actions.cancel_order(actions.actor_for(request), order)
        order.refresh_from_db()
        return Response(OrderSerializer(order).data)


class ListingSerializer(ShareableSerializer):
    """Listings without the lister's address; the organisation only where the lister shows it."""

    code = serializers.CharField(write_only=True, help_text="6-digit AVV code, e.g. 03 01 05")
    waste_code = serializers.CharField(source="waste_code.code", read_only=True)
    waste_code_title = serializers.CharField(source="waste_code.title", read_only=True)
    hazardous = serializers.BooleanField(source="waste_code.hazardous", read_only=True)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    organisation = serializers.SerializerMethodField()

    class Meta:
        model = Listing
        fields = [
            "id",
            "chiffre",
            "kind",
            "title",
            "description",
            "code",
            "waste_code",
            "waste_code_title",
            "hazardous",
            "quantity",
            "unit",
            "recurrence",
            "municipality",
            "municipality_name",
            "logistics",
            "legal_status",
            "available_from",
            "valid_until",
            "reveal_identity",
            "status",
            "organisation",
            "owner",
            "visibility",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["chiffre", "status", "created_at", "updated_at"]

    def get_organisation(self, obj) -> str | None:
        request = self.context.get("request")
        return obj.owner.name if obj.shows_identity_to(getattr(request, "user", None)) else None

    def to_representation(self, obj):
        data = super().to_representation(obj)
        request = self.context.get("request")
        if not obj.shows_identity_to(getattr(request, "user", None)):
            data["owner"] = None
        return data

    def validate_code(self, value):
        try:
            return resolve_entry(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "code" in attrs:
            attrs["waste_code"] = attrs.pop("code")
        if attrs.get("quantity") is not None and attrs["quantity"] <= 0:
            raise serializers.ValidationError({"quantity": "The quantity must be greater than 0."})
        return attrs


class ListingViewSet(ShareableViewSet):
    """Material listings: approved ones for everybody (sharing rule), own ones always;
    new and changed listings go through moderation."""

    queryset = Listing.objects.select_related("waste_code", "municipality", "owner")
    serializer_class = ListingSerializer
    filterset_fields = ["kind", "status", "unit"]
    search_fields = ["title", "description", "waste_code__code", "waste_code__title"]

    def perform_create(self, serializer):
        owner = serializer.validated_data["owner"]
        actions.create_listing(self.actor(), owner.pk, lambda: serializer.save(created_by=self.request.user))

    def perform_update(self, serializer):
        actions.update_listing(self.actor(), serializer.instance, serializer.save)

    @extend_schema(request=None, responses=ListingSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        listing = self.get_object()
        if not is_moderator(request.user):
            raise exceptions.PermissionDenied("Only the market's moderators may do this.")
        actions.moderate_listing(self.actor(), listing, True)
        listing.refresh_from_db()
        return Response(self.get_serializer(listing).data)


class WasteCodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = WasteCode
        fields = ["code", "title", "level", "hazardous"]


class WasteCodeViewSet(viewsets.ReadOnlyModelViewSet):
    """The AVV code list (reference data, public)."""

    queryset = WasteCode.objects.all()
    serializer_class = WasteCodeSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    search_fields = ["code", "title"]
    filterset_fields = ["level", "hazardous"]


def register(router):
    router.register("market/profiles", ProfileViewSet, basename="marketprofile")
    router.register("market/products", ProductViewSet, basename="marketproduct")
    router.register("market/cycles", CycleViewSet, basename="marketcycle")
    router.register("market/orders", OrderViewSet, basename="marketorder")
    router.register("market/listings", ListingViewSet, basename="marketlisting")
    router.register("market/waste-codes", WasteCodeViewSet, basename="marketwastecode")
