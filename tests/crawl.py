"""The pages a user reaches: every navigation entry plus the detail pages linked from them.

Used by the German-render check (Django test client) and the browser crawl (Chromium). The crawl
follows links from the navigation pages one level deep and keeps at most ``per_view`` addresses per
view, so the main detail page of every module is opened without walking every row of every list.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import NoReverseMatch, Resolver404, resolve, reverse

# Addresses that are downloads, actions or other people's business, not pages to read.
SKIP = re.compile(
    r"(\.(csv|xlsx|pdf|ics|zip|json|xml|geojson|png|svg)$)|/(logout|i18n|api|django-admin|files|jsi18n|static|media)/"
    r"|/download/|/export|/thumbnail/|/view/$|/delete/|/restore/|/ics/|\.ics|/feed/|/attachment/|/calendar/"
)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    out = []
    for href in parser.links:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if SKIP.search(parts.path) or re.search(r"(^|&)(format|download|export)=", parts.query):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query and "page=" not in parts.query else ""))
    return out


def nav_urls(authenticated: bool, user=None) -> list[str]:
    from ikonnekt.core.registry import nav

    urls = ["/"]
    for entries in nav.sections(authenticated, user).values():
        for entry in entries:
            try:
                urls.append(reverse(entry.url_name))
            except NoReverseMatch:
                continue
    return list(dict.fromkeys(urls))


def view_key(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def discover(get, authenticated: bool, per_view: int = 1, limit: int = 160, user=None) -> list[str]:
    """``get(url) -> (status, html)``. Navigation pages first (as the menu shows them to ``user``),
    then linked pages (one level)."""
    start = nav_urls(authenticated, user)
    seen_views: dict[str, int] = {}
    pages: list[str] = []
    frontier: list[str] = []
    for url in start:
        key = view_key(url)
        seen_views[key] = seen_views.get(key, 0) + 1
        pages.append(url)
    for url in start:
        status, html = get(url)
        if status != 200 or not html:
            continue
        for link in links_of(html):
            if link in pages or link in frontier:
                continue
            key = view_key(link)
            if key is None or seen_views.get(key, 0) >= per_view:
                continue
            seen_views[key] = seen_views.get(key, 0) + 1
            frontier.append(link)
    return (pages + frontier)[:limit]
