"""Agreement forms: the agreement, parties, council decisions, status, task transfers and the VAT
classification."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.administration import models as m
from ikonnekt.administration.actions import MAX_ATTACHMENT_BYTES, next_statuses
from ikonnekt.administration.forms.common import CooperationShareableForm, _participants
from ikonnekt.administration.uploads import check_document
from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm
from ikonnekt.organizations.models import Organisation


class AgreementForm(CooperationShareableForm):
    owner_role = forms.ChoiceField(
        label=_("Role of your organisation"),
        choices=m.PartyRole.choices,
        required=False,
        initial=m.PartyRole.EQUAL,
        help_text=_(
            "Delegating: one party takes the task over, the others hand it over. Mandating: one party "
            "performs the task, the others commission it."
        ),
    )
    partner_role = forms.ChoiceField(
        label=_("Role of the partners"),
        choices=m.PartyRole.choices,
        initial=m.PartyRole.EQUAL,
        required=False,
    )
    partners = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        required=False,
        label=_("Partners (parties)"),
        help_text=_("Participants of the cooperation; your organisation is a party automatically."),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = m.Agreement
        fields = [
            "title",
            "owner",
            "cooperation",
            "kind",
            "task_field",
            "subject",
            "legal_basis",
            "effective_from_agreed",
            "term_end",
            "termination_right",
            "renewal_months",
            "notice_period_months",
            "reminder_days",
            "grant_programme",
            "grant_amount",
            "grant_from",
            "grant_until",
            "expected_savings",
            "document_url",
            "attachment",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["partners"]
            del self.fields["owner_role"]
            del self.fields["partner_role"]
            if self.instance.status not in (
                m.AgreementStatus.DRAFT,
                m.AgreementStatus.NEGOTIATION,
                m.AgreementStatus.COUNCIL,
            ):
                # after the signature the content changes only by an amendment (§ 18 Abs. 3 KGG)
                for name in (
                    "kind",
                    "effective_from_agreed",
                    "termination_right",
                    "term_end",
                    "renewal_months",
                ):
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Signed: changes only by an amendment (§ 18 Abs. 3 KGG).")
        else:
            self.fields["partners"].queryset = Organisation.objects.filter(
                participations__cooperation__in=self.fields["cooperation"].queryset
            ).distinct()

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "content_type"):
            try:
                check_document(upload, MAX_ATTACHMENT_BYTES)
            except forms.ValidationError as exc:
                raise forms.ValidationError(exc.message_dict["attachment"]) from None
        return upload

    def clean(self):
        data = super().clean()
        coop = data.get("cooperation")
        if coop and data.get("partners"):
            allowed = set(_participants(coop).values_list("pk", flat=True))
            outside = [o.name for o in data["partners"] if o.pk not in allowed]
            if outside:
                self.add_error(
                    "partners",
                    _("Not a participant of the cooperation: %(names)s") % {"names": ", ".join(outside)},
                )
        return data


class PartyForm(BootstrapForm):
    """Add a party or change the role of an existing one."""

    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("organisation"))
    role = forms.ChoiceField(label=_("role"), choices=m.PartyRole.choices)
    fixed_share_percent = forms.DecimalField(
        label=_("fixed cost share (%)"),
        required=False,
        max_digits=6,
        decimal_places=3,
        min_value=0,
        max_value=100,
    )
    council_decision_required = forms.BooleanField(
        label=_("council decision required"), required=False, initial=True
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _participants(agreement.cooperation)
        allowed = agreement.judgement().roles
        self.fields["role"].choices = [(r, m.PartyRole(r).label) for r in allowed]


class CouncilDecisionForm(BootstrapModelForm):
    class Meta:
        model = m.CouncilDecision
        fields = ["organisation", "body", "decided_on", "resolution_number", "approved", "note"]

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=agreement.parties.values("organisation_id")
        )


class StatusForm(BootstrapForm):
    to_status = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=_(
            "Date of signature, approval, notice, publication, entry into force or end; today if empty."
        ),
    )
    reference = forms.CharField(
        label=_("File reference / place of publication"),
        required=False,
        max_length=200,
        help_text=_(
            "For the approval: the authority's file reference; for the publication: where it was published."
        ),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, agreement, judgement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (s, m.AgreementStatus(s).label) for s in next_statuses(agreement, judgement)
        ]
        self.fields["on"].initial = timezone.localdate()


class TaskTransferForm(BootstrapModelForm):
    class Meta:
        model = m.TaskTransfer
        fields = [
            "task",
            "from_organisation",
            "to_organisation",
            "since",
            "cases_per_year",
            "staff_hours_per_year",
            "staff_hours_saved_per_year",
        ]

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        parties = Organisation.objects.filter(pk__in=agreement.parties.values("organisation_id"))
        self.fields["from_organisation"].queryset = parties
        self.fields["to_organisation"].queryset = parties


class VatForm(BootstrapModelForm):
    """The Kämmerei's checklist of § 2b Abs. 3 Nr. 2 UStG and the classification with its reasoning."""

    class Meta:
        model = m.Agreement
        fields = [
            "vat_long_term",
            "vat_public_task",
            "vat_cost_reimbursement",
            "vat_public_bodies",
            "vat_status",
            "vat_reasoning",
            "vat_rate_percent",
        ]
        widgets = {"vat_reasoning": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.administration.vat import CONDITIONS

        for c in CONDITIONS:
            self.fields[c.field].label = f"{c.letter}) {c.text}"
