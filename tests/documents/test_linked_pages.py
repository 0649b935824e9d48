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
