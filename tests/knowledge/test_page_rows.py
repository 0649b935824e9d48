"""The knowledge pages written in Python (issue #18): the article page's SDG, goal and tag sections
and the list rows' chips are the HTML the templates wrote, escaped, in both languages; the counts
and checks that ride along in the article's query; the question an article was made from only for
its readers; the article filter's form class built once."""

import pytest
from django.template import Context, Template
from django.utils import translation

from ikonnekt.cooperations.models import Cooperation, Goal
from ikonnekt.knowledge import display
from ikonnekt.knowledge.models import Article, ArticleRevision, HelpfulVote, Sdg, Tag
from tests.knowledge.factories import make_article, make_question

pytestmark = pytest.mark.django_db

# The sidebar as detail.html and knowledge/_tags.html wrote it before #18.
OLD_SIDEBAR = (
    "{% load i18n knowledge_tags %}"
    """{% if object.sdgs.all %}<h2 class="h6">{% translate "Sustainable Development Goals" %}</h2><div class="d-flex flex-column gap-1 mb-3" id="article-sdgs">{% for sdg in object.sdgs.all %}<a class="text-decoration-none" href="{% url 'knowledge:list' %}?sdg={{ sdg.number }}">{% sdg_badge_long sdg %}</a>{% endfor %}</div>{% endif %}
  {% if object.goals.all %}<h2 class="h6">{% translate "Goals served" %}</h2><ul class="list-unstyled small">{% for g in object.goals.all %}<li><span class="goal-dot" style="background: {{ g.colour }}"></span> <a href="{% url 'knowledge:list' %}?goal={{ g.key }}">{{ g }}</a></li>{% endfor %}</ul>{% endif %}
  {% if object.tags.all %}<h2 class="h6">{% translate "Tags" %}</h2><div class="mb-3">{% include "knowledge/_tags.html" with tags=object.tags.all %}</div>{% endif %}"""
)


def _new_sidebar(article):
    return display.article_sidebar(
        sdgs=article.sdgs.order_by("number").values_list("number", flat=True),
        goal_keys=article.goals.values_list("key", flat=True),
        tags=article.tags.values_list("name", "slug"),
    )


def _normalised(html):
    return " ".join(html.split())


@pytest.mark.parametrize("language", ["de", "en"])
def test_sidebar_is_the_old_template_output_and_escapes_tag_names(cast, language):
    article = make_article(cast, owner=cast.org_a, visibility="platform")
    article.sdgs.set(Sdg.objects.filter(number__in=[13, 7, 12]))
    article.goals.set(Goal.objects.filter(key__in=["resources", "administration"]))
    article.tags.set(
        [
            Tag.objects.create(name="<script>alert(1)</script>", slug="script"),
            Tag.objects.create(name="Wärme & Strom", slug="waerme-strom"),
            Tag.objects.create(name="a b", slug="a-b"),
        ]
    )
    with translation.override(language):
        old = Template(OLD_SIDEBAR).render(Context({"object": article}))
        new = _new_sidebar(article)
    assert _normalised(new) == _normalised(old)
    assert "<script>alert" not in new and "&lt;script&gt;alert(1)&lt;/script&gt;" in new
    assert "Wärme &amp; Strom" in new
    assert ("Sustainable Development Goals" in new) == (language == "en")


def test_empty_sidebar_is_empty(cast):
    article = make_article(cast, owner=cast.org_a)
    assert _new_sidebar(article) == ""


def test_page_shows_escaped_sidebar_links_cooperations_counts_and_vote(cast, client_for):
    article = make_article(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    article.tags.set([Tag.objects.create(name="<b>fett</b> & mehr", slug="fett")])
    article.sdgs.set(Sdg.objects.filter(number=7))
    article.links.create(label="<i>Plan</i>", url="https://example.org/?a=1&b=2")
    coop = Cooperation.objects.get(pk=cast.coop.pk)
    coop.name = "Grüngut <script>x</script>"
    coop.save(update_fields=["name"])
    article.cooperations.set([coop])
    ArticleRevision.objects.create(article=article, number=2, title=article.title, body="b")
    HelpfulVote.objects.create(article=article, user=cast.b_viewer)
    client = client_for(cast.b_viewer)
    html = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "&lt;b&gt;fett&lt;/b&gt; &amp; mehr" in html and "<b>fett" not in html
    assert 'href="/knowledge/?tag=fett"' in html and 'href="/knowledge/?sdg=7"' in html
    assert "&lt;i&gt;Plan&lt;/i&gt;" in html and 'href="https://example.org/?a=1&amp;b=2"' in html
    assert "Grüngut &lt;script&gt;x&lt;/script&gt;" in html and f'href="/cooperations/{coop.pk}/"' in html
    assert "2 revisions" in html and 'aria-pressed="true"' in html
    other = client_for(cast.a_viewer).get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert 'aria-pressed="false"' in other.content.decode()


def test_question_an_article_was_made_from_is_named_only_to_its_readers(cast, client_for):
    question = make_question(
        cast, owner=cast.org_a, visibility="private", title="Wer kompostiert <gemeinsam>?"
    )
    article = make_article(cast, owner=cast.org_a, visibility="platform", from_question=question)
    html = client_for(cast.a_viewer).get(article.get_absolute_url()).content.decode()
    assert "Wer kompostiert &lt;gemeinsam&gt;?" in html and question.get_absolute_url() in html
    html = client_for(cast.b_viewer).get(article.get_absolute_url()).content.decode()
    assert "Wer kompostiert" not in html and question.get_absolute_url() not in html


def test_detail_query_count_does_not_grow_with_sidebar_items(cast, client_for, django_assert_max_num_queries):
    article = make_article(cast, owner=cast.org_a, visibility="platform")
    article.tags.set([Tag.objects.create(name=f"t{i}", slug=f"t{i}") for i in range(5)])
    article.sdgs.set(Sdg.objects.all())
    for i in range(4):
        article.links.create(label=f"l{i}", url=f"/x/{i}/")
    client = client_for(cast.a_editor)
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(16):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert Article.objects.filter(pk=article.pk).exists()


def _old_chips(sdg_numbers, tags):
    """display.article_chips as it was written with format_html per chip (before #18's cache)."""
    from django.template.defaultfilters import urlencode
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    parts = [f"{display.sdg_badge(number)} " for number in sdg_numbers]
    parts.extend(
        format_html(
            '<a class="badge rounded-pill text-bg-light border tag-chip" href="?tag={}">{}</a>',
            urlencode(slug),
            name,
        )
        for name, slug in tags
    )
    return mark_safe("".join(parts))


@pytest.mark.parametrize("language", ["de", "en"])
def test_list_chips_escape_and_follow_the_language(language):
    tags = [("<script>x</script>", "a&b"), ("Wärme & Strom", 'w"s')]
    with translation.override(language):
        new = display.article_chips([7, 13], tags)
        assert new == _old_chips([7, 13], tags)
    assert "<script>x" not in new and "&lt;script&gt;x&lt;/script&gt;" in new and "Wärme &amp; Strom" in new
    other = "de" if language == "en" else "en"
    with translation.override(other):
        assert display.article_chips([7], []) != new.split("</span> ")[0] + "</span> "


def test_short_date_with_a_format_read_once_is_the_template_filter():
    from django.utils import timezone
    from django.utils.formats import get_format

    value = timezone.now()
    for language, expected in (("de", "%d.%m.%Y"), ("en", "%m/%d/%Y")):
        with translation.override(language):
            fmt = get_format("SHORT_DATE_FORMAT")
            assert (
                display.short_date(value, fmt)
                == display.short_date(value)
                == Template('{{ v|date:"SHORT_DATE_FORMAT" }}').render(Context({"v": value}))
            )
            assert display.short_date(value, fmt) == timezone.localtime(value).strftime(expected)


def test_article_filter_form_class_is_reused_but_forms_and_choices_are_fresh(cast):
    from ikonnekt.knowledge.filters import ArticleFilter
    from ikonnekt.organizations.models import Organisation

    first = ArticleFilter(None, queryset=Article.objects.all())
    first.form.fields["kind"].widget.attrs["class"] = "changed"
    new_org = Organisation.objects.create(name="Neue Gemeinde", slug="neue-gemeinde")
    second = ArticleFilter({"owner": str(new_org.pk)}, queryset=Article.objects.all())
    assert type(first.form) is type(second.form)
    assert second.form.fields["kind"].widget.attrs.get("class") != "changed"
    assert second.is_valid() and second.form.cleaned_data["owner"] == new_org
    with translation.override("en"):
        assert "Fact sheet" in str(ArticleFilter(None).form["kind"])
    with translation.override("de"):
        assert "Fact sheet" not in str(ArticleFilter(None).form["kind"])


def test_question_list_rows_count_answers_and_escape_sorted_tags(cast, client_for):
    from django.urls import reverse

    from ikonnekt.knowledge.models import Answer

    question = make_question(cast, owner=cast.org_a, visibility="platform", title="Frage <eins> & zwei")
    question.tags.set(
        [
            Tag.objects.create(name="Zebra", slug="zebra"),
            Tag.objects.create(name="<b>Alpha</b> & Co", slug="a&b"),
        ]
    )
    for text in ("a", "b"):
        Answer.objects.create(question=question, author=cast.a_editor, body=text)
    empty = make_question(cast, owner=cast.org_a, visibility="platform", title="Leer")
    response = client_for(cast.b_viewer).get(reverse("knowledge:questions"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert {q.pk: q.answer_count for q in response.context["object_list"]} == {question.pk: 2, empty.pk: 0}
    assert "Frage &lt;eins&gt; &amp; zwei" in html and "<b>Alpha" not in html
    alpha = 'href="?tag=a%26b">&lt;b&gt;Alpha&lt;/b&gt; &amp; Co</a>'
    assert alpha in html and html.index(alpha) < html.index('href="?tag=zebra">Zebra</a>')
    assert "2 answers" in html and "0 answers" in html


def test_question_page_tags_escaped_and_article_named_only_to_its_readers(cast, client_for):
    question = make_question(cast, owner=cast.org_a, visibility="platform")
    question.tags.set(
        [
            Tag.objects.create(name="Zebra", slug="zebra"),
            Tag.objects.create(name="<i>Alpha</i> & Co", slug="a&b"),
        ]
    )
    article = make_article(
        cast, owner=cast.org_a, visibility="private", title="Artikel <x>", from_question=question
    )
    html = client_for(cast.a_viewer).get(question.get_absolute_url()).content.decode()
    alpha = 'href="/knowledge/questions/?tag=a%26b">&lt;i&gt;Alpha&lt;/i&gt; &amp; Co</a>'
    assert alpha in html and html.index(alpha) < html.index('?tag=zebra">Zebra</a>')
    assert "Artikel &lt;x&gt;" in html and article.get_absolute_url() in html
    html = client_for(cast.b_viewer).get(question.get_absolute_url()).content.decode()
    assert "Artikel" not in html and alpha in html


# The rows of knowledge/_list_fragment.html before ``display.article_rows`` wrote them.
OLD_ARTICLE_LOOP = """{% load i18n ikonnekt %}{% for a in object_list %}
<div class="list-group-item">
  <div class="d-flex justify-content-between flex-wrap gap-2">
    <div><i class="bi bi-{{ a.icon }} kind-icon" title="{{ a.kind_label }}"></i> <a class="fw-semibold" href="{{ a.get_absolute_url }}">{{ a.title }}</a>
      <span class="badge text-bg-light border">{{ a.kind_label }}</span>
      {% if a.reviewed %}<span class="badge text-bg-success" title="{% translate 'Reviewed' %}"><i class="bi bi-patch-check"></i> {% translate "reviewed" %}</span>{% endif %}</div>
    <div class="small text-muted">{{ a.owner.name }} · {{ a.updated_label }} · <i class="bi bi-hand-thumbs-up"></i> {{ a.helpful_count }} {% visibility_badge a %}</div>
  </div>
  {% if a.summary %}<div class="small mt-1">{{ a.summary }}</div>{% endif %}
  <div class="mt-1">{{ a.chips_html }}</div>
</div>
{% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["de", "en"])
def test_article_rows_are_the_old_loop_output(cast, language):
    from ikonnekt.knowledge.views import ArticleList

    make_article(cast, owner=cast.org_a, visibility="platform", title="<b>Grüngut</b> & Co", summary="a < b")
    make_article(cast, owner=cast.org_b, visibility="public", title="Ohne Zusammenfassung", reviewed=True)
    make_article(cast, owner=cast.org_a, visibility="private", title="Privat", summary="")
    articles = list(Article.objects.select_related("owner").order_by("pk"))
    with translation.override(language):
        ArticleList._decorate(articles)
        old = Template(OLD_ARTICLE_LOOP).render(Context({"object_list": articles}))
        new = str(display.article_rows(articles))
    assert new == old
    assert "&lt;b&gt;Grüngut&lt;/b&gt; &amp; Co" in new and "<b>" not in new
