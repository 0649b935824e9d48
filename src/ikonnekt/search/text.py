"""German text analysis for the full-text index: umlaut folding, tokenising, Snowball stemming.

The same analysis runs on the index side and on the query side, so "Gewerbegebiete" finds
"Gewerbegebiet" and "Gruenschnitt" finds "Grünschnitt". SQLite FTS5 has no German stemmer, so
the index stores already stemmed tokens; PostgreSQL stems the folded text with its ``german``
configuration.
"""

import html
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

import Stemmer
from django.utils.translation import gettext as _

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_INDEX_CHARS = 500_000  # longer texts are indexed up to this length
MAX_QUERY_TERMS = 12
OPERATOR_WORDS = {"AND", "OR", "NOT", "NEAR"}

_stemmer = Stemmer.Stemmer("german")


def fold(text: str) -> str:
    """Lower-case and write umlauts and ß as ae/oe/ue/ss (what people type without them)."""
    text = text.lower()
    if text.isascii():
        return text
    # str.replace runs in C; str.translate with multi-character targets is ~20x slower
    return text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")


_WORD_KEYS: dict[str, str] = {}  # a plain dict: lookups cost less than an lru_cache call


def word_key(word: str) -> str:
    """Index form of one word as written in a text (folded and stemmed)."""
    key = _WORD_KEYS.get(word)
    if key is None:
        if len(_WORD_KEYS) >= 200_000:
            _WORD_KEYS.clear()
        key = _WORD_KEYS[word] = _stemmer.stemWord(fold(word))
    return key


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(fold(text or ""))


def analyse(text: str) -> str:
    """Index form of ``text``: folded, stemmed tokens separated by spaces."""
    words = tokens((text or "")[:MAX_INDEX_CHARS])
    return " ".join(_stemmer.stemWords(words))


@dataclass
class Term:
    """One query element: a word, a prefix (``gruen*``) or a phrase (``"gelbe tonne"``)."""

    stems: tuple
    prefix: bool = False
    negated: bool = False
    raw: str = ""


@dataclass
class ParsedQuery:
    terms: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # messages for the user (ignored syntax)

    @property
    def positive(self):
        return [t for t in self.terms if not t.negated]

    @property
    def is_empty(self):
        return not self.positive

    def highlight_stems(self) -> set[str]:
        return {s for t in self.positive for s in t.stems}

    def prefixes(self) -> set[str]:
        return {t.stems[-1] for t in self.positive if t.prefix}


_QUERY_PART = re.compile(r'(-?)"([^"]*)"|(\S+)')


def parse_query(query: str) -> ParsedQuery:
    """Parse what a user typed. Supported: words (all must occur), ``"phrases"``, ``prefix*``
    and ``-excluded`` words. Any other syntax (FTS operators, brackets, colons) is treated as
    text, so no input can produce an engine syntax error."""
    parsed = ParsedQuery()
    query = (query or "").strip()[:500]
    if query.count('"') % 2:
        parsed.notes.append(_("An unmatched quotation mark was ignored."))
        query = query.replace('"', " ")
    dropped_ops = set()
    for match in _QUERY_PART.finditer(query):
        if len(parsed.terms) >= MAX_QUERY_TERMS:
            parsed.notes.append(_("Only the first %(n)s search terms are used.") % {"n": MAX_QUERY_TERMS})
            break
        if match.group(2) is not None:  # phrase
            words = tokens(match.group(2))
            if words:
                parsed.terms.append(
                    Term(tuple(stem(w) for w in words), negated=bool(match.group(1)), raw=match.group(2))
                )
            continue
        part = match.group(3)
        negated = part.startswith("-") and len(part) > 1
        body = part[1:] if negated else part
        if body.rstrip("(") in OPERATOR_WORDS:
            dropped_ops.add(body.rstrip("("))
            continue
        prefix = body.endswith("*")
        words = tokens(body)
        if not words:
            continue
        if prefix and len(words) == 1:
            # Stem the prefix too: the index holds stems, which can be shorter than the word.
            word = words[0]
            stemmed = stem(word)
            parsed.terms.append(Term((stemmed if word.startswith(stemmed) else word,), True, negated, body))
        elif len(words) == 1:
            parsed.terms.append(Term((stem(words[0]),), negated=negated, raw=body))
        else:  # "A-B" or "a.b": words written together form a phrase
            parsed.terms.append(Term(tuple(stem(w) for w in words), negated=negated, raw=body))
    if dropped_ops:
        parsed.notes.append(
            _("Search operators (%(ops)s) are not supported; all words must occur.")
            % {"ops": ", ".join(sorted(dropped_ops))}
        )
    if parsed.terms and parsed.is_empty:
        parsed.notes.append(_("Enter at least one word to search for, not only excluded words."))
    return parsed


def fts5_query(parsed: ParsedQuery) -> str:
    """The FTS5 MATCH expression. Every token is quoted; tokens are [a-z0-9] only."""

    def one(term):
        text = '"' + " ".join(term.stems) + '"'
        return text + "*" if term.prefix else text

    positive = " AND ".join(one(t) for t in parsed.positive)
    negative = [one(t) for t in parsed.terms if t.negated]
    if negative:
        return f"({positive}) NOT ({' OR '.join(negative)})"
    return positive


def tsquery(parsed: ParsedQuery) -> str:
    """A ``to_tsquery('german', …)`` expression over folded words (PostgreSQL stems them)."""

    def words(term):
        raw = tokens(term.raw)
        return raw or list(term.stems)

    def one(term):
        ws = words(term)
        text = " <-> ".join(ws) if len(ws) > 1 else ws[0]
        if term.prefix:
            text += ":*"
        return ("!" if term.negated else "") + (f"({text})" if len(ws) > 1 else text)

    return " & ".join(one(t) for t in parsed.terms if words(t))


def _words(text: str) -> list[str]:
    """``TOKEN.findall(text)``, faster: most whitespace-separated chunks are one token
    (``str.isalnum`` is exactly the character class of ``TOKEN``)."""
    out = []
    for chunk in text.split():
        if chunk.isalnum():
            out.append(chunk)
        else:
            out += TOKEN.findall(chunk)
    return out


def snippet(text: str, parsed: ParsedQuery, width: int = 28, max_chars: int = 30_000) -> str:
    """An HTML-safe excerpt of ``text`` around the best cluster of matching words, with
    ``<mark>`` around matches."""
    text = (text or "")[:max_chars]
    words = _words(text)
    if not words:
        return ""
    wanted = parsed.highlight_stems()
    prefixes = parsed.prefixes()
    known = _WORD_KEYS
    if prefixes:
        matching = set()
        for word in set(words):
            stemmed = known.get(word) or word_key(word)
            if stemmed in wanted or any(stemmed.startswith(p) or fold(word).startswith(p) for p in prefixes):
                matching.add(word)
    else:
        matching = {w for w in set(words) if (known.get(w) or word_key(w)) in wanted}
    hits = [i for i, word in enumerate(words) if word in matching][:200] if matching else []
    start_tok = 0
    if hits:
        best, best_count = hits[0], 0
        for j, h in enumerate(hits):  # hits ascend: count the window [h, h + width) by bisection
            count = bisect_left(hits, h + width, j) - j
            if count > best_count:
                best, best_count = h, count
        start_tok = max(0, best - 4)
    end_tok = min(len(words), start_tok + width)
    pos = 0
    for word in words[:start_tok]:  # character offset of the window: tokens are found in order
        pos = text.find(word, pos) + len(word)
    # Escape the text between marked words in one piece (html.escape works per character).
    hit_set = set(hits)
    out = []
    plain = None  # start of the text not yet written
    end = pos
    for i, match in enumerate(islice(TOKEN.finditer(text, pos), end_tok - start_tok), start_tok):
        s, end = match.span()
        if plain is None:
            plain = s if start_tok else 0
        if i in hit_set:
            out.append(html.escape(text[plain:s]))
            out.append(f"<mark>{html.escape(match.group())}</mark>")
            plain = end
    out.append(html.escape(text[plain:end]))
    prefix = "… " if start_tok > 0 else ""
    suffix = " …" if end_tok < len(words) else ""
    return prefix + "".join(out).strip() + suffix
