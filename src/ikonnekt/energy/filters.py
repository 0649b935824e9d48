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

    @property
    def form(self):
        """The filter form; the owner and group options listed from (id, name) rows of their
        querysets (the same rows, order and labels, ``__str__`` being the name) instead of a model
        object per option (#18). Validation still looks the chosen id up in the queryset."""
        if not hasattr(self, "_form"):
            form = super().form
            for name in ("owner", "groups"):
                field = form.fields[name]
                empty = [("", field.empty_label)] if field.empty_label is not None else []
                null = [(field.null_value, field.null_label)] if field.null_label is not None else []
                field.widget.choices = [*empty, *null, *field.queryset.values_list("pk", "name")]
        return self._form
