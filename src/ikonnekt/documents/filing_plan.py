"""Reading a filing plan (Aktenplan) from CSV or XLSX: rows of code, title[, retention rule]."""

from django.utils.translation import gettext as _

from ikonnekt.core import tabular


class PlanError(ValueError):
    pass


def read_rows(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    try:  # archive checks, DTDs refused, over-long CSV fields: a message instead of a 500
        if name.lower().endswith(".xlsx"):
            return [
                (i, ["" if c is None else str(c).strip() for c in row])
                for i, row in enumerate(tabular.xlsx_rows(data), start=1)
            ]
        text = tabular.decode_text(data)
        delimiter = ";" if text.count(";") >= text.count(",") else ","
        return [
            (i, [c.strip() for c in row]) for i, row in enumerate(tabular.csv_rows(text, delimiter), start=1)
        ]
    except tabular.TableError as exc:
        raise PlanError(str(exc)) from exc


def parse_plan(name: str, data: bytes, rule_codes: set[str]) -> list[dict]:
    """Validated entries sorted so parents come first; :class:`PlanError` names row and column."""
    entries, errors, seen = [], [], set()
    for lineno, row in read_rows(name, data):
        if not any(row):
            continue
        code = row[0] if row else ""
        if lineno == 1 and code.lower() in ("code", "kennzeichen", "aktenplankennzeichen", "nummer"):
            continue
        title = row[1] if len(row) > 1 else ""
        rule = row[2] if len(row) > 2 else ""
        if not code or not all(part.isdigit() for part in code.split(".")):
            errors.append(
                _("Row %(row)s, column A (code): “%(value)s” is not a code like 6.1.3.")
                % {"row": lineno, "value": code}
            )
            continue
        if not title:
            errors.append(_("Row %(row)s, column B (title): the title is missing.") % {"row": lineno})
            continue
        if rule and rule not in rule_codes:
            errors.append(
                _("Row %(row)s, column C (retention rule): unknown rule “%(value)s”.")
                % {"row": lineno, "value": rule}
            )
            continue
        if code in seen:
            errors.append(
                _("Row %(row)s, column A (code): %(value)s appears twice.") % {"row": lineno, "value": code}
            )
            continue
        seen.add(code)
        entries.append(
            {
                "code": code,
                "title": title[:200],
                "rule": rule or None,
                "parent": code.rsplit(".", 1)[0] if "." in code else None,
            }
        )
    if errors:
        raise PlanError("\n".join(errors[:30]))
    if not entries:
        raise PlanError(_("The file contains no filing plan rows."))
    return sorted(entries, key=lambda e: [int(p) for p in e["code"].split(".")])
