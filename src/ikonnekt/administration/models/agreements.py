"""Agreements between the partners of a cooperation: parties, council decisions, status timeline and
task transfers."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.administration.models.common import MONEY, PERCENT
from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild, has_role, user_org_ids


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
        return row_url("administration:agreement_detail")(self.pk)

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


class AgreementParty(SharedChild, models.Model):
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


class CouncilDecision(SharedChild, models.Model):
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


class StatusChange(SharedChild, models.Model):
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


class TaskTransfer(SharedChild, models.Model):
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
