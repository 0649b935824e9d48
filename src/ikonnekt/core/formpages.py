"""Form pages, written once: the page title, the cancel link, where a save leads, and the page
for an object below a parent (a meter of a building, a party of an agreement).

* Class-based pages of shared objects (``core.crud.SharedCreateView`` / ``SharedUpdateView``)
  inherit :class:`FormPageMixin`: set ``title = gettext_lazy("New …")`` and, for the create
  page, ``cancel_url = reverse_lazy("<app>:list")``. Editing cancels back to the object, and a
  successful save opens the object's page.
* Function pages call :func:`form_page` with the action to run on a valid POST; children are
  written through ``core.actions.save_child`` / ``delete_child`` (the parent's edit right,
  one audit row on the child under the parent's owner).

Titles are lazy strings (``gettext_lazy``) or built inside the request: a ``gettext`` in a
class body is evaluated once, in the language of the first request (``tests/test_conventions.py``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ikonnekt.core.actions import save_child
from ikonnekt.core.audit import Actor
from ikonnekt.core.forms import add_validation_error

TEMPLATE = "core/form.html"


class FormPageMixin:
    """Title, intro and cancel link of a create or update page (template ``core/form.html``)."""

    template_name = TEMPLATE
    #: Heading and <title>; empty means "Edit <object>" or "New: <kind of object>".
    title = ""
    #: A sentence under the heading.
    intro = ""
    #: Where "Cancel" leads on a create page (an update page leads back to the object). Without
    #: it: the page the user came from (same host only), else the start page.
    cancel_url = ""

    def _editing(self):
        obj = getattr(self, "object", None)
        return obj if obj is not None and obj.pk else None

    def get_title(self):
        if self.title:
            return self.title
        obj = self._editing()
        if obj is not None:
            return _("Edit %(name)s") % {"name": obj}
        return _("New: %(kind)s") % {"kind": capfirst(self.model._meta.verbose_name)}

    def get_cancel_url(self):
        obj = self._editing()
        if obj is not None:
            return obj.get_absolute_url()
        if self.cancel_url:
            return str(self.cancel_url)
        referer = self.request.META.get("HTTP_REFERER", "")
        safe = url_has_allowed_host_and_scheme(referer, allowed_hosts={self.request.get_host()})
        return referer if safe else "/"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("title", self.get_title())
        ctx.setdefault("cancel_url", self.get_cancel_url())
        ctx.setdefault("intro", self.intro)
        return ctx


def form_page(
    request,
    form,
    *,
    title,
    cancel_url,
    on_valid,
    intro="",
    success=None,
    template=TEMPLATE,
    context=None,
):
    """Render ``form`` on ``template``; on a valid POST run ``on_valid()`` (an action function)
    and redirect to the URL it returns (or to ``cancel_url``) with ``success`` as message. A
    ``ValidationError`` of the action lands on the form's fields (or above the form)."""
    if request.method == "POST" and form.is_valid():
        try:
            result = on_valid()
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, success or _("Saved."))
            return redirect(result if isinstance(result, str) else cancel_url)
    ctx = {"form": form, "title": title, "cancel_url": cancel_url, "intro": intro, **(context or {})}
    return render(request, template, ctx)


def child_form_page(
    request, parent, form, *, title, cancel_url=None, open_saved=False, intro="", success=None
):
    """The page adding or changing an object below ``parent`` with a model form whose instance
    already points at the parent: ``core.actions.save_child`` checks the parent's edit right and
    audits. A save leads back to ``cancel_url`` (default: the parent's page), or with
    ``open_saved`` to the saved object's page (where the next step happens, e.g. readings)."""
    cancel_url = cancel_url or parent.get_absolute_url()

    def save():
        saved = save_child(Actor.from_request(request), parent, form.instance, save=form.save)
        return saved.get_absolute_url() if open_saved else cancel_url

    return form_page(
        request, form, title=title, cancel_url=cancel_url, on_valid=save, intro=intro, success=success
    )
