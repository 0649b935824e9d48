"""API of the indicator feeds: feeds (registry), series with current values and provenance,
publishing and recomputing through the same action functions as the pages."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ikonnekt.core.audit import Actor
from ikonnekt.core.jobs import enqueue
from ikonnekt.core.sharing import Visibility
from ikonnekt.indicators import actions
from ikonnekt.indicators.models import IndicatorSeries, SeriesValue
from ikonnekt.indicators.registry import feeds


class ValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = SeriesValue
        fields = [
            "year",
            "value",
            "is_current",
            "calculation",
            "calculation_version",
            "inputs",
            "factor_set",
            "computed_at",
            "published_by",
        ]


class SeriesSerializer(serializers.ModelSerializer):
    values = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorSeries
        fields = [
            "id",
            "feed",
            "title",
            "unit",
            "dimension",
            "dimension_label",
            "source_label",
            "region",
            "owner",
            "visibility",
            "status",
            "problem",
            "licence",
            "update_frequency",
            "last_computed_at",
            "values",
        ]
        read_only_fields = fields

    def get_values(self, obj) -> list[dict]:
        history = self.context.get("history")
        qs = obj.values.all() if history else obj.values.filter(is_current=True)
        return ValueSerializer(qs.order_by("year", "-computed_at"), many=True).data


class PublishSerializer(serializers.Serializer):
    feed = serializers.CharField()
    source = serializers.IntegerField(help_text="id of the source object (scenario, organisation …)")
    region = serializers.IntegerField(required=False, allow_null=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)


class SeriesViewSet(mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Published indicator series the user may see; ``?history=1`` adds earlier values."""

    serializer_class = SeriesSerializer
    queryset = IndicatorSeries.objects.select_related("owner", "region")
    filterset_fields = ["feed", "region", "owner", "status"]

    def get_queryset(self):
        return self.queryset.all().visible_to(self.request.user)

    def get_serializer_context(self):
        ctx = super().get_serializer_context()
        ctx["history"] = self.request.query_params.get("history") == "1"
        return ctx

    def destroy(self, request, *args, **kwargs):
        from rest_framework.exceptions import PermissionDenied

        series = self.get_object()
        if not series.can_delete(request.user):
            raise PermissionDenied(_("Only the owner's administrators or the creator may delete this."))
        try:
            actions.withdraw(Actor.from_request(request), series)
        except ValidationError as exc:
            raise serializers.ValidationError({"non_field_errors": exc.messages})
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=PublishSerializer, responses=SeriesSerializer(many=True))
    @action(detail=False, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def publish(self, request):
        data = PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feed = feeds.get(data.validated_data["feed"])
        if feed is None:
            raise serializers.ValidationError({"feed": ["Unknown feed."]})
        source = get_object_or_404(feed.publishable_sources(request.user), pk=data.validated_data["source"])
        region = None
        if data.validated_data.get("region"):
            from ikonnekt.organizations.models import Organisation

            region = get_object_or_404(Organisation, pk=data.validated_data["region"])
        try:
            series = actions.publish(
                Actor.from_request(request),
                feed.key,
                source,
                region=region,
                visibility=data.validated_data.get("visibility"),
            )
        except ValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            )
        return Response(SeriesSerializer(series, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={202: dict})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def refresh(self, request, pk=None):
        series = self.get_object()
        if not series.can_edit(request.user):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied()
        job = enqueue(
            "indicators.refresh",
            actor=Actor.from_request(request),
            label=_("Update indicator feed: %(t)s") % {"t": series},
            feed=series.feed,
            source_type_id=series.source_type_id,
            source_id=series.source_id,
            user_id=request.user.pk,
        )
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class FeedSerializer(serializers.Serializer):
    key = serializers.CharField()
    source_model = serializers.CharField()
    title = serializers.CharField()
    unit = serializers.CharField()
    calculation = serializers.CharField()
    version = serializers.CharField()
    description = serializers.CharField()


class FeedViewSet(viewsets.ViewSet):
    """The registry: which figures modules offer as feeds."""

    permission_classes = [permissions.AllowAny]
    serializer_class = FeedSerializer

    @extend_schema(responses=FeedSerializer(many=True))
    def list(self, request):
        return Response(FeedSerializer(feeds.all(), many=True).data)


def register(router):
    router.register("indicators/series", SeriesViewSet, basename="indicators-series")
    router.register("indicators/feeds", FeedViewSet, basename="indicators-feed")
