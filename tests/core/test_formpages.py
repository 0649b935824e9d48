"""The one form page (core.formpages): title, cancel link, children written with the parent's right."""

import html
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.functional import Promise

from ikonnekt.core.crud import SharedCreateView

pytestmark = pytest.mark.django_db


def _create_pages(patterns=None, namespace=""):
    """(url name, view class) of every create page of a shared object without URL arguments."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _create_pages(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            view_class = getattr(entry.callback, "view_class", None)
            if view_class and issubclass(view_class, SharedCreateView) and not entry.pattern.regex.groupindex:
                yield f"{namespace}{entry.name}", view_class


CREATE_PAGES = sorted(_create_pages())


def test_the_walk_finds_the_create_pages_of_the_modules():
    names = {name for name, _view in CREATE_PAGES}
    assert {"planning:vision_create", "market:product_create", "energy:building_create"} <= names


@pytest.mark.parametrize(("name", "view_class"), CREATE_PAGES, ids=[n for n, _v in CREATE_PAGES])
def test_every_create_page_is_headed_by_its_own_title_in_each_language(cast, client_for, name, view_class):
    # A title given with ``gettext`` in the class body is a plain string: frozen in one language.
    assert isinstance(view_class.title, Promise), f"{name}: title = gettext_lazy(...) in the class body"
    client = client_for(cast.a_editor)
    for language in ("en", "de", "en"):
        with translation.override(language):
            expected = html.escape(str(view_class.title))
        response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, name
        headings = re.findall(r"<h1[^>]*>\s*(.*?)\s*</h1>", response.content.decode(), re.S)
        assert headings == [expected], (name, language)
