"""Cooperations: organisations working together on one or more of the seed's six goals."""

from functools import cache

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import Role, Shareable, SharedObject, user_org_ids, user_roles


class GoalKey(models.TextChoices):
    """The six goals of inter-municipal cooperation named in the KONNEKT seed."""

    ADMINISTRATION = "administration", _("Joint administrative action")
    RESOURCES = "resources", _("Joint resource management")
    KNOWLEDGE = "knowledge", _("Knowledge management and exchange")
    DATA = "data", _("Sharing data")
    PLANNING = "planning", _("Joint planning")
    ECONOMY = "economy", _("Economic activity")


GOAL_COLOURS = {
    GoalKey.ADMINISTRATION: "#1f77b4",
    GoalKey.RESOURCES: "#2ca02c",
    GoalKey.KNOWLEDGE: "#9467bd",
    GoalKey.DATA: "#17becf",
    GoalKey.PLANNING: "#ff7f0e",
    GoalKey.ECONOMY: "#d62728",
}

GOAL_DESCRIPTIONS = {
    GoalKey.ADMINISTRATION: _("Transferring tasks, sharing staff, resources and capacities."),
    GoalKey.RESOURCES: _("Material-flow and energy management; joint recycling of municipal green waste."),
    GoalKey.KNOWLEDGE: _(
        "Sustainable residential and commercial areas; circular economy in planning decisions."
    ),
    GoalKey.DATA: _("A common digital platform and a shared document management system."),
    GoalKey.PLANNING: _("A long-term vision (Vision 2100), spatial planning and land management."),
    GoalKey.ECONOMY: _("A regional market closing goods, material and financial cycles."),
}


class Goal(models.Model):
    """One of the six goals (rows created by a data migration, so they can be filtered)."""

    key = models.CharField(max_length=20, choices=GoalKey.choices, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return str(self.get_key_display())

    @classmethod
    def ensure_defaults(cls):
        """The six goals exist (created by migration; re-created after a database flush)."""
        for order, key in enumerate(GoalKey.values, start=1):
            cls.objects.get_or_create(key=key, defaults={"order": order})

    @property
    def colour(self):
        return GOAL_COLOURS[self.key]

    @property
    def description(self):
        return GOAL_DESCRIPTIONS[self.key]


class CooperationForm(models.TextChoices):
    # hard (institutionalised) forms
    ZWECKVEREINBARUNG = "zweckvereinbarung", _("Zweckvereinbarung (task transfer agreement)")
    OEFFENTLICH_RECHTLICH = "oer_vereinbarung", _("Öffentlich-rechtliche Vereinbarung")
    ZWECKVERBAND = "zweckverband", _("Zweckverband (special-purpose association)")
    NUTZUNGSVEREINBARUNG = "nutzungsvereinbarung", _("Nutzungsvereinbarung (usage agreement)")
    VERTRAG = "vertrag", _("Privatrechtlicher Vertrag (contract)")
    # soft forms
    ARBEITSKREIS = "arbeitskreis", _("Arbeitskreis (working group)")
    NETZWERK = "netzwerk", _("Netzwerk (network)")
    VISIONSPROZESS = "visionsprozess", _("Visionsprozess (vision process)")
    BERATUNG = "beratung", _("Beratung (advice)")


HARD_FORMS = frozenset(
    {
        CooperationForm.ZWECKVEREINBARUNG,
        CooperationForm.OEFFENTLICH_RECHTLICH,
        CooperationForm.ZWECKVERBAND,
        CooperationForm.NUTZUNGSVEREINBARUNG,
        CooperationForm.VERTRAG,
    }
)


class CooperationStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ACTIVE = "active", _("active")
    ENDED = "ended", _("ended")


class Part(models.TextChoices):
    LEAD = "lead", _("lead")
    PARTNER = "partner", _("partner")
    SUPPORTER = "supporter", _("supporter")


class Cooperation(SharedObject):
    """Organisations cooperating on goals in a hard or soft form.

    Visibility ``cooperation`` means: visible to the members of the participating
    organisations. The owner is the lead organisation; its admins edit the cooperation.
    """

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    goals = models.ManyToManyField(Goal, related_name="cooperations", verbose_name=_("goals"))
    form = models.CharField(_("form"), max_length=30, choices=CooperationForm.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CooperationStatus.choices,
        default=CooperationStatus.PLANNED,
        db_index=True,
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    organisations = models.ManyToManyField(
        "organizations.Organisation",
        through="Participation",
        related_name="cooperations",
        verbose_name=_("participants"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("cooperations:detail")(self.pk)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end lies before the start.")})

    @property
    def visibility_label(self):
        if self.visibility == "cooperation":
            return _("Participants only")
        return None

    @property
    def is_hard(self):
        return self.form in HARD_FORMS

    @classmethod
    def cooperation_q(cls, coop_ids, prefix: str = "") -> Q:
        return Q(**{f"{prefix}pk__in": coop_ids})

    @classmethod
    def cooperation_sql(cls, pk: str, coop_ids) -> tuple[str, list] | None:
        return f"{pk} IN ({', '.join(['%s'] * len(coop_ids))})", list(coop_ids)

    @classmethod
    def visible_to_q(cls, user, prefix: str = "") -> Q:
        q = super().visible_to_q(user, prefix)
        org_ids = user_org_ids(user)
        if org_ids:
            # Participants always see their cooperation, whatever its status.
            # Written as SQL (table and column names from the model, the ids are parameters):
            # compiling it as a queryset cost more CPU than the rest of the page's lookup (#18).
            q |= Q(**{f"{prefix}pk__in": RawSQL(_participant_sql(len(org_ids)), tuple(sorted(org_ids)))})  # noqa: S611
        return q

    def can_edit(self, user) -> bool:
        """Admins of the lead organisation edit a cooperation."""
        return user_roles(user).get(self.owner_id) == Role.ADMIN

    def can_delete(self, user) -> bool:
        return self.can_edit(user)


@cache
def _participant_sql(count: int) -> str:
    """``SELECT cooperation FROM participation WHERE organisation IN (%s, …)``."""
    meta = Participation._meta
    quote = connection.ops.quote_name
    return "SELECT {} FROM {} WHERE {} IN ({})".format(  # noqa: S608 - names from the model, values are parameters
        quote(meta.get_field("cooperation").column),
        quote(meta.db_table),
        quote(meta.get_field("organisation").column),
        ", ".join(["%s"] * count),
    )


class Participation(models.Model):
    """An organisation's part in a cooperation."""

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="participations", verbose_name=_("cooperation")
    )
    organisation = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    part = models.CharField(_("part"), max_length=10, choices=Part.choices, default=Part.PARTNER)
    joined_on = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        ordering = ["cooperation", "part", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "organisation"], name="uniq_participation")
        ]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self):
        return f"{self.organisation} – {self.cooperation} ({self.get_part_display()})"

    def audit_owner_id(self):
        return self.cooperation.owner_id


class Announcement(Shareable):
    """A short notice an organisation shares with partners (e.g. a new contact person, a
    changed opening time of a collection point, an invitation to a workshop)."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Pinned notices stay on top."))
    valid_until = models.DateField(_("show until"), null=True, blank=True)

    class Meta:
        ordering = ["-pinned", "-created_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("cooperations:announcement_detail")(self.pk)
