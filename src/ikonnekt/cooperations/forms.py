from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from ikonnekt.cooperations.models import Announcement, Cooperation, Goal, Participation
from ikonnekt.core.forms import BootstrapMixin, ShareableForm, style_widget
from ikonnekt.core.sharing import Role, user_roles


class CooperationForm(ShareableForm):
    goals = forms.ModelMultipleChoiceField(
        Goal.objects.all(), widget=forms.CheckboxSelectMultiple, label=_("Goals")
    )

    class Meta:
        model = Cooperation
        fields = [
            "name",
            "owner",
            "goals",
            "form",
            "status",
            "start_date",
            "end_date",
            "description",
            "visibility",
        ]
        labels = {"owner": _("Lead organisation")}
        help_texts = {
            "visibility": _("“Shared with selected cooperations” means: visible to the participants."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # Only admins of an organisation may make it lead a cooperation.
        admin_orgs = [org_id for org_id, role in user_roles(user).items() if role == Role.ADMIN]
        self.fields["owner"].queryset = self.fields["owner"].queryset.filter(pk__in=admin_orgs)


class ParticipationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["organisation", "part", "joined_on"]


ParticipationFormSet = inlineformset_factory(
    Cooperation, Participation, form=ParticipationForm, extra=3, can_delete=True
)


def style_formset(formset):
    for form in formset.forms:
        for field in form.fields.values():
            style_widget(field)
    return formset


class AnnouncementForm(ShareableForm):
    class Meta:
        model = Announcement
        fields = ["title", "body", "owner", "visibility", "shared_with", "pinned", "valid_until"]
