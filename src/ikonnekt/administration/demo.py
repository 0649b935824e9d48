"""Demo data of joint administration (German, labelled "(Demo)", idempotent, reproducible).

* the shared climate-manager position of Nalbach and Saarlouis with its öffentlich-rechtliche
  Vereinbarung, time shares and time records,
* the Zweckvereinbarung on green waste with the shredder as a shared resource, bookings, usage,
  cost keys (base + usage, inhabitants) and an issued settlement 2025,
* a working group with meetings (agenda, minutes, decisions, action items) and a vision workshop,
* directory entries.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from ikonnekt.administration import models as m
from ikonnekt.core.sharing import Visibility
from ikonnekt.organizations.demo_statistics import REFERENCE_DATE

GREEN = "Gemeinsame Grüngutverwertung Nalbach–Saarlouis"
STAFF = "Gemeinsame Personalstelle Klimaschutz Nalbach–Saarlouis"
WORKING = "Arbeitskreis nachhaltige Gewerbe- und Wohngebiete"


def _aware(day: date, hour: int, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)


def _agreement(ctx, *, title, owner, cooperation, parties, **fields):
    agreement, _ = m.Agreement.objects.update_or_create(
        title=title,
        defaults=dict(
            owner=ctx.org(owner),
            cooperation=cooperation,
            visibility=Visibility.COOPERATION,
            created_by=ctx.user(f"{owner}-admin"),
            is_demo=True,
            **fields,
        ),
    )
    agreement.shared_with.set([cooperation])
    for slug, role, fixed in parties:
        m.AgreementParty.objects.update_or_create(
            agreement=agreement,
            organisation=ctx.org(slug),
            defaults={"role": role, "fixed_share_percent": fixed},
        )
    return agreement


def _timeline(agreement, user, steps):
    if agreement.status_changes.exists():
        return
    previous = ""
    for day, status in steps:
        m.StatusChange.objects.create(
            agreement=agreement,
            from_status=previous,
            to_status=status,
            changed_by=user,
            changed_at=_aware(day, 10),
        )
        previous = status


def _key(agreement, name, components):
    key, _ = m.CostKey.objects.get_or_create(agreement=agreement, name=name)
    if not key.components.exists():
        for comp in components:
            m.CostKeyComponent.objects.create(cost_key=key, **comp)
    return key


# Labels of earlier demo versions that repeated the rate the page shows anyway ("(15 %) (15 %)").
_OLD_LABELS = (
    "Verwaltungsgemeinkosten (15 % der Personal- und Sachkosten)",
    "Arbeitsplatz- und Gemeinkosten (20 %)",
)


def _items(agreement, rows):
    m.CostItem.objects.filter(agreement=agreement, label__in=_OLD_LABELS).delete()
    for year, category, label, amount, rate, key in rows:
        m.CostItem.objects.update_or_create(
            agreement=agreement,
            year=year,
            label=label,
            defaults={"category": category, "amount": amount, "overhead_rate_percent": rate, "cost_key": key},
        )


def load(ctx):
    coop_green = ctx.cooperations[GREEN]
    coop_staff = ctx.cooperations[STAFF]
    coop_work = ctx.cooperations[WORKING]
    today = timezone.localdate()
    rng = ctx.rng

    # --- green waste: Zweckvereinbarung, shredder, costs -------------------------------------------------
    green = _agreement(
        ctx,
        title="Öffentlich-rechtliche Vereinbarung Grüngutverwertung Nalbach–Saarlouis (Demo)",
        owner="saarlouis",
        cooperation=coop_green,
        parties=[("saarlouis", m.PartyRole.TAKING_OVER, None), ("nalbach", m.PartyRole.DELEGATING, None)],
        kind=m.AgreementKind.ZWECKVEREINBARUNG_DELEGATING,
        task_field=m.TaskField.GRUENGUT,
        subject=(
            "Die Kreisstadt Saarlouis übernimmt die Annahme, Zerkleinerung und Verwertung des kommunalen "
            "Grünschnitts der Gemeinde Nalbach in ihre Zuständigkeit (delegierend, § 17 Abs. 1 KGG). Holzige Anteile gehen in das Biomasse-Heizwerk "
            "Lisdorfer Berg. Kostenerstattung nach Nutzung des Häckslers und Einwohnerzahl, ohne Gewinnaufschlag."
        ),
        legal_basis="§§ 17, 18 KGG Saarland (öffentlich-rechtliche Vereinbarung, delegierend)",
        status=m.AgreementStatus.IN_FORCE,
        signed_on=date(2022, 11, 15),
        approved_on=date(2022, 12, 1),
        approval_reference="LK SLS 15.1-022/2022 (Demo)",
        published_on=date(2022, 12, 15),
        publication_reference="Amtsblatt des Saarlandes 2022, Teil I (Demo-Fundstelle)",
        effective_from_agreed=date(2023, 1, 1),
        valid_from=date(2023, 1, 1),
        term_end=date(2027, 12, 31),
        renewal_months=24,
        notice_period_months=6,
        termination_right=True,
        vat_status=m.VatStatus.NOT_TAXABLE,
        vat_long_term=True,
        vat_public_task=True,
        vat_cost_reimbursement=True,
        vat_public_bodies=True,
        vat_reasoning=(
            "Demo: Unbefristet durch automatische Verlängerung (langfristig), Grüngutverwertung ist "
            "gemeinsame öffentliche Aufgabe der Entsorgung, Erstattung nur der Kosten ohne Aufschlag, "
            "Leistungen des Häckselplatzes nur an Kommunen. Nicht steuerbar nach § 2b Abs. 3 Nr. 2 UStG."
        ),
        vat_assessed_on=date(2025, 3, 10),
        reminder_days="120,60,14",
        expected_savings=Decimal("21000"),
    )
    for slug, day, number in (
        ("saarlouis", date(2022, 9, 22), "SR-2022/117"),
        ("nalbach", date(2022, 10, 6), "GR-N 2022/58"),
    ):
        m.CouncilDecision.objects.update_or_create(
            agreement=green,
            organisation=ctx.org(slug),
            defaults={
                "body": "Stadtrat" if slug == "saarlouis" else "Gemeinderat",
                "decided_on": day,
                "resolution_number": number,
                "approved": True,
            },
        )
    _timeline(
        green,
        ctx.user("saarlouis-admin"),
        [
            (date(2022, 6, 1), "draft"),
            (date(2022, 7, 4), "negotiation"),
            (date(2022, 9, 22), "council"),
            (date(2022, 11, 15), "signed"),
            (date(2022, 12, 1), "approved"),
            (date(2022, 12, 15), "published"),
            (date(2023, 1, 1), "in_force"),
        ],
    )
    m.TaskTransfer.objects.update_or_create(
        agreement=green,
        task="Annahme und Verwertung von kommunalem Grünschnitt",
        defaults={
            "from_organisation": ctx.org("nalbach"),
            "to_organisation": ctx.org("saarlouis"),
            "since": date(2023, 1, 1),
            "cases_per_year": 1850,
            "staff_hours_per_year": Decimal("420"),
            "staff_hours_saved_per_year": Decimal("260"),
        },
    )
    shredder, _ = m.SharedResource.objects.update_or_create(
        name="Großhäcksler Jensen A540 (Demo)",
        defaults=dict(
            owner=ctx.org("saarlouis"),
            cooperation=coop_green,
            visibility=Visibility.COOPERATION,
            kind=m.ResourceKind.MACHINE,
            created_by=ctx.user("saarlouis-admin"),
            is_demo=True,
            description="Mobiler Scheibenradhacker für Grünschnitt bis 54 cm Stammdurchmesser; Einsatz mit Bediener des Baubetriebshofs.",
            location="Baubetriebshof Saarlouis, Lisdorfer Berg",
            usage_unit=m.UsageUnit.HOURS,
            cost_rate=Decimal("85.00"),
            requires_approval=False,
            available_from=time(7, 0),
            available_until=time(16, 0),
            weekdays_only=True,
            min_hours=Decimal("2"),
            max_hours=Decimal("8"),
        ),
    )
    shredder.shared_with.set([coop_green])
    # usage 2025: every week Saarlouis, every other week Nalbach (seeded, reproducible; created once)
    if not shredder.usage_records.exists():
        rows = []
        day = date(2025, 1, 6)
        while day.year == 2025:
            for slug, every in (("saarlouis", 1), ("nalbach", 2)):
                if (day.isocalendar()[1] % every) == 0:
                    rows.append(
                        m.UsageRecord(
                            resource=shredder,
                            organisation=ctx.org(slug),
                            quantity=Decimal(rng.choice([3, 4, 4, 5, 6])),
                            date=day + timedelta(days=1 if slug == "nalbach" else 0),
                            note="Demo",
                            recorded_by=ctx.user(f"{slug}-editor"),
                        )
                    )
            day += timedelta(days=7)
        m.UsageRecord.objects.bulk_create(rows)
    # upcoming bookings (relative to today so the calendar is never empty)
    monday = _next_weekday(today, 0)
    for offset, slug, start_h, hours, purpose in (
        (0, "saarlouis", 7, 6, "Grünschnitt Stadtpark"),
        (1, "nalbach", 8, 4, "Grünschnittsammelplatz Piesbach"),
        (3, "saarlouis", 9, 5, "Baumschnitt Lisdorf"),
        (8, "nalbach", 7, 6, "Herbstschnitt Bilsdorf"),
    ):
        start = _aware(monday + timedelta(days=offset), start_h)
        m.Booking.objects.update_or_create(
            resource=shredder,
            start=start,
            defaults={
                "organisation": ctx.org(slug),
                "end": start + timedelta(hours=hours),
                "purpose": purpose,
                "booked_by": ctx.user(f"{slug}-editor"),
                "status": m.BookingStatus.CONFIRMED,
            },
        )
    # bookings of the current year so far (no usage recorded for them: they count as usage in hours)
    day = _next_weekday(date(today.year, 1, 1), 1)
    week = 0
    while day < today - timedelta(days=7):
        slug = "saarlouis" if week % 2 == 0 else "nalbach"
        start = _aware(day + timedelta(days=0 if slug == "saarlouis" else 2), 8)
        m.Booking.objects.update_or_create(
            resource=shredder,
            start=start,
            defaults={
                "organisation": ctx.org(slug),
                "end": start + timedelta(hours=4 if slug == "saarlouis" else 3),
                "purpose": "Grünschnitt (Demo)",
                "booked_by": ctx.user(f"{slug}-editor"),
                "status": m.BookingStatus.CONFIRMED,
            },
        )
        day += timedelta(days=14)
        week += 1
    base_usage = _key(
        green,
        "Sockel 30 % + Nutzung Häcksler 70 %",
        [
            {"basis": m.KeyBasis.EQUAL, "weight_percent": Decimal("30")},
            {"basis": m.KeyBasis.RESOURCE_USAGE, "weight_percent": Decimal("70"), "resource": shredder},
        ],
    )
    # the demo's inhabitant counts are those of 31.12.2023 (organizations.demo_statistics): the key
    # names that date, not a later one whose figures it would silently take from 2023
    label = f"Einwohner ({REFERENCE_DATE:%d.%m.%Y})"
    old = m.CostKey.objects.filter(agreement=green, name="Einwohner (31.12.2024)").first()
    if old is not None and not m.CostKey.objects.filter(agreement=green, name=label).exists():
        old.name = label  # earlier demo versions named a date none of the counts has
        old.save(update_fields=["name"])
        old.components.filter(basis=m.KeyBasis.INHABITANTS).update(reference_date=REFERENCE_DATE)
    inhabitants = _key(
        green,
        label,
        [
            {
                "basis": m.KeyBasis.INHABITANTS,
                "weight_percent": Decimal("100"),
                "reference_date": REFERENCE_DATE,
            },
        ],
    )
    for year in (2025, 2026):
        _items(
            green,
            [
                (
                    year,
                    "personnel",
                    "Bedienpersonal Häcksler und Annahmestelle",
                    Decimal("38400.00"),
                    None,
                    base_usage,
                ),
                (
                    year,
                    "depreciation",
                    "Abschreibung Großhäcksler (10 Jahre)",
                    Decimal("18500.00"),
                    None,
                    base_usage,
                ),
                (
                    year,
                    "material",
                    "Kraftstoff, Verschleißteile, Wartung",
                    Decimal("12650.00"),
                    None,
                    base_usage,
                ),
                (
                    year,
                    "overhead",
                    "Verwaltungsgemeinkosten",
                    Decimal("0"),
                    Decimal("15"),
                    inhabitants,
                ),
            ],
        )
        for slug, amount in (("saarlouis", Decimal("44000")), ("nalbach", Decimal("17500"))):
            m.AdvancePayment.objects.update_or_create(
                agreement=green, organisation=ctx.org(slug), year=year, defaults={"amount": amount}
            )
    if not green.settlements.filter(year=2025).exists():
        from django.utils import translation

        from ikonnekt.administration.actions import issue_settlement

        with translation.override("de"):  # frozen labels in the issuer's language
            issue_settlement(ctx.actor("saarlouis-admin"), green, 2025)

    # --- shared climate manager --------------------------------------------------------------------
    staff = _agreement(
        ctx,
        title="Öffentlich-rechtliche Vereinbarung gemeinsames Klimaschutzmanagement (Demo)",
        owner="nalbach",
        cooperation=coop_staff,
        parties=[
            ("nalbach", m.PartyRole.MANDATED, Decimal("40")),
            ("saarlouis", m.PartyRole.MANDATING, Decimal("60")),
        ],
        kind=m.AgreementKind.ZWECKVEREINBARUNG_MANDATING,
        task_field=m.TaskField.ENERGIE,
        subject="Die Gemeinde Nalbach stellt eine Klimaschutzmanagerin ein, die zu festen Zeitanteilen auch für die "
        "Kreisstadt Saarlouis arbeitet. Personal- und Sachkosten werden nach den tatsächlich geleisteten Stunden erstattet.",
        legal_basis="§§ 17, 18 KGG Saarland (öffentlich-rechtliche Vereinbarung, mandatierend); "
        "Förderung nach der Kommunalrichtlinie (NKI)",
        status=m.AgreementStatus.IN_FORCE,
        signed_on=date(2024, 2, 20),
        supervisory_notice_on=date(2024, 2, 26),
        published_on=date(2024, 3, 14),
        publication_reference="Amtsblatt des Saarlandes 2024, Teil I (Demo-Fundstelle)",
        effective_from_agreed=date(2024, 4, 1),
        valid_from=date(2024, 4, 1),
        term_end=date(2027, 3, 31),
        notice_period_months=3,
        reminder_days="90,30,7",
        grant_programme="Kommunalrichtlinie (NKI) – Klimaschutzmanagement, Erstvorhaben",
        grant_amount=Decimal("142800"),
        grant_from=date(2024, 4, 1),
        grant_until=date(2027, 3, 31),
        expected_savings=Decimal("18500"),
    )
    for slug, day, number in (
        ("nalbach", date(2023, 12, 7), "GR-N 2023/91"),
        ("saarlouis", date(2023, 12, 14), "SR-2023/204"),
    ):
        m.CouncilDecision.objects.update_or_create(
            agreement=staff,
            organisation=ctx.org(slug),
            defaults={
                "body": "Gemeinderat" if slug == "nalbach" else "Stadtrat",
                "decided_on": day,
                "resolution_number": number,
                "approved": True,
            },
        )
    _timeline(
        staff,
        ctx.user("nalbach-admin"),
        [
            (date(2023, 9, 1), "draft"),
            (date(2023, 12, 7), "council"),
            (date(2024, 2, 20), "signed"),
            (date(2024, 2, 26), "supervisory"),
            (date(2024, 3, 14), "published"),
            (date(2024, 4, 1), "in_force"),
        ],
    )
    position, _ = m.SharedPosition.objects.update_or_create(
        title="Klimaschutzmanager*in Nalbach & Saarlouis (Demo)",
        defaults=dict(
            owner=ctx.org("nalbach"),
            cooperation=coop_staff,
            agreement=staff,
            visibility=Visibility.COOPERATION,
            holder=ctx.user("nalbach-editor"),
            fte=Decimal("1.00"),
            annual_personnel_costs=Decimal("68400"),
            overhead_rate_percent=Decimal("20"),
            start_date=date(2024, 4, 1),
            created_by=ctx.user("nalbach-admin"),
            is_demo=True,
            description="Energie- und Klimaschutzmanagement für beide Kommunen: Energiebericht, Sanierungsfahrplan, Fördermittel.",
        ),
    )
    position.shared_with.set([coop_staff])
    for slug, pct in (("nalbach", Decimal("40")), ("saarlouis", Decimal("60"))):
        m.PositionShare.objects.update_or_create(
            position=position, organisation=ctx.org(slug), defaults={"planned_percent": pct}
        )
    holder = ctx.user("nalbach-editor")
    if not position.time_records.exists():
        rows = []
        day = date(2025, 1, 2)
        while day <= min(today, date(2026, 10, 30)):
            if day.weekday() < 5:
                split = Decimal(rng.choice(["3.0", "3.5", "3.0", "2.5"]))
                for slug, hours in (("nalbach", split), ("saarlouis", Decimal("7.8") - split)):
                    rows.append(
                        m.TimeRecord(
                            position=position,
                            person=holder,
                            organisation=ctx.org(slug),
                            date=day,
                            hours=hours,
                            note="Demo",
                        )
                    )
            day += timedelta(days=1)
        m.TimeRecord.objects.bulk_create(rows)
    hours_key = _key(
        staff,
        "Ist-Stunden der Stelle",
        [
            {"basis": m.KeyBasis.POSITION_HOURS, "weight_percent": Decimal("100"), "position": position},
        ],
    )
    fixed_key = _key(
        staff,
        "Feste Anteile laut Vereinbarung (40/60)",
        [
            {"basis": m.KeyBasis.FIXED, "weight_percent": Decimal("100")},
        ],
    )
    for year in (2025, 2026):
        _items(
            staff,
            [
                (
                    year,
                    "personnel",
                    "Personalkosten Klimaschutzmanagerin (TVöD E11)",
                    Decimal("68400.00"),
                    None,
                    hours_key,
                ),
                (
                    year,
                    "overhead",
                    "Arbeitsplatz- und Gemeinkosten",
                    Decimal("0"),
                    Decimal("20"),
                    hours_key,
                ),
                (year, "material", "Fortbildung, Reisen, Software", Decimal("3600.00"), None, fixed_key),
                (year, "other", "Zuschuss Kommunalrichtlinie (Abzug)", Decimal("-47600.00"), None, fixed_key),
            ],
        )

    # --- working group with meetings -------------------------------------------------------------------
    group, _ = m.WorkingGroup.objects.update_or_create(
        name="Arbeitskreis Klimaschutz und Energie (Demo)",
        defaults=dict(
            owner=ctx.org("landkreis-saarlouis"),
            cooperation=coop_work,
            visibility=Visibility.COOPERATION,
            kind=m.GroupKind.ARBEITSKREIS,
            created_by=ctx.user("landkreis-saarlouis-admin"),
            is_demo=True,
            description="Austausch der Energie- und Klimaschutzbeauftragten: Wärmeplanung, Förderprogramme, gemeinsame Beschaffung.",
        ),
    )
    group.shared_with.set([coop_work])
    members = [
        ("landkreis-saarlouis-editor", "landkreis-saarlouis", True),
        ("nalbach-editor", "nalbach", False),
        ("saarlouis-editor", "saarlouis", False),
        ("saarlouis-admin", "saarlouis", False),
        ("nalbach-admin", "nalbach", False),
        ("erfurt-editor", "erfurt", False),
    ]
    for username, slug, chair in members:
        m.GroupMember.objects.update_or_create(
            group=group, user=ctx.user(username), defaults={"organisation": ctx.org(slug), "is_chair": chair}
        )
    past = _aware(today - timedelta(days=21), 14)
    meeting, _ = m.Meeting.objects.update_or_create(
        group=group,
        title="3. Sitzung Arbeitskreis Klimaschutz (Demo)",
        defaults={
            "kind": m.MeetingKind.MEETING,
            "start": past,
            "end": past + timedelta(hours=2),
            "place": "Landratsamt Saarlouis, Raum 214",
            "minutes": "Nächste Sitzung als Visionsworkshop.",
            "invitations_sent_at": past - timedelta(days=14),
        },
    )
    agenda = [
        (
            1,
            "Kommunale Wärmeplanung: Stand in den Kommunen",
            "Nalbach und Saarlouis berichten; Erfurt stellt sein Vorgehen vor.",
        ),
        (
            2,
            "Gemeinsame Beschaffung LED-Straßenbeleuchtung",
            "Bedarf bis Ende Januar melden; Vergabe über die Kreisstadt.",
        ),
        (3, "Verschiedenes", ""),
    ]
    for pos, title, minutes in agenda:
        m.AgendaItem.objects.update_or_create(
            meeting=meeting, position=pos, defaults={"title": title, "minutes": minutes}
        )
    item2 = meeting.agenda_items.get(position=2)
    m.Decision.objects.update_or_create(
        meeting=meeting,
        text="Die Kommunen beschaffen LED-Leuchten gemeinsam; die Kreisstadt Saarlouis führt die Vergabe.",
        defaults={"agenda_item": item2},
    )
    for title, username, due in (
        ("Leuchtenbedarf Nalbach an Saarlouis melden", "nalbach-admin", today + timedelta(days=12)),
        ("Vergabeunterlagen LED-Beschaffung entwerfen", "saarlouis-editor", today + timedelta(days=30)),
        ("Wärmeplanungs-Steckbrief verteilen", "nalbach-editor", today - timedelta(days=2)),
    ):
        m.ActionItem.objects.update_or_create(
            meeting=meeting,
            title=title,
            defaults={"assignee": ctx.user(username), "due_on": due, "agenda_item": item2},
        )
    for username, _slug, _chair in members:
        m.Attendance.objects.update_or_create(
            meeting=meeting,
            user=ctx.user(username),
            defaults={
                "status": m.AttendanceStatus.EXCUSED
                if username == "erfurt-editor"
                else m.AttendanceStatus.PRESENT
            },
        )
    upcoming = _aware(today + timedelta(days=16), 9)
    workshop, _ = m.Meeting.objects.update_or_create(
        group=group,
        title="Visionsworkshop Klimaneutrale Kommunen 2040 (Demo)",
        defaults={
            "kind": m.MeetingKind.VISION,
            "start": upcoming,
            "end": upcoming + timedelta(hours=4),
            "place": "Kulturhalle Nalbach",
            "video_url": "https://konferenz.example.org/ak-klima",
        },
    )
    for pos, title in (
        (1, "Zukunftsbild 2040: Was hat sich verändert?"),
        (2, "Ideen sammeln und gruppieren"),
        (3, "Abstimmung und nächste Schritte"),
    ):
        m.AgendaItem.objects.update_or_create(meeting=workshop, position=pos, defaults={"title": title})
    ideas = [
        ("Gemeinsames Nahwärmenetz für Gewerbegebiete", "Wärme"),
        ("Abwärme des Biomasse-Heizwerks für Schulen nutzen", "Wärme"),
        ("PV-Pflicht auf allen kommunalen Dächern", "Strom"),
        ("Bürgerenergiegenossenschaft für den Landkreis", "Strom"),
        ("Gemeinsamer E-Fuhrpark der Bauhöfe", "Mobilität"),
    ]
    voters = [ctx.user(u) for u, _s, _c in members]
    for index, (text, cluster) in enumerate(ideas):
        card, _ = m.IdeaCard.objects.update_or_create(
            meeting=workshop, text=text, defaults={"cluster": cluster, "author": voters[index % len(voters)]}
        )
        for voter in voters[: (index * 2) % len(voters) + 1]:
            m.IdeaVote.objects.get_or_create(card=card, user=voter)

    # --- directory (the former advice request is a knowledge question now: knowledge/demo.py) ------
    for username, topics in (
        ("nalbach-editor", "Klimaschutz, Energiemanagement, Fördermittel (NKI)"),
        ("saarlouis-editor", "Grüngut, Baubetriebshof, Vergabe"),
        ("landkreis-saarlouis-editor", "Wärmeplanung, Arbeitskreise"),
    ):
        user = ctx.user(username)
        if not user.show_in_directory:
            user.show_in_directory = True
            user.topics = topics
            user.save(update_fields=["show_in_directory", "topics"])
    ctx.log("  joint administration: 2 agreements, 1 shared position, 1 shared resource, 1 working group")
