"""The one sharing rule of iKonnekt (DESIGN.md, "The sharing model").

Every shareable object has an owner organisation and a visibility:

* ``private``      members of the owner organisation,
* ``cooperation``  plus members of the organisations taking part in the cooperations the
                   object is explicitly shared with (only cooperations that are not ended),
* ``platform``     every signed-in user,
* ``public``       anyone, also anonymous visitors and open-data exports.

Reading goes through :meth:`ShareableQuerySet.visible_to` (or :meth:`SharedObject.visible_to_q`
when composing queries across relations); views use :func:`get_visible_or_404` and
:func:`get_editable_or_404`, so an object a user may not see answers 404 everywhere.

Writing: editors and admins of the owner. Deleting and changing visibility: admins of the
owner, or the editor who created the object.

Objects below a shared object (a meter of a building, a reading of that meter) inherit
:class:`SharedChild`: visible if their parent is, changed by those who may change the parent.
"""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import connection, models
from django.db.models import BooleanField, Q
from django.db.models.expressions import Expression, F, RawSQL
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private (own organisation)")
    COOPERATION = "cooperation", _("Shared with selected cooperations")
    PLATFORM = "platform", _("All signed-in users")
    PUBLIC = "public", _("Public (also open data)")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


WRITE_ROLES = frozenset({Role.ADMIN, Role.EDITOR})

_ROLES_CACHE = "_ikonnekt_roles"
_COOPS_CACHE = "_ikonnekt_cooperations"
_MEMBERSHIPS_CACHE = "_ikonnekt_memberships"


def user_memberships(user) -> list:
    """The user's memberships with their organisations, loaded once per request (cached on the
    user object, which lives as long as the request): the read rule, the organisation switcher
    and the acting organisation all use this one list."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, _MEMBERSHIPS_CACHE, None)
    if cached is None:
        cached = _load_memberships(user.pk)
        setattr(user, _MEMBERSHIPS_CACHE, cached)
    return cached


@cache
def _memberships_plan():
    """(SQL, [(model, [(field, converters)])]) of ``Membership.objects.filter(user_id=…)
    .select_related("organisation")`` ordered by organisation name: written once from the models'
    meta, with the converters the ORM applies to each column (booleans, times on SQLite)."""
    from ikonnekt.organizations.models import Membership, Organisation

    qn = connection.ops.quote_name
    plan, columns = [], []
    for alias, model in (("m", Membership), ("o", Organisation)):
        fields = []
        for field in model._meta.concrete_fields:
            col = field.get_col(alias)
            converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            fields.append((field, col, converters))
            columns.append(f"{alias}.{qn(field.column)}")
        plan.append((model, fields))
    membership = Membership._meta
    # identifiers from the models' meta only; the user id is a parameter
    sql = (
        f"SELECT {', '.join(columns)} FROM {qn(membership.db_table)} m "  # noqa: S608
        f"INNER JOIN {qn(Organisation._meta.db_table)} o "
        f"ON o.{qn(Organisation._meta.pk.column)} = m.{qn(membership.get_field('organisation').column)} "
        f"WHERE m.{qn(membership.get_field('user').column)} = %s ORDER BY o.{qn('name')}, m.{qn('id')}"
    )
    return sql, plan


def _load_memberships(user_id) -> list:
    """The memberships of ``user_id`` with their organisation joined, as the ORM would build them
    (``Model.from_db`` with converted values; the organisation set as ``select_related`` sets it).
    Plain SQL: every page of a signed-in user needs them, and building the ORM query cost more
    than running it (#18); ``tests/core/test_sharing.py`` compares both."""
    sql, plan = _memberships_plan()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        rows = cursor.fetchall()
    out = []
    for row in rows:
        objects, start = [], 0
        for model, fields in plan:
            values = []
            for offset, (_field, col, converters) in enumerate(fields):
                value = row[start + offset]
                for converter in converters:
                    value = converter(value, col, connection)
                values.append(value)
            start += len(fields)
            objects.append(model.from_db(connection.alias, [f.attname for f, _c, _v in fields], values))
        membership, organisation = objects
        membership.organisation = organisation
        out.append(membership)
    return out


def user_roles(user) -> dict[int, str]:
    """``{organisation_id: role}`` of the user's memberships, cached on the user object."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is None:
        cached = {m.organisation_id: m.role for m in user_memberships(user)}
        setattr(user, _ROLES_CACHE, cached)
    return cached


def user_org_ids(user) -> frozenset[int]:
    return frozenset(user_roles(user))


def orgs_with_role(user, roles=WRITE_ROLES) -> frozenset[int]:
    return frozenset(org_id for org_id, role in user_roles(user).items() if role in roles)


def user_cooperation_ids(user) -> frozenset[int]:
    """Cooperations (not ended) in which one of the user's organisations takes part."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, _COOPS_CACHE, None)
    if cached is None:
        org_ids = sorted(user_org_ids(user))
        cached = frozenset()
        if org_ids:
            # plain SQL: every shared page asks this; the ORM's query joined the organisations
            # for Participation's ordering and cost five times as much CPU to build (#18)
            with connection.cursor() as cursor:
                cursor.execute(_cooperations_sql(len(org_ids)), [*org_ids, "ended"])
                cached = frozenset(row[0] for row in cursor.fetchall())
        setattr(user, _COOPS_CACHE, cached)
    return cached


@cache
def _cooperations_sql(n_orgs: int) -> str:
    """The cooperations (not ended) in which one of ``n_orgs`` organisations takes part."""
    from ikonnekt.cooperations.models import Cooperation, Participation

    qn = connection.ops.quote_name
    participation, cooperation = Participation._meta, Cooperation._meta
    cooperation_id = qn(participation.get_field("cooperation").column)
    organisation_id = qn(participation.get_field("organisation").column)
    marks = ", ".join(["%s"] * n_orgs)
    # identifiers from the models' meta only; every value is a parameter
    return (
        f"SELECT p.{cooperation_id} FROM {qn(participation.db_table)} p "  # noqa: S608
        f"INNER JOIN {qn(cooperation.db_table)} c ON c.{qn(cooperation.pk.column)} = p.{cooperation_id} "
        f"WHERE p.{organisation_id} IN ({marks}) AND c.{qn(cooperation.get_field('status').column)} <> %s"
    )


def forget_user_caches(user) -> None:
    """Drop cached memberships after they change (same request)."""
    for attr in (_ROLES_CACHE, _COOPS_CACHE, _MEMBERSHIPS_CACHE):
        if hasattr(user, attr):
            delattr(user, attr)


def has_role(user, organisation_id, roles=WRITE_ROLES) -> bool:
    return user_roles(user).get(organisation_id) in roles


class ReadRule(Expression):
    """The read rule of a shared object as one SQL condition on its own table:

        visibility IN ('public', 'platform') OR owner_id IN (<the user's organisations>)
        OR (visibility = 'cooperation' AND <shared with one of the user's cooperations>)

    the same condition the ``Q`` of :meth:`SharedObject.visible_to_q` describes, written from the
    model's columns. A ``Q`` of three lookups and a subquery is built, resolved and compiled by
    the ORM lookup by lookup, which cost about 0.35 ms per query (a quarter of a minimal page,
    #18); this is resolved to three columns and written as one text. Used where the rule applies
    to the queried model itself (no ``prefix``); across relations the ``Q`` is used."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, model, org_ids: tuple, coop_ids: tuple):
        super().__init__(output_field=BooleanField())
        self.model = model
        self.org_ids = org_ids
        self.coop_ids = coop_ids
        self.columns = ()

    def get_source_expressions(self):
        return list(self.columns)

    def set_source_expressions(self, exprs):
        self.columns = tuple(exprs)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        if self.columns:  # resolved already (a subquery resolved again by its outer query)
            return super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        clone = self.copy()
        opts = self.model._meta
        fields = (opts.get_field("visibility"), opts.get_field("owner"), opts.pk)
        if (
            query is not None
            and query.model is not None
            and query.model._meta.concrete_model is opts.concrete_model
        ):
            alias = query.get_initial_alias()
            clone.columns = tuple(field.get_col(alias) for field in fields)
        else:  # another model's query: let the ORM find the columns
            clone.columns = tuple(
                F(field.attname).resolve_expression(query, allow_joins, reuse, summarize) for field in fields
            )
        return clone

    def as_sql(self, compiler, connection):
        visibility, owner, pk = (compiler.compile(column)[0] for column in self.columns)
        sql = f"{visibility} IN (%s, %s)"
        params = [Visibility.PUBLIC.value, Visibility.PLATFORM.value]
        if self.org_ids:
            sql += f" OR {owner} IN ({', '.join(['%s'] * len(self.org_ids))})"
            params.extend(self.org_ids)
        shared = self.model.cooperation_sql(pk, self.coop_ids) if self.coop_ids else None
        if shared is not None:
            sql += f" OR ({visibility} = %s AND {shared[0]})"
            params.append(Visibility.COOPERATION.value)
            params.extend(shared[1])
        return f"({sql})", params


class ShareableQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one read rule: everything ``user`` may see (anonymous: public only)."""
        return self.filter(self.model.visible_to_q(user))

    def editable_by(self, user):
        return self.filter(self.model.editable_by_q(user))


class SharedObject(models.Model):
    """Abstract base: owner organisation, visibility and who created it.

    Subclasses that can be shared with specific cooperations inherit :class:`Shareable`.
    """

    owner = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner organisation"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ShareableQuerySet.as_manager()

    class Meta:
        abstract = True

    # --- reading -----------------------------------------------------------------------
    @classmethod
    def visible_to_q(cls, user, prefix: str = "") -> Q:
        """A ``Q`` selecting what ``user`` may see; ``prefix`` composes it across a relation
        (e.g. ``Document.visible_to_q(user, "document__")`` for versions)."""
        public = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
        if user is None or not user.is_authenticated:
            return public
        if not prefix:  # the rule on the queried model itself: one condition (see ReadRule)
            return Q(
                ReadRule(cls, tuple(sorted(user_org_ids(user))), tuple(sorted(user_cooperation_ids(user))))
            )
        q = Q(**{f"{prefix}visibility__in": [Visibility.PUBLIC, Visibility.PLATFORM]})
        org_ids = user_org_ids(user)
        if org_ids:
            q |= Q(**{f"{prefix}owner_id__in": sorted(org_ids)})
        coop_ids = user_cooperation_ids(user)
        if coop_ids:
            q |= Q(**{f"{prefix}visibility": Visibility.COOPERATION}) & cls.cooperation_q(
                sorted(coop_ids), prefix
            )
        return q

    @classmethod
    def cooperation_q(cls, coop_ids, prefix: str = "") -> Q:
        """Objects shared with one of ``coop_ids``; overridden by models without ``shared_with``."""
        return Q(pk__in=[])

    @classmethod
    def cooperation_sql(cls, pk: str, coop_ids) -> tuple[str, list] | None:
        """``cooperation_q`` as SQL for :class:`ReadRule` (``pk``: the compiled primary-key
        column), or None when nothing is shared with cooperations this way."""
        return None

    @classmethod
    def editable_by_q(cls, user, prefix: str = "") -> Q:
        """A ``Q`` selecting what ``user`` may change (editors and admins of the owner)."""
        return Q(**{f"{prefix}owner_id__in": sorted(orgs_with_role(user))})

    def is_visible_to(self, user) -> bool:
        return type(self)._base_manager.filter(pk=self.pk).filter(type(self).visible_to_q(user)).exists()

    # --- writing ------------------------------------------------------------------------
    def can_edit(self, user) -> bool:
        return has_role(user, self.owner_id)

    def can_delete(self, user) -> bool:
        role = user_roles(user).get(self.owner_id)
        return role == Role.ADMIN or (
            role == Role.EDITOR and self.created_by_id is not None and self.created_by_id == user.pk
        )

    def can_change_visibility(self, user) -> bool:
        return self.can_delete(user)

    def audit_owner_id(self):
        return self.owner_id


class Shareable(SharedObject):
    """A shared object that can be shared with specific cooperations (many-to-many)."""

    shared_with = models.ManyToManyField(
        "cooperations.Cooperation",
        blank=True,
        related_name="+",
        verbose_name=_("shared with cooperations"),
        help_text=_("Only used when the visibility is “shared with selected cooperations”."),
    )

    class Meta:
        abstract = True

    @classmethod
    def cooperation_q(cls, coop_ids, prefix: str = "") -> Q:
        # One id__in subquery (not a join) so rows are never duplicated. Written as SQL from the
        # model's own table and column names (no user input; the ids are parameters): building and
        # compiling it as a queryset cost more CPU than the rest of the rule together (#18).
        sql = _shared_with_sql(cls, len(coop_ids))
        return Q(**{f"{prefix}pk__in": RawSQL(sql, tuple(coop_ids))})  # noqa: S611 - see above

    @classmethod
    def cooperation_sql(cls, pk: str, coop_ids) -> tuple[str, list] | None:
        return f"{pk} IN ({_shared_with_sql(cls, len(coop_ids))})", list(coop_ids)


@cache
def _shared_with_sql(model, count: int) -> str:
    """``SELECT <object> FROM <through table> WHERE <cooperation> IN (%s, …)`` for ``model.shared_with``."""
    field = model._meta.get_field("shared_with")
    through = field.remote_field.through._meta
    quote = connection.ops.quote_name
    return "SELECT {} FROM {} WHERE {} IN ({})".format(  # noqa: S608 - names from the model, values are parameters
        quote(through.get_field(field.m2m_field_name()).column),
        quote(through.db_table),
        quote(through.get_field(field.m2m_reverse_field_name()).column),
        ", ".join(["%s"] * count),
    )


class ChildQuerySet(models.QuerySet):
    """The queryset of every :class:`SharedChild`: its parent's rule, across the parent path."""

    def visible_to(self, user):
        return self.filter(self.model.visible_to_q(user))

    def editable_by(self, user):
        return self.filter(self.model.editable_by_q(user))


class SharedChild:
    """An object that belongs to a shared object and is visible if its parent is (a meter of a
    building, a reading of a meter, a party of an agreement).

    ``sharing_parent`` names the relation to the parent: a foreign key (``"building"``) or a path
    through several (``"flow__system"``). The parent is a :class:`SharedObject` or itself a shared
    child (reading → meter → building); the rule of the shared object at the top applies:

    * reading: ``Model.objects.visible_to(user)`` / ``editable_by(user)``, ``Model.visible_to_q(user,
      prefix)`` to compose across relations, ``obj.can_view(user)``;
    * writing and deleting: the parent's editors (``obj.can_edit(user)``, ``obj.can_delete(user)``);
    * audit rows about the child go to the log of the parent's owner (``audit_owner_id``);
    * ``get_absolute_url``: the parent's page, unless the child has a page of its own.

    A plain mixin (not a model) so that intermediate mixins stay plain classes; the model declares
    the queryset: ``class Tariff(SharedChild, models.Model): sharing_parent = "meter";
    objects = ChildQuerySet.as_manager()``.
    """

    sharing_parent: str = ""

    # --- the parent ---------------------------------------------------------------------
    @classmethod
    def parent_model(cls):
        """The model at the end of ``sharing_parent`` (a shared object or a shared child)."""
        return _parent_model(cls)

    @classmethod
    def shared_root(cls) -> tuple[str, type]:
        """``(path, model)`` of the shared object at the top: ``("meter__building", Building)``."""
        return _shared_root(cls)

    @property
    def shared_parent(self):
        """The object at the end of ``sharing_parent`` (loaded along the path)."""
        obj = self
        for part in self.sharing_parent.split("__"):
            obj = getattr(obj, part)
        return obj

    # --- reading ------------------------------------------------------------------------
    @classmethod
    def visible_to_q(cls, user, prefix: str = "") -> Q:
        """The parent's rule composed across the relation (children of children compose too)."""
        return cls.parent_model().visible_to_q(user, prefix=f"{prefix}{cls.sharing_parent}__")

    @classmethod
    def editable_by_q(cls, user, prefix: str = "") -> Q:
        return cls.parent_model().editable_by_q(user, prefix=f"{prefix}{cls.sharing_parent}__")

    def can_view(self, user) -> bool:
        return self.shared_parent.is_visible_to(user)

    def is_visible_to(self, user) -> bool:
        return self.can_view(user)

    # --- writing ------------------------------------------------------------------------
    def can_edit(self, user) -> bool:
        return self.shared_parent.can_edit(user)

    def can_delete(self, user) -> bool:
        return self.shared_parent.can_edit(user)

    def audit_owner_id(self):
        """Audit rows about the child belong to the log of the shared object's owner."""
        return self.shared_parent.audit_owner_id()

    def get_absolute_url(self):
        return self.shared_parent.get_absolute_url()


@cache
def _parent_model(model):
    if not model.sharing_parent:
        raise ImproperlyConfigured(f"{model.__name__} is a SharedChild without sharing_parent.")
    parent = model
    for part in model.sharing_parent.split("__"):
        parent = parent._meta.get_field(part).related_model
    if not issubclass(parent, SharedObject | SharedChild):
        raise ImproperlyConfigured(
            f"{model.__name__}.sharing_parent leads to {parent.__name__}, neither shared nor a shared child."
        )
    return parent


@cache
def _shared_root(model):
    path, parent = [], model
    while issubclass(parent, SharedChild):
        path.append(parent.sharing_parent)
        parent = _parent_model(parent)
    return "__".join(path), parent


def validate_sharing(instance) -> None:
    """Cooperation visibility needs cooperations, and only ones the owner takes part in."""
    if not isinstance(instance, Shareable) or instance.pk is None:
        return
    coops = list(instance.shared_with.all())
    if instance.visibility == Visibility.COOPERATION and not coops:
        raise ValidationError(
            {"shared_with": _("Choose at least one cooperation to share with, or another visibility.")}
        )
    from ikonnekt.cooperations.models import Participation

    allowed = set(
        Participation.objects.filter(organisation_id=instance.owner_id).values_list(
            "cooperation_id", flat=True
        )
    )
    foreign = [c.name for c in coops if c.pk not in allowed]
    if foreign:
        raise ValidationError(
            {
                "shared_with": _("The owner organisation does not take part in: %(names)s")
                % {"names": ", ".join(foreign)}
            }
        )


def _resolve(model_or_qs):
    if isinstance(model_or_qs, models.QuerySet):
        return model_or_qs
    return model_or_qs.objects.all()


# {(model, select_related): core.prepared.Rows reading one object by id through the read rule, or
# None where the rule asks more of the reader than its ids (then the plain queryset is used)}
_BY_PK: dict = {}


def get_visible_by_pk_or_404(model, user, pk, select_related: tuple = ()):
    """``model``'s object ``pk`` (with ``select_related``) if ``user`` may see it, else 404: the
    read every detail page starts with, its SQL kept per reader shape (``core.prepared``)."""
    from ikonnekt.core.prepared import ReaderNotKept, Rows

    key = (model, tuple(select_related))
    if key not in _BY_PK:
        base = _joined(model, select_related)
        _BY_PK[key] = Rows(lambda reader, object_id: base.visible_to(reader).filter(pk=object_id)[:1])
    rows = _BY_PK[key]
    if rows is not None and isinstance(pk, int) and not isinstance(pk, bool):
        try:
            found = rows(user, pk)
        except ReaderNotKept:  # the rule asks more than ids: the queryset answers from now on
            _BY_PK[key] = None
        else:
            if not found:
                raise Http404
            return found[0]
    return get_visible_or_404(_joined(model, select_related), user, pk=pk)


def _joined(model, select_related):
    return model.objects.select_related(*select_related) if select_related else model.objects.all()


def get_visible_or_404(model_or_qs, user, **lookup):
    """The object if ``user`` may see it, else 404 (the same answer as "does not exist")."""
    if isinstance(model_or_qs, type) and set(lookup) == {"pk"} and isinstance(lookup["pk"], int):
        return get_visible_by_pk_or_404(model_or_qs, user, lookup["pk"])
    qs = _resolve(model_or_qs).visible_to(user)
    try:
        return qs.get(**lookup)
    except (qs.model.DoesNotExist, ValueError, ValidationError):
        raise Http404
    except qs.model.MultipleObjectsReturned:
        raise Http404


def get_editable_or_404(model_or_qs, user, **lookup):
    """Visible and editable → the object; invisible → 404; visible but read-only → 403."""
    obj = get_visible_or_404(model_or_qs, user, **lookup)
    ensure_can_edit(user, obj)
    return obj


def ensure_can_edit(user, obj) -> None:
    """The edit check of every write (of ``obj`` itself, or of a child below it)."""
    if not obj.can_edit(user):
        raise PermissionDenied(_("You may read this, but not change it."))


def get_deletable_or_404(model_or_qs, user, **lookup):
    obj = get_visible_or_404(model_or_qs, user, **lookup)
    if not obj.can_delete(user):
        raise PermissionDenied(_("Only the owner's administrators or the creator may delete this."))
    return obj


def ensure_can_create(user, organisation_id) -> None:
    if not has_role(user, organisation_id):
        raise PermissionDenied(
            _("Only editors and administrators of the owner organisation may create this.")
        )
