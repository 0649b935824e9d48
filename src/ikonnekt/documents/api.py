"""DMS API: documents (multipart upload), versions (download), files, filing plan, tags."""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ikonnekt.core.api import IsAuthenticatedForWrites, ShareableSerializer, ShareableViewSet
from ikonnekt.core.parsers import ObjectFormParser, ObjectJSONParser
from ikonnekt.core.sharing import get_visible_or_404
from ikonnekt.documents import actions, ingest
from ikonnekt.documents.models import Document, File, Subject, Tag, Version


class VersionSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = Version
        fields = [
            "id",
            "document",
            "number",
            "original_name",
            "mime_type",
            "size",
            "sha256",
            "comment",
            "created_at",
            "download",
        ]

    def get_download(self, obj) -> str:
        return f"/api/v1/versions/{obj.pk}/download/"


class DocumentSerializer(ShareableSerializer):
    versions = VersionSerializer(many=True, read_only=True)
    upload = serializers.FileField(
        write_only=True, required=False, help_text="The file (multipart) when creating a document"
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "owner",
            "visibility",
            "shared_with",
            "title",
            "kind",
            "correspondent",
            "document_date",
            "received_date",
            "file",
            "case",
            "tags",
            "metadata",
            "extraction",
            "page_count",
            "legal_hold",
            "deleted_at",
            "versions",
            "upload",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["extraction", "page_count", "deleted_at", "legal_hold"]
        extra_kwargs = {"title": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["file"].queryset = File.objects.visible_to(request.user)
            fields["tags"].child_relation.queryset = Tag.objects.visible_to(request.user)
        return fields


class DocumentViewSet(ShareableViewSet):
    """Documents the caller may see (not in the trash). ``POST`` multipart with ``upload``
    creates a document; ``DELETE`` moves it to the trash."""

    queryset = (
        Document.objects.active()
        .select_related("owner", "file")
        .prefetch_related("tags", "shared_with", "versions")
    )
    serializer_class = DocumentSerializer
    parser_classes = [parsers.MultiPartParser, ObjectFormParser, ObjectJSONParser]
    filterset_fields = ["kind", "file", "owner", "tags"]
    search_fields = ["title", "correspondent"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        uploaded = data.get("upload")
        if uploaded is None:
            raise serializers.ValidationError(
                {"upload": "Eine Datei ist erforderlich (multipart, Feld „upload“)."}
            )
        if uploaded.size > ingest.max_upload_bytes():
            raise serializers.ValidationError({"upload": "Die Datei ist größer als das Upload-Limit."})
        try:
            doc = actions.upload_document(
                self.actor(),
                owner_id=data["owner"].pk,
                name=uploaded.name,
                data=uploaded.read(),
                file=data.get("file"),
                case=data.get("case"),
                title=data.get("title", ""),
                kind=data.get("kind", "other"),
                correspondent=data.get("correspondent", ""),
                document_date=data.get("document_date"),
                received_date=data.get("received_date"),
                visibility=data.get("visibility"),
                shared_with=data.get("shared_with"),
                tags=data.get("tags", []),
                metadata=data.get("metadata"),
            )
        except actions.DuplicateDocument as exc:
            return Response(
                {"upload": exc.messages, "duplicate_of": exc.existing.pk}, status=status.HTTP_409_CONFLICT
            )
        except ingest.UploadRejected as exc:
            raise serializers.ValidationError({"upload": [str(exc)]}) from exc
        return Response(self.get_serializer(doc).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.validated_data.pop("upload", None)
        actions.update_document(self.actor(), serializer.instance, serializer.save)

    def perform_destroy(self, instance):
        actions.trash_document(self.actor(), instance)

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {
                    "upload": {"type": "string", "format": "binary"},
                    "comment": {"type": "string"},
                },
            }
        },
        responses=VersionSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[parsers.MultiPartParser])
    def versions(self, request, pk=None):
        """Upload a new version of the document."""
        document = self.get_object()
        uploaded = request.FILES.get("upload")
        if uploaded is None:
            raise serializers.ValidationError({"upload": "Eine Datei ist erforderlich."})
        try:
            version = actions.add_version(
                self.actor(), document, uploaded.name, uploaded.read(), request.data.get("comment", "")
            )
        except ingest.UploadRejected as exc:
            raise serializers.ValidationError({"upload": [str(exc)]}) from exc
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)


class VersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Versions of visible documents; ``download`` returns the stored file (audited)."""

    serializer_class = VersionSerializer
    permission_classes = [IsAuthenticatedForWrites]
    queryset = Version.objects.select_related("document")
    filterset_fields = ["document", "sha256"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    # the stored file with its own media type (PDF, image, office file …)
    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        version = get_visible_or_404(self.queryset, request.user, pk=pk)
        actions.record_download(actions.Actor.from_request(request), version, "api")
        return FileResponse(
            version.file.open("rb"),
            content_type=version.mime_type,
            as_attachment=True,
            filename=version.original_name,
        )


class FileSerializer(ShareableSerializer):
    class Meta:
        model = File
        fields = [
            "id",
            "owner",
            "visibility",
            "shared_with",
            "reference",
            "subject",
            "title",
            "description",
            "status",
            "responsible",
            "retention_rule",
            "closed_at",
            "legal_hold",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reference", "status", "closed_at", "legal_hold"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["subject"].queryset = Subject.objects.visible_to(request.user)
        return fields


class FileViewSet(ShareableViewSet):
    queryset = File.objects.select_related("owner", "subject").prefetch_related("shared_with")
    serializer_class = FileSerializer
    filterset_fields = ["status", "owner", "subject"]
    search_fields = ["reference", "title"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        shared = data.pop("shared_with", None)
        file = File(created_by=self.request.user, **data)
        serializer.instance = actions.create_file(self.actor(), file, shared)


class SubjectSerializer(ShareableSerializer):
    class Meta:
        model = Subject
        fields = [
            "id",
            "owner",
            "visibility",
            "code",
            "title",
            "parent",
            "retention_rule",
            "can_edit",
            "created_at",
            "updated_at",
        ]


class SubjectViewSet(ShareableViewSet):
    queryset = Subject.objects.select_related("owner")
    serializer_class = SubjectSerializer
    filterset_fields = ["owner", "parent"]


class TagSerializer(ShareableSerializer):
    class Meta:
        model = Tag
        fields = ["id", "owner", "visibility", "name", "colour", "can_edit", "created_at", "updated_at"]


class TagViewSet(ShareableViewSet):
    queryset = Tag.objects.select_related("owner")
    serializer_class = TagSerializer
    filterset_fields = ["owner"]


def register(router):
    router.register("documents", DocumentViewSet, basename="document")
    router.register("versions", VersionViewSet, basename="version")
    router.register("files", FileViewSet, basename="file")
    router.register("filing-plan", SubjectViewSet, basename="subject")
    router.register("tags", TagViewSet, basename="tag")
