"""GIVEN the demo DMS, WHEN a Nalbach clerk drops two files (one good PDF, one unsupported file)
onto the upload page, THEN the PDF is stored with per-file progress, the bad file is explained,
and the new document is found by German full-text search (stemming, umlaut folding), while a
user of an uninvolved municipality does not find it."""

import pytest
from django.conf import settings
from django.core.management import call_command

from ikonnekt.documents.pdfgen import make_pdf


@pytest.mark.django_db(transaction=True)
def test_upload_and_find_a_document(page, sign_in, live_server, tmp_path):
    call_command("load_demo", "--only", "documents", verbosity=0)
    good = tmp_path / "Protokoll_Baumschnitt.pdf"
    good.write_bytes(
        make_pdf(
            "Protokoll Baumschnitt Nalbach",
            [
                "Die Gemeinde beschließt den Rückschnitt der Straßenbäume und die Verwertung des Schnittguts als Hackschnitzel."
            ],
        )
    )
    bad = tmp_path / "programm.exe"
    bad.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)

    sign_in("nalbach-editor", settings.DEMO_PASSWORD)
    page.goto("/documents/upload/")
    page.set_input_files("#file-input", [str(good), str(bad)])
    page.locator(".upload-ok").first.wait_for()
    page.locator(".upload-error").first.wait_for()
    assert "nicht unterstützten" in page.locator(".upload-error .upload-message").inner_text()
    page.click(".upload-ok .upload-message a")
    page.wait_for_selector("#document-title")
    assert "Rückschnitt" in page.locator("#document-text").inner_text()

    # global search from the header: plural, umlaut-free spelling
    page.fill("input[type=search][name=q]", "Strassenbaeume Hackschnitzel")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-hits")
    hit = page.locator(".search-hit", has_text="Protokoll Baumschnitt")
    assert hit.count() == 1
    assert hit.locator("mark").count() >= 1
    # a search word in the title puts the hit before hits with the word only in the text
    page.goto("/search/?q=Baumschnitt")
    page.wait_for_selector("#search-hits")
    assert "Baumschnitt" in page.locator(".search-hit a.fw-semibold").first.inner_text()

    # shared demo file of the cooperation is visible to Saarlouis, the new private one is not
    sign_in("saarlouis-editor", settings.DEMO_PASSWORD)
    page.goto("/search/?q=Baumschnitt")
    page.wait_for_selector("#search-total")
    assert page.locator(".search-hit", has_text="Protokoll Baumschnitt").count() == 0
    page.goto("/search/?q=Arbeitskreis+Gruengut")
    page.wait_for_selector("#search-hits")
    assert page.locator(".search-hit", has_text="Niederschrift").count() >= 1
