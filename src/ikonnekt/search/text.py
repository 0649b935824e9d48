"""German text analysis for the full-text index: umlaut folding, tokenising, Snowball stemming.

The same analysis runs on the index side and on the query side, so "Gewerbegebiete" finds
"Gewerbegebiet" and "Gruenschnitt" finds "Grünschnitt". SQLite FTS5 has no German stemmer, so
the index stores already stemmed tokens; PostgreSQL stems the folded text with its ``german``
configuration.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

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


def _fts5_term(term: Term) -> str:
    text = '"' + " ".join(term.stems) + '"'
    return text + "*" if term.prefix else text


def fts5_query(parsed: ParsedQuery) -> str:
    """The FTS5 MATCH expression. Every token is quoted; tokens are [a-z0-9] only."""
    positive = " AND ".join(_fts5_term(t) for t in parsed.positive)
    negative = [_fts5_term(t) for t in parsed.terms if t.negated]
    if negative:
        return f"({positive}) NOT ({' OR '.join(negative)})"
    return positive


TITLE_KEY = "_ti_"  # query words never contain "_", so no search term matches a title key


def title_keys(title_idx: str) -> str:
    """The title's index tokens once more, marked (FTS5 column ``title_keys``): the index list
    of a marked token holds only the rows with that word in the title, so "a term in the
    title" is found from a short list instead of a column filter over every row with the
    word (a frequent word is in a third of all rows, but in few titles)."""
    return " ".join(TITLE_KEY + token for token in title_idx.split())


def fts5_in_title(parsed: ParsedQuery) -> str:
    """FTS5 expression: one of the (not excluded) terms occurs in the title (as title keys)."""

    def one(term):
        text = '"' + " ".join(TITLE_KEY + stem for stem in term.stems) + '"'
        return text + "*" if term.prefix else text

    return "(" + " OR ".join(one(t) for t in parsed.positive) + ")"


def _tsquery_term(term: Term) -> str:
    words = tokens(term.raw) or list(term.stems)
    text = " <-> ".join(words) if len(words) > 1 else words[0]
    if term.prefix:
        text += ":*"
    return ("!" if term.negated else "") + (f"({text})" if len(words) > 1 else text)


def tsquery(parsed: ParsedQuery) -> str:
    """A ``to_tsquery('german', …)`` expression over folded words (PostgreSQL stems them)."""
    return " & ".join(_tsquery_term(t) for t in parsed.terms if tokens(t.raw) or t.stems)


def tsquery_any(parsed: ParsedQuery) -> str:
    """``to_tsquery`` expression: one of the (not excluded) terms (for the title tier)."""
    return " | ".join(_tsquery_term(t) for t in parsed.positive if tokens(t.raw) or t.stems)
