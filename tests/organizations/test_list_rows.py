"""The directory rows written in Python give the HTML the template loop gave (issue #18)."""

import pytest
from django.template import engines
from django.utils import translation

from ikonnekt.organizations.list_rows import rows_html
from ikonnekt.organizations.models import Organisation

pytestmark = pytest.mark.django_db

# the loop of organizations/list.html before the rows were written in Python
OLD_LOOP = (
    "{% load i18n %}"
    '{% for org in page_obj %}<tr><td><a href="{{ org.get_absolute_url }}">{{ org.name }}</a>'
    '{% if org.is_transfer_municipality %} <span class="badge text-bg-info">'
    '{% translate "transfer municipality" %}</span>{% endif %}'
    '{% if org.is_demo %} <span class="badge text-bg-warning">Demo</span>{% endif %}</td>'
    "<td>{{ org.get_kind_display }}</td><td>{{ org.ags }}</td>"
    '<td class="text-end">{{ org.inhabitants|default_if_none:"–" }}</td>'
    '<td>{{ org.parent|default:"" }}</td></tr>\n'
    '{% empty %}<tr><td colspan="5" class="text-muted">{% translate "No organisations found." %}</td></tr>'
    "{% endfor %}"
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_rows_as_the_template_gave_them(language):
    district = Organisation.objects.create(
        name="Kreis <S&L>", slug="kreis", code="K", kind="district", inhabitants=195000, ags="10044"
    )
    Organisation.objects.create(
        name='Erfurt "Stadt"', slug="erfurt", code="EF", kind="municipality", is_transfer_municipality=True
    )
    Organisation.objects.create(
        name="Biohof <b>",
        slug="biohof",
        code="BH",
        kind="company",
        parent=district,
        is_demo=True,
        inhabitants=0,
    )
    organisations = list(Organisation.objects.select_related("parent").order_by("name"))
    old = engines["django"].from_string(OLD_LOOP)
    with translation.override(language):
        assert str(rows_html(organisations)) == old.render({"page_obj": organisations})
        assert str(rows_html([])) == old.render({"page_obj": []})
    assert "&lt;b&gt;" in str(rows_html(organisations))
