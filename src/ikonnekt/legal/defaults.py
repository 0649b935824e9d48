"""Templates of the three legal pages, shown until the operator writes their own (content in German,
like the demo data: these pages are legal texts of German public bodies).

Sources of the facts stated here (checked December 2026):
- Accessibility statement: BITV 2.0 § 7 and Anlage 2 Teil A (content of the statement); for
  public bodies of the Saarland the Saarländisches Behindertengleichstellungsgesetz (SBGG,
  Abschnitt 2a, § 12b "Erklärung zur Barrierefreiheit"). Enforcement: the Schlichtungsstelle
  under the SBGG (Schlichtungsverordnung – SchlichtV of 1 October 2020, § 2: at the ministry
  responsible for social affairs), since 2024 part of the Landesfachstelle Barrierefreiheit;
  phone and e-mail as published in the accessibility statement of service.saarland.de
  (created 6 January 2025).
- Privacy notice: GDPR Art. 13; supervisory authority for public bodies in the Saarland: the
  Unabhängiges Datenschutzzentrum Saarland (Landesbeauftragte für Datenschutz und
  Informationsfreiheit), https://www.saarland.de/DE/politik-verwaltung/datenschutzzentrum/.
- Imprint: § 5 Digitale-Dienste-Gesetz (DDG, since 14 May 2024), § 18 Medienstaatsvertrag.
"""

from django.conf import settings


def _operator() -> str:
    return settings.LEGAL_OPERATOR or "[Name und Anschrift der betreibenden Stelle]"


def _contact() -> str:
    return settings.LEGAL_CONTACT_EMAIL or "[E-Mail-Adresse der Kontaktstelle]"


def accessibility(reviewed_on: str) -> str:
    return f"""# Erklärung zur Barrierefreiheit

{_operator()} ist bemüht, iKonnekt im Einklang mit dem Saarländischen Behindertengleichstellungsgesetz
(SBGG) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0), die auf die europäische Norm
EN 301 549 und die Web Content Accessibility Guidelines (WCAG) 2.1 Stufe AA verweist, barrierefrei
zugänglich zu machen.

Diese Erklärung gilt für die Web-Anwendung iKonnekt dieser Installation.

## Stand der Vereinbarkeit mit den Anforderungen

iKonnekt ist **teilweise** mit den Anforderungen vereinbar. Die unten aufgeführten Inhalte sind nicht
oder nicht vollständig barrierefrei.

## Nicht barrierefreie Inhalte

- **Diagramme** sind Bilder. Jedes Diagramm hat einen Namen, und dieselben Zahlen stehen in einer
  aufklappbaren Tabelle direkt darunter. Zoomen und Hinweisfenster (Tooltips) in Diagrammen sind
  mit der Tastatur nicht bedienbar; die Tabelle enthält alle Werte.
- **Karten**: Markierungen und ihre Hinweisfenster sind mit der Tastatur nicht erreichbar. Unter jeder
  Karte steht eine Liste aller gezeigten Einträge mit Links; sie ersetzt die Karte.
- **Einzeichnen von Flächen** (Flächenbewertung, Flächenmanagement) erfordert eine Maus oder einen
  Touchscreen. Bitte wenden Sie sich an die unten genannte Kontaktstelle, wenn Sie Flächen ohne Maus
  erfassen müssen.
- **Erzeugte PDF-Berichte** sind nicht durchgängig als barrierefreie PDF-Dokumente (PDF/UA) ausgezeichnet.
  Die Inhalte stehen auf den Seiten der Anwendung auch als HTML zur Verfügung.
- **Hochgeladene Dokumente** im Dokumentenmanagement stammen von den Nutzerinnen und Nutzern und
  werden nicht auf Barrierefreiheit geprüft.

## Erstellung dieser Erklärung

Diese Erklärung wurde am {reviewed_on} erstellt bzw. zuletzt überprüft. Grundlage ist eine
Selbstbewertung: automatische Prüfungen mit axe-core über die Hauptseiten aller Module in mehreren
Rollen sowie Prüfungen der Hauptabläufe allein mit der Tastatur.

## Feedback und Kontakt

Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten aufgefallen, oder benötigen Sie Informationen
aus einem nicht barrierefreien Inhalt in einer zugänglichen Form? Schreiben Sie uns:
{_contact()}. Wir antworten in der Regel innerhalb von zwei Wochen.

## Schlichtungsverfahren (Durchsetzungsverfahren)

Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie bei der
**Schlichtungsstelle nach dem Saarländischen Behindertengleichstellungsgesetz** einen Antrag auf
Einleitung eines Schlichtungsverfahrens stellen. Sie ist beim für Soziales zuständigen Ministerium des
Saarlandes angesiedelt (Schlichtungsverordnung vom 1. Oktober 2020) und seit 2024 in die
Landesfachstelle Barrierefreiheit eingebunden. Das Verfahren ist kostenlos; ein Rechtsbeistand ist
nicht nötig.

- Telefon: +49 681 501-3343
- E-Mail: inklusion@soziales.saarland.de

(Kontaktdaten laut Erklärung zur Barrierefreiheit des Serviceportals Saarland, Stand Januar 2025.
Öffentliche Stellen des Bundes nennen stattdessen die Schlichtungsstelle nach § 16 BGG.)
"""


def privacy(retention: dict) -> str:
    return f"""# Datenschutzerklärung

## Verantwortliche Stelle

{_operator()}

Kontakt für Datenschutzfragen: {_contact()}

## Welche Daten wir verarbeiten und wozu

- **Konto**: Benutzername, Name, E-Mail-Adresse, Telefonnummer (freiwillig), Mitgliedschaften in
  Organisationen und Rollen – zur Anmeldung und Rechteverwaltung (Art. 6 Abs. 1 lit. e DSGVO,
  Wahrnehmung öffentlicher Aufgaben der interkommunalen Zusammenarbeit; bei Kundinnen und Kunden
  des Regionalmarkts Art. 6 Abs. 1 lit. b DSGVO).
- **Kontaktverzeichnis** (nur mit Ihrer Einwilligung, Art. 6 Abs. 1 lit. a DSGVO): Wenn Sie sich in
  das Kontaktverzeichnis eintragen, sehen angemeldete Mitglieder der Organisationen, die mit Ihrer
  Organisation in einer Kooperation verbunden sind – auch Unternehmen –, Ihren Namen, Ihre
  Organisation, Ihre Themen, Ihre E-Mail-Adresse und Telefonnummer. Sie können die Einwilligung
  jederzeit in Ihrem Profil widerrufen.
- **Bestellungen im Regionalmarkt**: Bestellungen, Abholort und Zahlungsstatus – zur Abwicklung
  (Art. 6 Abs. 1 lit. b DSGVO). Der Hofladen bzw. die Verkaufsstelle sieht Ihren Namen und Ihre
  Bestellung.
- **Zeiterfassung geteilter Stellen, Sitzungen, Aufgaben**: im Rahmen der Zusammenarbeit
  (Art. 6 Abs. 1 lit. e DSGVO).
- **Eigentümerinnen und Eigentümer von Flächen** (Flächenmanagement): Name, Anschrift, Kontaktdaten
  und Gesprächsstand; nur für Mitglieder der zuständigen Gemeinde sichtbar.
- **Protokolle**: Änderungsprotokoll (wer hat wann was geändert, mit IP-Adresse) und
  Anmeldeprotokoll – zur Sicherheit und Nachvollziehbarkeit (Art. 6 Abs. 1 lit. c und e DSGVO,
  Art. 32 DSGVO).

## Speicherdauer

- IP-Adressen im Änderungsprotokoll: {retention["audit_ip_days"]} Tage; danach bleibt nur, was geändert
  wurde und von wem.
- Anmeldeprotokoll (Benutzername, IP-Adresse, Browserkennung): {retention["login_log_days"]} Tage.
- Abgelaufene Sitzungen werden täglich gelöscht.
- Bestellungen: {retention["order_years"]} Jahre nach Ende des Kalenderjahres (§ 147 Abgabenordnung);
  nach einer Löschung Ihres Kontos bleiben sie bis zum Ende dieser Frist nur unter einem Pseudonym
  erhalten und werden dann gelöscht.
- Zeitnachweise, die in eine Abrechnung eingegangen sind, bleiben unter einem Pseudonym erhalten.

## Empfänger

Inhalte, die Sie mit einer Kooperation oder der Plattform teilen, sehen die Mitglieder der
beteiligten Organisationen. Eine Übermittlung in Drittländer findet nicht statt. Karten werden ohne
Kartendienst Dritter angezeigt, sofern die Installation keinen eigenen Kartendienst einbindet.

## Cookies

iKonnekt setzt nur technisch notwendige Cookies (Sitzung, Schutz vor Formularmissbrauch, gewählte
Sprache), § 25 Abs. 2 Nr. 2 TDDDG. Es gibt keine Analyse- oder Werbe-Cookies.

## Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17),
Einschränkung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21 DSGVO).
Angemeldet finden Sie unter **„Meine Daten“** eine Übersicht, den Download aller über Sie
gespeicherten Daten (JSON und CSV) und die Löschung Ihres Kontos.

Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren, für öffentliche Stellen im
Saarland beim Unabhängigen Datenschutzzentrum Saarland (Landesbeauftragte für Datenschutz und
Informationsfreiheit), https://www.saarland.de/DE/politik-verwaltung/datenschutzzentrum/.
"""


def imprint() -> str:
    return f"""# Impressum

Angaben nach § 5 Digitale-Dienste-Gesetz (DDG) und § 18 Medienstaatsvertrag (MStV)

## Anbieter

{_operator()}

[Vertretungsberechtigte Person, z. B. Bürgermeisterin oder Landrat]

## Kontakt

E-Mail: {_contact()}

[Telefon]

## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV

[Name und Anschrift]

## Software

iKonnekt ist Open-Source-Software aus dem Forschungsprojekt KONNEKT (Landkreis Saarlouis).
"""
