"""Sets ``request.active_organisation``: the organisation the user acts for (chosen in the header)."""

from django.utils.functional import SimpleLazyObject

SESSION_KEY = "active_organisation_id"


def _memberships(request):
    from ikonnekt.organizations.models import Membership

    if not request.user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=request.user).select_related("organisation"))


def _active(request):
    memberships = request.memberships
    if not memberships:
        return None
    wanted = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.organisation_id == wanted:
            return membership.organisation
    return memberships[0].organisation


class ActiveOrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = SimpleLazyObject(lambda: _memberships(request))
        request.active_organisation = SimpleLazyObject(lambda: _active(request))
        return self.get_response(request)
