"""The network's table lists each cooperation once, with the names of its organisations."""

import pytest
from django.urls import reverse

from ikonnekt.cooperations.models import Participation

pytestmark = pytest.mark.django_db


def test_table_lists_a_cooperation_once_with_lead_and_partners(cast, client_for):
    Participation.objects.create(cooperation=cast.coop, organisation=cast.org_z, part="partner")
    html = client_for(cast.a_editor).get(reverse("cooperations:network")).content.decode()
    table = html.split('id="network-edges"', 1)[1].split("</table>", 1)[0]
    assert table.count(cast.coop.name) == 1  # not once per drawn edge (lead → each partner)
    row = table.split(cast.coop.name, 1)[1].split("</tr>", 1)[0]
    assert cast.org_a.name in row and cast.org_b.name in row and cast.org_z.name in row
