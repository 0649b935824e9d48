"""Legal pages (statement, privacy notice, imprint) and the person's data rights (export, erasure)."""

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikonnekt.core.audit import Actor
from ikonnekt.core.files import download_response
from ikonnekt.core.forms import add_validation_error
from ikonnekt.core.sharing import get_visible_or_404
from ikonnekt.knowledge.markdown_render import render_markdown
from ikonnekt.legal import defaults, erasure, export
from ikonnekt.legal.forms import EraseOtherForm, EraseSelfForm, LegalTextForm
from ikonnekt.legal.models import LegalPageKind, LegalText


def _kind_or_404(kind: str) -> LegalPageKind:
    if kind not in LegalPageKind.values:
        raise Http404
    return LegalPageKind(kind)


def retention_periods() -> dict:
    from django.conf import settings

    return {
        "audit_ip_days": settings.AUDIT_IP_RETENTION_DAYS,
        "login_log_days": settings.LOGIN_LOG_RETENTION_DAYS,
        "order_years": settings.ORDER_RETENTION_YEARS,
    }


def default_text(kind: LegalPageKind) -> str:
    if kind == LegalPageKind.ACCESSIBILITY:
        return defaults.accessibility("[Datum]")
    if kind == LegalPageKind.PRIVACY:
        return defaults.privacy(retention_periods())
    return defaults.imprint()


def page(request, kind):
    """A legal page: the operator's text, or the template until one is written. Public."""
    kind = _kind_or_404(kind)
    text = LegalText.objects.filter(kind=kind).first()
    body = text.body if text else default_text(kind)
    if text and text.reviewed_on and kind == LegalPageKind.ACCESSIBILITY:
        body = body.replace("[Datum]", formats.date_format(text.reviewed_on, "DATE_FORMAT"))
    return render(
        request,
        "legal/page.html",
        {
            "kind": kind,
            "title": kind.label,
            "html": mark_safe(render_markdown(body)),  # noqa: S308 (sanitised by nh3 in render_markdown)
            "text": text,
            "is_template": text is None,
            "can_edit": request.user.is_authenticated and request.user.is_superuser,
        },
    )


@login_required
def edit(request, kind):
    """Platform administrators write the installation's legal pages."""
    kind = _kind_or_404(kind)
    if not request.user.is_superuser:
        raise PermissionDenied(_("Only platform administrators may edit the legal pages."))
    text = LegalText.objects.filter(kind=kind).first() or LegalText(kind=kind, body=default_text(kind))
    form = LegalTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        from ikonnekt.legal.actions import save_legal_text

        save_legal_text(Actor.from_request(request), form)
        messages.success(request, _("The page has been saved."))
        return redirect("legal:page", kind=kind.value)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Edit: %(page)s") % {"page": kind.label},
            "cancel_url": text.get_absolute_url(),
            "intro": _(
                "Markdown. Placeholders in square brackets are yours to fill in; in the accessibility "
                "statement “[Datum]” is replaced by the review date."
            ),
        },
    )


@login_required
def my_data(request):
    """What is stored about me, the download and the deletion of my account."""
    return render(
        request,
        "legal/my_data.html",
        {
            "sections": export.section_counts(request.user),
            "form": EraseSelfForm(user=request.user),
            "kept": erasure.kept_records(request.user),
            "blockers": erasure.erasure_blockers(request.user),
        },
    )


@login_required
def my_data_download(request, fmt):
    data = export.user_data(request.user)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        return download_response(
            export.as_json(data), f"meine-daten-{stamp}.json", "application/json; charset=utf-8"
        )
    if fmt == "csv":
        return download_response(export.as_csv(data), f"meine-daten-{stamp}.csv", "text/csv; charset=utf-8")
    raise Http404


@login_required
@require_POST
def erase_me(request):
    form = EraseSelfForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            erasure.erase_user(Actor.from_request(request), request.user)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            logout(request)
            messages.success(
                request, _("Your account has been deleted. Your personal data has been removed.")
            )
            return redirect("legal:page", kind="privacy")
    return render(
        request,
        "legal/my_data.html",
        {
            "sections": [],
            "form": form,
            "kept": erasure.kept_records(request.user),
            "blockers": erasure.erasure_blockers(request.user),
        },
        status=400,
    )


@login_required
def erase_user(request, pk):
    """An administrator erases a member who cannot do it themself (e.g. after leaving)."""
    target = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    if target.pk == request.user.pk:
        return redirect("legal:my_data")
    if not erasure.can_erase_user(request.user, target):
        raise Http404
    form = EraseOtherForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            name = erasure.erase_user(Actor.from_request(request), target)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(
                request, _("The personal data has been replaced by the pseudonym %(name)s.") % {"name": name}
            )
            return redirect("core:dashboard")
    return render(
        request,
        "legal/erase_other.html",
        {
            "form": form,
            "person": target,
            "kept": erasure.kept_records(target),
            "blockers": erasure.erasure_blockers(target),
        },
    )


def _site_owner_or_404(request, pk):
    from ikonnekt.planning.models import SiteOwner

    owner = get_visible_or_404(SiteOwner.objects.select_related("site"), request.user, pk=pk)
    if not erasure.can_erase_site_owner(request.user, owner):
        raise PermissionDenied(_("Only administrators of the site's organisation may do this."))
    return owner


@login_required
def site_owner_download(request, pk, fmt):
    owner = _site_owner_or_404(request, pk)
    data = export.site_owner_data(owner)
    if fmt == "json":
        return download_response(
            export.as_json(data), f"eigentuemer-{owner.pk}.json", "application/json; charset=utf-8"
        )
    if fmt == "csv":
        return download_response(
            export.as_csv(data), f"eigentuemer-{owner.pk}.csv", "text/csv; charset=utf-8"
        )
    raise Http404


@login_required
def site_owner_erase(request, pk):
    owner = _site_owner_or_404(request, pk)
    form = EraseOtherForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        erasure.erase_site_owner(Actor.from_request(request), owner)
        messages.success(request, _("The owner's personal data has been removed; the contact history stays."))
        return redirect(owner.site.get_absolute_url())
    return render(request, "legal/erase_site_owner.html", {"form": form, "owner": owner})
