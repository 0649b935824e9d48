"""What every page of joint administration shares."""

from ikonnekt.core.audit import Actor


def _actor(request):
    return Actor.from_request(request)
