"""The header's organisation and language switches (core/subbar.py) write the same HTML as the
template markup they replaced, which is kept here as the oracle."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from ikonnekt.core import subbar
from ikonnekt.organizations.middleware import _active, _memberships
from ikonnekt.organizations.models import Membership

# the markup of base.html before core/subbar.py
ORGANISATION_TEMPLATE = """{% load i18n %}{% if my_memberships %}<form class="d-flex flex-wrap align-items-center gap-2 subbar-item" method="post" action="{% url 'organizations:switch' %}" id="org-switch">
    {% csrf_token %}<input type="hidden" name="next" value="{{ request.get_full_path }}">
    <label class="small text-muted text-nowrap" for="active-org"><i class="bi bi-building"></i> {% translate "Acting for" %}</label>
    <select class="form-select form-select-sm org-switch" name="organisation" id="active-org">
      {% for m in my_memberships %}<option value="{{ m.organisation_id }}" {% if active_organisation and m.organisation_id == active_organisation.pk %}selected{% endif %}>{{ m.organisation.name }} ({{ m.get_role_display }})</option>{% endfor %}
    </select>
    <button class="btn btn-sm btn-outline-dark">{% translate "Switch" %}</button>
  </form>{% else %}<span class="small text-muted">{% translate "Not a member of an organisation" %}</span>{% endif %}"""  # noqa: E501
LANGUAGE_TEMPLATE = """{% load i18n %}{% get_current_language as LANG %}{% csrf_token %}
        <input name="next" type="hidden" value="{{ request.get_full_path }}">
        {% if LANG == "de" %}<button class="btn btn-sm btn-outline-{{ style }}" name="language" value="en" lang="en">English</button>{% else %}<button class="btn btn-sm btn-outline-{{ style }}" name="language" value="de" lang="de">Deutsch</button>{% endif %}"""  # noqa: E501

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _request(user, path, session_org=None):
    request = RequestFactory().get(path)
    request.user = user
    request.session = {"active_organisation_id": session_org} if session_org else {}
    request.memberships = SimpleLazyObject(lambda: _memberships(request))
    request.active_organisation = SimpleLazyObject(lambda: _active(request))
    return request


def _oracle(source, request, **extra):
    context = {
        "my_memberships": request.memberships,
        "active_organisation": request.active_organisation,
        **extra,
    }
    return TOKEN.sub("TOKEN", engines["django"].from_string(source).render(context, request))


def _ours(html):
    return TOKEN.sub("TOKEN", str(html))


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("path", ["/system/", '/search/?q=<b>"Grün" & Co'])
def test_organisation_switch_writes_what_the_template_wrote(cast, language, path):
    # two memberships, the second one chosen; a name that needs escaping
    cast.org_b.name = 'Stadt <B> & "Partner"'
    cast.org_b.save()
    Membership.objects.create(user=cast.a_editor, organisation=cast.org_b, role="viewer")
    for session_org in (None, cast.org_b.pk):
        with translation.override(language):
            request = _request(cast.a_editor, path, session_org)
            expected = _oracle(ORGANISATION_TEMPLATE, request)
            assert _ours(subbar.organisation_switch(_request(cast.a_editor, path, session_org))) == expected
            assert "selected>" in expected and ("&lt;B&gt;" in expected)


def test_organisation_switch_without_memberships(db):
    from tests.conftest import make_user

    user = make_user("loner")
    with translation.override("de"):
        request = _request(user, "/system/")
        assert _ours(subbar.organisation_switch(request)) == _oracle(ORGANISATION_TEMPLATE, request)
        assert "Kein Mitglied einer Organisation" in str(subbar.organisation_switch(request))


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("style", ["dark", "light"])
def test_language_switch_writes_what_the_template_wrote(cast, language, style):
    for user in (cast.a_viewer, AnonymousUser()):
        with translation.override(language):
            request = _request(user, "/documents/?q=a&b=<c>")
            expected = _oracle(LANGUAGE_TEMPLATE, request, style=style)
            assert _ours(subbar.language_switch(request, style)) == expected
            assert ("English" in expected) == (language == "de")


def test_csrf_input_is_masked_once_per_request_and_secret():
    from django.middleware.csrf import _unmask_cipher_token, rotate_token

    request = RequestFactory().get("/")
    first = subbar.csrf_input(request)
    assert subbar.csrf_input(request) == first  # the page's forms share one token, as in a template render
    secret = request.META["CSRF_COOKIE"]
    assert _unmask_cipher_token(re.search(r'value="([^"]+)"', first)[1]) == secret
    rotate_token(request)  # e.g. a login during the request: a token of the new secret
    second = subbar.csrf_input(request)
    assert second != first
    assert _unmask_cipher_token(re.search(r'value="([^"]+)"', second)[1]) == request.META["CSRF_COOKIE"]
    assert subbar.csrf_input(RequestFactory().get("/")) != first  # another request, another mask
