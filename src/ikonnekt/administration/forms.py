from django import forms
from django.contrib.auth import get_user_model
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.administration import models as m
from ikonnekt.administration.actions import MAX_ATTACHMENT_BYTES, next_statuses
from ikonnekt.administration.uploads import check_document
from ikonnekt.cooperations.models import Cooperation, Participation
from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm, ShareableForm
from ikonnekt.core.sharing import orgs_with_role
from ikonnekt.organizations.models import Organisation


def _cooperations_for(user):
    return (
        Cooperation.objects.visible_to(user)
        .filter(participations__organisation_id__in=orgs_with_role(user))
        .distinct()
    )


def _participants(cooperation):
    return Organisation.objects.filter(participations__cooperation=cooperation).distinct()


class CooperationShareableForm(ShareableForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cooperation" in self.fields:
            self.fields["cooperation"].queryset = _cooperations_for(self.user)
            if self.instance.pk:
                self.fields["cooperation"].disabled = True

    def clean(self):
        data = super().clean()
        coop, owner = data.get("cooperation"), data.get("owner") or getattr(self.instance, "owner", None)
        if coop and owner and not coop.participations.filter(organisation=owner).exists():
            self.add_error(
                "cooperation", _("%(org)s does not take part in this cooperation.") % {"org": owner}
            )
        return data


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

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, m.AgreementStatus(s).label) for s in next_statuses(agreement)]
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


class CostKeyForm(BootstrapModelForm):
    class Meta:
        model = m.CostKey
        fields = ["name"]


class ComponentForm(BootstrapModelForm):
    class Meta:
        model = m.CostKeyComponent
        fields = ["basis", "weight_percent", "reference_date", "resource", "position"]

    def __init__(self, *args, agreement=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = m.SharedResource.objects.visible_to(user).filter(
            cooperation=agreement.cooperation
        )
        self.fields["position"].queryset = m.SharedPosition.objects.visible_to(user).filter(
            cooperation=agreement.cooperation
        )
        for field in self.fields.values():
            field.required = False


ComponentFormSet = formset_factory(ComponentForm, extra=3, max_num=5)


class CostItemForm(BootstrapModelForm):
    class Meta:
        model = m.CostItem
        fields = ["year", "category", "label", "amount", "overhead_rate_percent", "cost_key"]

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_key"].queryset = agreement.cost_keys.all()
        self.fields["year"].initial = timezone.localdate().year


class AdvanceForm(BootstrapModelForm):
    class Meta:
        model = m.AdvancePayment
        fields = ["organisation", "year", "amount"]

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=agreement.parties.values("organisation_id")
        )

    def validate_unique(self):
        pass  # an existing row of the party and year is updated by the action


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


class SettlementForm(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    reason = forms.CharField(
        label=_("Reason for correction"),
        required=False,
        max_length=255,
        help_text=_("Needed when a settlement for this year was already issued."),
    )


class PositionForm(CooperationShareableForm):
    class Meta:
        model = m.SharedPosition
        fields = [
            "title",
            "owner",
            "cooperation",
            "agreement",
            "holder",
            "fte",
            "annual_personnel_costs",
            "overhead_rate_percent",
            "start_date",
            "description",
            "visibility",
            "shared_with",
        ]
        labels = {"owner": _("Employer")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = m.Agreement.objects.visible_to(self.user)
        self.fields["holder"].queryset = (
            get_user_model()
            .objects.filter(memberships__organisation_id__in=orgs_with_role(self.user))
            .distinct()
        )


class SharesForm(BootstrapForm):
    """One planned percentage per participant of the position's cooperation."""

    def __init__(self, *args, position, **kwargs):
        super().__init__(*args, **kwargs)
        current = {s.organisation_id: s.planned_percent for s in position.shares.all()}
        self.orgs = list(_participants(position.cooperation))
        for org in self.orgs:
            self.fields[f"org_{org.pk}"] = forms.DecimalField(
                label=org.name,
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=current.get(org.pk),
            )

    def shares(self):
        return {
            org: self.cleaned_data[f"org_{org.pk}"]
            for org in self.orgs
            if self.cleaned_data.get(f"org_{org.pk}")
        }


class TimeRecordForm(BootstrapForm):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Worked for"))
    date = forms.DateField(label=_("Date"))
    hours = forms.DecimalField(label=_("Hours"), min_value=0.01, max_value=24, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, position, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=position.shares.values("organisation_id")
        )
        self.fields["date"].initial = timezone.localdate()


class CsvImportForm(BootstrapForm):
    file = forms.FileField(label=_("CSV file"), help_text=_("Columns: datum;person;partner;stunden;notiz"))


class ResourceForm(CooperationShareableForm):
    class Meta:
        model = m.SharedResource
        fields = [
            "name",
            "owner",
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
            "visibility",
            "shared_with",
        ]
        widgets = {
            "available_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "available_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class BookingForm(BootstrapForm):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Booking for"))
    start = forms.DateTimeField(label=_("Start"))
    end = forms.DateTimeField(label=_("End"))
    purpose = forms.CharField(label=_("Purpose"), required=False, max_length=255)

    def __init__(self, *args, resource, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=resource.booking_organisation_ids(user)
        )
        self.fields["organisation"].empty_label = None


class UsageForm(BootstrapForm):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Used by"))
    date = forms.DateField(label=_("Date"))
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.01, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, resource, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = resource.booking_organisation_ids(user)
        if resource.can_edit(user):
            ids |= set(
                Participation.objects.filter(cooperation_id=resource.cooperation_id).values_list(
                    "organisation_id", flat=True
                )
            )
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)
        self.fields["quantity"].help_text = resource.get_usage_unit_display()
        self.fields["date"].initial = timezone.localdate()


class GroupForm(CooperationShareableForm):
    class Meta:
        model = m.WorkingGroup
        fields = ["name", "owner", "cooperation", "kind", "description", "visibility", "shared_with"]


class MemberForm(BootstrapForm):
    user = forms.ModelChoiceField(get_user_model().objects.none(), label=_("Person"))
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"))
    is_chair = forms.BooleanField(label=_("Chair"), required=False)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = _participants(group.cooperation)
        self.fields["organisation"].queryset = orgs
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(memberships__organisation__in=orgs, is_active=True)
            .distinct()
            .order_by("last_name", "username")
        )


class MeetingForm(BootstrapModelForm):
    class Meta:
        model = m.Meeting
        fields = ["title", "kind", "start", "end", "place", "video_url"]


class AgendaItemForm(BootstrapModelForm):
    class Meta:
        model = m.AgendaItem
        fields = ["position", "title", "description"]


class AgendaMinutesForm(BootstrapModelForm):
    class Meta:
        model = m.AgendaItem
        fields = ["minutes"]


class DecisionForm(BootstrapModelForm):
    class Meta:
        model = m.Decision
        fields = ["agenda_item", "text"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class ActionItemForm(BootstrapModelForm):
    class Meta:
        model = m.ActionItem
        fields = ["agenda_item", "title", "assignee", "due_on"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["assignee"].queryset = get_user_model().objects.filter(
            pk__in=meeting.group.members.values("user_id")
        )


class IdeaForm(BootstrapForm):
    text = forms.CharField(label=_("Idea"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    cluster = forms.CharField(label=_("Group"), required=False, max_length=100)
