"""Workflows through the action functions and pages: agreements, settlements, positions,
bookings, meetings. GIVEN the test cast (A and B in cooperation C, Z outside)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ikonnekt.administration import actions
from ikonnekt.administration import models as m
from ikonnekt.administration.deadlines import send_due_reminders, upcoming
from ikonnekt.core.audit import Actor
from ikonnekt.core.models import AuditLog
from ikonnekt.organizations.models import InhabitantCount

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user)


@pytest.fixture
def agreement(cast):
    a = m.Agreement(
        owner=cast.org_a,
        cooperation=cast.coop,
        title="ZV Grüngut",
        kind="zv_mandating",
        task_field="gruengut",
        visibility="cooperation",
        created_by=cast.a_admin,
        term_end=date(2030, 12, 31),
        notice_period_months=6,
    )

    def save():
        a.save()
        a.shared_with.set([cast.coop])
        return a

    return actions.create_agreement(
        actor(cast.a_admin), cast.org_a.pk, save, [(cast.org_b, "mandating")], owner_role="mandated"
    )


def test_workflow_with_council_decisions_and_signature(cast, agreement):
    today = timezone.localdate()
    assert agreement.status == "draft"
    assert set(agreement.parties.values_list("organisation_id", flat=True)) == {cast.org_a.pk, cast.org_b.pk}
    actions.record_council_decision(
        actor(cast.a_admin),
        agreement,
        organisation=cast.org_a,
        body="Gemeinderat",
        decided_on=today - timedelta(days=10),
        resolution_number="1/2026",
    )
    agreement.refresh_from_db()
    assert agreement.status == "council"
    with pytest.raises(ValidationError, match="Stadt B"):
        actions.change_status(actor(cast.a_admin), agreement, "signed")
    # B's editor records B's own decision
    actions.record_council_decision(
        actor(cast.b_editor),
        agreement,
        organisation=cast.org_b,
        body="Stadtrat",
        decided_on=today - timedelta(days=3),
        resolution_number="SR 7",
    )
    with pytest.raises(ValidationError, match="after the signature"):
        actions.change_status(actor(cast.a_admin), agreement, "signed", on=today - timedelta(days=5))
    actions.change_status(actor(cast.a_admin), agreement, "signed", on=today - timedelta(days=2))
    # mandating: notice to the supervisory authority and publication before entry into force (§ 18 KGG)
    actions.change_status(actor(cast.a_admin), agreement, "supervisory", on=today - timedelta(days=2))
    actions.change_status(
        actor(cast.a_admin), agreement, "published", on=today - timedelta(days=1), reference="Amtsbl. I S. 1"
    )
    actions.change_status(actor(cast.a_admin), agreement, "in_force")
    agreement.refresh_from_db()
    assert agreement.status == "in_force" and agreement.signed_on == today - timedelta(days=2)
    assert agreement.valid_from == today  # the day after publication
    assert list(agreement.status_changes.values_list("to_status", flat=True)) == [
        "draft",
        "council",
        "signed",
        "supervisory",
        "published",
        "in_force",
    ]
    assert AuditLog.objects.filter(object_id=str(agreement.pk), action="update").count() >= 3
    with pytest.raises(ValidationError):
        actions.record_council_decision(
            actor(cast.a_admin),
            agreement,
            organisation=cast.org_b,
            body="x",
            decided_on=today + timedelta(days=1),
            resolution_number="late",
        )


def test_partner_cannot_change_status_and_outsider_cannot_record_decisions(cast, agreement):
    with pytest.raises(PermissionDenied):
        actions.change_status(actor(cast.b_editor), agreement, "negotiation")
    with pytest.raises(PermissionDenied):
        actions.record_council_decision(
            actor(cast.z_admin),
            agreement,
            organisation=cast.org_b,
            body="x",
            decided_on=date(2026, 1, 1),
            resolution_number="1",
        )


def test_deadline_reminder_is_sent_once_and_shown(cast, agreement):
    m.Agreement.objects.filter(pk=agreement.pk).update(status="in_force", term_end=date(2027, 12, 31))
    day = date(2027, 4, 2)  # 89 days before the notice deadline 30.06.2027
    sent = send_due_reminders(day)
    assert sent["agreements"] == 1
    assert "ZV Grüngut" in mail.outbox[0].subject
    assert "a_editor@example.org" in mail.outbox[0].bcc and "b_editor@example.org" in mail.outbox[0].bcc
    assert send_due_reminders(day)["agreements"] == 0
    rows = upcoming(cast.b_viewer, day)
    assert [(r[1].kind, r[1].date) for r in rows][0] == ("notice", date(2027, 6, 30))
    assert upcoming(cast.z_admin, day) == []


def _costs(cast, agreement, year=2025):
    for org, n in ((cast.org_a, 10000), (cast.org_b, 30000)):
        InhabitantCount.objects.create(organisation=org, reference_date=date(2024, 12, 31), inhabitants=n)
    key = actions.save_cost_key(
        actor(cast.a_admin),
        agreement,
        "Einwohner",
        [{"basis": "inhabitants", "weight_percent": Decimal("100"), "reference_date": date(2024, 12, 31)}],
    )
    m.CostItem.objects.create(
        agreement=agreement,
        year=year,
        category="material",
        label="Häcksler",
        amount=Decimal("1000.01"),
        cost_key=key,
    )
    return key


def test_settlement_is_frozen_and_corrected_by_a_new_version(cast, agreement, client_for):
    with pytest.raises(ValidationError, match="no cost items"):
        actions.issue_settlement(actor(cast.a_admin), agreement, 2025)
    key = _costs(cast, agreement)
    first = actions.issue_settlement(actor(cast.a_admin), agreement, 2025)
    assert first.result["parties"][str(cast.org_a.pk)]["costs"] == "250.00"
    assert first.result["parties"][str(cast.org_b.pk)]["costs"] == "750.01"
    # later changes do not touch the issued version
    m.CostItem.objects.create(
        agreement=agreement,
        year=2025,
        category="personnel",
        label="Personal",
        amount=Decimal("400"),
        cost_key=key,
    )
    first.refresh_from_db()
    assert first.total == Decimal("1000.01")
    with pytest.raises(ValidationError, match="reason"):
        actions.issue_settlement(actor(cast.a_admin), agreement, 2025)
    second = actions.issue_settlement(
        actor(cast.a_admin), agreement, 2025, reason="Personalkosten nachgetragen"
    )
    assert second.version == 2 and second.previous == first
    assert second.result["differences"] == {str(cast.org_a.pk): "100.00", str(cast.org_b.pk): "300.00"}
    client = client_for(cast.b_viewer)
    pdf = client.get(reverse("administration:settlement_pdf", args=[second.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("administration:settlement_xlsx", args=[second.pk]))
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    page = client.get(reverse("administration:settlement_detail", args=[second.pk]))
    assert "1.050,01 €" in page.content.decode()  # the page speaks German: B pays 750.01 + 300.00
    assert (
        client_for(cast.z_admin).get(reverse("administration:settlement_pdf", args=[second.pk])).status_code
        == 404
    )


def test_cost_key_with_missing_inhabitants_is_refused(cast, agreement):
    InhabitantCount.objects.create(
        organisation=cast.org_a, reference_date=date(2024, 12, 31), inhabitants=100
    )
    with pytest.raises(ValidationError, match="Stadt B"):
        actions.save_cost_key(
            actor(cast.a_admin),
            agreement,
            "Einwohner",
            [
                {
                    "basis": "inhabitants",
                    "weight_percent": Decimal("100"),
                    "reference_date": date(2024, 12, 31),
                }
            ],
        )
    assert not m.CostKey.objects.exists()


@pytest.fixture
def position(cast):
    return m.SharedPosition.objects.create(
        owner=cast.org_a, cooperation=cast.coop, title="KSM", visibility="cooperation", holder=cast.a_editor
    )


def test_time_shares_must_add_up_to_100(cast, position):
    with pytest.raises(ValidationError, match="90"):
        actions.set_position_shares(
            actor(cast.a_admin), position, {cast.org_a: Decimal("50"), cast.org_b: Decimal("40")}
        )
    actions.set_position_shares(
        actor(cast.a_admin), position, {cast.org_a: Decimal("40"), cast.org_b: Decimal("60")}
    )
    assert position.shares.count() == 2


def test_time_record_csv_import_is_all_or_nothing(cast, position):
    actions.set_position_shares(
        actor(cast.a_admin), position, {cast.org_a: Decimal("40"), cast.org_b: Decimal("60")}
    )
    bad = "datum;person;partner;stunden\n03.02.2025;a_editor;GA;7,5\n04.02.2025;niemand;SB;3\n05.02.2025;a_editor;SB;25:00\n"
    with pytest.raises(ValidationError) as exc:
        actions.import_time_records(actor(cast.a_admin), position, bad.encode())
    text = " ".join(exc.value.messages)
    assert "Row 3, column person" in text and "niemand" in text and "Row 4, column stunden" in text
    assert not m.TimeRecord.objects.exists()
    good = "datum;person;partner;stunden;notiz\n03.02.2025;a_editor;GA;7,5;\n04.02.2025;a_editor@example.org;stadt-b;3:30;Termin\n"
    assert actions.import_time_records(actor(cast.a_admin), position, good.encode()) == 2
    assert actions.actual_hours(position, 2025) == {
        cast.org_a.pk: Decimal("7.50"),
        cast.org_b.pk: Decimal("3.50"),
    }


@pytest.fixture
def resource(cast):
    r = m.SharedResource.objects.create(
        owner=cast.org_a,
        cooperation=cast.coop,
        name="Häcksler",
        kind="machine",
        visibility="cooperation",
        available_from=time(7),
        available_until=time(16),
        min_hours=1,
        max_hours=8,
    )
    r.shared_with.set([cast.coop])
    return r


def _next_monday():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


def test_partner_books_and_overlaps_are_refused(cast, resource):
    day = _next_monday()
    start = timezone.make_aware(datetime.combine(day, time(8)))
    booking = actions.book_resource(
        actor(cast.b_editor), resource, organisation=cast.org_b, start=start, end=start + timedelta(hours=3)
    )
    assert booking.status == "confirmed"
    with pytest.raises(ValidationError, match="already booked"):
        actions.book_resource(
            actor(cast.a_editor),
            resource,
            organisation=cast.org_a,
            start=start + timedelta(hours=2),
            end=start + timedelta(hours=4),
        )
    # back to back is fine
    actions.book_resource(
        actor(cast.a_editor),
        resource,
        organisation=cast.org_a,
        start=start + timedelta(hours=3),
        end=start + timedelta(hours=5),
    )
    with pytest.raises(PermissionDenied):
        actions.book_resource(
            actor(cast.b_editor),
            resource,
            organisation=cast.org_a,
            start=start + timedelta(hours=6),
            end=start + timedelta(hours=7),
        )
    with pytest.raises(PermissionDenied):
        actions.book_resource(
            actor(cast.z_admin),
            resource,
            organisation=cast.org_z,
            start=start + timedelta(hours=6),
            end=start + timedelta(hours=7),
        )
    # the partner cancels its booking, then the slot is free again
    actions.set_booking_status(actor(cast.b_editor), booking, "cancelled")
    actions.book_resource(
        actor(cast.a_editor), resource, organisation=cast.org_a, start=start, end=start + timedelta(hours=2)
    )


def test_booking_page_shows_the_rule_error(cast, resource, client_for):
    day = _next_monday()
    client = client_for(cast.b_editor)
    response = client.post(
        reverse("administration:resource_book", args=[resource.pk]),
        {"organisation": cast.org_b.pk, "start": f"{day}T17:00", "end": f"{day}T18:00", "purpose": "x"},
    )
    assert response.status_code == 200
    assert "16:00" in response.content.decode()
    assert not m.Booking.objects.exists()


def test_api_booking_conflict_answers_400(cast, resource, client_for):
    day = _next_monday()
    client = client_for(cast.b_editor)
    payload = {
        "resource": resource.pk,
        "organisation": cast.org_b.pk,
        "start": f"{day}T08:00:00+01:00",
        "end": f"{day}T10:00:00+01:00",
    }
    assert client.post("/api/v1/bookings/", payload, content_type="application/json").status_code == 201
    second = client.post("/api/v1/bookings/", payload, content_type="application/json")
    assert second.status_code == 400 and "start" in second.json()


def test_meeting_invitations_action_items_and_votes(cast, client_for):
    group = m.WorkingGroup.objects.create(
        owner=cast.org_a, cooperation=cast.coop, name="AK", visibility="cooperation"
    )
    group.shared_with.set([cast.coop])
    actions.add_member(actor(cast.a_admin), group, cast.b_editor, cast.org_b)
    with pytest.raises(ValidationError):
        actions.add_member(actor(cast.a_admin), group, cast.z_admin, cast.org_z)
    start = timezone.now() + timedelta(days=5)
    meeting = m.Meeting.objects.create(
        group=group, title="Visionsworkshop", kind="vision", start=start, end=start + timedelta(hours=2)
    )
    assert actions.send_invitations(actor(cast.a_admin), meeting) == 1
    assert mail.outbox[-1].attachments[0][0] == "einladung.ics"
    ics = mail.outbox[-1].attachments[0][1]
    assert "BEGIN:VEVENT" in (ics if isinstance(ics, str) else ics.decode())
    assert mail.outbox[-1].bcc == ["b_editor@example.org"]
    item = m.ActionItem.objects.create(
        meeting=meeting,
        title="Bedarf melden",
        assignee=cast.b_editor,
        due_on=timezone.localdate() + timedelta(days=2),
    )
    page = client_for(cast.b_editor).get(reverse("core:dashboard"))
    assert "Bedarf melden" in page.content.decode()
    actions.set_action_status(actor(cast.b_editor), item, "done")
    with pytest.raises(PermissionDenied):
        actions.set_action_status(actor(cast.b_viewer), item, "open")
    card = actions.add_idea(actor(cast.b_editor), meeting, "Repair-Café")
    assert actions.toggle_vote(actor(cast.b_editor), card) is True
    assert actions.toggle_vote(actor(cast.b_editor), card) is False
    with pytest.raises(PermissionDenied):
        actions.add_idea(actor(cast.b_viewer), meeting, "nicht Mitglied")


def test_ical_feed_needs_the_secret_token(cast, agreement, client_for):
    m.Agreement.objects.filter(pk=agreement.pk).update(status="in_force")
    token = actions.new_feed_token(actor(cast.b_editor))
    anon = client_for(None)
    response = anon.get(reverse("administration:user_feed", args=[token]))
    assert response.status_code == 200 and b"ZV Gr" in response.content
    assert anon.get(reverse("administration:user_feed", args=["wrong" + token])).status_code == 404
    assert not m.CalendarFeed.objects.filter(token_hash=token).exists()  # only the hash is stored


def test_directory_lists_only_opted_in_partners(cast, client_for):
    for user, show in ((cast.b_editor, True), (cast.b_viewer, False), (cast.z_admin, True)):
        user.show_in_directory = show
        user.topics = "Grüngut"
        user.save()
    html = client_for(cast.a_viewer).get(reverse("administration:directory") + "?q=Grüngut").content.decode()
    assert "b_editor" in html and "b_viewer" not in html and "z_admin" not in html
    assert client_for(None).get(reverse("administration:directory")).status_code == 302


PAGES = [
    "list",
    "agreement_list",
    "agreement_create",
    "position_list",
    "position_create",
    "resource_list",
    "resource_create",
    "group_list",
    "group_create",
    "calendar",
    "directory",
    "my_actions",
]


@pytest.mark.parametrize("name", PAGES)
def test_pages_render_for_an_editor(cast, client_for, name):
    assert client_for(cast.a_editor).get(reverse(f"administration:{name}")).status_code == 200


def test_object_pages_render(cast, agreement, position, resource, client_for):
    _costs(cast, agreement)
    group = m.WorkingGroup.objects.create(owner=cast.org_a, cooperation=cast.coop, name="AK")
    meeting = m.Meeting.objects.create(
        group=group, title="S", kind="vision", start=timezone.now(), end=timezone.now() + timedelta(hours=1)
    )
    client = client_for(cast.a_admin)
    for url in (
        agreement.get_absolute_url(),
        reverse("administration:agreement_settlement", args=[agreement.pk]) + "?year=2025",
        reverse("administration:agreement_cost_key", args=[agreement.pk]),
        position.get_absolute_url(),
        reverse("administration:position_shares", args=[position.pk]),
        resource.get_absolute_url(),
        group.get_absolute_url(),
        meeting.get_absolute_url(),
        reverse("administration:cooperation", args=[cast.coop.pk]),
        reverse("administration:organisation", args=[cast.org_b.slug]),
        reverse("administration:meeting_minutes_pdf", args=[meeting.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_attachment_is_checked_by_content_and_served_only_to_readers(cast, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(cast.a_admin)
    data = {
        "title": "Nutzungsvereinbarung Kehrmaschine",
        "owner": cast.org_a.pk,
        "cooperation": cast.coop.pk,
        "kind": "nutzungsvereinbarung",
        "task_field": "bauhof",
        "renewal_months": 0,
        "notice_period_months": 3,
        "reminder_days": "90,30",
        "visibility": "private",
    }
    fake = SimpleUploadedFile("vertrag.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("administration:agreement_create"), {**data, "attachment": fake})
    assert response.status_code == 200 and not m.Agreement.objects.exists()
    pdf = SimpleUploadedFile("vertrag.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = client.post(reverse("administration:agreement_create"), {**data, "attachment": pdf})
    agreement = m.Agreement.objects.get()
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    url = reverse("administration:agreement_attachment", args=[agreement.pk])
    assert client.get(url).status_code == 200
    assert client_for(cast.b_editor).get(url).status_code == 404


def test_api_transition_and_council_decision(cast, agreement, client_for):
    client = client_for(cast.a_admin)
    base = f"/api/v1/agreements/{agreement.pk}/"
    today = timezone.localdate()
    for org in (cast.org_a, cast.org_b):
        r = client.post(
            base + "council-decisions/",
            {"organisation": org.pk, "body": "Rat", "decided_on": str(today), "resolution_number": "1"},
            content_type="application/json",
        )
        assert r.status_code == 201, r.content
    r = client.post(base + "transition/", {"to_status": "ended"}, content_type="application/json")
    assert r.status_code == 400
    r = client.post(base + "transition/", {"to_status": "signed"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "signed"
    assert (
        client_for(cast.b_editor)
        .post(base + "transition/", {"to_status": "in_force"}, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        client_for(cast.z_admin)
        .post(base + "transition/", {"to_status": "in_force"}, content_type="application/json")
        .status_code
        == 404
    )


def test_reminder_job_runs_through_the_job_system(cast, agreement, django_capture_on_commit_callbacks):
    from ikonnekt.core.jobs import enqueue
    from ikonnekt.core.models import Job

    m.Agreement.objects.filter(pk=agreement.pk).update(status="in_force", term_end=date(2027, 12, 31))
    with django_capture_on_commit_callbacks(execute=True):
        enqueue("administration.reminders", label="Erinnerungen", today="2027-06-25")
    job = Job.objects.get(kind="administration.reminders")
    assert job.status == "done", job.error
    assert job.message.startswith("1 deadline reminders")


def test_list_pages_and_api_do_not_grow_queries_with_rows(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.administration.factories import make_agreement

    client = client_for(cast.b_editor)
    client.get("/")  # the CSRF cookie a browser holds after its first page

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        make_agreement(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    few = {u: count(u) for u in (reverse("administration:agreement_list"), "/api/v1/agreements/")}
    for _ in range(5):
        make_agreement(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    many = {u: count(u) for u in few}
    assert many == few


def test_organisers_create_meetings_with_agenda_through_the_api(cast, client_for):
    group = m.WorkingGroup.objects.create(
        owner=cast.org_a, cooperation=cast.coop, name="AK", visibility="cooperation"
    )
    group.shared_with.set([cast.coop])
    payload = {
        "group": group.pk,
        "title": "Sitzung",
        "kind": "meeting",
        "start": "2026-12-01T10:00:00+01:00",
        "end": "2026-12-01T12:00:00+01:00",
        "agenda_titles": ["Begrüßung", "Wärmeplanung"],
    }
    response = client_for(cast.a_editor).post("/api/v1/meetings/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert [a["title"] for a in response.json()["agenda"]] == ["Begrüßung", "Wärmeplanung"]
    assert (
        client_for(cast.b_editor)
        .post("/api/v1/meetings/", payload, content_type="application/json")
        .status_code
        == 403
    )
    bad = {**payload, "end": "2026-12-01T09:00:00+01:00"}
    assert (
        client_for(cast.a_editor).post("/api/v1/meetings/", bad, content_type="application/json").status_code
        == 400
    )
    assert m.Meeting.objects.count() == 1
