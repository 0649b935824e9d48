"""API of working groups, meetings and action items."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from ikonnekt.administration import actions
from ikonnekt.administration import models as m
from ikonnekt.administration.api.common import CooperationCheckMixin, ProtectedDeleteMixin
from ikonnekt.administration.deadlines import open_action_items
from ikonnekt.core import actions as core_actions
from ikonnekt.core.api import ShareableSerializer, ShareableViewSet


@extend_schema_serializer(component_name="WorkingGroup")
class GroupSerializer(CooperationCheckMixin, ShareableSerializer):
    class Meta:
        model = m.WorkingGroup
        fields = [
            "id",
            "name",
            "cooperation",
            "kind",
            "description",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]


class GroupViewSet(ProtectedDeleteMixin, ShareableViewSet):
    queryset = m.WorkingGroup.objects.select_related("owner").prefetch_related("shared_with")
    serializer_class = GroupSerializer
    filterset_fields = ["cooperation", "kind", "owner"]


class ActionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.ActionItem
        fields = ["id", "meeting", "title", "assignee", "due_on", "status"]
        read_only_fields = ["meeting", "title", "assignee", "due_on"]


class MeetingSerializer(serializers.ModelSerializer):
    agenda = serializers.SerializerMethodField()
    agenda_titles = serializers.ListField(
        child=serializers.CharField(max_length=200),
        write_only=True,
        required=False,
        help_text="Agenda items to create with the meeting, in order.",
    )
    decisions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")
    action_items = ActionItemSerializer(many=True, read_only=True)

    class Meta:
        model = m.Meeting
        fields = [
            "id",
            "group",
            "title",
            "kind",
            "start",
            "end",
            "place",
            "video_url",
            "minutes",
            "agenda",
            "agenda_titles",
            "decisions",
            "action_items",
        ]
        read_only_fields = ["minutes"]

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        fields["group"].queryset = m.WorkingGroup.objects.visible_to(user)
        return fields

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if start and end and end <= start:
            raise serializers.ValidationError({"end": _("The meeting ends before it starts.")})
        return attrs

    def get_agenda(self, obj) -> list[dict]:
        return [
            {"position": a.position, "title": a.title, "minutes": a.minutes} for a in obj.agenda_items.all()
        ]


class MeetingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings of visible working groups; the organisers create them (with agenda items)."""

    serializer_class = MeetingSerializer
    permission_classes = [IsAuthenticated]
    queryset = m.Meeting.objects.prefetch_related("agenda_items", "decisions", "action_items")
    filterset_fields = ["group", "kind"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def perform_create(self, serializer):
        from ikonnekt.core.audit import Actor

        data = dict(serializer.validated_data)
        titles = data.pop("agenda_titles", [])
        actor = Actor.from_request(self.request)
        with transaction.atomic():
            meeting = core_actions.save_child(actor, data["group"], m.Meeting(**data))
            for number, title in enumerate(titles, start=1):
                core_actions.save_child(
                    actor, meeting, m.AgendaItem(meeting=meeting, position=number, title=title)
                )
        serializer.instance = meeting


class ActionItemViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The signed-in user's open action items; PATCH ``status`` to mark progress."""

    serializer_class = ActionItemSerializer
    permission_classes = [IsAuthenticated]
    queryset = m.ActionItem.objects.all()
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return open_action_items(self.request.user)
        return self.queryset.visible_to(self.request.user)

    def perform_update(self, serializer):
        from ikonnekt.core.audit import Actor

        serializer.instance = actions.set_action_status(
            Actor.from_request(self.request),
            serializer.instance,
            serializer.validated_data.get("status", serializer.instance.status),
        )
