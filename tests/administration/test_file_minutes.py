"""Minutes of a working-group meeting filed in the shared DMS."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ikonnekt.documents.models import Document
from tests.factories import make

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(cast):
    from ikonnekt.administration import models as m

    group = make(m.WorkingGroup, cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    start = timezone.now() - timedelta(days=1)
    return m.Meeting.objects.create(
        group=group,
        title="2. Sitzung",
        kind="meeting",
        start=start,
        end=start + timedelta(hours=2),
        minutes="Beschluss A",
    )


def test_minutes_are_filed_shared_like_the_group_and_again_as_a_new_version(cast, client_for, meeting):
    client = client_for(cast.a_admin)
    url = reverse("administration:meeting_file_minutes", args=[meeting.pk])
    assert client.post(url).status_code == 302
    document = Document.objects.get(kind="minutes")
    assert document.owner_id == cast.org_a.pk and document.visibility == "cooperation"
    assert list(document.shared_with.all()) == [cast.coop]
    assert document.links.get().object_id == str(meeting.pk)
    assert document.current_version.mime_type == "application/pdf"
    assert document in Document.objects.visible_to(cast.b_viewer)  # the partner reads them in the DMS
    assert document not in Document.objects.visible_to(cast.z_admin)
    meeting.minutes = "Beschluss A und B"
    meeting.save()
    client.post(url)
    assert Document.objects.filter(kind="minutes").count() == 1
    assert document.versions.count() == 2
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert document.title in page  # listed under the meeting's documents


def test_readers_cannot_file_minutes(cast, client_for, meeting):
    client = client_for(cast.a_viewer)
    assert 'id="file-minutes"' not in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(reverse("administration:meeting_file_minutes", args=[meeting.pk]), follow=True)
    assert response.status_code == 200 and not Document.objects.filter(kind="minutes").exists()
    assert "nicht ändern" in response.content.decode()
