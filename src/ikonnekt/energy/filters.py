import django_filters
from django.utils.translation import gettext_lazy as _

from ikonnekt.energy.models import Building, BuildingGroup, UseType


def _groups(request):
    if request is None:
        return BuildingGroup.objects.none()
    return BuildingGroup.objects.visible_to(request.user)


class BuildingFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name"))
    use_type = django_filters.ChoiceFilter(choices=UseType.choices, label=_("Use type"))
    groups = django_filters.ModelChoiceFilter(queryset=_groups, label=_("Group"))

    class Meta:
        model = Building
        fields = ["name", "use_type", "owner", "groups"]
