"""API of shared resources and their bookings."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from ikonnekt.administration import actions
from ikonnekt.administration import models as m
from ikonnekt.administration.api.common import CooperationCheckMixin, ProtectedDeleteMixin
from ikonnekt.core.api import ShareableSerializer, ShareableViewSet
from ikonnekt.core.sharing import get_visible_or_404


class ResourceSerializer(CooperationCheckMixin, ShareableSerializer):
    class Meta:
        model = m.SharedResource
        fields = [
            "id",
            "name",
            "cooperation",
            "kind",
            "description",
            "location",
            "usage_unit",
            "cost_rate",
            "requires_approval",
            "available_from",
            "available_until",
            "weekdays_only",
            "min_hours",
            "max_hours",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]


class BookingSerializer(serializers.ModelSerializer):
    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        fields["resource"].queryset = m.SharedResource.objects.visible_to(user)
        return fields

    class Meta:
        model = m.Booking
        fields = ["id", "resource", "organisation", "booked_by", "start", "end", "purpose", "status"]
        read_only_fields = ["booked_by", "status"]


class ResourceViewSet(ProtectedDeleteMixin, ShareableViewSet):
    queryset = m.SharedResource.objects.select_related("owner").prefetch_related("shared_with")
    serializer_class = ResourceSerializer
    filterset_fields = ["cooperation", "kind", "owner"]


class BookingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Bookings of visible resources; creating one runs the rule and conflict check."""

    serializer_class = BookingSerializer
    permission_classes = [IsAuthenticated]
    queryset = m.Booking.objects.select_related("resource")
    filterset_fields = ["resource", "organisation", "status"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def perform_create(self, serializer):
        from ikonnekt.core.audit import Actor

        v = serializer.validated_data
        resource = get_visible_or_404(m.SharedResource, self.request.user, pk=v["resource"].pk)
        serializer.instance = actions.book_resource(
            Actor.from_request(self.request),
            resource,
            organisation=v["organisation"],
            start=v["start"],
            end=v["end"],
            purpose=v.get("purpose", ""),
        )

    @extend_schema(request=None, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        from ikonnekt.core.audit import Actor

        booking = actions.set_booking_status(
            Actor.from_request(request), self.get_object(), m.BookingStatus.CANCELLED
        )
        return Response(BookingSerializer(booking).data)
