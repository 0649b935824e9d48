"""DMS pages. Thin: parse the request, call an action or domain module, render."""

import logging
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import SharedCreateView, SharedDetailView, SharedListView, SharedUpdateView
from ikonnekt.core.files import serve
from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404, orgs_with_role
from ikonnekt.core.templatetags.ikonnekt import visibility_badge
from ikonnekt.documents import actions, detail_page, export, filing_plan, ingest
from ikonnekt.documents.filters import DocumentFilter
from ikonnekt.documents.forms import (
    CaseForm,
    DocumentForm,
    FileForm,
    PackageImportForm,
    PlanImportForm,
    SubjectForm,
    UploadForm,
    VersionForm,
)
from ikonnekt.documents.models import (
    Document,
    DocumentLink,
    File,
    Kind,
    RetentionRule,
    Subject,
    Version,
)

log = logging.getLogger(__name__)


def _messages_of(exc):
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)


# --- documents ------------------------------------------------------------------------------------
class DocumentList(SharedListView):
    model = Document
    template_name = "documents/list.html"
    filterset_class = DocumentFilter

    def get_base_queryset(self):
        # the rows read only the shown columns (_document_rows), no model instances
        return Document.objects.active()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows_html"] = _document_rows(ctx["object_list"].values_list(*ROW_COLUMNS))
        return ctx


ROW_COLUMNS = (
    "id",
    "title",
    "kind",
    "correspondent",
    "document_date",
    "file_id",
    "file__reference",
    "owner__name",
    "visibility",
)


def _document_rows(rows):
    """The list's rows (``ROW_COLUMNS`` of the page's documents) as HTML built once in Python (same
    markup as the template loop had): no model instances, per-row url lookups, filters or tags."""
    rows = list(rows)
    if not rows:
        return format_html('<tr><td colspan="8" class="text-muted">{}</td></tr>', _("No documents found."))
    doc_url, file_url = row_url("documents:detail"), row_url("documents:file_detail")
    kinds = {key: escape(label) for key, label in Kind.choices}
    inbox = format_html('<span class="text-muted">{}</span>', _("Inbox"))
    tags = {}
    for doc_id, colour, name in (
        Document.tags.through.objects.filter(document_id__in=[row[0] for row in rows])
        .order_by("tag__name")
        .values_list("document_id", "tag__colour", "tag__name")
    ):
        tags.setdefault(doc_id, []).append(
            f'<span class="badge" style="background: {escape(colour)}">{escape(name)}</span> '
        )
    badges = {}
    out = []
    for pk, title, kind, correspondent, document_date, file_id, reference, owner, visibility in rows:
        file_cell = f'<a href="{file_url(file_id)}">{escape(reference)}</a>' if file_id else inbox
        if visibility not in badges:
            badges[visibility] = visibility_badge(SimpleNamespace(visibility=visibility))
        out.append(
            f'<tr><td><a href="{doc_url(pk)}">{escape(title)}</a></td><td>{kinds.get(kind) or escape(kind)}</td>'
            f'<td class="small">{escape(correspondent)}</td>'
            f'<td class="small">{escape(localize(document_date)) if document_date else ""}</td>\n'
            f'<td class="small">{file_cell}</td>\n<td>{"".join(tags.get(pk, ()))}</td>'
            f'<td class="small">{escape(owner)}</td><td>{badges[visibility]}</td></tr>\n'
        )
    return mark_safe("".join(out))


class DocumentDetail(SharedDetailView):
    model = Document
    template_name = "documents/detail.html"
    audit_views = True
    select_related = ("owner", "file", "case")  # read by id with the SQL kept (SharedDetailView)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        doc = self.object
        ctx["version_form"] = VersionForm()
        ctx["is_admin"] = doc.can_delete(self.request.user)
        ctx.update(detail_page.context(doc, self.request.user))
        return ctx


class DocumentEdit(SharedUpdateView):
    model = Document
    form_class = DocumentForm

    def form_valid(self, form):
        try:
            actions.update_document(Actor.from_request(self.request), form.instance, form.save)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Changes saved."))
        return redirect(form.instance)


@login_required
def upload(request):
    if not orgs_with_role(request.user):
        raise PermissionDenied(_("You need the editor role in an organisation to upload documents."))
    initial = {}
    if request.GET.get("file"):
        file = (
            get_visible_or_404(File, request.user, pk=request.GET["file"])
            if request.GET["file"].isdigit()
            else None
        )
        if file:
            initial = {"file": file.pk, "owner": file.owner_id}
    form = UploadForm(initial=initial, user=request.user, active_organisation=request.active_organisation)
    return render(
        request, "documents/upload.html", {"form": form, "max_mb": ingest.max_upload_bytes() // (1024 * 1024)}
    )


@login_required
@require_POST
def upload_file(request):
    """One file of the drag-and-drop upload (XHR): JSON with the new document or the reason."""
    form = UploadForm(request.POST, user=request.user)
    uploaded = request.FILES.get("upload")
    if not form.is_valid():
        return JsonResponse(
            {"ok": False, "error": "; ".join(f"{k}: {', '.join(v)}" for k, v in form.errors.items())},
            status=400,
        )
    if uploaded is None:
        return JsonResponse({"ok": False, "error": _("No file received.")}, status=400)
    name = uploaded.name
    actor = Actor.from_request(request)
    try:
        if uploaded.size > ingest.max_upload_bytes():
            raise ingest.UploadRejected(
                _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
                % {
                    "name": ingest.clean_name(name),
                    "size": round(uploaded.size / 1048576, 1),
                    "limit": ingest.max_upload_bytes() // 1048576,
                }
            )
        data = uploaded.read()
        data_ok = ingest.inspect_upload(name, data)
        file = form.cleaned_data.get("file")
        if form.cleaned_data.get("link_duplicate") and file is not None:
            existing = actions.find_duplicate(request.user, data_ok.sha256)
            if existing is not None:
                actions.link_document(actor, existing, file)
                return JsonResponse(
                    {"ok": True, "linked": True, "url": existing.get_absolute_url(), "title": existing.title}
                )
        doc = actions.upload_document(
            actor,
            owner_id=form.cleaned_data["owner"].pk,
            name=name,
            data=data,
            checked=data_ok,
            file=file,
            kind=form.cleaned_data["kind"],
            correspondent=form.cleaned_data["correspondent"],
            visibility=form.cleaned_data["visibility"] or None,
        )
    except actions.DuplicateDocument as exc:
        return JsonResponse(
            {
                "ok": False,
                "duplicate": True,
                "error": _messages_of(exc),
                "url": exc.existing.get_absolute_url(),
                "can_link": bool(form.cleaned_data.get("file")),
            },
            status=409,
        )
    except (ingest.UploadRejected, ValidationError, PermissionDenied) as exc:
        return JsonResponse({"ok": False, "error": _messages_of(exc)}, status=400)
    return JsonResponse(
        {"ok": True, "url": doc.get_absolute_url(), "title": doc.title, "id": doc.pk}, status=201
    )


@login_required
@require_POST
def new_version(request, pk):
    document = get_editable_or_404(Document, request.user, pk=pk)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        uploaded = form.cleaned_data["upload"]
        try:
            if uploaded.size > ingest.max_upload_bytes():
                raise ingest.UploadRejected(_("The file is larger than the upload limit."))
            version = actions.add_version(
                Actor.from_request(request),
                document,
                uploaded.name,
                uploaded.read(),
                form.cleaned_data["comment"],
            )
        except (ingest.UploadRejected, ValidationError, PermissionDenied) as exc:
            messages.error(request, _messages_of(exc))
        else:
            messages.success(request, _("Version %(n)s stored.") % {"n": version.number})
    else:
        messages.error(request, _("Choose a file for the new version."))
    return redirect(document)


new_version.shareable_model = Document


def _version_response(request, pk, inline):
    version = get_visible_or_404(Version.objects.select_related("document"), request.user, pk=pk)
    if not request.user.is_authenticated and version.document.visibility != "public":
        raise Http404
    if not version.file.storage.exists(version.file.name):
        # lost on disk or in the bucket: say so instead of a server error
        log.error("Stored file of version %s is missing", version.pk)
        raise Http404(
            _("The stored file is missing; an administrator can check all files with verify_files.")
        )
    actions.record_download(Actor.from_request(request), version, "preview" if inline else "download")
    response = serve(
        version.file,
        content_type=version.mime_type,
        as_attachment=not inline,
        filename=version.original_name,
    )
    return response


def version_download(request, pk):
    return _version_response(request, pk, inline=False)


def version_view(request, pk):
    return _version_response(request, pk, inline=True)


def version_thumbnail(request, pk):
    version = get_visible_or_404(Version, request.user, pk=pk)
    if not version.thumbnail:
        raise Http404
    return serve(version.thumbnail, content_type="image/png")


for _view in (version_download, version_view, version_thumbnail):
    _view.shareable_model = Version


@login_required
@require_POST
def document_trash(request, pk):
    document = get_visible_or_404(Document, request.user, pk=pk)
    try:
        actions.trash_document(Actor.from_request(request), document)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _messages_of(exc))
        return redirect(document)
    messages.success(
        request, _("“%(title)s” was moved to the trash (restorable for 30 days).") % {"title": document.title}
    )
    return redirect("documents:list")


@login_required
@require_POST
def document_restore(request, pk):
    document = get_visible_or_404(Document, request.user, pk=pk)
    try:
        actions.restore_document(Actor.from_request(request), document)
    except PermissionDenied as exc:
        messages.error(request, _messages_of(exc))
        return redirect("documents:trash")
    messages.success(request, _("Restored."))
    return redirect(document)


@login_required
@require_POST
def document_hold(request, pk):
    document = get_visible_or_404(Document, request.user, pk=pk)
    try:
        actions.set_legal_hold(Actor.from_request(request), document, request.POST.get("hold") == "1")
    except PermissionDenied as exc:
        messages.error(request, _messages_of(exc))
    return redirect(document)


for _view in (document_trash, document_restore, document_hold):
    _view.shareable_model = Document


@login_required
def trash(request):
    docs = (
        Document.objects.visible_to(request.user)
        .in_trash()
        .filter(owner_id__in=orgs_with_role(request.user))
        .select_related("owner")
    )
    return render(request, "documents/trash.html", {"documents": docs})


# --- files ----------------------------------------------------------------------------------------
class FileList(SharedListView):
    model = File
    template_name = "documents/file_list.html"

    def get_base_queryset(self):
        # Count only the documents this user may see (no leak of how many others exist).
        visible_docs = Q(documents__deleted_at__isnull=True) & Document.visible_to_q(
            self.request.user, "documents__"
        )
        return (
            File.objects.select_related("owner", "subject")
            .annotate(n_documents=Count("documents", filter=visible_docs, distinct=True))
            .order_by("-created_at", "-pk")
        )


class FileDetail(SharedDetailView):
    model = File
    template_name = "documents/file_detail.html"
    audit_views = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        file = self.object
        user = self.request.user
        ctx["documents"] = (
            Document.objects.visible_to(user)
            .active()
            .filter(file=file)
            .select_related("case__file")
            .prefetch_related("tags")
        )
        ctx["cases"] = file.cases.select_related("file")
        ctx["case_form"] = CaseForm()
        ctx["linked"] = (
            Document.objects.visible_to(user)
            .active()
            .filter(
                links__content_type=ContentType.objects.get_for_model(File), links__object_id=str(file.pk)
            )
        )
        ctx["is_admin"] = file.can_delete(user) and file.owner_id in orgs_with_role(user, roles={"admin"})
        ctx["due"] = file.retention_due()
        return ctx


class FileCreate(SharedCreateView):
    model = File
    form_class = FileForm
    title = gettext_lazy("New file")
    cancel_url = reverse_lazy("documents:file_list")

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        try:
            file = actions.create_file(
                Actor.from_request(self.request),
                form.save(commit=False),
                form.cleaned_data.get("shared_with"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("File %(ref)s created.") % {"ref": file.reference})
        return redirect(file)


class FileEdit(SharedUpdateView):
    model = File
    form_class = FileForm

    def get_success_url(self):
        return self.object.get_absolute_url()


def _file_action(request, pk, action, ok_message):
    file = get_visible_or_404(File, request.user, pk=pk)
    try:
        action(Actor.from_request(request), file)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, ok_message)
    return redirect(file)


@login_required
@require_POST
def file_close(request, pk):
    return _file_action(request, pk, actions.close_file, _("The file is closed (read-only)."))


@login_required
@require_POST
def file_reopen(request, pk):
    return _file_action(request, pk, actions.reopen_file, _("The file is open again."))


@login_required
@require_POST
def file_hold(request, pk):
    hold = request.POST.get("hold") == "1"
    return _file_action(
        request, pk, lambda a, f: actions.set_legal_hold(a, f, hold), _("Legal hold changed.")
    )


@login_required
@require_POST
def file_approve_disposal(request, pk):
    return _file_action(request, pk, actions.approve_disposal, _("Disposal approved."))


@login_required
@require_POST
def file_dispose(request, pk):
    return _file_action(request, pk, actions.dispose_file, _("The file's documents were moved to the trash."))


@login_required
@require_POST
def case_create(request, pk):
    file = get_visible_or_404(File, request.user, pk=pk)
    form = CaseForm(request.POST)
    if form.is_valid():
        try:
            case = actions.create_case(Actor.from_request(request), file, form.cleaned_data["title"])
            messages.success(request, _("Case %(ref)s created.") % {"ref": case.reference})
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _messages_of(exc))
    return redirect(file)


@login_required
def file_export(request, pk):
    file = get_visible_or_404(File, request.user, pk=pk)
    docs = (
        Document.objects.visible_to(request.user)
        .active()
        .filter(file=file)
        .select_related("file", "case")
        .prefetch_related("tags", "versions__created_by")
    )
    data = export.build_package(docs, file=file)
    actions.audit.record(
        Actor.from_request(request),
        actions.AuditAction.DOWNLOAD,
        file,
        changes={"export": "zip", "documents": len(docs)},
    )
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{file.reference}.zip"'
    return response


for _view in (
    file_close,
    file_reopen,
    file_hold,
    file_approve_disposal,
    file_dispose,
    case_create,
    file_export,
):
    _view.shareable_model = File


@login_required
def search_export(request):
    """The documents of a search (or the document list filter) as one ZIP."""
    from ikonnekt.search.engine import search

    query = request.GET.get("q", "")[:200]
    result = search(request.user, query, models=["documents.document"], limit=100, with_facets=False)
    ids = [h.object_id for h in result.hits]
    docs = (
        Document.objects.visible_to(request.user)
        .active()
        .filter(pk__in=ids)
        .select_related("file", "case")
        .prefetch_related("tags", "versions__created_by")
    )
    data = export.build_package(docs)
    for doc in docs:
        actions.audit.record(
            Actor.from_request(request),
            actions.AuditAction.DOWNLOAD,
            doc,
            changes={"export": "zip", "query": query},
        )
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="suche.zip"'
    return response


@login_required
def package_import(request):
    form = PackageImportForm(request.POST or None, request.FILES or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.cleaned_data["upload"].size > ingest.max_upload_bytes()
    ):
        form.add_error("upload", _("The file is larger than the upload limit."))
    elif request.method == "POST" and form.is_valid():
        try:
            file, docs = export.import_package(
                Actor.from_request(request),
                form.cleaned_data["upload"].read(),
                owner_id=form.cleaned_data["owner"].pk,
                subject=form.cleaned_data.get("subject"),
            )
        except (export.PackageError, ValidationError, PermissionDenied, ingest.UploadRejected) as exc:
            form.add_error("upload", _messages_of(exc))
        else:
            messages.success(request, _("%(n)s documents imported.") % {"n": len(docs)})
            return redirect(file or "documents:list")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Import an export ZIP"),
            "submit_label": _("Import"),
            "intro": _(
                "A ZIP exported from iKonnekt (manifest.json, checksums); the file and its documents are created again in your organisation."
            ),
            "cancel_url": reverse("documents:file_list"),
        },
    )


# --- filing plan ----------------------------------------------------------------------------------
class SubjectList(SharedListView):
    model = Subject
    template_name = "documents/subject_list.html"
    paginate_by = 500

    def get_base_queryset(self):
        return (
            Subject.objects.select_related("owner", "retention_rule")
            .annotate(n_files=Count("files"))
            .order_by("owner__name", "code")
        )


class SubjectDetail(SharedDetailView):
    model = Subject
    template_name = "documents/subject_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["files"] = File.objects.visible_to(self.request.user).filter(subject=self.object)
        return ctx


class SubjectCreate(SharedCreateView):
    model = Subject
    form_class = SubjectForm
    title = gettext_lazy("New filing plan subject")
    cancel_url = reverse_lazy("documents:subject_list")
    success_url = reverse_lazy("documents:subject_list")


class SubjectEdit(SharedUpdateView):
    model = Subject
    form_class = SubjectForm
    success_url = reverse_lazy("documents:subject_list")


@login_required
def plan_import(request):
    form = PlanImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid() and form.cleaned_data["upload"].size > 5 * 1024 * 1024:
        form.add_error("upload", _("A filing plan file may be at most 5 MB."))
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            entries = filing_plan.parse_plan(
                upload.name, upload.read(), set(RetentionRule.objects.values_list("code", flat=True))
            )
            n = actions.import_plan(Actor.from_request(request), form.cleaned_data["owner"].pk, entries)
        except filing_plan.PlanError as exc:
            for line in str(exc).splitlines():
                form.add_error("upload", line)
        else:
            messages.success(request, _("%(n)s filing plan entries imported.") % {"n": n})
            return redirect("documents:subject_list")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Import a filing plan"),
            "submit_label": _("Import"),
            "intro": _(
                "One row per subject: code (e.g. 6.1.3), title and optionally a retention rule code. Existing codes are updated; nothing is stored if a row is wrong."
            ),
            "cancel_url": reverse("documents:subject_list"),
        },
    )


# --- retention ------------------------------------------------------------------------------------
@login_required
def disposal_list(request):
    admin_orgs = orgs_with_role(request.user, roles={"admin"})
    today = timezone.localdate()
    due = []
    for file in (
        File.objects.visible_to(request.user)
        .filter(owner_id__in=admin_orgs, status="closed")
        .exclude(disposal_state="disposed")
        .select_related("subject__retention_rule", "retention_rule", "owner")
    ):
        when = file.retention_due()
        if when is not None and when < today:
            due.append((file, when))
    return render(
        request, "documents/disposal.html", {"due": due, "today": today, "rules": RetentionRule.objects.all()}
    )


# --- generic links to other objects ---------------------------------------------------------------
@login_required
@require_POST
def attach(request):
    """Attach a document to any object: POST ``content_type`` (app.model), ``object_id``, ``document``."""
    app_label, _dot, model_name = request.POST.get("content_type", "").partition(".")
    try:
        ct = ContentType.objects.get_by_natural_key(app_label, model_name)
        model = ct.model_class()
        target_qs = model.objects.all()
        target = get_visible_or_404(target_qs, request.user, pk=request.POST.get("object_id"))
        document = get_visible_or_404(
            Document.objects.active(), request.user, pk=request.POST.get("document")
        )
    except (ContentType.DoesNotExist, AttributeError, ValueError):
        raise Http404
    try:
        actions.link_document(
            Actor.from_request(request), document, target, request.POST.get("note", "")[:200]
        )
        messages.success(request, _("Document “%(title)s” attached.") % {"title": document.title})
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _messages_of(exc))
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(target.get_absolute_url() if hasattr(target, "get_absolute_url") else "documents:list")


@login_required
@require_POST
def unlink(request, pk):
    link = get_visible_or_404(DocumentLink.objects.select_related("document"), request.user, pk=pk)
    try:
        actions.unlink_document(Actor.from_request(request), link)
    except PermissionDenied as exc:
        messages.error(request, _messages_of(exc))
    next_url = request.POST.get("next", "")
    return redirect(
        next_url if next_url.startswith("/") and not next_url.startswith("//") else reverse("documents:list")
    )


unlink.shareable_model = DocumentLink
