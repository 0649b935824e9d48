"""The building page lists the building's groups through the groups' own read rule (found in
review, #18): a private group of the owner must not show its name to readers of another
organisation who may see the building."""

import pytest

from tests.energy.factories import make_building, make_group

pytestmark = pytest.mark.django_db


def test_a_private_group_is_named_only_to_its_readers(cast, client):
    building = make_building(cast, owner=cast.org_a, visibility="platform")
    hidden = make_group(cast, owner=cast.org_a)
    hidden.name = "Geheime Sanierungsliste"
    hidden.save()
    shown = make_group(cast, owner=cast.org_a, visibility="platform")
    shown.name = "Schulen im Kreis"
    shown.save()
    for group in (hidden, shown):
        group.buildings.add(building)
    for user, sees_hidden in ((cast.a_viewer, True), (cast.b_editor, False)):
        client.force_login(user)
        page = client.get(building.get_absolute_url()).content.decode()
        assert "Schulen im Kreis" in page
        assert ("Geheime Sanierungsliste" in page) is sees_hidden
        assert (f'href="{hidden.get_absolute_url()}"' in page) is sees_hidden
