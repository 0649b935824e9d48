"""Settlement statements (PDF, XLSX) and minutes (PDF) from stored data."""

import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ikonnekt.core import tabular


def settlement_rows(settlement) -> dict:
    """Display data: parties with costs, advances, balance, and every item with its split."""
    names = {str(p["id"]): p["name"] for p in settlement.inputs["parties"]}
    parties = [
        {
            "id": pid,
            "name": names[pid],
            **row,
            "difference": settlement.result.get("differences", {}).get(pid),
        }
        for pid, row in settlement.result["parties"].items()
    ]
    items = [
        {**item, "split": [{"name": names[pid], **v} for pid, v in item["shares"].items()]}
        for item in settlement.result["items"]
    ]
    keys = []
    for key in settlement.inputs["keys"].values():
        comps = []
        for c in key["components"]:
            comps.append({**c, "values": [(names[pid], v) for pid, v in c.get("values", {}).items()]})
        keys.append({"name": key["name"], "components": comps})
    vat = settlement.result.get("vat") or {"status": "unclassified"}
    taxable = vat.get("status") == "taxable"
    return {"parties": parties, "items": items, "keys": keys, "names": names, "vat": vat, "taxable": taxable}


def vat_statement(vat: dict) -> str:
    """The sentence on VAT that every statement carries (§ 2b UStG)."""
    status = vat.get("status")
    if status == "taxable":
        return _("Taxable under § 2b UStG; VAT %(rate)s %% per party and item. Reasoning: %(why)s") % {
            "rate": vat.get("rate"),
            "why": vat.get("reasoning", ""),
        }
    if status == "not_taxable":
        return _("Not taxable under § 2b Abs. 3 Nr. 2 UStG, so no VAT is charged. Reasoning: %(why)s") % {
            "why": vat.get("reasoning", "")
        }
    return _("The VAT classification under § 2b UStG was not recorded when this settlement was issued.")


def settlement_pdf(settlement, base_url: str = "") -> bytes:
    from weasyprint import HTML

    rows = settlement_rows(settlement)
    html = render_to_string(
        "administration/settlement_pdf.html",
        {"settlement": settlement, **rows, "vat_statement": vat_statement(rows["vat"])},
    )
    return HTML(string=html, base_url=base_url).write_pdf()


def settlement_xlsx(settlement) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    data = settlement_rows(settlement)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Statement")[:31]
    bold = Font(bold=True)
    tabular.xlsx_append(ws, [settlement.agreement.title])
    tabular.xlsx_append(
        ws,
        [_("Annual settlement %(year)s, version %(v)s") % {"year": settlement.year, "v": settlement.version}],
    )
    tabular.xlsx_append(ws, [])
    taxable = data["vat"].get("status") == "taxable"
    if taxable:
        tabular.xlsx_append(ws,
            [_("Party"), _("Net (EUR)"), _("VAT rate (%)"), _("VAT (EUR)"), _("Gross (EUR)"),
             _("Advance payments (EUR)"), _("Balance (EUR)")]
        )  # fmt: skip
    else:
        tabular.xlsx_append(
            ws, [_("Party"), _("Costs (EUR)"), _("Advance payments (EUR)"), _("Balance (EUR)")]
        )
    for cell in ws[ws.max_row]:
        cell.font = bold
    for p in data["parties"]:
        if taxable:
            tabular.xlsx_append(ws,
                [p["name"], Decimal(p["costs"]), Decimal(data["vat"]["rate"]), Decimal(p["vat"]),
                 Decimal(p["gross"]), Decimal(p["advances"]), Decimal(p["balance"])]
            )  # fmt: skip
        else:
            tabular.xlsx_append(
                ws, [p["name"], Decimal(p["costs"]), Decimal(p["advances"]), Decimal(p["balance"])]
            )
    tabular.xlsx_append(ws, [_("Total"), Decimal(settlement.result["total"])])
    ws[ws.max_row][0].font = bold
    if taxable:
        ws.cell(row=ws.max_row, column=4, value=Decimal(data["vat"]["total_vat"]))
        ws.cell(row=ws.max_row, column=5, value=Decimal(data["vat"]["total_gross"]))
    tabular.xlsx_append(ws, [])
    tabular.xlsx_append(ws, [vat_statement(data["vat"])])
    items = wb.create_sheet(_("Cost items")[:31])
    header = [_("Cost item"), _("Category"), _("Amount (EUR)"), _("Cost key")]
    for name in data["names"].values():
        header += [f"{name} %", f"{name} EUR"]
        if taxable:
            header += [f"{name} {_('VAT')} EUR", f"{name} {_('gross')} EUR"]
    tabular.xlsx_append(items, header)
    for cell in items[1]:
        cell.font = bold
    for item in data["items"]:
        row = [item["label"], item["category"], Decimal(item["amount"]), item["key"]]
        for s in item["split"]:
            row += [Decimal(s["share"]), Decimal(s["amount"])]
            if taxable:
                row += [Decimal(s["vat"]), Decimal(s["gross"])]
        tabular.xlsx_append(items, row)
    keys = wb.create_sheet(_("Cost keys")[:31])
    tabular.xlsx_append(keys, [_("Cost key"), _("Component"), _("Weight (%)"), _("Party"), _("Figure")])
    for cell in keys[1]:
        cell.font = bold
    for key in data["keys"]:
        for comp in key["components"]:
            if not comp["values"]:
                tabular.xlsx_append(keys, [key["name"], comp["label"], Decimal(comp["weight"]), "", ""])
            for name, value in comp["values"]:
                tabular.xlsx_append(
                    keys,
                    [
                        key["name"],
                        comp["label"],
                        Decimal(comp["weight"]),
                        name,
                        Decimal(value) if value is not None else "",
                    ],
                )
    for sheet in wb.worksheets:
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 22
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def minutes_pdf(meeting, base_url: str = "") -> bytes:
    from weasyprint import HTML

    html = render_to_string("administration/minutes_pdf.html", {"meeting": meeting})
    return HTML(string=html, base_url=base_url).write_pdf()
