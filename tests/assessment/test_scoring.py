"""The scoring function with hand-computed cases and hypothesis properties."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikonnekt.assessment.scoring import (
    MEAN,
    POOLED,
    CatalogueError,
    CompiledCatalogue,
    Node,
    RatingInput,
    score,
    sdg_points,
)

# Tree: A (category) → A1 (sub) → m1, m2 ; A → m3 ; B (category) → m4
TREE = [
    Node(1, None, False),
    Node(2, 1, False),
    Node(11, 2, True, sdgs=(7,)),
    Node(12, 2, True, weight=2.0, sdgs=(7, 13)),
    Node(13, 1, True),
    Node(3, None, False),
    Node(14, 3, True),
]


def r(level=None, na=False):
    return RatingInput(level, na)


def test_pooled_hand_computed():
    # m1=3 (w1), m2=1 (w2), m3=2, m4=3
    result = score(TREE, {11: r(3), 12: r(1), 13: r(2), 14: r(3)})
    # A1: (3 + 2) / (3 + 6) = 5/9
    assert result.nodes[2].percent == pytest.approx(100 * 5 / 9)
    # A: (5 + 2) / (9 + 3) = 7/12
    assert result.nodes[1].percent == pytest.approx(100 * 7 / 12)
    assert result.nodes[3].percent == pytest.approx(100)
    # total pooled: (7 + 3) / (12 + 3) = 10/15, not the mean of 58.3 and 100
    assert result.total.percent == pytest.approx(100 * 10 / 15)
    assert result.total.achieved == 10 and result.total.maximum == 15


def test_mean_of_children_hand_computed():
    result = score(TREE, {11: r(3), 12: r(1), 13: r(2), 14: r(3)}, method=MEAN)
    # A1: (100×1 + 33.3×2) / 3 = 55.56 ; A: (55.56×1 + 66.67×1)/2 = 61.11 ; total (61.11 + 100)/2
    a1 = (100 + 2 * 100 / 3) / 3
    a = (a1 + 200 / 3) / 2
    assert result.nodes[2].percent == pytest.approx(a1)
    assert result.nodes[1].percent == pytest.approx(a)
    assert result.total.percent == pytest.approx((a + 100) / 2)


def test_not_applicable_leaves_the_denominator():
    result = score(TREE, {11: r(3), 12: r(na=True), 13: r(0), 14: r(3)})
    assert result.nodes[2].percent == pytest.approx(100)  # only m1 counts
    assert result.nodes[1].percent == pytest.approx(100 * 3 / 6)
    assert result.total.not_applicable == 1 and result.total.applicable == 3


def test_node_without_applicable_measures_is_none_not_an_error():
    ratings = {11: r(na=True), 12: r(na=True), 13: r(na=True), 14: r(na=True)}
    for method in (POOLED, MEAN):
        result = score(TREE, ratings, method=method)
        assert result.nodes[1].percent is None
        assert result.total.percent is None
        assert result.label is None


def test_unrated_counts_as_zero_and_is_reported():
    result = score(TREE, {11: r(3)})
    assert result.total.unrated == 3
    assert result.total.percent == pytest.approx(100 * 3 / 15)


def test_gates_and_labels():
    nodes = [
        Node(1, None, False, min_percent=60.0),
        Node(11, 1, True, is_minimum=True),
        Node(12, 1, True),
        Node(2, None, False),
        Node(21, 2, True),
    ]
    thresholds = [("basic", 50), ("advanced", 70), ("ambitious", 85)]
    ok = score(nodes, {11: r(3), 12: r(2), 21: r(3)}, thresholds=thresholds)
    assert ok.total.percent == pytest.approx(100 * 8 / 9) and ok.label == "ambitious"
    middle = score(nodes, {11: r(2), 12: r(2), 21: r(2)}, thresholds=thresholds)
    assert middle.label == "basic"  # 66.7 %
    minimum_missed = score(nodes, {11: r(0), 12: r(3), 21: r(3)}, thresholds=thresholds)
    assert [f.kind for f in minimum_missed.failures] == ["minimum_measure", "minimum_percent"]
    assert minimum_missed.label is None
    na_minimum = score(nodes, {11: r(na=True), 12: r(3), 21: r(3)}, thresholds=thresholds)
    assert na_minimum.failures == [] and na_minimum.label == "ambitious"


def test_cycles_and_unknown_parents_are_rejected():
    with pytest.raises(CatalogueError):
        score([Node(1, 2, False), Node(2, 1, False)], {})
    with pytest.raises(CatalogueError):
        score([Node(1, 99, True)], {})


def test_sdg_points():
    points = sdg_points(TREE, {11: r(3), 12: r(1), 13: r(2), 14: r(na=True)})
    assert points == {7: (3 + 2, 3 + 6), 13: (2, 6)}


# --- properties ----------------------------------------------------------------------------------

rating_st = st.one_of(st.none(), st.integers(0, 3).map(lambda v: r(v)), st.just(r(na=True)))


@st.composite
def trees(draw):
    """A random tree of groups with measures as leaves, and ratings."""
    n_groups = draw(st.integers(1, 6))
    nodes = []
    for gid in range(1, n_groups + 1):
        parent = draw(st.sampled_from([None] + list(range(1, gid))))
        nodes.append(Node(gid, parent, False, weight=draw(st.sampled_from([0.5, 1.0, 2.0]))))
    n_measures = draw(st.integers(1, 15))
    ratings = {}
    for i in range(n_measures):
        mid = 100 + i
        nodes.append(
            Node(mid, draw(st.integers(1, n_groups)), True, weight=draw(st.sampled_from([0.5, 1.0, 3.0])))
        )
        rating = draw(rating_st)
        if rating is not None:
            ratings[mid] = rating
    return nodes, ratings


@settings(max_examples=60, deadline=None)
@given(trees(), st.sampled_from([POOLED, MEAN]))
def test_every_percentage_lies_between_0_and_100(tree, method):
    nodes, ratings = tree
    result = score(nodes, ratings, method=method)
    for s in result.nodes.values():
        assert s.percent is None or 0 <= s.percent <= 100


@settings(max_examples=60, deadline=None)
@given(trees(), st.integers(1, 6), st.sampled_from([0.5, 1.0, 3.0]))
def test_adding_a_level_3_measure_never_lowers_a_pooled_score(tree, group, weight):
    nodes, ratings = tree
    group = min(group, max(n.id for n in nodes if not n.is_measure))
    before = score(nodes, ratings)
    after = score(nodes + [Node(999, group, True, weight=weight)], {**ratings, 999: r(3)})
    for node_id, s in before.nodes.items():
        if s.percent is not None:
            assert after.nodes[node_id].percent >= s.percent - 1e-9


@settings(max_examples=50, deadline=None)
@given(trees(), st.sampled_from([POOLED, MEAN]))
def test_bulk_scoring_equals_single_scoring(tree, method):
    nodes, ratings = tree
    compiled = CompiledCatalogue(nodes)
    matrix = compiled.score_matrix(np.array([compiled.level_row(ratings)]), method)
    single = score(nodes, ratings, method=method)
    for g, gid in enumerate(compiled.groups):
        expected = single.nodes[gid].percent
        if expected is None:
            assert math.isnan(matrix[0, g])
        else:
            assert matrix[0, g] == pytest.approx(expected)
