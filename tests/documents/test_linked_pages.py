"""DMS documents attached to a cooperation, a working group and a meeting show on their pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ikonnekt.core.audit import Actor
from ikonnekt.documents import actions
from tests.factories import make

pytestmark = pytest.mark.django_db


def shared_document(cast, title):
    document = actions.upload_document(
        Actor(user=cast.a_editor),
        owner_id=cast.org_a.pk,
        name=f"{title}.txt",
        data=title.encode(),
        extract=False,
    )
    document.title = title
    document.visibility = "cooperation"
    document.save()
    document.shared_with.set([cast.coop])
    return document


@pytest.mark.parametrize("target", ["cooperation", "group", "meeting"])
def test_an_attached_document_shows_on_the_page_for_partners_only(cast, client_for, target):
    from ikonnekt.administration import models as m

    if target == "cooperation":
        obj, content_type = cast.coop, "cooperations.cooperation"
    else:
        group = make(
            m.WorkingGroup, cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop]
        )
        obj, content_type = group, "administration.workinggroup"
        if target == "meeting":
            start = timezone.now() + timedelta(days=3)
            meeting = m.Meeting.objects.create(
                group=group, title="Sitzung", kind="vision", start=start, end=start + timedelta(hours=2)
            )
            obj, content_type = meeting, "administration.meeting"
    document = shared_document(cast, "Protokoll Arbeitskreis Grüngut")
    admin = client_for(cast.a_admin)
    page = admin.get(obj.get_absolute_url()).content.decode()
    assert 'id="linked-documents"' in page and f'value="{document.pk}"' in page  # offered for attaching
    response = admin.post(
        "/documents/attach/", {"content_type": content_type, "object_id": obj.pk, "document": document.pk}
    )
    assert response.status_code == 302 and document.links.count() == 1
    assert document.title in client_for(cast.b_viewer).get(obj.get_absolute_url()).content.decode()
    outsider = client_for(cast.z_admin).get(obj.get_absolute_url())
    assert outsider.status_code == 404


def test_the_document_page_lists_only_attached_objects_the_reader_may_see(cast, client_for):
    """GIVEN a platform-wide document attached to a private and a platform-wide working group of
    Saarlouis' side (org A) WHEN a member of another organisation opens the document THEN only the
    platform-wide group is listed under "Attached to" (the private one's name does not leak)."""
    from django.contrib.contenttypes.models import ContentType

    from ikonnekt.administration import models as m
    from ikonnekt.documents.models import DocumentLink

    document = shared_document(cast, "Sitzungsunterlagen")
    document.visibility = "platform"
    document.save()
    hidden = make(m.WorkingGroup, cast, owner=cast.org_a, visibility="private")
    hidden.name = "Vertraulicher Lenkungskreis"
    hidden.save()
    shown = make(m.WorkingGroup, cast, owner=cast.org_a, visibility="platform")
    shown.name = "Offener Arbeitskreis Energie"
    shown.save()
    group_type = ContentType.objects.get_for_model(m.WorkingGroup)
    for group in (hidden, shown):
        DocumentLink.objects.create(document=document, content_type=group_type, object_id=str(group.pk))

    outsider = client_for(cast.z_admin).get(document.get_absolute_url()).content.decode()
    assert "Offener Arbeitskreis Energie" in outsider
    assert "Vertraulicher Lenkungskreis" not in outsider
    owner = client_for(cast.a_editor).get(document.get_absolute_url()).content.decode()
    assert "Offener Arbeitskreis Energie" in owner and "Vertraulicher Lenkungskreis" in owner
