"""API of issued settlements (and the serializers the agreement's settlement action uses)."""

from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from ikonnekt.administration import models as m


class SettlementSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.Settlement
        fields = [
            "id",
            "agreement",
            "year",
            "version",
            "previous",
            "issued_at",
            "reason",
            "total",
            "inputs",
            "result",
        ]


class IssueSettlementSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=255)


class SettlementViewSet(viewsets.ReadOnlyModelViewSet):
    """Issued settlements (frozen inputs and results) of visible agreements."""

    serializer_class = SettlementSerializer
    permission_classes = [IsAuthenticated]
    queryset = m.Settlement.objects.select_related("agreement")
    filterset_fields = ["agreement", "year"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)
