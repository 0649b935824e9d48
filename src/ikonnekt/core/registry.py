"""Registries that apps fill from their own AppConfig.ready() (convention 12).

Adding an app never edits a central list: it registers its navigation entries here, and
its ``urls``, ``api`` and ``demo`` modules are discovered by module name.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings


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


@dataclass
class NavRegistry:
    entries: dict = field(default_factory=dict)

    def register(
        self, url_name, label, icon="circle", order=50, section="modules", public=False, visible=None
    ):
        self.entries[url_name] = NavEntry(url_name, label, icon, order, section, public, visible)

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
        result: dict[str, list[NavEntry]] = {}
        for entry in sorted(self.entries.values(), key=lambda e: (e.order, str(e.label))):
            if entry.visible is not None and user is not None and not entry.visible(user):
                continue
            if authenticated or entry.public:
                result.setdefault(entry.section, []).append(entry)
        rank = {name: i for i, name in enumerate(self.SECTION_ORDER)}
        return dict(sorted(result.items(), key=lambda item: rank.get(item[0], len(rank))))


nav = NavRegistry()


def app_modules(module_name: str):
    """Yield ``(app_label, module)`` for every iKonnekt app that has ``<app>.<module_name>``."""
    for app_path in settings.IKONNEKT_APPS:
        try:
            module = import_module(f"{app_path}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_path}.{module_name}":
                raise
            continue
        yield app_path.rsplit(".", 1)[-1], module
