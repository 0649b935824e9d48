from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.formrender import attrs_html as html_attrs
from ikonnekt.core.formrender import text_html as html_text
from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm
from ikonnekt.core.sharing import Visibility, user_cooperation_ids
from ikonnekt.indicators.models import IndicatorSeries, Licence


class PublishForm(BootstrapForm):
    source = forms.ChoiceField(label=_("Source"))
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=None,
        required=False,
        help_text=_("The municipality or district the figures describe."),
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Shared with cooperations"), queryset=None, required=False
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices, initial=Licence.DL_BY)

    def __init__(self, *args, feed, user, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.cooperations.models import Cooperation
        from ikonnekt.organizations.models import Organisation

        self.feed = feed
        self.sources = {str(s.pk): s for s in feed.publishable_sources(user)}
        self.fields["source"].choices = [(k, str(s)) for k, s in self.sources.items()]
        self.fields["region"].queryset = Organisation.objects.order_by("name")
        # the options show the names only (``Cooperation.__str__``)
        self.fields["shared_with"].queryset = Cooperation.objects.filter(
            pk__in=user_cooperation_ids(user)
        ).only("name")

    def clean_source(self):
        return self.sources[self.cleaned_data["source"]]


class SettingsForm(BootstrapModelForm):
    class Meta:
        model = IndicatorSeries
        fields = [
            "visibility",
            "shared_with",
            "licence",
            "update_frequency",
            "auto_update",
            "in_comparison",
            "anonymous_in_comparison",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.cooperations.models import Cooperation

        # the options show the names only (``Cooperation.__str__``)
        self.fields["shared_with"].queryset = Cooperation.objects.filter(
            pk__in=user_cooperation_ids(user)
        ).only("name")
        self.fields["shared_with"].required = False


class FlatSelect(forms.Select):
    """A select of plain options (no groups) written in one loop: the HTML of the select template
    as ``core.formrender`` writes it, without an option dict, template context and three escapes
    through lazy wrappers per option; the follow forms list every rating and target the reader
    may edit (#18). tests/indicators/test_forms.py compares it with Django's rendering."""

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        out = [f'<select name="{html_text(name)}"{html_attrs(self.build_attrs(self.attrs, attrs))}>']
        has_selected = False
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):  # groups: Django's way
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            selected = not has_selected and option_value in values
            has_selected |= selected
            out.append(
                f'\n  <option value="{escape(option_value)}"{" selected" if selected else ""}>'
                f"{html_text(label)}</option>\n"
            )
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 (every value is escaped)


class FollowTargetForm(BootstrapForm):
    target = forms.ModelChoiceField(label=_("Vision 2100 target"), queryset=None, widget=FlatSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.planning.models import GoalNode

        self.fields["target"].queryset = (
            GoalNode.objects.editable_by(user).exclude(indicator="").order_by("title").only("title")
        )


class _RatingChoices(ModelChoiceIterator):
    """The options as rows of the four label columns: a rating's label spans four tables, and
    four model instances per option cost the series page more than all its queries (#18)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, area, scenario, code, title in self.queryset.values_list(
            "pk", "assessment__area__name", "assessment__scenario", "measure__code", "measure__title"
        ):
            yield ModelChoiceIteratorValue(pk, None), f"{area} · {scenario} · {code} {title}"


class RatingChoiceField(forms.ModelChoiceField):
    iterator = _RatingChoices  # writes the labels itself


class FollowRatingForm(BootstrapForm):
    rating = RatingChoiceField(label=_("Rating of a catalogue measure"), queryset=None, widget=FlatSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.assessment.models import Assessment, Rating

        self.fields["rating"].queryset = (
            Rating.objects.filter(assessment__in=Assessment.objects.editable_by(user))
            .exclude(measure__target_1="")
            .select_related("assessment__area", "measure")
            .order_by("assessment__area__name", "assessment__scenario", "measure__code")
            .only("assessment__area__name", "assessment__scenario", "measure__code", "measure__title")
        )
