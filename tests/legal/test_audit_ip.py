"""An audit row's IP address is shown only to administrators of the organisation the person acted
for: a hub administrator does not see the IP address of a market customer or of a partner."""

from django.urls import reverse

from ikonnekt.core.audit import Actor, AuditAction, record
from tests.conftest import make_user


def test_ip_addresses_only_for_the_acting_organisations_administrators(cast, client_for):
    customer = make_user("kunde.ip")
    record(
        Actor(user=customer, organisation=None, ip="203.0.113.50"),
        AuditAction.UPDATE,
        cast.org_a,
        owner_organisation=cast.org_a,
    )
    record(
        Actor(user=cast.b_editor, organisation=cast.org_b, ip="203.0.113.51"),
        AuditAction.UPDATE,
        cast.org_a,
        owner_organisation=cast.org_a,
    )
    record(
        Actor(user=cast.a_editor, organisation=cast.org_a, ip="203.0.113.52"),
        AuditAction.UPDATE,
        cast.org_a,
        owner_organisation=cast.org_a,
    )
    client = client_for(cast.a_admin)
    for url in (reverse("core:audit"), reverse("core:audit_csv"), reverse("api:auditlog-list")):
        response = client.get(url)
        body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
        assert "203.0.113.50" not in body, url
        assert "203.0.113.51" not in body, url
        assert "203.0.113.52" in body, url
