"""``{% chart %}`` / ``{% chart_table %}`` (core/chart_html.py) write the same markup as the
inclusion templates they replaced, kept here as the oracle."""

import pytest
from django.template import Context, Engine
from django.utils import translation
from django.utils.safestring import mark_safe

from ikonnekt.core.chart_alt import chart_table
from ikonnekt.core.chart_html import chart_html, table_html

OLD_CHART = '{% load i18n ikonnekt %}{{ options|json_script:data_id }}<div class="chart{% if css %} {{ css }}{% endif %}" style="height: {{ height }}" data-echarts="{{ data_id }}" role="img" aria-label="{{ name }}"{% if element_id %} id="{{ element_id }}"{% endif %}{% if renderer %} data-renderer="{{ renderer }}"{% endif %}></div>\n{% include "core/_chart_table.html" %}\n'
OLD_TABLE = '{% load i18n %}{% if table %}<details class="chart-alt small mt-1 mb-3"><summary>{% blocktranslate %}Data of the chart “{{ name }}” as a table{% endblocktranslate %}</summary>\n{% if table.summary %}<p class="mt-2">{{ table.summary }}</p>{% else %}<div class="table-responsive mt-2"><table class="table table-sm table-striped"><caption class="visually-hidden">{{ name }}</caption><thead><tr>{% for h in table.headers %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>\n<tbody>{% for row in table.rows %}<tr>{% for c in row %}{% if forloop.first %}<th scope="row" class="fw-normal">{{ c }}</th>{% else %}<td class="text-end">{{ c }}</td>{% endif %}{% endfor %}</tr>{% endfor %}</tbody></table></div>{% endif %}</details>{% endif %}\n'

ENGINE = Engine(
    loaders=[("django.template.loaders.locmem.Loader", {"core/_chart_table.html": OLD_TABLE})],
    libraries={"ikonnekt": "ikonnekt.core.templatetags.ikonnekt", "i18n": "django.templatetags.i18n"},
    builtins=["django.templatetags.i18n"],
)

BAR = {
    "xAxis": {"type": "category", "data": ["2023", "2024", "<b>&2025"]},
    "series": [
        {"type": "bar", "name": "Wärme", "data": [1234.5, 0.25, None]},
        {"type": "bar", "name": "Strom <kWh>", "data": [12, 3000000, 7.125]},
    ],
}
PIE = {
    "series": [
        {"type": "pie", "data": [{"name": "Grünschnitt", "value": 41.7}, {"name": "Holz", "value": 3}]}
    ]
}
LONG = {
    "xAxis": {"type": "category", "data": list(range(500))},
    "series": [{"type": "line", "data": list(range(500))}],
}


def _old(source, **context):
    return ENGINE.from_string(source).render(Context(context, autoescape=True)).strip()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("options", [BAR, PIE, LONG, {}], ids=["bar", "pie", "summary", "empty"])
@pytest.mark.parametrize("name", ["Verbrauch <je> Jahr & Träger", mark_safe("Safe <i>name</i>")])
def test_chart_and_table_write_what_the_templates_wrote(language, options, name):
    with translation.override(language):
        table = chart_table(options)
        assert str(table_html(table, name)).strip() == _old(OLD_TABLE, table=table, name=name)
        for extra in ({}, {"height": "240px", "element_id": "c1", "css": "wide", "renderer": "svg"}):
            context = {"height": "320px", "element_id": "", "css": "", "renderer": "", **extra}
            expected = _old(OLD_CHART, options=options, data_id="d-1", name=name, table=table, **context)
            assert str(chart_html(options, "d-1", name, table, **extra)).strip() == expected
    if options is BAR:
        assert "&lt;b&gt;&amp;2025" in expected and "Strom &lt;kWh&gt;" in expected
