"""API building blocks that apply the sharing rule (used by every app's ``api.py``)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.views import exception_handler as drf_exception_handler

from ikonnekt.core import actions
from ikonnekt.core.audit import Actor
from ikonnekt.core.sharing import Visibility, orgs_with_role, user_cooperation_ids


def exception_handler(exc, context):
    """Turn model validation and permission errors into clean 400/403 answers, and numbers too large
    for the database (ids or filters with 40 digits) into a 400."""
    if isinstance(exc, OverflowError):
        exc = exceptions.ValidationError({"detail": _("A number in the request is too large.")})
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, ProtectedError | RestrictedError):
        # e.g. an order cycle that already has orders: still referenced, so it stays (409, not a 500)
        names = sorted({str(obj._meta.verbose_name_plural) for obj in exc.args[1]})
        exc = Conflict(
            _("This cannot be deleted while it is still used by: %(names)s.") % {"names": ", ".join(names)}
        )
    return drf_exception_handler(exc, context)


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """The default related field of every ModelSerializer (set in ``CoreConfig.ready``): a
    reference to a shared object accepts only objects the user may see; any other id answers 400
    ("object does not exist"), so a foreign object's name can never be attached and shown.
    Serializers that validate input must get ``context={"request": request}``."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset is not None and hasattr(queryset, "visible_to"):
            request = self.context.get("request")
            # without a request nobody is known to see anything: a serializer built without
            # context refuses every reference instead of accepting any object
            queryset = queryset.visible_to(request.user) if request is not None else queryset.none()
        return queryset


class BoundedDateTimeField(serializers.DateTimeField):
    """Times between the years 1900 and 2200: earlier ones come back with the local mean time of
    Berlin (offset +00:53:28), which is no valid RFC 3339 time, and none is a plausible date here.
    The default DateTimeField of every ModelSerializer (set in ``CoreConfig.ready``)."""

    def to_internal_value(self, value):
        result = super().to_internal_value(value)
        if not 1900 <= result.year <= 2200:
            self.fail("invalid", format=_("a time between the years 1900 and 2200"))
        return result


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
        "example": "07:30:00",
        "description": "Local time of day (Europe/Berlin), HH:MM[:SS], without an offset.",
    }
)
class LocalTimeField(serializers.TimeField):
    """A time of day as the API writes it (``07:00:00``). The schema's ``format: time`` would demand
    an RFC 3339 offset (``07:00:00Z``) that a local opening hour does not have, so the schema
    declares the written form as a pattern instead. The default TimeField of every ModelSerializer
    (set in ``CoreConfig.ready``)."""


class OwnerField(serializers.PrimaryKeyRelatedField):
    """Owner organisation: only organisations the user edits for; defaults to the active one."""

    def get_queryset(self):
        from ikonnekt.organizations.models import Organisation

        request = self.context.get("request")
        user = getattr(request, "user", None)
        return Organisation.objects.filter(pk__in=orgs_with_role(user))


class SharedWithField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        from ikonnekt.cooperations.models import Cooperation

        request = self.context.get("request")
        user = getattr(request, "user", None)
        return Cooperation.objects.visible_to(user).filter(pk__in=user_cooperation_ids(user))


class ShareableSerializer(serializers.ModelSerializer):
    """Base serializer for shared objects: owner, visibility and cooperations shared with."""

    owner = OwnerField(required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    can_edit = serializers.SerializerMethodField()

    SHARING_FIELDS = ("id", "owner", "visibility", "can_edit", "created_at", "updated_at")

    def get_fields(self):
        fields = super().get_fields()
        if "shared_with" in fields:
            fields["shared_with"] = SharedWithField(many=True, required=False)
        return fields

    def get_can_edit(self, obj) -> bool:
        request = self.context.get("request")
        return bool(request and obj.can_edit(request.user))

    def validate(self, attrs):
        request = self.context.get("request")
        if self.instance is None and "owner" not in attrs:
            active = getattr(request, "active_organisation", None)
            if active is None or active.pk not in orgs_with_role(request.user):
                raise serializers.ValidationError({"owner": _("Choose the owner organisation.")})
            attrs["owner"] = active
        return attrs


class IsAuthenticatedForWrites(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


class ShareableViewSet(viewsets.ModelViewSet):
    """CRUD over a Shareable model through ``visible_to`` and the action functions.

    Invisible objects answer 404; visible but read-only objects answer 403 on writes.
    """

    permission_classes = [IsAuthenticatedForWrites]

    def get_queryset(self):
        # ``queryset`` on the subclass adds select_related etc.; the rule is applied here.
        return self.queryset.all().visible_to(self.request.user)

    def actor(self):
        return Actor.from_request(self.request)

    def perform_create(self, serializer):
        owner = serializer.validated_data["owner"]
        actions.create_object(self.actor(), owner.pk, lambda: serializer.save(created_by=self.request.user))

    def perform_update(self, serializer):
        actions.update_object(self.actor(), serializer.instance, serializer.save)

    def perform_destroy(self, instance):
        actions.delete_object(self.actor(), instance)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        if not instance.can_edit(request.user):
            raise exceptions.PermissionDenied(_("You may read this, but not change it."))
        with transaction.atomic():
            return super().update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        if not instance.can_delete(request.user):
            raise exceptions.PermissionDenied(
                _("Only the owner's administrators or the creator may delete this.")
            )
        return super().destroy(request, *args, **kwargs)


# --- the core's own endpoints: audit log (admins) and jobs ------------------------------------

from ikonnekt.core.models import AuditLog, Job  # noqa: E402
from ikonnekt.core.sharing import Role  # noqa: E402


class AuditLogSerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField()
    ip = serializers.SerializerMethodField()

    class Meta:
        model = AuditLog
        fields = [
            "id",
            "timestamp",
            "actor",
            "actor_name",
            "acting_organisation",
            "owner_organisation",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "ip",
        ]

    def get_object_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}" if obj.content_type_id else ""

    def get_ip(self, obj) -> str | None:
        """Only where the person acted for an organisation the reader administers."""
        if "admin_orgs" not in self.context:
            request = self.context.get("request")
            self.context["admin_orgs"] = (
                orgs_with_role(request.user, roles={Role.ADMIN}) if request else frozenset()
            )
        return obj.ip_for(self.context["admin_orgs"]) or None


class AuditLogViewSet(viewsets.ReadOnlyModelViewSet):
    """Audit rows of the organisations the user administers (read-only)."""

    serializer_class = AuditLogSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["action", "owner_organisation", "actor"]
    search_fields = ["object_repr", "actor_name"]

    queryset = AuditLog.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditLog.objects.none()
        admin_orgs = orgs_with_role(self.request.user, roles={Role.ADMIN})
        return AuditLog.objects.filter(owner_organisation_id__in=admin_orgs).select_related("content_type")


class JobSerializer(serializers.ModelSerializer):
    """A job for its users: the German ``message`` on failure; the traceback (``Job.error``) is
    for administrators only (Django admin, logs)."""

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "label",
            "organisation",
            "status",
            "progress",
            "message",
            "result",
            "result_url",
            "created_at",
            "started_at",
            "finished_at",
        ]


class JobViewSet(viewsets.ReadOnlyModelViewSet):
    """Jobs the user started, and those of organisations the user administers."""

    serializer_class = JobSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["status", "kind"]
    queryset = Job.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Job.objects.none()
        admin_orgs = orgs_with_role(self.request.user, roles={Role.ADMIN})
        return Job.objects.filter(created_by=self.request.user) | Job.objects.filter(
            organisation_id__in=admin_orgs
        )


def register(router):
    router.register("audit-log", AuditLogViewSet, basename="auditlog")
    router.register("jobs", JobViewSet, basename="job")
