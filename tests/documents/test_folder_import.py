"""Bulk import of a folder (command, with a CSV sidecar) and the consume folder (periodic job)."""

import pytest
from django.core.management import CommandError, call_command

from ikonnekt.core import jobs
from ikonnekt.core.models import Job, JobStatus
from ikonnekt.documents.models import Document
from ikonnekt.documents.pdfgen import make_pdf

pytestmark = pytest.mark.django_db


def write_pdf(path, title):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(make_pdf(title, [f"{title}: Grünschnitt der Gemeinde."]))


def test_import_documents_reads_the_sidecar_and_keeps_the_rest_of_a_bad_batch(cast, tmp_path, capsys):
    write_pdf(tmp_path / "protokoll.pdf", "Protokoll")
    write_pdf(tmp_path / "2026" / "bericht.pdf", "Bericht")
    (tmp_path / "programm.exe").write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    (tmp_path / "metadata.csv").write_text(
        "file;title;kind;correspondent;document_date;tags\n"
        "protokoll.pdf;Niederschrift Arbeitskreis;minutes;Kreisstadt Saarlouis;15.03.2026;Grüngut, AK\n",
        encoding="utf-8",
    )
    call_command(
        "import_documents",
        str(tmp_path),
        "--owner",
        cast.org_a.slug,
        "--user",
        cast.a_editor.username,
        "-v",
        "0",
    )
    out = capsys.readouterr().out
    assert "programm.exe" in out  # the rejected file is named; the others were imported
    minutes = Document.objects.get(title="Niederschrift Arbeitskreis")
    assert minutes.kind == "minutes" and minutes.correspondent == "Kreisstadt Saarlouis"
    assert str(minutes.document_date) == "2026-03-15"
    assert sorted(t.name for t in minutes.tags.all()) == ["AK", "Grüngut"]
    assert Document.objects.filter(owner=cast.org_a).count() == 2


def test_import_documents_refuses_unknown_owner(cast, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_documents", str(tmp_path), "--owner", "gibt-es-nicht", "--user", "x")


@pytest.fixture
def consume(settings, tmp_path, cast):
    settings.DOCUMENTS_CONSUME_DIR = str(tmp_path)
    settings.DOCUMENTS_CONSUME_USER = cast.a_editor.username
    settings.JOBS_DAILY = False
    return tmp_path


def test_the_job_runner_imports_the_consume_folder(cast, consume):
    write_pdf(consume / cast.org_a.slug / "eingang.pdf", "Eingang")
    (consume / cast.org_a.slug / "kaputt.pdf").write_bytes(b"%PDF-1.4 kaputt")
    write_pdf(consume / "unbekannt" / "fremd.pdf", "Fremd")
    [queued] = jobs.enqueue_due()
    assert queued.kind == "documents.consume" and queued.created_by == cast.a_editor  # on their jobs page
    jobs.run_pending()
    job = Job.objects.get(pk=queued.pk)
    assert job.status == JobStatus.DONE, job.error
    assert Document.objects.filter(owner=cast.org_a, title__icontains="Eingang").count() == 1
    assert (consume / cast.org_a.slug / "done" / "eingang.pdf").exists()
    assert (consume / cast.org_a.slug / "failed" / "kaputt.pdf").exists()  # not tried again
    assert (consume / "unbekannt" / "fremd.pdf").exists()  # no such organisation: left alone
    assert len(job.result["errors"]) == 1 and "kaputt.pdf" in job.result["errors"][0]
    # the next pass finds nothing new
    job.created_at = job.created_at.replace(year=job.created_at.year - 1)
    job.save(update_fields=["created_at"])
    jobs.enqueue_due()
    jobs.run_pending()
    assert Document.objects.filter(owner=cast.org_a).count() == 1


def test_a_consume_folder_with_an_unknown_user_fails_with_a_message(cast, consume, settings):
    settings.DOCUMENTS_CONSUME_USER = "niemand"
    write_pdf(consume / cast.org_a.slug / "eingang.pdf", "Eingang")
    [queued] = jobs.enqueue_due()
    jobs.run_pending()
    job = Job.objects.get(pk=queued.pk)
    assert job.status == JobStatus.FAILED and "niemand" in job.message
    assert (consume / cast.org_a.slug / "eingang.pdf").exists()


def test_a_missing_consume_folder_fails_with_a_message(cast, consume, settings):
    settings.DOCUMENTS_CONSUME_DIR = str(consume / "fehlt")
    [queued] = jobs.enqueue_due()
    jobs.run_pending()
    job = Job.objects.get(pk=queued.pk)
    assert job.status == JobStatus.FAILED and "fehlt" in job.message
