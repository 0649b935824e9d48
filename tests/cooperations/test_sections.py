"""The cooperation page shows what the modules do in the cooperation, through the visibility rule.

GIVEN a cooperation of A and B with an agreement, a vision and an energy report that A shares with
      the cooperation, and an agreement A keeps private
WHEN B's editor opens the cooperation page
THEN the shared objects are listed with links under their module's section, the private one is not.
"""

from django.urls import reverse

from ikonnekt.administration import models as m
from ikonnekt.energy.models import EnergyReport
from ikonnekt.planning.models import Vision
from tests.factories import make


def _page(client, cast, user):
    client.force_login(user)
    response = client.get(reverse("cooperations:detail", args=[cast.coop.pk]), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    return response.content.decode()


def test_sections_list_shared_objects_and_hide_private_ones(client, cast):
    shared = make(m.Agreement, cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    shared.title = "Gemeinsamer Bauhof Nalbach"
    shared.save(update_fields=["title"])
    private = make(m.Agreement, cast, owner=cast.org_a, visibility="private")
    private.title = "Interner Entwurf Personal"
    private.save(update_fields=["title"])
    vision = make(Vision, cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    Vision.objects.filter(pk=vision.pk).update(cooperation=cast.coop, title="Vision Saartal 2100")
    report = make(EnergyReport, cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    EnergyReport.objects.filter(pk=report.pk).update(cooperation=cast.coop, title="Energiebericht gemeinsam")

    html = _page(client, cast, cast.b_editor)
    assert '<h2 class="h5">Gemeinsame Verwaltung</h2>' in html
    assert "Gemeinsamer Bauhof Nalbach" in html and shared.get_absolute_url() in html
    assert "Interner Entwurf Personal" not in html
    assert "Vision Saartal 2100" in html and vision.get_absolute_url() in html
    assert "Energiebericht gemeinsam" in html and reverse("energy:report_detail", args=[report.pk]) in html
    # A's own editor sees the private agreement too.
    assert "Interner Entwurf Personal" in _page(client, cast, cast.a_editor)


def test_a_module_with_nothing_in_the_cooperation_shows_no_section(client, cast):
    html = _page(client, cast, cast.b_editor)
    assert '<h2 class="h5">Gemeinsame Verwaltung</h2>' not in html
    assert '<h2 class="h5">Energiemanagement</h2>' not in html
