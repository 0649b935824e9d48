"""API of agreements: parties, council decisions, status changes, task transfers, workflow transitions
and the VAT classification."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ikonnekt.administration import actions
from ikonnekt.administration import models as m
from ikonnekt.administration.api.common import CooperationCheckMixin, ProtectedDeleteMixin
from ikonnekt.administration.api.costs import IssueSettlementSerializer, SettlementSerializer
from ikonnekt.administration.deadlines import agreement_deadlines
from ikonnekt.core.api import ShareableSerializer, ShareableViewSet
from ikonnekt.organizations.models import Organisation


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
