"""``GET /api/v1/search/?q=…``: ranked hits with snippets and facets, through the sharing rule."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from ikonnekt.search.engine import search
from ikonnekt.search.views import facet_labels

HIT_FIELDS = dict(
    **{
        "type": serializers.CharField(),
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "url": serializers.CharField(),
        "snippet": serializers.CharField(help_text="HTML with <mark> around matches"),
        "score": serializers.FloatField(
            help_text="Relevance within the hit's tier (hits with a search term in the title come first)"
        ),
    },
)


@extend_schema(
    operation_id="search",
    parameters=[
        OpenApiParameter(
            "q", OpenApiTypes.STR, required=True, description='words, "phrases", prefix*, -excluded'
        ),
        OpenApiParameter("model", OpenApiTypes.STR, description="e.g. documents.document"),
        OpenApiParameter("limit", OpenApiTypes.INT),
        OpenApiParameter("offset", OpenApiTypes.INT),
        OpenApiParameter(
            "facet filters", OpenApiTypes.STR, description="any facet name as parameter, e.g. kind=letter"
        ),
    ],
    responses=inline_serializer(
        "SearchResult",
        {
            "query": serializers.CharField(),
            "total": serializers.IntegerField(),
            "total_capped": serializers.BooleanField(),
            "notes": serializers.ListField(child=serializers.CharField()),
            "facets": serializers.DictField(child=serializers.ListField()),
            "results": inline_serializer("SearchHit", HIT_FIELDS, many=True),
        },
    ),
)
@api_view(["GET"])
@permission_classes([AllowAny])
def search_api(request):
    """Full-text search over everything the caller may see (German stemming, umlaut folding)."""
    params = request.query_params
    if "q" not in params:  # required in the schema (an empty q lists everything by facets)
        return Response({"q": [serializers.Field.default_error_messages["required"]]}, status=400)
    filters = {name: params[name] for name in facet_labels() if params.get(name)}
    try:
        limit = int(params.get("limit", 20))
        offset = int(params.get("offset", 0))
    except ValueError:
        return Response({"detail": "limit and offset must be whole numbers."}, status=400)
    model = params.get("model")
    result = search(
        request.user,
        params.get("q", "")[:200],
        models=[model] if model else None,
        filters=filters,
        limit=limit,
        offset=offset,
    )
    return Response(
        {
            "query": result.query,
            "total": result.total,
            "total_capped": result.total_capped,
            "notes": [str(n) for n in result.notes],
            "facets": {
                name: [{"value": v, "count": c} for v, c in values] for name, values in result.facets.items()
            },
            "results": [
                {
                    "type": h.spec_key,
                    "id": h.object_id,
                    "title": h.title,
                    "url": h.url,
                    "snippet": h.snippet,
                    "score": h.score,
                }
                for h in result.hits
            ],
        }
    )


def register(router):
    pass


urlpatterns = [path("search/", search_api, name="search")]
