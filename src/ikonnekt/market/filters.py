import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.market.models import (
    BusinessProfile,
    Label,
    Listing,
    ListingKind,
    Product,
    ProductCategory,
    Sector,
)


class ProfileFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    sector = django_filters.ChoiceFilter(choices=Sector.choices, label=_("Sector"))
    municipality = django_filters.ChoiceFilter(label=_("Municipality"), choices=[])
    label = django_filters.ModelChoiceFilter(
        queryset=Label.objects.all(),
        field_name="label_claims__label",
        label=pgettext_lazy("eco label", "Label"),
        distinct=True,
    )
    open_now = django_filters.BooleanFilter(
        method="filter_open", label=_("Open now"), widget=django_filters.widgets.BooleanWidget()
    )

    class Meta:
        model = BusinessProfile
        fields = ["q", "sector", "municipality", "label", "open_now"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = sorted(set(self.queryset.values_list("municipality", flat=True)))
        self.filters["municipality"].extra["choices"] = [(n, n) for n in names]
        self.form.fields["municipality"].choices = [("", "---------")] + [(n, n) for n in names]

    def search(self, qs, name, value):
        return qs.filter(
            Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(sustainability_statement__icontains=value)
        )

    def filter_open(self, qs, name, value):
        if not value:
            return qs
        now = timezone.now()
        ids = [p.pk for p in qs.only("pk", "opening_hours") if p.is_open_at(now)]
        return qs.filter(pk__in=ids)


class ProductFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    category = django_filters.ChoiceFilter(choices=ProductCategory.choices, label=_("Category"))

    class Meta:
        model = Product
        fields = ["q", "category"]

    def search(self, qs, name, value):
        return qs.filter(
            Q(name__icontains=value) | Q(description__icontains=value) | Q(origin__icontains=value)
        )


class ListingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Material or AVV code"))
    kind = django_filters.ChoiceFilter(choices=ListingKind.choices, label=_("Type"))

    class Meta:
        model = Listing
        fields = ["q", "kind"]

    def search(self, qs, name, value):
        from ikonnekt.market.wastecodes import normalise_code

        digits = normalise_code(value)
        if digits.isdigit():
            return qs.filter(waste_code__code__startswith=digits)
        return qs.filter(
            Q(title__icontains=value)
            | Q(waste_code__title__icontains=value)
            | Q(description__icontains=value)
        )
