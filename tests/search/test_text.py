from hypothesis import given
from hypothesis import strategies as st

from ikonnekt.search.snippets import snippet
from ikonnekt.search.text import analyse, fold, fts5_query, parse_query, tsquery


def test_umlauts_are_folded_like_people_type_them():
    assert fold("Grünschnitt Straße ÄÖÜ") == "gruenschnitt strasse aeoeue"
    assert analyse("Grünschnitt") == analyse("Gruenschnitt")


def test_german_plural_and_singular_share_a_stem():
    assert analyse("Gewerbegebiete") == analyse("Gewerbegebiet") == "gewerbegebiet"


def test_phrase_prefix_and_exclusion_are_parsed():
    parsed = parse_query('"gelbe Tonne" Kompost* -Rechnung')
    assert fts5_query(parsed) == '("gelb tonn" AND "kompost"*) NOT ("rechnung")'
    assert tsquery(parsed) == "(gelbe <-> tonne) & kompost:* & !rechnung"


def test_fts_syntax_characters_cannot_break_the_query():
    parsed = parse_query('NEAR( "abc')
    assert [t.stems for t in parsed.terms] == [("abc",)]
    assert len(parsed.notes) == 2  # unmatched quote, unsupported operator


def test_only_excluded_words_is_explained():
    parsed = parse_query("-Rechnung")
    assert parsed.is_empty and parsed.notes


def test_snippet_marks_matches_and_escapes_html():
    parsed = parse_query("Grünschnitt")
    out = snippet("<b>Viel</b> Gruenschnitt und Grünschnitts", parsed)
    assert "&lt;b&gt;" in out and out.count("<mark>") == 2


@given(st.text(max_size=200))
def test_any_input_gives_a_safe_fts5_expression(text):
    parsed = parse_query(text)
    if not parsed.is_empty:
        expr = fts5_query(parsed)
        # every token is quoted and consists of letters/digits only
        for chunk in expr.replace("(", " ").replace(")", " ").split('"')[1::2]:
            assert all(part.isalnum() for part in chunk.split())


@given(st.text(alphabet="abcäöüßÄÖÜ ", max_size=60))
def test_analysis_is_idempotent_on_folded_text(text):
    assert analyse(fold(text)) == analyse(text)
