"""{% constant %}: rendered once per place and language, never showing request data."""

import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.test import override_settings
from django.utils import translation

from ikonnekt.core.templatetags import ikonnekt as tags


def _template(source):
    engine = Engine(
        libraries={"ikonnekt": "ikonnekt.core.templatetags.ikonnekt"}, builtins=["django.templatetags.i18n"]
    )
    return engine.from_string("{% load ikonnekt %}" + source)


@override_settings(DEBUG=False)
def test_body_sees_no_context_and_is_reused():
    template = _template("{% constant %}[{{ user }}|{% translate 'Imprint' %}]{% endconstant %}<{{ user }}>")
    with translation.override("de"):
        first = template.render(Context({"user": "alice"}))
        second = template.render(Context({"user": "bob"}))
    assert first == "[|Impressum]<alice>"
    assert second == "[|Impressum]<bob>"


@override_settings(DEBUG=False)
def test_each_place_and_language_has_its_own_text():
    template = _template(
        "{% constant %}A{% endconstant %}{% constant %}{% translate 'Imprint' %}{% endconstant %}"
    )
    with translation.override("de"):
        assert template.render(Context()) == "AImpressum"
    with translation.override("en"):
        assert template.render(Context()) == "AImprint"


@override_settings(DEBUG=False)
def test_cached_text_is_used_on_the_next_render(monkeypatch):
    template = _template("{% constant %}{% translate 'Imprint' %}{% endconstant %}")
    with translation.override("de"):
        template.render(Context())
        (node,) = template.nodelist.get_nodes_by_type(tags.ConstantNode)
        monkeypatch.setitem(node.texts, next(iter(node.texts)), "from the store")
        assert template.render(Context()) == "from the store"


@override_settings(DEBUG=True)
def test_debug_renders_every_time(monkeypatch):
    template = _template("{% constant %}{% translate 'Imprint' %}{% endconstant %}")
    with translation.override("de"):
        (node,) = template.nodelist.get_nodes_by_type(tags.ConstantNode)
        monkeypatch.setitem(node.texts, ("de", "/"), "stale")
        assert template.render(Context()) == "Impressum"


def test_takes_no_arguments():
    with pytest.raises(TemplateSyntaxError):
        _template("{% constant user %}x{% endconstant %}")


@pytest.mark.django_db
def test_layout_shows_user_data_outside_the_constant_parts(client, django_user_model):
    user = django_user_model.objects.create_user("chrome-tester", password="x")
    client.force_login(user)
    html = client.get("/administration/calendar/").content.decode()
    assert "chrome-tester" in html
    assert 'href="/accounts/profile/"' in html
    assert "csrfmiddlewaretoken" in html  # the sign-out form keeps its per-user token


@override_settings(DEBUG=False)
def test_body_never_sees_the_request():
    from django.template import RequestContext
    from django.test import RequestFactory

    template = _template("{% constant %}[{{ request.GET.q }}]{% endconstant %}<{{ request.GET.q }}>")
    request = RequestFactory().get("/?q=geheim")
    context = RequestContext(request, {"request": request})
    with translation.override("de"):
        assert template.render(context) == "[]<geheim>"
    # a tag reading context.request inside the body fails instead of keeping one user's data
    reading = _template("{% constant %}{% querystring %}{% endconstant %}")
    with pytest.raises(AttributeError), translation.override("de"):
        reading.render(RequestContext(request))
