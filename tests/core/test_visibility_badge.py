"""The visibility badge: one per row of every list, kept per language and visibility."""

from types import SimpleNamespace

from django.utils import translation

from ikonnekt.core.templatetags.ikonnekt import visibility_badge


def test_the_badge_speaks_the_readers_language_and_keeps_an_own_label():
    for language, private, public in (
        ("de", "Privat (eigene Organisation)", "Öffentlich (auch als Open Data)"),
        ("en", "Private (own organisation)", "Public (also open data)"),
        ("de", "Privat (eigene Organisation)", "Öffentlich (auch als Open Data)"),
    ):
        with translation.override(language):
            badge = visibility_badge(SimpleNamespace(visibility="private"))
            assert badge == (
                f'<span class="badge badge-visibility-private" title="{private}">'
                f'<i class="bi bi-lock"></i> {private}</span>'
            )
            assert f'bi-unlock"></i> {public}<' in visibility_badge(SimpleNamespace(visibility="public"))
            own = visibility_badge(SimpleNamespace(visibility="cooperation", visibility_label="Mit <A>"))
            assert 'title="Mit &lt;A&gt;"' in own and "bi-people" in own
    assert visibility_badge(SimpleNamespace()) == ""
