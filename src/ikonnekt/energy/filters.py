import django_filters
from django.utils.translation import gettext_lazy as _

from ikonnekt.energy.models import Building, BuildingGroup, UseType


def _groups(request):
    if request is None:
        return BuildingGroup.objects.none()
    # the choices show the name only (``__str__``): not every column of every group (#18)
    return BuildingGroup.objects.visible_to(request.user).only("id", "name")


class BuildingFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name"))
    use_type = django_filters.ChoiceFilter(choices=UseType.choices, label=_("Use type"))
    groups = django_filters.ModelChoiceFilter(queryset=_groups, label=_("Group"))

    class Meta:
        model = Building
        fields = ["name", "use_type", "owner", "groups"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the owner choices show the organisations' names (``__str__``), in their order
        owner = self.filters["owner"]
        owner.extra["queryset"] = owner.extra["queryset"].only("id", "name")
