"""Security headers not covered by Django 5.2 itself."""

import re
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings


def tile_source(url):
    """The CSP source of a tile server URL template (MAP_TILES_URL): its origin, with a template
    placeholder in the host name (``{s}`` subdomains) as a wildcard label; '' for our own origin."""
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return ""
    host = re.sub(r"\{[^}]*\}", "*", parts.netloc)
    return f"{parts.scheme}://{host}"


@lru_cache(maxsize=4)
def csp(tiles_url=""):
    tiles = tile_source(tiles_url)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # ECharts and Leaflet set element styles; no inline <style> blocks are used by our templates.
            "style-src 'self' 'unsafe-inline'",
            # Map tiles of a configured tile server are images from its origin.
            "img-src 'self' data: blob:" + (f" {tiles}" if tiles else ""),
            "font-src 'self'",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", csp(settings.MAP_TILES_URL))
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        return response
