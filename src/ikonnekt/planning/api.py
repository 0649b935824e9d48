"""Planning API: every object through the sharing rule; owner records only for the owning municipality."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from ikonnekt.cooperations.models import Cooperation
from ikonnekt.core.api import ShareableSerializer, ShareableViewSet
from ikonnekt.core.audit import Actor
from ikonnekt.core.files import file_url
from ikonnekt.core.sharing import get_visible_or_404, has_role, user_org_ids
from ikonnekt.organizations.models import Organisation
from ikonnekt.planning import actions, geometry, goaltree, landbalance, reports, views
from ikonnekt.planning.models import (
    SDG,
    CheckAnswer,
    DecisionCheck,
    GoalNode,
    IndicatorValue,
    Measure,
    Megatrend,
    MegatrendRelevance,
    Question,
    QuestionSet,
    SDGTarget,
    Site,
    SiteOwner,
    Vision,
)

BASE = list(ShareableSerializer.SHARING_FIELDS) + ["shared_with"]


class VisibleField(serializers.PrimaryKeyRelatedField):
    """A reference to a shared object: only objects the user may see are accepted (others are
    reported as unknown, exactly like ids that do not exist)."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.model._default_manager.visible_to(getattr(request, "user", None))


class MegatrendRelevanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = MegatrendRelevance
        fields = ["municipality", "relevance", "note"]


class MegatrendSerializer(ShareableSerializer):
    ratings = MegatrendRelevanceSerializer(many=True, read_only=True)

    class Meta:
        model = Megatrend
        fields = BASE + ["title", "description", "sources", "relevance", "ratings"]


class MegatrendViewSet(ShareableViewSet):
    queryset = Megatrend.objects.select_related("owner").prefetch_related("shared_with", "ratings")
    serializer_class = MegatrendSerializer
    search_fields = ["title", "description"]


class VisionSerializer(ShareableSerializer):
    cooperation = VisibleField(Cooperation, required=False, allow_null=True)
    megatrends = VisibleField(Megatrend, many=True, required=False)
    image = serializers.SerializerMethodField()

    @extend_schema_field(serializers.URLField(allow_null=True, label=gettext_lazy("image")))
    def get_image(self, obj):
        """The visibility-checked URL of the image (never a public /media/ path)."""
        url = file_url(obj, "image")
        request = self.context.get("request")
        return request.build_absolute_uri(url) if url and request else (url or None)

    class Meta:
        model = Vision
        fields = BASE + [
            "title",
            "horizon",
            "text",
            "author_group",
            "workshop",
            "workshop_date",
            "workshop_url",
            "cooperation",
            "megatrends",
            "image",
        ]


class VisionViewSet(ShareableViewSet):
    queryset = Vision.objects.select_related("owner").prefetch_related("shared_with", "megatrends")
    serializer_class = VisionSerializer
    filterset_fields = ["horizon", "owner"]
    search_fields = ["title", "text"]


class GoalNodeSerializer(ShareableSerializer):
    sdg_targets = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=SDGTarget.objects.all(), required=False
    )
    parent = VisibleField(GoalNode, required=False, allow_null=True)
    vision = VisibleField(Vision, required=False, allow_null=True)

    class Meta:
        model = GoalNode
        fields = BASE + [
            "parent",
            "kind",
            "title",
            "description",
            "vision",
            "rollup",
            "weight",
            "order",
            "indicator",
            "unit",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "direction",
            "sdg_targets",
            "responsible",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        request = self.context["request"]
        parent = attrs.get("parent")
        if parent is not None and not parent.is_visible_to(request.user):
            raise serializers.ValidationError({"parent": _("Unknown parent.")})
        probe = GoalNode(**{k: v for k, v in attrs.items() if k not in ("sdg_targets", "shared_with")})
        if self.instance is not None:
            for f in GoalNode._meta.concrete_fields:
                if f.name not in attrs:
                    setattr(probe, f.attname, getattr(self.instance, f.attname))
            probe.pk = self.instance.pk
        try:
            probe.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict)
        return attrs


class GoalNodeViewSet(ShareableViewSet):
    queryset = GoalNode.objects.select_related("owner").prefetch_related("shared_with", "sdg_targets")
    serializer_class = GoalNodeSerializer
    filterset_fields = ["kind", "parent", "owner", "vision"]
    search_fields = ["title", "indicator"]


class MeasureSerializer(ShareableSerializer):
    target = VisibleField(GoalNode)
    cooperation = VisibleField(Cooperation, required=False, allow_null=True)

    class Meta:
        model = Measure
        fields = BASE + [
            "target",
            "title",
            "description",
            "status",
            "progress",
            "start_date",
            "end_date",
            "cooperation",
            "catalogue_measure",
        ]

    def validate_target(self, target):
        if not target.is_visible_to(self.context["request"].user):
            raise serializers.ValidationError(_("Unknown target."))
        return target


class MeasureViewSet(ShareableViewSet):
    queryset = Measure.objects.select_related("owner").prefetch_related("shared_with")
    serializer_class = MeasureSerializer
    filterset_fields = ["status", "target", "owner"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    node = VisibleField(GoalNode)
    municipality = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = IndicatorValue
        fields = ["id", "node", "municipality", "year", "value", "source", "updated_at"]
        validators = []  # duplicates are updates (update_or_create in the action)


class IndicatorValueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Indicator time series; values inherit the visibility of their target. POST creates or
    replaces the value of (target, municipality, year)."""

    queryset = IndicatorValue.objects.select_related("node", "municipality")
    serializer_class = IndicatorValueSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filterset_fields = ["node", "municipality", "year"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        node = get_visible_or_404(GoalNode, self.request.user, pk=data["node"].pk)
        serializer.instance = actions.set_indicator_value(
            Actor.from_request(self.request),
            node,
            data["municipality"],
            data["year"],
            data["value"],
            data.get("source", ""),
        )

    def perform_destroy(self, instance):
        actions.delete_indicator_value(Actor.from_request(self.request), instance)


class SiteSerializer(ShareableSerializer):
    geometry = serializers.JSONField(help_text="GeoJSON geometry in WGS84 (Point, Polygon or MultiPolygon)")

    class Meta:
        model = Site
        fields = BASE + [
            "name",
            "category",
            "geometry",
            "area_m2",
            "centroid_lat",
            "centroid_lon",
            "parcel",
            "address",
            "planning_law",
            "availability",
            "obstacles",
            "contamination_suspected",
            "notes",
            "documents",
            "assessment_url",
            "in_exchange",
            "in_commercial_pool",
        ]
        read_only_fields = ["area_m2", "centroid_lat", "centroid_lon"]

    def validate_obstacles(self, value):
        from ikonnekt.planning.models import Obstacle

        if not isinstance(value, list) or any(v not in Obstacle.values for v in value):
            raise serializers.ValidationError(
                _("Use a list of: %(keys)s") % {"keys": ", ".join(Obstacle.values)}
            )
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "geometry" in attrs:
            try:
                geom, area, lat, lon = geometry.clean_geometry(attrs["geometry"])
            except DjangoValidationError as exc:
                raise serializers.ValidationError({"geometry": exc.messages})
            attrs.update(geometry=geom, area_m2=area, centroid_lat=lat, centroid_lon=lon)
        return attrs


class SiteViewSet(ShareableViewSet):
    """Sites (no personal data; owners are under /planning/site-owners/ for the owning municipality)."""

    queryset = Site.objects.select_related("owner").prefetch_related("shared_with")
    serializer_class = SiteSerializer
    filterset_fields = ["category", "owner", "planning_law", "availability", "in_exchange"]
    search_fields = ["name", "parcel", "address"]


class SiteOwnerSerializer(serializers.ModelSerializer):
    site = VisibleField(Site)

    class Meta:
        model = SiteOwner
        fields = [
            "id",
            "site",
            "name",
            "street",
            "postcode",
            "city",
            "email",
            "phone",
            "consent_note",
            "letter_sent_on",
            "answer",
            "answered_on",
            "answer_note",
        ]

    def validate_site(self, site):
        user = self.context["request"].user
        if site.owner_id not in user_org_ids(user):
            raise serializers.ValidationError(_("Unknown site."))
        return site


class SiteOwnerViewSet(viewsets.ModelViewSet):
    """Owner records (personal data): only members of the site's owner municipality see them,
    whatever the site's visibility; its editors change them."""

    queryset = SiteOwner.objects.select_related("site")
    serializer_class = SiteOwnerSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["site", "answer"]
    idor_model = SiteOwner

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def _check(self, site):
        if not has_role(self.request.user, site.owner_id):
            raise exceptions.PermissionDenied(
                _("Only editors of the municipality that owns the site may manage owners.")
            )

    def perform_create(self, serializer):
        self._check(serializer.validated_data["site"])
        actions.save_site_owner(
            Actor.from_request(self.request), serializer.validated_data["site"], serializer.save
        )

    def perform_update(self, serializer):
        self._check(serializer.instance.site)
        if serializer.validated_data.get("site", serializer.instance.site) != serializer.instance.site:
            raise exceptions.ValidationError({"site": _("An owner record cannot be moved to another site.")})
        actions.save_site_owner(Actor.from_request(self.request), serializer.instance.site, serializer.save)

    def perform_destroy(self, instance):
        self._check(instance.site)
        actions.delete_site_owner(Actor.from_request(self.request), instance)


@extend_schema_serializer(component_name="CheckQuestion")
class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["id", "topic", "text", "help", "suggestion", "order"]


class QuestionSetSerializer(ShareableSerializer):
    questions = QuestionSerializer(many=True, required=False)

    class Meta:
        model = QuestionSet
        fields = BASE + ["name", "version", "previous", "description", "is_example", "is_active", "questions"]
        read_only_fields = ["version", "previous", "is_example"]

    def create(self, validated_data):
        questions = validated_data.pop("questions", [])
        shared = validated_data.pop("shared_with", [])
        obj = QuestionSet.objects.create(**validated_data)
        obj.shared_with.set(shared)
        Question.objects.bulk_create([Question(question_set=obj, **q) for q in questions])
        return obj

    def update(self, instance, validated_data):
        if "questions" in validated_data:
            raise serializers.ValidationError(
                {"questions": _("Questions cannot be changed in place; create a new version.")}
            )
        return super().update(instance, validated_data)


class QuestionSetViewSet(ShareableViewSet):
    queryset = QuestionSet.objects.select_related("owner").prefetch_related("shared_with", "questions")
    serializer_class = QuestionSetSerializer


class CheckAnswerSerializer(serializers.ModelSerializer):
    question = VisibleField(Question)

    class Meta:
        model = CheckAnswer
        fields = ["question", "effect", "justification"]


class DecisionCheckSerializer(ShareableSerializer):
    question_set = VisibleField(QuestionSet)
    answers = CheckAnswerSerializer(many=True, required=False)
    score = serializers.SerializerMethodField()

    class Meta:
        model = DecisionCheck
        fields = BASE + ["title", "reference", "question_set", "date", "summary", "answers", "score"]

    def get_score(self, obj) -> float | None:
        return views._check_result(obj)["overall"]

    def validate_question_set(self, qs):
        if not qs.is_visible_to(self.context["request"].user):
            raise serializers.ValidationError(_("Unknown question set."))
        if self.instance is not None and self.instance.question_set_id != qs.pk:
            raise serializers.ValidationError(_("The question set of a check cannot be changed."))
        return qs

    def _answers(self, validated):
        return {a["question"].pk: (a["effect"], a.get("justification", "")) for a in validated}

    def create(self, validated_data):
        answers = validated_data.pop("answers", None)
        shared = validated_data.pop("shared_with", [])
        obj = DecisionCheck.objects.create(**validated_data)
        obj.shared_with.set(shared)
        self._pending = answers
        return obj

    def update(self, instance, validated_data):
        self._pending = validated_data.pop("answers", None)
        return super().update(instance, validated_data)


class DecisionCheckViewSet(ShareableViewSet):
    queryset = DecisionCheck.objects.select_related("owner", "question_set").prefetch_related(
        "shared_with", "answers"
    )
    serializer_class = DecisionCheckSerializer
    filterset_fields = ["question_set", "owner"]

    def _save_answers(self, serializer):
        pending = getattr(serializer, "_pending", None)
        if pending:
            actions.save_check_answers(self.actor(), serializer.instance, serializer._answers(pending))

    def perform_create(self, serializer):
        with transaction.atomic():
            super().perform_create(serializer)
            self._save_answers(serializer)

    def perform_update(self, serializer):
        with transaction.atomic():
            super().perform_update(serializer)
            self._save_answers(serializer)


class SDGTargetSerializer(serializers.ModelSerializer):
    sdg = serializers.IntegerField(source="sdg.number")

    class Meta:
        model = SDGTarget
        fields = ["code", "sdg", "title", "source"]


class SDGSerializer(serializers.ModelSerializer):
    class Meta:
        model = SDG
        fields = ["number", "title_de", "title_en"]


class SDGViewSet(viewsets.ReadOnlyModelViewSet):
    """The 17 SDGs (reference data)."""

    queryset = SDG.objects.all()
    serializer_class = SDGSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "number"


class SDGTargetViewSet(viewsets.ReadOnlyModelViewSet):
    """The 169 SDG targets with source (reference data)."""

    queryset = SDGTarget.objects.select_related("sdg")
    serializer_class = SDGTargetSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{1,2}\.[0-9a-z]{1,2}"
    filterset_fields = ["sdg__number"]


@extend_schema(
    summary="Goal tree with rolled-up progress",
    responses=inline_serializer(
        "GoalProgress",
        {
            "id": serializers.IntegerField(),
            "parent": serializers.IntegerField(allow_null=True),
            "title": serializers.CharField(),
            "depth": serializers.IntegerField(),
            "progress": serializers.FloatField(allow_null=True),
        },
        many=True,
    ),
)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def goal_progress(request):
    flat = goaltree.build_tree(request.user)
    return Response(
        [
            {
                "id": t.node.pk,
                "parent": t.node.parent_id,
                "title": t.node.title,
                "depth": t.depth,
                "progress": t.progress,
            }
            for t in flat
        ]
    )


@extend_schema(
    summary="Housing-land demand vs potential per municipality",
    parameters=[
        OpenApiParameter(n, float, required=False) for n in landbalance.HousingAssumptions().__dict__
    ],
    responses=inline_serializer(
        "DemandBalance",
        {
            "municipality": serializers.CharField(),
            "demand_ha": serializers.FloatField(),
            "gross_potential_ha": serializers.FloatField(),
            "mobilisable_ha": serializers.FloatField(),
            "surplus_ha": serializers.FloatField(),
        },
        many=True,
    ),
)
@api_view(["GET"])
@permission_classes([permissions.IsAuthenticated])
def demand_balance(request):
    assumptions, errors = views._assumptions_from(request)
    if errors:
        raise exceptions.ValidationError(errors)
    return Response(
        [
            {
                "municipality": r["org"].name,
                "demand_ha": round(r["demand"].hectares, 3),
                "gross_potential_ha": round(r["potential"].gross_ha, 3),
                "mobilisable_ha": round(r["potential"].mobilisable_ha, 3),
                "surplus_ha": round(r["balance"].surplus_ha, 3),
            }
            for r in reports.balance_rows(request.user, assumptions)
        ]
    )


@extend_schema(
    summary="Visible sites as paged GeoJSON",
    parameters=[
        OpenApiParameter("page", int, required=False, description="1, 2, …"),
        OpenApiParameter("bbox", str, required=False, description="west,south,east,north (WGS84)"),
        OpenApiParameter("category", str, required=False),
    ],
    responses={200: dict},
)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def sites_geojson(request):
    # the map page may pass anything and gets page 1; the API answers 400 for a page that is no
    # positive whole number, as its schema declares
    page = request.query_params.get("page")
    if page is not None and not (page.isascii() and page.isdigit() and 0 < int(page) < 2**31):
        raise exceptions.ValidationError({"page": [_("Enter a page number (1, 2, …).")]})
    django_request = request._request
    django_request.user = request.user  # token-authenticated API users see what they may see
    return views.sites_geojson(django_request)


urlpatterns = [
    path("planning/goal-progress/", goal_progress, name="planning-goal-progress"),
    path("planning/demand-balance/", demand_balance, name="planning-demand-balance"),
    path("planning/sites-geojson/", sites_geojson, name="planning-sites-geojson"),
]


def register(router):
    router.register("planning/megatrends", MegatrendViewSet, basename="planning-megatrend")
    router.register("planning/visions", VisionViewSet, basename="planning-vision")
    router.register("planning/goals", GoalNodeViewSet, basename="planning-goal")
    router.register("planning/measures", MeasureViewSet, basename="planning-measure")
    router.register("planning/indicator-values", IndicatorValueViewSet, basename="planning-indicatorvalue")
    router.register("planning/sites", SiteViewSet, basename="planning-site")
    router.register("planning/site-owners", SiteOwnerViewSet, basename="planning-siteowner")
    router.register("planning/question-sets", QuestionSetViewSet, basename="planning-questionset")
    router.register("planning/decision-checks", DecisionCheckViewSet, basename="planning-decisioncheck")
    router.register("planning/sdgs", SDGViewSet, basename="planning-sdg")
    router.register("planning/sdg-targets", SDGTargetViewSet, basename="planning-sdgtarget")
