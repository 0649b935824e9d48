"""ZIP export of a file or a set of documents: originals of every version, a manifest
(CSV + JSON: metadata, checksums, versions) and, for a file, an XML following the structure of
xdomea (Akte → Vorgang → Dokument → Version). ``read_package`` reads such a ZIP back.
"""

import hashlib
import io
import json
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

from django.utils import timezone
from django.utils.translation import gettext as _

NS = "urn:ikonnekt:xdomea-like:1"
MANIFEST_FIELDS = [
    "document_id",
    "title",
    "kind",
    "correspondent",
    "document_date",
    "received_date",
    "tags",
    "file_reference",
    "case",
    "version",
    "file_name",
    "path",
    "mime_type",
    "size",
    "sha256",
    "uploaded",
    "uploaded_by",
    "comment",
]


def _version_path(doc, version):
    safe = version.original_name.replace("/", "_")
    return f"dokumente/{doc.pk}/v{version.number}_{safe}"


def manifest_rows(documents):
    rows = []
    for doc in documents:
        for version in sorted(doc.versions.all(), key=lambda v: v.number):
            rows.append(
                {
                    "document_id": doc.pk,
                    "title": doc.title,
                    "kind": doc.kind,
                    "correspondent": doc.correspondent,
                    "document_date": doc.document_date.isoformat() if doc.document_date else "",
                    "received_date": doc.received_date.isoformat() if doc.received_date else "",
                    "tags": ", ".join(t.name for t in doc.tags.all()),
                    "file_reference": doc.file.reference if doc.file_id else "",
                    "case": doc.case.reference if doc.case_id else "",
                    "version": version.number,
                    "file_name": version.original_name,
                    "path": _version_path(doc, version),
                    "mime_type": version.mime_type,
                    "size": version.size,
                    "sha256": version.sha256,
                    "uploaded": version.created_at.isoformat(),
                    "uploaded_by": version.created_by.get_username() if version.created_by_id else "",
                    "comment": version.comment,
                }
            )
    return rows


def xdomea_xml(file, documents) -> bytes:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}Aussonderung", {"erstellt": timezone.now().isoformat()})
    akte = ET.SubElement(root, f"{{{NS}}}Akte")
    for tag, value in [
        ("Aktenzeichen", file.reference),
        ("Titel", file.title),
        ("Aktenplaneinheit", str(file.subject)),
        ("Status", file.status),
        ("Federfuehrung", file.responsible),
        ("Eigentuemer", file.owner.name),
        ("Aufbewahrung", str(file.effective_retention or "")),
    ]:
        ET.SubElement(akte, f"{{{NS}}}{tag}").text = value
    containers = {None: akte}
    for case in file.cases.all():
        vorgang = ET.SubElement(akte, f"{{{NS}}}Vorgang", {"nummer": str(case.number)})
        ET.SubElement(vorgang, f"{{{NS}}}Aktenzeichen").text = case.reference
        ET.SubElement(vorgang, f"{{{NS}}}Titel").text = case.title
        containers[case.pk] = vorgang
    for doc in documents:
        el = ET.SubElement(containers.get(doc.case_id, akte), f"{{{NS}}}Dokument", {"id": str(doc.pk)})
        for tag, value in [
            ("Titel", doc.title),
            ("Typ", doc.kind),
            ("Korrespondenz", doc.correspondent),
            ("Datum", doc.document_date.isoformat() if doc.document_date else ""),
            ("Eingang", doc.received_date.isoformat() if doc.received_date else ""),
            ("Schlagworte", ", ".join(t.name for t in doc.tags.all())),
        ]:
            ET.SubElement(el, f"{{{NS}}}{tag}").text = value
        for version in sorted(doc.versions.all(), key=lambda v: v.number):
            v = ET.SubElement(el, f"{{{NS}}}Version", {"nummer": str(version.number)})
            ET.SubElement(v, f"{{{NS}}}Dateiname").text = version.original_name
            ET.SubElement(v, f"{{{NS}}}Pfad").text = _version_path(doc, version)
            ET.SubElement(v, f"{{{NS}}}Format").text = version.mime_type
            ET.SubElement(v, f"{{{NS}}}Pruefsumme", {"algorithmus": "SHA-256"}).text = version.sha256
            ET.SubElement(v, f"{{{NS}}}Erstellt").text = version.created_at.isoformat()
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def build_package(documents, file=None) -> bytes:
    """The ZIP as bytes (documents: a list with versions, tags, file and case loaded)."""
    documents = list(documents)
    rows = manifest_rows(documents)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for doc in documents:
            for version in doc.versions.all():
                with version.file.open("rb") as fh:
                    zf.writestr(_version_path(doc, version), fh.read())
        from ikonnekt.core import tabular

        # the shared writer neutralises formulas in titles, names and comments (issue #20)
        manifest = tabular.csv_text([MANIFEST_FIELDS] + [[row[f] for f in MANIFEST_FIELDS] for row in rows])
        zf.writestr("manifest.csv", manifest)
        meta = {
            "format": "ikonnekt-dms-export",
            "version": 1,
            "created": timezone.now().isoformat(),
            "file": {
                "reference": file.reference,
                "title": file.title,
                "subject": file.subject.code,
                "subject_title": file.subject.title,
                "status": file.status,
                "responsible": file.responsible,
                "cases": [{"number": c.number, "title": c.title} for c in file.cases.all()],
            }
            if file
            else None,
            "documents": rows,
        }
        zf.writestr("manifest.json", json.dumps(meta, ensure_ascii=False, indent=2))
        if file is not None:
            zf.writestr("xdomea.xml", xdomea_xml(file, documents))
    return out.getvalue()


class PackageError(ValueError):
    pass


def _manifest_error(index, field, problem):
    return PackageError(
        _("manifest.json, document row %(row)s, field “%(field)s”: %(problem)s")
        % {"row": index, "field": field, "problem": problem}
    )


def _check_manifest(meta) -> None:
    """The manifest's shape, field by field, so that a bad package answers which row and field is
    wrong instead of failing half-way through the import."""
    if not isinstance(meta, dict):
        raise PackageError(_("manifest.json must hold an object (with “format” and “documents”)."))
    if meta.get("format") != "ikonnekt-dms-export":
        raise PackageError(_("Unknown export format."))
    rows = meta.get("documents", [])
    if not isinstance(rows, list):
        raise PackageError(_("manifest.json: “documents” must be a list of document rows."))
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise PackageError(
                _("manifest.json, document row %(row)s: expected an object with fields, found %(found)s.")
                % {"row": index, "found": type(row).__name__}
            )
        for field in ("document_id", "version"):
            value = row.get(field)
            if value is None or value == "":
                raise _manifest_error(index, field, _("missing"))
            if isinstance(value, bool) or not (
                isinstance(value, int) or (isinstance(value, str) and value.isdigit())
            ):
                raise _manifest_error(index, field, _("must be a whole number"))
        for field in ("path", "file_name", "sha256"):
            if not isinstance(row.get(field), str) or not row.get(field):
                raise _manifest_error(index, field, _("missing or not a text"))
        for field in ("title", "kind", "correspondent", "document_date", "received_date", "tags", "case"):
            if not isinstance(row.get(field, ""), str):
                raise _manifest_error(index, field, _("must be a text"))
        if not isinstance(row.get("comment", ""), str):
            raise _manifest_error(index, "comment", _("must be a text"))
    info = meta.get("file")
    if info is None:
        return
    if not isinstance(info, dict):
        raise PackageError(_("manifest.json: “file” must be an object."))
    for field in ("subject", "title", "reference"):
        if not isinstance(info.get(field), str) or not info.get(field):
            raise PackageError(
                _("manifest.json, file: field “%(field)s” is missing or not a text.") % {"field": field}
            )
    cases = info.get("cases", [])
    if not isinstance(cases, list) or not all(
        isinstance(c, dict)
        and isinstance(c.get("number"), int)
        and not isinstance(c.get("number"), bool)
        and isinstance(c.get("title"), str)
        for c in cases
    ):
        raise PackageError(_("manifest.json, file: “cases” must be a list of objects with number and title."))


def _check_xdomea(archive) -> None:
    """An xdomea-like XML is parsed with a parser that refuses DTDs and entities."""
    from ikonnekt.core.safexml import UnsafeXML, parse

    try:
        parse(archive.read("xdomea.xml", limit=50 * 1024 * 1024))
    except UnsafeXML as exc:
        raise PackageError(_("xdomea.xml: %(reason)s") % {"reason": exc}) from exc


def read_package(data: bytes):
    """``(meta, {path: bytes})`` of an export ZIP; checks sizes (ZIP bombs), the manifest's shape
    and every checksum. Raises :class:`PackageError` with a German message."""
    from ikonnekt.core import archives

    try:
        archive = archives.open_archive(data, archives.PACKAGE)
    except archives.ArchiveRejected as exc:
        raise PackageError(str(exc)) from exc
    with archive:
        names = Counter(archive.namelist())
        twice = sorted(name for name, count in names.items() if count > 1)
        if twice:  # readers disagree on which copy counts: refuse instead of guessing
            raise PackageError(
                _("The ZIP holds %(path)s more than once; it may have been altered.") % {"path": twice[0]}
            )
        if "manifest.json" not in names:
            raise PackageError(_("The ZIP has no manifest.json; only iKonnekt exports can be imported."))
        try:
            meta = json.loads(archive.read("manifest.json", limit=50 * 1024 * 1024))
        except archives.ArchiveRejected as exc:
            raise PackageError(str(exc)) from exc
        except (ValueError, RecursionError) as exc:
            raise PackageError(_("manifest.json is not valid JSON.")) from exc
        _check_manifest(meta)
        if "xdomea.xml" in names:
            _check_xdomea(archive)
        files = {}
        for row in meta.get("documents", []):
            path = row["path"]
            if path not in names:
                raise PackageError(
                    _("%(path)s is listed in the manifest but missing in the ZIP.") % {"path": path}
                )
            try:
                content = archive.read(path)
            except archives.ArchiveRejected as exc:
                raise PackageError(str(exc)) from exc
            if hashlib.sha256(content).hexdigest() != row.get("sha256"):
                raise PackageError(
                    _("The checksum of %(path)s does not match the manifest.") % {"path": path}
                )
            files[path] = content
    return meta, files


def import_package(actor, data: bytes, *, owner_id, subject=None):
    """Re-create the exported file (if any, under ``subject``), its cases, documents and every
    version, all or nothing. Returns ``(file_or_None, [documents])``."""
    from django.db import transaction

    from ikonnekt.documents import actions
    from ikonnekt.documents.importer import parse_date
    from ikonnekt.documents.models import File, Kind, Subject, Tag

    meta, files = read_package(data)
    docs = {}
    for row in meta["documents"]:
        docs.setdefault(row["document_id"], []).append(row)
    with transaction.atomic():
        file = None
        cases = {}
        if meta.get("file"):
            info = meta["file"]
            subject = subject or Subject.objects.filter(owner_id=owner_id, code=info["subject"]).first()
            if subject is None:
                raise PackageError(
                    _("The filing plan has no subject %(code)s; create it or choose a subject.")
                    % {"code": info["subject"]}
                )
            file = actions.create_file(
                actor,
                File(
                    owner_id=owner_id,
                    subject=subject,
                    title=info["title"],
                    responsible=info.get("responsible", ""),
                    description=_("Imported from %(ref)s") % {"ref": info["reference"]},
                    created_by=actor.user,
                ),
            )
            for c in info.get("cases", []):  # shape checked in _check_manifest
                cases[c["number"]] = actions.create_case(actor, file, c["title"])
        created = []
        for _doc_id, rows in docs.items():
            rows.sort(key=lambda r: int(r["version"]))
            first = rows[0]
            case_no = first.get("case", "").rsplit("/", 1)[-1]
            tags = [
                Tag.objects.get_or_create(
                    owner_id=owner_id, name=t.strip()[:60], defaults={"created_by": actor.user}
                )[0]
                for t in first.get("tags", "").split(",")
                if t.strip()
            ]
            doc = actions.upload_document(
                actor,
                owner_id=owner_id,
                name=first["file_name"],
                data=files[first["path"]],
                file=file,
                case=cases.get(int(case_no)) if case_no.isdigit() else None,
                title=first["title"],
                kind=first["kind"] if first["kind"] in Kind.values else "other",
                correspondent=first.get("correspondent", ""),
                document_date=parse_date(first.get("document_date", "")),
                received_date=parse_date(first.get("received_date", "")),
                tags=tags,
                comment=first.get("comment", ""),
                allow_duplicate=True,
            )
            for row in rows[1:]:
                actions.add_version(
                    actor, doc, row["file_name"], files[row["path"]], comment=row.get("comment", "")
                )
            created.append(doc)
    return file, created
