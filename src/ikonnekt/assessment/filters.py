import django_filters
from django.utils.translation import gettext_lazy as _

from ikonnekt.assessment.models import Area, AreaKind, AreaStatus, Catalogue, CatalogueKind, CatalogueStatus


class AreaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=AreaKind.choices, label=_("type"))
    status = django_filters.ChoiceFilter(choices=AreaStatus.choices, label=_("status"))

    class Meta:
        model = Area
        fields = ["q", "kind", "status"]


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=CatalogueKind.choices, label=_("for"))
    status = django_filters.ChoiceFilter(choices=CatalogueStatus.choices, label=_("status"))

    class Meta:
        model = Catalogue
        fields = ["q", "kind", "status"]
