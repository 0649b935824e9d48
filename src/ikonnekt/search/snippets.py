"""Highlighted excerpts ("snippets") of hit texts for the search results.

A word of a text matches a query term when its index form (:func:`~ikonnekt.search.text.word_key`:
folded and stemmed) is one of the term's stems, or, for a prefix term, starts with it.
Checking every word of a 300-word text that way costs ~0.2 ms in Python, a third of a whole
search for 20 hits. So a regular expression built from the query's stems finds the candidate
words first (in C), and only the candidates are checked. The index form of a word differs from
the word as written only by letter case, umlauts (``ä``/``ae`` became ``a`` in the stem),
``ß``/``ss`` and the ending the stemmer cut off; the expression allows exactly these spellings
before any ending, so every word whose index form matches is a candidate.
"""

import html
import re
from bisect import bisect_left
from functools import lru_cache
from itertools import islice

from ikonnekt.search.text import TOKEN, ParsedQuery, fold, word_key

MAX_HITS = 200  # matching words looked at for the best excerpt
LEAD_WORDS = 4  # words shown before the first match of the excerpt
CHARS_PER_WORD = 8  # a window of ``width`` words spans about this many characters per word

# Spellings of a stem's letters in the written text (the stem is folded and lower case).
_VOWELS = {"a": "(?:ä|ae?)", "o": "(?:ö|oe?)", "u": "(?:ü|ue?)"}
_RUN_OF_S = re.compile("s+")


def _spelled(stem: str) -> str:
    """A pattern for the written forms of ``stem`` (a few more: candidates are checked).

    ``a``/``o``/``u`` may be written ``ä``/``ae`` …, an ``e`` after them may be part of the
    umlaut, and each ``ß`` stands for one or two ``s``."""
    out, i = [], 0
    while i < len(stem):
        char = stem[i]
        if char == "s":
            run = len(_RUN_OF_S.match(stem, i).group())
            out.append(f"(?:ß|s){{{(run + 1) // 2},{run}}}")
            i += run
            continue
        if char == "e" and i and stem[i - 1] in _VOWELS:
            out.append("e?")
        else:
            out.append(_VOWELS.get(char, re.escape(char)))
        i += 1
    return "".join(out)


@lru_cache(maxsize=1024)
def candidate_pattern(stems: frozenset) -> re.Pattern:
    """Whole words that may have one of ``stems`` as (the start of) their index form."""
    alternatives = "|".join(_spelled(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def _matcher(parsed: ParsedQuery):
    """``(stems and prefixes, matches(word))`` of a query, made once per parsed query (the
    snippets of all hits of a page use the same)."""
    made = parsed.__dict__.get("_snippet_matcher")
    if made is None:
        made = parsed.__dict__["_snippet_matcher"] = _make_matcher(parsed)
    return made


def _make_matcher(parsed: ParsedQuery):
    wanted = parsed.highlight_stems()
    prefixes = tuple(parsed.prefixes())

    def matches(word: str) -> bool:
        key = word_key(word)
        if key in wanted:
            return True
        return any(key.startswith(p) or fold(word).startswith(p) for p in prefixes)

    return wanted | set(prefixes), matches


def match_spans(text: str, parsed: ParsedQuery, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    """``(start, end)`` of the words of ``text`` that match the query, in order."""
    stems, matches = _matcher(parsed)
    if not stems:
        return []
    spans = []
    for found in candidate_pattern(frozenset(stems)).finditer(text):
        if matches(found.group()):
            spans.append(found.span())
            if len(spans) >= limit:
                break
    return spans


def _best_start(starts: list[int], window: int) -> int:
    """Start of the match that begins the densest ``window`` characters."""
    best, best_count = starts[0], 0
    for j, start in enumerate(starts):
        count = bisect_left(starts, start + window, j) - j
        if count > best_count:
            best, best_count = start, count
    return best


def snippet(text: str, parsed: ParsedQuery, width: int = 28, max_chars: int = 30_000) -> str:
    """An HTML-safe excerpt of about ``width`` words of ``text`` around the densest cluster of
    matching words, with ``<mark>`` around the matches."""
    text = (text or "")[:max_chars]
    spans = match_spans(text, parsed)
    starts = [s for s, _ in spans]
    pos = 0
    if starts:
        best = _best_start(starts, width * CHARS_PER_WORD)
        low = max(0, best - 60 * LEAD_WORDS)
        lead = list(TOKEN.finditer(text, low, best))
        if lead and low and lead[0].start() == low and TOKEN.match(text, low - 1):
            lead = lead[1:]  # a word cut by the look-back
        pos = lead[-LEAD_WORDS:][0].start() if lead else best
    if pos and TOKEN.search(text, 0, pos) is None:
        pos = 0  # nothing but punctuation before: start at the beginning
    marked = set(starts)
    out, plain, end, shown = [], pos, pos, 0
    for found in islice(TOKEN.finditer(text, pos), width):
        shown += 1
        s, end = found.span()
        if s in marked:
            out.append(html.escape(text[plain:s]))
            out.append(f"<mark>{html.escape(found.group())}</mark>")
            plain = end
    if not shown:
        return ""
    out.append(html.escape(text[plain:end]))
    prefix = "… " if pos > 0 else ""
    suffix = " …" if TOKEN.search(text, end) is not None else ""
    return prefix + "".join(out).strip() + suffix
