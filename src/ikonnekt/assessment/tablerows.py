"""The rows of the assessment table (detail page) and of a catalogue's table, written in Python.

The table has one row per catalogue entry (~40); in the template every row ran a dozen tags and
filters, a csrf-token tag and a comment form, which cost more than everything else on the page.
Here each row is one f-string: the same HTML the template wrote, byte for byte (tests compare).
"""

from html import escape as html_escape

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from ikonnekt.assessment.models import RatingStatus
from ikonnekt.assessment.templatetags.assessment_tags import sdg_badges
from ikonnekt.core.links import row_url
from ikonnekt.core.numformat import floatformat, separators


def escape(text):
    """The text of ``django.utils.html.escape`` without its lazy-string check and SafeString
    (a few hundred calls per page; the rows are marked safe as a whole)."""
    return html_escape(str(text))


def _percent(percent, na, seps):
    return na if percent is None else f"{floatformat(percent, 0, seps)} %"


def _comment_html(c):
    organisation = f" ({escape(c.author_organisation)})" if c.author_organisation_id else ""
    created = escape(date_filter(localtime(c.created_at), "SHORT_DATE_FORMAT"))
    return (
        f'<div class="comment small border-start ps-2 mt-1"><i class="bi bi-chat-left-text"></i> {escape(c.text)} '
        f'<span class="text-muted">– {escape(c.author)}{organisation}, {created}</span></div>'
    )


def rows_html(rows, *, comment_url, csrf_token, can_comment):
    """The <tr> elements of the table body after the total row (a safe string)."""
    seps = separators()
    na = escape(_("n/a"))
    if can_comment:
        # the comment form of a measure row, split at the measure id
        form_head = (
            f'<details class="small"><summary>{escape(_("Comment"))}</summary>'
            f'<form method="post" action="{escape(comment_url)}">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
            '<input type="hidden" name="measure" value="'
        )
        form_tail = (
            f'"><textarea class="form-control form-control-sm" name="text" rows="2" '
            f'aria-label="{escape(_("comment"))}"></textarea>'
            f'<button class="btn btn-sm btn-outline-primary mt-1">{escape(_("Send"))}</button></form></details>'
        )
    follows = escape(_("Level follows the indicator feed"))
    not_visible = escape(_("(not visible to you)"))
    broken = escape(_("broken link"))
    not_applicable = escape(_("not applicable"))
    # choice labels translated once per page, not once per row (get_FOO_display)
    implementers = {}
    statuses = {k: escape(str(v)) for k, v in RatingStatus.choices}
    out = []
    for row in rows:
        n = row.node
        rating = row.rating
        measure = n.is_measure
        title = escape(n.title)
        if measure:
            parts = [escape(n.description)]
            if rating is not None:
                if rating.evidence:
                    parts.append(
                        f'<div class="text-muted"><i class="bi bi-clipboard-check"></i> {escape(rating.evidence)}</div>'
                    )
                if rating.feed_id:
                    if row.feed_visible:
                        link = (
                            f'<a href="{escape(rating.feed.get_absolute_url())}#provenance">'
                            f"{escape(rating.feed)}</a>"
                        )
                    else:
                        link = f'<span class="text-muted">{not_visible}</span>'
                    problem = (
                        f' <span class="badge text-bg-danger feed-problem"><i class="bi bi-exclamation-triangle"></i> '
                        f"{broken}</span> {escape(row.feed_problem)}"
                        if row.feed_problem
                        else ""
                    )
                    parts.append(
                        f'<div class="rating-feed" id="rating-feed-{n.pk}"><i class="bi bi-diagram-3"></i> '
                        f"{follows} {link}{problem}</div>"
                    )
                for doc in rating.document_list():
                    parts.append(
                        f'<div><a href="{escape(doc)}" rel="noopener nofollow"><i class="bi bi-paperclip"></i> '
                        f"{escape(Truncator(doc).chars(60))}</a></div>"
                    )
                if rating.not_applicable:
                    parts.append(f'<div class="text-muted">{not_applicable}: {escape(rating.reason)}</div>')
            parts.append("\n")
            parts.extend(_comment_html(c) for c in row.comments)
            parts.append("\n")
            if can_comment:
                parts.append(f"{form_head}{n.pk}{form_tail}")
            description = "".join(parts)
            row_class = "measure-row"
            title_html = title
            badges = sdg_badges(n.sdgs)
            if rating is not None and rating.not_applicable:
                level = f'<span class="text-muted">{na}</span>'
            elif rating is not None and rating.level is not None:
                level = f"<strong>{rating.level}</strong>"
            else:
                level = '<span class="text-muted">–</span>'
        else:
            description = ""
            row_class = f"group-row depth-{row.depth}"
            title_html = f"<strong>{title}</strong>"
            badges = ""
            level = (
                f'<details class="how"><summary><strong>{_percent(row.score.percent, na, seps)}</strong></summary>'
                f'<div class="small text-start">{escape(row.explanation)}</div></details>'
            )
        implementer = implementers.get(n.implementer)
        if implementer is None:
            implementer = implementers[n.implementer] = escape(str(n.get_implementer_display()))
        status = (
            f'<br><span class="badge text-bg-light">{statuses.get(rating.status, escape(rating.status))}</span>'
            if rating is not None and rating.status
            else ""
        )
        out.append(
            f'\n<tr id="node-{n.pk}" class="{row_class}">\n'
            f'<td style="padding-left: {row.depth}em">{title_html}</td>\n'
            f'<td class="small">{description}</td>\n'
            f"<td>{badges}</td>\n"
            f'<td class="small">{implementer}{status}</td>\n'
            f'<td class="small">{escape(n.indicator)}</td>\n'
            f'<td class="text-end">{level}</td>\n'
            "</tr>"
        )
    return mark_safe("".join(out))


def catalogue_rows_html(rows, *, catalogue_pk, can_edit_content, csrf_token):
    """The <tr> elements of a catalogue's table (catalogue page), the HTML its template loop wrote."""
    seps = separators()
    minimum = (
        f' <span class="badge text-bg-danger" title="{escape(_("minimum requirement"))}">'
        f"{escape(_('minimum'))}</span>"
    )
    levels = f'<details class="small"><summary>{escape(_("Levels and fact sheet"))}</summary><ol>'
    if can_edit_content:
        edit_url, delete_url = row_url("assessment:node_edit"), row_url("assessment:node_delete")
        create_url = escape(reverse("assessment:node_create", args=[catalogue_pk]))
        edit_title, new_title = escape(_("Edit")), escape(_("New entry"))
        delete_button = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
            '<button class="btn btn-link btn-sm p-0 text-danger" '
            f'data-confirm="{escape(_("Delete this entry and everything below it?"))}" '
            f'title="{escape(_("Delete"))}"><i class="bi bi-trash"></i></button></form></td>'
        )
    implementers = {}
    out = []
    for row in rows:
        n = row.node
        measure = n.is_measure
        title = escape(n.title)
        if measure:
            row_class = "measure-row"
            title_html = title + (minimum if n.is_minimum else "")
        else:
            row_class = f"group-row depth-{row.depth}"
            title_html = f"<strong>{title}</strong>"
            if n.min_percent is not None:
                title_html += (
                    f' <span class="badge text-bg-secondary">≥ {escape(localize(n.min_percent))} %</span>'
                )
        description = escape(n.description)
        if (measure and n.level_1) or n.level_2 or n.level_3:
            unit = escape(n.unit)
            items = "".join(
                f"<li>{escape(text)}{f' ({escape(target)} {unit})' if target else ''}</li>"
                for text, target in (
                    (n.level_1, n.target_1),
                    (n.level_2, n.target_2),
                    (n.level_3, n.target_3),
                )
            )
            factsheet = f"<p>{linebreaksbr(n.factsheet, autoescape=True)}</p>" if n.factsheet else ""
            links = "".join(
                f'<a href="{escape(link)}" rel="noopener">{escape(link)}</a><br>' for link in n.link_list()
            )
            description += f"{levels}{items}</ol>{factsheet}{links}</details>"
        implementer = implementers.get(n.implementer)
        if implementer is None:
            implementer = implementers[n.implementer] = escape(str(n.get_implementer_display()))
        unit = f" [{escape(n.unit)}]" if n.unit else ""
        edit = ""
        if can_edit_content:
            new = (
                ""
                if measure
                else f' <a href="{create_url}?parent={n.pk}" title="{new_title}"><i class="bi bi-plus"></i></a>'
            )
            edit = (
                f'<td class="text-nowrap"><a href="{edit_url(n.pk)}" title="{edit_title}"><i class="bi bi-pencil"></i></a>'
                f'{new}\n<form method="post" action="{delete_url(n.pk)}" class="d-inline">{delete_button}'
            )
        out.append(
            f'\n<tr id="node-{n.pk}" class="{row_class}">\n'
            f'<td class="small text-muted">{escape(n.code)}</td>\n'
            f'<td style="padding-left: {row.depth}em">{title_html}</td>\n'
            f'<td class="small">{description}</td>\n'
            f"<td>{sdg_badges(n.sdgs)}</td>\n"
            f'<td class="small">{implementer}</td><td class="small">{escape(n.indicator)}{unit}</td>'
            f'<td class="small">{floatformat(n.weight, "-2", seps)}</td>\n'
            f"{edit}\n</tr>"
        )
    return mark_safe("".join(out))
