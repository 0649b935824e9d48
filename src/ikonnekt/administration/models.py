"""Joint administrative action: agreements, task transfers, shared positions and resources,
cost sharing with annual settlements, working groups with meetings, advice requests.

Top-level objects (agreements, positions, resources, working groups, advice requests) follow the
sharing rule; everything below them inherits the parent's visibility (``sharing_parent``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild, has_role, user_org_ids

MONEY = {"max_digits": 12, "decimal_places": 2}
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class ChildMixin(SharedChild):
    """Children inherit reading and writing from their ``sharing_parent`` (``core.sharing.SharedChild``)."""


# --- agreements ---------------------------------------------------------------------------------


class AgreementKind(models.TextChoices):
    """Forms of the state laws on municipal cooperation (Saarland: § 1 KGG) and simpler contracts.

    The codes keep their historic names; the labels follow the Saarland KGG (§ 17 Abs. 1: a party
    takes a task over into its own responsibility = delegating, or performs it for the others =
    mandating). ``administration.kgg`` names each state's own word for the form."""

    ZWECKVEREINBARUNG_DELEGATING = (
        "zv_delegating",
        _("public-law agreement, delegating (the task is taken over)"),
    )
    ZWECKVEREINBARUNG_MANDATING = (
        "zv_mandating",
        _("public-law agreement, mandating (the task is performed for the others)"),
    )
    ZWECKVERBAND = "zweckverband", _("special-purpose association (Zweckverband) statute")
    ARBEITSGEMEINSCHAFT = "arbeitsgemeinschaft", _("municipal working group (Arbeitsgemeinschaft)")
    NUTZUNG = "nutzungsvereinbarung", _("Nutzungsvereinbarung (usage agreement)")
    VERTRAG = "vertrag", _("Private-law contract")
    ABSICHT = "absichtserklaerung", _("Absichtserklärung (letter of intent)")


class TaskField(models.TextChoices):
    BAUHOF = "bauhof", _("Building yard (Bauhof)")
    GRUENGUT = "gruengut", _("Green waste")
    ENERGIE = "energie", _("Energy management / climate protection")
    IT = "it", _("IT")
    STANDESAMT = "standesamt", _("Registry office")
    VERGABE = "vergabe", _("Procurement")
    PERSONAL = "personal", _("Human resources")
    FINANZEN = "finanzen", _("Finance")
    OTHER = "other", _("Other")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    NEGOTIATION = "negotiation", _("in negotiation")
    COUNCIL = "council", _("council decisions")
    SIGNED = "signed", _("signed")
    APPROVED = "approved", _("approved by the supervisory authority")
    SUPERVISORY = "supervisory", _("notified to the supervisory authority")
    PUBLISHED = "published", pgettext_lazy("agreement status", "published")
    IN_FORCE = "in_force", _("in force")
    NOTICE_GIVEN = "notice_given", _("notice given")
    ENDED = "ended", _("ended")


class PartyRole(models.TextChoices):
    """One role per party; each label names one side only (never "abgebend/übernehmend")."""

    DELEGATING = "delegating", _("delegating municipality (hands the task over)")
    TAKING_OVER = "taking_over", _("taking-over municipality (takes the task over)")
    MANDATING = "mandating", _("mandating municipality (commissions the task)")
    MANDATED = "mandated", _("mandated municipality (performs the task)")
    MEMBER = "member", _("association member")
    EQUAL = "equal", _("equal partner")


class VatStatus(models.TextChoices):
    UNCLASSIFIED = "unclassified", _("not yet classified")
    NOT_TAXABLE = "not_taxable", _("not taxable (§ 2b Abs. 3 Nr. 2 UStG)")
    TAXABLE = "taxable", _("taxable")


class Agreement(Shareable):
    """An agreement between the partners of a cooperation (KGG forms and simpler contracts)."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("cooperation"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=AgreementKind.choices)
    subject = models.TextField(_("subject"), blank=True)
    task_field = models.CharField(_("task field"), max_length=20, choices=TaskField.choices)
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, blank=True, help_text=_("e.g. §§ 17 ff. KGG Saarland")
    )
    status = models.CharField(
        _("status"), max_length=15, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    approved_on = models.DateField(_("approved by the supervisory authority on"), null=True, blank=True)
    approval_reference = models.CharField(_("reference of the approval"), max_length=120, blank=True)
    supervisory_notice_on = models.DateField(
        _("notified to the supervisory authority on"), null=True, blank=True
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    publication_reference = models.CharField(
        _("where published"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Amtsblatt des Saarlandes, Teil I, S. 123"),
    )
    effective_from_agreed = models.DateField(
        _("takes effect on (date named in the agreement)"),
        null=True,
        blank=True,
        help_text=_(
            "Only if the agreement names a date; otherwise it takes effect on the day after publication "
            "(§ 18 Abs. 2 KGG)."
        ),
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True, editable=False)
    termination_right = models.BooleanField(
        _("ordinary termination right agreed"),
        default=False,
        help_text=_("Required for terms over ten years or open-ended terms (§ 17 Abs. 3 KGG)."),
    )
    term_end = models.DateField(_("end of term"), null=True, blank=True)
    renewal_months = models.PositiveSmallIntegerField(
        _("automatic renewal (months)"),
        default=0,
        help_text=_(
            "0 = no automatic renewal; otherwise the term extends by this many months unless notice is given."
        ),
    )
    notice_period_months = models.PositiveSmallIntegerField(_("notice period (months)"), default=0)
    reminder_days = models.CharField(
        _("remind days before a deadline"),
        max_length=60,
        default="90,30,7",
        help_text=_("Comma-separated numbers of days, e.g. 90,30,7"),
    )
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    grant_programme = models.CharField(_("grant programme"), max_length=200, blank=True)
    grant_amount = models.DecimalField(_("grant amount (EUR)"), null=True, blank=True, **MONEY)
    grant_from = models.DateField(_("grant period from"), null=True, blank=True)
    grant_until = models.DateField(_("grant period until"), null=True, blank=True)
    expected_savings = models.DecimalField(
        _("expected savings per year (EUR)"), null=True, blank=True, **MONEY
    )
    document_url = models.URLField(_("document link (DMS)"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="administration/agreements/%Y/", blank=True)
    # VAT under § 2b UStG (administration.vat): classification, checklist of § 2b Abs. 3 Nr. 2, reasoning.
    vat_status = models.CharField(
        _("VAT classification (§ 2b UStG)"),
        max_length=15,
        choices=VatStatus.choices,
        default=VatStatus.UNCLASSIFIED,
    )
    vat_long_term = models.BooleanField(_("long-term public-law agreement"), default=False)
    vat_public_task = models.BooleanField(
        _("serves the public infrastructure and a public task incumbent on all parties"), default=False
    )
    vat_cost_reimbursement = models.BooleanField(_("paid only by reimbursement of costs"), default=False)
    vat_public_bodies = models.BooleanField(
        _("similar services provided essentially to public-law bodies"), default=False
    )
    vat_reasoning = models.TextField(_("reasoning of the VAT classification"), blank=True)
    vat_rate_percent = models.DecimalField(
        _("VAT rate (%)"), max_digits=5, decimal_places=2, default=Decimal("19.00"), validators=PERCENT
    )
    vat_assessed_on = models.DateField(_("classified on"), null=True, blank=True)
    vat_assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("classified by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("administration:agreement_detail", args=[self.pk])

    def clean(self):
        errors = {}
        start = self.effective_from_agreed or self.valid_from
        if start and self.term_end and self.term_end < start:
            errors["term_end"] = _("The end of term lies before the start.")
        if self.grant_from and self.grant_until and self.grant_until < self.grant_from:
            errors["grant_until"] = _("The grant period ends before it starts.")
        try:
            self.reminder_day_list()
        except ValueError:
            errors["reminder_days"] = _("Enter whole numbers of days separated by commas, e.g. 90,30,7.")
        if errors:
            raise ValidationError(errors)

    def reminder_day_list(self) -> list[int]:
        days = [int(p) for p in self.reminder_days.replace(";", ",").split(",") if p.strip()]
        if any(d < 0 or d > 730 for d in days):
            raise ValueError("reminder days out of range")
        return sorted(set(days), reverse=True)

    def judgement(self):
        """What the state law(s) of the parties require (``administration.kgg``)."""
        from ikonnekt.administration.kgg import judge

        return judge(self)

    def is_party(self, user) -> bool:
        party_ids = {p.organisation_id for p in self.parties.all()}
        return bool(party_ids & user_org_ids(user))


class AgreementParty(ChildMixin, models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=12, choices=PartyRole.choices, default=PartyRole.EQUAL)
    fixed_share_percent = models.DecimalField(
        _("fixed cost share (%)"), max_digits=6, decimal_places=3, null=True, blank=True, validators=PERCENT
    )
    council_decision_required = models.BooleanField(_("council decision required"), default=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["agreement", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="uniq_agreement_party")
        ]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class CouncilDecision(ChildMixin, models.Model):
    """A party's council (or committee) decision on the agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="council_decisions")
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    body = models.CharField(_("body"), max_length=120, default="Gemeinderat")
    decided_on = models.DateField(_("date of decision"))
    resolution_number = models.CharField(_("resolution number"), max_length=60)
    approved = models.BooleanField(_("approved"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")

    def __str__(self):
        return f"{self.organisation}: {self.body} {self.decided_on} ({self.resolution_number})"

    def can_edit(self, user) -> bool:
        # The agreement's owner or the party itself records the decision.
        return self.agreement.can_edit(user) or has_role(user, self.organisation_id)

    can_delete = can_edit


class StatusChange(ChildMixin, models.Model):
    """Timeline of an agreement's status (also in the audit log)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=15, choices=AgreementStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=15, choices=AgreementStatus.choices)
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class TaskTransfer(ChildMixin, models.Model):
    """A task moving from one municipality to another under an agreement, with key figures."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="task_transfers")
    task = models.CharField(_("task"), max_length=200)
    from_organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    since = models.DateField(_("since"))
    cases_per_year = models.PositiveIntegerField(_("cases per year"), null=True, blank=True)
    staff_hours_per_year = models.DecimalField(
        _("staff hours per year"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    staff_hours_saved_per_year = models.DecimalField(
        _("staff hours saved per year"), max_digits=9, decimal_places=1, null=True, blank=True
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["since", "task"]
        verbose_name = _("task transfer")
        verbose_name_plural = _("task transfers")

    def __str__(self):
        return f"{self.task}: {self.from_organisation} → {self.to_organisation}"

    def clean(self):
        if self.from_organisation_id and self.from_organisation_id == self.to_organisation_id:
            raise ValidationError({"to_organisation": _("A task moves between two different organisations.")})


# --- shared positions -----------------------------------------------------------------------------


class SharedPosition(Shareable):
    """A position shared by several partners (e.g. a climate manager for two municipalities)."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.PROTECT, related_name="+", verbose_name=_("cooperation")
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("title"), max_length=200)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("holder"),
    )
    fte = models.DecimalField(
        _("full-time equivalent"), max_digits=4, decimal_places=2, default=Decimal("1.00")
    )
    annual_personnel_costs = models.DecimalField(_("personnel costs per year (EUR)"), **MONEY, default=0)
    overhead_rate_percent = models.DecimalField(
        _("overhead rate (%)"), max_digits=5, decimal_places=2, default=Decimal("20"), validators=PERCENT
    )
    start_date = models.DateField(_("since"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("shared position")
        verbose_name_plural = _("shared positions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("administration:position_detail", args=[self.pk])


class PositionShare(ChildMixin, models.Model):
    position = models.ForeignKey(SharedPosition, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    planned_percent = models.DecimalField(
        _("planned time share (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "position"

    class Meta:
        ordering = ["position", "-planned_percent"]
        constraints = [
            models.UniqueConstraint(fields=["position", "organisation"], name="uniq_position_share")
        ]
        verbose_name = _("time share")
        verbose_name_plural = _("time shares")

    def __str__(self):
        return f"{self.organisation}: {self.planned_percent} %"


class TimeRecord(ChildMixin, models.Model):
    """Hours the position holder worked for one partner on one day."""

    position = models.ForeignKey(SharedPosition, on_delete=models.CASCADE, related_name="time_records")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("worked for")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("24"))],
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "position"

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["position", "date"])]
        verbose_name = _("time record")
        verbose_name_plural = _("time records")

    def __str__(self):
        return f"{self.date} {self.person} {self.hours} h ({self.organisation})"


# --- shared resources ------------------------------------------------------------------------------


class ResourceKind(models.TextChoices):
    MACHINE = "machine", _("machine")
    VEHICLE = "vehicle", _("vehicle")
    EQUIPMENT = "equipment", _("equipment")
    ROOM = "room", _("room")


class UsageUnit(models.TextChoices):
    HOURS = "h", _("hours")
    KM = "km", _("kilometres")
    TONNES = "t", _("tonnes")


class SharedResource(Shareable):
    """Equipment, vehicle, room or machine the partners of a cooperation book and use."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.PROTECT, related_name="+", verbose_name=_("cooperation")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=ResourceKind.choices)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    usage_unit = models.CharField(
        _("usage unit"), max_length=3, choices=UsageUnit.choices, default=UsageUnit.HOURS
    )
    cost_rate = models.DecimalField(_("cost rate per unit (EUR)"), max_digits=9, decimal_places=2, default=0)
    requires_approval = models.BooleanField(_("bookings need approval"), default=False)
    available_from = models.TimeField(_("bookable from (time of day)"), default="07:00")
    available_until = models.TimeField(_("bookable until (time of day)"), default="18:00")
    weekdays_only = models.BooleanField(_("working days only (Mon–Fri)"), default=True)
    min_hours = models.DecimalField(_("shortest booking (hours)"), max_digits=5, decimal_places=2, default=1)
    max_hours = models.DecimalField(_("longest booking (hours)"), max_digits=6, decimal_places=2, default=10)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("administration:resource_detail", args=[self.pk])

    def clean(self):
        if self.available_until and self.available_from and self.available_until <= self.available_from:
            raise ValidationError({"available_until": _("The bookable time ends before it starts.")})
        if self.min_hours and self.max_hours and self.max_hours < self.min_hours:
            raise ValidationError({"max_hours": _("The longest booking is shorter than the shortest.")})

    def can_book(self, user) -> bool:
        """Members (editor/admin) of the owner or of a partner in the resource's cooperation."""
        return bool(self.booking_organisation_ids(user))

    def booking_organisation_ids(self, user) -> set[int]:
        from ikonnekt.cooperations.models import Participation
        from ikonnekt.core.sharing import orgs_with_role

        editable = orgs_with_role(user)
        partners = set(
            Participation.objects.filter(cooperation_id=self.cooperation_id).values_list(
                "organisation_id", flat=True
            )
        )
        partners.add(self.owner_id)
        return set(editable) & partners


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_BOOKING = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


class Booking(ChildMixin, models.Model):
    resource = models.ForeignKey(SharedResource, on_delete=models.CASCADE, related_name="bookings")
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("for")
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    purpose = models.CharField(_("purpose"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "resource"

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["resource", "start", "end"])]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self):
        return f"{self.resource}: {timezone.localtime(self.start):%d.%m.%Y %H:%M}–{timezone.localtime(self.end):%H:%M}"

    def can_edit(self, user) -> bool:
        """The resource owner's editors and the booking organisation's editors."""
        return self.resource.can_edit(user) or has_role(user, self.organisation_id)

    can_delete = can_edit


class UsageRecord(ChildMixin, models.Model):
    resource = models.ForeignKey(SharedResource, on_delete=models.CASCADE, related_name="usage_records")
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("used by")
    )
    date = models.DateField(_("date"))
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    booking = models.ForeignKey(Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "resource"

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["resource", "date"])]
        verbose_name = _("usage record")
        verbose_name_plural = _("usage records")

    def __str__(self):
        return f"{self.date} {self.organisation}: {self.quantity} {self.resource.usage_unit}"

    def can_edit(self, user) -> bool:
        return self.resource.can_edit(user) or has_role(user, self.organisation_id)

    can_delete = can_edit


# --- cost sharing -------------------------------------------------------------------------------


class CostKey(ChildMixin, models.Model):
    """How a cost item is split: weighted components (e.g. 30 % equal base + 70 % usage)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="cost_keys")
    name = models.CharField(_("name"), max_length=120)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["name"]
        verbose_name = _("cost key")
        verbose_name_plural = _("cost keys")

    def __str__(self):
        return self.name


class KeyBasis(models.TextChoices):
    EQUAL = "equal", _("equal shares (base)")
    FIXED = "fixed", _("fixed shares of the parties")
    INHABITANTS = "inhabitants", _("inhabitants on a reference date")
    RESOURCE_USAGE = (
        "resource_usage",
        _("usage of a resource (recorded usage, else hours of confirmed bookings)"),
    )
    RESOURCE_BOOKINGS = "resource_bookings", _("number of bookings of a resource")
    POSITION_HOURS = "position_hours", _("hours worked in a shared position")


class CostKeyComponent(ChildMixin, models.Model):
    cost_key = models.ForeignKey(CostKey, on_delete=models.CASCADE, related_name="components")
    basis = models.CharField(_("basis"), max_length=20, choices=KeyBasis.choices)
    weight_percent = models.DecimalField(_("weight (%)"), max_digits=6, decimal_places=3, validators=PERCENT)
    reference_date = models.DateField(_("reference date"), null=True, blank=True)
    resource = models.ForeignKey(
        SharedResource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resource"),
    )
    position = models.ForeignKey(
        SharedPosition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("staff position", "position"),
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "cost_key"

    class Meta:
        ordering = ["cost_key", "id"]
        verbose_name = _("cost key component")
        verbose_name_plural = _("cost key components")

    def __str__(self):
        return f"{self.weight_percent} % {self.get_basis_display()}"

    def clean(self):
        if self.basis == KeyBasis.INHABITANTS and not self.reference_date:
            raise ValidationError({"reference_date": _("Inhabitants need a reference date.")})
        if self.basis in (KeyBasis.RESOURCE_USAGE, KeyBasis.RESOURCE_BOOKINGS) and not self.resource_id:
            raise ValidationError({"resource": _("Choose the resource whose usage is counted.")})
        if self.basis == KeyBasis.POSITION_HOURS and not self.position_id:
            raise ValidationError({"position": _("Choose the position whose hours are counted.")})


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", _("personnel")
    MATERIAL = "material", pgettext_lazy("cost category", "material")
    DEPRECIATION = "depreciation", _("depreciation")
    OVERHEAD = "overhead", _("overhead")
    OTHER = "other", _("other")


class CostItem(ChildMixin, models.Model):
    """A cost of one year under an agreement. Overhead items may be a rate of the direct costs."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="cost_items")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    category = models.CharField(_("category"), max_length=15, choices=CostCategory.choices)
    label = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (EUR)"), **MONEY, default=0)
    overhead_rate_percent = models.DecimalField(
        _("overhead rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_(
            "Only for overhead: a percentage of the year's personnel and material costs instead of an amount."
        ),
    )
    cost_key = models.ForeignKey(
        CostKey, on_delete=models.RESTRICT, related_name="items", verbose_name=_("cost key")
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["year", "category", "id"]
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")

    def __str__(self):
        return f"{self.year} {self.label}"

    def clean(self):
        if self.overhead_rate_percent is not None and self.category != CostCategory.OVERHEAD:
            raise ValidationError({"overhead_rate_percent": _("A rate is only allowed for overhead items.")})


class AdvancePayment(ChildMixin, models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="advance_payments")
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("advance payments (EUR)"), **MONEY)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation", "year"], name="uniq_advance")
        ]
        verbose_name = _("advance payment")
        verbose_name_plural = _("advance payments")

    def __str__(self):
        return f"{self.year} {self.organisation}: {self.amount}"


class Settlement(ChildMixin, models.Model):
    """An issued annual settlement. Inputs and results are frozen; a correction is a new version."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="settlements")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    reason = models.CharField(_("reason for correction"), max_length=255, blank=True)
    inputs = models.JSONField(_("frozen inputs"))
    result = models.JSONField(_("result"))
    total = models.DecimalField(_("total costs (EUR)"), **MONEY)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["agreement", "year", "version"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year", "version"], name="uniq_settlement_version")
        ]
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")

    def __str__(self):
        return f"{self.agreement} {self.year} v{self.version}"

    def get_absolute_url(self):
        return reverse("administration:settlement_detail", args=[self.pk])

    def can_delete(self, user) -> bool:
        return False  # issued settlements are never deleted, only corrected

    @property
    def is_current(self):
        return not hasattr(self, "correction") or self.correction is None


class ReminderLog(models.Model):
    """Which reminder went out, so the daily run sends each one once."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self):
        return self.key


# --- working groups, meetings --------------------------------------------------------------------


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
        return reverse("administration:group_detail", args=[self.pk])


class GroupMember(ChildMixin, models.Model):
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


class Meeting(ChildMixin, models.Model):
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
        return reverse("administration:meeting_detail", args=[self.pk])

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The meeting ends before it starts.")})


class MeetingChild(ChildMixin):
    sharing_parent = "meeting"

    def audit_owner_id(self):
        return self.meeting.group.owner_id


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


# --- networking and advice -------------------------------------------------------------------------


class AdviceRequest(Shareable):
    """“Who has done X?” – a question to the partners."""

    topic = models.CharField(_("topic"), max_length=120)
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    is_closed = models.BooleanField(_("answered / closed"), default=False)

    class Meta:
        ordering = ["is_closed", "-created_at"]
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("administration:advice_detail", args=[self.pk])


class AdviceAnswer(ChildMixin, models.Model):
    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("answer"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "request"

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return self.text[:80]

    def audit_owner_id(self):
        return self.request.owner_id


class CalendarFeed(models.Model):
    """A personal iCal feed: only the SHA-256 of the secret token is stored."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"iCal {self.user}"
