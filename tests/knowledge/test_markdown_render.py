"""Markdown is rendered and sanitised: nothing an author types can run script in a reader's browser."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikonnekt.knowledge.markdown_render import plain_excerpt, render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src='https://evil.example'></iframe>",
    '<svg onload="alert(1)"><circle/></svg>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<form action="https://evil.example"><input name="pw"></form>',
    "<object data='x.swf'></object>",
    '<a href="vbscript:msgbox(1)">x</a>',
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_script_injection_is_removed(attack):
    html = render_markdown(f"Text davor\n\n{attack}\n\nText danach").lower()
    for bad in ("<script", "onerror", "onload", "javascript:", "vbscript:", "<iframe", "<svg", "<style",
                "style=", "<form", "<input", "<object", "data:text"):  # fmt: skip
        assert bad not in html, (attack, html)
    assert "text danach" in html


def test_markdown_features_survive_sanitising():
    html = render_markdown(
        "## Eckdaten\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n- **fett** und *kursiv*\n\n"
        "[EVS](https://www.entsorgungsverband.de/) ![Bild](/knowledge/1/files/2/)"
    )
    assert '<h2 id="eckdaten">Eckdaten</h2>' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<strong>fett</strong>" in html and "<em>kursiv</em>" in html
    assert 'href="https://www.entsorgungsverband.de/"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert 'src="/knowledge/1/files/2/"' in html


def test_plain_excerpt_shortens_on_word_boundaries():
    assert plain_excerpt("## Titel\n\n**Viel** Text hier", 12) == "Titel Viel…"
    assert plain_excerpt("kurz") == "kurz"


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("<>/=\"' ()[]!:;&#ascriptonerlodjvsimgfhef\n*_`")), max_size=200)
)
def test_no_script_tag_or_handler_ever_survives(text):
    html = render_markdown(text).lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert " onerror=" not in html and " onload=" not in html
