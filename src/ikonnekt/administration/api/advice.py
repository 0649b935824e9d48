"""API of advice requests and their answers."""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ikonnekt.administration import actions
from ikonnekt.administration import models as m
from ikonnekt.core.api import ShareableSerializer, ShareableViewSet


class AdviceSerializer(ShareableSerializer):
    answers = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")

    class Meta:
        model = m.AdviceRequest
        fields = [
            "id",
            "topic",
            "question",
            "is_closed",
            "answers",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]

    def create(self, validated_data):
        validated_data["asked_by"] = self.context["request"].user
        return super().create(validated_data)


@extend_schema_serializer(component_name="AdviceAnswer")
class AnswerSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class AdviceViewSet(ShareableViewSet):
    queryset = m.AdviceRequest.objects.select_related("owner").prefetch_related("answers", "shared_with")
    serializer_class = AdviceSerializer
    search_fields = ["topic", "question"]

    @extend_schema(request=AnswerSerializer, responses={201: AnswerSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Answer an advice request (everyone who can see it and is signed in)."""
        advice = self.get_object()
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        answer = actions.answer_advice(self.actor(), advice, data.validated_data["text"])
        return Response({"text": answer.text}, status=status.HTTP_201_CREATED)
