"""Background recomputation of indicator series (progress and errors on the jobs page)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ikonnekt.core.jobs import job
from ikonnekt.indicators import actions
from ikonnekt.indicators.models import IndicatorSeries


@job("indicators.refresh")
def refresh(job_row, feed, source_type_id, source_id, user_id=None):
    """Recompute the series of one feed and source; exits cleanly when they vanished."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    series = IndicatorSeries.objects.filter(feed=feed, source_type_id=source_type_id, source_id=source_id)
    first = series.first()
    if first is None:
        return {"message": _("Nothing to recompute: the series were removed.")}
    job_row.set_progress(10, _("Computing %(feed)s") % {"feed": first.title})
    result = actions.refresh_source(feed, source_type_id, source_id, user=user)
    if result.get("broken"):
        first.refresh_from_db()
        raise ValidationError(_("Broken link: %(problem)s") % {"problem": first.problem})
    return {
        "url": first.get_absolute_url(),
        "message": _("%(n)s series recomputed, %(added)s new values.")
        % {"n": result["series"], "added": result["added"]},
    }
