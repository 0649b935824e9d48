"""Platform pages: dashboard, jobs, audit log, system status and health endpoints."""

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ikonnekt.core import tabular
from ikonnekt.core.filters import AuditFilter
from ikonnekt.core.forms import style_widget
from ikonnekt.core.htmx import render_page
from ikonnekt.core.models import AuditLog, Job
from ikonnekt.core.sharing import Role, orgs_with_role, user_org_ids


def dashboard(request):
    """The start page: the public welcome for visitors, the market for customers without an
    organisation, the organisation's dashboard for members."""
    if not request.user.is_authenticated:
        return welcome(request)
    if not user_org_ids(request.user):
        return redirect("market:home")
    return _dashboard(request)


def welcome(request):
    """What iKonnekt is, the public objects of every module and a sign-in button."""
    from ikonnekt.core.registry import app_modules

    sections = []
    for _label, module in app_modules("public"):
        sections.extend(module.sections(request.user))
    sections.sort(key=lambda s: s["order"])
    return render(request, "core/welcome.html", {"sections": sections})


# Panels without an ``order`` come after the platform's own ones, in the order of IKONNEKT_APPS.
DEFAULT_PANEL_ORDER = 50


@login_required
def _dashboard(request):
    """Every app's panels (``<app>/dashboard.py``), sorted by their ``order``."""
    from ikonnekt.core.registry import app_modules

    panels = []
    for _label, module in app_modules("dashboard"):
        panels.extend(module.panels(request))
    panels.sort(key=lambda panel: panel.get("order", DEFAULT_PANEL_ORDER))
    return render(request, "core/dashboard.html", {"panels": panels})


def _job_for_user(request, pk) -> Job:
    """Jobs are seen by whoever started them and by admins of their organisation; else 404."""
    admin_orgs = orgs_with_role(request.user, roles={Role.ADMIN})
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (job.created_by_id == request.user.pk or job.organisation_id in admin_orgs):
        raise Http404
    return job


@login_required
def jobs(request):
    admin_orgs = orgs_with_role(request.user, roles={Role.ADMIN})
    qs = Job.objects.filter(created_by=request.user) | Job.objects.filter(organisation_id__in=admin_orgs)
    page = Paginator(qs.select_related("created_by").order_by("-created_at"), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "core/jobs.html", {"page_obj": page})


@login_required
def job_detail(request, pk):
    job = _job_for_user(request, pk)
    return render_page(request, "core/job_detail.html", {"job": job}, fragment="core/_job_progress.html")


@login_required
@never_cache
def job_progress(request, pk):
    job = _job_for_user(request, pk)
    response = render(request, "core/_job_progress.html", {"job": job})
    if job.is_finished and request.htmx:
        # Stop polling: htmx swaps the finished bar without the trigger.
        response["HX-Trigger"] = "job-finished"
    return response


def _audit_queryset(request):
    admin_orgs = orgs_with_role(request.user, roles={Role.ADMIN})
    if not admin_orgs:
        raise PermissionDenied(_("The audit log is readable by organisation administrators."))
    return AuditLog.objects.filter(owner_organisation_id__in=admin_orgs).select_related(
        "actor", "acting_organisation", "owner_organisation", "content_type"
    )


@login_required
def audit_log(request):
    filterset = AuditFilter(request.GET or None, queryset=_audit_queryset(request), request=request)
    for field in filterset.form.fields.values():
        style_widget(field)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    admin_orgs = orgs_with_role(request.user, roles={Role.ADMIN})
    for row in page:
        row.shown_ip = row.ip_for(admin_orgs)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_log.html",
        {"filterset": filterset, "page_obj": page, "querystring": query.urlencode()},
    )


@login_required
def audit_log_csv(request):
    filterset = AuditFilter(request.GET or None, queryset=_audit_queryset(request), request=request)
    admin_orgs = orgs_with_role(request.user, roles={Role.ADMIN})
    header = [
        _("when"),
        _("who"),
        _("acting organisation"),
        _("owner organisation"),
        _("action"),
        _("object type"),
        _("object id"),
        _("object"),
        _("changes"),
        _("IP address"),
    ]

    def values():
        yield header
        for row in filterset.qs.iterator(chunk_size=2000):
            yield [
                row.timestamp,
                row.actor_name,
                row.acting_organisation or "",
                row.owner_organisation or "",
                row.get_action_display(),
                row.content_type.model if row.content_type_id else "",
                row.object_id,
                row.object_repr,
                row.changes,
                row.ip_for(admin_orgs),
            ]

    # the shared writer neutralises formulas in names and object titles (issue #20)
    rows = tabular.csv_lines(values())
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


@login_required
def system(request):
    """What the installation can do: optional tools and services, in plain words."""
    from ikonnekt.core.registry import app_modules

    capabilities = [
        {
            "name": _("Background jobs"),
            "ok": True,
            "detail": _("Celery broker %(url)s") % {"url": settings.CELERY_BROKER_URL.split("@")[-1]}
            if settings.CELERY_BROKER_URL
            else _("Embedded job runner (ikonnekt run_jobs)"),
        },
        {"name": _("Database"), "ok": True, "detail": connections[DEFAULT_DB_ALIAS].vendor},
    ]
    for _label, module in app_modules("capabilities"):
        capabilities.extend(module.capabilities())
    return render(request, "core/system.html", {"capabilities": capabilities})


def healthz(request):
    return JsonResponse({"status": "ok"})


def ping(request):
    """A trivial JSON endpoint: the baseline the throughput benchmark compares pages against."""
    return JsonResponse({"pong": True})


@never_cache
def readyz(request):
    checks = {}
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        connection.ensure_connection()
        checks["database"] = "ok"
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if not pending else f"{len(pending)} pending"
    except Exception as exc:  # readiness reports, it does not raise
        checks["database"] = f"error: {exc.__class__.__name__}"
        checks.setdefault("migrations", "unknown")
    try:
        name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        default_storage.delete(name)
        checks["storage"] = "ok"
    except Exception as exc:
        checks["storage"] = f"error: {exc.__class__.__name__}"
    ok = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if ok else "error", "checks": checks}, status=200 if ok else 503)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _is_api(request):  # the API answers JSON only, also for unknown paths
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    if _is_api(request):
        return JsonResponse(
            {"detail": _("Internal server error; the administrators were notified.")}, status=500
        )
    from django.views.defaults import server_error as html_server_error

    return html_server_error(request)


def forbidden(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": str(exception or _("Permission denied."))}, status=403)
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


def places_geojson(request):
    """Names and town-hall positions of the municipalities and districts (public facts about
    public bodies) outside the shipped boundaries: the offline map background names those places
    at their town halls, and the boundaries (core/boundaries.py) name the ones they draw."""
    from django.http import JsonResponse

    from ikonnekt.core import boundaries
    from ikonnekt.organizations.models import Organisation

    rows = (
        Organisation.objects.filter(kind__in=["municipality", "district"])
        .exclude(latitude=None)
        .exclude(longitude=None)
        .values_list("name", "kind", "latitude", "longitude")
    )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"name": name, "kind": kind},
        }
        for name, kind, lat, lon in rows
        if not boundaries.covers(lon, lat)
    ]
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Cache-Control"] = "public, max-age=3600"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico on pages without a <link rel=icon> (JSON, health): no 404."""
    from django.templatetags.static import static

    return redirect(static("ikonnekt/favicon.svg"), permanent=True)
