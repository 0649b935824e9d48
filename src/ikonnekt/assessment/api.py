"""REST API: catalogues, entries (measures), areas, assessments, ratings and computed scores."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ikonnekt.assessment import actions, results
from ikonnekt.assessment.geometry import clean_geometry
from ikonnekt.assessment.models import Area, Assessment, Catalogue, CatalogueNode, Rating
from ikonnekt.core.api import IsAuthenticatedForWrites, ShareableSerializer, ShareableViewSet
from ikonnekt.core.audit import Actor
from ikonnekt.core.sharing import get_visible_or_404


class CatalogueSerializer(ShareableSerializer):
    class Meta:
        model = Catalogue
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "family",
            "version",
            "status",
            "published_at",
            "aggregation",
            "threshold_basic",
            "threshold_advanced",
            "threshold_ambitious",
            "is_example",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["family", "version", "status", "published_at", "is_example"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None and not self.instance.is_draft:
            frozen = {"aggregation", "threshold_basic", "threshold_advanced", "threshold_ambitious", "kind"}
            changed = [k for k in frozen & set(attrs) if attrs[k] != getattr(self.instance, k)]
            if changed:
                raise serializers.ValidationError(
                    {k: "This version is published and frozen." for k in changed}
                )
        return attrs


class ProtectedDestroyMixin:
    """Refuse (400) deleting what assessments still use, instead of a database error."""

    in_use_message = "Still used by assessments."

    def perform_destroy(self, instance):
        if instance.assessments.exists():
            raise serializers.ValidationError({"detail": self.in_use_message})
        super().perform_destroy(instance)


class CatalogueViewSet(ProtectedDestroyMixin, ShareableViewSet):
    """Criteria catalogue versions visible to the user."""

    queryset = Catalogue.objects.select_related("owner").prefetch_related("shared_with")
    serializer_class = CatalogueSerializer
    filterset_fields = ["kind", "status", "owner", "family"]
    search_fields = ["title", "description"]


class NodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = CatalogueNode
        fields = [
            "id",
            "catalogue",
            "parent",
            "kind",
            "code",
            "title",
            "description",
            "order",
            "sdgs",
            "implementer",
            "indicator",
            "unit",
            "target_1",
            "target_2",
            "target_3",
            "level_1",
            "level_2",
            "level_3",
            "weight",
            "is_minimum",
            "min_percent",
            "factsheet",
            "links",
        ]


class NodeViewSet(viewsets.ModelViewSet):
    """Categories and measures of the visible catalogues. Writes only in drafts, by the
    catalogue owner's editors (published versions are frozen)."""

    queryset = CatalogueNode.objects.all()
    serializer_class = NodeSerializer
    permission_classes = [IsAuthenticatedForWrites]
    filterset_fields = ["catalogue", "kind", "implementer", "parent"]
    search_fields = ["title", "description", "indicator", "code"]

    def get_queryset(self):
        return CatalogueNode.objects.visible_to(self.request.user).select_related("catalogue")

    def actor(self):
        return Actor.from_request(self.request)

    def perform_create(self, serializer):
        catalogue = get_visible_or_404(
            Catalogue, self.request.user, pk=serializer.validated_data["catalogue"].pk
        )
        node = CatalogueNode(**{**serializer.validated_data, "catalogue": catalogue})
        serializer.instance = actions.save_node(self.actor(), node)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "catalogue" in data and data["catalogue"].pk != serializer.instance.catalogue_id:
            raise serializers.ValidationError({"catalogue": "An entry cannot move to another catalogue."})
        node = serializer.instance
        for key, value in data.items():
            setattr(node, key, value)
        serializer.instance = actions.save_node(self.actor(), node)

    def perform_destroy(self, instance):
        actions.delete_node(self.actor(), instance)


class AreaSerializer(ShareableSerializer):
    class Meta:
        model = Area
        fields = [
            "id",
            "name",
            "kind",
            "municipality",
            "size_ha",
            "status",
            "geometry",
            "description",
            "documents",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]

    def validate_geometry(self, value):
        if value in (None, ""):
            return None
        try:
            return clean_geometry(value)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None


class AreaViewSet(ProtectedDestroyMixin, ShareableViewSet):
    queryset = Area.objects.select_related("owner", "municipality").prefetch_related("shared_with")
    serializer_class = AreaSerializer
    filterset_fields = ["kind", "status", "municipality", "owner"]
    search_fields = ["name", "description"]


class RatingSerializer(serializers.ModelSerializer):
    measure_code = serializers.CharField(source="measure.code", read_only=True)

    class Meta:
        model = Rating
        fields = [
            "id",
            "assessment",
            "measure",
            "measure_code",
            "level",
            "not_applicable",
            "reason",
            "status",
            "evidence",
            "documents",
            "updated_at",
        ]
        read_only_fields = ["assessment", "updated_at"]


class AssessmentSerializer(ShareableSerializer):
    class Meta:
        model = Assessment
        fields = [
            "id",
            "area",
            "catalogue",
            "scenario",
            "assessed_on",
            "notes",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        request = self.context["request"]
        area = attrs.get("area") or getattr(self.instance, "area", None)
        catalogue = attrs.get("catalogue") or getattr(self.instance, "catalogue", None)
        if self.instance is not None and (
            ("area" in attrs and attrs["area"] != self.instance.area)
            or ("catalogue" in attrs and attrs["catalogue"] != self.instance.catalogue)
        ):
            raise serializers.ValidationError("Area and catalogue version of an assessment cannot change.")
        try:
            actions.check_assessment_inputs(request.user, area, catalogue)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        return attrs


SCORE_SCHEMA = inline_serializer(
    "AssessmentScore",
    {
        "method": serializers.CharField(),
        "total": serializers.FloatField(allow_null=True),
        "label": serializers.CharField(allow_null=True),
        "failures": serializers.ListField(child=serializers.DictField()),
        "nodes": serializers.ListField(child=serializers.DictField()),
    },
)


class AssessmentViewSet(ShareableViewSet):
    """Assessments; ``/score/`` gives the computed percentages, ``/rate/`` sets one measure's rating."""

    queryset = Assessment.objects.select_related("owner", "area", "catalogue").prefetch_related("shared_with")
    serializer_class = AssessmentSerializer
    filterset_fields = ["area", "catalogue", "owner", "scenario"]
    search_fields = ["scenario", "notes", "area__name"]

    @extend_schema(responses=SCORE_SCHEMA)
    @action(detail=True, methods=["get"])
    def score(self, request, pk=None):
        assessment = self.get_object()
        nodes = results.catalogue_nodes([assessment.catalogue_id])[assessment.catalogue_id]
        result = results.score_assessment(assessment, nodes)
        return Response(
            {
                "method": result.method,
                "total": result.total.percent,
                "label": result.label,
                "failures": [f.__dict__ for f in result.failures],
                "nodes": [
                    {
                        "id": n.pk,
                        "code": n.code,
                        "title": n.title,
                        "percent": result.nodes[n.pk].percent,
                        "achieved": result.nodes[n.pk].achieved,
                        "maximum": result.nodes[n.pk].maximum,
                        "applicable": result.nodes[n.pk].applicable,
                        "not_applicable": result.nodes[n.pk].not_applicable,
                        "unrated": result.nodes[n.pk].unrated,
                    }
                    for n in nodes
                    if not n.is_measure
                ],
            }
        )

    @extend_schema(request=RatingSerializer, responses=RatingSerializer)
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        assessment = self.get_object()
        serializer = RatingSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        measure = get_visible_or_404(CatalogueNode, request.user, pk=data["measure"].pk)
        rating = actions.rate(
            self.actor(),
            assessment,
            measure,
            **{k: v for k, v in data.items() if k in actions.RATING_FIELDS},
        )
        return Response(RatingSerializer(rating).data)


class RatingViewSet(viewsets.ReadOnlyModelViewSet):
    """Ratings of the visible assessments (write through ``assessments/{id}/rate/``)."""

    queryset = Rating.objects.all()
    serializer_class = RatingSerializer
    filterset_fields = ["assessment", "measure", "level", "not_applicable"]

    def get_queryset(self):
        return Rating.objects.visible_to(self.request.user).select_related("measure")


def register(router):
    router.register("assessment/catalogues", CatalogueViewSet, basename="assessment-catalogue")
    router.register("assessment/entries", NodeViewSet, basename="assessment-entry")
    router.register("assessment/areas", AreaViewSet, basename="assessment-area")
    router.register("assessment/assessments", AssessmentViewSet, basename="assessment-assessment")
    router.register("assessment/ratings", RatingViewSet, basename="assessment-rating")
