"""The keyword filter lists each keyword once, even when several organisations use it."""

import pytest
from django.urls import reverse

from ikonnekt.documents.models import Tag
from tests.documents.factories import make_document

pytestmark = pytest.mark.django_db


def test_same_keyword_of_two_organisations_is_listed_once_and_finds_both(cast, client_for):
    docs = []
    for org, user in ((cast.org_a, cast.a_editor), (cast.org_b, cast.b_editor)):
        doc = make_document(cast, owner=org, visibility="platform", created_by=user)
        doc.tags.add(Tag.objects.create(owner=org, name="Grüngut", visibility="platform"))
        docs.append(doc)
    client = client_for(cast.a_editor)
    html = client.get(reverse("documents:list")).content.decode()
    assert html.count('<option value="Grüngut"') == 1
    found = client.get(reverse("documents:list"), {"tags": "Grüngut"}).content.decode()
    assert all(d.title in found for d in docs)
    # a tag's own link (and old links by id) still filter by it
    link = docs[0].tags.first().get_absolute_url()
    assert all(d.title in client.get(link).content.decode() for d in docs)
    old = client.get(reverse("documents:list"), {"tags": docs[1].tags.first().pk}).content.decode()
    assert all(d.title in old for d in docs)
