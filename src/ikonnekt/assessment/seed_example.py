"""The seed's example table ("Kriterienkatalog für nachhaltige Gewerbegebiete", KONNEKT workshop
slide) as a demo catalogue version and assessment.

The slide shows only percentages: total 93 %, Umwelt 74 % (Treibhausgasneutralität 79 %,
Ressourcen 68 %, Wasser/Boden 68 %), the social and economic categories and all their
subcategories 100 %, and the levels of its visible measures (Kreislaufwirtschaft 2, the social
and economic measures 3). Which rule yields them:

* **pooled** (Σ level × weight ÷ Σ 3 × weight over all measures below a node) reproduces them
  when the environmental category carries about 27 % of the total weight:
  total = 1 − (1 − 0.74) × share → share = (1 − 0.93) ÷ (1 − 0.74) = 0.269;
* the **mean of child nodes** with equal weights cannot: (74 + 100 + 100) ÷ 3 = 91.3 %.

The slide names neither weights nor the levels of the hidden measures. The weights and levels
below are an assumption (demo) chosen so that the pooled rule gives the slide's figures; they
are documented in docs/assessment.md and checked by tests/assessment/test_seed_example.py.
"""

from ikonnekt.assessment.examples import EXAMPLES, example_data

TITLE = "Kriterienkatalog nachhaltige Gewerbegebiete – Workshop-Beispiel (Demo)"
SCENARIO = "Workshop-Beispiel (Folie)"

# Weights (assumption, demo): social and economic measures 4; environmental 0.8 to 2.4.
WEIGHTS = {
    "U.1.1": 1.6, "U.1.2": 1.6, "U.1.3": 1.6, "U.1.4": 1.6, "U.1.5": 1.6, "U.1.6": 2.4,
    "U.2.1": 1, "U.2.2": 1, "U.2.3": 1, "U.2.4": 0.8, "U.2.5": 1,
    "U.3.1": 1, "U.3.2": 1, "U.3.3": 1, "U.3.4": 0.8, "U.3.5": 1,
}  # fmt: skip
SOCIAL_ECONOMIC_WEIGHT = 4
# Levels: U.2.1 Kreislaufwirtschaft = 2 as on the slide; every social and economic measure 3.
LEVELS = {
    "U.1.1": 3, "U.1.2": 3, "U.1.3": 3, "U.1.4": 3, "U.1.5": 2, "U.1.6": 1,
    "U.2.1": 2, "U.2.2": 3, "U.2.3": 2, "U.2.4": 1, "U.2.5": 2,
    "U.3.1": 2, "U.3.2": 2, "U.3.3": 3, "U.3.4": 1, "U.3.5": 2,
}  # fmt: skip
DEFAULT_LEVEL = 3

DESCRIPTION = (
    "Demo-Version des Beispielkatalogs, mit der die Tabelle der KONNEKT-Workshop-Folie nachgerechnet wird "
    "(Gesamt 93 %, Umwelt 74 %, Treibhausgasneutralität 79 %, Ressourcen 68 %, Wasser/Boden 68 %, Soziales "
    "und Wirtschaft 100 %). Die Folie nennt keine Gewichte: Gewichte und nicht sichtbare Stufen sind eine "
    "Annahme, so gewählt, dass die gepoolte Regel die Folie wiedergibt."
)


def weight_of(code: str) -> float:
    return WEIGHTS.get(code, SOCIAL_ECONOMIC_WEIGHT if code[:1] in ("S", "W") else 1)


def level_of(code: str) -> int:
    return LEVELS.get(code, DEFAULT_LEVEL)


def catalogue_data():
    """The commercial example catalogue with the demo weights (import data)."""
    example = next(e for e in EXAMPLES if e["kind"] == "commercial")
    data = example_data(example)
    data.meta.update(title=TITLE, description=DESCRIPTION, aggregation="pooled")
    for node in data.nodes:
        if node["kind"] == "measure":
            node["weight"] = weight_of(node["code"])
    return data
