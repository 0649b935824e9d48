"""Request parsers of the API (kept apart from core.api: DRF imports them while building APIView)."""

from io import BytesIO

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers


class ObjectJSONParser(parsers.JSONParser):
    """JSON bodies must be objects: every endpoint reads named fields, so ``[]``, ``1`` or ``"x"``
    answer 400 with a German message instead of failing inside the view."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError(_("The JSON is nested too deeply.")) from exc
        if not isinstance(data, dict):
            raise exceptions.ParseError(_("The request body must be a JSON object with named fields."))
        return data


class ObjectFormParser(parsers.FormParser):
    """Form bodies must be ``name=value`` pairs: a body such as ``false`` or ``-4091`` is no form,
    and would otherwise read as one empty field and be accepted as an empty change."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", "utf-8")
        raw = stream.read()
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise exceptions.ParseError(_("The form data is not valid text.")) from exc
        if any("=" not in pair for pair in text.split("&") if pair.strip()):
            raise exceptions.ParseError(_("The request body must be form fields (name=value)."))
        return super().parse(BytesIO(raw), media_type, parser_context)
