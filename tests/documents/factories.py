from ikonnekt.documents.models import Case, Document, DocumentLink, File, MetadataField, Subject, Tag, Version
from ikonnekt.documents.pdfgen import make_pdf
from tests.factories import factory

_counter = {"n": 0}


def _next():
    _counter["n"] += 1
    return _counter["n"]


@factory(Subject)
def make_subject(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    return Subject.objects.create(
        owner=owner, code=f"9.{_next()}", title="Testbetreff", visibility=visibility, created_by=created_by
    )


@factory(Tag)
def make_tag(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    return Tag.objects.create(
        owner=owner, name=f"Tag {_next()}", visibility=visibility, created_by=created_by
    )


@factory(File)
def make_file(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    subject = make_subject(cast, owner=owner, visibility="platform", created_by=created_by)
    file = File.objects.create(
        owner=owner,
        subject=subject,
        reference=f"T-{_next()}",
        title="Testakte",
        visibility=visibility,
        created_by=created_by,
    )
    file.shared_with.set(shared_with)
    return file


@factory(Document)
def make_document(
    cast,
    *,
    owner,
    visibility="private",
    created_by=None,
    shared_with=(),
    content="Grünschnitt im Gewerbegebiet",
):
    doc = Document.objects.create(
        owner=owner,
        title=f"Testdokument {_next()}",
        visibility=visibility,
        created_by=created_by,
        content=content,
    )
    doc.shared_with.set(shared_with)
    return doc


@factory(Version)
def make_version(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    from django.core.files.base import ContentFile

    doc = make_document(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    data = make_pdf("Test", ["Inhalt"])
    version = Version(
        document=doc,
        number=1,
        original_name="t.pdf",
        mime_type="application/pdf",
        size=len(data),
        sha256="0" * 64,
    )
    version.file.save("t.pdf", ContentFile(data), save=False)
    version.save()
    return version


@factory(DocumentLink)
def make_link(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    from django.contrib.contenttypes.models import ContentType

    doc = make_document(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    return DocumentLink.objects.create(
        document=doc, content_type=ContentType.objects.get_for_model(Document), object_id=str(doc.pk)
    )


@factory(MetadataField)
def make_metadata_field(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    """A custom field of ``owner`` (not shared: settings of one organisation)."""
    return MetadataField.objects.create(organisation=owner, key=f"feld-{_next()}", label="Förderkennzeichen")


@factory(Case)
def make_case(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    file = make_file(cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with)
    return Case.objects.create(file=file, number=1, title="Testvorgang")
