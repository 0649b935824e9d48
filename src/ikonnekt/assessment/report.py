"""The assessment report: the seed-like table with scores, charts, and its PDF and XLSX forms."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikonnekt.assessment import charts, results, scoring
from ikonnekt.assessment.catalogue_io import IMPLEMENTER_EXPORT, RATING_COLUMNS, RATING_SHEET, STATUS_EXPORT
from ikonnekt.assessment.explain import explain
from ikonnekt.assessment.explain import words as explain_words
from ikonnekt.core import tabular
from ikonnekt.core.formats import number
from ikonnekt.core.numformat import separators
from ikonnekt.reference.sdg import SDG_COLOURS, SDG_TITLES


def label_text(label):
    return {
        "basic": _("basic"),
        "advanced": _("advanced"),
        "ambitious": _("ambitious"),
    }.get(label, "")


@dataclass
class ReportRow:
    node: object
    depth: int
    score: scoring.NodeScore
    rating: object
    explanation: str

    @property
    def is_measure(self):
        return self.node.is_measure


def build(assessment, nodes=None, ratings=None) -> dict:
    nodes = (
        nodes
        if nodes is not None
        else results.catalogue_nodes([assessment.catalogue_id])[assessment.catalogue_id]
    )
    ratings = ratings if ratings is not None else list(assessment.ratings.all())
    result = results.score_assessment(assessment, nodes, ratings)
    by_measure = {r.measure_id: r for r in ratings}
    titles = {n.pk: n.title for n in nodes}
    method = assessment.catalogue.aggregation
    texts, seps = explain_words(), separators()
    rows = [
        ReportRow(
            row.node,
            row.depth,
            result.nodes[row.node.pk],
            by_measure.get(row.node.pk),
            # the "how is this computed" of categories (no page shows one for a measure)
            ""
            if row.node.is_measure
            else explain(result.nodes[row.node.pk], method, titles, texts=texts, seps=seps),
        )
        for row in results.tree_rows(nodes)
    ]
    categories = [r for r in rows if r.depth == 0]
    subcategories = [r for r in rows if r.depth == 1 and not r.is_measure]
    points = scoring.sdg_points(results.to_scoring_nodes(nodes), results.to_rating_inputs(ratings))
    failures = []
    for f in result.failures:
        node = next(n for n in nodes if n.pk == f.node_id)
        if f.kind == "minimum_measure":
            failures.append(
                _("Minimum requirement not met: %(code)s %(title)s (level 1 needed)")
                % {"code": node.code, "title": node.title}
            )
        else:
            failures.append(
                _("%(title)s reaches %(actual)s %%, at least %(required)s %% needed")
                % {"title": node.title, "actual": number(f.actual, 1), "required": number(f.required)}
            )
    return {
        "assessment": assessment,
        "result": result,
        "total": result.total,
        "total_explanation": explain(result.total, method, titles, texts=texts, seps=seps),
        "label": label_text(result.label),
        "failures": failures,
        "rows": rows,
        "categories": categories,
        "subcategories": subcategories,
        "sdg_points": points,
        "rated": sum(1 for r in ratings if r.level is not None or r.not_applicable),
        "measure_count": sum(1 for n in nodes if n.is_measure),
    }


def chart_options(report) -> dict:
    cats = report["categories"]
    subs = report["subcategories"] or cats
    name = report["assessment"].scenario
    return {
        "radar_categories": charts.radar_option(
            [r.node.title for r in cats], [(name, [r.score.percent for r in cats])]
        ),
        "radar_subcategories": charts.radar_option(
            [r.node.title for r in subs], [(name, [r.score.percent for r in subs])]
        ),
        "sdg": charts.sdg_option(report["sdg_points"], _("points achieved"), _("maximum points")),
    }


def svg_charts(report) -> dict:
    subs = report["subcategories"] or report["categories"]
    return {
        "radar": charts.svg_radar([r.node.title for r in subs], [r.score.percent for r in subs]),
        "sdg": charts.svg_bars(
            [(f"SDG {n} {SDG_TITLES[n]}", a, SDG_COLOURS[n]) for n, (a, _m) in report["sdg_points"].items()]
        ),
    }


def pdf(report, html: str, base_url: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()


def xlsx(report) -> bytes:
    """The table as XLSX: sheet “Übersicht” (the seed-like table) and sheet “Bewertung”, which can be
    edited and imported again (see ``catalogue_io.parse_ratings_xlsx``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    assessment = report["assessment"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Übersicht"
    tabular.xlsx_append(
        ws,
        [str(assessment.area), assessment.scenario, str(assessment.catalogue), str(assessment.assessed_on)],
    )
    tabular.xlsx_append(ws, ["Maßnahme", "Beschreibung", "SDG", "Umsetzung", "Indikator", "Stufe / %"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    total = report["total"].percent
    tabular.xlsx_append(
        ws, ["Gesamtnachhaltigkeitsscore", "", "", "", "", round(total, 1) if total is not None else "n/a"]
    )
    ws[ws.max_row][0].font = Font(bold=True)
    for row in report["rows"]:
        if row.is_measure:
            r = row.rating
            value = "n/a" if r and r.not_applicable else (r.level if r and r.level is not None else "")
            tabular.xlsx_append(
                ws,
                [
                    "  " * row.depth + row.node.title,
                    row.node.description,
                    ", ".join(str(s) for s in row.node.sdgs),
                    IMPLEMENTER_EXPORT.get(row.node.implementer, ""),
                    row.node.indicator,
                    value,
                ],
            )
        else:
            pct = row.score.percent
            tabular.xlsx_append(
                ws,
                [
                    "  " * row.depth + row.node.title,
                    "",
                    "",
                    "",
                    "",
                    round(pct, 1) if pct is not None else "n/a",
                ],
            )
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="E8F1EE" if row.depth == 0 else "F4F8F6")
    for letter, width in (("A", 45), ("B", 60), ("C", 10), ("D", 22), ("E", 50), ("F", 10)):
        ws.column_dimensions[letter].width = width
    sheet = wb.create_sheet(RATING_SHEET)
    tabular.xlsx_append(sheet, [german for _k, german, _a in RATING_COLUMNS] + ["Maßnahme"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in report["rows"]:
        if not row.is_measure:
            continue
        r = row.rating
        tabular.xlsx_append(
            sheet,
            [
                row.node.code,
                r.level if r and r.level is not None else "",
                "ja" if r and r.not_applicable else "nein",
                r.reason if r else "",
                STATUS_EXPORT.get(r.status, "") if r else "",
                r.evidence if r else "",
                row.node.title,
            ],
        )
    sheet.column_dimensions["G"].width = 45
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
