"""The markup of ``{% chart %}`` and ``{% chart_table %}``: the ECharts element with its data
(``json_script``) and the chart's data as a collapsible table (``core.chart_alt.chart_table``).

Written in Python rather than as an inclusion template: a chart's table has a cell per value and
several charts sit on the report pages, where the template engine's per-cell work was a large
part of the page (#18). ``tests/core/test_chart_html.py`` compares it with the template markup it
replaced."""

from django.utils.html import conditional_escape, escape, json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ikonnekt.core.chart_alt import ChartTable


def table_html(table: ChartTable | None, name) -> SafeString:
    """The collapsible ``<details>`` with the chart's data, or nothing without data."""
    if not table:
        return mark_safe("")
    name = conditional_escape(name)
    summary = gettext("Data of the chart “%(name)s” as a table") % {"name": name}
    head = f'<details class="chart-alt small mt-1 mb-3"><summary>{summary}</summary>\n'
    if table.summary:
        return mark_safe(f'{head}<p class="mt-2">{conditional_escape(table.summary)}</p></details>')  # noqa: S308
    headers = "".join(f'<th scope="col">{conditional_escape(h)}</th>' for h in table.headers)
    rows = []
    for row in table.rows:
        if not row:
            rows.append("<tr></tr>")
            continue
        first, *rest = row
        cells = "".join(f'<td class="text-end">{conditional_escape(c)}</td>' for c in rest)
        rows.append(f'<tr><th scope="row" class="fw-normal">{conditional_escape(first)}</th>{cells}</tr>')
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'{head}<div class="table-responsive mt-2"><table class="table table-sm table-striped">'
        f'<caption class="visually-hidden">{name}</caption><thead><tr>{headers}</tr></thead>\n'
        f"<tbody>{''.join(rows)}</tbody></table></div></details>"
    )


def chart_html(
    options, data_id, name, table, height="320px", element_id="", css="", renderer=""
) -> SafeString:
    """The chart element named ``name`` (``role="img"``), its data and its table."""
    classes = f"chart {escape(css)}" if css else "chart"
    extra = f' id="{escape(element_id)}"' if element_id else ""
    if renderer:
        extra += f' data-renderer="{escape(renderer)}"'
    return mark_safe(  # noqa: S308 (every value is escaped; json_script escapes the data)
        f'{json_script(options, data_id)}<div class="{classes}" style="height: {escape(height)}" '
        f'data-echarts="{escape(data_id)}" role="img" aria-label="{conditional_escape(name)}"{extra}></div>\n'
        f"{table_html(table, name)}"
    )
