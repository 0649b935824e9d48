import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikonnekt.documents.models import Document, Kind, Tag


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Title or correspondent"))
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Type"))
    # By name: organisations that share documents often use the same keyword ("Grüngut"); one
    # entry per name finds the documents of all of them (the list is already visible_to the user).
    tags = django_filters.ChoiceFilter(label=_("Tag"), method="filter_tag")
    year = django_filters.NumberFilter(field_name="document_date__year", label=_("Year"))
    inbox = django_filters.BooleanFilter(
        field_name="file", lookup_expr="isnull", label=_("Only inbox (no file)")
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "tags", "year", "inbox"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = request.user if request is not None else None
        names = Tag.objects.visible_to(user).values_list("name", flat=True).distinct() if user else []
        self.filters["tags"].extra["choices"] = [(n, n) for n in sorted(set(names), key=str.casefold)]
        # Old links (?tags=<id>) keep working: an id is turned into its tag's name.
        data = self.data.copy() if self.data is not None else None
        value = data.get("tags") if data is not None else None
        if value and value.isdigit() and user is not None:
            tag = Tag.objects.visible_to(user).filter(pk=int(value)).first()
            if tag is not None:
                data["tags"] = tag.name
                self.data = data

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__name=value).distinct()

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(correspondent__icontains=value))
