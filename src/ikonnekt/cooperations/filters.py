import django_filters
from django.utils.translation import gettext_lazy as _

from ikonnekt.cooperations.models import Cooperation, CooperationForm, CooperationStatus, GoalKey
from ikonnekt.organizations.models import Organisation


class CooperationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    goal = django_filters.ChoiceFilter(
        field_name="goals__key", choices=GoalKey.choices, label=_("Goal"), distinct=True
    )
    form = django_filters.ChoiceFilter(choices=CooperationForm.choices, label=_("Form"))
    status = django_filters.ChoiceFilter(choices=CooperationStatus.choices, label=_("Status"))
    organisation = django_filters.ModelChoiceFilter(
        field_name="participations__organisation",
        queryset=Organisation.objects.only("id", "name"),  # the options show the name
        label=_("Member organisation"),
        distinct=True,
    )

    class Meta:
        model = Cooperation
        fields = ["q", "goal", "form", "status", "organisation"]
