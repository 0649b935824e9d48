"""Row queries whose SQL is built once per database connection (issue #18).

On SQLite most of a small query's cost is Django building and compiling its SQL (about 0.4 ms),
not running it (about 0.05 ms). A page's child lists (an agreement's cost items, an article's
links) are the same query each time with only the parent's id changed, so ``Rows`` compiles the
``values_list`` queryset once, with marker ids in place of the arguments, and afterwards runs the
kept SQL with the real ids through the connection's cursor (so it is counted and wrapped like
any query) and converts the values as the ORM converts them::

    cost_items = Rows(lambda agreement_id: CostItem.objects.filter(agreement_id=agreement_id)
                      .values_list("year", "label", "amount"))
    cost_items(agreement.pk)  # [(2025, "Personal", Decimal("1200.00")), ...]

The build function must depend on nothing but its arguments (no user, no date, no language):
its SQL is kept for every later call. Arguments are integer ids, each used as a plain parameter
(``field=value``, or ``field=str(value)`` for a text column); the result is a list of tuples, the same as ``list(build(*ids))``.
Read rules are the caller's: use it for rows below an object already read through
``visible_to``, or for rows that need no read rule.
"""

from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ValuesListIterable

# Marker ids put in place of the arguments while compiling (within 32 bits, so every backend's
# integer lookups keep them as parameters); no real query holds them as constants.
_MARKER = 2_071_390_000


class Rows:
    """``Rows(build)(*ids)`` is ``list(build(*ids))`` with the SQL compiled once per connection."""

    def __init__(self, build, using=DEFAULT_DB_ALIAS):
        self.build = build
        self.using = using
        self._compiled = WeakKeyDictionary()  # connection -> (n_args, sql, params, slots, converters)

    def _compile(self, connection, n_args):
        markers = [_MARKER + i for i in range(n_args)]
        queryset = self.build(*markers)
        if queryset._iterable_class is not ValuesListIterable:
            raise TypeError("Rows needs a values_list(...) queryset (neither flat nor named)")
        compiler = queryset.query.get_compiler(using=self.using, connection=connection)
        sql, params = compiler.as_sql()
        params = list(params)
        texts = [str(marker) for marker in markers]  # an id compared with a text column (generic ids)
        slots = [
            (pos, markers.index(value), int) if value in markers else (pos, texts.index(value), str)
            for pos, value in enumerate(params)
            if value in markers or value in texts
        ]
        if {arg for _pos, arg, _type in slots} != set(range(n_args)):
            raise ValueError("every argument of a Rows query must be used as a plain parameter")
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise TypeError("Rows does not read composite fields")
        converters = [
            (pos, convs, expression) for pos, (convs, expression) in compiler.get_converters(fields).items()
        ]
        entry = (n_args, sql, params, slots, converters)
        self._compiled[connection] = entry
        return entry

    def __call__(self, *ids):
        connection = connections[self.using]
        entry = self._compiled.get(connection)
        if entry is None:
            entry = self._compile(connection, len(ids))
        n_args, sql, params, slots, converters = entry
        if len(ids) != n_args:
            raise TypeError(f"this Rows query takes {n_args} ids, not {len(ids)}")
        params = list(params)
        for pos, arg, type_ in slots:
            params[pos] = type_(ids[arg])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        out = []
        for row in rows:
            row = list(row)
            for pos, convs, expression in converters:
                value = row[pos]
                for converter in convs:
                    value = converter(value, expression, connection)
                row[pos] = value
            out.append(tuple(row))
        return out
