"""The 17 SDGs and their 169 targets (codes), shipped as reference data.

Source: United Nations, A/RES/71/313 (Global indicator framework, annex), target list as
published at https://unstats.un.org/sdgs/indicators/indicators-list/ ; German goal titles
from the Bundesregierung (Deutsche Nachhaltigkeitsstrategie). Short titles are given for the
targets the platform's planning work refers to most; the full wording is at the source link.
"""

SOURCE = "https://unstats.un.org/sdgs/indicators/indicators-list/"

GOALS = [
    (1, "Keine Armut", "No poverty", 5, "ab"),
    (2, "Kein Hunger", "Zero hunger", 5, "abc"),
    (3, "Gesundheit und Wohlergehen", "Good health and well-being", 9, "abcd"),
    (4, "Hochwertige Bildung", "Quality education", 7, "abc"),
    (5, "Geschlechtergleichheit", "Gender equality", 6, "abc"),
    (6, "Sauberes Wasser und Sanitäreinrichtungen", "Clean water and sanitation", 6, "ab"),
    (7, "Bezahlbare und saubere Energie", "Affordable and clean energy", 3, "ab"),
    (8, "Menschenwürdige Arbeit und Wirtschaftswachstum", "Decent work and economic growth", 10, "ab"),
    (9, "Industrie, Innovation und Infrastruktur", "Industry, innovation and infrastructure", 5, "abc"),
    (10, "Weniger Ungleichheiten", "Reduced inequalities", 7, "abc"),
    (11, "Nachhaltige Städte und Gemeinden", "Sustainable cities and communities", 7, "abc"),
    (12, "Nachhaltige/r Konsum und Produktion", "Responsible consumption and production", 8, "abc"),
    (13, "Maßnahmen zum Klimaschutz", "Climate action", 3, "ab"),
    (14, "Leben unter Wasser", "Life below water", 7, "abc"),
    (15, "Leben an Land", "Life on land", 9, "abc"),
    (
        16,
        "Frieden, Gerechtigkeit und starke Institutionen",
        "Peace, justice and strong institutions",
        10,
        "ab",
    ),
    (17, "Partnerschaften zur Erreichung der Ziele", "Partnerships for the goals", 19, ""),
]

TITLES = {
    "6.3": "Wasserqualität verbessern, Abwasser behandeln, Wiederverwendung steigern",
    "6.4": "Wassernutzungseffizienz steigern",
    "7.2": "Anteil erneuerbarer Energie deutlich erhöhen",
    "7.3": "Energieeffizienz verdoppeln",
    "8.4": "Ressourceneffizienz in Konsum und Produktion verbessern",
    "9.4": "Infrastruktur und Industrie nachhaltig modernisieren",
    "11.1": "Zugang zu angemessenem, bezahlbarem Wohnraum",
    "11.2": "Nachhaltige Verkehrssysteme",
    "11.3": "Inklusive, nachhaltige Siedlungsentwicklung und Planung",
    "11.6": "Umweltbelastung durch Städte senken (Luft, Abfall)",
    "11.7": "Zugang zu sicheren Grünflächen und öffentlichen Räumen",
    "11.a": "Verbindungen zwischen städtischen, stadtnahen und ländlichen Gebieten stärken",
    "12.2": "Nachhaltige Bewirtschaftung und effiziente Nutzung natürlicher Ressourcen",
    "12.4": "Umweltgerechter Umgang mit Chemikalien und Abfällen",
    "12.5": "Abfallaufkommen durch Vermeidung, Verminderung, Recycling und Wiederverwendung senken",
    "12.7": "Nachhaltige öffentliche Beschaffung",
    "12.8": "Bewusstsein für nachhaltige Entwicklung und Lebensweise",
    "13.1": "Widerstandskraft gegenüber Klimarisiken stärken",
    "13.2": "Klimaschutzmaßnahmen in Politik und Planung einbeziehen",
    "13.3": "Aufklärung und Kapazitäten zu Klimaschutz und Klimaanpassung",
    "15.1": "Land- und Binnensüßwasser-Ökosysteme erhalten",
    "15.3": "Bodendegradation bekämpfen, geschädigte Böden sanieren",
    "15.5": "Verlust der biologischen Vielfalt beenden",
    "16.6": "Leistungsfähige, rechenschaftspflichtige und transparente Institutionen",
    "16.7": "Bedarfsorientierte, inklusive und partizipatorische Entscheidungsfindung",
    "17.17": "Öffentliche, öffentlich-private und zivilgesellschaftliche Partnerschaften fördern",
}


def targets():
    """Yield ``(goal_number, code, order, title)`` for all 169 targets."""
    for number, _de, _en, numbered, lettered in GOALS:
        order = 0
        for i in range(1, numbered + 1):
            order += 1
            code = f"{number}.{i}"
            yield number, code, order, TITLES.get(code, "")
        for letter in lettered:
            order += 1
            code = f"{number}.{letter}"
            yield number, code, order, TITLES.get(code, "")
