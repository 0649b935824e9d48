"""Background jobs of the DMS: text extraction, checksum verification, folder import, the
consume folder and the daily trash purge (the last two periodic)."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikonnekt.core.jobs import job, periodic
from ikonnekt.documents import extraction
from ikonnekt.documents.models import Document, Extraction, Version

log = logging.getLogger(__name__)


def process_version(version_id: int, progress=None) -> str | None:
    """Read text (OCR where needed) and make the preview of one version; idempotent, and a
    vanished version is skipped."""
    version = Version.objects.select_related("document").filter(pk=version_id).first()
    if version is None:
        return None
    with version.file.open("rb") as fh:
        data = fh.read()
    if progress:
        progress(10, _("Reading text"))
    try:
        result = extraction.extract(data, version.mime_type)
        status = Extraction.OCR if result.ocr else Extraction.DONE
        if result.ocr_missing:
            status = Extraction.OCR_UNAVAILABLE
        elif not result.text.strip():
            status = Extraction.NO_TEXT
    except Exception:  # a broken file must not stop the queue; the status says what happened
        log.exception("Text extraction failed for version %s", version_id)
        result, status = extraction.Extracted(""), Extraction.FAILED
    if progress:
        progress(70, _("Making the preview"))
    thumb = None
    try:
        thumb = extraction.thumbnail(data, version.mime_type)
    except Exception:
        log.exception("Preview failed for version %s", version_id)
    version.text = result.text
    if thumb and not version.thumbnail:
        version.thumbnail.save(f"{version.sha256}.png", ContentFile(thumb), save=False)
    version.save(update_fields=["text", "thumbnail"])
    document = Document.objects.filter(pk=version.document_id).first()
    if document is not None and document.versions.order_by("-number").first().pk == version.pk:
        document.content = result.text
        document.extraction = status
        if result.pages:
            document.page_count = result.pages
        document.save(update_fields=["content", "extraction", "page_count", "updated_at"])
    return status


@job("documents.extract")
def extract_job(job_row, version_id):
    status = process_version(version_id, progress=job_row.set_progress)
    if status is None:
        return {"message": _("The version no longer exists.")}
    version = Version.objects.filter(pk=version_id).first()
    return {
        "message": str(Extraction(status).label),
        "url": version.document.get_absolute_url() if version else "",
    }


@job("documents.verify_files")
def verify_job(job_row):
    from ikonnekt.documents.integrity import verify_all

    report = verify_all(progress=job_row.set_progress)
    return {
        "message": _("%(ok)s files intact, %(missing)s missing, %(altered)s altered.")
        % {"ok": report.ok, "missing": len(report.missing), "altered": len(report.altered)},
        "missing": report.missing,
        "altered": report.altered,
    }


@job("documents.import_folder")
def import_folder_job(job_row, folder, owner_id, username, file_id=None, move_done=False):
    from django.contrib.auth import get_user_model

    from ikonnekt.core.audit import Actor
    from ikonnekt.documents.importer import import_folder

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return {"message": _("The user no longer exists.")}
    report = import_folder(
        Actor.system(user=user),
        folder,
        owner_id=owner_id,
        file_id=file_id,
        progress=job_row.set_progress,
        move_done=move_done,
    )
    return {"message": report.summary(), "errors": report.errors[:200]}


@job("documents.purge_trash")
def purge_job(job_row):
    from ikonnekt.documents.actions import purge_expired_trash

    return {"message": _("%(n)s documents purged from the trash.") % {"n": purge_expired_trash()}}


@job("documents.consume")
def consume_job(job_row, folder, username):
    from django.contrib.auth import get_user_model

    from ikonnekt.documents.importer import consume_once

    account = get_user_model().objects.filter(username=username, is_active=True).first()
    if account is None:
        raise LookupError(
            _("DOCUMENTS_CONSUME_USER “%(name)s” is not an active user; nothing was imported.")
            % {"name": username}
        )
    reports = consume_once(folder, account)
    errors = [error for _org, report in reports for error in report.errors]
    imported = sum(report.imported for _org, report in reports)
    return {
        "message": _("%(n)s documents imported from the consume folder, %(e)s rejected.")
        % {"n": imported, "e": len(errors)},
        "folders": {org.slug: report.summary() for org, report in reports},
        "errors": errors[:200],
    }


def _consume_params():
    if settings.DOCUMENTS_CONSUME_DIR and settings.DOCUMENTS_CONSUME_USER:
        return {"folder": settings.DOCUMENTS_CONSUME_DIR, "username": settings.DOCUMENTS_CONSUME_USER}
    return None


def _consume_actor():
    """The consume user: the job and its report appear on that user's jobs page."""
    from django.contrib.auth import get_user_model

    from ikonnekt.core.audit import Actor

    user = get_user_model().objects.filter(username=settings.DOCUMENTS_CONSUME_USER).first()
    return Actor.system(user=user) if user else None


periodic(
    "documents.consume",
    seconds=lambda: settings.DOCUMENTS_CONSUME_SECONDS,
    params=_consume_params,
    label=gettext_lazy("Consume folder"),
    actor=_consume_actor,
)
periodic(
    "documents.purge_trash",
    seconds=lambda: 24 * 3600,
    params=lambda: {} if settings.JOBS_DAILY else None,
    label=gettext_lazy("Purge the trash"),
)
