"""Dashboard panel: the top goals with their progress and the land-management figures."""

from django.db.models import Count, Q, Subquery, Value

from ikonnekt.core.prepared import Rows
from ikonnekt.planning import goaltree
from ikonnekt.planning.models import GoalNode, Site

# what the roll-up and the card read of a node (not its texts, owner and responsible organisation)
NODE_FIELDS = ("parent", "title", "rollup", "weight", "indicator", "baseline_value", "target_value")


def _visible_nodes(user):
    """The visible goal nodes with what their progress needs: the latest value of the reference
    series as ``goaltree.visible_nodes`` gives it, without the columns the card does not show."""
    return (
        GoalNode.objects.visible_to(user)
        .only(*NODE_FIELDS, "responsible", "owner")
        .annotate(latest_value=Subquery(goaltree.latest_value_subquery().values("value")[:1]))
    )


def _site_figures(user):
    """(visible sites, of them in the land exchange) as one row; no GROUP BY: the constant is not grouped."""
    return (
        Site.objects.visible_to(user)
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(total=Count("pk"), exchange=Count("pk", filter=Q(in_exchange=True)))
        .values_list("total", "exchange")
    )


# the SQL built once per connection and reader shape (core.prepared)
_nodes = Rows(_visible_nodes)
_sites = Rows(_site_figures)


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    progress, nodes = goaltree.progress_map(user, _nodes(user))
    ids = {n.pk for n in nodes}
    roots = [
        {"node": n, "pct": None if progress.get(n.pk) is None else int(progress[n.pk] + 0.5)}
        for n in nodes
        if n.parent_id not in ids
    ][:6]
    ((total, exchange),) = _sites(user)
    if not roots and not total:
        return []
    return [
        {
            "template": "planning/_dashboard_panel.html",
            "goals": roots,
            "sites": total,
            "exchange": exchange,
        }
    ]
