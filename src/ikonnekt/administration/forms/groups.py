"""Working group and meeting forms: the group, members, meetings, agenda items, minutes, decisions,
action items and idea cards."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ikonnekt.administration import models as m
from ikonnekt.administration.forms.common import CooperationShareableForm, _participants
from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm
from ikonnekt.organizations.models import Organisation


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
