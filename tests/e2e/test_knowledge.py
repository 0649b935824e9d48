"""E2E: a Nalbach editor writes an article with the live Markdown preview, shares it with the
KONNEKT transfer cooperation; an Erfurt viewer finds it through the global search and reads it."""

import re

import pytest
from django.core.management import call_command

from ikonnekt.knowledge.models import Article

PASSWORD = "Konnekt-Demo-2026"


@pytest.mark.django_db(transaction=True)
def test_write_share_and_find_article(page, sign_in, live_server):
    from playwright.sync_api import expect

    call_command("load_demo", "--only", "knowledge", stdout=open("/dev/null", "w"))

    # GIVEN the Nalbach editor writes an article
    sign_in("nalbach-editor", PASSWORD)
    page.goto("/knowledge/")
    expect(page.locator("#article-list")).to_contain_text("Personalstelle")
    page.goto("/knowledge/new/")
    page.fill("#id_title", "Streuobstwiesen-Patenschaften in Nalbach")
    page.select_option("#id_kind", "good_practice")
    page.fill("#id_tag_names", "Streuobst, Ehrenamt")
    page.fill("#id_summary", "Bürgerinnen übernehmen die Pflege gemeindeeigener Obstbäume.")
    page.locator("#id_body").fill("## Ablauf\n\nPatenschaft für **drei Jahre**.\n\n<script>alert(1)</script>")
    page.locator("#id_body").press("End")
    # THEN the htmx preview shows the rendered, sanitised Markdown
    preview = page.locator("#markdown-preview")
    expect(preview.locator("h2")).to_have_text("Ablauf")
    expect(preview.locator("strong")).to_have_text("drei Jahre")
    expect(preview.locator("script")).to_have_count(0)
    page.locator("#id_sdgs input[value='15']").check()
    # AND it is shared with the transfer cooperation
    page.select_option("#id_visibility", "cooperation")
    page.locator("#id_shared_with label", has_text="KONNEKT-Transfer").locator("input").check()
    page.click("#article-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Streuobstwiesen-Patenschaften")
    expect(page.locator("#article-sdgs")).to_contain_text("SDG 15")
    article = Article.objects.get(title="Streuobstwiesen-Patenschaften in Nalbach")
    assert [c.name for c in article.shared_with.all()][0].startswith("KONNEKT-Transfer")

    # WHEN a viewer from Erfurt (transfer municipality) searches for it
    sign_in("erfurt-viewer", PASSWORD)
    page.fill("input.nav-search", "Streuobstwiesen")
    page.press("input.nav-search", "Enter")
    page.get_by_role("link", name=re.compile("Streuobstwiesen-Patenschaften")).click()
    # THEN she reads it, can vote it helpful, but cannot edit it
    expect(page.locator("#article-body strong")).to_have_text("drei Jahre")
    expect(page.locator("a[href$='/edit/']")).to_have_count(0)
    page.locator("#helpful-form button").click()
    expect(page.locator("#helpful-count")).to_have_text("1")

    # AND a municipality outside the cooperation does not find it
    sign_in("bous-viewer", PASSWORD)
    page.goto("/search/?q=Streuobstwiesen")
    expect(page.get_by_role("link", name=re.compile("Streuobstwiesen-Patenschaften"))).to_have_count(0)
    assert page.goto(f"/knowledge/{article.pk}/").status == 404
