from django.shortcuts import render

from ikonnekt.search.engine import search_all


def results(request):
    query = request.GET.get("q", "")[:200]
    groups = search_all(request.user, query)
    return render(request, "search/results.html", {"query": query, "groups": groups})
