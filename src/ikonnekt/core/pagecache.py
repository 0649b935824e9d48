"""Per-session page cache for read-only pages, invalidated by any write to the database.

Views opt in (``PageCacheMixin`` for class-based views, ``@page_cache`` for functions: the
shared lists and the dashboard). ``PageCacheMiddleware`` stores their pages under a key made
of the session and CSRF cookies, the language cookie and header, the full path, htmx headers,
the hour and the **data generation**: a counter in ``core_datageneration`` that goes up with
every transaction that writes to the database. The counter is maintained by an execute
wrapper on every database connection, so ORM saves, ``QuerySet.update``, bulk inserts and raw
SQL all count, with no signal to forget; only login-attempt rows and the counter itself do
not. Session writes count, so signing in or out, switching the acting organisation and new
messages make every stored page stale.

* One session's page is never served to another session (the key holds both cookies), so the
  CSRF token in the stored page is the one that session's cookie validates.
* ``PAGE_CACHE_SECONDS = 0`` turns the cache off.

Bumping: on SQLite (one writer at a time anyway) the counter is raised inside the writing
transaction, so it commits with the data. On PostgreSQL a row lock held to the end of every
writing transaction would serialise writers (and could deadlock), so the counter is raised
right after the commit (``on_commit``); a page rendered in between is stored under the old
generation and never served again. ``PAGE_CACHE_BUMP = "immediate" | "commit"`` overrides
the choice (the tests use "immediate" on both backends: a test case never commits).
"""

import hashlib
import time
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control

TABLE = "core_datageneration"
IGNORED_TABLES = ("axes_", TABLE)  # session writes count: sign-in/out, organisation switch
MESSAGE_COOKIE = CookieStorage.cookie_name
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _is_data_write(sql: str) -> bool:
    head = sql.lstrip()[:80]
    if not head[:7].upper().startswith(WRITES):
        return False
    return not any(table in head for table in IGNORED_TABLES)


_suspended = False  # while migrations run (the table may not exist yet)


def suspend(**kwargs):
    global _suspended
    _suspended = True


def resume(**kwargs):
    global _suspended
    _suspended = False


def _table_exists(conn) -> bool:
    if getattr(conn, "_ikonnekt_generation_table", False):
        return True
    with conn.cursor() as cursor:
        exists = TABLE in conn.introspection.table_names(cursor)
    conn._ikonnekt_generation_table = exists
    return exists


def bump(conn=None) -> None:
    conn = conn or connection
    if _suspended or not _table_exists(conn):
        return
    with conn.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET value = value + 1 WHERE id = 1")  # noqa: S608
        if cursor.rowcount == 0:  # emptied by a flush: start far from any earlier value
            cursor.execute(
                f"INSERT INTO {TABLE} (id, value) VALUES (1, %s)",  # noqa: S608
                [time.time_ns() // 1000],
            )


def _mode(conn) -> str:
    configured = getattr(settings, "PAGE_CACHE_BUMP", "")
    if configured:
        return configured
    return "immediate" if conn.vendor == "sqlite" else "commit"


class _Bumped:
    """Marker in the connection's on-commit list: this transaction has bumped (or will bump
    after its commit). Django drops the list on commit and on rollback, also of a savepoint,
    so the marker lives exactly as long as the transaction part it belongs to."""

    def __init__(self, conn, after_commit: bool):
        self.conn = conn
        self.after_commit = after_commit

    def __call__(self):
        if self.after_commit:
            bump(self.conn)


def _marked(conn) -> bool:
    return any(isinstance(entry[1], _Bumped) for entry in conn.run_on_commit)


def mark_changed(conn=None) -> None:
    """Record that ``conn`` wrote data: one bump per transaction. Called by the wrapper; call it
    yourself after writes that bypass Django's cursor (such as a driver-level COPY)."""
    conn = conn or connection
    if _suspended:
        return
    if not conn.in_atomic_block:
        bump(conn)
        return
    if _marked(conn):
        return
    after_commit = _mode(conn) == "commit"
    if not after_commit:
        bump(conn)
    transaction.on_commit(_Bumped(conn, after_commit), using=conn.alias)


def execute_wrapper(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _is_data_write(sql):
        mark_changed(context["connection"])
    return result


def install(sender, connection, **kwargs):
    """``connection_created`` receiver: watch every new connection for writes."""
    if execute_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(execute_wrapper)


def generation() -> int | None:
    """The current generation; ``None`` (no caching) before the table exists."""
    # A read of the generation ends the "already bumped" state of this transaction, so a test
    # (one long transaction) that writes, reads a page and writes again bumps twice.
    connection.run_on_commit = [
        entry
        for entry in connection.run_on_commit
        if not (isinstance(entry[1], _Bumped) and not entry[1].after_commit)
    ]
    if _suspended or not _table_exists(connection):
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None


def cache_key(request, gen: int) -> str:
    """Key of the page for this request (both cookies are present: see ``_may_be_stored``)."""
    session_cookie = request.COOKIES[settings.SESSION_COOKIE_NAME]
    csrf_cookie = request.COOKIES[settings.CSRF_COOKIE_NAME]
    parts = [
        session_cookie,
        csrf_cookie,
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
        request.headers.get("Accept-Language", ""),
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        timezone.localtime().strftime("%Y%m%d%H"),
        str(gen),
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class PageCacheMiddleware:
    """Serves a stored page before sessions, authentication and the view run.

    Sits below the security, CSP and static-file middleware (their headers are added to a
    stored page too) and above the session middleware. A page is stored only when its view
    marked the response (``PageCacheMixin`` / ``page_cache``), the user is signed in, the
    answer is a plain 200 that sets no cookie. Signing in or out, switching the organisation
    and new messages all write the session, which raises the generation: the stored page is
    never served again. A stored page also ends with the session's expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if self._may_be_stored(request):
            gen = generation()
            key = None if gen is None else cache_key(request, gen)
        if key is not None:
            hit = _cache().get(key)
            if hit is not None and hit["expires"] > time.time():
                response = HttpResponse(hit["content"], status=200)
                for name, value in hit["headers"]:
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if key is not None and getattr(response, "page_cacheable", False):
            if self._storable(request, response):
                expires = request.session.get_expiry_date().timestamp()
                headers = [
                    (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-page-cache")
                ]
                _cache().set(
                    key,
                    {"content": response.content, "headers": headers, "expires": expires},
                    settings.PAGE_CACHE_SECONDS,
                )
                response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _may_be_stored(request) -> bool:
        """Cheap tests first: only a GET with both cookies to a path whose view opted in reads
        the generation (every other request pays nothing for the cache)."""
        return bool(
            getattr(settings, "PAGE_CACHE_SECONDS", 0)
            and request.method == "GET"
            and request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            and request.COOKIES.get(settings.CSRF_COOKIE_NAME)
            and not request.COOKIES.get(MESSAGE_COOKIE)
            and opted_in(request.path_info)
        )

    @staticmethod
    def _storable(request, response) -> bool:
        user = getattr(request, "user", None)
        return bool(
            response.status_code == 200
            and not response.streaming
            and not _sets_new_cookies(request, response)
            and user is not None
            and user.is_authenticated
            and hasattr(request, "session")
            and not request.session.get("_messages")
        )


@lru_cache(maxsize=4096)
def opted_in(path: str) -> bool:
    """Whether the view of ``path`` opted in (``PageCacheMixin`` / ``@page_cache``)."""
    try:
        func = resolve(path).func
    except Resolver404:
        return False
    view_class = getattr(func, "view_class", None)
    return bool(getattr(func, "page_cache", False) or (view_class and issubclass(view_class, PageCacheMixin)))


def _sets_new_cookies(request, response) -> bool:
    """Any cookie but the CSRF cookie renewed with its unchanged value (Django renews it on
    every page that carries a token)."""
    for name, morsel in response.cookies.items():
        if name == settings.CSRF_COOKIE_NAME and morsel.value == request.COOKIES.get(name):
            continue
        return True
    return False


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _mark(response):
    if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
        response.render()
    response.page_cacheable = True
    patch_cache_control(response, private=True)
    return response


class PageCacheMixin:
    """For class-based read-only views (lists, dashboards): their pages may be stored."""

    def get(self, request, *args, **kwargs):
        return _mark(super().get(request, *args, **kwargs))


def page_cache(view):
    """For function views: their pages may be stored."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return _mark(view(request, *args, **kwargs))

    wrapped.page_cache = True  # copied by outer decorators (functools.wraps): see opted_in()
    return wrapped
