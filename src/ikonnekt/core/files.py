"""Stored files are served only through views that apply the visibility rule.

Nothing under ``MEDIA_ROOT`` is reachable at a public URL (not even with DEBUG on): images and
attachments of shared objects are registered here and served by :func:`stored_file` at
``/files/<app.model>/<pk>/<field>/``, which loads the object through ``visible_to(user)`` (404 if
invisible: public objects' files to everyone, private ones only to those who may see the object).

How the bytes leave the server is one setting, ``FILE_SERVING``:

* ``django`` (default): Django streams the file (``FileResponse``); fine for one district.
* ``x-accel-redirect``: nginx sends it; Django answers with ``X-Accel-Redirect:
  <FILE_SERVING_INTERNAL_URL><name>`` after the permission check. nginx needs an ``internal``
  location mapping that URL to ``MEDIA_ROOT`` (see docs/operations.md).
* ``x-sendfile``: Apache mod_xsendfile / lighttpd get the absolute path in ``X-Sendfile``.

Object storage (S3) always streams through Django (the bucket is private).
"""

import mimetypes
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse

from ikonnekt.core.sharing import get_visible_or_404


@dataclass(frozen=True)
class FileSpec:
    model: type
    field: str
    check: object = None  # optional ``check(obj, user) -> bool`` on top of visibility
    inline: bool = True
    public_catalogue: bool = False  # reference data without owner (label logos): everyone may read


_registry: dict[tuple[str, str], FileSpec] = {}


def register(model, *fields, check=None, inline=True, public_catalogue=False):
    """``files.register(Product, "photo")`` in an app's ``ready()``."""
    for field in fields:
        _registry[(model._meta.label_lower, field)] = FileSpec(model, field, check, inline, public_catalogue)


def registered():
    return dict(_registry)


def file_url(obj, field: str) -> str:
    """The served URL of ``obj.<field>`` ("" if empty); the file's name is not part of the URL."""
    value = getattr(obj, field, None)
    if not value:
        return ""
    key = obj._meta.label_lower
    if (key, field) not in _registry:
        raise KeyError(f"{key}.{field} is not registered in ikonnekt.core.files")
    # The stored name's tail as a version so browsers re-fetch after a new upload.
    version = quote(value.name.rsplit("/", 1)[-1])
    return reverse("core:stored_file", args=[key, obj.pk, field]) + f"?v={version}"


def serve(fieldfile, *, filename=None, content_type=None, as_attachment=False, cache="private"):
    """A response with the stored file, sent by Django or handed to the web server in front."""
    name = fieldfile.name
    filename = filename or name.rsplit("/", 1)[-1]
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    mode = getattr(settings, "FILE_SERVING", "django")
    local = isinstance(fieldfile.storage, FileSystemStorage)
    if mode != "django" and local:
        if not fieldfile.storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        if mode == "x-accel-redirect":
            response["X-Accel-Redirect"] = settings.FILE_SERVING_INTERNAL_URL.rstrip("/") + "/" + quote(name)
        else:
            response["X-Sendfile"] = fieldfile.storage.path(name)
        response["Content-Disposition"] = content_disposition(filename, as_attachment=as_attachment)
    else:
        try:
            handle = fieldfile.open("rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404 from exc
        response = FileResponse(
            handle, content_type=content_type, as_attachment=as_attachment, filename=filename
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=3600" if cache == "public" else "private, max-age=3600"
    return response


def content_disposition(filename: str, *, as_attachment: bool = True) -> str:
    """A safe ``Content-Disposition`` value (RFC 6266): an ASCII ``filename`` fallback for old
    clients (accents dropped; quotes, backslashes, control characters and path separators
    replaced) and the exact name UTF-8 percent-encoded in ``filename*`` (RFC 8187)."""
    name = filename.replace("/", "_").replace("\\", "_")
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = "".join("_" if ch == '"' or ord(ch) < 32 or ord(ch) == 127 else ch for ch in fallback)
    disposition = "attachment" if as_attachment else "inline"
    return f"{disposition}; filename=\"{fallback or 'download'}\"; filename*=UTF-8''{quote(name, safe='')}"


def download_response(content, filename: str, content_type: str) -> HttpResponse:
    """A response the browser saves as ``filename`` (generated content: reports, exports)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stored_file(request, model, pk, field):
    spec = _registry.get((model, field))
    if spec is None:
        raise Http404
    if spec.public_catalogue:
        obj = spec.model.objects.filter(pk=pk).first()
        if obj is None:
            raise Http404
    else:
        obj = get_visible_or_404(spec.model, request.user, pk=pk)
    if spec.check is not None and not spec.check(obj, request.user):
        raise Http404
    value = getattr(obj, field)
    if not value:
        raise Http404
    public = spec.public_catalogue or getattr(obj, "visibility", None) == "public"
    return serve(value, as_attachment=not spec.inline, cache="public" if public else "private")
