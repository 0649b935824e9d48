"""Write operations of the materials app: permission check + write + audit in one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikonnekt.core import audit
from ikonnekt.core.audit import AuditAction
from ikonnekt.core.sharing import ensure_can_create, ensure_can_edit
from ikonnekt.materials import mfa_io, transport
from ikonnekt.materials.models import (
    CollectionPoint,
    Flow,
    FlowValue,
    MfaSystem,
    MonthlyQuantity,
    Plant,
    Process,
    RoadDistance,
    StockChange,
)


def _write_system_content(system, data):
    system.processes.all().delete()  # cascades to flows, values and stocks
    system.flows.all().delete()
    processes = {}
    for p in data["processes"]:
        processes[p["name"]] = Process.objects.create(
            system=system, name=p["name"], has_stock=p["has_stock"], initial_stock=p["initial_stock"]
        )
    for p in data["processes"]:
        if p["parent"]:
            processes[p["name"]].parent = processes[p["parent"]]
            processes[p["name"]].save(update_fields=["parent"])
    flows = {}
    for f in data["flows"]:
        flows[f["name"]] = Flow.objects.create(
            system=system,
            name=f["name"],
            source=processes.get(f["source"]),
            target=processes.get(f["target"]),
            waste_role=f.get("waste_role") or "",
            input_role=f.get("input_role") or "",
            **{k: f[k] for k in ("bulk_density", "heating_value", "carbon", "nitrogen", "phosphorus")},
        )
    FlowValue.objects.bulk_create(
        [FlowValue(flow=flows[v.pop("flow")], **v) for v in (dict(v) for v in data["values"])]
    )
    StockChange.objects.bulk_create(
        [StockChange(process=processes[s.pop("process")], **s) for s in (dict(s) for s in data["stocks"])]
    )


@transaction.atomic
def import_system(actor, owner_id, raw, *, visibility="private", system=None):
    """Create a system from exchange data, or replace the content of ``system``. All or nothing."""
    data = mfa_io.validate(raw)
    if system is None:
        ensure_can_create(actor.user, owner_id)
        system = MfaSystem.objects.create(
            owner_id=owner_id,
            visibility=visibility,
            created_by=actor.user,
            name=data["name"],
            description=data["description"],
            boundary=data["boundary"],
            first_year=data["first_year"],
            last_year=data["last_year"],
        )
        action = AuditAction.CREATE
    else:
        system = MfaSystem.objects.select_for_update().get(pk=system.pk)
        ensure_can_edit(actor.user, system)
        system.first_year, system.last_year = data["first_year"], data["last_year"]
        system.save(update_fields=["first_year", "last_year", "updated_at"])
        action = AuditAction.UPDATE
    _write_system_content(system, data)
    audit.record(
        actor,
        action,
        system,
        changes={
            "imported": {
                "processes": len(data["processes"]),
                "flows": len(data["flows"]),
                "values": len(data["values"]),
                "stocks": len(data["stocks"]),
            }
        },
    )
    return system


@transaction.atomic
def save_optimisation(actor, scenario, result):
    ensure_can_edit(actor.user, scenario)
    scenario.result = result
    scenario.result_at = timezone.now()
    scenario.save(update_fields=["result", "result_at", "updated_at"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        scenario,
        changes={
            "optimised": {
                "total_cost": round(result["total_cost"], 2),
                "co2e_kg": round(result["total_co2e_kg"], 1),
            }
        },
    )
    return scenario


@transaction.atomic
def import_distances(actor, scenario, text):
    """Replace the scenario's road distances with a CSV (every point–plant pair required)."""
    ensure_can_edit(actor.user, scenario)
    points = list(CollectionPoint.objects.filter(scenario=scenario).order_by("pk"))
    plants = list(Plant.objects.filter(scenario=scenario).order_by("pk"))
    matrix = transport.parse_distance_csv(text, [p.name for p in points], [p.name for p in plants])
    RoadDistance.objects.filter(point__scenario=scenario).delete()
    RoadDistance.objects.bulk_create(
        [
            RoadDistance(point=p, plant=pl, km=float(matrix[i, j]))
            for i, p in enumerate(points)
            for j, pl in enumerate(plants)
        ]
    )
    scenario.use_imported_distances = True
    scenario.save(update_fields=["use_imported_distances", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, scenario, changes={"road_distances": int(matrix.size)})
    return matrix


@transaction.atomic
def record_month(actor, point, year, month, reported_t=None, delivered_t=None):
    ensure_can_edit(actor.user, point.scenario)
    row, _created = MonthlyQuantity.objects.update_or_create(
        point=point,
        year=year,
        month=month,
        defaults={"reported_t": reported_t, "delivered_t": delivered_t, "entered_by": actor.user},
    )
    audit.record(
        actor,
        AuditAction.UPDATE,
        point.scenario,
        changes={
            "month": f"{point.name} {year}-{month:02d}",
            "reported_t": reported_t,
            "delivered_t": delivered_t,
        },
    )
    return row


@transaction.atomic
def save_period_values(actor, system, year, layer, rows):
    """Write the data of one period and layer from the table editor (rows: cleaned dicts per flow).

    A row with neither value nor transfer coefficient removes that datum. All or nothing."""
    system = MfaSystem.objects.select_for_update().get(pk=system.pk)
    ensure_can_edit(actor.user, system)
    flows = {f.pk: f for f in system.flows.all()}
    changed = 0
    for row in rows:
        flow = flows.get(row["flow_id"])
        if flow is None:
            raise PermissionDenied(_("This flow does not belong to the system."))
        if row.get("value") is None and row.get("transfer_coefficient") is None:
            changed += FlowValue.objects.filter(flow=flow, year=year, layer=layer).delete()[0]
            continue
        FlowValue.objects.update_or_create(
            flow=flow,
            year=year,
            layer=layer,
            defaults={
                k: row.get(k)
                for k in (
                    "value",
                    "unit",
                    "uncertainty",
                    "uncertainty_is_percent",
                    "transfer_coefficient",
                    "source",
                    "quality",
                )
            },
        )
        changed += 1
    if year < system.first_year or year > system.last_year:
        system.first_year, system.last_year = min(year, system.first_year), max(year, system.last_year)
        system.save(update_fields=["first_year", "last_year", "updated_at"])
    audit.record(
        actor, AuditAction.UPDATE, system, changes={"values": {"year": year, "layer": layer, "rows": changed}}
    )
    return changed


@transaction.atomic
def save_flow_roles(actor, system, roles):
    """Mark which flows count for the recycling rate and the secondary-material share (feeds).

    ``roles``: {flow id: (waste role, input role)} with the choices of ``WasteRole``/``InputRole``."""
    from django.core.exceptions import ValidationError

    from ikonnekt.materials.models import InputRole, WasteRole

    ensure_can_edit(actor.user, system)
    changed = {}
    for flow in system.flows.all():
        if flow.pk not in roles:
            continue
        waste, used = roles[flow.pk]
        if waste not in WasteRole.values or used not in InputRole.values:
            raise ValidationError(_("Unknown role for flow “%(f)s”.") % {"f": flow.name})
        if (flow.waste_role, flow.input_role) != (waste, used):
            changed[flow.name] = [[flow.waste_role, flow.input_role], [waste, used]]
            flow.waste_role, flow.input_role = waste, used
            flow.save(update_fields=["waste_role", "input_role"])  # queues the feeds' update
    if changed:
        audit.record(actor, AuditAction.UPDATE, system, changes={"flow_roles": changed})
    return len(changed)
