"""The document list's rows written in Python (documents.views._document_rows) give the HTML the
template loop gave, in German and English (dates), with markup in titles, correspondents, file
references, tags and owner names, documents in the inbox and in a file, and the empty list."""

from datetime import date

import pytest
from django.template import engines
from django.utils import translation

from ikonnekt.documents import views
from ikonnekt.documents.models import Document, File, Subject, Tag
from ikonnekt.organizations.models import Organisation

# The loop of documents/list.html as it was before the rows were written in Python.
OLD_LOOP = """{% load i18n ikonnekt %}{% for d in object_list %}<tr><td><a href="{% url 'documents:detail' d.pk %}">{{ d.title }}</a></td><td>{{ d.get_kind_display }}</td><td class="small">{{ d.correspondent }}</td><td class="small">{% if d.document_date %}{{ d.document_date }}{% endif %}</td>
<td class="small">{% if d.file_id %}<a href="{% url 'documents:file_detail' d.file_id %}">{{ d.file.reference }}</a>{% else %}<span class="text-muted">{% translate "Inbox" %}</span>{% endif %}</td>
<td>{% for t in d.tags.all %}<span class="badge" style="background: {{ t.colour }}">{{ t.name }}</span> {% endfor %}</td><td class="small">{{ d.owner.name }}</td><td>{% visibility_badge d %}</td></tr>
{% empty %}<tr><td colspan="8" class="text-muted">{% translate "No documents found." %}</td></tr>{% endfor %}
"""


def _old(qs):
    return engines["django"].from_string(OLD_LOOP).render({"object_list": list(qs)})


def _new(qs):
    return str(views._document_rows(qs.values_list(*views.ROW_COLUMNS))) + "\n"


@pytest.mark.parametrize("language", ["de", "en"])
def test_rows_as_the_template_gave_them(cast, language):
    odd = Organisation.objects.create(
        name="<script>x</script> & Co", slug="odd", code="OD", kind="municipality"
    )
    subject = Subject.objects.create(owner=odd, code="1.1", title="Betreff")
    file = File.objects.create(owner=odd, subject=subject, reference="<i>A&B</i>-1", title="Akte")
    marked = Document.objects.create(
        owner=odd,
        title='<b>Bescheid</b> & "Antwort"',
        kind="letter",
        correspondent="Müller & <Söhne>",
        document_date=date(2024, 3, 5),
        file=file,
        visibility="public",
    )
    tag = Tag.objects.create(owner=odd, name="<u>Grüngut</u> & mehr", colour="#123456")
    other = Tag.objects.create(owner=cast.org_a, name="Abfall")
    marked.tags.set([tag, other])
    Document.objects.create(owner=cast.org_a, title="Eingang", kind="unknown-kind", visibility="cooperation")
    Document.objects.create(owner=cast.org_b, title="Plattform", kind="report", visibility="platform")
    qs = Document.objects.order_by("title")
    with translation.override(language):
        new = _new(qs)
        assert new == _old(qs)
        assert _new(qs.none()) == _old(qs.none())
    assert "&lt;b&gt;Bescheid&lt;/b&gt; &amp; &quot;Antwort&quot;" in new
    assert "&lt;u&gt;Grüngut&lt;/u&gt; &amp; mehr" in new
    assert ("5. März 2024" if language == "de" else "March 5, 2024") in new
