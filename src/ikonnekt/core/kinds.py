"""Tables of known kinds: an energy carrier, a cost-key basis, a listing type.

A module that treats kinds differently keeps one table (a dict from the code to what the kind
means there) and reads it through :func:`kind_of`, so a kind the table does not know is an error
that names the table, never a silent default (a conversion factor of 1.0, "position hours" for a
new cost-key basis, "offer" for a new listing type). ``tests/test_kinds.py`` checks that every
table has a row for every choice. Where a new kind goes: docs/DEVELOPING.md.
"""


class UnknownKind(LookupError):
    """A code that a table of kinds has no row for (a programming error, not a user's)."""


def kind_of(table: dict, code, *, what: str, where: str):
    """``table[code]``, or :class:`UnknownKind` naming what is missing and where to add it."""
    try:
        return table[code]
    except KeyError:
        raise UnknownKind(
            f"Unknown {what} {code!r}: add a row for it to {where} (see docs/DEVELOPING.md, "
            f"'A new energy carrier, cost-key basis or listing type')."
        ) from None
