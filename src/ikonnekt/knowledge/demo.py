"""Demo knowledge base: German articles and questions from the KONNEKT workshops, shared with the
transfer municipalities (Erfurt, Spremberg, Eisenhüttenstadt) through the KONNEKT-Transfer
cooperation. Figures are plausible but invented and marked as demo content."""

import io

from ikonnekt.core.sharing import Visibility
from ikonnekt.knowledge import actions
from ikonnekt.knowledge.models import Answer, Article, Comment, FileKind, HelpfulVote, Question

TRANSFER = "KONNEKT-Transfer: Erfahrungsaustausch mit Transferkommunen"
GRUENGUT = "Gemeinsame Grüngutverwertung Nalbach–Saarlouis"
PERSONAL = "Gemeinsame Personalstelle Klimaschutz Nalbach–Saarlouis"
ARBEITSKREIS = "Arbeitskreis nachhaltige Gewerbe- und Wohngebiete"

DEMO_NOTE = (
    "\n\n---\n*Demo-Inhalt: Zahlen und Erfahrungen sind plausibel, aber für die Vorführung erfunden.*\n"
)

ARTICLES = [
    {
        "title": "Steckbrief: Gemeinsame Grüngutverwertung Nalbach–Saarlouis (Demo)",
        "kind": "fact_sheet",
        "owner": "saarlouis",
        "author": "saarlouis-editor",
        "summary": "Zwei Kommunen sammeln ihren Grünschnitt gemeinsam; der holzige Anteil ersetzt Heizöl im "
        "Biomasse-Heizwerk Lisdorfer Berg.",
        "body": """## Worum geht es?

Die Kreisstadt Saarlouis und die Gemeinde Nalbach verwerten den kommunalen Grünschnitt
(Straßenbegleitgrün, Friedhöfe, Grünanlagen) seit 2023 gemeinsam auf Grundlage einer
**Zweckvereinbarung**. Saarlouis hat die Aufgabe übernommen, Nalbach zahlt nach angelieferter Menge.

## Eckdaten

| Kennzahl | Wert |
|---|---|
| Grünschnitt gesamt | ca. 2.400 t/a |
| davon holziger Anteil | ca. 35 % |
| Heizwerk Lisdorfer Berg | 550 kW thermisch |
| ersetztes Heizöl | ca. 180.000 l/a |

## So sind wir vorgegangen

1. Mengen je Sammelplatz ein Jahr lang gewogen (siehe *Lessons Learned* zu den EVS-Daten).
2. Kostenschlüssel nach Menge und Fahrstrecke im Arbeitskreis abgestimmt.
3. Zweckvereinbarung vom Landkreis als Kommunalaufsicht prüfen lassen.
4. Holz und krautiges Material getrennt: Holz ins Heizwerk, der Rest in die Kompostierung.

## Was andere übernehmen können

- Die Vorlage der Zweckvereinbarung (Anhang) ist auf andere Kommunen übertragbar.
- Ohne belastbare Mengendaten keine faire Kostenverteilung – zuerst wiegen, dann verhandeln.
""",
        "tags": ["Grüngut", "Biomasse", "Zweckvereinbarung", "Wärme"],
        "sdgs": [7, 12, 13, 17],
        "goals": ["resources", "administration"],
        "cooperations": [GRUENGUT, TRANSFER],
        "shared_with": [GRUENGUT, TRANSFER],
        "links": [
            ("Kooperation Grüngutverwertung im Netzwerk", "/cooperations/network/"),
            ("EVS – Entsorgungsverband Saar", "https://www.entsorgungsverband.de/"),
        ],
        "reviewed_by": "saarlouis-admin",
        "revision": (
            "\n## Nächste Schritte\n\nPrüfen, ob Wallerfangen und Rehlingen-Siersburg ab 2027 beitreten.\n",
            "Nächste Schritte ergänzt",
        ),
    },
    {
        "title": "Gute Praxis: Gemeinsame Personalstelle Klimaschutz Nalbach–Saarlouis (Demo)",
        "kind": "good_practice",
        "owner": "nalbach",
        "author": "nalbach-editor",
        "summary": "Eine Klimaschutz- und Energiemanagerin für zwei Kommunen – Kosten nach Zeitanteilen, "
        "ein gemeinsamer Arbeitsplan.",
        "body": """## Ausgangslage

Für eine Vollzeitstelle Klimaschutzmanagement ist eine Gemeinde mit rund 9.000 Einwohnern zu klein,
die Kreisstadt hatte die Stelle seit zwei Jahren nicht besetzen können.

## Lösung

- **Öffentlich-rechtliche Vereinbarung** zwischen Nalbach und Saarlouis, Anstellung bei Nalbach.
- Zeitanteile 40 % Nalbach / 60 % Saarlouis, monatlicher Stundennachweis.
- Gemeinsamer Arbeitsplan mit Energiemonitoring der Liegenschaften beider Kommunen.
- Förderung über die Kommunalrichtlinie beantragt (Quote nach Förderbescheid).

## Erfahrungen

> „Die Stelle ist für Bewerberinnen attraktiver, weil sie größere Projekte verantwortet.“

- Klare Regeln für Vertretung und Dienstort von Anfang an festlegen.
- Ein gemeinsames Ticket- oder Aufgabenboard verhindert Doppelarbeit.
""",
        "tags": ["Personal", "Klimaschutz", "IKZ", "Energiemanagement"],
        "sdgs": [13, 16, 17],
        "goals": ["administration", "resources"],
        "cooperations": [PERSONAL, TRANSFER],
        "shared_with": [PERSONAL, TRANSFER],
        "links": [
            ("Kommunalrichtlinie (NKI)", "https://www.klimaschutz.de/de/foerderung/kommunalrichtlinie")
        ],
        "reviewed_by": "nalbach-admin",
    },
    {
        "title": "Leitfaden: Kriterienkatalog für nachhaltige Gewerbegebiete anwenden (Demo)",
        "kind": "guide",
        "owner": "landkreis-saarlouis",
        "author": "landkreis-saarlouis-editor",
        "summary": "Wie der Kriterienkatalog des Arbeitskreises Schritt für Schritt auf ein geplantes "
        "Gewerbegebiet angewendet wird – mit den drei Anspruchsniveaus.",
        "body": """## Wofür?

Der Kriterienkatalog bewertet geplante und bestehende Gewerbe- und Wohngebiete nach Energie,
Material, Fläche, Wasser, Mobilität und Sozialem. Jede Maßnahme hat drei Anspruchsniveaus:
**1 durchschnittlich**, **2 fortschrittlich**, **3 ambitioniert**.

## Schritte

1. Gebiet anlegen und Fläche, Nutzung und Planungsstand erfassen.
2. Für jedes Kriterium das erreichte Niveau wählen und kurz begründen.
3. Ergebnis im Arbeitskreis vorstellen; fehlende Maßnahmen als Auflagen in den Bebauungsplan
   oder den Kaufvertrag übernehmen.

## Tipps

- Früh bewerten – im Bebauungsplanverfahren ist noch fast alles möglich.
- Recycling-Baustoffe (RC-Beton) schon in der Ausschreibung zulassen.
""",
        "tags": ["Gewerbegebiet", "Kriterienkatalog", "Bauleitplanung", "Kreislaufwirtschaft"],
        "sdgs": [9, 11, 12],
        "goals": ["knowledge", "planning"],
        "cooperations": [ARBEITSKREIS, TRANSFER],
        # The district is not in the transfer network; the transfer municipalities read it as
        # members of the working group.
        "shared_with": [ARBEITSKREIS],
        "links": [("Kriterienkatalog (Bewertungen)", "/assessment/")],
        "reviewed_by": None,
    },
    {
        "title": "Lessons Learned: Grüngutmengen aus den EVS-Daten (Demo)",
        "kind": "lessons_learned",
        "owner": "izes",
        "author": "izes-editor",
        "summary": "Die Mengenangaben des Entsorgers waren nicht nach Kommunen getrennt – was wir daraus "
        "für Stoffstromanalysen gelernt haben.",
        "body": """## Was ist passiert?

Für die Stoffstromanalyse Grüngut haben wir die Jahresmengen des EVS (Entsorgungsverband Saar)
ausgewertet. Die Daten lagen nur **je Wertstoffhof** vor, nicht je Herkunftskommune; Anlieferungen
von Privatpersonen und Kommunen waren gemischt.

## Folgen

- Die Mengen je Kommune mussten über Einwohnerzahlen geschätzt werden (Fehler bis ±25 %).
- Ein Jahr mit Sturmschäden (2022) verzerrte den Mittelwert deutlich.

## Was wir heute anders machen

1. Vor der Analyse mit dem Entsorger klären, welche Gliederung die Daten haben.
2. Mindestens drei Jahre auswerten und Ausreißerjahre kennzeichnen.
3. Kommunale Anlieferungen mit eigenem Wiegeschein erfassen lassen.
4. Schätzungen immer mit Quelle und Unsicherheit dokumentieren.
""",
        "tags": ["Grüngut", "Stoffstromanalyse", "Daten", "EVS"],
        "sdgs": [12, 17],
        "goals": ["resources", "data"],
        "cooperations": [GRUENGUT, TRANSFER],
        "shared_with": [TRANSFER],
        "links": [],
        "reviewed_by": "izes-admin",
    },
    {
        "title": "Steckbrief: Kreislaufwirtschaft in Planungsentscheidungen (Demo)",
        "kind": "fact_sheet",
        "owner": "landkreis-saarlouis",
        "author": "landkreis-saarlouis-editor",
        "summary": "Ein kurzer Nachhaltigkeits- und Kreislaufwirtschafts-Check für Ratsvorlagen – öffentlich "
        "als Anregung für andere Kommunen.",
        "body": """## Idee

Jede Ratsvorlage mit Bau- oder Beschaffungsbezug erhält eine Seite „Auswirkungen auf Material,
Energie, Fläche, Wasser, Soziales und Wirtschaft“ mit den Bewertungen *positiv*, *neutral*,
*negativ* oder *nicht relevant*.

## Nutzen

- Entscheidungen werden nachvollziehbar.
- Verbesserungsvorschläge kommen aus dem Kriterienkatalog.
""",
        "tags": ["Kreislaufwirtschaft", "Ratsvorlage", "Nachhaltigkeitscheck"],
        "sdgs": [11, 12, 16],
        "goals": ["knowledge", "planning"],
        "cooperations": [],
        "shared_with": [],
        "visibility": Visibility.PUBLIC,
        "links": [],
        "reviewed_by": "landkreis-saarlouis-admin",
    },
]

QUESTIONS = [
    {
        "title": "Hat jemand Erfahrung mit einer gemeinsamen Personalstelle über Gemeindegrenzen hinweg?",
        "owner": "erfurt",
        "author": "erfurt-editor",
        "body": "Wir überlegen, mit zwei Umlandgemeinden eine Stelle für Fördermittelmanagement zu teilen. "
        "Welche Vertragsform habt ihr gewählt und wie rechnet ihr die Kosten ab?",
        "tags": ["Personal", "IKZ"],
        "cooperation": TRANSFER,
        "shared_with": [TRANSFER],
        "answers": [
            (
                "nalbach-editor",
                "Wir haben eine **öffentlich-rechtliche Vereinbarung** geschlossen; angestellt ist die "
                "Kollegin bei uns, Saarlouis erstattet 60 % der Personalkosten nach Stundennachweis. "
                "Details im Artikel zur gemeinsamen Personalstelle.",
                True,
            ),
            (
                "saarlouis-editor",
                "Wichtig war für uns die Regelung zu Dienstort und Vertretung – das gleich in die "
                "Vereinbarung schreiben.",
                False,
            ),
        ],
    },
    {
        "title": "Wie erfasst ihr die Grüngutmengen je Sammelplatz?",
        "owner": "spremberg",
        "author": "spremberg-editor",
        "body": "Unser Entsorger liefert nur Jahressummen. Wiegt ihr selbst oder schätzt ihr über Volumen?",
        "tags": ["Grüngut", "Daten"],
        "cooperation": TRANSFER,
        "shared_with": [TRANSFER],
        "answers": [
            (
                "izes-editor",
                "Wir empfehlen Wiegescheine für jede kommunale Anlieferung; Volumenschätzungen "
                "(Schüttdichte ca. 0,3 t/m³) nur als Übergang. Siehe Lessons Learned zu den EVS-Daten.",
                False,
            ),
        ],
    },
    {
        "title": "Hat schon jemand Gewerbeflächen in einen interkommunalen Flächenpool eingebracht?",
        "owner": "nalbach",
        "author": "nalbach-editor",
        "body": "Uns interessieren vor allem der Verteilungsschlüssel für Gewerbesteuer und Kosten.",
        "tags": ["Gewerbegebiet", "Flächenpool"],
        "shared_with": [],
        "visibility": Visibility.PLATFORM,
        "answers": [],
    },
    # Formerly joint administration's advice request (issue #19); the title is kept so a database
    # whose request was copied by the migration finds its question again.
    {
        "title": "Gemeinsame Vergabe Winterdienst (Demo)",
        "owner": "spremberg",
        "author": "spremberg-editor",
        "body": "Wer hat den Winterdienst mit Nachbarkommunen gemeinsam ausgeschrieben? "
        "Uns interessieren Losaufteilung und Kostenschlüssel.",
        "tags": ["Vergabe", "Winterdienst"],
        "cooperation": TRANSFER,
        "shared_with": [],
        "visibility": Visibility.PLATFORM,
        "answers": [
            (
                "nalbach-admin",
                "Wir haben 2023 mit Saarwellingen gemeinsam ausgeschrieben (zwei Lose nach Ortsteilen, "
                "Kosten nach Streckenkilometern). Melden Sie sich gern im Bauamt.",
                False,
            ),
        ],
    },
]

COMMENTS = [
    (0, "erfurt-viewer", "Sehr hilfreich! Wie hoch waren die Kosten für die Waage am Sammelplatz?"),
    (0, "nalbach-editor", "Die Waage war schon vorhanden (Bauhof), nur die Software kam neu dazu."),
    (1, "spremberg-editor", "Genau so etwas suchen wir gerade – danke fürs Teilen."),
    (3, "eisenhuettenstadt-viewer", "Das mit den Ausreißerjahren kennen wir auch aus dem Hochwasserjahr."),
]

VOTES = [
    (0, ["erfurt-viewer", "spremberg-editor", "nalbach-editor"]),
    (1, ["erfurt-editor", "eisenhuettenstadt-viewer"]),
    (3, ["spremberg-editor"]),
]


def _article(ctx, spec, goals):
    coops = ctx.cooperations
    actor = ctx.actor(spec["author"])
    owner = ctx.org(spec["owner"])
    visibility = spec.get("visibility", Visibility.COOPERATION)
    m2m = {
        "sdgs": spec["sdgs"],
        "goals": [g for g in goals if g.key in spec["goals"]],
        "cooperations": [coops[name] for name in spec["cooperations"]],
        "shared_with": [coops[name] for name in spec["shared_with"]],
    }
    body = spec["body"].strip() + DEMO_NOTE
    article = Article.objects.filter(owner=owner, title=spec["title"]).first()
    if article is None:
        article = Article(
            owner=owner,
            title=spec["title"],
            kind=spec["kind"],
            summary=spec["summary"],
            body=body,
            visibility=visibility,
            created_by=actor.user,
            is_demo=True,
        )
        article = actions.create_article(
            actor, article, m2m=m2m, tag_names=spec["tags"], links=spec["links"], note="Erste Fassung"
        )
        if spec.get("revision"):
            addition, note = spec["revision"]
            article.body = body.replace(DEMO_NOTE, "") + addition + DEMO_NOTE
            article = actions.update_article(actor, article, note=note)
    return article


def _chart_png() -> bytes:
    """A small bar chart of green-waste quantities (Demo) drawn with Pillow."""
    from PIL import Image, ImageDraw

    values = [("2021", 2150), ("2022", 2890), ("2023", 2310), ("2024", 2420)]
    image = Image.new("RGB", (520, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 12), "Grünschnitt Nalbach + Saarlouis in t/a (Demo)", fill="#1d5c4d")
    for i, (year, value) in enumerate(values):
        x = 50 + i * 115
        height = int(value / 3000 * 220)
        draw.rectangle([x, 270 - height, x + 70, 270], fill="#3F7E44")
        draw.text((x + 18, 275), year, fill="#333333")
        draw.text((x + 14, 255 - height), f"{value:,}".replace(",", "."), fill="#333333")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _agreement_docx() -> bytes:
    """A short model agreement (Demo) as DOCX."""
    from docx import Document

    document = Document()
    document.add_heading("Muster-Zweckvereinbarung Grüngutverwertung (Demo)", 1)
    for paragraph in [
        "§ 1 Gegenstand: Die Gemeinde Nalbach überträgt die Verwertung ihres kommunalen Grünschnitts "
        "auf die Kreisstadt Saarlouis.",
        "§ 2 Kosten: Die Kosten werden nach angelieferter Menge (Wiegeschein) und Fahrstrecke verteilt.",
        "§ 3 Laufzeit: Die Vereinbarung gilt fünf Jahre und verlängert sich um jeweils ein Jahr.",
        "Demo-Vorlage – nicht rechtsverbindlich.",
    ]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _files(ctx, article):
    """Image and attachment for the green-waste fact sheet; the image is shown in the text."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    if article.files.exists():
        return
    actor = ctx.actor("saarlouis-editor")
    image = actions.add_file(
        actor,
        article,
        SimpleUploadedFile("gruenschnitt-mengen-demo.png", _chart_png(), "image/png"),
        FileKind.IMAGE,
        "Grünschnittmengen 2021–2024 (Demo)",
    )
    actions.add_file(
        actor,
        article,
        SimpleUploadedFile("Muster-Zweckvereinbarung-Gruengut-Demo.docx", _agreement_docx()),
        FileKind.ATTACHMENT,
        "Vorlage der Zweckvereinbarung",
    )
    snippet = f"\n\n![Grünschnittmengen 2021–2024 (Demo)]({image.get_absolute_url()})\n"
    article.body = article.body.replace(
        "## So sind wir vorgegangen", snippet.strip() + "\n\n## So sind wir vorgegangen"
    )
    actions.update_article(actor, article, note="Diagramm der Mengen eingefügt")


def _question(ctx, spec):
    actor = ctx.actor(spec["author"])
    owner = ctx.org(spec["owner"])
    cooperation = ctx.cooperations[spec["cooperation"]] if spec.get("cooperation") else None
    question = Question.objects.filter(owner=owner, title=spec["title"]).first()
    if question is None:
        question = Question(
            owner=owner,
            title=spec["title"],
            body=spec["body"],
            cooperation=cooperation,
            visibility=spec.get("visibility", Visibility.COOPERATION),
            created_by=actor.user,
            is_demo=True,
        )
        question = actions.create_question(
            actor,
            question,
            tag_names=spec["tags"],
            shared_with=[ctx.cooperations[name] for name in spec["shared_with"]],
        )
    elif cooperation is not None and question.cooperation_id is None:
        # a question from before questions had a cooperation, or the copy of the advice request
        question.cooperation = cooperation
        question.is_demo = True
        question = actions.update_question(actor, question)
    for username, text, accepted in spec["answers"]:
        answer = Answer.objects.filter(question=question, body=text).first()
        if answer is None:
            answer = actions.add_answer(ctx.actor(username), question, text)
        if accepted and question.accepted_answer_id != answer.pk:
            actions.accept_answer(actor, question, answer)
    return question


def load(ctx):
    from ikonnekt.cooperations.models import Goal

    goals = list(Goal.objects.all())
    articles = [_article(ctx, spec, goals) for spec in ARTICLES]
    _files(ctx, articles[0])
    for spec, article in zip(ARTICLES, articles, strict=True):
        article.refresh_from_db()
        if spec.get("reviewed_by") and not article.reviewed:
            actions.set_reviewed(ctx.actor(spec["reviewed_by"]), article, True)
    questions = [_question(ctx, spec) for spec in QUESTIONS]
    for index, username, text in COMMENTS:
        if not Comment.objects.filter(article=articles[index], text=text).exists():
            actions.add_comment(ctx.actor(username), articles[index], text)
    for index, usernames in VOTES:
        for username in usernames:
            if not HelpfulVote.objects.filter(article=articles[index], user=ctx.user(username)).exists():
                actions.toggle_helpful(ctx.actor(username), articles[index])
    ctx.log(f"  {len(articles)} knowledge articles, {len(questions)} questions")
