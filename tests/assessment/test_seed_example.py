"""The seed's example table is reproduced by the pooled rule with the demo weights and levels.

Hand-worked (Σ level × weight ÷ Σ 3 × weight):
* Treibhausgasneutralität U.1: levels 3,3,3,3,2 at weight 1.6 and 1 at weight 2.4:
  (4 × 3 × 1.6 + 2 × 1.6 + 1 × 2.4) = 19.2 + 3.2 + 2.4 = 24.8; max 3 × (5 × 1.6 + 2.4) = 31.2;
  24.8 ÷ 31.2 = 79.49 % → 79 %.
* Ressourcen U.2: levels 2,3,2,1,2 at weights 1,1,1,0.8,1: 2 + 3 + 2 + 0.8 + 2 = 9.8;
  max 3 × 4.8 = 14.4; 9.8 ÷ 14.4 = 68.06 % → 68 %. Wasser/Boden U.3 (2,2,3,1,2): same 9.8 ÷ 14.4.
* Umwelt U: (24.8 + 9.8 + 9.8) ÷ (31.2 + 14.4 + 14.4) = 44.4 ÷ 60 = 74.0 %.
* Soziales (8 measures) and Wirtschaft (6 measures): all level 3 at weight 4 → 100 %;
  their points 14 × 3 × 4 = 168.
* Total: (44.4 + 168) ÷ (60 + 168) = 212.4 ÷ 228 = 93.16 % → 93 %.
"""

import pytest

from ikonnekt.assessment import scoring, seed_example


def _score(method):
    data = seed_example.catalogue_data()
    ids = {n["code"]: i + 1 for i, n in enumerate(data.nodes)}
    nodes = [
        scoring.Node(
            id=ids[n["code"]],
            parent_id=ids.get(n["parent"]) if n["parent"] else None,
            is_measure=n["kind"] == "measure",
            weight=float(n["weight"]),
        )
        for n in data.nodes
    ]
    ratings = {
        ids[n["code"]]: scoring.RatingInput(seed_example.level_of(n["code"]))
        for n in data.nodes
        if n["kind"] == "measure"
    }
    result = scoring.score(nodes, ratings, method)
    return {code: result.nodes[i].percent for code, i in ids.items()} | {"total": result.nodes[None].percent}


def test_pooled_rule_reproduces_the_seed_table():
    p = _score(scoring.POOLED)
    assert p["U.1"] == pytest.approx(24.8 / 31.2 * 100)
    assert p["U.2"] == pytest.approx(9.8 / 14.4 * 100)
    assert p["U.3"] == pytest.approx(9.8 / 14.4 * 100)
    assert p["U"] == pytest.approx(74.0)
    assert p["total"] == pytest.approx(212.4 / 228 * 100)
    shown = {k: round(v) for k, v in p.items() if k in ("total", "U", "U.1", "U.2", "U.3", "S", "W")}
    assert shown == {"total": 93, "U": 74, "U.1": 79, "U.2": 68, "U.3": 68, "S": 100, "W": 100}
    for sub in ("S.1", "S.2", "S.3", "S.4", "W.1", "W.2"):
        assert p[sub] == 100


def test_the_mean_rule_cannot_give_93_percent():
    p = _score(scoring.MEAN)
    # equal category weights: (74 + 100 + 100) ÷ 3 ≈ 91 %, not the slide's 93 %
    assert round(p["total"]) != 93


def test_the_visible_measures_have_the_slides_levels():
    assert seed_example.level_of("U.2.1") == 2  # Kreislaufwirtschaft
    for code in ("S.1.1", "S.4.1", "W.1.1", "W.2.1", "W.2.2", "W.2.3"):
        assert seed_example.level_of(code) == 3
