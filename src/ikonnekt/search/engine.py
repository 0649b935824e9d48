"""Simple portable search across registered models: case-insensitive substring match on
title and body fields, applied inside the ``visible_to`` query (never post-filtered).

The documents module adds a ranked full-text engine; this one keeps global search working
for every registered model on any database.
"""

from django.db.models import Q

from ikonnekt.search.registry import specs


def search_all(user, query: str, limit_per_model: int = 20):
    query = (query or "").strip()
    if not query:
        return []
    terms = [t for t in query.replace('"', " ").split() if t][:8]
    groups = []
    for spec in specs().values():
        condition = Q()
        for term in terms:
            term_q = Q(**{f"{spec.title}__icontains": term})
            for field_name in spec.body:
                term_q |= Q(**{f"{field_name}__icontains": term})
            condition &= term_q
        hits = list(spec.visible(user).filter(condition)[:limit_per_model])
        if hits:
            groups.append(
                {
                    "spec": spec,
                    "label": spec.display_label(),
                    "hits": [{"object": h, "url": spec.url_for(h), "title": str(h)} for h in hits],
                }
            )
    return groups
