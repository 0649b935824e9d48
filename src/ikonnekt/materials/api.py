"""REST API: MFA systems and green-waste scenarios (sharing rule), and two stateless calculations."""

import numpy as np
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from ikonnekt.core.api import ShareableSerializer, ShareableViewSet
from ikonnekt.materials import allocation, factors, mfa_io, transport
from ikonnekt.materials.models import CollectionPoint, GreenWasteScenario, MfaSystem, Plant
from ikonnekt.materials.reconciliation import ReconciliationError, Variable, reconcile

MAX_FLOWS = 1000  # dense linear algebra: bounded memory and time per call
MAX_PAIRS = 20_000  # larger cases: a stored scenario (background job)
MAX_PARETO_PAIRS = 5_000


class MfaSystemSerializer(ShareableSerializer):
    data = serializers.SerializerMethodField(
        help_text="Processes, flows, values and stocks (exchange format)."
    )

    class Meta:
        model = MfaSystem
        fields = [
            *ShareableSerializer.SHARING_FIELDS,
            "name", "description", "boundary", "first_year", "last_year", "shared_with", "data",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

    def get_data(self, obj) -> dict:
        data = mfa_io.system_to_dict(obj)
        return {k: data[k] for k in ("processes", "flows", "values", "stocks")}


class MfaSystemViewSet(ShareableViewSet):
    """Material-flow systems visible to the user (content import: XLSX/JSON on the pages)."""

    queryset = MfaSystem.objects.select_related("owner").prefetch_related("shared_with")
    serializer_class = MfaSystemSerializer
    filterset_fields = ["owner", "visibility"]
    search_fields = ["name", "description"]


class PointSerializer(serializers.ModelSerializer):
    tonnes = serializers.FloatField(read_only=True)

    class Meta:
        model = CollectionPoint
        fields = [
            "id",
            "name",
            "municipality",
            "latitude",
            "longitude",
            "opening_hours",
            "fractions",
            "quantity_m3",
            "quantity_t",
            "method",
            "responsibility",
            "tonnes",
        ]


class PlantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plant
        exclude = ["scenario"]


class ScenarioSerializer(ShareableSerializer):
    points = PointSerializer(many=True, read_only=True)
    plants = PlantSerializer(many=True, read_only=True)

    class Meta:
        model = GreenWasteScenario
        exclude = ["created_by"]
        read_only_fields = ["created_at", "updated_at", "result", "result_at"]


class ScenarioViewSet(ShareableViewSet):
    """Green-waste scenarios with their collection points, plants and last optimisation result."""

    queryset = GreenWasteScenario.objects.select_related("owner").prefetch_related(
        "shared_with", "points", "plants"
    )
    serializer_class = ScenarioSerializer
    filterset_fields = ["owner", "year"]
    search_fields = ["name", "description"]


# --- stateless calculations ---------------------------------------------------------------------


class FlowInSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=120)
    source = serializers.CharField(
        max_length=120, allow_null=True, required=False, help_text="Source process; null = import"
    )
    target = serializers.CharField(
        max_length=120, allow_null=True, required=False, help_text="Target process; null = export"
    )
    value = serializers.FloatField(
        allow_null=True, required=False, help_text="Measured value; null = unknown"
    )
    uncertainty = serializers.FloatField(
        allow_null=True,
        required=False,
        help_text="Standard uncertainty (absolute unless uncertainty_is_percent)",
    )
    uncertainty_is_percent = serializers.BooleanField(default=False)


class StockChangeSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True, required=False)
    uncertainty = serializers.FloatField(default=0, min_value=0)


class ReconcileInSerializer(serializers.Serializer):
    flows = FlowInSerializer(many=True, allow_empty=False)
    stock_changes = serializers.DictField(
        child=StockChangeSerializer(),
        required=False,
        help_text="Process name → stock change (value null = unknown)",
    )
    alpha = serializers.FloatField(default=0.05, min_value=0.001, max_value=0.5)

    def validate_flows(self, flows):
        if len(flows) > MAX_FLOWS:
            raise serializers.ValidationError(_("At most %(n)s flows per call.") % {"n": MAX_FLOWS})
        return flows


class FlowOutSerializer(serializers.Serializer):
    id = serializers.CharField()
    measured = serializers.FloatField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    uncertainty = serializers.FloatField(allow_null=True)
    status = serializers.CharField(
        help_text="redundant, measured-nonredundant, known, observable or unobservable"
    )
    adjustment = serializers.FloatField()
    test_statistic = serializers.FloatField(allow_null=True)
    flagged = serializers.BooleanField()


class ReconcileOutSerializer(serializers.Serializer):
    flows = FlowOutSerializer(many=True)
    chi2 = serializers.FloatField()
    degrees_of_freedom = serializers.IntegerField()
    p_value = serializers.FloatField(allow_null=True)
    accepted = serializers.BooleanField()
    balances = serializers.DictField(child=serializers.FloatField(allow_null=True))
    warnings = serializers.ListField(child=serializers.CharField())


class CalcThrottle(AnonRateThrottle):
    rate = "30/min"


@extend_schema(
    request=ReconcileInSerializer,
    responses={200: ReconcileOutSerializer},
    summary="Reconcile a material-flow network (weighted least squares, χ² test)",
    examples=[
        OpenApiExample(
            "One process, three flows",
            value={
                "flows": [
                    {"id": "a", "source": None, "target": "P", "value": 10, "uncertainty": 1},
                    {"id": "b", "source": None, "target": "P", "value": 5, "uncertainty": 1},
                    {"id": "c", "source": "P", "target": None, "value": 17, "uncertainty": 1},
                ]
            },  # fmt: skip
            request_only=True,
        )
    ],
)
@api_view(["POST"])
@permission_classes([permissions.AllowAny])
@throttle_classes([CalcThrottle])
def reconcile_view(request):
    """Stateless: nothing is stored. Flows with unknown value are computed where observable."""
    ser = ReconcileInSerializer(data=request.data)
    ser.is_valid(raise_exception=True)
    data = ser.validated_data
    variables = []
    for f in data["flows"]:
        sigma = f.get("uncertainty")
        if sigma is not None and f.get("uncertainty_is_percent") and f.get("value") is not None:
            sigma = f["value"] * sigma / 100
        if f.get("value") is not None and sigma is None:
            return Response(
                {
                    "flows": [
                        _("Flow “%(id)s”: a measured value needs an uncertainty (0 = exactly known).")
                        % {"id": f["id"]}
                    ]
                },
                status=400,
            )
        variables.append(
            Variable(
                id=f["id"], source=f.get("source"), target=f.get("target"), value=f.get("value"), sigma=sigma
            )
        )
    processes = []
    for v in variables:
        for p in (v.source, v.target):
            if p is not None and p not in processes:
                processes.append(p)
    for name, s in (data.get("stock_changes") or {}).items():
        if name not in processes:
            return Response({"stock_changes": [_("Unknown process “%(p)s”.") % {"p": name}]}, status=400)
        variables.append(
            Variable(
                id=f"stock:{name}",
                target=name,
                value=s.get("value"),
                sigma=s.get("uncertainty", 0),
                is_stock=True,
            )
        )
    try:
        result = reconcile(variables, processes, alpha=data["alpha"])
    except ReconciliationError as exc:
        return Response({"errors": exc.messages}, status=400)
    except (np.linalg.LinAlgError, ValueError) as exc:
        return Response({"errors": [_("The system cannot be solved: %(e)s") % {"e": exc}]}, status=400)
    return Response(
        {
            "flows": [
                {
                    "id": r.id,
                    "measured": r.measured,
                    "value": r.value,
                    "uncertainty": r.sigma,
                    "status": r.status,
                    "adjustment": r.adjustment,
                    "test_statistic": r.test_statistic,
                    "flagged": r.flagged,
                }  # fmt: skip
                for r in result.variables
            ],
            "chi2": result.chi2,
            "degrees_of_freedom": result.dof,
            "p_value": result.p_value,
            "accepted": result.accepted,
            "balances": result.balances,
            "warnings": result.warnings,
        }
    )


class PointInSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=120)
    name = serializers.CharField(max_length=150, required=False)
    municipality = serializers.CharField(max_length=150)
    quantity_t = serializers.FloatField(min_value=0)
    lat = serializers.FloatField(min_value=-90, max_value=90, required=False, allow_null=True)
    lon = serializers.FloatField(min_value=-180, max_value=180, required=False, allow_null=True)
    bulk_density = serializers.FloatField(min_value=0.01, default=0.15)
    responsibility = serializers.ChoiceField(
        choices=["municipal", "evs"], default="municipal",
        help_text="municipal: the municipality's own green waste; evs: households' green waste (EVS responsible)",
    )  # fmt: skip


class PlantInSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=120)
    name = serializers.CharField(max_length=150, required=False)
    capacity_t = serializers.FloatField(min_value=0)
    gate_fee = serializers.FloatField(min_value=0, default=0)
    fixed_cost = serializers.FloatField(min_value=0, default=0)
    candidate = serializers.BooleanField(default=False)
    process_kg_per_t = serializers.FloatField(min_value=0, default=0)
    energy_mwh_per_t = serializers.FloatField(min_value=0, default=0)
    woody_share = serializers.FloatField(min_value=0, max_value=1, default=0)
    heat_ef_kg_per_mwh = serializers.FloatField(min_value=0, default=factors.default_heat_ef)
    owner = serializers.CharField(
        max_length=150, required=False, allow_null=True, default=None,
        help_text="Municipality owning or operating the plant (its fixed costs are charged to it); empty: third party",
    )  # fmt: skip
    thermal_kw = serializers.FloatField(
        min_value=0, default=0, help_text="Rated heat output (kW); 0: no limit"
    )
    full_load_hours = serializers.FloatField(min_value=0, max_value=8760, default=0)
    lat = serializers.FloatField(min_value=-90, max_value=90, required=False, allow_null=True)
    lon = serializers.FloatField(min_value=-180, max_value=180, required=False, allow_null=True)


class VehicleSerializer(serializers.Serializer):
    payload_t = serializers.FloatField(min_value=0.1, default=12.0)
    payload_m3 = serializers.FloatField(min_value=0.1, default=36.0)
    cost_per_km = serializers.FloatField(min_value=0, default=1.6)
    cost_per_trip = serializers.FloatField(min_value=0, default=45.0)
    kg_co2e_per_km = serializers.FloatField(min_value=0, default=0.95)


class OptimiseInSerializer(serializers.Serializer):
    points = PointInSerializer(many=True, allow_empty=False)
    plants = PlantInSerializer(many=True, allow_empty=False)
    distances_km = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField(min_value=0)), required=False,
        help_text="Optional road distances, one row per point, one column per plant; else haversine × detour",
    )  # fmt: skip
    objective = serializers.ChoiceField(choices=["cost", "co2", "weighted"], default="cost")
    carbon_price = serializers.FloatField(min_value=0, default=100.0)
    single_source = serializers.BooleanField(default=False)
    open_candidates = serializers.BooleanField(default=True)
    detour = serializers.FloatField(min_value=1, max_value=3, default=transport.DEFAULT_DETOUR)
    vehicle = VehicleSerializer(required=False)
    pareto_steps = serializers.IntegerField(min_value=0, max_value=20, default=0)

    def validate(self, attrs):
        pairs = len(attrs["points"]) * len(attrs["plants"])
        if attrs.get("pareto_steps") and pairs > MAX_PARETO_PAIRS:
            raise serializers.ValidationError(
                {
                    "pareto_steps": _("The Pareto front is offered up to %(n)s point–plant pairs per call.")
                    % {"n": MAX_PARETO_PAIRS}
                }
            )
        if pairs > MAX_PAIRS:
            raise serializers.ValidationError(
                _("At most %(n)s point–plant pairs per call.") % {"n": MAX_PAIRS}
            )
        return attrs


class OptimiseOutSerializer(serializers.Serializer):
    optimal = serializers.BooleanField()
    objective = serializers.CharField()
    objective_value = serializers.FloatField()
    total_cost = serializers.FloatField()
    total_co2e_kg = serializers.FloatField()
    energy_mwh = serializers.FloatField()
    co2e_avoided_kg = serializers.FloatField()
    flows = serializers.ListField(
        child=serializers.DictField(), help_text="Allocation: point, plant, tonnes, km, trips, costs, CO2e"
    )
    plants = serializers.ListField(child=serializers.DictField())
    municipalities = serializers.ListField(
        child=serializers.DictField(), help_text="Costs and emissions per municipality"
    )
    pareto = serializers.ListField(child=serializers.DictField(), required=False)


@extend_schema(
    request=OptimiseInSerializer,
    responses={200: OptimiseOutSerializer},
    summary="Optimise a green-waste allocation (HiGHS)",
)
@api_view(["POST"])
@permission_classes([permissions.AllowAny])
@throttle_classes([CalcThrottle])
def optimise_view(request):
    """Stateless: allocate collection points to plants (splittable or single-source, optional
    opening of candidate sites), objective cost, CO2e or weighted; optional Pareto front."""
    ser = OptimiseInSerializer(data=request.data)
    ser.is_valid(raise_exception=True)
    d = ser.validated_data
    points = [
        allocation.Point(name=p.get("name") or p["id"], **{k: v for k, v in p.items() if k != "name"})
        for p in d["points"]
    ]
    plants = [
        allocation.Plant(name=p.get("name") or p["id"], **{k: v for k, v in p.items() if k != "name"})
        for p in d["plants"]
    ]
    options = allocation.Options(
        objective=d["objective"],
        carbon_price=d["carbon_price"],
        single_source=d["single_source"],
        open_candidates=d["open_candidates"],
        detour=d["detour"],
        vehicle=transport.Vehicle(**d.get("vehicle", {})),
        time_limit=20.0,
    )
    km = d.get("distances_km")
    if km is not None:
        if len(km) != len(points) or any(len(row) != len(plants) for row in km):
            return Response(
                {"distances_km": [_("One row per collection point and one column per plant are required.")]},
                status=400,
            )
        km = np.array(km, dtype=float)
    try:
        result = allocation.optimise(points, plants, options, km)
        if d["pareto_steps"]:
            result["pareto"] = allocation.pareto_front(points, plants, options, km, steps=d["pareto_steps"])
    except allocation.AllocationError as exc:
        return Response({"errors": exc.messages}, status=400)
    return Response(result)


def register(router):
    router.register("materials/systems", MfaSystemViewSet, basename="mfasystem")
    router.register("materials/green-waste/scenarios", ScenarioViewSet, basename="greenwastescenario")


urlpatterns = [
    path("materials/reconcile/", reconcile_view, name="materials-reconcile"),
    path("materials/green-waste/optimise/", optimise_view, name="materials-optimise"),
]
