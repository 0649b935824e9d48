"""Bulk import of a folder (recursive) with an optional CSV sidecar of metadata.

Sidecar: ``metadata.csv`` (semicolon or comma separated, UTF-8) in the folder with the columns
``file`` (path relative to the folder) and any of ``title``, ``kind``, ``correspondent``,
``document_date`` (YYYY-MM-DD or DD.MM.YYYY), ``tags`` (comma separated). Every file is
checked on its own: a rejected file is reported and the rest of the batch is kept.
"""

import csv
import datetime
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ikonnekt.documents import actions, ingest
from ikonnekt.documents.models import File, Kind, Tag

SIDECAR = "metadata.csv"


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    errors: list = field(default_factory=list)

    def summary(self):
        return _("%(n)s imported, %(d)s duplicates skipped, %(e)s rejected.") % {
            "n": self.imported,
            "d": self.duplicates,
            "e": len(self.errors),
        }


def parse_date(value: str):
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def read_sidecar(folder: Path) -> dict:
    path = folder / SIDECAR
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,") if text.strip() else csv.excel
    rows = {}
    for row in csv.DictReader(text.splitlines(), dialect=dialect):
        key = (row.get("file") or "").strip()
        if key:
            rows[key] = {k.strip(): (v or "").strip() for k, v in row.items() if k}
    return rows


SORTED_OUT = {"done", "failed"}  # subfolders where move_done puts imported and rejected files


def _sort_out(folder: Path, rel: str, where: str) -> None:
    target = folder / where / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(folder / rel), target)


def import_folder(
    actor, folder, *, owner_id, file_id=None, progress=None, move_done=False, extract="job"
) -> ImportReport:
    folder = Path(folder)
    report = ImportReport()
    sidecar = read_sidecar(folder)
    target = File.objects.filter(pk=file_id).first() if file_id else None
    paths = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.name != SIDECAR and not set(p.relative_to(folder).parts[:1]) & SORTED_OUT
    )
    total = len(paths) or 1
    kinds = set(Kind.values)
    for i, path in enumerate(paths, start=1):
        rel = str(path.relative_to(folder))
        meta = sidecar.get(rel, {})
        try:
            if path.stat().st_size > ingest.max_upload_bytes():
                raise ingest.UploadRejected(_("“%(name)s” is larger than the upload limit.") % {"name": rel})
            data = path.read_bytes()
            tags = []
            for name in [t.strip() for t in meta.get("tags", "").split(",") if t.strip()]:
                tag, _c = Tag.objects.get_or_create(
                    owner_id=owner_id, name=name[:60], defaults={"created_by": actor.user}
                )
                tags.append(tag)
            actions.upload_document(
                actor,
                owner_id=owner_id,
                name=path.name,
                data=data,
                file=target,
                title=meta.get("title", ""),
                kind=meta.get("kind") if meta.get("kind") in kinds else "other",
                correspondent=meta.get("correspondent", ""),
                document_date=parse_date(meta.get("document_date", "")),
                tags=tags,
                extract=extract,
            )
            report.imported += 1
            if move_done:
                _sort_out(folder, rel, "done")
        except actions.DuplicateDocument:
            report.duplicates += 1
            if move_done:
                _sort_out(folder, rel, "done")
        except (ingest.UploadRejected, ValidationError, PermissionDenied, OSError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            report.errors.append(f"{rel}: {message}")
            if move_done:  # not tried again on the next pass; the reason is in the job's report
                _sort_out(folder, rel, "failed")
        if progress:
            progress(i * 100 / total, f"{i}/{total} {rel}"[:200])
    return report


def consume_once(root, account) -> list:
    """One pass over the consume folder: files in ``<root>/<organisation slug>/`` are imported
    for that organisation (as ``account``) and moved to ``done/`` there (rejected ones to
    ``failed/``, so they are not tried again). ``[(organisation,
    ImportReport)]`` of the folders that held files; folders of unknown slugs are left alone."""
    from ikonnekt.core.audit import Actor
    from ikonnekt.organizations.models import Organisation

    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(_("The consume folder %(path)s does not exist.") % {"path": root})
    reports = []
    for org_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        org = Organisation.objects.filter(slug=org_dir.name).first()
        if org is None or not any(
            p.is_file() for p in org_dir.rglob("*") if not set(p.relative_to(org_dir).parts[:1]) & SORTED_OUT
        ):
            continue
        report = import_folder(
            Actor.system(user=account, organisation=org), org_dir, owner_id=org.pk, move_done=True
        )
        reports.append((org, report))
    return reports
