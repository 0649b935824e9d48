"""The one SDG reference: 17 goals, 169 targets in German and English, read by every module."""

import pytest
from django.utils import translation

from ikonnekt.reference import sdg
from ikonnekt.reference.sdg_targets import TARGETS

# Targets per goal in A/RES/70/1 (numbered and lettered), counted from the resolution's text.
TARGETS_PER_GOAL = {1: 7, 2: 8, 3: 13, 4: 10, 5: 9, 6: 8, 7: 5, 8: 12, 9: 8, 10: 10, 11: 10, 12: 11, 13: 5, 14: 10,
                    15: 12, 16: 12, 17: 19}  # fmt: skip


def test_seventeen_goals_with_colours_and_169_targets():
    assert sdg.SDG_NUMBERS == tuple(range(1, 18))
    assert sum(TARGETS_PER_GOAL.values()) == 169 == len(TARGETS)
    per_goal = {}
    for goal, _code, order in sdg.targets():
        per_goal[goal] = order
    assert per_goal == TARGETS_PER_GOAL
    assert sdg.sdg_colour(13) == "#3F7E44"


def test_every_target_has_a_german_and_an_english_wording():
    for code, (german, english) in TARGETS.items():
        assert german and english and german != english, code
        assert not any(0x80 <= ord(c) < 0xA0 for c in german + english), code  # no stray cp1252 bytes


def test_the_wording_follows_the_readers_language():
    assert sdg.target_title("12.5", "de").startswith("Bis 2030 das Abfallaufkommen durch Vermeidung")
    assert sdg.target_title("12.5", "en").startswith("By 2030, substantially reduce waste generation")
    with translation.override("en"):
        assert str(sdg.sdg_title(12)) == "Responsible consumption and production"
    with translation.override("de"):
        assert str(sdg.sdg_title(12)) == "Nachhaltige/r Konsum und Produktion"
        assert sdg.target_title("11.3").startswith("Bis 2030 die Verstädterung inklusiver")


@pytest.mark.django_db
def test_planning_rows_point_at_the_reference():
    from ikonnekt.planning.models import SDG, SDGTarget

    assert SDG.objects.count() == 17 and SDGTarget.objects.count() == 169
    target = SDGTarget.objects.get(code="12.5")
    with translation.override("de"):
        assert target.wording == TARGETS["12.5"][0]
        assert str(SDG.objects.get(number=12)) == "SDG 12 Nachhaltige/r Konsum und Produktion"
