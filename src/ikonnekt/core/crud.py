"""Generic views for shared objects: every list and page goes through the sharing rule.

Subclass them with ``model``, ``form_class`` and templates; they use ``visible_to`` and the
access helpers for reading and the action functions for writing, so a module gets correct
permissions, 404s and audit rows without writing them again.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import generic

from ikonnekt.core import actions, audit
from ikonnekt.core.audience import saved_message
from ikonnekt.core.audit import Actor
from ikonnekt.core.formpages import FormPageMixin
from ikonnekt.core.forms import add_validation_error, style_widget
from ikonnekt.core.sharing import (
    get_editable_or_404,
    get_visible_by_pk_or_404,
    get_visible_or_404,
    orgs_with_role,
)


class AnonymousAllowedMixin:
    """Lists and pages of shared objects: anonymous visitors see public objects only (the rule
    decides); ``login_required = True`` redirects them to sign in instead (same answer for any id)."""

    login_required = False

    def dispatch(self, request, *args, **kwargs):
        if self.login_required and not request.user.is_authenticated:
            return LoginRequiredMixin.handle_no_permission(self)
        return super().dispatch(request, *args, **kwargs)

    def get_permission_denied_message(self):
        return ""

    def get_login_url(self):
        return reverse_lazy("accounts:login")

    def get_redirect_field_name(self):
        return "next"

    raise_exception = False


class VisibleQuerysetMixin:
    select_related: tuple = ("owner",)

    def get_base_queryset(self):
        qs = self.model.objects.all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        return qs

    def get_queryset(self):
        return self.get_base_queryset().visible_to(self.request.user)


class SharedListView(AnonymousAllowedMixin, VisibleQuerysetMixin, generic.ListView):
    paginate_by = 25
    filterset_class = None

    def get_queryset(self):
        # what the user may see before the filters: a view can reuse it (tag clouds, counts)
        # without building the sharing rule again
        qs = self.visible = super().get_queryset()
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(self.request.GET or None, queryset=qs, request=self.request)
            for field in self.filterset.form.fields.values():  # Bootstrap classes (also on phones)
                style_widget(field)
            qs = self.filterset.qs
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filterset"] = getattr(self, "filterset", None)
        ctx["can_create"] = bool(orgs_with_role(self.request.user))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["querystring"] = query.urlencode()
        return ctx


class SharedDetailView(AnonymousAllowedMixin, VisibleQuerysetMixin, generic.DetailView):
    audit_views = False

    def get_object(self, queryset=None):
        if type(self).get_base_queryset is VisibleQuerysetMixin.get_base_queryset:  # the model's own
            obj = get_visible_by_pk_or_404(
                self.model, self.request.user, self.kwargs["pk"], self.select_related
            )
        else:
            obj = get_visible_or_404(self.get_base_queryset(), self.request.user, pk=self.kwargs["pk"])
        if self.audit_views and self.request.user.is_authenticated:
            audit.record(Actor.from_request(self.request), audit.AuditAction.VIEW, obj)
        return obj

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_edit"] = self.object.can_edit(user)
        ctx["can_delete"] = self.object.can_delete(user)
        return ctx


class ActorFormMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["active_organisation"] = getattr(self.request, "active_organisation", None)
        return kwargs

    def run_action(self, form, action):
        try:
            self.object = action()
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.get_success_url())


class SharedCreateView(LoginRequiredMixin, FormPageMixin, ActorFormMixin, generic.CreateView):
    success_message = _("Saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not orgs_with_role(request.user):
            raise PermissionDenied(_("You need the editor role in an organisation to create this."))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        owner = form.cleaned_data.get("owner") or form.instance.owner
        response = self.run_action(
            form, lambda: actions.create_object(Actor.from_request(self.request), owner.pk, form.save)
        )
        if isinstance(response, HttpResponseRedirect):
            messages.success(self.request, self.get_success_message(form.instance))
        return response

    def get_success_message(self, obj):
        # Name who really sees the new object, so the message never promises more than the setting.
        if hasattr(obj, "visibility"):
            return saved_message(obj)
        return self.success_message


class SharedUpdateView(
    LoginRequiredMixin, FormPageMixin, ActorFormMixin, VisibleQuerysetMixin, generic.UpdateView
):
    success_message = _("Changes saved.")

    def get_object(self, queryset=None):
        return get_editable_or_404(self.get_base_queryset(), self.request.user, pk=self.kwargs["pk"])

    def form_valid(self, form):
        response = self.run_action(
            form, lambda: actions.update_object(Actor.from_request(self.request), form.instance, form.save)
        )
        if isinstance(response, HttpResponseRedirect):
            messages.success(self.request, self.success_message)
        return response


class SharedDeleteView(LoginRequiredMixin, VisibleQuerysetMixin, generic.DeleteView):
    template_name = "core/confirm_delete.html"

    def get_object(self, queryset=None):
        if type(self).get_base_queryset is VisibleQuerysetMixin.get_base_queryset:  # the model's own
            obj = get_visible_by_pk_or_404(
                self.model, self.request.user, self.kwargs["pk"], self.select_related
            )
        else:
            obj = get_visible_or_404(self.get_base_queryset(), self.request.user, pk=self.kwargs["pk"])
        if not obj.can_delete(self.request.user):
            raise PermissionDenied(_("Only the owner's administrators or the creator may delete this."))
        return obj

    def form_valid(self, form):
        actions.delete_object(Actor.from_request(self.request), self.object)
        messages.success(self.request, _("Deleted."))
        return HttpResponseRedirect(self.get_success_url())
