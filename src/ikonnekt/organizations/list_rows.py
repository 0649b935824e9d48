"""The organisation directory's rows, written in Python once per page (issue #18).

The directory rendered up to 50 organisations through a template loop with a ``reverse`` per
link, a choice label, a translation and two filters per row: most of the page's time. ``rows_html``
gives the HTML the loop gave, escaped as the template escaped it, with the URL pattern, the kind
labels and the badge text read once per page.
"""

from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikonnekt.core.links import row_url
from ikonnekt.organizations.models import Organisation


def rows_html(organisations):
    """The ``<tr>`` elements of the directory table for ``organisations`` (their parents joined)."""
    url = row_url("organizations:detail")
    kinds = {key: escape(label) for key, label in Organisation._meta.get_field("kind").flatchoices}
    transfer = f' <span class="badge text-bg-info">{escape(_("transfer municipality"))}</span>'
    demo = ' <span class="badge text-bg-warning">Demo</span>'
    out = []
    for org in organisations:
        inhabitants = "–" if org.inhabitants is None else escape(localize(org.inhabitants))
        parent = escape(org.parent.name) if org.parent_id else ""
        out.append(
            f'<tr><td><a href="{escape(url(org.slug))}">{escape(org.name)}</a>'
            f"{transfer if org.is_transfer_municipality else ''}{demo if org.is_demo else ''}</td>"
            f"<td>{kinds.get(org.kind, escape(org.kind))}</td><td>{escape(org.ags)}</td>"
            f'<td class="text-end">{inhabitants}</td><td>{parent}</td></tr>\n'
        )
    if not out:
        out.append(f'<tr><td colspan="5" class="text-muted">{escape(_("No organisations found."))}</td></tr>')
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)
