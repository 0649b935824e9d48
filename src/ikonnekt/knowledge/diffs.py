"""Differences between two revisions of an article, line by line (difflib)."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    op: str  # "equal", "insert", "delete"
    old_no: int | None
    new_no: int | None
    text: str


def line_diff(old: str, new: str) -> list[DiffLine]:
    """All lines of ``old`` and ``new`` marked as kept, removed or added, in reading order."""
    a = (old or "").splitlines()
    b = (new or "").splitlines()
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                lines.append(DiffLine("equal", i1 + k + 1, j1 + k + 1, a[i1 + k]))
            continue
        if tag in ("replace", "delete"):
            for k in range(i1, i2):
                lines.append(DiffLine("delete", k + 1, None, a[k]))
        if tag in ("replace", "insert"):
            for k in range(j1, j2):
                lines.append(DiffLine("insert", None, k + 1, b[k]))
    return lines


def diff_stats(lines: list[DiffLine]) -> dict:
    return {
        "added": sum(1 for line in lines if line.op == "insert"),
        "removed": sum(1 for line in lines if line.op == "delete"),
    }


def unified(old: str, new: str, old_label: str, new_label: str) -> str:
    """A unified diff (for the API and downloads)."""
    return "\n".join(
        difflib.unified_diff(
            (old or "").splitlines(), (new or "").splitlines(), old_label, new_label, lineterm=""
        )
    )
