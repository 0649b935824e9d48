import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ikonnekt.search.snippets import match_spans, snippet
from ikonnekt.search.text import TOKEN, fold, parse_query, word_key

WORDS = [
    "Grünschnitt",
    "Gruenschnitt",
    "GRÜNSCHNITTS",
    "Grünschnittmengen",
    "Straße",
    "Strasse",
    "Straßen",
    "Förderung",
    "Foerderungen",
    "Müll",
    "Muell",
    "bauen",
    "Bauer",
    "Quelle",
    "Gewerbegebiete",
    "Gewerbegebiet",
    "Fuß",
    "Kreislaufwirtschaft",
    "und",
    "der",
]
word = st.one_of(st.sampled_from(WORDS), st.text(alphabet="abeosuäöüßAÖÜQ", min_size=1, max_size=9))
separator = st.sampled_from([" ", ", ", ". ", " – ", "\n", " (", ") "])


def _reference(parsed, token):
    """A word matches by its index form (what the search itself uses)."""
    key = word_key(token)
    stems = parsed.highlight_stems()
    return key in stems or any(key.startswith(p) or fold(token).startswith(p) for p in parsed.prefixes())


def _shown(excerpt):
    """``[(token, marked)]`` of an excerpt."""
    out = []
    for piece in re.split(r"(<mark>.*?</mark>)", excerpt):
        if piece.startswith("<mark>"):
            out.append((html.unescape(piece[6:-7]), True))
        else:
            out += [(t, False) for t in TOKEN.findall(html.unescape(piece))]
    return out


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(word, min_size=1, max_size=80),
    seps=st.lists(separator, min_size=80, max_size=80),
    query=word,
    prefix=st.booleans(),
)
def test_every_shown_word_is_marked_exactly_when_it_matches(words, seps, query, prefix):
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    parsed = parse_query(query + ("*" if prefix else ""))
    if parsed.is_empty:
        return
    for token, marked in _shown(snippet(text, parsed)):
        assert marked == _reference(parsed, token), (token, query)


def test_umlaut_spellings_case_and_endings_are_found():
    text = "Gruenschnitt, GRÜNSCHNITTS und Grünschnitt; Straße, Strassen und Fuss"
    found = [text[s:e] for s, e in match_spans(text, parse_query("grünschnitt strasse fuß"))]
    assert found == ["Gruenschnitt", "GRÜNSCHNITTS", "Grünschnitt", "Straße", "Strassen", "Fuss"]


def test_a_prefix_marks_longer_words_and_not_words_inside_others():
    text = "Grünschnittmengen im Kompostwerk; Abgrün bleibt"
    marked = [t for t, m in _shown(snippet(text, parse_query("grün*"))) if m]
    assert marked == ["Grünschnittmengen"]


def test_the_excerpt_shows_the_densest_cluster_of_matches():
    filler = " ".join(["Text"] * 60)
    text = f"Kompost am Anfang. {filler} Kompost, Kompost und des Komposts. {filler}"
    out = snippet(text, parse_query("Kompost"))
    assert out.startswith("… ") and out.endswith(" …")
    assert out.count("<mark>") == 3


def test_without_a_match_the_excerpt_is_the_beginning():
    text = " ".join(f"Wort{i}" for i in range(50))
    out = snippet(text, parse_query("Kompost"))
    assert out.startswith("Wort0 ") and out.endswith(" …") and "<mark>" not in out
    assert snippet("", parse_query("Kompost")) == ""
    assert snippet("– – –", parse_query("Kompost")) == ""


@given(st.text(max_size=300), st.text(max_size=40))
def test_any_text_and_query_give_balanced_safe_html(text, query):
    parsed = parse_query(query)
    out = snippet(text, parsed)
    assert out.count("<mark>") == out.count("</mark>")
    assert "<" not in re.sub(r"</?mark>", "", out)
