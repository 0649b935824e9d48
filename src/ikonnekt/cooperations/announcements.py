"""Announcement pages: generic shared-object views (list, detail, create, edit, delete)."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ikonnekt.cooperations.forms import AnnouncementForm
from ikonnekt.cooperations.models import Announcement
from ikonnekt.core import crud


class AnnouncementList(crud.SharedListView):
    model = Announcement
    template_name = "cooperations/announcement_list.html"


class AnnouncementDetail(crud.SharedDetailView):
    model = Announcement
    template_name = "cooperations/announcement_detail.html"


class AnnouncementCreate(crud.SharedCreateView):
    model = Announcement
    form_class = AnnouncementForm
    title = _("New announcement")


class AnnouncementUpdate(crud.SharedUpdateView):
    model = Announcement
    form_class = AnnouncementForm
    title = _("Edit announcement")


class AnnouncementDelete(crud.SharedDeleteView):
    model = Announcement
    success_url = reverse_lazy("cooperations:announcements")
