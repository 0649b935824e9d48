"""Sets ``request.active_organisation``: the organisation the user acts for (chosen in the header)."""

from django.utils.functional import SimpleLazyObject

SESSION_KEY = "active_organisation_id"


def _memberships(request):
    from ikonnekt.core.sharing import user_memberships

    return user_memberships(request.user)  # the same list the read rule uses: one query per request


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
