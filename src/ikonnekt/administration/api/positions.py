"""API of shared positions: time shares and time records."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ikonnekt.administration import actions
from ikonnekt.administration import models as m
from ikonnekt.administration.api.common import CooperationCheckMixin, ProtectedDeleteMixin
from ikonnekt.core.api import ShareableSerializer, ShareableViewSet


class ShareSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.PositionShare
        fields = ["organisation", "planned_percent"]


class PositionSerializer(CooperationCheckMixin, ShareableSerializer):
    shares = ShareSerializer(many=True, read_only=True)

    class Meta:
        model = m.SharedPosition
        fields = [
            "id",
            "title",
            "cooperation",
            "agreement",
            "holder",
            "fte",
            "annual_personnel_costs",
            "overhead_rate_percent",
            "start_date",
            "description",
            "shares",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]


class TimeRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.TimeRecord
        fields = ["id", "person", "organisation", "date", "hours", "note"]
        read_only_fields = ["person"]


class PositionViewSet(ProtectedDeleteMixin, ShareableViewSet):
    queryset = m.SharedPosition.objects.select_related("owner").prefetch_related("shares", "shared_with")
    serializer_class = PositionSerializer
    filterset_fields = ["cooperation", "owner"]

    @extend_schema(request=ShareSerializer(many=True), responses=PositionSerializer)
    @action(detail=True, methods=["put"], url_path="shares")
    def set_shares(self, request, pk=None):
        """Replace the planned time shares (they must add up to 100 %)."""
        position = self.get_object()
        data = ShareSerializer(data=request.data, many=True)
        data.is_valid(raise_exception=True)
        actions.set_position_shares(
            self.actor(),
            position,
            {row["organisation"]: row["planned_percent"] for row in data.validated_data},
        )
        return Response(
            PositionSerializer(self.get_queryset().get(pk=position.pk), context={"request": request}).data
        )

    @extend_schema(
        request=TimeRecordSerializer,
        responses={200: TimeRecordSerializer(many=True), 201: TimeRecordSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="time-records",
        pagination_class=None,  # the newest 1000 as one list, as declared
        filter_backends=[],
    )
    def time_records(self, request, pk=None):
        position = self.get_object()
        if request.method == "GET":
            return Response(TimeRecordSerializer(position.time_records.all()[:1000], many=True).data)
        data = TimeRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        record = actions.add_time_record(
            self.actor(),
            position,
            person=request.user,
            organisation=v["organisation"],
            day=v["date"],
            hours=v["hours"],
            note=v.get("note", ""),
        )
        return Response(TimeRecordSerializer(record).data, status=status.HTTP_201_CREATED)
