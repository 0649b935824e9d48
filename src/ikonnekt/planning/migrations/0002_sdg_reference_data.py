"""Ship the 17 SDGs and their 169 targets as rows (the one SDG reference is ``reference.sdg``)."""

from django.db import migrations
from django.utils import translation

SOURCE = "https://unstats.un.org/sdgs/indicators/indicators-list/"

# Short titles of the targets planning refers to most (the full wording: reference.sdg_targets).
SHORT_TITLES = {
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


def load(apps, schema_editor):
    from ikonnekt.reference import sdg

    SDG = apps.get_model("planning", "SDG")
    SDGTarget = apps.get_model("planning", "SDGTarget")
    goals = {}
    for number in sdg.SDG_NUMBERS:
        titles = {}
        for language in ("de", "en"):
            with translation.override(language):
                titles[f"title_{language}"] = str(sdg.sdg_title(number))
        goals[number], _ = SDG.objects.update_or_create(number=number, defaults=titles)
    for number, code, order in sdg.targets():
        SDGTarget.objects.update_or_create(
            code=code,
            defaults={
                "sdg": goals[number],
                "order": order,
                "title": SHORT_TITLES.get(code, ""),
                "source": f"{SOURCE}#{code}",
            },
        )


def unload(apps, schema_editor):
    apps.get_model("planning", "SDG").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
