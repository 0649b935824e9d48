"""The fixed test cast (convention 9) and test-wide settings.

Cast: organisation A (owner of things), B (partner of A in cooperation C), Z (outsider).
Users: a_admin, a_editor, a_viewer (members of A), b_editor, b_viewer (members of B),
z_admin (member of Z only) and anonymous.
"""

import importlib
import pkgutil
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

TEST_MEDIA = Path(tempfile.mkdtemp(prefix="ikonnekt-test-media-"))


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.JOBS_EAGER = True
    settings.AXES_ENABLED = False
    settings.MEDIA_ROOT = TEST_MEDIA
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_BROKER_URL = ""
    # Make every app's test factories known to the generated tests (IDOR walker, matrix).
    tests_dir = Path(__file__).parent
    for info in pkgutil.iter_modules([str(tests_dir)]):
        if info.ispkg and (tests_dir / info.name / "factories.py").exists():
            importlib.import_module(f"tests.{info.name}.factories")


def pytest_collection_modifyitems(config, items):
    """Transactional tests flush the database afterwards, which would also remove rows that
    data migrations create (goals, SDGs, waste codes). Serialized rollback restores them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker is not None
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            item.add_marker(
                pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False
            )


def pytest_unconfigure(config):
    shutil.rmtree(TEST_MEDIA, ignore_errors=True)


@dataclass
class Cast:
    org_a: object
    org_b: object
    org_z: object
    coop: object
    a_admin: object
    a_editor: object
    a_viewer: object
    b_editor: object
    b_viewer: object
    z_admin: object
    anonymous: object

    def user(self, name):
        return getattr(self, name)


def make_user(username, **kwargs):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username=username, password="pw-" + username, email=f"{username}@example.org", **kwargs
    )
    return user


@pytest.fixture
def cast(db):
    from ikonnekt.cooperations.models import Cooperation, Goal, Participation
    from ikonnekt.organizations.models import Membership, Organisation

    Goal.ensure_defaults()
    org_a = Organisation.objects.create(
        name="Gemeinde A", slug="gemeinde-a", code="GA", kind="municipality", inhabitants=10000
    )
    org_b = Organisation.objects.create(
        name="Stadt B", slug="stadt-b", code="SB", kind="municipality", inhabitants=30000
    )
    org_z = Organisation.objects.create(
        name="Gemeinde Z", slug="gemeinde-z", code="GZ", kind="municipality", inhabitants=5000
    )
    users = {}
    for name, org, role in [
        ("a_admin", org_a, "admin"),
        ("a_editor", org_a, "editor"),
        ("a_viewer", org_a, "viewer"),
        ("b_admin", org_b, "admin"),
        ("b_editor", org_b, "editor"),
        ("b_viewer", org_b, "viewer"),
        ("z_admin", org_z, "admin"),
    ]:
        users[name] = make_user(name)
        Membership.objects.create(user=users[name], organisation=org, role=role)
    coop = Cooperation.objects.create(
        name="Kooperation A–B",
        form="zweckvereinbarung",
        status="active",
        owner=org_a,
        visibility="cooperation",
        created_by=users["a_admin"],
    )
    coop.goals.set(Goal.objects.filter(key__in=["administration", "resources"]))
    Participation.objects.create(cooperation=coop, organisation=org_a, part="lead")
    Participation.objects.create(cooperation=coop, organisation=org_b, part="partner")
    users.pop("b_admin")
    return Cast(org_a=org_a, org_b=org_b, org_z=org_z, coop=coop, anonymous=AnonymousUser(), **users)


@pytest.fixture
def client_for(client):
    """``client_for(user)``: a test client signed in as ``user`` (anonymous: signed out)."""

    def sign_in(user):
        client.logout()
        if user is not None and user.is_authenticated:
            client.force_login(user, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _empty_data_cache():
    """Data stored in Django's cache (energy alerts, quarter comparisons) is keyed by its inputs;
    a test starts with none from another test whose rows had the same ids."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's language (German): a request with ``Accept-Language: en``
    leaves English active in the thread, and a later test asserting German text would fail."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
