"""Action functions of the planning module: permission check, write and audit in one transaction.

Plain create/change/delete of shared objects goes through ``ikonnekt.core.actions``; the
functions here cover the domain-specific changes (indicator values and CSV import, site owners
and their answers, contact letters, land take, question-set versions, decision-check answers).
"""

import csv
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.sharing import has_role
from ikonnekt.organizations.models import Organisation
from ikonnekt.planning.models import (
    CheckAnswer,
    DecisionCheck,
    Effect,
    IndicatorValue,
    LandTake,
    MegatrendRelevance,
    Question,
    QuestionSet,
    Site,
    SiteOwner,
)

MAX_CSV_BYTES = 2 * 1024 * 1024


# --- indicator values ---------------------------------------------------------------------------


def _ensure_value_rights(actor, node, municipality_id):
    if not IndicatorValue.can_write(actor.user, node, municipality_id):
        raise PermissionDenied(
            _("Only editors of the target or of the municipality may enter values of this series.")
        )
    _ensure_not_fed(node, municipality_id)


def _ensure_not_fed(node, municipality_id):
    """A reference series that follows an indicator feed takes no typed values."""
    from ikonnekt.planning.feeds import reference_municipality_id

    if node.feed_id and municipality_id == reference_municipality_id(node):
        raise ValidationError(
            {
                "municipality": _(
                    "This series follows the indicator feed “%(feed)s”: its values are computed, not typed."
                )
                % {"feed": node.feed}
            }
        )


@transaction.atomic
def set_indicator_value(actor: Actor, node, municipality, year: int, value: float, source: str = ""):
    """Create or change the value of ``municipality``'s series in ``year``."""
    _ensure_value_rights(actor, node, municipality.pk)
    row, created = IndicatorValue.objects.update_or_create(
        node=node,
        municipality=municipality,
        year=year,
        defaults={"value": value, "source": source, "created_by": actor.user},
    )
    audit.record(
        actor,
        AuditAction.UPDATE,
        node,
        changes={"indicator_value": {"municipality": municipality.pk, "year": year, "value": value}},
    )
    return row


@transaction.atomic
def delete_indicator_value(actor: Actor, row):
    _ensure_value_rights(actor, row.node, row.municipality_id)
    audit.record(
        actor,
        AuditAction.UPDATE,
        row.node,
        changes={"indicator_value_deleted": {"municipality": row.municipality_id, "year": row.year}},
    )
    row.delete()


def _find_municipality(key, cache):
    key = (key or "").strip()
    if key in cache:
        return cache[key]
    org = (
        Organisation.objects.filter(slug=key).first()
        or Organisation.objects.filter(ags=key).first()
        or Organisation.objects.filter(code__iexact=key).first()
        or Organisation.objects.filter(name__iexact=key).first()
    )
    cache[key] = org
    return org


def parse_number(text: str) -> float:
    """German or English notation: ``1.234,5`` / ``1234.5`` / ``1234,5``."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def parse_indicator_csv(data: bytes, default_municipality=None):
    """Rows ``(municipality, year, value, source)`` from CSV (columns ``year;value`` and optionally
    ``municipality`` and ``source``; separator ``;`` or ``,``). Raises one ValidationError listing
    every bad row and column."""
    if len(data) > MAX_CSV_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not a text (CSV) file."))
    if "\x00" in text:
        raise ValidationError(_("The file is not a text (CSV) file."))
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";"
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    reader.fieldnames = fields
    aliases = {
        "jahr": "year",
        "wert": "value",
        "kommune": "municipality",
        "gemeinde": "municipality",
        "quelle": "source",
    }
    reader.fieldnames = [aliases.get(f, f) for f in fields]
    missing = [c for c in ("year", "value") if c not in reader.fieldnames]
    if missing:
        raise ValidationError(
            _(
                "Missing column(s): %(cols)s. Expected the columns year;value (optionally municipality;source)."
            )
            % {"cols": ", ".join(missing)}
        )
    if "municipality" not in reader.fieldnames and default_municipality is None:
        raise ValidationError(_("Missing column: municipality."))
    errors, rows, seen, cache = [], [], {}, {}
    for lineno, raw in enumerate(reader, start=2):
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        muni = default_municipality
        if "municipality" in raw and (raw.get("municipality") or "").strip():
            muni = _find_municipality(raw["municipality"], cache)
            if muni is None:
                errors.append(
                    _("Row %(row)s, column municipality: unknown municipality “%(value)s”.")
                    % {"row": lineno, "value": raw["municipality"]}
                )
                continue
        try:
            year = int((raw.get("year") or "").strip())
            if not 1900 <= year <= 2200:
                raise ValueError
        except ValueError:
            errors.append(
                _("Row %(row)s, column year: “%(value)s” is not a year.")
                % {"row": lineno, "value": raw.get("year")}
            )
            continue
        try:
            value = parse_number(raw.get("value") or "")
        except ValueError:
            errors.append(
                _("Row %(row)s, column value: “%(value)s” is not a number.")
                % {"row": lineno, "value": raw.get("value")}
            )
            continue
        key = (muni.pk if muni else None, year)
        if key in seen:
            errors.append(
                _("Row %(row)s: the year %(year)s appears twice for %(muni)s (first in row %(first)s).")
                % {"row": lineno, "year": year, "muni": muni, "first": seen[key]}
            )
            continue
        seen[key] = lineno
        rows.append((muni, year, value, (raw.get("source") or "").strip()[:255]))
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_("The file contains no values."))
    return rows


@transaction.atomic
def import_indicator_csv(actor: Actor, node, data: bytes, default_municipality=None) -> int:
    """All rows or none: rights for every municipality are checked before anything is written."""
    rows = parse_indicator_csv(data, default_municipality)
    denied = sorted({str(m) for m, *_r in rows if not IndicatorValue.can_write(actor.user, node, m.pk)})
    if denied:
        raise ValidationError(
            _("You may not enter values for: %(names)s. Nothing was imported.") % {"names": ", ".join(denied)}
        )
    for muni, *_rest in rows:
        _ensure_not_fed(node, muni.pk)
    for muni, year, value, source in rows:
        IndicatorValue.objects.update_or_create(
            node=node,
            municipality=muni,
            year=year,
            defaults={"value": value, "source": source, "created_by": actor.user},
        )
    audit.record(actor, AuditAction.UPDATE, node, changes={"indicator_import": {"rows": len(rows)}})
    return len(rows)


# --- megatrend relevance -------------------------------------------------------------------------


@transaction.atomic
def rate_megatrend(actor: Actor, megatrend, municipality, relevance: int, note: str = ""):
    """A municipality rates how relevant a (visible) megatrend is for itself."""
    if not has_role(actor.user, municipality.pk):
        raise PermissionDenied(_("Only editors of the municipality may rate for it."))
    row, _created = MegatrendRelevance.objects.update_or_create(
        megatrend=megatrend, municipality=municipality, defaults={"relevance": relevance, "note": note}
    )
    audit.record(
        actor,
        AuditAction.UPDATE,
        megatrend,
        owner_organisation=municipality,
        changes={"relevance": {"municipality": municipality.pk, "value": relevance}},
    )
    return row


# --- site owners (personal data; owner organisation only) ------------------------------------------


def _ensure_site_editor(actor, site):
    if not has_role(actor.user, site.owner_id):
        raise PermissionDenied(_("Only editors of the municipality that owns the site may manage owners."))


@transaction.atomic
def save_site_owner(actor: Actor, site, save):
    """Create or change an owner record (``save`` is the bound form's save)."""
    _ensure_site_editor(actor, site)
    instance = save()
    # Personal data stays out of the audit log: record which fields, not their values.
    audit.record(
        actor,
        AuditAction.UPDATE,
        site,
        changes={"site_owner": {"id": instance.pk, "answer": instance.answer}},
    )
    return instance


@transaction.atomic
def record_answer(actor: Actor, owner: SiteOwner, answer: str, answered_on, note: str = ""):
    _ensure_site_editor(actor, owner.site)
    owner.answer = answer
    owner.answered_on = answered_on
    owner.answer_note = note
    owner.full_clean()
    owner.save()
    audit.record(
        actor, AuditAction.UPDATE, owner.site, changes={"owner_answer": {"id": owner.pk, "answer": answer}}
    )
    return owner


@transaction.atomic
def delete_site_owner(actor: Actor, owner: SiteOwner):
    _ensure_site_editor(actor, owner.site)
    audit.record(actor, AuditAction.UPDATE, owner.site, changes={"site_owner_deleted": owner.pk})
    owner.delete()


@transaction.atomic
def mark_letters_sent(actor: Actor, site: Site, owners, sent_on):
    _ensure_site_editor(actor, site)
    ids = [o.pk for o in owners]
    SiteOwner.objects.filter(pk__in=ids, site=site).update(letter_sent_on=sent_on)
    audit.record(actor, AuditAction.DOWNLOAD, site, changes={"contact_letters": len(ids)})


# --- land take ----------------------------------------------------------------------------------


@transaction.atomic
def set_land_take(actor: Actor, municipality, year: int, hectares: float, source: str = ""):
    if not has_role(actor.user, municipality.pk):
        raise PermissionDenied(_("Only editors of the municipality may enter its land take."))
    row, _created = LandTake.objects.update_or_create(
        municipality=municipality, year=year, defaults={"hectares": hectares, "source": source}
    )
    audit.record(
        actor,
        AuditAction.UPDATE,
        None,
        owner_organisation=municipality,
        object_repr=str(row),
        changes={"land_take": {"year": year, "hectares": hectares}},
    )
    return row


# --- decision check -----------------------------------------------------------------------------


@transaction.atomic
def new_question_set_version(actor: Actor, qs: QuestionSet) -> QuestionSet:
    """Copy a question set with its questions into the next version (old checks keep theirs)."""
    if not qs.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    questions = list(qs.questions.all())
    shared = list(qs.shared_with.all())
    old_pk = qs.pk
    copy = QuestionSet.objects.get(pk=old_pk)
    copy.pk = None
    copy.version = qs.version + 1
    copy.previous_id = old_pk
    copy.is_example = False
    copy.created_by = actor.user
    copy.save()
    copy.shared_with.set(shared)
    Question.objects.bulk_create(
        [
            Question(
                question_set=copy,
                topic=q.topic,
                text=q.text,
                help=q.help,
                suggestion=q.suggestion,
                order=q.order,
            )
            for q in questions
        ]
    )
    QuestionSet.objects.filter(pk=old_pk).update(is_active=False)
    audit.record(actor, AuditAction.CREATE, copy, changes={"copied_from": old_pk, "version": copy.version})
    return copy


@transaction.atomic
def save_check_answers(actor: Actor, check: DecisionCheck, answers: dict):
    """``answers``: ``{question_id: (effect, justification)}`` for questions of the check's set."""
    stored = DecisionCheck.objects.select_for_update().get(pk=check.pk)
    if not stored.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    valid_ids = set(check.question_set.questions.values_list("pk", flat=True))
    for qid, (effect, justification) in answers.items():
        if qid not in valid_ids:
            raise ValidationError(_("Question %(id)s does not belong to this question set.") % {"id": qid})
        if effect not in Effect.values:
            raise ValidationError(_("Unknown effect “%(e)s”.") % {"e": effect})
        CheckAnswer.objects.update_or_create(
            check_obj=check,
            question_id=qid,
            defaults={"effect": effect, "justification": justification[:500]},
        )
    audit.record(actor, AuditAction.UPDATE, check, changes={"answers": len(answers)})
    return check
