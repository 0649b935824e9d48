"""GIVEN a person with a distinctive name, e-mail and phone who appears wherever the models allow
(documents' metadata, comments, knowledge answers, an order, time records, a meeting, audit rows,
the search index) WHEN the person is erased THEN no page a member or partner reaches, no export,
no API answer and no search names them any more, while the kept records (the placed order, the time
records) stay and count the same under the pseudonym."""

import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
import yaml
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ikonnekt.administration import models as adm
from ikonnekt.administration.actions import add_time_record
from ikonnekt.assessment.actions import add_comment as comment_on_assessment
from ikonnekt.core.audit import Actor, AuditAction, record
from ikonnekt.documents.actions import upload_document
from ikonnekt.documents.pdfgen import make_pdf
from ikonnekt.knowledge.actions import add_answer, create_question
from ikonnekt.knowledge.actions import add_comment as comment_on_article
from ikonnekt.knowledge.models import Question
from ikonnekt.legal.erasure import erase_user, pseudonym
from ikonnekt.market.models import Order
from ikonnekt.organizations.models import Membership
from ikonnekt.search.engine import search
from tests.administration.factories import make_meeting, make_position
from tests.assessment.factories import make_assessment
from tests.conftest import make_user
from tests.crawl import discover
from tests.documents.factories import make_file
from tests.knowledge.factories import make_article
from tests.market.factories import make_order

FIRST, LAST = "Zelinda", "Quarzheimer"
USERNAME = "zelinda.quarz"
EMAIL = f"{USERNAME}@example.org"
PHONE = "06838 987654"
TRACES = (LAST, USERNAME, EMAIL, PHONE, f"{FIRST} {LAST}")


def _body(response) -> str:
    """The text of a page, CSV, JSON, or of every member of an XLSX or ZIP download."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    text = data.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # JSON escapes non-ASCII and slashes; compare with the decoded values too
        text += json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _traces(text: str) -> list[str]:
    return [t for t in TRACES if t.lower() in text.lower()]


@pytest.fixture
def person(cast):
    user = make_user(USERNAME, first_name=FIRST, last_name=LAST, phone=PHONE)
    Membership.objects.create(user=user, organisation=cast.org_a, role="editor", job_title="Klimaschutz")
    return user


def _appear_everywhere(cast, person):
    actor = Actor(user=person, organisation=cast.org_a, ip="192.0.2.77")
    file = make_file(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    document = upload_document(
        actor,
        owner_id=cast.org_a.pk,
        name="bericht.pdf",
        data=make_pdf("Bericht Grünschnitt", ["Mengen 2025"]),
        file=file,
        title="Bericht Grünschnitt 2025",
        correspondent=f"{FIRST} {LAST}",
        metadata={"bearbeitung": f"{FIRST} {LAST} ({EMAIL})"},
        comment=f"hochgeladen von {FIRST} {LAST}",
        visibility="cooperation",
        shared_with=[cast.coop],
        extract=False,
    )
    assessment = make_assessment(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    comment_on_assessment(actor, assessment, None, f"Rückfragen an {FIRST} {LAST}, Tel. {PHONE}")
    article = make_article(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_admin)
    comment_on_article(actor, article, f"Gute Erfahrungen – {FIRST} {LAST}")
    question = create_question(
        Actor(user=cast.a_admin, organisation=cast.org_a),
        Question(
            title="Wer kennt Häckselplätze?", body="Bitte melden", owner=cast.org_a, visibility="platform"
        ),
    )
    add_answer(actor, question, f"Schreiben Sie mir: {EMAIL}")
    order = make_order(cast, owner=cast.org_a, visibility="platform", created_by=person)
    order.note = f"Bitte vorher anrufen: {PHONE}"
    order.save()
    position = make_position(cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_admin)
    position.shared_with.set([cast.coop])
    adm.PositionShare.objects.create(position=position, organisation=cast.org_b, planned_percent=50)
    time_record = add_time_record(
        Actor(user=cast.a_admin, organisation=cast.org_a),
        position,
        person=person,
        organisation=cast.org_b,
        day=date.today(),
        hours=Decimal("3.5"),
        note=f"Vertretung für {FIRST} {LAST}",
    )
    meeting = make_meeting(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    adm.Attendance.objects.create(meeting=meeting, user=person, status=adm.AttendanceStatus.choices[0][0])
    adm.ActionItem.objects.create(
        meeting=meeting, title=f"Angebot einholen ({FIRST} {LAST})", assignee=person, due_on=date.today()
    )
    record(actor, AuditAction.UPDATE, position, changes={"holder": ["", f"{FIRST} {LAST}"]})
    return {
        "document": document,
        "assessment": assessment,
        "article": article,
        "question": question,
        "order": order,
        "position": position,
        "time_record": time_record,
        "meeting": meeting,
        "file": file,
    }


def _api_lists() -> list[str]:
    schema = yaml.safe_load((settings.BASE_DIR.parent.parent / "docs" / "openapi.yaml").read_text())
    return [path for path, ops in schema["paths"].items() if "{" not in path and "get" in ops]


def _addresses(objs) -> list[str]:
    cycle = objs["order"].cycle_id
    return [
        objs["document"].get_absolute_url(),
        objs["assessment"].get_absolute_url(),
        objs["article"].get_absolute_url(),
        objs["question"].get_absolute_url(),
        objs["order"].get_absolute_url(),
        reverse("market:cycle_manage", args=[cycle]),
        reverse("administration:position_detail", args=[objs["position"].pk]),
        objs["meeting"].get_absolute_url(),
        objs["file"].get_absolute_url(),
        reverse("organizations:detail", args=[objs["position"].owner.slug]),
        reverse("core:audit"),
        # the results show snippets of the matching text
        reverse("search:results") + "?q=Grünschnitt",
        reverse("search:results") + "?q=Häckselplätze",
        reverse("documents:list") + "?q=Bericht",
    ]


def _exports(objs) -> list[str]:
    cycle = objs["order"].cycle_id
    return [
        reverse("core:audit_csv"),
        reverse("market:pickup_list", args=[cycle]),
        reverse("market:pick_list", args=[cycle]),
        reverse("market:cycle_report", args=[cycle]),
        reverse("documents:file_export", args=[objs["file"].pk]),
        reverse("documents:search_export") + "?q=Grünschnitt",
        reverse("assessment:assessment_xlsx", args=[objs["assessment"].pk]),
        reverse("legal:my_data_json"),
        reverse("legal:my_data_csv"),
    ]


def _read_all(client, urls) -> dict[str, str]:
    texts = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            texts[url] = _body(response)
    return texts


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")
    return client


def test_the_erased_person_is_gone_from_every_page_export_api_answer_and_search(cast, person):
    objs = _appear_everywhere(cast, person)
    admin, partner = _client(cast.a_admin), _client(cast.b_editor)
    pages = _addresses(objs) + _exports(objs) + _api_lists()

    # Before: the person is visible in many places, so the checks below can fail.
    before = {url: _traces(text) for url, text in _read_all(admin, pages).items()}
    named = [url for url, found in before.items() if found]
    assert len(named) >= 12, named
    for url in (
        objs["document"].get_absolute_url(),
        reverse("documents:file_export", args=[objs["file"].pk]),
        reverse("core:audit_csv"),
        reverse("administration:position_detail", args=[objs["position"].pk]),
        objs["meeting"].get_absolute_url(),
    ):
        assert before[url], url
    assert search(cast.a_admin, LAST).hits
    assert search(cast.a_admin, EMAIL).hits

    erase_user(Actor(user=cast.a_admin, organisation=cast.org_a), person)
    name = pseudonym(person)

    def get(url):
        response = admin.get(url)
        return response.status_code, response.content.decode() if response.status_code == 200 else ""

    crawled = discover(get, authenticated=True, per_view=2, limit=220, user=cast.a_admin)
    read = _read_all(admin, list(dict.fromkeys(pages + crawled)))
    read.update({f"partner {url}": text for url, text in _read_all(partner, pages).items()})
    assert len(read) > 150
    leaks = {url: found for url, text in read.items() if (found := _traces(text))}
    assert leaks == {}

    # Search for the person finds nothing (a search page echoes the query, so ask the engine).
    for term in (LAST, EMAIL, f"{FIRST} {LAST}", USERNAME, PHONE):
        assert search(cast.a_admin, term).hits == [], term
        assert search(cast.b_editor, term).hits == [], term
    assert search(cast.a_admin, "Grünschnitt").hits  # the document itself is still found

    # Kept records stay consistent under the pseudonym.
    order = Order.objects.get(pk=objs["order"].pk)
    assert order.customer_id == person.pk and order.status == "placed"
    assert order.note == f"Bitte vorher anrufen: {name}"
    time_record = adm.TimeRecord.objects.get(pk=objs["time_record"].pk)
    assert (time_record.person_id, time_record.hours) == (person.pk, Decimal("3.5"))
    assert time_record.note == f"Vertretung für {name}"
    assert name in read[reverse("administration:position_detail", args=[objs["position"].pk])]
    assert name in read[reverse("market:cycle_manage", args=[order.cycle_id])]
    document = objs["document"]
    document.refresh_from_db()
    assert document.correspondent == name
    assert document.metadata == {"bearbeitung": f"{name} ({name})"}
