import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikonnekt.organizations.models import Organisation, OrganisationKind


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("Type"))
    is_transfer_municipality = django_filters.BooleanFilter(label=_("Transfer municipality"))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "is_transfer_municipality", "parent"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(ags__startswith=value) | Q(code__iexact=value))
