"""Results of assessments read from the database: the catalogue tree in display order and scores.

Queries are batched: one for the nodes of each catalogue version and one for all ratings, so
pages listing many assessments (district overview) need a constant number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass

from ikonnekt.assessment import scoring
from ikonnekt.assessment.models import CatalogueNode, NodeKind, Rating
from ikonnekt.core.prepared import Rows


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


# the columns of an entry that :func:`scoring_nodes` reads, in the order of ``scoring.Node``
_SCORING_COLUMNS = ("catalogue_id", "id", "parent_id", "kind", "weight", "is_minimum", "min_percent", "sdgs")


def scoring_nodes(catalogue_ids) -> dict:
    """``{catalogue_id: [scoring.Node, …]}`` in one query of plain rows, in the order of
    :func:`catalogue_nodes` (the same nodes as ``to_scoring_nodes(catalogue_nodes(...))``, without
    a model object per entry: #18, the area page scores ~85 entries)."""
    result = defaultdict(list)
    rows = (
        CatalogueNode.objects.filter(catalogue_id__in=list(catalogue_ids))
        .order_by("order", "id")
        .values_list(*_SCORING_COLUMNS)
    )
    measure = NodeKind.MEASURE
    for catalogue_id, pk, parent_id, kind, weight, is_minimum, min_percent, sdgs in rows:
        result[catalogue_id].append(
            scoring.Node(
                id=pk,
                parent_id=parent_id,
                is_measure=kind == measure,
                weight=float(weight),
                is_minimum=is_minimum,
                min_percent=float(min_percent) if min_percent is not None else None,
                sdgs=tuple(sdgs or ()),
            )
        )
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
        compiled = scoring_nodes({a.catalogue_id for a in assessments})
    else:
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


# --- the assessment page: entries and ratings as plain rows (#18) ------------------------------
#
# The page reads one catalogue's ~40 entries and the assessment's ratings; as model objects
# (every column, a model instance each, the SQL compiled per request) they cost more than the
# scores. Both lists sit below the assessment, which the page has read through its read rule,
# and their SQL depends on ids only, so they are ``core.prepared.Rows`` of the listed columns.

_IMPLEMENTERS = dict(CatalogueNode._meta.get_field("implementer").flatchoices)


class Entry:
    """A catalogue entry with the columns the assessment page, the scoring and the feed check
    read (the attributes of a :class:`CatalogueNode` of the same names)."""

    __slots__ = (
        "pk",
        "parent_id",
        "kind",
        "code",
        "title",
        "description",
        "sdgs",
        "implementer",
        "indicator",
        "weight",
        "is_minimum",
        "min_percent",
        "target_1",
        "target_2",
        "target_3",
    )

    def __init__(self, row):
        for name, value in zip(self.__slots__, row, strict=True):
            setattr(self, name, value)

    @property
    def id(self):
        return self.pk

    @property
    def is_measure(self):
        return self.kind == NodeKind.MEASURE

    def get_implementer_display(self):
        return _IMPLEMENTERS.get(self.implementer, self.implementer)

    def __str__(self):
        return f"{self.code} {self.title}"


_entry_rows = Rows(
    lambda catalogue_id: (
        CatalogueNode.objects.filter(catalogue_id=catalogue_id)
        .order_by("order", "id")
        .values_list("id", *Entry.__slots__[1:])
    )
)


def entries(catalogue_id) -> list[Entry]:
    """The entries of a catalogue in the order of :func:`catalogue_nodes`, as :class:`Entry`."""
    return [Entry(row) for row in _entry_rows(catalogue_id)]


class RatingRow:
    """A rating with the columns the assessment page reads (the attributes of a :class:`Rating`);
    ``feed`` is set by the caller, ``assessment`` and ``measure`` by the feed check."""

    __slots__ = (
        "pk",
        "measure_id",
        "level",
        "not_applicable",
        "reason",
        "status",
        "evidence",
        "documents",
        "feed_id",
        "feed",
        "assessment",
        "measure",
    )

    def __init__(self, row):
        (
            self.pk,
            self.measure_id,
            self.level,
            self.not_applicable,
            self.reason,
            self.status,
            self.evidence,
            self.documents,
            self.feed_id,
        ) = row
        self.feed = self.assessment = self.measure = None

    def document_list(self):
        return Rating.document_list(self)


_rating_rows = Rows(
    lambda assessment_id: (
        Rating.objects.filter(assessment_id=assessment_id).order_by().values_list(*RatingRow.__slots__[:9])
    )
)


def rating_rows(assessment_id) -> list[RatingRow]:
    """The ratings of an assessment (unordered: looked up by measure) as :class:`RatingRow`."""
    return [RatingRow(row) for row in _rating_rows(assessment_id)]
