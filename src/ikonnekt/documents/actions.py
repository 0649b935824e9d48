"""Every change in the DMS: permission check + write + audit in one transaction.

Pages, the API, the importers and jobs call these functions, never the models directly.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ikonnekt.core import actions as core_actions
from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.jobs import enqueue
from ikonnekt.core.sharing import Role, Visibility, ensure_can_create, has_role, validate_sharing
from ikonnekt.documents import ingest, references
from ikonnekt.documents.models import (
    TRASH_DAYS,
    Case,
    DisposalState,
    Document,
    DocumentLink,
    File,
    FileStatus,
    FilingSettings,
    MetadataField,
    Version,
)
from ikonnekt.organizations.actions import ensure_org_admin


class DuplicateDocument(ValidationError):
    """The same content (SHA-256) is already stored in a document the user can see."""

    def __init__(self, existing: Document, name: str):
        self.existing = existing
        super().__init__(
            _(
                "“%(name)s” is already stored as “%(title)s”. Link the existing document instead of storing it twice."
            )
            % {"name": name, "title": existing.title}
        )


def _is_admin(user, org_id) -> bool:
    return has_role(user, org_id, roles={Role.ADMIN})


# --- files --------------------------------------------------------------------------------------
def assign_reference(file: File) -> None:
    """Give a new file its reference from the owner's pattern (inside the caller's transaction)."""
    settings_row, _created = FilingSettings.objects.select_for_update().get_or_create(
        organisation_id=file.owner_id
    )
    pattern = settings_row.reference_pattern
    org_code = references.org_code(file.owner)
    year = timezone.localdate().year
    existing = list(
        File.objects.filter(owner_id=file.owner_id, subject_id=file.subject_id).values_list(
            "reference", flat=True
        )
    )
    seq = references.next_sequence(existing, pattern, org=org_code, subject=file.subject.code, year=year)
    file.reference = references.format_reference(
        pattern, org=org_code, subject=file.subject.code, year=year, seq=seq
    )


def create_file(actor: Actor, file: File, shared_with=None) -> File:
    if file.subject.owner_id != file.owner_id:
        raise ValidationError({"subject": _("Choose a subject of the owner organisation's filing plan.")})

    def save():
        assign_reference(file)
        file.save()
        if shared_with is not None:
            file.shared_with.set(shared_with)
        return file

    return core_actions.create_object(actor, file.owner_id, save)


@transaction.atomic
def close_file(actor: Actor, file: File) -> File:
    file = File.objects.select_for_update().get(pk=file.pk)
    if not file.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    if file.is_closed:
        raise ValidationError(_("The file is already closed."))
    file.status, file.closed_at = FileStatus.CLOSED, timezone.now()
    file.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, file, changes={"status": ["open", "closed"]})
    return file


@transaction.atomic
def reopen_file(actor: Actor, file: File) -> File:
    file = File.objects.select_for_update().get(pk=file.pk)
    if not _is_admin(actor.user, file.owner_id):
        raise PermissionDenied(_("Only administrators of the owner may reopen a closed file."))
    if not file.is_closed:
        raise ValidationError(_("The file is open."))
    file.status, file.closed_at = FileStatus.OPEN, None
    file.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, file, changes={"status": ["closed", "open"], "reopened": True})
    return file


@transaction.atomic
def set_legal_hold(actor: Actor, obj, hold: bool):
    if not _is_admin(actor.user, obj.owner_id):
        raise PermissionDenied(_("Only administrators of the owner may set or lift a legal hold."))
    obj.legal_hold = hold
    obj.save(update_fields=["legal_hold", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, obj, changes={"legal_hold": [not hold, hold]})
    return obj


@transaction.atomic
def create_case(actor: Actor, file: File, title: str) -> Case:
    if not file.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    if file.is_closed:
        raise ValidationError(_("The file is closed; an administrator must reopen it first."))
    number = (Case.objects.filter(file=file).aggregate(m=Max("number"))["m"] or 0) + 1
    case = Case.objects.create(file=file, number=number, title=title)
    audit.record(actor, AuditAction.CREATE, file, changes={"case": case.reference, "title": title})
    return case


# --- documents and versions -------------------------------------------------------------------
def _check_target(actor, file, case):
    if case is not None:
        if file is None:
            file = case.file
        elif case.file_id != file.pk:
            raise ValidationError({"case": _("The case does not belong to the chosen file.")})
    if file is not None:
        file = File.objects.get(pk=file.pk)  # the stored status counts, not a stale copy
        if not file.can_edit(actor.user):
            raise PermissionDenied(_("You may not add documents to this file."))
        if file.is_closed:
            raise ValidationError(
                {
                    "file": _(
                        "The file “%(ref)s” is closed; new documents and versions are refused until an administrator reopens it."
                    )
                    % {"ref": file.reference}
                }
            )
    return file, case


def find_duplicate(user, sha256: str):
    return Document.objects.visible_to(user).active().filter(versions__sha256=sha256).order_by("pk").first()


def _store_version(document, checked: ingest.Checked, data: bytes, actor, comment: str) -> Version:
    number = (document.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = Version(
        document=document,
        number=number,
        original_name=checked.name,
        mime_type=checked.mime_type,
        size=checked.size,
        sha256=checked.sha256,
        comment=comment[:300],
        created_by=actor.user if actor.user and actor.user.pk else None,
    )
    version.file.save(checked.name, ContentFile(data), save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    return version


def _after_commit_extract(version, actor, extract):
    if extract == "inline":
        from ikonnekt.documents.tasks import process_version

        process_version(version.pk)
    elif extract:
        enqueue(
            "documents.extract",
            actor=actor,
            label=_("Read text of “%(name)s”") % {"name": version.original_name},
            version_id=version.pk,
        )


def upload_document(
    actor: Actor,
    *,
    owner_id: int,
    name: str,
    data: bytes,
    file: File | None = None,
    case: Case | None = None,
    title: str = "",
    kind: str = "other",
    correspondent: str = "",
    document_date: datetime.date | None = None,
    received_date: datetime.date | None = None,
    visibility: str | None = None,
    shared_with=None,
    tags=(),
    metadata=None,
    comment: str = "",
    allow_duplicate: bool = False,
    extract="job",
    checked: ingest.Checked | None = None,
) -> Document:
    """Check and store one uploaded file as a new document (version 1)."""
    ensure_can_create(actor.user, owner_id)
    checked = checked or ingest.inspect_upload(name, data)
    file, case = _check_target(actor, file, case)
    if file is not None and file.owner_id != owner_id:
        raise ValidationError({"file": _("The file belongs to another organisation.")})
    if not allow_duplicate:
        existing = find_duplicate(actor.user, checked.sha256)
        if existing is not None:
            raise DuplicateDocument(existing, checked.name)
    if visibility is None:  # documents in a file start with the file's sharing
        visibility = file.visibility if file else Visibility.PRIVATE
        if shared_with is None and file is not None:
            shared_with = list(file.shared_with.all())
    with transaction.atomic():
        document = Document.objects.create(
            owner_id=owner_id,
            visibility=visibility,
            created_by=actor.user if actor.user and actor.user.pk else None,
            file=file,
            case=case,
            title=(title or checked.name.rsplit(".", 1)[0].replace("_", " ").strip() or checked.name)[:250],
            kind=kind or "other",
            correspondent=correspondent,
            document_date=document_date,
            received_date=received_date or timezone.localdate(),
            metadata=metadata or {},
        )
        if shared_with:
            document.shared_with.set(shared_with)
        if tags:
            document.tags.set(tags)
        validate_sharing(document)
        version = _store_version(document, checked, data, actor, comment)
        audit.record(
            actor,
            AuditAction.CREATE,
            document,
            changes={**audit.snapshot(document), "version": 1, "sha256": checked.sha256},
        )
        transaction.on_commit(lambda: _after_commit_extract(version, actor, extract))
    return document


def add_version(
    actor: Actor, document: Document, name: str, data: bytes, comment: str = "", extract="job"
) -> Version:
    """Store a new version; every earlier version stays."""
    checked = ingest.inspect_upload(name, data)
    with transaction.atomic():
        document = Document.objects.select_for_update(of=("self",)).select_related("file").get(pk=document.pk)
        if not document.can_edit(actor.user):
            raise PermissionDenied(_("You may read this, but not change it."))
        if document.deleted_at:
            raise ValidationError(_("The document is in the trash; restore it first."))
        if document.is_read_only:
            raise ValidationError(
                _("The file “%(ref)s” is closed; new versions are refused until an administrator reopens it.")
                % {"ref": document.file.reference}
            )
        current = document.current_version
        if current and current.sha256 == checked.sha256:
            raise ValidationError(
                _("This is the same content as the current version %(n)s.") % {"n": current.number}
            )
        version = _store_version(document, checked, data, actor, comment)
        document.extraction = "pending"
        document.save(update_fields=["extraction", "updated_at"])
        audit.record(
            actor,
            AuditAction.UPDATE,
            document,
            changes={
                "version": version.number,
                "file": checked.name,
                "sha256": checked.sha256,
                "comment": comment,
            },
        )
        transaction.on_commit(lambda: _after_commit_extract(version, actor, extract))
    return version


def update_document(actor: Actor, document: Document, save):
    if document.deleted_at:
        raise ValidationError(_("The document is in the trash; restore it first."))
    return core_actions.update_object(actor, document, save)


def record_view(actor: Actor, obj) -> None:
    if actor.user is not None:
        audit.record(actor, AuditAction.VIEW, obj)


def record_download(actor: Actor, version: Version, what="download") -> None:
    audit.record(
        actor,
        AuditAction.DOWNLOAD,
        version.document,
        changes={"version": version.number, "file": version.original_name, "kind": what},
    )


# --- trash, restore, purge ----------------------------------------------------------------------
@transaction.atomic
def trash_document(actor: Actor, document: Document) -> Document:
    document = Document.objects.select_for_update(of=("self",)).select_related("file").get(pk=document.pk)
    if not document.can_delete(actor.user):
        raise PermissionDenied(_("Only the owner's administrators or the creator may delete this."))
    if document.held:
        raise ValidationError(_("A legal hold blocks deleting this document."))
    if document.is_read_only:
        raise ValidationError(_("The file is closed; documents cannot be removed from it."))
    document.deleted_at = timezone.now()
    document.save(update_fields=["deleted_at", "updated_at"])
    audit.record(
        actor,
        AuditAction.DELETE,
        document,
        changes={"trash": True, "purge_after": document.purge_after.isoformat()},
    )
    return document


@transaction.atomic
def restore_document(actor: Actor, document: Document) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not document.can_delete(actor.user):
        raise PermissionDenied(_("Only the owner's administrators or the creator may restore this."))
    document.deleted_at = None
    document.save(update_fields=["deleted_at", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, document, changes={"restored": True})
    return document


def purge_document(actor: Actor, document: Document) -> None:
    """Delete a document and its stored files for good (leaves an audit record)."""
    with transaction.atomic():
        document = Document.objects.select_for_update(of=("self",)).select_related("file").get(pk=document.pk)
        if document.held:
            raise ValidationError(_("A legal hold blocks deleting this document."))
        if actor.user is not None and not document.can_delete(actor.user):
            raise PermissionDenied(_("Only the owner's administrators or the creator may delete this."))
        paths = [(v.file.name, v.thumbnail.name) for v in document.versions.all()]
        audit.record(
            actor,
            AuditAction.DELETE,
            document,
            changes={
                "purged": True,
                "versions": [v.sha256 for v in document.versions.all()],
                "title": document.title,
            },
        )
        storage = Version._meta.get_field("file").storage
        document.delete()
        transaction.on_commit(lambda: [storage.delete(p) for pair in paths for p in pair if p])


def purge_expired_trash(now=None) -> int:
    """Purge documents that have been in the trash longer than 30 days (not under legal hold)."""
    now = now or timezone.now()
    count = 0
    limit = now - datetime.timedelta(days=TRASH_DAYS)
    for document in (
        Document.objects.in_trash().filter(deleted_at__lt=limit, legal_hold=False).select_related("file")
    ):
        if document.held:
            continue
        purge_document(Actor.system(), document)
        count += 1
    return count


# --- retention and disposal ---------------------------------------------------------------------
@transaction.atomic
def approve_disposal(actor: Actor, file: File) -> File:
    file = File.objects.select_for_update().get(pk=file.pk)
    if not _is_admin(actor.user, file.owner_id):
        raise PermissionDenied(_("Only administrators of the owner may approve disposal."))
    if file.legal_hold:
        raise ValidationError(_("A legal hold blocks the disposal of this file."))
    due = file.retention_due()
    if not file.is_closed or due is None or due >= timezone.localdate():
        raise ValidationError(_("The file is not due for disposal."))
    file.disposal_state = DisposalState.APPROVED
    file.save(update_fields=["disposal_state", "updated_at"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        file,
        changes={"disposal": "approved", "decision": file.effective_retention.disposal},
    )
    return file


@transaction.atomic
def dispose_file(actor: Actor, file: File) -> File:
    """After approval (and export for the archive): move all documents to the trash."""
    file = File.objects.select_for_update().get(pk=file.pk)
    if not _is_admin(actor.user, file.owner_id):
        raise PermissionDenied(_("Only administrators of the owner may dispose of files."))
    if file.disposal_state != DisposalState.APPROVED or file.legal_hold:
        raise ValidationError(_("Disposal of this file has not been approved."))
    now = timezone.now()
    ids = list(file.documents.filter(deleted_at__isnull=True, legal_hold=False).values_list("pk", flat=True))
    for document in Document.objects.filter(pk__in=ids):
        document.deleted_at = now
        document.save(update_fields=["deleted_at", "updated_at"])
    file.disposal_state = DisposalState.DISPOSED
    file.save(update_fields=["disposal_state", "updated_at"])
    audit.record(actor, AuditAction.DELETE, file, changes={"disposed": True, "documents": ids})
    return file


# --- links to other objects ----------------------------------------------------------------------
@transaction.atomic
def link_document(actor: Actor, document: Document, target, note: str = "") -> DocumentLink:
    """Attach ``document`` to any object (``target``) the user may change."""
    from django.contrib.contenttypes.models import ContentType

    if not document.is_visible_to(actor.user):
        raise PermissionDenied(_("You cannot see this document."))
    can_edit = getattr(target, "can_edit", None)
    if can_edit is None or not can_edit(actor.user):
        raise PermissionDenied(_("You may not attach documents to this object."))
    try:
        with transaction.atomic():
            link = DocumentLink.objects.create(
                document=document,
                content_type=ContentType.objects.get_for_model(type(target)),
                object_id=str(target.pk),
                note=note,
                created_by=actor.user,
            )
    except IntegrityError as exc:
        raise ValidationError(_("The document is already attached here.")) from exc
    audit.record(
        actor, AuditAction.UPDATE, target, changes={"document_linked": document.pk, "title": document.title}
    )
    return link


@transaction.atomic
def unlink_document(actor: Actor, link: DocumentLink) -> None:
    target = link.target
    if target is None or not target.can_edit(actor.user):
        raise PermissionDenied(_("You may not change the documents of this object."))
    audit.record(actor, AuditAction.UPDATE, target, changes={"document_unlinked": link.document_id})
    link.delete()


# --- filing plan ----------------------------------------------------------------------------------
def import_plan(actor: Actor, owner_id: int, entries: list[dict]) -> int:
    """Create or update filing plan subjects (all or nothing)."""
    from ikonnekt.documents.models import RetentionRule, Subject

    ensure_can_create(actor.user, owner_id)
    rules = {r.code: r for r in RetentionRule.objects.all()}
    with transaction.atomic():
        by_code = {s.code: s for s in Subject.objects.filter(owner_id=owner_id)}
        for entry in entries:
            parent = by_code.get(entry["parent"]) if entry["parent"] else None
            subject = by_code.get(entry["code"]) or Subject(
                owner_id=owner_id, code=entry["code"], created_by=actor.user, visibility=Visibility.PLATFORM
            )
            subject.title, subject.parent = entry["title"], parent
            if entry["rule"]:
                subject.retention_rule = rules[entry["rule"]]
            subject.save()
            by_code[subject.code] = subject
        audit.record(
            actor,
            AuditAction.OTHER,
            None,
            owner_organisation=owner_id,
            object_repr="Aktenplan-Import",
            changes={"subjects": len(entries)},
        )
    return len(entries)


# --- settings of an organisation's DMS -------------------------------------------------------------
@transaction.atomic
def save_filing_settings(actor: Actor, organisation, pattern: str) -> FilingSettings:
    """Set the file reference pattern of ``organisation`` (checked, audited). New files use it;
    existing references stay as they are."""
    ensure_org_admin(actor.user, organisation)
    row, _created = FilingSettings.objects.select_for_update().get_or_create(organisation=organisation)
    before = audit.snapshot(row)
    row.reference_pattern = pattern.strip()
    row.full_clean(exclude=["organisation"])
    row.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        row,
        owner_organisation=organisation,
        changes=audit.diff(before, audit.snapshot(row)),
    )
    return row


@transaction.atomic
def save_metadata_field(actor: Actor, field: MetadataField) -> MetadataField:
    """Create or change a custom metadata field of ``field.organisation`` (checked, audited)."""
    ensure_org_admin(actor.user, field.organisation)
    created = field.pk is None
    before = {} if created else audit.snapshot(MetadataField.objects.get(pk=field.pk))
    field.full_clean()
    field.save()
    old_key = before.get("key")
    if old_key and old_key != field.key:  # values entered under the old key move along
        for document in Document.objects.filter(owner_id=field.organisation_id, metadata__has_key=old_key):
            document.metadata[field.key] = document.metadata.pop(old_key)
            document.save(update_fields=["metadata", "updated_at"])
    audit.record(
        actor,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        field,
        owner_organisation=field.organisation_id,
        changes=audit.diff(before, audit.snapshot(field)),
    )
    return field


@transaction.atomic
def delete_metadata_field(actor: Actor, field: MetadataField) -> None:
    """Remove a custom field; values already entered stay in ``Document.metadata``."""
    ensure_org_admin(actor.user, field.organisation)
    audit.record(
        actor, AuditAction.DELETE, field, owner_organisation=field.organisation_id, object_repr=str(field)
    )
    field.delete()
