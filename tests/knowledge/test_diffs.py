from hypothesis import given
from hypothesis import strategies as st

from ikonnekt.knowledge.diffs import diff_stats, line_diff, unified


def test_changed_line_shows_as_removed_and_added():
    lines = line_diff("a\nb\nc", "a\nB\nc\nd")
    ops = [(line.op, line.text) for line in lines]
    assert ops == [("equal", "a"), ("delete", "b"), ("insert", "B"), ("equal", "c"), ("insert", "d")]
    assert lines[0].old_no == 1 and lines[0].new_no == 1
    assert lines[2].old_no is None and lines[2].new_no == 2
    assert diff_stats(lines) == {"added": 2, "removed": 1}


def test_first_revision_is_all_insertions():
    assert diff_stats(line_diff("", "x\ny")) == {"added": 2, "removed": 0}


def test_unified_diff_has_labels():
    text = unified("a\n", "b\n", "#1", "#2")
    assert text.startswith("--- #1\n+++ #2") and "-a" in text and "+b" in text


lines_strategy = st.lists(st.text(alphabet="abc ", max_size=4), max_size=12).map("\n".join)


@given(lines_strategy, lines_strategy)
def test_diff_reconstructs_both_texts(old, new):
    lines = line_diff(old, new)
    assert [x.text for x in lines if x.op != "insert"] == old.splitlines()
    assert [x.text for x in lines if x.op != "delete"] == new.splitlines()
