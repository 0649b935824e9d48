"""Results of assessments read from the database: the catalogue tree in display order and scores.

Queries are batched: one for the nodes of each catalogue version and one for all ratings, so
pages listing many assessments (district overview) need a constant number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass

from ikonnekt.assessment import scoring
from ikonnekt.assessment.models import CatalogueNode, NodeKind, Rating


@dataclass
class TreeRow:
    node: CatalogueNode
    depth: int


# The columns of an entry that scoring reads, plus its title (category columns, explanations):
# pages that show scores but no entry texts load only these (#18: a node's texts, levels, fact
# sheet and time stamps cost more to read than the scores to compute).
SCORING_FIELDS = ("catalogue", "parent", "kind", "title", "weight", "is_minimum", "min_percent", "sdgs")


def catalogue_nodes(catalogue_ids, fields=None) -> dict:
    """``{catalogue_id: [CatalogueNode, …]}`` in one query; ``fields``: only these columns
    (e.g. :data:`SCORING_FIELDS`), the others are not loaded."""
    result = defaultdict(list)
    nodes = CatalogueNode.objects.filter(catalogue_id__in=list(catalogue_ids)).order_by("order", "id")
    if fields:
        nodes = nodes.only(*fields)
    for node in nodes:
        result[node.catalogue_id].append(node)
    return result


def tree_rows(nodes) -> list[TreeRow]:
    """Nodes in depth-first display order with their depth (0 = category)."""
    children = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    rows, stack = [], [(n, 0) for n in reversed(children[None])]
    while stack:
        node, depth = stack.pop()
        rows.append(TreeRow(node, depth))
        stack.extend((c, depth + 1) for c in reversed(children[node.pk]))
    return rows


def to_scoring_nodes(nodes) -> list[scoring.Node]:
    return [
        scoring.Node(
            id=n.pk,
            parent_id=n.parent_id,
            is_measure=n.kind == NodeKind.MEASURE,
            weight=float(n.weight),
            is_minimum=n.is_minimum,
            min_percent=float(n.min_percent) if n.min_percent is not None else None,
            sdgs=tuple(n.sdgs or ()),
        )
        for n in nodes
    ]


def to_rating_inputs(ratings) -> dict:
    return {r.measure_id: scoring.RatingInput(r.level, r.not_applicable) for r in ratings}


def score_assessment(assessment, nodes=None, ratings=None) -> scoring.ScoreResult:
    if nodes is None:
        nodes = catalogue_nodes([assessment.catalogue_id])[assessment.catalogue_id]
    if ratings is None:
        ratings = list(assessment.ratings.all())
    catalogue = assessment.catalogue
    return scoring.score(
        to_scoring_nodes(nodes),
        to_rating_inputs(ratings),
        method=catalogue.aggregation,
        thresholds=catalogue.thresholds(),
    )


def score_many(assessments, nodes=None) -> dict:
    """``{assessment_id: ScoreResult}`` for many assessments with two queries in total (one when
    the caller passes ``nodes``, the :func:`catalogue_nodes` of their catalogues)."""
    assessments = list(assessments)
    if nodes is None:
        nodes = catalogue_nodes({a.catalogue_id for a in assessments}, SCORING_FIELDS)
    compiled = {cid: to_scoring_nodes(ns) for cid, ns in nodes.items()}
    ratings = defaultdict(dict)
    # unordered: looked up by measure (the default order joins the catalogue entries)
    rows = (
        Rating.objects.filter(assessment_id__in=[a.pk for a in assessments])
        .order_by()
        .values_list("assessment_id", "measure_id", "level", "not_applicable")
    )
    for assessment_id, measure_id, level, not_applicable in rows:
        ratings[assessment_id][measure_id] = scoring.RatingInput(level, not_applicable)
    return {
        a.pk: scoring.score(
            compiled.get(a.catalogue_id, []),
            ratings[a.pk],
            method=a.catalogue.aggregation,
            thresholds=a.catalogue.thresholds(),
        )
        for a in assessments
    }
