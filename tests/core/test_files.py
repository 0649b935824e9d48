"""Every stored file is served through a view that applies the visibility rule (never at /media/)."""

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse

from ikonnekt.core import files
from tests.planning.factories import make_vision

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)

# File fields served by a dedicated view of their own module (which also applies get_visible_or_404)
# or never served at all (raw meter imports stay on the server).
SERVED_ELSEWHERE = {
    ("documents.version", "file"): "documents:version_download",
    ("documents.version", "thumbnail"): "documents:version_thumbnail",
    ("knowledge.articlefile", "file"): "knowledge:file",
    ("administration.agreement", "attachment"): "administration:agreement_attachment",
    ("energy.readingimport", "file"): None,
}


def _vision_with_image(cast, visibility):
    vision = make_vision(cast, owner=cast.org_a, visibility=visibility, created_by=cast.a_editor)
    vision.image.save("saaraue.png", ContentFile(PNG), save=True)
    return vision


def test_every_file_field_is_served_through_a_checked_view():
    registered = set(files.registered())
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("ikonnekt."):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                key = (model._meta.label_lower, field.name)
                if key not in registered and key not in SERVED_ELSEWHERE:
                    missing.append(key)
    assert not missing, f"register these in ikonnekt.core.files (app ready()): {missing}"


def test_media_url_is_not_routed_even_in_debug():
    with pytest.raises(Resolver404):
        resolve("/media/planning/visions/saaraue.png")


def test_public_vision_image_is_served_to_anonymous_visitors_on_the_board(cast, client_for):
    vision = _vision_with_image(cast, "public")
    client = client_for(None)
    board = client.get(reverse("planning:board")).content.decode()
    url = files.file_url(vision, "image")
    assert url.replace("&", "&amp;") in board and "/media/" not in board
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"


@pytest.mark.parametrize("who, status", [("a_viewer", 200), ("z_admin", 404), ("anonymous", 404)])
def test_private_vision_image_follows_the_visions_visibility(cast, client_for, who, status):
    vision = _vision_with_image(cast, "private")
    user = None if who == "anonymous" else getattr(cast, who)
    assert client_for(user).get(files.file_url(vision, "image")).status_code == status


def test_unregistered_field_answers_404(cast, client_for):
    vision = _vision_with_image(cast, "public")
    url = reverse("core:stored_file", args=["planning.vision", vision.pk, "text"])
    assert client_for(None).get(url).status_code == 404


@override_settings(FILE_SERVING="x-accel-redirect", FILE_SERVING_INTERNAL_URL="/protected-media/")
def test_behind_nginx_the_checked_file_is_handed_over_with_x_accel_redirect(cast, client_for):
    vision = _vision_with_image(cast, "public")
    response = client_for(None).get(files.file_url(vision, "image"))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + vision.image.name
    private = _vision_with_image(cast, "private")
    assert client_for(None).get(files.file_url(private, "image")).status_code == 404


@override_settings(FILE_SERVING="x-sendfile")
def test_behind_apache_the_checked_file_is_handed_over_with_x_sendfile(cast, client_for):
    vision = _vision_with_image(cast, "public")
    response = client_for(None).get(files.file_url(vision, "image"))
    assert response["X-Sendfile"] == vision.image.path


def test_api_gives_the_checked_url_of_a_vision_image(cast, client_for):
    vision = _vision_with_image(cast, "public")
    data = client_for(None).get(reverse("api:planning-vision-detail", args=[vision.pk])).json()
    assert data["image"].startswith("http://testserver/files/planning.vision/")


def test_download_response_names_the_file_safely_for_old_and_new_clients():
    response = files.download_response(b"x", 'Bericht "Ä/Ö"\r\n.pdf', "application/pdf")
    header = response["Content-Disposition"]
    # ASCII fallback: accents dropped, quote and control characters replaced, no path separator
    assert header.startswith('attachment; filename="Bericht _A_O___.pdf"; ')
    # the exact name, UTF-8 percent-encoded (RFC 6266 / RFC 8187)
    assert header.endswith("filename*=UTF-8''Bericht%20%22%C3%84_%C3%96%22%0D%0A.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_response_keeps_a_plain_name():
    header = files.download_response("a;b", "energiebericht-2024-3.xlsx", "text/csv")["Content-Disposition"]
    assert (
        header
        == "attachment; filename=\"energiebericht-2024-3.xlsx\"; filename*=UTF-8''energiebericht-2024-3.xlsx"
    )
