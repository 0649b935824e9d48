"""Scoring of an assessment against a criteria catalogue (plain functions, no web code).

Inputs are the catalogue tree (groups and measures with weights) and one rating per measure
(level 0–3, or "not applicable"). Two aggregation methods:

* ``pooled`` (default): the percentage of a node is
  ``Σ level × weight ÷ Σ 3 × weight`` over all *applicable* measures below it. The total is not the
  mean of the category percentages: a category with more (or heavier) measures counts more.
  This is how the seed's slide arrives at 93 % overall with 74 % / 100 % / 100 % per category.
* ``mean``: the percentage of a group is the weighted mean of the percentages of its children
  (a measure's own percentage is ``level ÷ 3``), so every category counts equally (DGNB-style pillars).

Not applicable measures are removed from numerator and denominator; a measure without a rating
yet counts as level 0 (not met) and is reported as unrated. A node without any applicable measure
below it has no percentage (``None``, shown as "n/a"), never a division by zero.

Gates: measures flagged as minimum requirement must reach level 1 (unless not applicable), and a
group with a minimum percentage must reach it; only then does the total earn a result label
(basic / advanced / ambitious, by the catalogue's thresholds).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

MAX_LEVEL = 3
POOLED = "pooled"
MEAN = "mean"
ROOT = None  # id of the virtual root (the total)


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    is_measure: bool
    weight: float = 1.0
    is_minimum: bool = False
    min_percent: float | None = None
    sdgs: tuple = ()


@dataclass(frozen=True)
class RatingInput:
    level: int | None = None  # None: not rated yet (counts as 0)
    not_applicable: bool = False


@dataclass
class NodeScore:
    node_id: int | None
    achieved: float = 0.0
    maximum: float = 0.0
    percent: float | None = None
    applicable: int = 0
    unrated: int = 0
    not_applicable: int = 0
    parts: list = field(default_factory=list)  # mean: [(child_id, percent, weight)] of counted children


@dataclass
class GateFailure:
    node_id: int
    kind: str  # "minimum_measure" | "minimum_percent"
    required: float
    actual: float | None


@dataclass
class ScoreResult:
    method: str
    nodes: dict  # node id (None = total) -> NodeScore
    failures: list
    label: str | None

    @property
    def total(self) -> NodeScore:
        return self.nodes[ROOT]


class CatalogueError(ValueError):
    pass


def _children(nodes: Iterable[Node]) -> dict:
    children: dict = {ROOT: []}
    for node in nodes:
        children.setdefault(node.id, [])
    for node in nodes:
        if node.parent_id not in children:
            raise CatalogueError(f"node {node.id} has unknown parent {node.parent_id}")
        children[node.parent_id].append(node.id)
    return children


def _postorder(children: dict) -> list:
    """Node ids, children before parents, ending with the root; raises on cycles."""
    order, seen, stack = [], set(), [(ROOT, False)]
    while stack:
        node_id, done = stack.pop()
        if done:
            order.append(node_id)
            continue
        if node_id in seen:
            raise CatalogueError("cycle in catalogue tree")
        seen.add(node_id)
        stack.append((node_id, True))
        stack.extend((child, False) for child in children[node_id])
    if len(seen) != len(children):
        raise CatalogueError("cycle in catalogue tree (unreachable nodes)")
    return order


def measure_percent(rating: RatingInput | None) -> float | None:
    if rating is not None and rating.not_applicable:
        return None
    level = rating.level if rating is not None and rating.level is not None else 0
    return 100.0 * level / MAX_LEVEL


def score(
    nodes: Iterable[Node],
    ratings: Mapping[int, RatingInput],
    method: str = POOLED,
    thresholds: Iterable[tuple[str, float]] = (),
) -> ScoreResult:
    """Score one assessment. ``ratings`` maps measure id → :class:`RatingInput`."""
    nodes = list(nodes)
    by_id = {n.id: n for n in nodes}
    children = _children(nodes)
    scores: dict = {}
    failures: list = []
    for node_id in _postorder(children):
        node = by_id.get(node_id)
        s = NodeScore(node_id)
        if node is not None and node.is_measure:
            rating = ratings.get(node_id)
            if rating is not None and rating.not_applicable:
                s.not_applicable = 1
            else:
                level = rating.level if rating is not None and rating.level is not None else 0
                if rating is None or rating.level is None:
                    s.unrated = 1
                s.applicable = 1
                s.achieved = level * node.weight
                s.maximum = MAX_LEVEL * node.weight
                s.percent = 100.0 * level / MAX_LEVEL
                if node.is_minimum and level < 1:
                    failures.append(GateFailure(node_id, "minimum_measure", 1, level))
        else:
            for child_id in children[node_id]:
                c = scores[child_id]
                s.achieved += c.achieved
                s.maximum += c.maximum
                s.applicable += c.applicable
                s.unrated += c.unrated
                s.not_applicable += c.not_applicable
                if c.percent is not None:
                    s.parts.append((child_id, c.percent, by_id[child_id].weight))
            if method == POOLED:
                s.percent = 100.0 * s.achieved / s.maximum if s.maximum > 0 else None
            elif method == MEAN:
                weight_sum = sum(w for _c, _p, w in s.parts)
                s.percent = sum(p * w for _c, p, w in s.parts) / weight_sum if weight_sum > 0 else None
            else:
                raise ValueError(f"unknown aggregation method {method!r}")
            if s.percent is not None:
                s.percent = min(100.0, max(0.0, s.percent))  # guard float noise
            if node is not None and node.min_percent is not None and s.percent is not None:
                if s.percent + 1e-9 < node.min_percent:
                    failures.append(GateFailure(node_id, "minimum_percent", node.min_percent, s.percent))
        scores[node_id] = s
    label = result_label(scores[ROOT].percent, failures, thresholds)
    return ScoreResult(method, scores, failures, label)


def result_label(total: float | None, failures: list, thresholds: Iterable[tuple[str, float]]) -> str | None:
    """The highest threshold reached by ``total``, or None when a gate fails or none is reached."""
    if total is None or failures:
        return None
    label = None
    for name, minimum in sorted(thresholds, key=lambda t: t[1]):
        if total + 1e-9 >= minimum:
            label = name
    return label


def sdg_points(nodes: Iterable[Node], ratings: Mapping[int, RatingInput]) -> dict:
    """``{sdg: (achieved, maximum)}``: level × weight of the applicable measures serving each SDG."""
    result: dict = {}
    for node in nodes:
        if not node.is_measure:
            continue
        rating = ratings.get(node.id)
        if rating is not None and rating.not_applicable:
            continue
        level = rating.level if rating is not None and rating.level is not None else 0
        for sdg in node.sdgs:
            achieved, maximum = result.get(sdg, (0.0, 0.0))
            result[sdg] = (achieved + level * node.weight, maximum + MAX_LEVEL * node.weight)
    return dict(sorted(result.items()))


# --- bulk scoring (numpy) ------------------------------------------------------------------------


class CompiledCatalogue:
    """A catalogue tree prepared for scoring many assessments at once with matrix products.

    ``groups`` are the group node ids followed by the root (``None``); ``measures`` the measure ids.
    """

    def __init__(self, nodes: Iterable[Node]):
        nodes = list(nodes)
        children = _children(nodes)
        order = _postorder(children)
        by_id = {n.id: n for n in nodes}
        self.measures = [n.id for n in nodes if n.is_measure]
        self.groups = [nid for nid in order if nid is ROOT or not by_id[nid].is_measure]
        m_index = {mid: i for i, mid in enumerate(self.measures)}
        g_index = {gid: i for i, gid in enumerate(self.groups)}
        self.weights = np.array([by_id[m].weight for m in self.measures], dtype=float)
        # descendants[g, m] = 1 when measure m lies below group g (pooled sums)
        self.descendants = np.zeros((len(self.groups), len(self.measures)))
        below: dict = {}
        for nid in order:
            if nid is not ROOT and by_id[nid].is_measure:
                below[nid] = [m_index[nid]]
            else:
                below[nid] = [i for c in children[nid] for i in below[c]]
                self.descendants[g_index[nid], below[nid]] = 1.0
        # For the mean: per group (in post-order) its children as (is_measure, index, weight).
        self.child_refs = []
        for gid in self.groups:
            refs = []
            for c in children[gid]:
                if by_id[c].is_measure:
                    refs.append((True, m_index[c], by_id[c].weight))
                else:
                    refs.append((False, g_index[c], by_id[c].weight))
            self.child_refs.append(refs)
        self.measure_index = m_index
        self.group_index = g_index

    def score_matrix(self, levels: np.ndarray, method: str = POOLED) -> np.ndarray:
        """Percentages (assessments × groups, NaN = n/a) for a matrix of levels (assessments ×
        measures; NaN = not applicable, unrated counted as 0 by the caller)."""
        levels = np.asarray(levels, dtype=float)
        applicable = ~np.isnan(levels)
        if method == POOLED:
            achieved = np.where(applicable, levels, 0.0) * self.weights @ self.descendants.T
            maximum = (applicable * (MAX_LEVEL * self.weights)) @ self.descendants.T
            with np.errstate(invalid="ignore", divide="ignore"):
                result = np.where(maximum > 0, 100.0 * achieved / np.where(maximum > 0, maximum, 1), np.nan)
            return np.clip(result, 0.0, 100.0)
        if method != MEAN:
            raise ValueError(f"unknown aggregation method {method!r}")
        measure_pct = 100.0 * levels / MAX_LEVEL  # NaN stays NaN
        result = np.full((levels.shape[0], len(self.groups)), np.nan)
        for g, refs in enumerate(self.child_refs):  # post-order: children first
            num = np.zeros(levels.shape[0])
            den = np.zeros(levels.shape[0])
            for is_measure, idx, weight in refs:
                values = measure_pct[:, idx] if is_measure else result[:, idx]
                ok = ~np.isnan(values)
                num += np.where(ok, values * weight, 0.0)
                den += ok * weight
            with np.errstate(invalid="ignore", divide="ignore"):
                result[:, g] = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
        return np.clip(result, 0.0, 100.0)

    def level_row(self, ratings: Mapping[int, RatingInput]) -> list:
        row = []
        for mid in self.measures:
            r = ratings.get(mid)
            if r is not None and r.not_applicable:
                row.append(np.nan)
            else:
                row.append(float(r.level) if r is not None and r.level is not None else 0.0)
        return row
