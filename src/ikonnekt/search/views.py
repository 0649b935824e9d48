"""The global search page: ranked hits with snippets, facets and filters."""

from urllib.parse import urlencode

from django.shortcuts import render

from ikonnekt.search.engine import search
from ikonnekt.search.registry import specs

PAGE_SIZE = 20


def facet_labels():
    labels = {}
    for spec in specs().values():
        for name in spec.facets:
            if isinstance(name, str):
                labels.setdefault(name, spec.facet_label(name))
    return labels


def facet_value_labels(name) -> dict:
    """``{stored value: label}`` of a facet: the choices of every registered model with a field
    of that name (built once per facet and page, not per value)."""
    labels = {}
    for spec in specs().values():
        for value, label in spec.facet_choices(name).items():
            labels.setdefault(value, label)
    return labels


def facet_display(name, value):
    """What a facet value means to people: a choice label, else the value as stored."""
    return facet_value_labels(name).get(value, value)


def results(request):
    query = request.GET.get("q", "")[:200]
    model = request.GET.get("model", "")
    labels = facet_labels()
    filters = {name: request.GET.get(name) for name in labels if request.GET.get(name)}
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    result = None
    if query.strip():
        result = search(
            request.user,
            query,
            models=[model] if model in specs() else None,
            filters=filters,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
    base = {"q": query, **filters, **({"model": model} if model else {})}
    facets = []
    if result:
        for name, values in result.facets.items():
            value_labels = facet_value_labels(name)
            items = []
            for value, count in values:
                params = dict(base)
                active = filters.get(name) == value
                if active:
                    params.pop(name)
                else:
                    params[name] = value
                items.append(
                    {
                        "value": value,
                        "display": value_labels.get(value, value),
                        "count": count,
                        "active": active,
                        "url": "?" + urlencode(params),
                    }
                )
            facets.append({"name": name, "label": labels.get(name, name), "values": items})
    models = [{"key": k, "label": s.display_label()} for k, s in specs().items()]
    pages = {}
    if result and result.total > page * PAGE_SIZE:
        pages["next"] = "?" + urlencode({**base, "page": page + 1})
    if page > 1:
        pages["previous"] = "?" + urlencode({**base, "page": page - 1})
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "result": result,
            "facets": facets,
            "filters": filters,
            "models": models,
            "model": model,
            "pages": pages,
            "page": page,
        },
    )
