"""Working groups with members and meetings (agenda, attendance, decisions, action items, idea cards),
and the personal iCal feeds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild


class GroupKind(models.TextChoices):
    ARBEITSKREIS = "arbeitskreis", _("working group (Arbeitskreis)")
    PROJECT = "project", _("project group")
    NETWORK = "network", _("network")


class WorkingGroup(Shareable):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.PROTECT, related_name="+", verbose_name=_("cooperation")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("type"), max_length=15, choices=GroupKind.choices, default=GroupKind.ARBEITSKREIS
    )
    description = models.TextField(_("description"), blank=True)
    feed_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("administration:group_detail")(self.pk)


class GroupMember(SharedChild, models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    is_chair = models.BooleanField(_("chair"), default=False)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "group"

    class Meta:
        ordering = ["-is_chair", "organisation__name", "user__last_name"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="uniq_group_member")]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    VISION = "vision", _("vision workshop (Visionsworkshop)")


class Meeting(SharedChild, models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("type"), max_length=10, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    minutes = models.TextField(_("general minutes"), blank=True)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "group"

    class Meta:
        ordering = ["-start"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.start):%d.%m.%Y})"

    def get_absolute_url(self):
        return row_url("administration:meeting_detail")(self.pk)

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The meeting ends before it starts.")})


class MeetingChild(SharedChild):
    sharing_parent = "meeting"


class AgendaItem(MeetingChild, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("no."), default=1)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"{self.position}. {self.title}"


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("invited")
    PRESENT = "present", _("present")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")


class Attendance(MeetingChild, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "user__last_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="uniq_attendance")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return f"{self.user}: {self.get_status_display()}"


class Decision(MeetingChild, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decision"))

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", pgettext_lazy("action item", "done")


class ActionItem(MeetingChild, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("action item"), max_length=255)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible")
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.title

    def can_edit(self, user) -> bool:
        return self.meeting.can_edit(user) or (user.is_authenticated and user.pk == self.assignee_id)

    @property
    def is_overdue(self):
        return self.status != ActionStatus.DONE and self.due_on < timezone.localdate()


class IdeaCard(MeetingChild, models.Model):
    """A vision-workshop idea card; cards are grouped by a cluster label and voted on."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="ideas")
    text = models.CharField(_("idea"), max_length=500)
    cluster = models.CharField(_("group"), max_length=100, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["cluster", "id"]
        verbose_name = _("idea card")
        verbose_name_plural = _("idea cards")

    def __str__(self):
        return self.text[:80]


class IdeaVote(models.Model):
    card = models.ForeignKey(IdeaCard, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["card", "user"], name="uniq_idea_vote")]

    def __str__(self):
        return f"{self.user_id} → {self.card_id}"


class CalendarFeed(models.Model):
    """A personal iCal feed: only the SHA-256 of the secret token is stored."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"iCal {self.user}"
