"""Monitoring reported vs delivered green-waste quantities (the EVS lesson), plain functions."""


def deviation(reported, delivered):
    """Relative deviation (reported − delivered) / delivered, ``None`` if not computable."""
    if reported is None or delivered is None or delivered <= 0:
        return None
    return (reported - delivered) / delivered


def compare(rows, threshold_percent=15.0):
    """Rows ``{"point", "year", "month", "reported_t", "delivered_t"}`` → rows with deviation and
    flag, plus totals per point. A month is flagged when |deviation| exceeds the threshold or when
    only one of both numbers exists (nothing delivered for a reported quantity, or vice versa)."""
    out, totals = [], {}
    for row in rows:
        dev = deviation(row.get("reported_t"), row.get("delivered_t"))
        one_sided = (row.get("reported_t") or 0) > 0 and not (row.get("delivered_t") or 0)
        flagged = one_sided or (dev is not None and abs(dev) * 100 > threshold_percent)
        out.append({**row, "deviation": dev, "flagged": flagged})
        t = totals.setdefault(
            row["point"], {"point": row["point"], "reported_t": 0.0, "delivered_t": 0.0, "flagged_months": 0}
        )
        t["reported_t"] += row.get("reported_t") or 0.0
        t["delivered_t"] += row.get("delivered_t") or 0.0
        t["flagged_months"] += int(flagged)
    for t in totals.values():
        t["deviation"] = deviation(t["reported_t"], t["delivered_t"])
        t["flagged"] = t["deviation"] is not None and abs(t["deviation"]) * 100 > threshold_percent
    return out, list(totals.values())
