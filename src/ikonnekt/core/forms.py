"""Form building blocks: Bootstrap styling and the sharing fields every shared object has."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from ikonnekt.core import formrender
from ikonnekt.core.sharing import orgs_with_role, user_cooperation_ids


class FormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    # Django's select template includes one template per option (and one more for its
    # attributes): 87 options cost a page more than its queries (issue #18). Ours writes the
    # standard option inline and renders the same HTML (tests/core/test_select_widget.py).
    template_overrides = {"django/forms/widgets/select.html": "core/forms/widgets/select.html"}

    def get_template(self, template_name):
        return super().get_template(self.template_overrides.get(template_name, template_name))

    def render(self, template_name, context, request=None):
        # The plain widgets, fields and forms are written in Python (same HTML, core/formrender.py).
        html = formrender.render(template_name, context)
        if html is not None:
            return html
        return super().render(template_name, context, request=request)


class TemplateFormRenderer(FormRenderer):
    """Every form template through the template engine (what core/formrender.py must equal)."""

    def render(self, template_name, context, request=None):
        return DjangoTemplates.render(self, template_name, context, request=request)


def style_widget(field: forms.Field) -> None:
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        css = ""
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    if css:
        existing = widget.attrs.get("class", "")
        widget.attrs["class"] = f"{existing} {css}".strip()


class BootstrapMixin:
    """Adds Bootstrap classes to every widget and HTML5 date inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
                field.widget = forms.DateInput(attrs=field.widget.attrs, format="%Y-%m-%d")
                field.widget.input_type = "date"
            elif isinstance(field, forms.DateTimeField) and not isinstance(field.widget, forms.HiddenInput):
                field.widget = forms.DateTimeInput(attrs=field.widget.attrs, format="%Y-%m-%dT%H:%M")
                field.widget.input_type = "datetime-local"
            style_widget(field)
        self._label_formset_row()

    def _label_formset_row(self):
        """Forms of a formset are laid out as table rows without <label> elements: each widget is
        named by its field and row ("Organisation, row 2"), WCAG 1.3.1 / 4.1.2."""
        prefix = getattr(self, "prefix", None) or ""
        row = prefix.rsplit("-", 1)[-1]
        if "-" not in prefix or not row.isdigit():
            return
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput) and field.label:
                field.widget.attrs.setdefault(
                    "aria-label", _("%(label)s, row %(row)s") % {"label": field.label, "row": int(row) + 1}
                )


def add_validation_error(form, exc) -> None:
    """Put an action's ``ValidationError`` on ``form``: on the named fields where the form has
    them, the rest above the form."""
    errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
    for field, field_errors in errors.items():
        form.add_error(field if field in form.fields else None, field_errors)


def restrict_to_visible(form, user, skip=()) -> None:
    """Every choice of a shared object in ``form`` offers (and accepts) only objects ``user`` may
    see: a foreign object's id answers "not a valid choice" and its name never reaches a page."""
    for name, field in form.fields.items():
        if name in skip or not isinstance(field, forms.ModelChoiceField):
            continue
        queryset = field.queryset
        if queryset is not None and hasattr(queryset, "visible_to"):
            field.queryset = queryset.visible_to(user)


class BootstrapForm(BootstrapMixin, forms.Form):
    pass


class BootstrapModelForm(BootstrapMixin, forms.ModelForm):
    pass


class ShareableForm(BootstrapModelForm):
    """ModelForm for shared objects. Include ``owner``, ``visibility`` and (for
    :class:`~ikonnekt.core.sharing.Shareable`) ``shared_with`` in ``Meta.fields``."""

    #: Visibility offered on a new object; None keeps the model's default (private).
    default_visibility = None

    def __init__(self, *args, user, active_organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.cooperations.models import Cooperation
        from ikonnekt.organizations.models import Organisation

        self.user = user
        if not self.instance.pk and self.default_visibility and "visibility" in self.fields:
            self.fields["visibility"].initial = self.default_visibility
        if "owner" in self.fields:
            editable = Organisation.objects.filter(pk__in=orgs_with_role(user))
            self.fields["owner"].queryset = editable
            self.fields["owner"].empty_label = None
            if self.instance.pk:
                # Moving an object to another organisation is not a form operation.
                self.fields["owner"].disabled = True
            # ``or None``: request.active_organisation is a lazy object, wrapping None for users
            # without membership (market customers).
            elif (active_organisation or None) is not None and active_organisation.pk in orgs_with_role(user):
                self.fields["owner"].initial = active_organisation.pk
        restrict_to_visible(self, user, skip=("owner", "shared_with"))
        if "shared_with" in self.fields:
            self.fields["shared_with"].queryset = Cooperation.objects.filter(
                pk__in=user_cooperation_ids(user)
            )
            self.fields["shared_with"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["shared_with"].choices
            )
            self.fields["shared_with"].required = False
        if self.instance.pk and not self.instance.can_change_visibility(user):
            for name in ("visibility", "shared_with"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "Only the owner's administrators or the creator may change who sees this."
                    )
