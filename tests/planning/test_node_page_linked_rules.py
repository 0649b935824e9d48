"""The goal page names its parent goal, its vision and its followed series only to readers whose
read rule lets them see each (found in review, #18): a platform-wide goal below another
organisation's private goal must not show that goal's title, vision or series."""

import pytest

from ikonnekt.indicators.models import IndicatorSeries
from tests.indicators.factories import make_series
from tests.planning.factories import make_goalnode, make_vision

pytestmark = pytest.mark.django_db


def test_private_parent_vision_and_series_stay_hidden_from_other_readers(cast, client):
    vision = make_vision(cast, owner=cast.org_a)
    vision.title = "Geheime Vision"
    vision.save()
    parent = make_goalnode(cast, owner=cast.org_a, title="Geheimes Oberziel")
    series = make_series(cast, owner=cast.org_a)
    IndicatorSeries.objects.filter(pk=series.pk).update(
        title="Geheime Reihe", status="broken", problem="Die Quelle „Geheimes Lager“ wurde gelöscht."
    )
    node = make_goalnode(
        cast,
        owner=cast.org_a,
        visibility="platform",
        parent=parent,
        vision=vision,
        feed=series,
        title="Teilziel",
    )
    secrets = ("Geheimes Oberziel", "Geheime Vision", "Geheimes Lager", f'href="{series.get_absolute_url()}"')
    for user, sees in ((cast.a_viewer, True), (cast.z_admin, False)):
        client.force_login(user)
        page = client.get(node.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
        assert "Teilziel" in page
        for secret in secrets:
            assert (secret in page) is sees, (user, secret)
        assert ("(für Sie nicht sichtbar)" in page) is not sees
        assert ("Die Quelle des Feeds ist nicht mehr verfügbar." in page) is not sees
