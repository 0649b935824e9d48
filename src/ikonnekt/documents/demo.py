"""Demo DMS: filing plans of Nalbach and Saarlouis, shared files of the green-waste cooperation
and a few dozen real PDF/DOCX documents with German text (all labelled Demo)."""

import datetime

from ikonnekt.core.sharing import Visibility
from ikonnekt.documents import actions
from ikonnekt.documents.models import Document, File, MetadataField, RetentionRule, Subject, Tag
from ikonnekt.documents.pdfgen import make_docx, make_pdf

PLAN = [
    ("0", "Allgemeine Verwaltung", None),
    ("0.1", "Organisation und Interkommunale Zusammenarbeit", "vertrag-10"),
    ("0.2", "Sitzungen der Gremien", "protokoll-30"),
    ("2", "Finanzen", None),
    ("2.1", "Haushalt", "rechnung-10"),
    ("2.2", "Rechnungen und Zahlungen", "rechnung-10"),
    ("6", "Bauen, Umwelt, Grünflächen", None),
    ("6.1", "Umwelt und Abfall", None),
    ("6.1.1", "Abfallwirtschaft", "bericht-10"),
    ("6.1.3", "Grünflächen und Grüngut", "bericht-10"),
    ("6.2", "Bauleitplanung", "plan-30"),
    ("6.2.1", "Gewerbegebiete", "plan-30"),
    ("7", "Energie und Klimaschutz", None),
    ("7.1", "Energiemanagement kommunaler Liegenschaften", "bericht-10"),
]

COOP = "Gemeinsame Grüngutverwertung Nalbach–Saarlouis"


def _minutes(n, date):
    return (
        f"Niederschrift der {n}. Sitzung des Arbeitskreises Grüngut Nalbach–Saarlouis (Demo)",
        [
            f"Sitzung am {date:%d.%m.%Y} im Rathaus Nalbach, Beginn 16:00 Uhr. Anwesend: Vertreterinnen und Vertreter der Gemeinde Nalbach, der Kreisstadt Saarlouis und des Landkreises.",
            "TOP 1: Grünschnittmengen. Die Gemeinde Nalbach meldet für das laufende Jahr rund 1.150 Tonnen Grünschnitt aus Gartenabfällen und Pflegeschnitt der Grünflächen; Saarlouis rund 2.400 Tonnen.",
            "TOP 2: Gemeinsame Grüngutverwertung. Der Arbeitskreis prüft eine gemeinsame Kompostierung und die Nutzung holziger Anteile als Hackschnitzel für die Heizzentrale des Schulzentrums.",
            "TOP 3: Zweckvereinbarung. Der Entwurf einer Zweckvereinbarung über die Übertragung der Grüngutverwertung auf die Kreisstadt Saarlouis wird bis zur nächsten Sitzung abgestimmt.",
            "Beschluss: Die Verwaltungen bereiten eine Kostenaufteilung nach Anliefermengen vor. Nächste Sitzung in acht Wochen.",
        ],
    )


DOCS = [
    # owner, file key, title, kind, correspondent, date, format, paragraphs, tags
    (
        "saarlouis",
        "gruengut",
        "Entwurf Zweckvereinbarung Grüngutverwertung (Demo)",
        "contract",
        "Kreisstadt Saarlouis",
        datetime.date(2026, 3, 2),
        "docx",
        [
            "Zweckvereinbarung zwischen der Gemeinde Nalbach und der Kreisstadt Saarlouis über die gemeinsame Verwertung von Grüngut (Entwurf).",
            "§ 1 Gegenstand: Die Gemeinde Nalbach überträgt die Aufgabe der Verwertung des in ihrem Gebiet anfallenden Grünschnitts auf die Kreisstadt Saarlouis.",
            "§ 2 Kosten: Die Kosten werden nach den jährlich angelieferten Tonnen Grüngut aufgeteilt; Grundlage ist die Wiegekarte des Kompostplatzes.",
            "§ 3 Laufzeit: Die Vereinbarung gilt ab dem 1. Januar 2027 für fünf Jahre und verlängert sich um jeweils ein Jahr, wenn sie nicht gekündigt wird.",
        ],
        ["Grüngut", "Zweckvereinbarung"],
    ),
    (
        "saarlouis",
        "gruengut",
        "Mengenbilanz Grünschnitt 2025 (Demo)",
        "report",
        "Baubetriebshof Saarlouis",
        datetime.date(2026, 1, 20),
        "pdf",
        [
            "Mengenbilanz des Grünschnitts 2025. Gartenabfälle der Bürgerinnen und Bürger: 1.680 t. Pflegeschnitt öffentlicher Grünflächen: 720 t.",
            "Holzige Anteile (Baum- und Strauchschnitt) rund 35 Prozent, geeignet als Hackschnitzel für Biomasseheizungen.",
            "Empfehlung: gemeinsame Verwertung mit der Gemeinde Nalbach zur besseren Auslastung des Kompostplatzes.",
        ],
        ["Grüngut", "Stoffstrom"],
    ),
    (
        "nalbach",
        "gruengut-n",
        "Angebot Häckseldienst Grüngut (Demo)",
        "letter",
        "Grünpflege Saar GmbH (Demo)",
        datetime.date(2026, 2, 11),
        "pdf",
        [
            "Sehr geehrte Damen und Herren, für das Häckseln des Baum- und Strauchschnitts am Grüngutsammelplatz Nalbach bieten wir Ihnen folgende Leistungen an.",
            "Häckseln vor Ort mit mobilem Großhäcksler: 38 Euro je Tonne. Abtransport der Hackschnitzel zur Heizzentrale: 9 Euro je Tonne.",
            "Mit freundlichen Grüßen, Grünpflege Saar GmbH (Demo)",
        ],
        ["Grüngut", "Angebot"],
    ),
    (
        "nalbach",
        "energie",
        "Energiebericht kommunale Liegenschaften 2025 (Demo)",
        "report",
        "Klimaschutzmanagement Nalbach",
        datetime.date(2026, 4, 15),
        "pdf",
        [
            "Der Energiebericht 2025 fasst die Verbräuche der kommunalen Liegenschaften der Gemeinde Nalbach zusammen: Rathaus, Grundschule, Sporthalle, Feuerwehrgerätehaus und Kindertagesstätte.",
            "Wärmeverbrauch witterungsbereinigt: 1.240 MWh (minus 6 Prozent gegenüber 2024). Stromverbrauch: 410 MWh. Die Photovoltaikanlage auf der Sporthalle erzeugte 96 MWh.",
            "Empfehlungen: Austausch der Heizungspumpen in der Grundschule, LED-Umrüstung der Sporthalle, Prüfung einer Hackschnitzelheizung mit Grüngut aus der gemeinsamen Verwertung.",
        ],
        ["Energie", "Klimaschutz"],
    ),
    (
        "saarlouis",
        "gewerbe",
        "Begründung Bebauungsplan Gewerbegebiet Lisdorfer Berg (Demo)",
        "plan",
        "Stadtplanungsamt Saarlouis",
        datetime.date(2025, 11, 5),
        "pdf",
        [
            "Das Gewerbegebiet Lisdorfer Berg soll um einen zweiten Bauabschnitt erweitert werden. Ziel ist ein nachhaltiges Gewerbegebiet mit Kreislaufwirtschaft.",
            "Regenwasser wird auf den Grundstücken versickert, Dachflächen werden begrünt oder mit Photovoltaik belegt. Bodenaushub wird im Gebiet wiederverwendet.",
            "Die Gewerbegebiete der Nachbargemeinden werden in die Flächenbilanz einbezogen, um Flächenverbrauch zu vermeiden.",
        ],
        ["Gewerbegebiet", "Bauleitplanung"],
    ),
    (
        "saarlouis",
        None,
        "Rechnung Kompostanalyse (Demo)",
        "invoice",
        "Labor Saar-Analytik (Demo)",
        datetime.date(2026, 5, 3),
        "pdf",
        [
            "Rechnung Nr. 2026-0412. Leistung: Gütesicherung Kompost, Analyse von zwei Mischproben aus dem Kompostplatz Saarlouis.",
            "Betrag netto 640,00 Euro, zuzüglich 19 Prozent Umsatzsteuer 121,60 Euro, Gesamtbetrag 761,60 Euro. Zahlbar innerhalb von 30 Tagen.",
        ],
        ["Rechnung"],
    ),
]


def _documents_from_minutes():
    out = []
    for i, date in enumerate(
        [
            datetime.date(2025, 9, 18),
            datetime.date(2025, 11, 20),
            datetime.date(2026, 1, 22),
            datetime.date(2026, 3, 19),
            datetime.date(2026, 5, 21),
        ],
        start=1,
    ):
        title, paras = _minutes(i, date)
        out.append(
            (
                "nalbach",
                "gruengut-n",
                title,
                "minutes",
                "Arbeitskreis Grüngut",
                date,
                "pdf" if i % 2 else "docx",
                paras,
                ["Grüngut", "Protokoll"],
            )
        )
    return out


def _more_letters(rng):
    streets = ["Hauptstraße", "Saarstraße", "Am Kompostplatz", "Lisdorfer Straße", "Bahnhofstraße"]
    topics = [
        (
            "Anfrage zur Grüngutannahme",
            "die Öffnungszeiten des Grüngutsammelplatzes und die Annahme von Wurzelstöcken",
        ),
        ("Beschwerde Geruch Kompostplatz", "Geruchsbelästigung durch den Kompostplatz in den Sommermonaten"),
        ("Antrag Zuschuss Dachbegrünung", "einen Zuschuss für die Dachbegrünung einer Gewerbehalle"),
        (
            "Hinweis Straßenbäume Pflegeschnitt",
            "den Pflegeschnitt der Straßenbäume und die Abfuhr des Schnittguts",
        ),
    ]
    out = []
    for i in range(12):
        topic, text = topics[i % len(topics)]
        owner = "nalbach" if i % 2 else "saarlouis"
        date = datetime.date(2026, 1 + i % 6, 1 + rng.randint(0, 26))
        out.append(
            (
                owner,
                None,
                f"{topic} {i + 1} (Demo)",
                "letter" if "Antrag" not in topic else "application",
                f"Bürgerin/Bürger, {streets[i % len(streets)]} {rng.randint(1, 80)} (Demo)",
                date,
                "pdf",
                [
                    f"Sehr geehrte Damen und Herren, ich wende mich an Sie wegen {text}.",
                    "Ich bitte um eine kurze Rückmeldung, ob und wann eine Lösung möglich ist. Vielen Dank.",
                    "Mit freundlichen Grüßen",
                ],
                ["Bürgeranliegen"],
            )
        )
    return out


def load(ctx):
    coop = ctx.cooperations.get(COOP)
    rules = {r.code: r for r in RetentionRule.objects.all()}
    subjects = {}
    for slug in ("nalbach", "saarlouis"):
        org = ctx.org(slug)
        for code, title, rule in PLAN:
            parent = subjects.get((slug, code.rsplit(".", 1)[0])) if "." in code else None
            subject, _c = Subject.objects.update_or_create(
                owner=org,
                code=code,
                defaults={
                    "title": title,
                    "parent": parent,
                    "retention_rule": rules.get(rule),
                    "visibility": Visibility.PLATFORM,
                    "created_by": ctx.user(f"{slug}-admin"),
                },
            )
            subjects[(slug, code)] = subject
    for slug in ("nalbach", "saarlouis"):
        MetadataField.objects.update_or_create(
            organisation=ctx.org(slug),
            key="kostenstelle",
            defaults={"label": "Kostenstelle", "kind": "text", "order": 1},
        )
        MetadataField.objects.update_or_create(
            organisation=ctx.org(slug),
            key="betrag",
            defaults={"label": "Betrag (Euro)", "kind": "number", "order": 2},
        )
        MetadataField.objects.update_or_create(
            organisation=ctx.org(slug),
            key="vertraulichkeit",
            defaults={
                "label": "Vertraulichkeit",
                "kind": "choice",
                "choices": "offen, intern, vertraulich",
                "order": 3,
            },
        )
    file_specs = {
        "gruengut": ("saarlouis", "6.1.3", "Gemeinsame Grüngutverwertung mit Nalbach (Demo)", True),
        "gruengut-n": ("nalbach", "6.1.3", "Arbeitskreis Grüngut Nalbach–Saarlouis (Demo)", True),
        "energie": ("nalbach", "7.1", "Energiebericht Liegenschaften (Demo)", False),
        "gewerbe": ("saarlouis", "6.2.1", "Gewerbegebiet Lisdorfer Berg, 2. Bauabschnitt (Demo)", False),
    }
    files = {}
    for key, (slug, code, title, shared) in file_specs.items():
        file = File.objects.filter(owner=ctx.org(slug), title=title).first()
        if file is None:
            file = File(
                owner=ctx.org(slug),
                subject=subjects[(slug, code)],
                title=title,
                responsible="Umweltamt" if "6.1" in code else "Bauamt",
                visibility=Visibility.COOPERATION if shared and coop else Visibility.PRIVATE,
                created_by=ctx.user(f"{slug}-editor"),
            )
            file = actions.create_file(ctx.actor(f"{slug}-editor"), file, [coop] if shared and coop else None)
        files[key] = file
    for owner, file_key, title, kind, correspondent, date, fmt, paras, tag_names in (
        DOCS + _documents_from_minutes() + _more_letters(ctx.rng)
    ):
        org = ctx.org(owner)
        if Document.objects.filter(owner=org, title=title).exists():
            continue
        tags = [
            Tag.objects.get_or_create(
                owner=org,
                name=name,
                defaults={"visibility": Visibility.PLATFORM, "created_by": ctx.user(f"{owner}-editor")},
            )[0]
            for name in tag_names
        ]
        data = make_docx(title, paras) if fmt == "docx" else make_pdf(title, paras)
        name = title.replace(" (Demo)", "").replace(" ", "_").replace("/", "-") + "." + fmt
        actions.upload_document(
            ctx.actor(f"{owner}-editor"),
            owner_id=org.pk,
            name=name,
            data=data,
            file=files.get(file_key) if file_key else None,
            title=title,
            kind=kind,
            correspondent=correspondent,
            document_date=date,
            tags=tags,
            allow_duplicate=True,
            extract="inline",
        )
    ctx.log(f"documents: {Document.objects.filter(title__endswith='(Demo)').count()} demo documents")
