from django.db import transaction
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from ikonnekt.core.audit import Actor
from ikonnekt.core.sharing import Role, orgs_with_role
from ikonnekt.organizations import actions
from ikonnekt.organizations.models import Membership, Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "name",
            "code",
            "kind",
            "is_transfer_municipality",
            "parent",
            "ags",
            "inhabitants",
            "area_km2",
            "latitude",
            "longitude",
            "website",
            "description",
        ]
        read_only_fields = ["slug"]


class OrganisationViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The organisation directory; organisation admins may update their own organisation."""

    serializer_class = OrganisationSerializer
    permission_classes = [permissions.IsAuthenticated]
    queryset = Organisation.objects.all()
    filterset_fields = ["kind", "is_transfer_municipality", "parent"]
    search_fields = ["name", "ags", "code"]

    def perform_update(self, serializer):
        actions.update_organisation(Actor.from_request(self.request), serializer.instance, serializer.save)


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "username", "organisation", "role", "job_title", "created_at"]
        read_only_fields = ["user", "organisation", "created_at"]


class MembershipViewSet(mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Memberships of the organisations the user administers (change role, end membership)."""

    serializer_class = MembershipSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["organisation", "role"]

    queryset = Membership.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        admin_orgs = orgs_with_role(self.request.user, roles={Role.ADMIN})
        return Membership.objects.filter(organisation_id__in=admin_orgs).select_related(
            "user", "organisation"
        )

    def perform_update(self, serializer):
        if set(serializer.validated_data) - {"role", "job_title"}:
            raise PermissionDenied()
        with transaction.atomic():
            if "role" in serializer.validated_data:
                actions.change_role(
                    Actor.from_request(self.request), serializer.instance, serializer.validated_data["role"]
                )
            if "job_title" in serializer.validated_data:
                serializer.instance.job_title = serializer.validated_data["job_title"]
                serializer.instance.save(update_fields=["job_title"])

    def perform_destroy(self, instance):
        actions.end_membership(Actor.from_request(self.request), instance)


def register(router):
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("memberships", MembershipViewSet, basename="membership")
