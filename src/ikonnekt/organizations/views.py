"""Organisation pages: directory, detail, editing, members and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikonnekt.cooperations.models import Cooperation
from ikonnekt.core.audit import Actor
from ikonnekt.core.forms import style_widget
from ikonnekt.core.links import absolute_url
from ikonnekt.core.sharing import Role, has_role, user_org_ids
from ikonnekt.organizations import actions, list_rows
from ikonnekt.organizations.filters import OrganisationFilter
from ikonnekt.organizations.forms import InviteForm, OrganisationForm, RoleForm
from ikonnekt.organizations.middleware import SESSION_KEY
from ikonnekt.organizations.models import Invitation, Membership, Organisation


@login_required
def organisation_list(request):
    filterset = OrganisationFilter(
        request.GET or None, queryset=Organisation.objects.select_related("parent")
    )
    for field in filterset.form.fields.values():
        style_widget(field)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organizations/list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "rows_html": list_rows.rows_html(page),
            "querystring": query.urlencode(),
        },
    )


@login_required
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
    is_member = organisation.pk in user_org_ids(request.user)
    is_admin = has_role(request.user, organisation.pk, roles={Role.ADMIN})
    cooperations = (
        Cooperation.objects.visible_to(request.user)
        .filter(participations__organisation=organisation)
        .prefetch_related("goals")
        .distinct()
    )
    context = {
        "shared_objects": _shared_objects(request.user, organisation),
        "organisation": organisation,
        "is_member": is_member,
        "is_admin": is_admin,
        "members": organisation.memberships.select_related("user") if is_member else None,
        "invitations": organisation.invitations.filter(used_at__isnull=True) if is_admin else None,
        "cooperations": cooperations,
        "children": organisation.children.all(),
        "invite_form": InviteForm() if is_admin else None,
        "role_choices": Role.choices,
    }
    return render(request, "organizations/detail.html", context)


def _shared_objects(user, organisation, per_type=8):
    """The organisation's shared objects the user may see, grouped by type (from the search registry)."""
    from ikonnekt.search.registry import specs

    groups = []
    for spec in specs().values():
        if spec.model is Cooperation or not any(f.name == "owner" for f in spec.model._meta.fields):
            continue
        items = list(spec.visible(user).filter(owner=organisation).order_by("-pk")[:per_type])
        if items:
            groups.append(
                {"label": spec.display_label(), "items": [(str(o), spec.url_for(o)) for o in items]}
            )
    return groups


@login_required
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not has_role(request.user, organisation.pk, roles={Role.ADMIN}):
        raise PermissionDenied(_("Only administrators of %(org)s may do this.") % {"org": organisation.name})
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        actions.update_organisation(Actor.from_request(request), organisation, form.save)
        messages.success(request, _("Changes saved."))
        return redirect(organisation)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": organisation},
            "cancel_url": organisation.get_absolute_url(),
        },
    )


def _member_of(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    # Memberships of organisations the user does not belong to answer 404.
    if organisation.pk not in user_org_ids(request.user):
        raise Membership.DoesNotExist
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"), organisation=organisation, pk=pk
    )


@login_required
@require_POST
def membership_role(request, slug, pk):
    try:
        membership = _member_of(request, slug, pk)
    except Membership.DoesNotExist:
        return render(request, "404.html", status=404)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            actions.change_role(Actor.from_request(request), membership, form.cleaned_data["role"])
            messages.success(request, _("Role of %(user)s changed.") % {"user": membership.user})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Unknown role."))
    return redirect(membership.organisation)


@login_required
@require_POST
def membership_end(request, slug, pk):
    try:
        membership = _member_of(request, slug, pk)
    except Membership.DoesNotExist:
        return render(request, "404.html", status=404)
    try:
        actions.end_membership(Actor.from_request(request), membership)
        messages.success(request, _("Membership of %(user)s ended.") % {"user": membership.user})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if membership.user_id == request.user.pk:
        return redirect("core:dashboard")
    return redirect(membership.organisation)


@login_required
@require_POST
def invite(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter a valid e-mail address and role."))
        return redirect(organisation)
    invitation, token = actions.invite(
        Actor.from_request(request), organisation, form.cleaned_data["email"], form.cleaned_data["role"]
    )
    link = absolute_url(reverse("organizations:accept", args=[token]))
    from ikonnekt.organizations.mail import send_invitation

    send_invitation(invitation, link)
    messages.success(
        request,
        _("Invitation sent to %(email)s. The link is valid for %(days)s days: %(link)s")
        % {"email": invitation.email, "days": Invitation.VALID_DAYS, "link": link},
    )
    return redirect(organisation)


def accept_invitation(request, token):
    invitation = Invitation.find(token)
    if not request.user.is_authenticated:
        request.session["pending_invitation"] = token
        if invitation is not None:
            messages.info(
                request, _("Sign in or create an account to join %(org)s.") % {"org": invitation.organisation}
            )
        return redirect(f"{reverse('accounts:signup')}?next={request.path}")
    if request.method == "POST":
        try:
            membership = actions.accept_invitation(Actor.from_request(request), token)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("core:dashboard")
        request.session[SESSION_KEY] = membership.organisation_id
        messages.success(request, _("Welcome to %(org)s.") % {"org": membership.organisation})
        return redirect(membership.organisation)
    return render(request, "organizations/accept.html", {"invitation": invitation})


@login_required
@require_POST
def switch(request):
    try:
        org_id = int(request.POST.get("organisation", ""))
    except ValueError:
        org_id = None
    if org_id in user_org_ids(request.user):
        request.session[SESSION_KEY] = org_id
        organisation = Organisation.objects.get(pk=org_id)
        messages.success(request, _("You now act for %(org)s.") % {"org": organisation})
    else:
        messages.error(request, _("You are not a member of that organisation."))
    target = request.POST.get("next") or reverse("core:dashboard")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("core:dashboard")
    return redirect(target)
