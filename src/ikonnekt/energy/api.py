"""Energy API: buildings, groups, weather stations, reports and quarters through the sharing
rule; meters and their readings through the building; figures and variant comparison as
read-only endpoints."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ikonnekt.core import actions as core_actions
from ikonnekt.core.api import IsAuthenticatedForWrites, ShareableSerializer, ShareableViewSet
from ikonnekt.core.audit import Actor
from ikonnekt.energy import actions, concepts, services
from ikonnekt.energy.domain import importers
from ikonnekt.energy.models import (
    Building,
    BuildingGroup,
    EmissionFactorSet,
    EnergyReport,
    IntervalReading,
    Meter,
    Quarter,
    Reading,
    ReferenceValue,
    WeatherStation,
)


class BuildingSerializer(ShareableSerializer):
    class Meta:
        model = Building
        fields = [
            "id",
            "name",
            "property_name",
            "use_type",
            "reference_area",
            "area_kind",
            "postcode",
            "weather_method",
            "year_built",
            "address",
            "latitude",
            "longitude",
            "station",
            "heating_share",
            "groups",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_station(self, value):
        if (
            value is not None
            and not WeatherStation.objects.visible_to(self.context["request"].user)
            .filter(pk=value.pk)
            .exists()
        ):
            raise serializers.ValidationError(_("Unknown weather station."))
        return value

    def validate_groups(self, value):
        user = self.context["request"].user
        visible = set(BuildingGroup.objects.visible_to(user).values_list("pk", flat=True))
        if any(g.pk not in visible for g in value):
            raise serializers.ValidationError(_("Unknown building group."))
        return value


class BuildingViewSet(ShareableViewSet):
    """Buildings (Liegenschaften/Gebäude) visible to the user."""

    queryset = Building.objects.select_related("owner")
    serializer_class = BuildingSerializer
    filterset_fields = ["use_type", "owner"]
    search_fields = ["name", "property_name", "address"]

    @extend_schema(
        parameters=[OpenApiParameter("year", int), OpenApiParameter("factor_set", int)],
        responses={200: dict},
        summary="Annual figures of the building (kWh Hi, normalised heat, costs, CO2e, key figures)",
    )
    @action(detail=True, methods=["get"])
    def figures(self, request, pk=None):
        building = self.get_object()
        try:
            year = int(request.query_params.get("year", dt.date.today().year - 1))
            if not 1900 <= year <= 2100:
                raise ValueError
        except ValueError:
            raise exceptions.ValidationError({"year": _("Enter a year between 1900 and 2100.")}) from None
        fs_id = request.query_params.get("factor_set")
        fs = (
            EmissionFactorSet.objects.filter(pk=fs_id).first()
            if fs_id and fs_id.isdigit()
            else EmissionFactorSet.objects.filter(method="bisko", year__lte=year).order_by("-year").first()
        )
        if fs is None:
            raise exceptions.ValidationError({"factor_set": _("Unknown emission factor set.")})
        data = services.building_year(building, year, fs.factors())

        def bench(b):
            if not b:
                return None
            return {
                "specific": b.specific,
                "guide": b.guide,
                "limit": b.limit,
                "class": b.klass,
                "savings_kwh": b.savings_kwh,
                "savings_eur": b.savings_eur,
                "savings_t_co2": b.savings_t_co2,
            }

        return Response(
            {
                "year": year,
                "factor_set": {"id": fs.pk, "name": fs.name, "method": fs.method, "year": fs.year},
                "basis": "kWh Hi",
                "carriers": data["carriers"],
                "heat": data["heat"],
                "heat_normalised": data["heat_normalised"],
                "electricity": data["electricity"],
                "degree_days": data["degree_days"],
                "costs_eur": data["costs"],
                "co2_t": data["co2_t"],
                "heat_benchmark": bench(data["bench_heat"]),
                "electricity_benchmark": bench(data["bench_electricity"]),
                "months_heat": data["months_heat"],
                "months_electricity": data["months_electricity"],
                "problems": [str(p) for p in data["problems"]],
            }
        )


@extend_schema_serializer(component_name="BuildingGroup")
class GroupSerializer(ShareableSerializer):
    class Meta:
        model = BuildingGroup
        fields = [
            "id",
            "name",
            "description",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class GroupViewSet(ShareableViewSet):
    queryset = BuildingGroup.objects.select_related("owner")
    serializer_class = GroupSerializer


class StationSerializer(ShareableSerializer):
    class Meta:
        model = WeatherStation
        fields = [
            "id",
            "name",
            "station_id",
            "latitude",
            "longitude",
            "long_term_degree_days",
            "reference_period",
            "is_sample",
            "source",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class StationViewSet(ShareableViewSet):
    queryset = WeatherStation.objects.select_related("owner")
    serializer_class = StationSerializer


class ReportSerializer(ShareableSerializer):
    class Meta:
        model = EnergyReport
        fields = [
            "id",
            "title",
            "year",
            "cooperation",
            "factor_set",
            "summary",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class ReportViewSet(ShareableViewSet):
    queryset = EnergyReport.objects.select_related("owner", "factor_set")
    serializer_class = ReportSerializer


class QuarterSerializer(ShareableSerializer):
    class Meta:
        model = Quarter
        fields = [
            "id",
            "name",
            "description",
            "assessed_area",
            "station",
            "factor_set",
            "interest_rate",
            "period_years",
            "price_electricity",
            "price_heat_pump",
            "price_gas",
            "price_wood",
            "price_district_heat",
            "feed_in_tariff",
            "price_increase",
            "investment_price_increase",
            "operation_price_increase",
            "co2_price_path",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class QuarterViewSet(ShareableViewSet):
    queryset = Quarter.objects.select_related("owner", "factor_set")
    serializer_class = QuarterSerializer

    @extend_schema(
        responses={200: dict}, summary="Variant comparison with all intermediate figures and sensitivity"
    )
    @action(detail=True, methods=["get"])
    def comparison(self, request, pk=None):
        quarter = self.get_object()
        data = concepts.compare(quarter)
        return Response(
            {
                "weather_year": data["year"],
                "errors": data["errors"],
                "variants": [
                    {
                        "id": v.pk,
                        "name": v.name,
                        "heat_source": v.heat_source,
                        "result": r,
                        "error": e,
                        "sensitivity": [{"parameter": lbl, "low": lo, "high": hi} for lbl, lo, hi in t],
                    }
                    for v, r, e, t in data["results"]
                ],
            }
        )


# --- meters and readings --------------------------------------------------------------------


class VisibleBuildingField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Building.objects.visible_to(self.context["request"].user)


class MeterSerializer(serializers.ModelSerializer):
    building = VisibleBuildingField()

    class Meta:
        model = Meter
        fields = [
            "id",
            "building",
            "parent",
            "number",
            "name",
            "carrier",
            "unit",
            "kind",
            "formula",
            "digits",
            "conversion_factor",
            "state_number",
            "calorific_value",
            "calorific_basis",
            "installed_on",
            "active",
        ]

    def validate_building(self, value):
        user = self.context["request"].user
        if not Building.objects.visible_to(user).filter(pk=value.pk).exists():
            raise serializers.ValidationError(_("Unknown building."))
        return value

    def validate(self, attrs):
        instance = Meter(
            **{
                **(
                    {f: getattr(self.instance, f) for f in self.Meta.fields if f != "id"}
                    if self.instance
                    else {}
                ),
                **attrs,
            }
        )
        if self.instance:
            instance.pk = self.instance.pk
        from django.core.exceptions import ValidationError

        try:
            instance.clean()
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        return attrs


class MeterViewSet(viewsets.ModelViewSet):
    """Meters of visible buildings; changes need the edit right on the building."""

    queryset = Meter.objects.select_related("building")
    serializer_class = MeterSerializer
    permission_classes = [IsAuthenticatedForWrites]
    filterset_fields = ["building", "carrier", "kind"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def _save(self, serializer):
        building = serializer.validated_data.get("building") or serializer.instance.building
        try:
            core_actions.save_child(
                Actor.from_request(self.request), building, serializer.instance, save=serializer.save
            )
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from None

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        if not serializer.instance.building.can_edit(self.request.user):
            raise exceptions.PermissionDenied(_("You may read this, but not change it."))
        if (
            "building" in serializer.validated_data
            and serializer.validated_data["building"] != serializer.instance.building
        ):
            raise exceptions.ValidationError({"building": _("A meter cannot be moved to another building.")})
        self._save(serializer)

    def perform_destroy(self, instance):
        try:
            core_actions.delete_child(Actor.from_request(self.request), instance.building, instance)
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from None

    @extend_schema(
        parameters=[OpenApiParameter("year", int)],
        responses={200: dict},
        summary="Monthly consumption (kWh on the meter's calorific basis)",
    )
    @action(detail=True, methods=["get"])
    def monthly(self, request, pk=None):
        meter = self.get_object()
        try:
            year = int(request.query_params.get("year", dt.date.today().year))
            if not 1900 <= year <= 2100:
                raise ValueError
        except ValueError:
            raise exceptions.ValidationError({"year": _("Enter a year between 1900 and 2100.")}) from None
        return Response(
            {
                "year": year,
                "basis": meter.calorific_basis,
                "months": services.meter_monthly_units(meter, year),
            }
        )


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "number"}]})
class ReadingValueField(serializers.CharField):
    """A reading is written as text with a decimal comma or point (or as a JSON number) and read
    back as a JSON number: the schema declares both forms."""


class ReadingSerializer(serializers.ModelSerializer):
    confirm = serializers.BooleanField(write_only=True, required=False, default=False)
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)
    value = ReadingValueField(help_text="Decimal comma or point")

    class Meta:
        model = Reading
        fields = ["id", "meter", "timestamp", "value", "note", "source", "confirm", "warnings"]
        read_only_fields = ["source"]

    def validate_meter(self, value):
        if not Meter.objects.visible_to(self.context["request"].user).filter(pk=value.pk).exists():
            raise serializers.ValidationError(_("Unknown meter."))
        return value

    def validate_value(self, value):
        try:
            number = importers.parse_number(value)
        except ValueError:
            raise serializers.ValidationError(_("Enter a number, e.g. 12345,6.")) from None
        if number < 0:
            raise serializers.ValidationError(_("A meter reading cannot be negative."))
        return round(number, 3)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["value"] = float(instance.value)
        data["warnings"] = getattr(instance, "warnings", [])
        return data


class ReadingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Cumulative readings. Creating runs the plausibility check: with warnings the answer is
    400 with the warnings unless ``confirm`` is true."""

    queryset = Reading.objects.select_related("meter__building")
    serializer_class = ReadingSerializer
    permission_classes = [IsAuthenticatedForWrites]
    filterset_fields = ["meter"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            reading, warnings = actions.add_reading(
                Actor.from_request(self.request),
                data["meter"],
                data["timestamp"],
                data["value"],
                data.get("note", ""),
                confirmed=data.get("confirm", False),
            )
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from None
        if reading is None:
            raise exceptions.ValidationError(
                {"warnings": warnings, "confirm": [_("Send confirm=true to store it anyway.")]}
            )
        reading.warnings = warnings
        serializer.instance = reading


class IntervalSerializer(serializers.ModelSerializer):
    class Meta:
        model = IntervalReading
        fields = ["start", "minutes", "value"]


class IntervalViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Interval values (kWh per interval, UTC start) of visible meters; filter by meter and range."""

    queryset = IntervalReading.objects.order_by("start")
    serializer_class = IntervalSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = {"meter": ["exact"], "start": ["gte", "lt"]}

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)


class ReferenceValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReferenceValue
        fields = [
            "id",
            "use_type",
            "kind",
            "guide_value",
            "size_scaled_part",
            "limit_value",
            "area_kind",
            "source",
            "table",
            "source_year",
            "approximate",
        ]


class ReferenceValueViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Reference values (guide/limit, kWh/(m²·a)) by use type; platform-wide reference data."""

    queryset = ReferenceValue.objects.all()
    serializer_class = ReferenceValueSerializer
    permission_classes = [permissions.IsAuthenticated]


class FactorSetSerializer(serializers.ModelSerializer):
    factors = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()

    class Meta:
        model = EmissionFactorSet
        fields = ["id", "name", "method", "year", "source", "factors", "sources"]

    def get_factors(self, obj) -> dict:
        return obj.factors()

    def get_sources(self, obj) -> dict:
        """Per carrier: source, year of the source and whether the value is only approximate."""
        return {
            e.carrier: {"source": e.source, "source_year": e.source_year, "approximate": e.approximate}
            for e in obj.entries.all()
        }


class FactorSetViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Emission factor sets (g CO2e/kWh Hi) by method and year; platform-wide reference data."""

    queryset = EmissionFactorSet.objects.prefetch_related("entries")
    serializer_class = FactorSetSerializer
    permission_classes = [permissions.IsAuthenticated]


def register(router):
    router.register("energy/buildings", BuildingViewSet, basename="energy-building")
    router.register("energy/groups", GroupViewSet, basename="energy-group")
    router.register("energy/stations", StationViewSet, basename="energy-station")
    router.register("energy/reports", ReportViewSet, basename="energy-report")
    router.register("energy/quarters", QuarterViewSet, basename="energy-quarter")
    router.register("energy/meters", MeterViewSet, basename="energy-meter")
    router.register("energy/readings", ReadingViewSet, basename="energy-reading")
    router.register("energy/intervals", IntervalViewSet, basename="energy-interval")
    router.register("energy/reference-values", ReferenceValueViewSet, basename="energy-reference")
    router.register("energy/emission-factor-sets", FactorSetViewSet, basename="energy-factorset")
