"""Writes of the energy module: permission check, write and audit in one transaction.

Buildings, groups, stations, reports and quarters use the core action functions (generic
views and API); their children (meters, readings, exchanges, tariffs, measures, building types,
variants, self-check answers) are written here, checked against the parent's edit right.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.jobs import enqueue
from ikonnekt.core.sharing import ensure_can_edit
from ikonnekt.energy.domain.consumption import check_reading
from ikonnekt.energy.models import DailyTemperature, Meter, MeterExchange, Reading, ReadingImport

WARNING_TEXT = {
    "order": lambda: _("The time is not after the last reading."),
    "rollover": lambda: _("The reading is lower than the last one; a meter rollover is assumed."),
    "negative": lambda: _(
        "The reading is lower than the last one. Typo? If the meter was exchanged, record the exchange first."
    ),
    "gap": lambda: _("More than 45 days since the last reading."),
    "high": lambda: _("The consumption since the last reading is more than three times the usual."),
    "low": lambda: _("The consumption since the last reading is less than a fifth of the usual."),
}


def reading_warnings(meter: Meter, timestamp, value):
    """Plausibility warnings (translated strings) for a reading about to be entered."""
    from ikonnekt.energy.services import meter_series

    previous = meter.readings.filter(timestamp__lt=timestamp).order_by("-timestamp").first()
    if meter.readings.filter(timestamp=timestamp).exists():
        return [_("There is already a reading at this time.")]
    exchange_between = bool(
        previous
        and meter.exchanges.filter(timestamp__gt=previous.timestamp, timestamp__lte=timestamp).exists()
    )
    if exchange_between:
        exchange = meter.exchanges.filter(timestamp__gt=previous.timestamp).order_by("timestamp").first()
        previous_point = (exchange.timestamp, exchange.new_initial_reading)
    else:
        previous_point = (previous.timestamp, previous.value) if previous else None
    series = meter_series(meter)
    from ikonnekt.energy.domain.consumption import typical_daily_rate

    typical = typical_daily_rate(series)
    found = check_reading(previous_point, timestamp, value, digits=meter.digits, typical_daily=typical)
    messages = [str(WARNING_TEXT[w.code]()) for w in found]
    if timestamp > dt.datetime.now(dt.UTC) + dt.timedelta(hours=1):
        messages.append(_("The time lies in the future."))
    return messages


@transaction.atomic
def add_reading(actor: Actor, meter: Meter, timestamp, value, note="", *, confirmed=False):
    """Store a manual reading. Returns (reading or None, warnings): with warnings and without
    ``confirmed`` nothing is stored and the caller shows the warnings for confirmation."""
    ensure_can_edit(actor.user, meter.building)
    warnings = reading_warnings(meter, timestamp, value)
    if meter.readings.filter(timestamp=timestamp).exists():
        raise ValidationError({"timestamp": _("There is already a reading at this time.")})
    if warnings and not confirmed:
        return None, warnings
    reading = Reading.objects.create(
        meter=meter, timestamp=timestamp, value=value, note=note, source="manual", created_by=actor.user
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        reading,
        changes={
            "meter": meter.number,
            "timestamp": timestamp.isoformat(),
            "value": str(value),
            "warnings": warnings,
        },
        owner_organisation=meter.building.owner_id,
    )
    return reading, warnings


@transaction.atomic
def record_exchange(actor: Actor, meter: Meter, save):
    ensure_can_edit(actor.user, meter.building)
    exchange: MeterExchange = save()
    if meter.readings.filter(timestamp=exchange.timestamp).exists():
        raise ValidationError(
            {"timestamp": _("There is a reading at exactly this time; choose another time.")}
        )
    if exchange.new_number:
        meter.number = exchange.new_number
        meter.save(update_fields=["number"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        meter,
        changes={"exchange": audit.snapshot(exchange)},
        owner_organisation=meter.building.owner_id,
    )
    return exchange


@transaction.atomic
def upload_readings(actor: Actor, meter: Meter, upload, kind: str, value_mode: str):
    """Store an uploaded file for preview. The import itself runs as a job (:func:`start_import`)."""
    ensure_can_edit(actor.user, meter.building)
    item = ReadingImport(
        meter=meter, original_name=upload.name[:255], kind=kind, created_by=actor.user, errors=[]
    )
    item.file.save(f"meter{meter.pk}-{kind}.{upload.name.rsplit('.', 1)[-1].lower()}", upload, save=False)
    item.errors = [{"mode": value_mode}]
    item.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        item,
        changes={"file": item.original_name},
        owner_organisation=meter.building.owner_id,
    )
    return item


@transaction.atomic
def start_import(actor: Actor, item: ReadingImport):
    ensure_can_edit(actor.user, item.meter.building)
    if item.status not in ("uploaded", "failed"):
        raise ValidationError(_("This file has already been imported."))
    job = enqueue(
        "energy.import_readings",
        actor=actor,
        label=_("Import %(file)s into meter %(meter)s")
        % {"file": item.original_name, "meter": item.meter.number},
        import_id=item.pk,
    )
    item.status = "queued"
    item.job = job
    item.save(update_fields=["status", "job"])
    return job


@transaction.atomic
def import_temperatures(actor: Actor, station, rows):
    """``rows``: [(date, mean °C)] parsed and checked; replaces values of the same days."""
    ensure_can_edit(actor.user, station)
    existing = dict(DailyTemperature.objects.filter(station=station).values_list("date", "pk"))
    new, changed = [], []
    for day, temp in rows:
        if day in existing:
            changed.append(
                DailyTemperature(pk=existing[day], station=station, date=day, mean_temperature=temp)
            )
        else:
            new.append(DailyTemperature(station=station, date=day, mean_temperature=temp))
    DailyTemperature.objects.bulk_create(new, batch_size=2000)
    DailyTemperature.objects.bulk_update(changed, ["mean_temperature"], batch_size=2000)
    audit.record(actor, AuditAction.UPDATE, station, changes={"temperatures_imported": len(rows)})
    return len(new), len(changed)


@transaction.atomic
def save_self_check(actor: Actor, report, answers):
    """``answers``: {requirement: (status, note, evidence_url)}."""
    from ikonnekt.energy.models import SelfCheckAnswer

    ensure_can_edit(actor.user, report)
    for key, (status, note, url) in answers.items():
        SelfCheckAnswer.objects.update_or_create(
            report=report, requirement=key, defaults={"status": status, "note": note, "evidence_url": url}
        )
    audit.record(
        actor, AuditAction.UPDATE, report, changes={"self_check": {k: v[0] for k, v in answers.items()}}
    )
