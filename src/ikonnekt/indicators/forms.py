from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

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
        self.fields["shared_with"].queryset = Cooperation.objects.filter(pk__in=user_cooperation_ids(user))

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
        from ikonnekt.cooperations.models import Cooperation

        instance = kwargs.get("instance")
        coop_ids = user_cooperation_ids(user)
        listed = None
        if instance is not None and instance.pk and not (args or kwargs.get("data") is not None):
            # An unbound form on the series page: the cooperations offered and those the series
            # is shared with in one query (the form's initial value and its options were two, #18).
            listed = _offered_and_shared(instance, coop_ids)
            cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
            had_cache = "shared_with" in cache
            if not had_cache:
                cache["shared_with"] = _cached_queryset(Cooperation, [c for c in listed if c.is_shared])
        try:
            super().__init__(*args, **kwargs)
        finally:
            if listed is not None and not had_cache:
                del instance._prefetched_objects_cache["shared_with"]
        field = self.fields["shared_with"]
        field.queryset = Cooperation.objects.filter(pk__in=coop_ids)
        field.required = False
        if listed is not None:
            field.widget.choices = _ListedChoices(field, [c for c in listed if c.pk in coop_ids])


def _offered_and_shared(series, coop_ids):
    """Cooperations offered to the reader (``coop_ids``) or shared with ``series``, each with
    ``is_shared``, in the cooperations' order (name). Plain SQL: the ORM's query with an
    ``Exists`` cost more to build than the two queries it replaces (#18)."""
    from django.db import connection

    from ikonnekt.cooperations.models import Cooperation

    quote = connection.ops.quote_name
    field = IndicatorSeries._meta.get_field("shared_with")
    through = field.remote_field.through._meta
    pk = quote(Cooperation._meta.pk.column)
    target = quote(through.get_field(field.m2m_reverse_field_name()).column)
    source = quote(through.get_field(field.m2m_field_name()).column)
    shared = f"SELECT {target} FROM {quote(through.db_table)} WHERE {source} = %s"  # noqa: S608 - names from the models
    offered = f" OR c.{pk} IN ({', '.join(['%s'] * len(coop_ids))})" if coop_ids else ""
    sql = (
        f"SELECT c.*, c.{pk} IN ({shared}) AS is_shared FROM {quote(Cooperation._meta.db_table)} c "  # noqa: S608
        f"WHERE c.{pk} IN ({shared}){offered} ORDER BY c.{quote(Cooperation._meta.get_field('name').column)}"
    )
    return list(Cooperation.objects.raw(sql, [series.pk, series.pk, *sorted(coop_ids)]))


def _cached_queryset(model, objects):
    """A queryset holding ``objects`` as its result, as a prefetch leaves it (no query)."""
    queryset = model.objects.filter(pk__in=[o.pk for o in objects])
    queryset._result_cache = objects
    queryset._prefetch_done = True
    return queryset


class _ListedChoices(ModelChoiceIterator):
    """The options of a model choice field from objects already loaded (no query)."""

    def __init__(self, field, objects):
        super().__init__(field)
        self.objects = objects

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.objects:
            yield self.choice(obj)

    def __len__(self):
        return len(self.objects) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.objects)


class FollowTargetForm(BootstrapForm):
    target = forms.ModelChoiceField(label=_("Vision 2100 target"), queryset=None)

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
    rating = RatingChoiceField(label=_("Rating of a catalogue measure"), queryset=None)

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
