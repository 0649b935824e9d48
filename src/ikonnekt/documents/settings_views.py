"""The DMS settings of the organisation the user acts for: file reference pattern and custom
metadata fields. Members read them; administrators change them (actions check and audit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikonnekt.core.audit import Actor
from ikonnekt.core.forms import add_validation_error
from ikonnekt.core.sharing import Role, has_role, user_org_ids
from ikonnekt.documents import actions, references
from ikonnekt.documents.forms import FilingSettingsForm, MetadataFieldForm
from ikonnekt.documents.models import FilingSettings, MetadataField
from ikonnekt.organizations.actions import ensure_org_admin


def _organisation(request):
    """The acting organisation; a user without membership has no DMS settings."""
    org = request.active_organisation
    if not org or org.pk not in user_org_ids(request.user):
        raise Http404(_("Choose the organisation you act for in the header first."))
    return org


def _example(organisation, pattern: str) -> str:
    try:
        references.validate_pattern(pattern)
        return references.format_reference(
            pattern,
            org=references.org_code(organisation),
            subject="6.1.3",
            year=timezone.localdate().year,
            seq=4,
        )
    except (ValueError, KeyError, IndexError):
        return "—"


def _apply(form, save) -> bool:
    """Run ``save`` (an action) for a valid form; its refusal lands on the form."""
    if not form.is_valid():
        return False
    try:
        save()
    except ValidationError as exc:
        add_validation_error(form, exc)
        return False
    return True


@login_required
def dms_settings(request):
    org = _organisation(request)
    is_admin = has_role(request.user, org.pk, roles={Role.ADMIN})
    current = FilingSettings.objects.filter(organisation=org).first() or FilingSettings(organisation=org)
    pattern_form = FilingSettingsForm(instance=current)
    field_form = MetadataFieldForm(organisation=org)
    if request.method == "POST":
        ensure_org_admin(request.user, org)
        actor = Actor.from_request(request)
        if request.POST.get("action") == "pattern":
            pattern_form = FilingSettingsForm(request.POST, instance=current)
            if _apply(
                pattern_form,
                lambda: actions.save_filing_settings(
                    actor, org, pattern_form.cleaned_data["reference_pattern"]
                ),
            ):
                messages.success(request, _("The file reference pattern was saved; new files use it."))
                return redirect("documents:settings")
        else:
            field_form = MetadataFieldForm(request.POST, organisation=org)
            if _apply(field_form, lambda: actions.save_metadata_field(actor, field_form.instance)):
                messages.success(
                    request, _("Field “%(label)s” added.") % {"label": field_form.instance.label}
                )
                return redirect("documents:settings")
    pattern = pattern_form["reference_pattern"].value() or current.reference_pattern
    return render(
        request,
        "documents/settings.html",
        {
            "organisation": org,
            "is_admin": is_admin,
            "pattern_form": pattern_form,
            "field_form": field_form,
            "example": _example(org, pattern),
            "fields": MetadataField.objects.filter(organisation=org),
        },
    )


@login_required
def metadata_field_edit(request, pk):
    org = _organisation(request)
    field = get_object_or_404(MetadataField, pk=pk, organisation=org)  # another organisation's: 404
    ensure_org_admin(request.user, org)
    form = MetadataFieldForm(request.POST or None, instance=field, organisation=org)
    if request.method == "POST" and _apply(
        form, lambda: actions.save_metadata_field(Actor.from_request(request), form.instance)
    ):
        messages.success(request, _("Field “%(label)s” saved.") % {"label": form.instance.label})
        return redirect("documents:settings")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Edit field “%(label)s”") % {"label": field.label},
            "intro": _("Values already entered keep their place when you change the key."),
            "cancel_url": reverse("documents:settings"),
        },
    )


@login_required
@require_POST
def metadata_field_delete(request, pk):
    org = _organisation(request)
    field = get_object_or_404(MetadataField, pk=pk, organisation=org)
    actions.delete_metadata_field(Actor.from_request(request), field)
    messages.success(request, _("Field “%(label)s” removed.") % {"label": field.label})
    return redirect("documents:settings")


# The IDOR walker (tests/test_idor.py) tries other organisations' ids on these routes.
metadata_field_edit.shareable_model = MetadataField
metadata_field_delete.shareable_model = MetadataField
