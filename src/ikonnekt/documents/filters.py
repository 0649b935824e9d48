import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikonnekt.documents.models import Document, Kind, Tag


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Title or correspondent"))
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Type"))
    tags = django_filters.ModelChoiceFilter(queryset=Tag.objects.all(), label=_("Tag"), distinct=True)
    year = django_filters.NumberFilter(field_name="document_date__year", label=_("Year"))
    inbox = django_filters.BooleanFilter(
        field_name="file", lookup_expr="isnull", label=_("Only inbox (no file)")
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "tags", "year", "inbox"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request is not None:
            self.filters["tags"].queryset = Tag.objects.visible_to(request.user)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(correspondent__icontains=value))
