"""Query-parameter handling of the API that follows the schema strictly (issue #20, defect 10):
the schema declares ``page`` an integer and boolean filters ``true``/``false``; other values answer
400/404 instead of being read as something else (``page=last``, ``reviewed=1``) or ignored."""

from django.utils.translation import gettext as _
from django_filters import BooleanFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

BOOLEAN_VALUES = ("true", "false")


class NumberedPagination(PageNumberPagination):
    """Pages are numbers only: DRF's ``page=last`` is no integer, so it answers 404 as any
    page that does not exist."""

    last_page_strings = ()


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter reads a boolean filter with any other value as "no filter"; here such a value
    answers 400 naming the parameter (for generated and declared filter sets alike)."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            wrong = {
                name: [_("Enter true or false.")]
                for name, declared in filterset.filters.items()
                if isinstance(declared, BooleanFilter)
                and name in request.query_params
                and request.query_params[name] not in BOOLEAN_VALUES
            }
            if wrong:
                raise exceptions.ValidationError(wrong)
        return filterset
