"""Small display values computed once in Python instead of per row in a template."""

from django.utils.translation import gettext as _


def class_badge(bench):
    """(Bootstrap badge class, label) of a benchmark's class as the former ``energy/_class_badge.html`` showed
    it, or None when it shows nothing."""
    if not bench:
        return None
    if bench.limit is None:
        labels = {
            "good": ("text-bg-success", _("at or below the comparison value")),
            "high": ("text-bg-danger", _("above the comparison value")),
        }
    else:
        labels = {
            "good": ("text-bg-success", _("below guide value")),
            "medium": ("text-bg-warning", _("between guide and limit")),
            "high": ("text-bg-danger", _("above limit value")),
        }
    return labels.get(bench.klass)
