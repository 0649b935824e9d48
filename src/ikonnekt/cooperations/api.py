from django.db import transaction
from rest_framework import serializers

from ikonnekt.cooperations import actions
from ikonnekt.cooperations.models import Announcement, Cooperation, Goal, GoalKey, Part, Participation
from ikonnekt.core.api import ShareableSerializer, ShareableViewSet
from ikonnekt.core.sharing import Role, has_role
from ikonnekt.organizations.models import Organisation


class ParticipationSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Participation
        fields = ["organisation", "organisation_name", "part", "joined_on"]


class CooperationSerializer(ShareableSerializer):
    goals = serializers.SlugRelatedField(
        many=True,
        slug_field="key",
        queryset=Goal.objects.all(),
        allow_empty=False,
        help_text="Keys of the six goals: " + ", ".join(GoalKey.values),
    )
    participations = ParticipationSerializer(many=True, required=False)

    class Meta:
        model = Cooperation
        fields = [
            "id",
            "name",
            "description",
            "goals",
            "form",
            "status",
            "start_date",
            "end_date",
            "owner",
            "visibility",
            "participations",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        request = self.context["request"]
        owner = attrs.get("owner") or getattr(self.instance, "owner", None)
        if owner is not None and not has_role(request.user, owner.pk, roles={Role.ADMIN}):
            raise serializers.ValidationError(
                {"owner": "Only administrators of the lead organisation may do this."}
            )
        return attrs

    def _save_relations(self, cooperation, goals, participations):
        if goals is not None:
            cooperation.goals.set(goals)
        if participations is not None:
            keep = {cooperation.owner_id}
            for item in participations:
                if item["organisation"].pk == cooperation.owner_id:
                    continue
                Participation.objects.update_or_create(
                    cooperation=cooperation,
                    organisation=item["organisation"],
                    defaults={
                        "part": item.get("part", Part.PARTNER)
                        if item.get("part") != Part.LEAD
                        else Part.PARTNER,
                        "joined_on": item.get("joined_on"),
                    },
                )
                keep.add(item["organisation"].pk)
            cooperation.participations.exclude(organisation_id__in=keep).delete()
        Participation.objects.get_or_create(
            cooperation=cooperation, organisation_id=cooperation.owner_id, defaults={"part": Part.LEAD}
        )

    def create(self, validated_data):
        goals = validated_data.pop("goals", None)
        participations = validated_data.pop("participations", None)
        cooperation = Cooperation.objects.create(**validated_data)
        self._save_relations(cooperation, goals, participations or [])
        return cooperation

    def update(self, instance, validated_data):
        goals = validated_data.pop("goals", None)
        participations = validated_data.pop("participations", None)
        validated_data.pop("owner", None)
        instance = super().update(instance, validated_data)
        self._save_relations(instance, goals, participations)
        return instance


class CooperationViewSet(ShareableViewSet):
    """Cooperations visible to the user; the lead organisation's admins create and change them."""

    queryset = Cooperation.objects.select_related("owner").prefetch_related(
        "goals", "participations__organisation"
    )
    serializer_class = CooperationSerializer
    filterset_fields = ["status", "form", "owner"]
    search_fields = ["name", "description"]

    def perform_create(self, serializer):
        owner = serializer.validated_data["owner"]
        with transaction.atomic():
            actions.create_cooperation(
                self.actor(), owner.pk, lambda: serializer.save(created_by=self.request.user)
            )


class AnnouncementSerializer(ShareableSerializer):
    class Meta:
        model = Announcement
        fields = [
            "id",
            "title",
            "body",
            "pinned",
            "valid_until",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]


class AnnouncementViewSet(ShareableViewSet):
    """Announcements visible to the user (the platform's sharing rule)."""

    queryset = Announcement.objects.select_related("owner").prefetch_related("shared_with")
    serializer_class = AnnouncementSerializer
    filterset_fields = ["owner", "visibility", "pinned"]
    search_fields = ["title", "body"]


def register(router):
    router.register("cooperations", CooperationViewSet, basename="cooperation")
    router.register("announcements", AnnouncementViewSet, basename="announcement")
