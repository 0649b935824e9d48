"""Progress roll-up through the goal tree (hand-computed cases and properties)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikonnekt.planning.progress import NodeInput, indicator_progress, roll_up


def test_indicator_progress_is_share_of_the_way_from_baseline_to_target():
    assert indicator_progress(0, 40, 17) == 42.5
    # Lower is better: 40 → 20 ha, now 30 ha = half way.
    assert indicator_progress(40, 20, 30) == 50.0


def test_indicator_progress_is_clamped():
    assert indicator_progress(40, 20, 45) == 0.0
    assert indicator_progress(0, 40, 50) == 100.0
    assert indicator_progress(5, 5, 5) == 100.0


def test_parent_averages_its_children():
    nodes = {
        1: NodeInput(None, "average"),
        2: NodeInput(1, own=20.0),
        3: NodeInput(1, own=80.0),
        4: NodeInput(1, own=None),  # no data: left out, not counted as 0
    }
    assert roll_up(nodes)[1] == 50.0


def test_weighted_parent_uses_the_childrens_weights():
    nodes = {
        1: NodeInput(None, "weighted"),
        2: NodeInput(1, weight=2, own=20.0),
        3: NodeInput(1, weight=1, own=80.0),
    }
    assert roll_up(nodes)[1] == 40.0  # (2·20 + 1·80) / 3


def test_roll_up_goes_through_several_levels():
    nodes = {
        1: NodeInput(None, "average"),
        2: NodeInput(1, "weighted"),
        3: NodeInput(2, weight=3, own=100.0),
        4: NodeInput(2, weight=1, own=0.0),
        5: NodeInput(1, own=25.0),
    }
    result = roll_up(nodes)
    assert result[2] == 75.0
    assert result[1] == 50.0


def test_a_deep_chain_does_not_recurse():
    nodes = {i: NodeInput(i - 1 if i else None) for i in range(5000)}
    nodes[4999] = NodeInput(4998, own=30.0)
    assert roll_up(nodes)[0] == 30.0


def test_nodes_whose_parent_is_invisible_become_roots():
    nodes = {2: NodeInput(1, own=10.0)}
    assert roll_up(nodes) == {2: 10.0}


@st.composite
def trees(draw):
    n = draw(st.integers(1, 15))
    nodes = {}
    for i in range(n):
        parent = draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        nodes[i] = NodeInput(
            parent,
            draw(st.sampled_from(["average", "weighted"])),
            draw(st.floats(0, 10)),
            draw(st.one_of(st.none(), st.floats(0, 100))),
        )
    return nodes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees())
def test_progress_stays_between_the_smallest_and_largest_leaf(nodes):
    result = roll_up(nodes)
    parents = {n.parent_id for n in nodes.values()}
    leaves = [nodes[i].own for i in nodes if i not in parents and nodes[i].own is not None]
    for value in result.values():
        if value is not None:
            assert 0 <= value <= 100
            assert min(leaves) - 1e-9 <= value <= max(leaves) + 1e-9
