"""File references (Aktenzeichen) such as ``SLS-6.1.3-2026-0004``."""

import re
import string

from django.utils.translation import gettext as _

ALLOWED_FIELDS = {"org", "subject", "year", "seq"}


def org_code(organisation) -> str:
    """``{org}`` of a reference: the organisation's code, else the start of its slug."""
    return organisation.code or organisation.slug.upper()[:4]


def validate_pattern(pattern: str) -> None:
    fields = [f for _lit, f, _spec, _conv in string.Formatter().parse(pattern) if f is not None]
    unknown = set(fields) - ALLOWED_FIELDS
    if unknown or "seq" not in fields:
        raise ValueError(_("The pattern must contain {seq} and may use {org}, {subject}, {year}."))


def format_reference(pattern: str, *, org: str, subject: str, year: int, seq: int) -> str:
    return pattern.format(org=org, subject=subject, year=year, seq=seq)


def next_sequence(existing: list[str], pattern: str, *, org: str, subject: str, year: int) -> int:
    """1 + the highest running number among ``existing`` references made with the same
    pattern, organisation, subject and year."""
    probe = format_reference(pattern, org=org, subject=subject, year=year, seq=987654321)
    regex = re.escape(probe).replace("987654321", r"(\d+)")
    highest = 0
    for ref in existing:
        m = re.fullmatch(regex, ref)
        if m:
            highest = max(highest, int(m.group(1)))
    return highest + 1
