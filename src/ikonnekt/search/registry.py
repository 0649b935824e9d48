"""Models register here to appear in the one global search (each app's ``search.py``).

    from ikonnekt.search.registry import register
    register(Document, title="title", body=["content", "correspondent"], facets=["kind"])

Every registered model must be a shared object (``visible_to``) or give ``queryset(user)``.
"""

from dataclasses import dataclass, field


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


SPECS: dict[str, SearchSpec] = {}


def register(model, *, title, body=(), facets=(), label="", queryset=None, url=None, **extra):
    spec = SearchSpec(model, title, tuple(body), tuple(facets), label, queryset, url, extra)
    SPECS[spec.key] = spec
    return spec


def specs():
    from ikonnekt.core.registry import app_modules

    for _label, _module in app_modules("search_index"):
        pass
    return dict(SPECS)
