"""The parts of every page's header that depend on the request: the switch of the organisation
the user acts for (over the user's memberships) and the language switch.

Written in Python rather than as template markup because they are on every page: the same HTML
as the markup they replaced (``tests/core/test_subbar.py`` compares the two), without the
template engine's per-node work."""

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from ikonnekt.core.sharing import Role

_ROLE_LABELS = dict(Role.choices)


def csrf_input(request) -> str:
    """What ``{% csrf_token %}`` writes, masked once per request and CSRF secret as one template
    render does (its forms share the context's token), not with new random bytes for every form of
    the page (header switches, row forms written in Python)."""
    kept = getattr(request, "_csrf_input", None)
    if kept is not None and kept[0] == request.META.get("CSRF_COOKIE"):
        return kept[1]
    html = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
    request._csrf_input = (request.META.get("CSRF_COOKIE"), html)
    return html


def _options(memberships, active) -> str:
    active_pk = active.pk if active else None
    parts = []
    for m in memberships:
        selected = "selected" if active_pk is not None and m.organisation_id == active_pk else ""
        role = _ROLE_LABELS.get(m.role, m.role)
        parts.append(
            f'<option value="{m.organisation_id}" {selected}>'
            f"{escape(m.organisation.name)} ({escape(role)})</option>"
        )
    return "".join(parts)


def organisation_switch(request) -> SafeString:
    """The form to choose the organisation the user acts for, or a note that there is none."""
    memberships = request.memberships
    if not memberships:
        return mark_safe(  # noqa: S308 (a translated text, escaped)
            f'<span class="small text-muted">{escape(gettext("Not a member of an organisation"))}</span>'
        )
    return mark_safe(  # noqa: S308 (every dynamic part is escaped)
        '<form class="d-flex flex-wrap align-items-center gap-2 subbar-item" method="post" '
        f'action="{reverse("organizations:switch")}" id="org-switch">\n'
        f'    {csrf_input(request)}<input type="hidden" name="next" value="{escape(request.get_full_path())}">\n'
        '    <label class="small text-muted text-nowrap" for="active-org"><i class="bi bi-building"></i> '
        f"{escape(gettext('Acting for'))}</label>\n"
        '    <select class="form-select form-select-sm org-switch" name="organisation" id="active-org">\n'
        f"      {_options(memberships, request.active_organisation)}\n"
        "    </select>\n"
        f'    <button class="btn btn-sm btn-outline-dark">{escape(gettext("Switch"))}</button>\n'
        "  </form>"
    )


def language_switch(request, style: str) -> SafeString:
    """The button that switches the interface to the other language (German ↔ English), in a
    form that returns to this page; ``style`` is the button's Bootstrap outline colour."""
    if get_language() == "de":
        button = f'<button class="btn btn-sm btn-outline-{style}" name="language" value="en" lang="en">English</button>'
    else:
        button = f'<button class="btn btn-sm btn-outline-{style}" name="language" value="de" lang="de">Deutsch</button>'
    return mark_safe(  # noqa: S308 (every dynamic part is escaped)
        f"{csrf_input(request)}\n"
        f'        <input name="next" type="hidden" value="{escape(request.get_full_path())}">\n'
        f"        {button}"
    )
