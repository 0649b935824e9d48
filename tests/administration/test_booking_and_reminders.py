from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from ikonnekt.administration.booking import IntervalIndex, Rules, conflicts_naive, rule_errors
from ikonnekt.administration.reminders import Deadline, add_months, deadlines, due_reminder, schedule

RULES = Rules(time(7, 0), time(16, 0), True, Decimal("2"), Decimal("8"))


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


MONDAY = date(2026, 3, 2)


def test_a_booking_within_the_rules_is_fine():
    assert rule_errors(at(MONDAY, 8), at(MONDAY, 12), RULES) == {}


def test_booking_ending_before_it_starts():
    assert "end" in rule_errors(at(MONDAY, 12), at(MONDAY, 8), RULES)


def test_booking_outside_the_rules():
    assert "start" in rule_errors(at(MONDAY, 6), at(MONDAY, 10), RULES)  # before 7:00
    assert "start" in rule_errors(
        at(MONDAY + timedelta(days=5), 8), at(MONDAY + timedelta(days=5), 12), RULES
    )  # Saturday
    assert "end" in rule_errors(at(MONDAY, 8), at(MONDAY, 9), RULES)  # shorter than 2 h


def test_interval_index_finds_touching_and_overlapping_bookings():
    intervals = [(0, 10, "a"), (10, 20, "b"), (30, 40, "c")]
    index = IntervalIndex(intervals)
    assert index.conflicts(20, 30) == []  # touching ends are no conflict
    assert [iv[2] for iv in index.conflicts(5, 12)] == ["a", "b"]
    assert [iv[2] for iv in index.conflicts(15, 35)] == ["b", "c"]


@st.composite
def disjoint_intervals(draw):
    cuts = sorted(set(draw(st.lists(st.integers(0, 1000), max_size=40))))
    pairs = [(cuts[i], cuts[i + 1], i) for i in range(0, len(cuts) - 1, 2)]
    return pairs


@given(disjoint_intervals(), st.integers(0, 1000), st.integers(1, 200))
def test_interval_index_agrees_with_the_linear_scan(intervals, start, length):
    index = IntervalIndex(intervals)
    assert index.conflicts(start, start + length) == conflicts_naive(start, start + length, sorted(intervals))


def test_add_months_clamps_to_the_end_of_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), -6) == date(2027, 6, 30)


def test_deadlines_of_an_agreement_that_renews_automatically():
    result = deadlines(
        term_end=date(2025, 12, 31),
        renewal_months=24,
        notice_period_months=6,
        notice_given_on=None,
        today=date(2026, 3, 1),
    )
    # the term renewed to 31.12.2027; notice must be given by 30.06.2027
    assert [(d.kind, d.date) for d in result] == [
        ("notice", date(2027, 6, 30)),
        ("renewal", date(2027, 12, 31)),
    ]


def test_after_notice_only_the_end_counts():
    result = deadlines(
        term_end=date(2027, 12, 31),
        renewal_months=24,
        notice_period_months=6,
        notice_given_on=date(2027, 1, 10),
        today=date(2027, 2, 1),
    )
    assert [(d.kind, d.date) for d in result] == [("term_end", date(2027, 12, 31))]


def test_reminder_schedule_with_frozen_dates():
    deadline = Deadline("notice", date(2027, 6, 30), "x")
    assert schedule(deadline, [90, 30, 7]) == [date(2027, 4, 1), date(2027, 5, 31), date(2027, 6, 23)]
    assert due_reminder(deadline, [90, 30, 7], date(2027, 3, 31)) is None
    assert due_reminder(deadline, [90, 30, 7], date(2027, 4, 1)) == 90
    assert due_reminder(deadline, [90, 30, 7], date(2027, 6, 1)) == 30  # a missed run sends only the latest
    assert due_reminder(deadline, [90, 30, 7], date(2027, 7, 1)) is None


def test_resource_rate_is_per_unit_symbol_not_plural_word(cast, client_for):
    from tests.administration.factories import make_resource

    resource = make_resource(cast, owner=cast.org_a, created_by=cast.a_editor)
    resource.cost_rate = Decimal("85")
    resource.usage_unit = "h"
    resource.save()
    html = client_for(cast.a_editor).get(resource.get_absolute_url()).content.decode()
    assert "85,00 €/h" in html and "/ Stunden" not in html


def test_demo_overhead_label_does_not_repeat_the_rate(db):
    """The page adds "(15 % of personnel and material)" itself; the label must not say it again."""
    from django.core.management import call_command

    from ikonnekt.administration.models import CostItem

    call_command("load_demo", "--only", "administration", verbosity=0)
    items = CostItem.objects.filter(overhead_rate_percent__isnull=False)
    assert items.exists()
    assert not [i.label for i in items if "%" in i.label]
