"""Reconciliation: hand-computed cases and property tests (balances hold, uncertainty never grows)."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikonnekt.materials.reconciliation import (
    ReconciliationError,
    TransferCoefficient,
    Variable,
    constraint_matrix,
    reconcile,
)

V = Variable


def test_one_process_with_three_measured_flows_is_adjusted_by_hand_computed_amounts():
    # a + b = c with a=10, b=5, c=17, σ=1: residual −2 split equally, each moves by 2/3.
    result = reconcile([V("a", None, "P", 10, 1), V("b", None, "P", 5, 1), V("c", "P", None, 17, 1)])
    r = result.by_id()
    assert r["a"].value == pytest.approx(10 + 2 / 3)
    assert r["b"].value == pytest.approx(5 + 2 / 3)
    assert r["c"].value == pytest.approx(17 - 2 / 3)
    for key in "abc":
        assert r[key].sigma == pytest.approx(math.sqrt(2 / 3))
        assert r[key].status == "redundant"
    assert result.chi2 == pytest.approx(4 / 3)
    assert result.dof == 1
    assert result.p_value == pytest.approx(0.248213, abs=1e-6)
    assert result.accepted


def test_chain_with_an_unmeasured_flow_computes_it_with_propagated_uncertainty():
    result = reconcile([V("a", None, "P", 10, 1), V("b", "P", "Q"), V("c", "Q", None, 9, 1)])
    r = result.by_id()
    assert r["a"].value == pytest.approx(9.5)
    assert r["c"].value == pytest.approx(9.5)
    assert r["b"].value == pytest.approx(9.5)
    assert r["b"].status == "observable"
    assert r["b"].sigma == pytest.approx(math.sqrt(0.5))
    assert result.chi2 == pytest.approx(0.5)
    assert result.dof == 1


def test_redundant_network_flags_the_gross_error():
    # a → P → (b, c) → Q → d, all σ = 1; hand computation in docs/materials.md.
    result = reconcile(
        [
            V("a", None, "P", 100, 1),
            V("b", "P", "Q", 60, 1),
            V("c", "P", "Q", 45, 1),
            V("d", "Q", None, 104, 1),
        ]
    )
    r = result.by_id()
    assert [r[k].value for k in "abcd"] == pytest.approx([102.6, 58.8, 43.8, 102.6])
    assert result.chi2 == pytest.approx(11.6)
    assert result.dof == 2
    assert result.p_value == pytest.approx(math.exp(-5.8))
    assert not result.accepted
    assert r["a"].test_statistic == pytest.approx(2.6 / math.sqrt(0.6))
    assert [r[k].flagged for k in "abcd"] == [True, False, False, False]


def test_unmeasured_loop_is_unobservable_and_non_redundant_measurement_is_kept():
    result = reconcile([V("a", None, "P"), V("b", "P", None), V("c", None, "Q", 9, 1), V("d", "Q", None)])
    r = result.by_id()
    assert r["a"].status == r["b"].status == "unobservable"
    assert r["a"].value is None
    assert r["c"].status == "measured-nonredundant"
    assert r["c"].value == 9
    assert r["d"].value == pytest.approx(9)
    assert result.dof == 0


def test_transfer_coefficient_replaces_a_measured_outflow():
    result = reconcile(
        [V("in", None, "P", 100, 5), V("b", "P", None), V("c", "P", None)],
        tcs=[TransferCoefficient("b", 0.3)],
    )
    r = result.by_id()
    assert r["b"].value == pytest.approx(30)
    assert r["c"].value == pytest.approx(70)
    assert r["b"].sigma == pytest.approx(1.5)


def test_stock_change_enters_the_balance():
    result = reconcile(
        [V("in", None, "P", 100, 0), V("out", "P", None, 80, 0), V("ds", target="P", is_stock=True)]
    )
    assert result.by_id()["ds"].value == pytest.approx(20)


def test_contradicting_exact_values_name_the_conflicting_balance():
    with pytest.raises(ReconciliationError) as exc:
        reconcile([V("a", None, "P", 10, 0), V("b", "P", None, 12, 0)])
    assert "P" in exc.value.messages[0]
    assert "widersprechen" in exc.value.messages[0]


@pytest.mark.parametrize(
    "variables, expected",
    [
        ([V("a", None, "P", -1, 1)], "Negative Werte"),
        ([V("a", None, "P", 1, -1)], "Unsicherheit"),
        ([V("a", None, None, 1, 1)], "weder"),
        ([V("a", None, "P", 1, 1), V("a", "P", None, 1, 1)], "doppelt"),
        ([V("a", None, "P", float("nan"), 1)], "keine Zahl"),
    ],
)
def test_bad_input_is_refused_with_a_message(variables, expected):
    with pytest.raises(ReconciliationError) as exc:
        reconcile(variables)
    assert expected in " ".join(exc.value.messages)


def test_flows_to_unknown_processes_are_named():
    with pytest.raises(ReconciliationError) as exc:
        reconcile([V("a", None, "X", 1, 1)], processes=["P"])
    assert "X" in exc.value.messages[0]


def test_process_without_data_is_warned_about():
    result = reconcile([V("a", None, "P", 5, 1), V("b", "P", "Q"), V("c", "Q", None)])
    assert any("Q" in w for w in result.warnings)


@st.composite
def networks(draw):
    n_proc = draw(st.integers(2, 6))
    procs = [f"P{i}" for i in range(n_proc)]
    ends = st.sampled_from([None, *procs])
    variables = []
    # every process gets an input and an output so the structure is connected enough
    for i, p in enumerate(procs):
        variables.append(V(f"in{i}", None, p))
        variables.append(V(f"out{i}", p, None))
    for k in range(draw(st.integers(0, 8))):
        s, t = draw(ends), draw(ends)
        if s == t or (s is None and t is None):
            continue
        variables.append(V(f"x{k}", s, t))
    for v in variables:
        if draw(st.booleans()) or draw(st.booleans()):
            v.value = draw(st.floats(0.1, 1000))
            v.sigma = v.value * draw(st.floats(0.01, 0.5))
    if not any(v.value is not None for v in variables):
        variables[0].value, variables[0].sigma = 10.0, 1.0
    return variables, procs


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_reconciled_flows_satisfy_every_determinable_balance(net):
    variables, procs = net
    result = reconcile(variables, procs)
    A, _labels = constraint_matrix(variables, procs)
    values = np.array([np.nan if r.value is None else r.value for r in result.variables])
    scale = max(1.0, np.nanmax(np.abs(values)))
    for i in range(len(procs)):
        involved = np.nonzero(A[i])[0]
        if not np.isnan(values[involved]).any():
            assert abs(A[i, involved] @ values[involved]) <= 1e-9 * scale * max(1, len(involved))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_reconciliation_never_increases_uncertainty(net):
    variables, procs = net
    result = reconcile(variables, procs)
    for v, r in zip(variables, result.variables, strict=True):
        if v.value is not None and v.sigma:
            assert r.sigma <= v.sigma * (1 + 1e-9) + 1e-12
