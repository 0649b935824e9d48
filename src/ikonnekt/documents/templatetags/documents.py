"""``{% load documents %}{% linked_documents obj %}``: the documents attached to any object,
with a form to attach more (for users who may change ``obj``)."""

from django import template
from django.contrib.contenttypes.models import ContentType

from ikonnekt.documents.models import Document, DocumentLink

register = template.Library()


@register.inclusion_tag("documents/_linked_documents.html", takes_context=True)
def linked_documents(context, obj, limit=200):
    request = context["request"]
    user = request.user
    ct = ContentType.objects.get_for_model(type(obj))
    links = (
        DocumentLink.objects.visible_to(user)
        .filter(content_type=ct, object_id=str(obj.pk), document__deleted_at__isnull=True)
        .select_related("document")
        .only("id", "note", "document_id", "document__id", "document__title")  # what the list shows
    )
    can_attach = bool(getattr(obj, "can_edit", None) and obj.can_edit(user))
    choices = []
    if can_attach:
        linked_ids = [link.document_id for link in links]
        choices = (
            Document.objects.visible_to(user)
            .active()
            .exclude(pk__in=linked_ids)
            .order_by("-created_at")
            .only("id", "title")[:limit]
        )
    return {
        "links": links,
        "can_attach": can_attach,
        "choices": choices,
        "content_type": f"{ct.app_label}.{ct.model}",
        "object_id": obj.pk,
        "next": request.get_full_path(),
    }
