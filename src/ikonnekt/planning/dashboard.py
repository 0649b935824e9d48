"""Dashboard panel: the top goals with their progress and the land-management figures."""

from django.db.models import Count, Q

from ikonnekt.planning import goaltree
from ikonnekt.planning.models import Site


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    progress, nodes = goaltree.progress_map(user)
    ids = {n.pk for n in nodes}
    roots = [
        {"node": n, "pct": None if progress.get(n.pk) is None else int(progress[n.pk] + 0.5)}
        for n in nodes
        if n.parent_id not in ids
    ][:6]
    # both figures in one query
    sites = Site.objects.visible_to(user).aggregate(
        total=Count("pk"), exchange=Count("pk", filter=Q(in_exchange=True))
    )
    if not roots and not sites["total"]:
        return []
    return [
        {
            "template": "planning/_dashboard_panel.html",
            "goals": roots,
            "sites": sites["total"],
            "exchange": sites["exchange"],
        }
    ]
