import django_filters
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.models import AuditAction, AuditLog
from ikonnekt.core.sharing import Role, orgs_with_role
from ikonnekt.organizations.models import Organisation


def _admin_orgs(request):
    if request is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=orgs_with_role(request.user, roles={Role.ADMIN}))


class AuditFilter(django_filters.FilterSet):
    owner_organisation = django_filters.ModelChoiceFilter(queryset=_admin_orgs, label=_("Organisation"))
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Action"))
    actor_name = django_filters.CharFilter(lookup_expr="icontains", label=_("User"))
    object_repr = django_filters.CharFilter(lookup_expr="icontains", label=_("Object"))
    since = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label=_("From"))
    until = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label=_("Until"))

    class Meta:
        model = AuditLog
        fields = ["owner_organisation", "action", "actor_name", "object_repr", "since", "until"]
