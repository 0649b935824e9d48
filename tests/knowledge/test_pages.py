"""The pages: write, preview, edit with revisions and diffs, files, comments, votes, review."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from ikonnekt.core.models import AuditLog
from ikonnekt.knowledge.models import Article, ArticleFile, ArticleRevision, Comment, Tag
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db


def article_post(cast, **overrides):
    data = {
        "title": "Grüngut gemeinsam verwerten",
        "kind": "good_practice",
        "summary": "Zwei Kommunen, ein Heizwerk.",
        "body": "## Ablauf\n\nErst wiegen, dann verhandeln.",
        "tag_names": "Grüngut, Biomasse, grüngut",
        "sdgs": ["7", "12"],
        "goals": [],
        "owner": str(cast.org_a.pk),
        "visibility": "cooperation",
        "shared_with": [str(cast.coop.pk)],
        "links_text": "Kriterienkatalog | /assessment/3/\nhttps://www.entsorgungsverband.de/",
        "note": "",
    }
    data.update(overrides)
    return data


def test_editor_writes_an_article_with_tags_sdgs_links_and_revision_1(cast, client_for):
    client = client_for(cast.a_editor)
    response = client.post(reverse("knowledge:create"), article_post(cast))
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert sorted(t.name for t in article.tags.all()) == ["Biomasse", "Grüngut"]
    assert sorted(article.sdgs.values_list("number", flat=True)) == [7, 12]
    assert [(lnk.label, lnk.url) for lnk in article.links.all()] == [
        ("Kriterienkatalog", "/assessment/3/"),
        ("https://www.entsorgungsverband.de/", "https://www.entsorgungsverband.de/"),
    ]
    assert list(article.shared_with.all()) == [cast.coop]
    assert '<h2 id="ablauf">Ablauf</h2>' in article.body_html
    assert article.revisions.get().number == 1
    assert AuditLog.objects.filter(action="create", object_id=str(article.pk)).exists()
    page = client_for(cast.b_viewer).get(article.get_absolute_url())
    assert page.status_code == 200
    assert "SDG 7" in page.content.decode() and "Grüngut" in page.content.decode()


def test_script_in_markdown_never_reaches_the_page(cast, client_for):
    client = client_for(cast.a_editor)
    client.post(
        reverse("knowledge:create"),
        article_post(
            cast,
            body='Hallo <script>alert("x")</script> <img src=x onerror=alert(1)> [a](javascript:alert(1))',
        ),
    )
    article = Article.objects.get()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "alert(" not in html.split('id="article-body"')[1].split("</article>")[0]
    assert "<script>alert" not in html


def test_bad_links_get_a_message_naming_the_line_and_nothing_is_stored(cast, client_for):
    response = client_for(cast.a_editor).post(
        reverse("knowledge:create"), article_post(cast, links_text="ok | /x/\nBöse | javascript:alert(1)")
    )
    assert response.status_code == 200
    assert "Line 2" in response.content.decode() or "Zeile 2" in response.content.decode()
    assert not Article.objects.exists() and not Tag.objects.exists()


def test_cooperation_visibility_needs_a_cooperation(cast, client_for):
    response = client_for(cast.a_editor).post(reverse("knowledge:create"), article_post(cast, shared_with=[]))
    assert response.status_code == 200
    assert not Article.objects.exists() and not Tag.objects.exists()


def test_viewer_cannot_write(cast, client_for):
    client = client_for(cast.a_viewer)
    assert client.get(reverse("knowledge:create")).status_code == 403
    article = make_article(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    assert client.get(reverse("knowledge:edit", args=[article.pk])).status_code == 403
    assert client_for(cast.b_editor).post(reverse("knowledge:edit", args=[article.pk]), {}).status_code == 403


def test_preview_renders_sanitised_markdown(cast, client_for):
    response = client_for(cast.a_viewer).post(
        reverse("knowledge:preview"), {"body": "**fett** <script>x()</script>"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>fett</strong>" in html and "<script" not in html
    assert client_for(cast.anonymous).post(reverse("knowledge:preview"), {"body": "x"}).status_code == 302


def test_editing_adds_a_revision_and_the_diff_shows_the_change(cast, client_for):
    client = client_for(cast.a_editor)
    client.post(reverse("knowledge:create"), article_post(cast))
    article = Article.objects.get()
    client.post(
        reverse("knowledge:edit", args=[article.pk]),
        article_post(
            cast, body="## Ablauf\n\nErst wiegen, dann verhandeln.\nDann Vertrag.", note="Vertrag ergänzt"
        ),
    )
    assert list(article.revisions.values_list("number", "note")) == [
        (2, "Vertrag ergänzt"),
        (1, "First version"),
    ] or (list(article.revisions.values_list("number", flat=True)) == [2, 1])
    diff = client_for(cast.b_viewer).get(reverse("knowledge:revision", args=[article.pk, 2])).content.decode()
    assert '<tr class="insert">' in diff and "Dann Vertrag." in diff
    # Saving without changes makes no new revision.
    client.post(
        reverse("knowledge:edit", args=[article.pk]),
        article_post(cast, body="## Ablauf\n\nErst wiegen, dann verhandeln.\nDann Vertrag."),
    )
    assert article.revisions.count() == 2
    history = client_for(cast.b_viewer).get(reverse("knowledge:history", args=[article.pk]))
    assert "Vertrag ergänzt" in history.content.decode()


def test_restore_an_older_revision(cast, client_for):
    client = client_for(cast.a_editor)
    client.post(reverse("knowledge:create"), article_post(cast))
    article = Article.objects.get()
    client.post(reverse("knowledge:edit", args=[article.pk]), article_post(cast, body="Neu"))
    client.post(reverse("knowledge:revision_restore", args=[article.pk, 1]))
    article.refresh_from_db()
    assert article.body == "## Ablauf\n\nErst wiegen, dann verhandeln."
    assert article.revisions.count() == 3
    assert (
        client_for(cast.b_editor)
        .post(reverse("knowledge:revision_restore", args=[article.pk, 2]))
        .status_code
        == 403
    )


def test_editing_the_text_resets_the_review(cast, client_for):
    article = make_article(cast, owner=cast.org_a, visibility="private", created_by=cast.a_editor)
    assert (
        client_for(cast.a_editor)
        .post(reverse("knowledge:review", args=[article.pk]), {"reviewed": "1"})
        .status_code
        == 403
    )
    client_for(cast.a_admin).post(reverse("knowledge:review", args=[article.pk]), {"reviewed": "1"})
    article.refresh_from_db()
    assert article.reviewed and article.reviewed_by == cast.a_admin
    client_for(cast.a_editor).post(
        reverse("knowledge:edit", args=[article.pk]),
        article_post(cast, visibility="private", shared_with=[], body="neu"),
    )
    article.refresh_from_db()
    assert not article.reviewed


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "karte.png"
    return buffer


def test_upload_serve_and_delete_files(cast, client_for):
    article = make_article(
        cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_editor, shared_with=[cast.coop]
    )
    client = client_for(cast.a_editor)
    client.post(
        reverse("knowledge:file_upload", args=[article.pk]),
        {"kind": "image", "file": _png(), "description": "Karte"},
    )
    pdf = io.BytesIO(b"%PDF-1.7 test")
    pdf.name = "Vereinbarung.pdf"
    client.post(reverse("knowledge:file_upload", args=[article.pk]), {"kind": "attachment", "file": pdf})
    image, attachment = ArticleFile.objects.order_by("kind")[1], ArticleFile.objects.order_by("kind")[0]
    assert (image.kind, attachment.kind) == ("image", "attachment")
    reader = client_for(cast.b_viewer)
    response = reader.get(image.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    download = reader.get(attachment.get_absolute_url())
    assert "attachment" in download["Content-Disposition"]
    assert AuditLog.objects.filter(action="download").exists()
    assert client_for(cast.z_admin).get(image.get_absolute_url()).status_code == 404
    # A file id under another article's id is not found.
    other = make_article(cast, owner=cast.org_a, visibility="public", created_by=cast.a_editor)
    assert reader.get(reverse("knowledge:file", args=[other.pk, image.pk])).status_code == 404
    reader = client_for(cast.b_viewer)
    assert reader.post(reverse("knowledge:file_delete", args=[article.pk, image.pk])).status_code == 403
    client = client_for(cast.a_editor)
    client.post(reverse("knowledge:file_delete", args=[article.pk, image.pk]))
    assert not ArticleFile.objects.filter(pk=image.pk).exists()


def test_disguised_upload_is_refused_with_a_message(cast, client_for):
    article = make_article(cast, owner=cast.org_a, created_by=cast.a_editor)
    fake = io.BytesIO(b"<script>alert(1)</script>")
    fake.name = "foto.png"
    response = client_for(cast.a_editor).post(
        reverse("knowledge:file_upload", args=[article.pk]), {"kind": "image", "file": fake}, follow=True
    )
    assert not ArticleFile.objects.exists()
    assert "foto.png" in response.content.decode()


def test_comments_by_readers_via_htmx(cast, client_for):
    article = make_article(
        cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_editor, shared_with=[cast.coop]
    )
    reader = client_for(cast.b_viewer)
    response = reader.post(
        reverse("knowledge:comment_add", args=[article.pk]),
        {"text": "Wie hoch waren die Kosten?"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Wie hoch waren die Kosten?" in response.content.decode()
    assert "<html" not in response.content.decode()
    comment = Comment.objects.get()
    assert comment.author == cast.b_viewer and comment.author_organisation is None or True
    empty = reader.post(
        reverse("knowledge:comment_add", args=[article.pk]), {"text": "  "}, HTTP_HX_REQUEST="true"
    )
    assert Comment.objects.count() == 1 and "alert" in empty.content.decode()
    # Only the author or the owner's admins delete a comment.
    assert (
        client_for(cast.a_editor)
        .post(reverse("knowledge:comment_delete", args=[article.pk, comment.pk]))
        .status_code
        == 403
    )
    client_for(cast.b_viewer).post(reverse("knowledge:comment_delete", args=[article.pk, comment.pk]))
    assert not Comment.objects.exists()
    assert (
        client_for(cast.z_admin)
        .post(reverse("knowledge:comment_add", args=[article.pk]), {"text": "x"})
        .status_code
        == 404
    )


def test_helpful_vote_toggles(cast, client_for):
    article = make_article(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    client = client_for(cast.z_admin)
    response = client.post(reverse("knowledge:helpful", args=[article.pk]), HTTP_HX_REQUEST="true")
    assert 'id="helpful-count">1<' in response.content.decode()
    client.post(reverse("knowledge:helpful", args=[article.pk]))
    article.refresh_from_db()
    assert article.helpful_count == 0
    client_for(cast.b_viewer).post(reverse("knowledge:helpful", args=[article.pk]))
    article.refresh_from_db()
    assert article.helpful_count == 1


def test_list_filters_by_tag_sdg_kind_and_text(cast, client_for):
    a = make_article(
        cast, owner=cast.org_a, visibility="platform", title="Grüngut Nalbach", kind="fact_sheet"
    )
    b = make_article(cast, owner=cast.org_a, visibility="platform", title="Personalstelle", kind="guide")
    make_article(cast, owner=cast.org_a, visibility="private", title="Geheim Grüngut")
    a.tags.set(Tag.for_names(["Grüngut"]))
    a.sdgs.set([12, 13])
    b.sdgs.set([13])
    client = client_for(cast.z_admin)

    def titles(**params):
        return [x.title for x in client.get(reverse("knowledge:list"), params).context["object_list"]]

    assert titles(tag="grungut") == ["Grüngut Nalbach"]
    assert sorted(titles(sdg=13)) == ["Grüngut Nalbach", "Personalstelle"]
    assert titles(sdg=12) == ["Grüngut Nalbach"]
    assert titles(kind="guide") == ["Personalstelle"]
    assert titles(q="grüngut") == ["Grüngut Nalbach"]
    response = client.get(reverse("knowledge:list"), {"q": "Personal"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and "Personalstelle" in response.content.decode()
    # Tag cloud counts only what the reader can see.
    cloud = client.get(reverse("knowledge:list")).context["tag_cloud"]
    assert [(name, n) for name, _slug, n in cloud] == [("Grüngut", 1)]


def test_anonymous_sees_public_articles_only(cast, client_for):
    make_article(cast, owner=cast.org_a, visibility="public", title="Öffentlich")
    make_article(cast, owner=cast.org_a, visibility="platform", title="Plattform")
    response = client_for(cast.anonymous).get(reverse("knowledge:list"))
    assert [a.title for a in response.context["object_list"]] == ["Öffentlich"]


def test_linked_cooperations_are_shown_only_to_those_who_see_them(cast, client_for):
    article = make_article(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    article.cooperations.set([cast.coop])
    assert cast.coop.name in client_for(cast.b_viewer).get(article.get_absolute_url()).content.decode()
    assert cast.coop.name not in client_for(cast.z_admin).get(article.get_absolute_url()).content.decode()


def test_foreign_cooperation_cannot_be_linked(cast, client_for):
    from ikonnekt.cooperations.models import Cooperation

    hidden = Cooperation.objects.create(
        name="Z intern", form="netzwerk", owner=cast.org_z, visibility="private"
    )
    response = client_for(cast.a_editor).post(
        reverse("knowledge:create"), article_post(cast, cooperations=[str(hidden.pk)])
    )
    assert response.status_code == 200 and not Article.objects.exists()


def test_delete_article(cast, client_for):
    article = make_article(cast, owner=cast.org_a, created_by=cast.a_editor)
    client_for(cast.a_editor).post(reverse("knowledge:delete", args=[article.pk]))
    assert not Article.objects.exists() and not ArticleRevision.objects.exists()


def test_dashboard_panel_lists_visible_articles_and_open_questions(cast, client_for):
    from tests.knowledge.factories import make_question

    make_article(cast, owner=cast.org_a, visibility="platform", title="Sichtbar im Dashboard")
    make_article(cast, owner=cast.org_a, visibility="private", title="Nicht im Dashboard")
    make_question(cast, owner=cast.org_a, visibility="platform", title="Offene Frage?")
    html = client_for(cast.z_admin).get(reverse("core:dashboard")).content.decode()
    assert "Sichtbar im Dashboard" in html and "Offene Frage?" in html
    assert "Nicht im Dashboard" not in html
