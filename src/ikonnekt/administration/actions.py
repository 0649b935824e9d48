"""Every change in joint administration: permission check + write + audit in one transaction.

Pages, the API, the CSV import and the demo loader call these functions.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ikonnekt.administration import booking as booking_rules
from ikonnekt.administration import kgg
from ikonnekt.administration.costkeys import CostKeyError, differences, settle
from ikonnekt.administration.models import (
    ACTIVE_BOOKING,
    ActionStatus,
    AdvancePayment,
    Agreement,
    AgreementParty,
    AgreementStatus,
    Attendance,
    AttendanceStatus,
    Booking,
    BookingStatus,
    CalendarFeed,
    CouncilDecision,
    GroupMember,
    IdeaCard,
    IdeaVote,
    Meeting,
    PartyRole,
    PositionShare,
    Settlement,
    SharedResource,
    StatusChange,
    TimeRecord,
    UsageRecord,
)
from ikonnekt.administration.settlement import freeze_inputs
from ikonnekt.cooperations.models import Participation
from ikonnekt.core import actions as core_actions
from ikonnekt.core import audit
from ikonnekt.core.actions import save_child
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.sharing import ensure_can_edit, has_role

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


# --- agreements -----------------------------------------------------------------------------------


def _check_cooperation(agreement_or_obj, org_ids) -> None:
    coop_orgs = set(
        Participation.objects.filter(cooperation_id=agreement_or_obj.cooperation_id).values_list(
            "organisation_id", flat=True
        )
    )
    if agreement_or_obj.owner_id not in coop_orgs:
        raise ValidationError(
            {"cooperation": _("The owner organisation does not take part in this cooperation.")}
        )
    outside = [o for o in org_ids if o.pk not in coop_orgs]
    if outside:
        raise ValidationError(
            _("Not a participant of the cooperation: %(names)s")
            % {"names": ", ".join(o.name for o in outside)}
        )


@transaction.atomic
def create_agreement(actor: Actor, owner_id: int, save, parties=(), owner_role=None):
    """``parties``: iterable of (organisation, role); the owner becomes a party automatically
    (with ``owner_role``, or the first role the kind allows)."""
    owner_role_ = owner_role

    def save_all():
        agreement = save()
        _check_cooperation(agreement, [org for org, _role in parties])
        allowed = kgg.judge(agreement, [agreement.owner, *(org for org, _r in parties)]).roles
        owner_role = owner_role_ if owner_role_ in allowed else allowed[0]
        AgreementParty.objects.get_or_create(
            agreement=agreement, organisation_id=agreement.owner_id, defaults={"role": owner_role}
        )
        for org, role in parties:
            if role not in allowed:
                raise ValidationError(
                    {
                        "kind": _("The role “%(role)s” does not fit a %(kind)s.")
                        % {"role": PartyRole(role).label, "kind": agreement.get_kind_display()}
                    }
                )
            AgreementParty.objects.update_or_create(
                agreement=agreement, organisation=org, defaults={"role": role}
            )
        StatusChange.objects.create(
            agreement=agreement, from_status="", to_status=agreement.status, changed_by=actor.user
        )
        return agreement

    return core_actions.create_object(actor, owner_id, save_all)


@transaction.atomic
def _check_role(agreement, organisation, role) -> None:
    orgs = [p.organisation for p in agreement.parties.select_related("organisation")]
    judgement = kgg.judge(agreement, [*orgs, organisation])
    if role not in judgement.roles:
        raise ValidationError(
            {
                "role": _("The role “%(role)s” does not fit a %(kind)s; choose one of: %(roles)s.")
                % {
                    "role": PartyRole(role).label,
                    "kind": agreement.get_kind_display(),
                    "roles": ", ".join(str(PartyRole(r).label) for r in judgement.roles),
                }
            }
        )


@transaction.atomic
def add_party(actor: Actor, agreement, organisation, role, fixed_share_percent=None, council_required=True):
    """Add a party, or change the role and share of an existing one (only before the signature)."""
    ensure_can_edit(actor.user, agreement)
    _check_cooperation(agreement, [organisation])
    agreement.refresh_from_db(fields=["status"])
    if agreement.status not in (AgreementStatus.DRAFT, AgreementStatus.NEGOTIATION, AgreementStatus.COUNCIL):
        raise ValidationError(_("After the signature the parties can only change by an amendment."))
    _check_role(agreement, organisation, role)
    party = AgreementParty.objects.filter(agreement=agreement, organisation=organisation).first()
    party = party or AgreementParty(agreement=agreement, organisation=organisation)
    party.role = role
    party.fixed_share_percent = fixed_share_percent
    party.council_decision_required = council_required
    return save_child(actor, agreement, party)


# The workflow before the signature; after it the steps come from the law (administration.kgg):
# approval (delegating, § 18 Abs. 1 Satz 2 KGG), notice (mandating, § 18 Abs. 1 Satz 3 KGG),
# publication (§ 18 Abs. 1 Satz 5 KGG), then in force (§ 18 Abs. 2 KGG).
TRANSITIONS = {
    AgreementStatus.DRAFT: [AgreementStatus.NEGOTIATION, AgreementStatus.COUNCIL],
    AgreementStatus.NEGOTIATION: [AgreementStatus.DRAFT, AgreementStatus.COUNCIL],
    AgreementStatus.COUNCIL: [AgreementStatus.NEGOTIATION, AgreementStatus.SIGNED],
    AgreementStatus.IN_FORCE: [AgreementStatus.NOTICE_GIVEN, AgreementStatus.ENDED],
    AgreementStatus.NOTICE_GIVEN: [AgreementStatus.ENDED, AgreementStatus.IN_FORCE],
    AgreementStatus.ENDED: [],
}
LEGAL_STEPS = (
    AgreementStatus.SIGNED,
    AgreementStatus.APPROVED,
    AgreementStatus.SUPERVISORY,
    AgreementStatus.PUBLISHED,
)


def next_statuses(agreement, judgement=None) -> list[str]:
    if agreement.status not in LEGAL_STEPS:
        return list(TRANSITIONS[agreement.status])
    steps = [AgreementStatus.SIGNED, *(judgement or kgg.judge(agreement)).steps, AgreementStatus.IN_FORCE]
    position = steps.index(agreement.status) if agreement.status in steps else 0
    return [steps[position + 1]]


def _missing_decisions(agreement) -> list[str]:
    approved = set(
        CouncilDecision.objects.filter(agreement=agreement, approved=True).values_list(
            "organisation_id", flat=True
        )
    )
    return [
        p.organisation.name
        for p in agreement.parties.select_related("organisation")
        if p.council_decision_required and p.organisation_id not in approved
    ]


def _d(day) -> str:
    return day.strftime("%d.%m.%Y")


def _check_legal_step(agreement, judgement, to_status, on, reference, updates) -> None:
    """The checks and date fields of signature, approval, notice, publication and entry into force."""
    if to_status == AgreementStatus.SIGNED:
        missing = _missing_decisions(agreement)
        if missing:
            raise ValidationError(
                _("Council decisions are missing for: %(names)s") % {"names": ", ".join(missing)}
            )
        late = CouncilDecision.objects.filter(agreement=agreement, decided_on__gt=on).select_related(
            "organisation"
        )
        if late:
            raise ValidationError(
                _("The council decision of %(org)s (%(date)s) lies after the signature (%(signed)s).")
                % {"org": late[0].organisation, "date": _d(late[0].decided_on), "signed": _d(on)}
            )
        roles = [(p.organisation, p.role) for p in agreement.parties.select_related("organisation")]
        problems = kgg.role_problems(agreement, roles, judgement)
        blocking = [f for f in judgement.findings if f.level == "danger"]
        if problems or blocking:
            raise ValidationError([*problems, *(f"{f.text} ({f.paragraph})" for f in blocking)])
        updates["signed_on"] = on
        return
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date cannot lie in the future.")})
    done = [
        d
        for d in (
            agreement.signed_on,
            agreement.approved_on,
            agreement.supervisory_notice_on,
            agreement.published_on,
        )
        if d
    ]
    previous = max(done) if done else None
    if previous and on < previous:
        raise ValidationError(
            {"on": _("The date lies before the previous step (%(date)s).") % {"date": _d(previous)}}
        )
    if to_status == AgreementStatus.APPROVED:
        if not reference.strip():
            raise ValidationError(
                {"reference": _("Enter the file reference of the supervisory authority's approval.")}
            )
        updates.update(approved_on=on, approval_reference=reference.strip()[:120])
    elif to_status == AgreementStatus.SUPERVISORY:
        updates["supervisory_notice_on"] = on
    elif to_status == AgreementStatus.PUBLISHED:
        if not reference.strip():
            raise ValidationError(
                {"reference": _("Enter where the agreement was published (e.g. the official gazette).")}
            )
        updates.update(published_on=on, publication_reference=reference.strip()[:200])
    elif to_status == AgreementStatus.IN_FORCE:
        for field, value in updates.items():
            setattr(agreement, field, value)
        effective = kgg.effective_date(agreement, judgement)
        if effective is None or on < effective:
            raise ValidationError(
                {
                    "on": _("The agreement takes effect only on %(date)s (%(paragraph)s).")
                    % {
                        "date": _d(effective) if effective else "?",
                        "paragraph": "; ".join(
                            r.effect_rule.paragraph for r in judgement.kind_rules.values() if r.effect_rule
                        )
                        or _("date named in the agreement"),
                    }
                }
            )
        updates["valid_from"] = effective


@transaction.atomic
def change_status(
    actor: Actor, agreement, to_status: str, *, on: date | None = None, note: str = "", reference: str = ""
):
    """Move an agreement along its workflow; ``on`` is the date of the step (signature, approval,
    notice, publication, entry into force, notice of termination, end); ``reference`` is the approval's
    file reference or the place of publication."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    ensure_can_edit(actor.user, agreement)
    on = on or timezone.localdate()
    judgement = kgg.judge(agreement)
    if to_status not in next_statuses(agreement, judgement):
        raise ValidationError(
            _("From “%(from)s” the agreement cannot move to “%(to)s”.")
            % {"from": agreement.get_status_display(), "to": AgreementStatus(to_status).label}
        )
    updates = {}
    if agreement.status in LEGAL_STEPS or to_status == AgreementStatus.SIGNED:
        _check_legal_step(agreement, judgement, to_status, on, reference, updates)
    elif to_status == AgreementStatus.IN_FORCE:
        updates["notice_given_on"] = None  # notice withdrawn
    elif to_status == AgreementStatus.NOTICE_GIVEN:
        updates["notice_given_on"] = on
    elif to_status == AgreementStatus.ENDED:
        updates["ended_on"] = on
    before = agreement.status
    for field, value in updates.items():
        setattr(agreement, field, value)
    agreement.status = to_status
    agreement.save(update_fields=[*updates, "status", "updated_at"])
    StatusChange.objects.create(
        agreement=agreement, from_status=before, to_status=to_status, changed_by=actor.user, note=note[:255]
    )
    audit.record(
        actor,
        AuditAction.UPDATE,
        agreement,
        changes={
            "status": [before, to_status],
            **{k: [None, str(v) if v else None] for k, v in updates.items()},
        },
    )
    return agreement


@transaction.atomic
def record_council_decision(
    actor: Actor, agreement, *, organisation, body, decided_on, resolution_number, approved=True, note=""
):
    """A party's council decision; moves a draft/negotiated agreement into the council phase."""
    if not (agreement.can_edit(actor.user) or has_role(actor.user, organisation.pk)):
        raise PermissionDenied(
            _("Only the agreement's owner or the party itself records its council decision.")
        )
    if not agreement.parties.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("%(org)s is not a party of this agreement.") % {"org": organisation}}
        )
    if agreement.signed_on and decided_on > agreement.signed_on:
        raise ValidationError(
            {
                "decided_on": _("The council decision lies after the signature (%(date)s).")
                % {"date": agreement.signed_on.strftime("%d.%m.%Y")}
            }
        )
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A council decision cannot lie in the future.")})
    decision = CouncilDecision(
        agreement=agreement,
        organisation=organisation,
        body=body,
        decided_on=decided_on,
        resolution_number=resolution_number,
        approved=approved,
        note=note,
    )
    decision.full_clean()
    decision.save()
    audit.record(actor, AuditAction.CREATE, decision, changes=audit.snapshot(decision))
    agreement.refresh_from_db(fields=["status"])  # the caller's copy may be older than the row
    if agreement.status in (AgreementStatus.DRAFT, AgreementStatus.NEGOTIATION) and agreement.can_edit(
        actor.user
    ):
        change_status(actor, agreement, AgreementStatus.COUNCIL, note=_("first council decision recorded"))
    return decision


def validate_attachment(upload) -> None:
    from ikonnekt.administration.uploads import check_document

    check_document(upload, MAX_ATTACHMENT_BYTES)


# --- settlements -----------------------------------------------------------------------------------


@transaction.atomic
def issue_settlement(actor: Actor, agreement, year: int, reason: str = "") -> Settlement:
    """Freeze the year's inputs and issue the settlement; an existing one is corrected by a new
    version that records the differences (never changed in place)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    ensure_can_edit(actor.user, agreement)
    try:
        inputs = freeze_inputs(agreement, year)
        result = settle(inputs)
    except CostKeyError as exc:
        raise ValidationError(str(exc)) from None
    previous = Settlement.objects.filter(agreement=agreement, year=year).order_by("-version").first()
    if previous is not None:
        if not reason.strip():
            raise ValidationError(
                {
                    "reason": _(
                        "A settlement for %(year)s was already issued; give a reason for the correction."
                    )
                    % {"year": year}
                }
            )
        if previous.inputs == inputs:
            raise ValidationError(
                _("Nothing changed since version %(v)s, so there is nothing to correct.")
                % {"v": previous.version}
            )
        result["differences"] = differences(previous.result, result)
    settlement = Settlement.objects.create(
        agreement=agreement,
        year=year,
        version=(previous.version + 1) if previous else 1,
        previous=previous,
        issued_by=actor.user,
        reason=reason[:255],
        inputs=inputs,
        result=result,
        total=Decimal(result["total"]),
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        settlement,
        changes={"year": year, "version": settlement.version, "total": result["total"], "reason": reason},
    )
    return settlement


# --- positions ------------------------------------------------------------------------------------


@transaction.atomic
def set_position_shares(actor: Actor, position, shares: dict):
    """``shares``: {organisation: planned percent}; they must add up to exactly 100 %."""
    ensure_can_edit(actor.user, position)
    total = sum((Decimal(v) for v in shares.values()), Decimal(0))
    if total != 100:
        raise ValidationError(_("The time shares add up to %(sum)s %% instead of 100 %%.") % {"sum": total})
    if any(Decimal(v) <= 0 for v in shares.values()):
        raise ValidationError(_("Every time share must be greater than 0 %."))
    before = {s.organisation_id: str(s.planned_percent) for s in position.shares.all()}
    position.shares.exclude(organisation__in=list(shares)).delete()
    for org, pct in shares.items():
        PositionShare.objects.update_or_create(
            position=position, organisation=org, defaults={"planned_percent": pct}
        )
    after = {o.pk: str(Decimal(v)) for o, v in shares.items()}
    audit.record(actor, AuditAction.UPDATE, position, changes={"time_shares": [before, after]})


def can_record_time(user, position) -> bool:
    return position.can_edit(user) or (user.is_authenticated and user.pk == position.holder_id)


@transaction.atomic
def add_time_record(actor: Actor, position, *, person, organisation, day, hours, note=""):
    if not can_record_time(actor.user, position):
        raise PermissionDenied(_("Only the position holder and the employer's editors record time."))
    if organisation.pk not in set(position.shares.values_list("organisation_id", flat=True)):
        raise ValidationError(
            {"organisation": _("%(org)s has no time share in this position.") % {"org": organisation}}
        )
    record = TimeRecord(
        position=position, person=person, organisation=organisation, date=day, hours=hours, note=note
    )
    record.full_clean()
    record.save()
    audit.record(actor, AuditAction.CREATE, record, changes=audit.snapshot(record))
    return record


CSV_COLUMNS = ("datum", "person", "partner", "stunden")


def parse_time_csv(content: bytes, position) -> list[dict]:
    """Rows of a time-record CSV (columns datum;person;partner;stunden[;notiz]); every error names
    the row and column. Nothing is written here."""
    if len(content) > MAX_CSV_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    if b"\x00" in content[:4096]:
        raise ValidationError(_("This is not a CSV text file."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="strict") if _is_cp1252(content) else None
        if text is None:
            raise ValidationError(_("The file is neither UTF-8 nor Windows-1252 text.")) from None
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,\t")
    except csv.Error:
        pass
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            _("Missing columns: %(cols)s (expected: datum;person;partner;stunden;notiz)")
            % {"cols": ", ".join(missing)}
        )
    users = {}
    User = get_user_model()
    partners = {}
    for share in position.shares.select_related("organisation"):
        org = share.organisation
        for key in (org.slug, org.code, org.name):
            if key:
                partners[key.strip().lower()] = org
    errors = []
    rows = []
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not any(row.values()):
            continue
        try:
            day = _parse_date(row["datum"])
        except ValueError:
            errors.append(
                _("Row %(row)s, column datum: “%(v)s” is not a date (TT.MM.JJJJ).")
                % {"row": number, "v": row["datum"]}
            )
            day = None
        ident = row["person"].lower()
        if ident not in users:
            users[ident] = (
                User.objects.filter(Q(username__iexact=ident) | Q(email__iexact=ident)).first()
                if ident
                else None
            )
        person = users[ident]
        if person is None:
            errors.append(
                _("Row %(row)s, column person: unknown person “%(v)s”.") % {"row": number, "v": row["person"]}
            )
        org = partners.get(row["partner"].lower())
        if org is None:
            errors.append(
                _("Row %(row)s, column partner: “%(v)s” has no time share in this position.")
                % {"row": number, "v": row["partner"]}
            )
        try:
            hours = _parse_hours(row["stunden"])
        except ValueError:
            errors.append(
                _(
                    "Row %(row)s, column stunden: “%(v)s” is not a number of hours between 0 and 24 (e.g. 7,5 or 7:30)."
                )
                % {"row": number, "v": row["stunden"]}
            )
            hours = None
        rows.append(
            {
                "date": day,
                "person": person,
                "organisation": org,
                "hours": hours,
                "note": row.get("notiz", "")[:255],
            }
        )
    if errors:
        raise ValidationError(errors[:50])
    if not rows:
        raise ValidationError(_("The file contains no time records."))
    return rows


def _is_cp1252(content: bytes) -> bool:
    try:
        content.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _parse_date(value: str) -> date:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def _parse_hours(value: str) -> Decimal:
    value = value.strip()
    if ":" in value:
        h, _sep, m = value.partition(":")
        if not (h.isdigit() and m.isdigit() and len(m) == 2 and int(m) < 60):
            raise ValueError(value)
        hours = Decimal(int(h)) + Decimal(int(m)) / 60
    else:
        try:
            hours = Decimal(value.replace(",", "."))
        except InvalidOperation:
            raise ValueError(value) from None
    if not hours.is_finite() or hours <= 0 or hours > 24:
        raise ValueError(value)
    return hours.quantize(Decimal("0.01"))


@transaction.atomic
def import_time_records(actor: Actor, position, content: bytes) -> int:
    """All rows or none."""
    if not position.can_edit(actor.user):
        raise PermissionDenied(_("Only the employer's editors import time records."))
    rows = parse_time_csv(content, position)
    records = [
        TimeRecord(
            position=position,
            person=r["person"],
            organisation=r["organisation"],
            date=r["date"],
            hours=r["hours"],
            note=r["note"],
        )
        for r in rows
    ]
    TimeRecord.objects.bulk_create(records)
    audit.record(
        actor,
        AuditAction.CREATE,
        position,
        changes={"time_records_imported": len(records), "hours": str(sum(r.hours for r in records))},
    )
    return len(records)


def actual_hours(position, year=None) -> dict:
    qs = TimeRecord.objects.filter(position=position)
    if year:
        qs = qs.filter(date__year=year)
    return {r["organisation_id"]: r["h"] for r in qs.values("organisation_id").annotate(h=Sum("hours"))}


# --- resources --------------------------------------------------------------------------------------


@transaction.atomic
def book_resource(actor: Actor, resource, *, organisation, start, end, purpose=""):
    """A conflict-free booking; the resource row is locked so two requests cannot both win."""
    resource = SharedResource.objects.select_for_update().get(pk=resource.pk)
    if not resource.is_visible_to(actor.user):
        raise PermissionDenied(_("You may not book this resource."))
    allowed = resource.booking_organisation_ids(actor.user)
    if organisation.pk not in allowed:
        raise PermissionDenied(_("You may only book for partners of the cooperation you edit for."))
    rules = booking_rules.Rules(
        resource.available_from,
        resource.available_until,
        resource.weekdays_only,
        resource.min_hours,
        resource.max_hours,
    )
    errors = booking_rules.rule_errors(start, end, rules)
    if errors:
        raise ValidationError(errors)
    clash = (
        Booking.objects.filter(resource=resource, status__in=ACTIVE_BOOKING, start__lt=end, end__gt=start)
        .select_related("organisation")
        .first()
    )
    if clash:
        raise ValidationError(
            {
                "start": _("The resource is already booked then: %(booking)s for %(org)s.")
                % {"booking": str(clash), "org": clash.organisation}
            }
        )
    status = (
        BookingStatus.REQUESTED
        if resource.requires_approval and not resource.can_edit(actor.user)
        else BookingStatus.CONFIRMED
    )
    booking = Booking.objects.create(
        resource=resource,
        organisation=organisation,
        booked_by=actor.user,
        start=start,
        end=end,
        purpose=purpose,
        status=status,
    )
    audit.record(actor, AuditAction.CREATE, booking, changes=audit.snapshot(booking))
    return booking


@transaction.atomic
def set_booking_status(actor: Actor, booking, status: str):
    booking = Booking.objects.select_for_update().select_related("resource").get(pk=booking.pk)
    if status in (BookingStatus.CONFIRMED, BookingStatus.REJECTED):
        if not booking.resource.can_edit(actor.user):
            raise PermissionDenied(_("Only the resource owner's editors approve bookings."))
        if booking.status != BookingStatus.REQUESTED:
            raise ValidationError(_("Only requested bookings can be approved or rejected."))
    elif status == BookingStatus.CANCELLED:
        if not booking.can_edit(actor.user):
            raise PermissionDenied(_("You may not cancel this booking."))
        if booking.status not in ACTIVE_BOOKING:
            raise ValidationError(_("This booking is no longer active."))
    else:
        raise ValidationError(_("Unknown status."))
    before = booking.status
    booking.status = status
    booking.save(update_fields=["status"])
    audit.record(actor, AuditAction.UPDATE, booking, changes={"status": [before, status]})
    return booking


@transaction.atomic
def record_usage(actor: Actor, resource, *, organisation, day, quantity, note="", booking=None):
    """Usage (hours, km, t): the using partner records its own, the owner's editors any partner's."""
    allowed = resource.booking_organisation_ids(actor.user)
    if resource.can_edit(actor.user):
        allowed |= set(
            Participation.objects.filter(cooperation_id=resource.cooperation_id).values_list(
                "organisation_id", flat=True
            )
        ) | {resource.owner_id}
    if organisation.pk not in allowed:
        raise PermissionDenied(_("Only the owner and the using partner record usage."))
    usage = UsageRecord(
        resource=resource,
        organisation=organisation,
        date=day,
        quantity=quantity,
        note=note,
        booking=booking,
        recorded_by=actor.user,
    )
    usage.full_clean()
    usage.save()
    audit.record(actor, AuditAction.CREATE, usage, changes=audit.snapshot(usage))
    return usage


# --- working groups and meetings ---------------------------------------------------------------------


def is_member(user, group) -> bool:
    return user.is_authenticated and group.members.filter(user=user).exists()


@transaction.atomic
def add_member(actor: Actor, group, user, organisation, is_chair=False):
    ensure_can_edit(actor.user, group)
    if not user.memberships.filter(organisation=organisation).exists():
        raise ValidationError(
            {"user": _("%(user)s is not a member of %(org)s.") % {"user": user, "org": organisation}}
        )
    coop_orgs = set(
        Participation.objects.filter(cooperation_id=group.cooperation_id).values_list(
            "organisation_id", flat=True
        )
    )
    if organisation.pk not in coop_orgs:
        raise ValidationError(
            {"organisation": _("%(org)s does not take part in the cooperation.") % {"org": organisation}}
        )
    member, _created = GroupMember.objects.update_or_create(
        group=group, user=user, defaults={"organisation": organisation, "is_chair": is_chair}
    )
    audit.record(actor, AuditAction.MEMBERSHIP, group, changes={"member": [None, user.get_username()]})
    return member


@transaction.atomic
def send_invitations(actor: Actor, meeting) -> int:
    """E-mail every group member an invitation with the meeting as .ics attachment."""
    from ikonnekt.administration.notify import send_meeting_invitation

    ensure_can_edit(actor.user, meeting)
    members = list(meeting.group.members.select_related("user"))
    for m in members:
        Attendance.objects.get_or_create(
            meeting=meeting, user=m.user, defaults={"status": AttendanceStatus.INVITED}
        )
    count = send_meeting_invitation(meeting, [m.user for m in members])
    meeting.invitations_sent_at = timezone.now()
    meeting.save(update_fields=["invitations_sent_at"])
    audit.record(actor, AuditAction.OTHER, meeting, changes={"invitations": count})
    return count


@transaction.atomic
def set_attendance(actor: Actor, meeting, statuses: dict):
    """``statuses``: {user_id: status} for the group's members."""
    ensure_can_edit(actor.user, meeting)
    member_ids = set(meeting.group.members.values_list("user_id", flat=True))
    changed = {}
    for user_id, status in statuses.items():
        if user_id not in member_ids:
            raise ValidationError(_("Attendance can only be recorded for members of the group."))
        if status not in AttendanceStatus.values:
            raise ValidationError(_("Unknown attendance status."))
        Attendance.objects.update_or_create(meeting=meeting, user_id=user_id, defaults={"status": status})
        changed[str(user_id)] = status
    audit.record(actor, AuditAction.UPDATE, meeting, changes={"attendance": changed})


@transaction.atomic
def set_action_status(actor: Actor, item, status: str):
    if not item.can_edit(actor.user):
        raise PermissionDenied(_("Only the responsible person and the organisers change an action item."))
    if status not in ActionStatus.values:
        raise ValidationError(_("Unknown status."))
    before = item.status
    item.status = status
    item.save(update_fields=["status"])
    audit.record(actor, AuditAction.UPDATE, item, changes={"status": [before, status]})
    return item


def can_contribute(user, meeting, member_ids=None) -> bool:
    """Idea cards and votes: members of the group and the organisers (``member_ids``: the user ids
    of the group's members, when the caller has read them anyway)."""
    if meeting.can_edit(user):
        return True
    if member_ids is not None:
        return user.is_authenticated and user.pk in member_ids
    return is_member(user, meeting.group)


@transaction.atomic
def add_idea(actor: Actor, meeting, text: str, cluster: str = ""):
    if not can_contribute(actor.user, meeting):
        raise PermissionDenied(_("Only members of the working group add ideas."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the idea on the card.")})
    card = IdeaCard.objects.create(
        meeting=meeting, text=text[:500], cluster=cluster.strip()[:100], author=actor.user
    )
    audit.record(actor, AuditAction.CREATE, card, changes={"text": card.text})
    return card


@transaction.atomic
def toggle_vote(actor: Actor, card) -> bool:
    if not can_contribute(actor.user, card.meeting):
        raise PermissionDenied(_("Only members of the working group vote."))
    vote = IdeaVote.objects.filter(card=card, user=actor.user).first()
    if vote:
        vote.delete()
        return False
    IdeaVote.objects.create(card=card, user=actor.user)
    return True


@transaction.atomic
def group_idea(actor: Actor, card, cluster: str):
    ensure_can_edit(actor.user, card.meeting)
    before = card.cluster
    card.cluster = cluster.strip()[:100]
    card.save(update_fields=["cluster"])
    audit.record(actor, AuditAction.UPDATE, card, changes={"cluster": [before, card.cluster]})


# --- calendar feeds ---------------------------------------------------------------------------------------


@transaction.atomic
def new_feed_token(actor: Actor) -> str:
    """A new secret for the personal iCal feed (the old link stops working)."""
    from ikonnekt.administration.ical import hash_token, new_token

    token = new_token()
    CalendarFeed.objects.update_or_create(user=actor.user, defaults={"token_hash": hash_token(token)})
    audit.record(
        actor,
        AuditAction.OTHER,
        None,
        changes={"ical_feed": "renewed"},
        object_repr="iCal",
        owner_organisation=actor.organisation,
    )
    return token


@transaction.atomic
def new_group_feed_token(actor: Actor, group) -> str:
    from ikonnekt.administration.ical import hash_token, new_token

    ensure_can_edit(actor.user, group)
    token = new_token()
    group.feed_token_hash = hash_token(token)
    group.save(update_fields=["feed_token_hash"])
    audit.record(actor, AuditAction.UPDATE, group, changes={"ical_feed": "renewed"})
    return token


def set_advance(actor: Actor, agreement, organisation, year, amount):
    existing = AdvancePayment.objects.filter(
        agreement=agreement, organisation=organisation, year=year
    ).first()
    obj = existing or AdvancePayment(agreement=agreement, organisation=organisation, year=year)
    obj.amount = amount
    if not agreement.parties.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("%(org)s is not a party of this agreement.") % {"org": organisation}}
        )
    return save_child(actor, agreement, obj)


@transaction.atomic
def save_cost_key(actor: Actor, agreement, name: str, components: list[dict]):
    """A cost key with its weighted components; the weights must add up to 100 %."""
    from ikonnekt.administration.models import CostKey, CostKeyComponent

    ensure_can_edit(actor.user, agreement)
    if not components:
        raise ValidationError(_("Add at least one component, e.g. inhabitants with a weight of 100."))
    total = sum((Decimal(c.get("weight_percent") or 0) for c in components), Decimal(0))
    if total != 100:
        raise ValidationError(_("The weights add up to %(sum)s %% instead of 100 %%.") % {"sum": total})
    key = CostKey.objects.create(agreement=agreement, name=name)
    for number, data in enumerate(components, start=1):
        comp = CostKeyComponent(
            cost_key=key,
            basis=data["basis"],
            weight_percent=data.get("weight_percent") or 0,
            reference_date=data.get("reference_date"),
            resource=data.get("resource"),
            position=data.get("position"),
        )
        try:
            comp.full_clean()
        except ValidationError as exc:
            raise ValidationError(
                _("Component %(n)s: %(errors)s") % {"n": number, "errors": " ".join(exc.messages)}
            ) from None
        if comp.basis == "inhabitants":
            # A missing inhabitant figure is reported now, not only at settlement time.
            from ikonnekt.administration.settlement import _inhabitants

            orgs = list(agreement.parties.select_related("organisation"))
            found = _inhabitants([p.organisation_id for p in orgs], comp.reference_date)
            missing = [p.organisation.name for p in orgs if p.organisation_id not in found]
            if missing:
                raise ValidationError(
                    _("Component %(n)s: no inhabitant figure on %(date)s for %(names)s.")
                    % {
                        "n": number,
                        "date": comp.reference_date.strftime("%d.%m.%Y"),
                        "names": ", ".join(missing),
                    }
                )
        if comp.basis == "fixed":
            parties = list(agreement.parties.select_related("organisation"))
            missing = [p.organisation.name for p in parties if p.fixed_share_percent is None]
            if missing:
                raise ValidationError(
                    _("Component %(n)s: fixed shares are missing for %(names)s.")
                    % {"n": number, "names": ", ".join(missing)}
                )
        comp.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        key,
        changes={
            "name": name,
            "components": [[c["basis"], str(c.get("weight_percent"))] for c in components],
        },
    )
    return key


# --- minutes in the shared DMS ----------------------------------------------------------------------
def file_minutes(actor: Actor, meeting: Meeting, base_url: str = ""):
    """File the minutes of ``meeting`` as a PDF document in the DMS, owned by the group's
    organisation and shared like the group, and attach it to the meeting. Filing again adds a
    new version to that document. Returns ``(document, created)``."""
    from django.contrib.contenttypes.models import ContentType

    from ikonnekt.administration.statements import minutes_pdf
    from ikonnekt.documents import actions as documents
    from ikonnekt.documents.models import Document

    if not meeting.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    group = meeting.group
    pdf = minutes_pdf(meeting, base_url)
    day = timezone.localtime(meeting.start).date()
    name = f"Protokoll-{day:%Y-%m-%d}-{meeting.pk}.pdf"
    with transaction.atomic():
        filed = (
            Document.objects.active()
            .filter(
                kind="minutes",
                links__content_type=ContentType.objects.get_for_model(Meeting),
                links__object_id=str(meeting.pk),
            )
            .order_by("pk")
            .first()
        )
        if filed is not None:
            documents.add_version(actor, filed, name, pdf, comment=_("Minutes filed again from the meeting"))
            return filed, False
        shared = list(group.shared_with.all()) if group.visibility == "cooperation" else None
        document = documents.upload_document(
            actor,
            owner_id=group.owner_id,
            name=name,
            data=pdf,
            title=_("Minutes: %(title)s, %(date)s") % {"title": meeting.title, "date": f"{day:%d.%m.%Y}"},
            kind="minutes",
            correspondent=group.name,
            document_date=day,
            visibility=group.visibility,
            shared_with=shared,
            allow_duplicate=True,
        )
        documents.link_document(actor, document, meeting)
    return document, True


VAT_FIELDS = (
    "vat_status",
    "vat_long_term",
    "vat_public_task",
    "vat_cost_reimbursement",
    "vat_public_bodies",
    "vat_reasoning",
    "vat_rate_percent",
)


@transaction.atomic
def classify_vat(actor: Actor, agreement, data: dict):
    """Record the § 2b UStG classification with the Kämmerei's checklist and reasoning (audited).

    "not taxable" needs all four conditions of § 2b Abs. 3 Nr. 2 UStG ticked; any classification
    needs a reasoning; "taxable" needs a rate."""
    from ikonnekt.administration import vat
    from ikonnekt.administration.models import VatStatus

    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    ensure_can_edit(actor.user, agreement)
    status = data.get("vat_status")
    errors = {}
    if status == VatStatus.NOT_TAXABLE:
        missing = [f"{c.letter}) {c.text}" for c in vat.CONDITIONS if not data.get(c.field)]
        if missing:
            errors["vat_status"] = _(
                "Not taxable under § 2b Abs. 3 Nr. 2 UStG only if all four conditions hold; not ticked: %(missing)s"
            ) % {"missing": "; ".join(missing)}
    if status in (VatStatus.NOT_TAXABLE, VatStatus.TAXABLE) and not (data.get("vat_reasoning") or "").strip():
        errors["vat_reasoning"] = _("Give the reasoning of the classification.")
    if status == VatStatus.TAXABLE and data.get("vat_rate_percent") in (None, ""):
        errors["vat_rate_percent"] = _("Enter the VAT rate.")
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(agreement)
    for field in VAT_FIELDS:
        if field in data and data[field] is not None:
            setattr(agreement, field, data[field])
    agreement.vat_assessed_on = timezone.localdate()
    agreement.vat_assessed_by = actor.user
    agreement.save(update_fields=[*VAT_FIELDS, "vat_assessed_on", "vat_assessed_by", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, agreement, changes=audit.diff(before, audit.snapshot(agreement)))
    return agreement
