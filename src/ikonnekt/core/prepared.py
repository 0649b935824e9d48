"""Queries whose SQL is built once per database connection (issue #18).

On SQLite most of a small query's cost is Django building and compiling its SQL (about 0.4 ms),
not running it (about 0.05 ms). A page runs the same queries on every request with only a few
values changed: the parent's id, the reader's organisations and cooperations, today's date.
``Rows`` builds the queryset once with marker values in place of its arguments, compiles it,
and afterwards runs the kept SQL with the real values through the ORM's own iterables (model
objects, ``values``, ``values_list``, ``flat``), so rows, conversions and the query count are the
same as the queryset's::

    cost_items = Rows(lambda agreement_id: CostItem.objects.filter(agreement_id=agreement_id)
                      .values_list("year", "label", "amount"))
    cost_items(agreement.pk)  # [(2025, "Personal", Decimal("1200.00")), ...]

    newest = Rows(lambda user: Article.objects.visible_to(user).order_by("-updated_at")[:5])
    newest(request.user)      # the same articles as the queryset, read through the read rule

Arguments, each used as a plain parameter of the query:

* an ``int`` (an id): ``field=value``, ``field__in=[...]``, or ``field=str(value)`` for a text column;
* a ``date`` or an aware ``datetime`` compared with a date or datetime column (``valid_until__lt=today``);
* the user. While compiling, the build gets a stand-in that carries marker ids in the caches the
  sharing helpers read (``visible_to``, ``editable_by``, ``user_org_ids``, ``orgs_with_role``,
  ``user_cooperation_ids``) and its ``pk``; anything else read from it raises ``TypeError``. The
  SQL is kept per *shape* of the reader: signed in or not, the roles in its organisations (in id
  order) and the number of its cooperations, the only things the read rule's SQL depends on; the
  real ids take the markers' places.

The build must depend on nothing but its arguments (no language, no clock, no setting that
changes): its SQL is kept for every later call with the same shape. Each argument must reach the
SQL (else ``ValueError``). ``tests/core/test_prepared.py`` compares the rows with the querysets'.
"""

import copy
from datetime import UTC, date, datetime, timedelta
from weakref import WeakKeyDictionary

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

from ikonnekt.core.sharing import _COOPS_CACHE, _ROLES_CACHE, user_cooperation_ids, user_roles

# Marker values put in place of the arguments while compiling (ids within 32 bits, so every
# backend's integer lookups keep them as parameters; dates a thousand years ago); no real query
# holds them as constants. Ranges: arguments, the reader's organisations, cooperations, own id.
_MARKER = 2_071_390_000
_ORG_MARKER = _MARKER + 100
_COOP_MARKER = _MARKER + 1_100
_USER_MARKER = _MARKER + 2_100
_MAX_IDS = 1_000
_DATE_MARKER = date(1001, 1, 1)
_DATETIME_MARKER = datetime(1001, 1, 1, tzinfo=UTC)
# shapes kept per query and connection (readers with other role mixes); the oldest is dropped
_MAX_SHAPES = 64


class ReaderNotKept(TypeError):
    """The build read more of the user than the ids a ``Rows`` query can keep."""


class _Reader:
    """The user while a ``Rows`` query is compiled: marker ids where the sharing helpers look."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, roles: tuple, n_cooperations: int):
        self.pk = self.id = _USER_MARKER
        self.__dict__[_ROLES_CACHE] = {_ORG_MARKER + i: role for i, role in enumerate(roles)}
        self.__dict__[_COOPS_CACHE] = frozenset(_COOP_MARKER + i for i in range(n_cooperations))

    def __getattr__(self, name):
        raise ReaderNotKept(
            f"a Rows query may read the user only through its id and the sharing helpers, not {name!r}"
        )


def _is_user(value) -> bool:
    return isinstance(value, AbstractBaseUser | AnonymousUser)  # also request.user, a lazy object


def _argument(index: int, value):
    """(shape, what the build gets, [(kind, marker, real value)] of the parameters it stands for)."""
    if _is_user(value):
        if not value.is_authenticated:
            return ("anonymous",), AnonymousUser(), []
        roles = user_roles(value)
        orgs = sorted(roles)
        coops = sorted(user_cooperation_ids(value))
        if len(orgs) >= _MAX_IDS or len(coops) >= _MAX_IDS:
            raise ValueError("too many organisations or cooperations for a Rows query")
        pairs = [(_USER_MARKER, value.pk)]
        pairs += [(_ORG_MARKER + i, org) for i, org in enumerate(orgs)]
        pairs += [(_COOP_MARKER + i, coop) for i, coop in enumerate(coops)]
        shape = ("user", tuple(roles[org] for org in orgs), len(coops))
        return shape, _Reader(shape[1], shape[2]), [("id", marker, real) for marker, real in pairs]
    if isinstance(value, bool) or not isinstance(value, int | date):
        raise TypeError(f"a Rows argument is an id, a date, an aware datetime or the user, not {value!r}")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise TypeError("a Rows datetime must be aware")
        marker = _DATETIME_MARKER + timedelta(hours=index)
        return ("datetime",), marker, [("datetime", marker, value)]
    if isinstance(value, date):
        marker = _DATE_MARKER + timedelta(days=index)
        return ("date",), marker, [("date", marker, value)]
    return ("id",), _MARKER + index, [("id", _MARKER + index, value)]


def _as_parameters(kind, value, connection) -> tuple:
    """The two forms ``value`` takes among a compiled query's parameters: itself, and as the
    backend adapts it for a column of its kind (text for an id compared with a text column)."""
    if kind == "id":
        return value, str(value)
    if kind == "date":
        return value, connection.ops.adapt_datefield_value(value)
    return value, connection.ops.adapt_datetimefield_value(value)


class _Compiled:
    """A queryset built with markers and compiled: its SQL, parameters and where the arguments go."""

    def __init__(self, queryset, compiler, sql, params, slots):
        self.queryset, self.compiler = queryset, compiler
        self.sql, self.params, self.slots = sql, params, slots


class Rows:
    """``Rows(build)(*args)`` is ``list(build(*args))`` with the SQL built once per connection and shape."""

    def __init__(self, build, using=DEFAULT_DB_ALIAS):
        self.build = build
        self.using = using
        self._compiled = WeakKeyDictionary()  # connection -> {shape: _Compiled}

    def _compile(self, connection, markers, parameters):
        queryset = self.build(*markers)
        if not isinstance(queryset, QuerySet):
            raise TypeError("a Rows build returns a queryset")
        compiler = queryset.query.get_compiler(using=self.using, connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # nothing can match (e.g. ``pk__in`` an empty list): no query
            return _Compiled(queryset, compiler, None, (), ())
        params = list(params)
        slots, used = [], set()
        for number, (arg_index, kind, marker, _real) in enumerate(parameters):
            forms = _as_parameters(kind, marker, connection)
            for pos, param in enumerate(params):
                for form, value in enumerate(forms):
                    if type(param) is type(value) and param == value:
                        slots.append((pos, number, form))
                        used.add(arg_index)
                        break
        for arg_index, marker in enumerate(markers):
            if not isinstance(marker, _Reader | AnonymousUser) and arg_index not in used:
                raise ValueError("every argument of a Rows query must be used as a plain parameter")
        return _Compiled(queryset, compiler, sql, params, slots)

    def __call__(self, *args):
        connection = connections[self.using]
        shapes, markers, parameters = [], [], []
        for index, value in enumerate(args):
            shape, marker, stands_for = _argument(index, value)
            shapes.append(shape)
            markers.append(marker)
            parameters.extend((index, *entry) for entry in stands_for)
        kept = self._compiled.get(connection)
        if kept is None:
            kept = self._compiled[connection] = {}
        key = tuple(shapes)
        compiled = kept.get(key)
        if compiled is None:
            compiled = self._compile(connection, markers, parameters)
            if len(kept) >= _MAX_SHAPES:
                kept.pop(next(iter(kept)))
            kept[key] = compiled
        if compiled.sql is None:
            return []
        params = list(compiled.params)
        forms = {}
        for pos, number, form in compiled.slots:
            if number not in forms:
                _index, kind, _marker, real = parameters[number]
                forms[number] = _as_parameters(kind, real, connection)
            params[pos] = forms[number][form]
        return list(self._queryset(compiled, params))

    @staticmethod
    def _queryset(compiled, params):
        """The kept queryset, answering with the kept SQL and these parameters."""
        compiler = copy.copy(compiled.compiler)
        sql = compiled.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        query = copy.copy(compiled.queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        queryset = QuerySet.__new__(type(compiled.queryset))
        queryset.__dict__.update(
            compiled.queryset.__dict__, _query=query, _result_cache=None, _prefetch_done=False
        )
        return queryset
