"""One helper decides partial vs full page for htmx requests (convention 13)."""

from django.shortcuts import render


def is_partial(request) -> bool:
    """An htmx request that replaces a part of the page (not a boosted link or form, which
    wants the whole page)."""
    return bool(getattr(request, "htmx", False)) and not getattr(request.htmx, "boosted", False)


def render_page(request, template: str, context: dict, fragment: str | None = None, **kwargs):
    """Render ``fragment`` (e.g. ``app/_list_fragment.html``) for htmx requests that target a
    part of the page, the full ``template`` otherwise."""
    return render(request, fragment if (fragment and is_partial(request)) else template, context, **kwargs)
