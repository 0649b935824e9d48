"""Every change of catalogues, areas, assessments and ratings: permission + write + audit, atomically."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ikonnekt.assessment.models import (
    Assessment,
    Catalogue,
    CatalogueNode,
    CatalogueStatus,
    Comment,
    NodeKind,
    Rating,
)
from ikonnekt.core import actions, audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.sharing import ensure_can_create, user_cooperation_ids, user_org_ids

RATING_FIELDS = ("level", "not_applicable", "reason", "status", "evidence", "documents")


def _ensure_content_editable(actor: Actor, catalogue: Catalogue):
    if not catalogue.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    if not catalogue.is_draft:
        raise ValidationError(_("This version is published and frozen. Create a new version to change it."))


# --- catalogues ---------------------------------------------------------------------------------


@transaction.atomic
def save_node(actor: Actor, node: CatalogueNode, save=None) -> CatalogueNode:
    """Create or change an entry of a draft catalogue."""
    catalogue = Catalogue.objects.select_for_update().get(pk=node.catalogue_id)
    _ensure_content_editable(actor, catalogue)
    before = audit.snapshot(CatalogueNode.objects.get(pk=node.pk)) if node.pk else {}
    node.full_clean()
    saved = save() if save else node
    if not save:
        saved.save()
    after = audit.snapshot(saved)
    audit.record(
        actor,
        AuditAction.UPDATE if before else AuditAction.CREATE,
        saved,
        changes=audit.diff(before, after) if before else after,
    )
    return saved


@transaction.atomic
def delete_node(actor: Actor, node: CatalogueNode) -> None:
    _ensure_content_editable(actor, node.catalogue)
    audit.record(actor, AuditAction.DELETE, node, changes=audit.snapshot(node))
    node.delete()


@transaction.atomic
def publish_catalogue(actor: Actor, catalogue: Catalogue) -> Catalogue:
    catalogue = Catalogue.objects.select_for_update().get(pk=catalogue.pk)
    _ensure_content_editable(actor, catalogue)
    nodes = list(catalogue.nodes.all())
    if not any(n.kind == NodeKind.MEASURE for n in nodes):
        raise ValidationError(_("A catalogue needs at least one measure before it can be published."))
    with_measure = set()
    for n in nodes:
        if n.kind == NodeKind.MEASURE:
            with_measure.add(n.parent_id)
    by_id = {n.pk: n for n in nodes}
    for pid in list(with_measure):
        while pid is not None:
            with_measure.add(pid)
            pid = by_id[pid].parent_id
    empty = [n.code for n in nodes if n.kind == NodeKind.GROUP and n.pk not in with_measure]
    if empty:
        raise ValidationError(
            _("These categories contain no measure: %(codes)s") % {"codes": ", ".join(sorted(empty))}
        )
    catalogue.status = CatalogueStatus.PUBLISHED
    catalogue.published_at = timezone.now()
    catalogue.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, catalogue, changes={"status": ["draft", "published"]})
    return catalogue


def _copy_nodes(source: Catalogue, target: Catalogue) -> None:
    mapping = {}
    nodes = list(source.nodes.order_by("parent_id", "order", "id"))
    pending = list(nodes)
    while pending:  # parents before children
        rest = []
        for node in pending:
            if node.parent_id is not None and node.parent_id not in mapping:
                rest.append(node)
                continue
            old_pk = node.pk
            node.pk = None
            node.catalogue = target
            node.parent_id = mapping.get(node.parent_id)
            node.save()
            mapping[old_pk] = node.pk
        pending = rest


@transaction.atomic
def derive_catalogue(actor: Actor, catalogue: Catalogue, owner_id: int) -> Catalogue:
    """A new draft from ``catalogue``: the next version (same owner) or an own copy (other owner)."""
    ensure_can_create(actor.user, owner_id)
    same_family = owner_id == catalogue.owner_id
    if same_family:
        version = (
            Catalogue.objects.filter(family=catalogue.family).aggregate(v=Max("version"))["v"] or 0
        ) + 1
        family = catalogue.family
    else:
        version, family = 1, None
    new = Catalogue(
        owner_id=owner_id,
        title=catalogue.title,
        kind=catalogue.kind,
        description=catalogue.description,
        version=version,
        aggregation=catalogue.aggregation,
        threshold_basic=catalogue.threshold_basic,
        threshold_advanced=catalogue.threshold_advanced,
        threshold_ambitious=catalogue.threshold_ambitious,
        visibility="private",
        created_by=actor.user,
    )
    if family is not None:
        new.family = family
    new.save()
    _copy_nodes(catalogue, new)
    audit.record(actor, AuditAction.CREATE, new, changes={"derived_from": catalogue.pk, "version": version})
    return new


def build_nodes(catalogue: Catalogue, nodes) -> None:
    """Create the entries of parsed import data (parents before children)."""
    ids = {}
    pending = list(enumerate(nodes))
    while pending:
        rest = []
        for order, item in pending:
            if item["parent"] is not None and item["parent"] not in ids:
                rest.append((order, item))
                continue
            fields = {k: v for k, v in item.items() if not k.startswith("_") and k != "parent"}
            node = CatalogueNode.objects.create(
                catalogue=catalogue, parent_id=ids.get(item["parent"]), order=order, **fields
            )
            ids[item["code"]] = node.pk
        if len(rest) == len(pending):  # validated before; guards against a cycle slipping through
            raise ValidationError(_("The catalogue tree contains a cycle."))
        pending = rest


@transaction.atomic
def import_catalogue(actor: Actor, owner_id: int, data, visibility="private") -> Catalogue:
    """Create a draft catalogue from parsed import data (see ``catalogue_io``)."""
    ensure_can_create(actor.user, owner_id)
    catalogue = Catalogue.objects.create(
        owner_id=owner_id, visibility=visibility, created_by=actor.user, **data.meta
    )
    build_nodes(catalogue, data.nodes)
    audit.record(actor, AuditAction.CREATE, catalogue, changes={"imported_entries": len(data.nodes)})
    return catalogue


# --- assessments --------------------------------------------------------------------------------


def check_assessment_inputs(user, area, catalogue) -> None:
    from ikonnekt.assessment.models import Area

    if not Area.objects.visible_to(user).filter(pk=area.pk).exists():
        raise ValidationError({"area": _("Choose an area you may see.")})
    if not Catalogue.objects.visible_to(user).filter(pk=catalogue.pk).exists():
        raise ValidationError({"catalogue": _("Choose a catalogue you may see.")})
    if catalogue.status != CatalogueStatus.PUBLISHED:
        raise ValidationError(
            {"catalogue": _("Only published catalogue versions can be used for assessments.")}
        )


@transaction.atomic
def create_assessment(actor: Actor, owner_id: int, save):
    def checked_save():
        assessment = save()
        check_assessment_inputs(actor.user, assessment.area, assessment.catalogue)
        return assessment

    return actions.create_object(actor, owner_id, checked_save)


@transaction.atomic
def rate(actor: Actor, assessment: Assessment, measure: CatalogueNode, **values) -> Rating:
    """Set the rating of one measure (level 0–3 or not applicable with a reason, status, evidence)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    rating = Rating.objects.filter(assessment=assessment, measure=measure).first() or Rating(
        assessment=assessment, measure=measure
    )
    before = {f: getattr(rating, f) for f in RATING_FIELDS} if rating.pk else {}
    if rating.feed_id and "level" in values and values["level"] != rating.level:
        raise ValidationError(
            {
                "level": _(
                    "The level of “%(m)s” follows an indicator feed; let it stop following the feed to type one."
                )
                % {"m": measure}
            }
        )
    for key, value in values.items():
        if key not in RATING_FIELDS:
            raise ValueError(key)
        setattr(rating, key, value)
    if rating.not_applicable:
        rating.level = None
    rating.assessment = assessment
    rating.updated_by = actor.user if actor.user and actor.user.pk else None
    rating.full_clean(exclude=["assessment", "measure", "updated_by"], validate_unique=False)
    rating.clean()
    rating.save()
    after = {f: getattr(rating, f) for f in RATING_FIELDS}
    changes = audit.diff(before, after)
    if changes:
        audit.record(
            actor,
            AuditAction.UPDATE,
            assessment,
            changes={f"{measure.code}.{k}": v for k, v in changes.items()},
        )
    return rating


@transaction.atomic
def import_ratings(actor: Actor, assessment: Assessment, rows) -> int:
    """Apply parsed rating rows (``catalogue_io.parse_ratings_xlsx``) all or nothing."""
    measures = {m.code: m for m in assessment.catalogue.nodes.filter(kind=NodeKind.MEASURE)}
    for row in rows:
        rate(
            actor,
            assessment,
            measures[row["code"]],
            level=row["level"],
            not_applicable=row["not_applicable"],
            reason=row["reason"],
            status=row["status"],
            evidence=row["evidence"],
        )
    return len(rows)


@transaction.atomic
def copy_assessment(actor: Actor, source: Assessment, scenario: str, owner_id=None) -> Assessment:
    """A new scenario (variant) starting from the ratings of ``source``."""
    owner_id = owner_id or source.owner_id
    ensure_can_create(actor.user, owner_id)
    scenario = scenario.strip()
    if not scenario:
        raise ValidationError({"scenario": _("Name the scenario.")})
    copy = Assessment.objects.create(
        owner_id=owner_id,
        visibility=source.visibility if owner_id == source.owner_id else "private",
        area=source.area,
        catalogue=source.catalogue,
        scenario=scenario[:120],
        notes=source.notes,
        created_by=actor.user,
    )
    if owner_id == source.owner_id:
        copy.shared_with.set(source.shared_with.all())
    Rating.objects.bulk_create(
        [
            Rating(
                assessment=copy,
                measure_id=r.measure_id,
                level=r.level,
                not_applicable=r.not_applicable,
                reason=r.reason,
                status=r.status,
                evidence=r.evidence,
                documents=r.documents,
                updated_by=actor.user,
            )
            for r in source.ratings.all()
        ]
    )
    audit.record(
        actor, AuditAction.CREATE, copy, changes={"copied_from": source.pk, "scenario": copy.scenario}
    )
    return copy


def can_comment(user, assessment: Assessment) -> bool:
    """Members of the owner and of organisations in a cooperation the assessment is shared with."""
    if user is None or not user.is_authenticated:
        return False
    if assessment.owner_id in user_org_ids(user):
        return True
    if assessment.visibility != "cooperation":
        return False
    shared = set(assessment.shared_with.values_list("pk", flat=True))
    return bool(shared & user_cooperation_ids(user))


@transaction.atomic
def add_comment(actor: Actor, assessment: Assessment, measure, text: str) -> Comment:
    if not can_comment(actor.user, assessment):
        raise PermissionDenied(_("Only the owner's members and cooperation partners may comment."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    if measure is not None and measure.catalogue_id != assessment.catalogue_id:
        raise ValidationError(
            {"measure": _("This measure belongs to another catalogue version than the assessment.")}
        )
    comment = Comment.objects.create(
        assessment=assessment,
        measure=measure,
        author=actor.user,
        author_organisation=actor.organisation,
        text=text,
    )
    audit.record(actor, AuditAction.CREATE, comment, changes={"text": text[:200]})
    return comment
