"""Background jobs of the energy module."""

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from ikonnekt.core.jobs import job
from ikonnekt.energy import importing
from ikonnekt.energy.models import ReadingImport


@job("energy.import_readings")
def import_readings(job_row, import_id):
    item = ReadingImport.objects.select_related("meter__building").filter(pk=import_id).first()
    if item is None:
        return {"message": _("The import no longer exists.")}
    if item.status == "done":
        return {"url": item.meter.get_absolute_url(), "message": _("Already imported.")}

    def progress(pct, msg):
        job_row.set_progress(pct, msg)

    count = importing.run(item, progress)
    return {
        "url": item.meter.get_absolute_url(),
        "message": _("%(n)s values imported into meter %(m)s.") % {"n": count, "m": item.meter.number},
    }


@job("energy.mail_alerts")
def mail_alerts(job_row, year=None):
    """Mail each caretaker the anomalies of the buildings they are responsible for."""
    import datetime as dt

    from ikonnekt.energy.alerts import building_alerts
    from ikonnekt.energy.models import Building

    year = year or dt.date.today().year
    sent = 0
    buildings = (
        Building.objects.exclude(caretaker=None)
        .exclude(caretaker__email="")
        .select_related("caretaker", "station")
        .prefetch_related("meters__exchanges")
    )
    from ikonnekt.energy.loader import preload

    buildings = preload(buildings, [year - 1, year], alerts=True)
    for building in buildings:
        alerts = building_alerts(building, year)
        if not alerts:
            continue
        body = "\n".join(f"- {text}" for _severity, text in alerts)
        send_mail(
            _("Energy alerts for %(b)s") % {"b": building.name},
            body,
            None,
            [building.caretaker.email],
        )
        sent += 1
    return {"message": _("%(n)s alert mails sent.") % {"n": sent}}
