"""Registries that apps fill from their own AppConfig.ready() (convention 12).

Adding an app never edits a central list: it registers its navigation entries here, and
its ``urls``, ``api`` and ``demo`` modules are discovered by module name.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

# Reversed addresses of the navigation entries, per script prefix: the navigation is on every
# page, and reversing its fifty entries on each request cost about a millisecond.
_URLS: dict = {}


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str
    icon: str = "circle"
    order: int = 50
    section: str = "modules"
    public: bool = False  # shown to anonymous visitors too
    # Optional ``visible(user) -> bool``: leave out entries that would only answer 403 (audit log).
    visible: object = None

    @property
    def url(self) -> str:
        key = (get_script_prefix(), self.url_name)
        if key not in _URLS:
            _URLS[key] = reverse(self.url_name)
        return _URLS[key]


@dataclass
class NavRegistry:
    entries: dict = field(default_factory=dict)

    _sections: dict = field(default_factory=dict)  # (authenticated, language) -> sections
    # The rendered menu, keyed by everything it depends on: signed in or not, language, script
    # prefix and which entries with a ``visible`` rule are shown to this user. The entries are
    # fixed once the apps are ready (``register`` empties it), so no other change invalidates it.
    _menus: dict = field(default_factory=dict)

    def register(
        self, url_name, label, icon="circle", order=50, section="modules", public=False, visible=None
    ):
        self.entries[url_name] = NavEntry(url_name, label, icon, order, section, public, visible)
        self._sections.clear()
        self._menus.clear()

    SECTION_ORDER = (
        "start",
        "cooperation",
        "administration",
        "resources",
        "knowledge",
        "data",
        "planning",
        "economy",
        "modules",
        "platform",
    )

    def sections(self, authenticated: bool, user=None):
        """Entries by section, sorted; the order is worked out once per language (the labels sort by
        their translation), as the entries are fixed once the apps are ready. Entries with a
        ``visible(user)`` rule are then filtered for ``user``."""
        key = (authenticated, get_language())
        if key not in self._sections:
            self._sections[key] = self._sorted_sections(authenticated)
        if user is None:
            return self._sections[key]
        shown = {}
        for name, entries in self._sections[key].items():
            kept = [e for e in entries if e.visible is None or e.visible(user)]
            if kept:
                shown[name] = kept
        return shown

    def menu_html(self, authenticated: bool, user=None) -> str:
        """The main navigation's ``<li>`` items, rendered once per key (see ``_menus``)."""
        from django.template.loader import render_to_string

        rules = tuple(
            bool(e.visible(user))
            for entries in self.sections(authenticated).values()
            for e in entries
            if e.visible is not None
        )
        menu_key = (authenticated, get_language(), get_script_prefix(), rules)
        if menu_key not in self._menus:
            self._menus[menu_key] = render_to_string(
                "core/_nav_menu.html", {"nav_sections": self.sections(authenticated, user)}
            )
        return self._menus[menu_key]

    def _sorted_sections(self, authenticated: bool):
        result: dict[str, list[NavEntry]] = {}
        for entry in sorted(self.entries.values(), key=lambda e: (e.order, str(e.label))):
            if authenticated or entry.public:
                result.setdefault(entry.section, []).append(entry)
        rank = {name: i for i, name in enumerate(self.SECTION_ORDER)}
        return dict(sorted(result.items(), key=lambda item: rank.get(item[0], len(rank))))


nav = NavRegistry()


# The modules found per (apps, module name): the apps' modules do not change while the process
# runs, and looking for a missing one again searched the disk on every dashboard (nine apps
# have no ``dashboard``) and cooperation page.
_FOUND: dict = {}


def app_modules(module_name: str):
    """``(app_label, module)`` for every iKonnekt app that has ``<app>.<module_name>``, in app order."""
    key = (tuple(settings.IKONNEKT_APPS), module_name)
    found = _FOUND.get(key)
    if found is None:
        found = _FOUND[key] = tuple(_discover(key[0], module_name))
    return found


def _discover(app_paths, module_name):
    for app_path in app_paths:
        try:
            module = import_module(f"{app_path}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_path}.{module_name}":
                raise
            continue
        yield app_path.rsplit(".", 1)[-1], module
