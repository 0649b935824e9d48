"""Shipped reference data: comparison values (Vergleichswerte) per use type.

The values are those of the federal rules for non-residential buildings (Bekanntmachung of
15.04.2021, Anlage 1 Tabelle 1), kept with their table, category, area basis (NGF) and year in
``ikonnekt.reference.nwg_benchmarks``; this module writes them into the admin-editable table.

One comparison value per use type and kind (no guide/limit pair: the rules publish one value):

* heat: ``guide_value`` = TEK heating + TEK hot water (the table value, size factor 1) and
  ``size_scaled_part`` = TEK heating, scaled per building with the size factor of Nummer 6.3.1;
* electricity: ``guide_value`` = the sum of the electricity TEK of the row, flagged ``approximate``
  (its composition could not be checked against the text of the rules).

Emission factor sets live in the platform-wide ``reference`` app (``reference/factor_data.py``).
"""

from ikonnekt.reference import nwg_benchmarks as nwg

# the invented values shipped before (migration energy 0002); migration 0008 removes rows with this source
LEGACY_SOURCE = (
    "Annahme: iKonnekt-Beispieltabelle (Größenordnung VDI 3807-2), NICHT die Vergleichswerte der "
    "Bekanntmachung BMWi/BMI vom 15.04.2021; die veröffentlichten Tabellenwerte waren nicht verfügbar"
)
REFERENCE_SOURCE = LEGACY_SOURCE  # name used by migration energy 0006
HEAT_SOURCE = f"{nwg.SOURCE}; {nwg.TRANSCRIPTION}"
ELECTRICITY_SOURCE = (
    f"{nwg.SOURCE}; {nwg.TRANSCRIPTION}; Summe der Strom-Teilenergiekennwerte der Zeile "
    "(Lüftung, Beleuchtung, Kälte, Hilfsenergie Kälte, Be-/Entfeuchtung, Sonstiges) – Zusammensetzung "
    "nicht am Text der Bekanntmachung (Nr. 6) geprüft"
)


def rows():
    """[(use type, kind, defaults)] of the shipped comparison values."""
    out = []
    for use_type, number in nwg.USE_TYPE_CATEGORY.items():
        heating, hot_water = nwg.heat_parts(number)
        common = {
            "limit_value": None,
            "area_kind": nwg.AREA_BASIS,
            "table": nwg.category_label(number),
            "source_year": nwg.SOURCE_YEAR,
        }
        out.append(
            (
                use_type,
                "heat",
                common
                | {
                    "guide_value": round(heating + hot_water, 1),
                    "size_scaled_part": heating,
                    "source": HEAT_SOURCE,
                    "approximate": False,
                },
            )
        )
        out.append(
            (
                use_type,
                "electricity",
                common
                | {
                    "guide_value": nwg.electricity_value(number),
                    "size_scaled_part": None,
                    "source": ELECTRICITY_SOURCE,
                    "approximate": True,
                },
            )
        )
    return out


def load_comparison_values(ReferenceValue):
    """Replace the invented legacy rows and write the published comparison values (idempotent)."""
    ReferenceValue.objects.filter(source=LEGACY_SOURCE).delete()
    for use_type, kind, defaults in rows():
        ReferenceValue.objects.update_or_create(use_type=use_type, kind=kind, defaults=defaults)


def load(ReferenceValue, EmissionFactorSet=None, EmissionFactor=None):
    """Kept for migration energy 0002, which ran before the comparison values existed: it creates
    nothing now (the values come with migration 0008, whose model has every field)."""


def reference_page() -> dict:
    """The rows of the reference-value page, each as one HTML string: the choice labels are
    translated once per page (not once per row and field) and the figures formatted in Python
    (``core.numformat``, the text of ``floatformat``). Two queries."""
    from itertools import groupby

    from django.utils.html import escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext as _

    from ikonnekt.core import numformat
    from ikonnekt.energy.models import EmissionFactor, EmissionFactorSet, ReferenceValue

    def labels(model, name):
        return {key: str(label) for key, label in model._meta.get_field(name).flatchoices}

    use_types, kinds = labels(ReferenceValue, "use_type"), labels(ReferenceValue, "kind")
    area_kinds, methods = labels(ReferenceValue, "area_kind"), labels(EmissionFactorSet, "method")
    carriers = labels(EmissionFactor, "carrier")
    approximate = escape(_("approximate value"))
    seps = numformat.separators()
    values = list(
        ReferenceValue.objects.values_list(
            "use_type",
            "kind",
            "table",
            "guide_value",
            "size_scaled_part",
            "area_kind",
            "source_year",
            "approximate",
            "source",
        )
    )
    rows = []
    for use, kind, table, guide, scaled, area, year, approx, source in values:
        badge = (
            f'<span class="badge text-bg-warning" title="{escape(source)}">{approximate}</span>'
            if approx
            else ""
        )
        rows.append(
            f"<tr><td>{escape(use_types.get(use, use))}</td><td>{escape(kinds.get(kind, kind))}</td>"
            f'<td>{escape(table or "–")}</td><td class="text-end">{numformat.floatformat(guide, "1", seps)}</td>'
            f'<td class="text-end">{numformat.floatformat(scaled, "1", seps) or "–"}</td>'
            f"<td>{escape(area_kinds.get(area, area))}</td><td>{year or '–'}</td><td>{badge}</td></tr>"
        )
    entries = {}
    for set_id, carrier, grams, source, year, approx in EmissionFactor.objects.order_by(
        "factor_set_id", "carrier"
    ).values_list("factor_set_id", "carrier", "grams_per_kwh", "source", "source_year", "approximate"):
        entries.setdefault(set_id, []).append(
            f"<tr><td>{escape(carriers.get(carrier, carrier))}</td>"
            f'<td class="text-end">{numformat.floatformat(grams, "0g", seps)}</td>'
            f"<td>{escape(source)}</td><td>{year or '–'}</td><td>"
            + (f'<span class="badge text-bg-warning">{approximate}</span>' if approx else "")
            + "</td></tr>"
        )
    sets = [
        (
            str(fs),
            methods.get(fs.method, fs.method),
            fs.source,
            mark_safe("".join(entries.get(fs.pk, []))),
        )
        for fs in EmissionFactorSet.objects.all()
    ]
    return {
        "value_rows": mark_safe("".join(rows)),
        "sources": [source for source, _group in groupby(v[-1] for v in values)],
        "factor_sets": sets,
    }
