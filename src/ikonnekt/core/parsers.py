"""Request parsers of the API (kept apart from core.api: DRF imports them while building APIView)."""

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
