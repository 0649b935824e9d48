"""Issue #19: one Q&A. Knowledge questions can belong to a cooperation (chosen among the cooperations
the asker may see), be closed, be filtered by cooperation; the cooperation page lists them and the
former advice pages of joint administration redirect here."""

import pytest
from django.urls import reverse

from ikonnekt.cooperations.models import Cooperation
from ikonnekt.knowledge.models import Question
from tests.factories import make
from tests.knowledge.factories import make_question

pytestmark = pytest.mark.django_db


def _foreign_cooperation(cast):
    """A private cooperation of organisation B that A and Z cannot see."""
    return make(Cooperation, cast, owner=cast.org_b, visibility="private", created_by=cast.b_editor)


def test_a_question_scoped_to_a_cooperation_is_read_by_its_partners_only(cast, client_for):
    response = client_for(cast.a_editor).post(
        reverse("knowledge:question_create"),
        {
            "title": "Wer hat den Winterdienst gemeinsam vergeben?",
            "body": "Lose und Kostenschlüssel?",
            "cooperation": cast.coop.pk,
            "owner": cast.org_a.pk,
            "visibility": "cooperation",
            # no cooperation ticked: the question's own cooperation is the one it is shared with
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    assert question.cooperation == cast.coop and list(question.shared_with.all()) == [cast.coop]
    assert not question.is_closed
    page = client_for(cast.b_viewer).get(question.get_absolute_url())
    assert page.status_code == 200 and "Kooperation A–B" in page.content.decode()
    # not public: outsiders and anonymous visitors get the same answer as for a missing question
    assert client_for(cast.z_admin).get(question.get_absolute_url()).status_code == 404
    assert client_for(None).get(question.get_absolute_url()).status_code == 404
    assert client_for(cast.z_admin).get(f"/api/v1/knowledge/questions/{question.pk}/").status_code == 404


def test_the_cooperation_can_only_be_one_the_asker_may_see(cast, client_for):
    foreign = _foreign_cooperation(cast)
    form_page = client_for(cast.a_editor).get(reverse("knowledge:question_create")).content.decode()
    assert "Kooperation A–B" in form_page and foreign.name not in form_page
    response = client_for(cast.a_editor).post(
        reverse("knowledge:question_create"),
        {
            "title": "Frage?",
            "cooperation": foreign.pk,
            "owner": cast.org_a.pk,
            "visibility": "platform",
        },
    )
    assert response.status_code == 200 and "cooperation" in response.context["form"].errors
    assert not Question.objects.exists()
    # the API alike: a cooperation the caller cannot see is a 400, a visible one is stored
    api = client_for(cast.a_editor)
    url = "/api/v1/knowledge/questions/"
    data = {"title": "Frage?", "owner": cast.org_a.pk, "visibility": "platform"}
    refused = api.post(url, {**data, "cooperation": foreign.pk}, content_type="application/json")
    assert refused.status_code == 400 and "cooperation" in refused.json()
    created = api.post(url, {**data, "cooperation": cast.coop.pk}, content_type="application/json")
    assert created.status_code == 201 and created.json()["cooperation"] == cast.coop.pk
    assert created.json()["is_closed"] is False


def test_readers_who_cannot_see_the_cooperation_do_not_learn_its_name(cast, client_for):
    question = make_question(
        cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor, cooperation=cast.coop
    )
    assert cast.coop.name in client_for(cast.b_viewer).get(question.get_absolute_url()).content.decode()
    outsider = client_for(cast.z_admin)
    detail = outsider.get(question.get_absolute_url())
    assert detail.status_code == 200 and cast.coop.name not in detail.content.decode()
    listing = outsider.get(reverse("knowledge:questions")).content.decode()
    assert question.title in listing and cast.coop.name not in listing


def test_the_list_filters_by_cooperation_and_state(cast, client_for):
    other = make(
        Cooperation, cast, owner=cast.org_a, visibility="platform", created_by=cast.a_admin, shared_with=[]
    )
    scoped = make_question(
        cast,
        owner=cast.org_a,
        visibility="platform",
        created_by=cast.a_editor,
        cooperation=cast.coop,
        title="Frage der Kooperation?",
    )
    elsewhere = make_question(
        cast,
        owner=cast.org_a,
        visibility="platform",
        created_by=cast.a_editor,
        cooperation=other,
        title="Frage der anderen Kooperation?",
    )
    unscoped = make_question(
        cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor, title="Frage an alle?"
    )
    client = client_for(cast.b_viewer)
    url = reverse("knowledge:questions")
    page = client.get(url, {"cooperation": cast.coop.pk})
    assert [q.pk for q in page.context["object_list"]] == [scoped.pk]
    assert len(client.get(url).context["object_list"]) == 3
    assert [q.pk for q in client.get(url, {"cooperation": other.pk}).context["object_list"]] == [elsewhere.pk]
    # the filter offers only cooperations the reader may see
    foreign = _foreign_cooperation(cast)
    choices = client_for(cast.a_editor).get(url).context["filterset"].form.fields["cooperation"].queryset
    assert cast.coop in choices and foreign not in choices
    # closed questions: their own state, no longer "open"
    Question.objects.filter(pk=unscoped.pk).update(is_closed=True)
    assert [q.pk for q in client.get(url, {"answered": "closed"}).context["object_list"]] == [unscoped.pk]
    assert unscoped.pk not in [q.pk for q in client.get(url, {"answered": "no"}).context["object_list"]]
    # the API filters alike
    api = client.get("/api/v1/knowledge/questions/", {"cooperation": cast.coop.pk}).json()
    rows = api["results"] if isinstance(api, dict) else api
    assert [row["id"] for row in rows] == [scoped.pk]
    # a cooperation the reader may not see is refused like one that does not exist (400, not an
    # empty list that would tell which ids exist)
    api = client_for(cast.a_editor)
    assert api.get("/api/v1/knowledge/questions/", {"cooperation": foreign.pk}).status_code == 400
    assert api.get("/api/v1/knowledge/questions/", {"cooperation": 999999}).status_code == 400


def test_the_asker_closes_a_question(cast, client_for):
    question = make_question(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    assert (
        "is_closed"
        not in client_for(cast.a_editor).get(reverse("knowledge:question_create")).context["form"].fields
    )
    response = client_for(cast.a_editor).post(
        reverse("knowledge:question_edit", args=[question.pk]),
        {"title": question.title, "body": "", "visibility": "platform", "is_closed": "on"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.is_closed
    assert (
        "badge text-bg-secondary"
        in client_for(cast.b_viewer).get(question.get_absolute_url()).content.decode()
    )


def test_the_cooperation_page_lists_its_visible_questions(cast, client_for):
    shared = make_question(
        cast,
        owner=cast.org_a,
        visibility="cooperation",
        shared_with=[cast.coop],
        created_by=cast.a_editor,
        cooperation=cast.coop,
        title="Geteilte Frage der Kooperation?",
    )
    private = make_question(
        cast,
        owner=cast.org_a,
        visibility="private",
        created_by=cast.a_editor,
        cooperation=cast.coop,
        title="Interne Frage der Gemeinde A?",
    )
    partner_page = client_for(cast.b_viewer).get(cast.coop.get_absolute_url()).content.decode()
    assert shared.title in partner_page and private.title not in partner_page
    assert f"{reverse('knowledge:questions')}?cooperation={cast.coop.pk}" in partner_page
    own_page = client_for(cast.a_viewer).get(cast.coop.get_absolute_url()).content.decode()
    assert shared.title in own_page and private.title in own_page


def test_the_administration_navigation_leads_to_the_questions(cast, client_for):
    page = client_for(cast.a_editor).get(reverse("administration:directory")).content.decode()
    assert reverse("knowledge:questions") in page and reverse("knowledge:question_create") in page
    assert "/administration/advice/" not in page
    overview = client_for(cast.b_viewer).get(reverse("administration:cooperation", args=[cast.coop.pk]))
    assert f"{reverse('knowledge:questions')}?cooperation={cast.coop.pk}" in overview.content.decode()


def test_former_advice_addresses_redirect_permanently(cast, client_for):
    question = make_question(
        cast,
        owner=cast.org_a,
        visibility="cooperation",
        shared_with=[cast.coop],
        created_by=cast.a_editor,
        cooperation=cast.coop,
        former_advice_id=41,
    )
    client = client_for(cast.b_viewer)
    listing = client.get("/administration/advice/")
    assert listing.status_code == 301 and listing["Location"] == reverse("knowledge:questions")
    filtered = client.get("/administration/advice/", {"cooperation": cast.coop.pk})
    assert filtered.status_code == 301
    assert filtered["Location"] == f"{reverse('knowledge:questions')}?cooperation={cast.coop.pk}"
    new = client.get("/administration/advice/new/")
    assert new.status_code == 301 and new["Location"] == reverse("knowledge:question_create")
    for old in ("/administration/advice/41/", "/administration/advice/41/answer/"):
        response = client_for(cast.b_viewer).get(old)
        assert response.status_code == 301 and response["Location"] == question.get_absolute_url()
        # whoever may not read the question learns nothing: 404 as for an unknown request
        assert client_for(cast.z_admin).get(old).status_code == 404
    assert client_for(cast.b_viewer).get("/administration/advice/42/").status_code == 404
