"""Root URLconf. App URLs and API routes are discovered from each app (convention 12)."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from ikonnekt.core import views as core_views
from ikonnekt.core.api_router import api_urlpatterns
from ikonnekt.core.registry import app_modules

handler404 = "ikonnekt.core.views.not_found"
handler403 = "ikonnekt.core.views.forbidden"
handler500 = "ikonnekt.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("ping", core_views.ping, name="ping"),
    path("robots.txt", core_views.robots),
    # Browsers ask for /favicon.ico on pages without a <link rel=icon> (JSON, health): no 404.
    path("favicon.ico", core_views.favicon),
    path("places.geojson", core_views.places_geojson, name="places"),
    path("django-admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", include((api_urlpatterns(), "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("", include("ikonnekt.core.urls")),
]

for label, module in app_modules("urls"):
    if label == "core":
        continue
    urlpatterns.append(path(f"{label}/", include(module)))

# No public /media/ route, not even with DEBUG on: stored files go through ikonnekt.core.files.
