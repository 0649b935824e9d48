"""The one registry of indicator feeds (like search, dashboard and demo: convention 12).

A module offers a computed figure as a *feed* in its own ``<app>/feeds.py``::

    from ikonnekt.indicators.registry import Feed, Point, feeds

    feeds.register(Feed(key="materials.greenwaste_heat_mwh", source_model="materials.GreenWasteScenario",
                        title=_("Heat from green waste"), unit="MWh/a", calculation=..., version="1",
                        compute=heat_points))

``compute(source)`` returns :class:`Point` values (year, value, optional dimension such as an
energy carrier, the inputs used and the factor set). Publishing a feed for one source object
creates one :class:`~ikonnekt.indicators.models.IndicatorSeries` per dimension; recomputing adds
values and keeps the old ones as history.

Consumers (Vision 2100 targets, catalogue ratings …) register a callback with
:meth:`FeedRegistry.consumer`; it runs after every recomputation of a series, in the same
transaction, with the series and whether it is usable (not broken).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.functional import Promise

from ikonnekt.core.registry import app_modules


class SourceError(Exception):
    """The source cannot be computed (missing inputs); the message is shown on the jobs page."""


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    dimension: str = ""
    dimension_label: str = ""
    inputs: dict = field(default_factory=dict)
    factor_set: str = ""


@dataclass(frozen=True)
class Feed:
    key: str
    source_model: str  # "app_label.ModelName"
    title: str | Promise
    unit: str
    calculation: str | Promise  # the formula in words, shown with every value
    version: str
    compute: Callable
    description: str | Promise = ""
    # (model label, function instance -> source id or None): saves that make the feed stale
    triggers: tuple = ()
    # who may publish the feed of a source (default: editors of the source's owner)
    can_publish: Callable | None = None
    # sources a user may publish for (default: ``editable_by(user)``)
    sources_for: Callable | None = None
    update_frequency: str = "irregular"

    @property
    def app(self) -> str:
        return self.key.split(".", 1)[0]

    def model(self):
        return apps.get_model(self.source_model)

    def allowed(self, user, source) -> bool:
        if self.can_publish is not None:
            return bool(self.can_publish(user, source))
        return bool(source.can_edit(user))

    def publishable_sources(self, user):
        if self.sources_for is not None:
            return self.sources_for(user)
        return self.model().objects.editable_by(user)

    @staticmethod
    def source_visible(source, user) -> bool:
        """Shared sources follow the sharing rule; organisations (profiles) are visible to all."""
        check = getattr(source, "is_visible_to", None)
        return bool(check(user)) if check else True

    def source_url(self, source) -> str:
        getter = getattr(source, "get_absolute_url", None)
        return getter() if getter else ""


@dataclass
class FeedRegistry:
    feeds: dict = field(default_factory=dict)
    consumers: list = field(default_factory=list)
    _discovered: bool = False

    def register(self, feed: Feed) -> Feed:
        self.feeds[feed.key] = feed
        return feed

    def consumer(self, fn: Callable) -> Callable:
        if fn not in self.consumers:
            self.consumers.append(fn)
        return fn

    def autodiscover(self) -> None:
        if not self._discovered:
            for _label, _module in app_modules("feeds"):
                pass
            self._discovered = True

    def get(self, key: str) -> Feed | None:
        self.autodiscover()
        return self.feeds.get(key)

    def all(self) -> list[Feed]:
        self.autodiscover()
        return sorted(self.feeds.values(), key=lambda f: f.key)

    def for_model(self, model) -> list[Feed]:
        label = model._meta.label
        return [f for f in self.all() if f.source_model == label]


feeds = FeedRegistry()
