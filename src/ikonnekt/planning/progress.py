"""Progress roll-up through the goal tree (Decidim accountability style), without Django.

A leaf's own progress comes from its indicator (distance travelled from baseline towards the
target) or, without indicator values, from the average progress of its measures. A parent's
progress is the average of its children's progress, or the weighted average (weights per child)
when the parent is set to ``weighted``. Children without any progress are left out.
"""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class NodeInput:
    parent_id: int | None
    rollup: str = "average"  # "average" | "weighted"
    weight: float = 1.0
    own: float | None = None  # progress 0..100 from indicator or measures (leaves)


def indicator_progress(baseline: float, target: float, current: float) -> float:
    """Share of the way from baseline to target reached by ``current``, clamped to 0..100 %."""
    if target == baseline:
        return 100.0 if current == target else 0.0
    share = (current - baseline) / (target - baseline) * 100.0
    return max(0.0, min(100.0, share))


def average(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def weighted_average(pairs) -> float | None:
    """``pairs`` of (value, weight); values None are skipped; all weights 0 → plain average."""
    pairs = [(v, w) for v, w in pairs if v is not None]
    if not pairs:
        return None
    largest = max(w for _v, w in pairs)
    if largest <= 0:
        return average(v for v, _w in pairs)
    # scaled by the largest weight first: tiny (subnormal) weights would otherwise round away
    scaled = [(v, w / largest) for v, w in pairs]
    total = sum(w for _v, w in scaled)
    if total <= 0:
        return average(v for v, _w in pairs)
    return sum(v * w for v, w in scaled) / total


def roll_up(nodes: Mapping[int, NodeInput]) -> dict[int, float | None]:
    """Progress (0..100 or None) of every node; iterative post-order, so deep trees are fine.

    Nodes whose parent is not in ``nodes`` are treated as roots (e.g. parents the user may not see).
    """
    children: dict[int, list[int]] = {}
    roots = []
    for node_id, node in nodes.items():
        if node.parent_id is not None and node.parent_id in nodes:
            children.setdefault(node.parent_id, []).append(node_id)
        else:
            roots.append(node_id)
    result: dict[int, float | None] = {}
    for root in roots:
        stack = [(root, False)]
        while stack:
            node_id, expanded = stack.pop()
            kids = children.get(node_id, [])
            if not expanded and kids:
                stack.append((node_id, True))
                stack.extend((k, False) for k in kids)
                continue
            node = nodes[node_id]
            if not kids:
                result[node_id] = node.own
            elif node.rollup == "weighted":
                result[node_id] = weighted_average((result[k], nodes[k].weight) for k in kids)
            else:
                result[node_id] = average(result[k] for k in kids)
    # Nodes in cycles (never reached from a root) stay without progress.
    for node_id in nodes:
        result.setdefault(node_id, None)
    return result
