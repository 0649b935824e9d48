"""Load the goal tree a user may see with its progress, in a fixed number of queries.

Three queries whatever the tree size: the visible nodes annotated with their reference
series' latest value (the responsible organisation's series, else the owner's), the average
progress of each target's visible measures, and nothing else; the roll-up runs in Python
(``planning.progress``).
"""

from dataclasses import dataclass, field

from django.db.models import Avg, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from ikonnekt.core.prepared import Rows
from ikonnekt.planning.models import GoalNode, IndicatorValue, Measure, MeasureStatus
from ikonnekt.planning.progress import NodeInput, indicator_progress, roll_up


@dataclass
class TreeNode:
    node: GoalNode
    progress: float | None
    depth: int = 0
    children: list = field(default_factory=list)
    pct: int | None = None  # rounded progress for the page (formatting 2,000 floats in the template is slow)
    latest: str = ""


def format_number(value, decimal_comma: bool) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def latest_value_subquery():
    own = IndicatorValue.objects.filter(
        node_id=OuterRef("pk"), municipality_id=Coalesce(OuterRef("responsible_id"), OuterRef("owner_id"))
    ).order_by("-year")
    return own


def visible_nodes(user, root=None):
    qs = (
        GoalNode.objects.visible_to(user)
        .select_related("owner", "responsible")
        .annotate(
            latest_value=Subquery(latest_value_subquery().values("value")[:1]),
            latest_year=Subquery(latest_value_subquery().values("year")[:1]),
        )
    )
    return qs


# What the roll-up and a node page's list of sub-targets read of each node.
PROGRESS_FIELDS = (
    "id",
    "parent_id",
    "title",
    "rollup",
    "weight",
    "indicator",
    "baseline_value",
    "target_value",
)


def progress_nodes(user):
    """The visible nodes with only what :func:`progress_map` and a sub-target list need (no joins,
    one subquery): a node page rolls up the whole tree, not only its own fields."""
    return (
        GoalNode.objects.visible_to(user)
        .only(*PROGRESS_FIELDS)
        .annotate(latest_value=Subquery(latest_value_subquery().values("value")[:1]))
    )


def own_progress(node, measure_avg):
    if node.has_indicator and node.latest_value is not None:
        return indicator_progress(node.baseline_value, node.target_value, node.latest_value)
    return measure_avg


# the average progress of each target's visible measures (not dropped); the SQL is built once
# per connection and reader shape (core.prepared): every goal page and the dashboard ask it
_measure_averages = Rows(
    lambda user: (
        Measure.objects.visible_to(user)
        .exclude(status=MeasureStatus.DROPPED)
        .order_by()  # Meta.ordering by target would join the goal nodes only to be dropped from GROUP BY
        .values("target_id")
        .annotate(avg=Avg("progress"))
        .values_list("target_id", "avg")
    )
)


def progress_map(user, nodes=None):
    """``({node_id: progress}, [nodes])`` for everything ``user`` may see."""
    nodes = list(nodes if nodes is not None else visible_nodes(user))
    measure_avgs = dict(_measure_averages(user))
    inputs = {
        n.pk: NodeInput(n.parent_id, n.rollup, n.weight, own_progress(n, measure_avgs.get(n.pk)))
        for n in nodes
    }
    return roll_up(inputs), nodes


def build_tree(user):
    """Flattened pre-order list of ``TreeNode`` (with depth) for rendering the whole tree."""
    progress, nodes = progress_map(user)
    by_parent: dict = {}
    ids = {n.pk for n in nodes}
    for n in nodes:
        key = n.parent_id if n.parent_id in ids else None
        by_parent.setdefault(key, []).append(n)
    flat = []
    comma = (get_language() or "de").startswith("de")
    stack = [(n, 0) for n in reversed(by_parent.get(None, []))]
    while stack:
        n, depth = stack.pop()
        p = progress.get(n.pk)
        latest = getattr(n, "latest_value", None)
        flat.append(
            TreeNode(
                n,
                p,
                depth,
                pct=None if p is None else int(p + 0.5),
                latest="" if latest is None else format_number(latest, comma),
            )
        )
        stack.extend((c, depth + 1) for c in reversed(by_parent.get(n.pk, [])))
    return flat


def subtree_ids(nodes, root_id):
    kids: dict = {}
    for n in nodes:
        kids.setdefault(n.parent_id, []).append(n.pk)
    out, stack = [], [root_id]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(kids.get(current, []))
    return out
