"""Permission tokens in the full-text index (SQLite FTS5 column ``acl``).

Each index row carries tokens for who may see it, so the full-text match intersects the
user's terms with the user's permissions inside the inverted index instead of checking every
matching row:

* ``_t<content type id>`` the registered model (narrows a search restricted to some models),
* ``_vpublic``            a shared object with visibility ``public``,
* ``_vsignedin``          … with visibility ``public`` or ``platform`` (one token for what every
  signed-in user sees: every token in a match costs time for each matching row),
* ``_o<organisation id>`` its owner,
* ``_c<cooperation id>``  each cooperation it is shared with (only with visibility
  ``cooperation``, like :class:`~ikonnekt.search.models.SearchShare`),
* ``_rown``               a model with its own rule (``queryset(user)`` or its own
  ``visible_to_q``): these rows pass the match and are decided by the SQL check alone.

A user may see a row when it has one of :func:`user_tokens` — the sharing rule of
:mod:`ikonnekt.core.sharing` written as tokens. The tokens only narrow: the engine still
applies the permission SQL to every row it returns, counts or uses for facets, so stale tokens
can hide a row but never show one. The tokenizer keeps ``_`` inside tokens (``tokenchars``),
and query words never contain ``_`` (see :data:`ikonnekt.search.text.TOKEN`), so no search
term can match a permission token.
"""

from ikonnekt.core.sharing import user_cooperation_ids, user_org_ids

OWN_RULE = "_rown"


def entry_tokens(content_type_id, rule, visibility="", owner_id=None, cooperation_ids=()) -> str:
    """The ``acl`` text of one index row."""
    tokens = [f"_t{content_type_id}"]
    if rule == "shared":
        tokens += {"public": ["_vpublic", "_vsignedin"], "platform": ["_vsignedin"]}.get(visibility, [])
        if owner_id is not None:
            tokens.append(f"_o{owner_id}")
        tokens += [f"_c{c}" for c in sorted(set(cooperation_ids))]
    else:
        tokens.append(OWN_RULE)
    return " ".join(tokens)


def user_tokens(user, own_rule=False) -> list[str]:
    """Tokens of the rows ``user`` may see by the sharing rule (plus ``_rown`` when models
    with their own rule are searched)."""
    if user is None or not user.is_authenticated:
        tokens = ["_vpublic"]
    else:
        tokens = ["_vsignedin"]
        tokens += [f"_o{o}" for o in sorted(user_org_ids(user))]
        tokens += [f"_c{c}" for c in sorted(user_cooperation_ids(user))]
    if own_rule:
        tokens.append(OWN_RULE)
    return tokens


def type_tokens(content_type_ids) -> list[str]:
    return [f"_t{ct}" for ct in sorted(content_type_ids)]


def match_any(tokens) -> str:
    """An FTS5 expression matching rows with at least one of ``tokens``."""
    return "(" + " OR ".join(f'"{t}"' for t in tokens) + ")"
