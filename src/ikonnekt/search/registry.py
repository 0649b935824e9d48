"""Models register here to appear in the one global search (each app's ``search_index.py``).

    from ikonnekt.search.registry import register
    register(Document, title="title", body=["content", "correspondent"], facets=["kind", "tags"],
             date="document_date")

``title``/``body``/``facets`` name fields, properties or methods (called without arguments);
a facet naming a many-to-many field indexes every related object's ``str()``. ``facet_labels``
gives readable names for facets. Every registered model must be a shared object
(``visible_to``) or give ``queryset(user)``; the index stores owner/visibility/cooperations of
shared objects (also through ``sharing_parent``) and filters with them inside the search query;
models with their own rule are filtered with ``queryset(user)`` as a subquery.
"""

from dataclasses import dataclass, field
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from ikonnekt.core.sharing import Shareable, SharedObject


@dataclass(frozen=True)
class SearchSpec:
    model: type
    title: str
    body: tuple = ()
    facets: tuple = ()
    label: str = ""
    queryset: object = None  # callable(user) -> queryset of what the user may see
    url: object = None  # callable(obj) -> str; default obj.get_absolute_url()
    extra: dict = field(default_factory=dict)

    @property
    def key(self):
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"

    def visible(self, user):
        if self.queryset is not None:
            return self.queryset(user)
        return self.model.objects.visible_to(user)

    def url_for(self, obj):
        return self.url(obj) if self.url else obj.get_absolute_url()

    def display_label(self):
        return self.label or self.model._meta.verbose_name_plural

    # --- how the index applies the sharing rule -----------------------------------------
    def sharing_path(self):
        """``(path, model)`` to the object carrying owner/visibility ('' = itself), or None
        when the index must ask ``visible(user)`` (own queryset or own visibility rule)."""
        if self.queryset is not None:
            return None
        return _sharing_path(self.model)

    def _field(self, name):
        try:
            return self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    def facet_label(self, name):
        """``facet_labels`` given at registration, else the model field's verbose name."""
        explicit = self.extra.get("facet_labels", {}).get(name)
        if explicit:
            return explicit
        field = self._field(name)
        return capfirst(field.verbose_name) if getattr(field, "verbose_name", None) else name

    def facet_choices(self, name) -> dict:
        """``{stored value: label}`` when the facet is a model field with choices."""
        field = self._field(name)
        if field is None or not getattr(field, "choices", None):
            return {}
        return {str(value): label for value, label in field.flatchoices}


@cache
def _sharing_path(model):
    """See :meth:`SearchSpec.sharing_path` (fixed by the model classes: computed once)."""
    path = []
    for _depth in range(4):
        if issubclass(model, SharedObject):
            overridden = (
                model.cooperation_q.__func__
                not in (
                    SharedObject.cooperation_q.__func__,
                    Shareable.cooperation_q.__func__,
                )
                or model.visible_to_q.__func__ is not SharedObject.visible_to_q.__func__
            )
            return None if overridden else ("__".join(path), model)
        parent = getattr(model, "sharing_parent", None)
        if not parent:
            return None
        path.append(parent)
        model = model._meta.get_field(parent).related_model
    return None


SPECS: dict[str, SearchSpec] = {}


def register(model, *, title, body=(), facets=(), label="", queryset=None, url=None, **extra):
    spec = SearchSpec(model, title, tuple(body), tuple(facets), label, queryset, url, extra)
    SPECS[spec.key] = spec
    return spec


_discovered = False


def specs():
    global _discovered
    if not _discovered:
        from ikonnekt.core.registry import app_modules

        for _label, _module in app_modules("search_index"):
            pass
        _discovered = True
    return dict(SPECS)


def spec_for_model(model):
    return specs().get(f"{model._meta.app_label}.{model._meta.model_name}")
