"""Graph data for the network view: organisations as nodes, cooperations as edges.

Plain functions over plain data (no request, no ORM) so they are tested directly.
"""

from itertools import combinations


def network_graph(cooperations, goal_colours: dict, goal_labels: dict) -> dict:
    """``cooperations``: iterable of dicts with ``id, name, goals (keys), members [(id, name, kind)]``.

    Returns ECharts graph options data: nodes sized by number of cooperations, one edge per
    pair of members of a cooperation, coloured by its first goal.
    """
    nodes: dict[int, dict] = {}
    links = []
    for coop in cooperations:
        members = coop["members"]
        for org_id, name, kind in members:
            node = nodes.setdefault(org_id, {"id": str(org_id), "name": name, "category": kind, "value": 0})
            node["value"] += 1
        colour = goal_colours.get(coop["goals"][0], "#888") if coop["goals"] else "#888"
        label = f"{coop['name']} ({', '.join(str(goal_labels[g]) for g in coop['goals'])})"
        if len(members) == 1:
            continue
        # A lead-centred star keeps large cooperations readable: lead → every partner.
        lead = coop.get("lead")
        pairs = (
            [(lead, m[0]) for m in members if m[0] != lead]
            if lead
            else list(combinations([m[0] for m in members], 2))
        )
        for source, target in pairs:
            links.append(
                {
                    "source": str(source),
                    "target": str(target),
                    "name": label,
                    "cooperation": coop["id"],
                    "lineStyle": {"color": colour},
                }
            )
    for node in nodes.values():
        node["symbolSize"] = 12 + 6 * node["value"]
    return {"nodes": list(nodes.values()), "links": links}
