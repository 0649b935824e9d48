"""REST API of joint administration (OpenAPI via drf-spectacular). Writes go through the actions."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from ikonnekt.administration import actions
from ikonnekt.administration import models as m
from ikonnekt.administration.deadlines import agreement_deadlines, open_action_items
from ikonnekt.core import actions as core_actions
from ikonnekt.core.api import ShareableSerializer, ShareableViewSet
from ikonnekt.core.sharing import get_visible_or_404
from ikonnekt.organizations.models import Organisation


class CooperationCheckMixin:
    """The cooperation must be visible to the user and the owner must take part in it."""

    def get_fields(self):
        # Choices limited to what the user may see, so an id never tells whether a hidden object exists.
        from ikonnekt.cooperations.models import Cooperation

        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        if "cooperation" in fields and not fields["cooperation"].read_only:
            fields["cooperation"].queryset = Cooperation.objects.visible_to(user)
        if "agreement" in fields and not fields["agreement"].read_only:
            fields["agreement"].queryset = m.Agreement.objects.visible_to(user)
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        coop = attrs.get("cooperation") or getattr(self.instance, "cooperation", None)
        owner = attrs.get("owner") or getattr(self.instance, "owner", None)
        request = self.context["request"]
        if coop is not None:
            if not coop.is_visible_to(request.user):
                raise serializers.ValidationError({"cooperation": "Unknown cooperation."})
            if self.instance is not None and coop.pk != self.instance.cooperation_id:
                raise serializers.ValidationError({"cooperation": "The cooperation cannot change."})
            if owner is not None and not coop.participations.filter(organisation=owner).exists():
                raise serializers.ValidationError(
                    {"cooperation": "The owner organisation does not take part in this cooperation."}
                )
        return attrs


class ProtectedDeleteMixin:
    """Objects still used elsewhere (a settlement, a cost key) answer 400 with the reason, not 500."""

    def perform_destroy(self, instance):
        from django.db.models import ProtectedError, RestrictedError

        try:
            with transaction.atomic():
                super().perform_destroy(instance)
        except (ProtectedError, RestrictedError) as exc:
            objs = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
            used = sorted({str(o._meta.verbose_name) for o in objs})
            raise serializers.ValidationError(
                {
                    "non_field_errors": [
                        _("Still in use (%(what)s); end or archive it instead.") % {"what": ", ".join(used)}
                    ]
                }
            ) from None


class PartySerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = m.AgreementParty
        fields = [
            "organisation",
            "organisation_name",
            "role",
            "fixed_share_percent",
            "council_decision_required",
        ]


class CouncilDecisionSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = m.CouncilDecision
        fields = ["id", "organisation", "body", "decided_on", "resolution_number", "approved", "note"]


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.StatusChange
        fields = ["from_status", "to_status", "changed_at", "note"]


class TaskTransferSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.TaskTransfer
        fields = [
            "id",
            "task",
            "from_organisation",
            "to_organisation",
            "since",
            "cases_per_year",
            "staff_hours_per_year",
            "staff_hours_saved_per_year",
        ]


class AgreementSerializer(CooperationCheckMixin, ShareableSerializer):
    parties = PartySerializer(many=True, read_only=True)
    council_decisions = CouncilDecisionSerializer(many=True, read_only=True)
    status_changes = StatusChangeSerializer(many=True, read_only=True)
    task_transfers = TaskTransferSerializer(many=True, read_only=True)
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = m.Agreement
        fields = [
            "id",
            "title",
            "cooperation",
            "kind",
            "task_field",
            "subject",
            "legal_basis",
            "status",
            "signed_on",
            "approved_on",
            "approval_reference",
            "supervisory_notice_on",
            "published_on",
            "publication_reference",
            "effective_from_agreed",
            "valid_from",
            "term_end",
            "termination_right",
            "vat_status",
            "renewal_months",
            "notice_period_months",
            "reminder_days",
            "notice_given_on",
            "ended_on",
            "grant_programme",
            "grant_amount",
            "grant_from",
            "grant_until",
            "expected_savings",
            "document_url",
            "parties",
            "council_decisions",
            "status_changes",
            "task_transfers",
            "deadlines",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "signed_on",
            "approved_on",
            "approval_reference",
            "supervisory_notice_on",
            "published_on",
            "publication_reference",
            "valid_from",
            "notice_given_on",
            "ended_on",
            "vat_status",
        ]

    def get_deadlines(self, obj) -> list[dict]:
        from django.utils import timezone

        return [
            {"kind": d.kind, "date": d.date.isoformat(), "label": str(d.label)}
            for d in agreement_deadlines(obj, timezone.localdate())
        ]


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=m.AgreementStatus.choices)
    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=255)
    reference = serializers.CharField(required=False, allow_blank=True, max_length=200)


class VatClassificationSerializer(serializers.ModelSerializer):
    """§ 2b UStG: the Kämmerei's checklist (a–d of § 2b Abs. 3 Nr. 2), classification and reasoning."""

    class Meta:
        model = m.Agreement
        fields = [
            "vat_status",
            "vat_long_term",
            "vat_public_task",
            "vat_cost_reimbursement",
            "vat_public_bodies",
            "vat_reasoning",
            "vat_rate_percent",
            "vat_assessed_on",
        ]
        read_only_fields = ["vat_assessed_on"]


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


class AgreementViewSet(ProtectedDeleteMixin, ShareableViewSet):
    """Agreements within cooperations; status, council decisions and settlements through actions."""

    queryset = m.Agreement.objects.select_related("owner", "cooperation").prefetch_related(
        "parties__organisation", "council_decisions", "status_changes", "task_transfers", "shared_with"
    )
    serializer_class = AgreementSerializer
    filterset_fields = ["status", "kind", "task_field", "cooperation", "owner"]
    search_fields = ["title", "subject"]

    def perform_create(self, serializer):
        owner = serializer.validated_data["owner"]
        with transaction.atomic():
            actions.create_agreement(
                self.actor(), owner.pk, lambda: serializer.save(created_by=self.request.user)
            )

    @extend_schema(request=TransitionSerializer, responses=AgreementSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the agreement along its workflow (draft → … → in force → notice given → ended)."""
        agreement = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        updated = actions.change_status(
            self.actor(),
            agreement,
            data.validated_data["to_status"],
            on=data.validated_data.get("on"),
            note=data.validated_data.get("note", ""),
            reference=data.validated_data.get("reference", ""),
        )
        return Response(
            AgreementSerializer(self.get_queryset().get(pk=updated.pk), context={"request": request}).data
        )

    @extend_schema(request=VatClassificationSerializer, responses=VatClassificationSerializer)
    @action(detail=True, methods=["get", "post"], url_path="vat")
    def vat(self, request, pk=None):
        """Read or record the § 2b UStG classification (audited; "not_taxable" needs all four conditions)."""
        agreement = self.get_object()
        if request.method == "GET":
            return Response(VatClassificationSerializer(agreement).data)
        data = VatClassificationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        updated = actions.classify_vat(self.actor(), agreement, dict(data.validated_data))
        return Response(VatClassificationSerializer(updated).data)

    @extend_schema(request=CouncilDecisionSerializer, responses={201: CouncilDecisionSerializer})
    @action(detail=True, methods=["post"], url_path="council-decisions")
    def council_decision(self, request, pk=None):
        agreement = self.get_object()
        data = CouncilDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision = actions.record_council_decision(self.actor(), agreement, **data.validated_data)
        return Response(CouncilDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IssueSettlementSerializer, responses={201: SettlementSerializer})
    @action(detail=True, methods=["post"], url_path="settlements")
    def issue_settlement(self, request, pk=None):
        """Issue (or correct, with a reason) the annual settlement of a year."""
        agreement = self.get_object()
        data = IssueSettlementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        settlement = actions.issue_settlement(
            self.actor(), agreement, data.validated_data["year"], data.validated_data.get("reason", "")
        )
        return Response(SettlementSerializer(settlement).data, status=status.HTTP_201_CREATED)


class SettlementViewSet(viewsets.ReadOnlyModelViewSet):
    """Issued settlements (frozen inputs and results) of visible agreements."""

    serializer_class = SettlementSerializer
    permission_classes = [IsAuthenticated]
    queryset = m.Settlement.objects.select_related("agreement")
    filterset_fields = ["agreement", "year"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)


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


def register(router):
    router.register("agreements", AgreementViewSet, basename="agreement")
    router.register("settlements", SettlementViewSet, basename="settlement")
    router.register("shared-positions", PositionViewSet, basename="sharedposition")
    router.register("shared-resources", ResourceViewSet, basename="sharedresource")
    router.register("bookings", BookingViewSet, basename="booking")
    router.register("working-groups", GroupViewSet, basename="workinggroup")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("action-items", ActionItemViewSet, basename="actionitem")
