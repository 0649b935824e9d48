"""The yardstick of the page benchmarks: a minimal view that goes through the platform's full
middleware (sessions, authentication, acting organisation, CSRF, messages, htmx, CSP), reads one
row and renders a small template. ``urlconf()`` returns a URL module with the platform's URLs
plus this view at ``PATH``; ``wsgi`` serves that module for the HTTP benchmarks."""

import sys
import types

PATH = "/__bench__/minimal/"
MODULE = "bench_minimal_urls"


def urlconf() -> str:
    if MODULE in sys.modules:
        return MODULE
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import include, path

    from ikonnekt.organizations.models import Organisation

    template = engines["django"].from_string(
        "<!doctype html><html lang='de'><head><title>{{ org.name }}</title></head>"
        "<body><h1>{{ org.name }}</h1><p>{{ org.inhabitants }}</p>"
        "<form method='post'>{% csrf_token %}</form></body></html>"
    )

    @login_required
    def minimal(request):
        org = Organisation.objects.order_by("pk").first()
        return HttpResponse(template.render({"org": org}, request))

    module = types.ModuleType(MODULE)
    module.urlpatterns = [path(PATH.strip("/") + "/", minimal), path("", include("ikonnekt.urls"))]
    sys.modules[MODULE] = module
    return MODULE
