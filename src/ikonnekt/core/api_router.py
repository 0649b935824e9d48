"""Collects API routes from every app's ``api.py``: ``register(router)`` and/or ``urlpatterns``."""

from rest_framework.routers import DefaultRouter

from ikonnekt.core.registry import app_modules


def api_urlpatterns():
    router = DefaultRouter()
    extra = []
    for _label, module in app_modules("api"):
        if hasattr(module, "register"):
            module.register(router)
        extra.extend(getattr(module, "urlpatterns", []))
    return extra + router.urls
