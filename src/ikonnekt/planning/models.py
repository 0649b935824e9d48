"""Joint planning: Vision 2100, goals → targets → indicators, land management, decision check.

Shared objects follow the one sharing rule (``Shareable``); indicator values, questions and
answers inherit their parent's visibility. Owner records of sites (personal data) are never
shared: only members of the site's owner organisation reach them (see ``SiteOwner``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild, has_role, user_org_ids
from ikonnekt.reference.sdg import sdg_title, target_title

# --- SDG reference data -----------------------------------------------------------------------


class SDG(models.Model):
    """One of the 17 Sustainable Development Goals: a row to link to (shipped by a data migration);
    titles, colours and the targets' wording come from the one SDG reference, ``reference.sdg``."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self):
        return f"SDG {self.number} {sdg_title(self.number)}"


class SDGTarget(models.Model):
    """One of the 169 SDG targets (e.g. 11.3, 12.a), with the source of the reference list."""

    sdg = models.ForeignKey(SDG, on_delete=models.CASCADE, related_name="targets", verbose_name=_("SDG"))
    code = models.CharField(_("code"), max_length=6, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("short title"), max_length=255, blank=True)
    source = models.URLField(_("source"), max_length=300)

    class Meta:
        ordering = ["sdg__number", "order"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    @property
    def wording(self) -> str:
        """The official wording in the reader's language (German, else English)."""
        return target_title(self.code)


# --- Vision 2100 --------------------------------------------------------------------------------


class Horizon(models.IntegerChoices):
    Y2030 = 2030, "2030"
    Y2050 = 2050, "2050"
    Y2100 = 2100, "2100"


class Megatrend(Shareable):
    """A megatrend analysed in the vision process (e.g. demographic change, climate change)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sources = models.TextField(_("sources"), blank=True, help_text=_("One source per line."))
    relevance = models.PositiveSmallIntegerField(
        _("relevance for the owner"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = low … 5 = very high"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-relevance", "title"]
        verbose_name = _("megatrend")
        verbose_name_plural = _("megatrends")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("planning:megatrend_detail")(self.pk)


class MegatrendRelevance(SharedChild, models.Model):
    """How strongly a megatrend affects one municipality (rated by that municipality)."""

    megatrend = models.ForeignKey(
        Megatrend, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("megatrend")
    )
    municipality = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    relevance = models.PositiveSmallIntegerField(
        _("relevance"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = low … 5 = very high"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "megatrend"

    class Meta:
        ordering = ["megatrend", "-relevance", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["megatrend", "municipality"], name="planning_uniq_megatrend_rating"
            )
        ]
        verbose_name = _("relevance for a municipality")
        verbose_name_plural = _("relevance for municipalities")

    def __str__(self):
        return f"{self.megatrend} · {self.municipality}: {self.relevance}"


def vision_image_path(instance, filename):
    return f"planning/visions/{filename}"


class Vision(Shareable):
    """A picture of the future for one horizon, drawn or written in a vision workshop."""

    title = models.CharField(_("title"), max_length=200)
    horizon = models.PositiveSmallIntegerField(_("horizon"), choices=Horizon.choices, db_index=True)
    text = models.TextField(_("description"), blank=True)
    author_group = models.CharField(
        _("author group"), max_length=120, blank=True, help_text=_("e.g. youth workshop, municipal council")
    )
    workshop = models.CharField(_("workshop"), max_length=200, blank=True)
    workshop_date = models.DateField(_("workshop date"), null=True, blank=True)
    workshop_url = models.CharField(
        _("link to the meeting"),
        max_length=300,
        blank=True,
        help_text=_("Link to the working-group meeting in the cooperation module, where it exists."),
    )
    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vision process"),
    )
    image = models.ImageField(_("image"), upload_to=vision_image_path, blank=True)
    megatrends = models.ManyToManyField(
        Megatrend, blank=True, related_name="visions", verbose_name=_("megatrends")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["horizon", "title"]
        verbose_name = _("vision")
        verbose_name_plural = _("visions")

    def __str__(self):
        return f"{self.title} ({self.horizon})"

    def get_absolute_url(self):
        return row_url("planning:vision_detail")(self.pk)


# --- Goals → targets → indicators --------------------------------------------------------------


class NodeKind(models.TextChoices):
    GOAL = "goal", _("Goal")
    TARGET = "target", _("Sub-target")


class Rollup(models.TextChoices):
    AVERAGE = "average", _("Average of the children")
    WEIGHTED = "weighted", _("Weighted by the children's weights")


class Direction(models.TextChoices):
    INCREASE = "increase", _("higher is better")
    DECREASE = "decrease", _("lower is better")


class GoalNode(Shareable):
    """A goal or a target in the goal tree. Targets carry the indicator definition.

    Progress is computed (``planning.progress``): leaves from their indicator series or
    their measures, parents from their children (average or weighted, chosen per node).
    """

    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NodeKind.choices, default=NodeKind.GOAL)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    vision = models.ForeignKey(
        Vision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("vision"),
    )
    rollup = models.CharField(
        _("progress roll-up"), max_length=10, choices=Rollup.choices, default=Rollup.AVERAGE
    )
    weight = models.FloatField(
        _("weight"),
        default=1.0,
        validators=[MinValueValidator(0)],
        help_text=_("Used when the parent is weighted."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # indicator (targets)
    indicator = models.CharField(_("indicator"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    sdg_targets = models.ManyToManyField(
        SDGTarget, blank=True, related_name="+", verbose_name=_("SDG targets")
    )
    responsible = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    feed = models.ForeignKey(
        "indicators.IndicatorSeries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planning_targets",
        verbose_name=_("indicator feed"),
        help_text=_("The reference series follows this computed series instead of typed values."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("goal or target")
        verbose_name_plural = _("goals and targets")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("planning:node_detail")(self.pk)

    @property
    def has_indicator(self):
        return bool(self.indicator) and self.baseline_value is not None and self.target_value is not None

    def clean(self):
        errors = {}
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            errors["target_year"] = _("The target year lies before the baseline year.")
        if self.indicator and (self.baseline_value is None or self.target_value is None):
            errors["target_value"] = _("An indicator needs a baseline value and a target value.")
        if (
            self.baseline_value is not None
            and self.target_value is not None
            and self.baseline_value != self.target_value
        ):
            rising = self.target_value > self.baseline_value
            if rising != (self.direction == Direction.INCREASE):
                errors["direction"] = _("The desired direction contradicts baseline and target value.")
        if self.parent_id:
            if self.pk and self.parent_id == self.pk:
                errors["parent"] = _("A goal cannot be its own parent.")
            else:
                seen = {self.pk} if self.pk else set()
                node = self.parent
                while node is not None:
                    if node.pk in seen:
                        errors["parent"] = _("This parent would make the goal tree cyclic.")
                        break
                    seen.add(node.pk)
                    node = node.parent
        if errors:
            raise ValidationError(errors)


class IndicatorValue(SharedChild, models.Model):
    """One value of a target's indicator for one municipality and year (SDG-Portal style series)."""

    node = models.ForeignKey(
        GoalNode, on_delete=models.CASCADE, related_name="values", verbose_name=_("target")
    )
    municipality = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "node"

    class Meta:
        ordering = ["node", "municipality", "year"]
        constraints = [
            models.UniqueConstraint(fields=["node", "municipality", "year"], name="planning_uniq_value_year")
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self):
        return f"{self.node} · {self.municipality} · {self.year}: {self.value}"

    @staticmethod
    def can_write(user, node, municipality_id) -> bool:
        """The target's editors, and editors of the municipality for their own series."""
        return node.can_edit(user) or has_role(user, municipality_id)


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("in progress")
    DONE = "done", _("completed")
    PAUSED = "paused", _("paused")
    DROPPED = "dropped", _("dropped")


class Measure(Shareable):
    """A measure serving a target, with status and progress (Decidim accountability style)."""

    target = models.ForeignKey(
        GoalNode, on_delete=models.CASCADE, related_name="measures", verbose_name=_("target")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cooperation"),
    )
    catalogue_measure = models.CharField(
        _("criteria-catalogue measure"),
        max_length=200,
        blank=True,
        help_text=_("Reference to the criteria catalogue."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["target", "title"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("planning:measure_detail")(self.pk)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end lies before the start.")})
        if self.status == MeasureStatus.DONE and self.progress != 100:
            self.progress = 100


# --- Land management ------------------------------------------------------------------------------


class SiteCategory(models.TextChoices):
    GAP = "gap", _("Vacant plot (Baulücke)")
    BROWNFIELD = "brownfield", _("Brownfield (Brachfläche)")
    VACANT = "vacant", _("Vacant building (Leerstand)")
    UNDERUSED = "underused", _("Underused plot")
    FARMSTEAD = "farmstead", _("Former farmstead")
    COMMERCIAL = "commercial", _("Commercial reserve")
    PLANNED = "planned", _("Planned area")


HOUSING_CATEGORIES = (
    SiteCategory.GAP,
    SiteCategory.BROWNFIELD,
    SiteCategory.VACANT,
    SiteCategory.UNDERUSED,
    SiteCategory.FARMSTEAD,
    SiteCategory.PLANNED,
)


class PlanningLaw(models.TextChoices):
    FNP = "fnp", _("Land-use plan only (FNP)")
    BPLAN = "bplan", _("Development plan (Bebauungsplan)")
    S34 = "s34", _("Built-up area (§ 34 BauGB)")
    S35 = "s35", _("Outer area (§ 35 BauGB)")
    NONE = "none", _("unknown")


class Availability(models.TextChoices):
    NOW = "now", _("immediately")
    SHORT = "short", _("within 2 years")
    MEDIUM = "medium", _("in 2–5 years")
    LONG = "long", _("in more than 5 years")
    UNKNOWN = "unknown", _("unknown")


class Obstacle(models.TextChoices):
    OWNER = "owner", _("owner not willing")
    HEIRS = "heirs", _("community of heirs")
    PRICE = "price", _("price expectations")
    ACCESS = "access", _("no access / development")
    CONTAMINATION = "contamination", _("contamination")
    CUT = "cut", _("unfavourable plot cut")
    NOISE = "noise", _("noise / emissions")
    PROTECTION = "protection", _("monument or nature protection")
    RESERVE = "reserve", _("kept as reserve for family")


class Site(Shareable):
    """A potential site of inner development or a commercial reserve (FMD/Raum+ style)."""

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=12, choices=SiteCategory.choices, db_index=True)
    geometry = models.JSONField(_("geometry (GeoJSON, WGS84)"))
    area_m2 = models.FloatField(_("area (m²)"), default=0)
    centroid_lat = models.FloatField(_("latitude"), default=0, db_index=True)
    centroid_lon = models.FloatField(_("longitude"), default=0, db_index=True)
    parcel = models.CharField(
        _("parcel reference"), max_length=120, blank=True, help_text=_("Gemarkung, Flur, Flurstück")
    )
    address = models.CharField(_("location"), max_length=200, blank=True)
    planning_law = models.CharField(
        _("planning-law status"), max_length=6, choices=PlanningLaw.choices, default=PlanningLaw.NONE
    )
    availability = models.CharField(
        _("availability"), max_length=8, choices=Availability.choices, default=Availability.UNKNOWN
    )
    obstacles = models.JSONField(_("mobilisation obstacles"), default=list, blank=True)
    contamination_suspected = models.BooleanField(_("contamination suspected"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    documents = models.TextField(_("linked documents"), blank=True, help_text=_("One link per line."))
    assessment_url = models.CharField(_("area assessment (criteria catalogue)"), max_length=300, blank=True)
    in_exchange = models.BooleanField(
        _("offer in the site exchange"), default=False, help_text=_("Listed without any personal data.")
    )
    in_commercial_pool = models.BooleanField(_("offered to the commercial-area pool"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["owner", "name"]
        indexes = [models.Index(fields=["centroid_lat", "centroid_lon"], name="planning_site_centroid")]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("planning:site_detail")(self.pk)

    @property
    def area_ha(self):
        return self.area_m2 / 10000

    def obstacle_labels(self):
        labels = dict(Obstacle.choices)
        return [labels.get(o, o) for o in self.obstacles or []]


class OwnerAnswer(models.TextChoices):
    SELL = "sell", _("willing to sell")
    BUILD = "build", _("willing to build")
    CONDITIONAL = "conditional", _("willing under conditions")
    NOT = "not", _("not willing")
    NONE = "none", _("no answer")


class SiteOwnerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Personal data: members of the site's owner organisation only, whatever the site's
        visibility (cooperation or platform sharing never reaches owner records)."""
        return self.filter(site__owner_id__in=sorted(user_org_ids(user)))


class SiteOwner(models.Model):
    """An owner of a site and the contact history (personal data, never shared)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="owners", verbose_name=_("site"))
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_note = models.CharField(_("legal basis / consent"), max_length=255, blank=True)
    letter_sent_on = models.DateField(_("letter sent on"), null=True, blank=True)
    answer = models.CharField(
        _("answer"), max_length=12, choices=OwnerAnswer.choices, default=OwnerAnswer.NONE
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_note = models.TextField(_("conditions / note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SiteOwnerQuerySet.as_manager()

    class Meta:
        ordering = ["site", "name"]
        verbose_name = _("site owner")
        verbose_name_plural = _("site owners")

    def __str__(self):
        return self.name

    def audit_owner_id(self):
        return self.site.owner_id

    def can_edit(self, user) -> bool:
        return has_role(user, self.site.owner_id)


class LandTake(models.Model):
    """New settlement and transport area of a municipality in one year (ha), e.g. from the
    official land-use statistics (Destatis Flächenerhebung)."""

    municipality = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2200)]
    )
    hectares = models.FloatField(_("new settlement area (ha)"), validators=[MinValueValidator(-1000)])
    source = models.CharField(_("source"), max_length=255, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["municipality", "year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="planning_uniq_landtake")
        ]
        verbose_name = _("land take")
        verbose_name_plural = _("land take")

    def __str__(self):
        return f"{self.municipality} {self.year}: {self.hectares} ha"


# --- Decision check ----------------------------------------------------------------------------------


class Topic(models.TextChoices):
    MATERIALS = "materials", _("Materials and recycling")
    ENERGY = "energy", _("Energy and climate")
    LAND = "land", _("Land")
    WATER = "water", _("Water")
    SOCIAL = "social", _("Social")
    ECONOMY = "economy", _("Economy")


class QuestionSet(Shareable):
    """A versioned set of questions for the decision check (Klimacheck/Nachhaltigkeitscheck)."""

    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous version"),
    )
    description = models.TextField(_("description"), blank=True)
    is_example = models.BooleanField(_("example set"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("question set")
        verbose_name_plural = _("question sets")

    def __str__(self):
        return f"{self.name} v{self.version}"

    def get_absolute_url(self):
        return row_url("planning:questionset_detail")(self.pk)


class Question(SharedChild, models.Model):
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="questions", verbose_name=_("question set")
    )
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    text = models.CharField(_("question"), max_length=400)
    help = models.TextField(_("explanation"), blank=True)
    suggestion = models.TextField(
        _("suggested measure"),
        blank=True,
        help_text=_("Criteria-catalogue measure that improves a negative answer."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "question_set"

    class Meta:
        ordering = ["question_set", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text


class Effect(models.TextChoices):
    POSITIVE = "positive", _("positive")
    NEUTRAL = "neutral", _("neutral")
    NEGATIVE = "negative", _("negative")
    NOT_RELEVANT = "n/a", _("not relevant")


class DecisionCheck(Shareable):
    """The check of one council proposal against a question set version."""

    title = models.CharField(_("proposal"), max_length=255)
    reference = models.CharField(_("proposal number"), max_length=60, blank=True)
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.PROTECT, related_name="checks", verbose_name=_("question set")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("decision check")
        verbose_name_plural = _("decision checks")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("planning:check_detail")(self.pk)


class CheckAnswer(SharedChild, models.Model):
    check_obj = models.ForeignKey(
        DecisionCheck, on_delete=models.CASCADE, related_name="answers", verbose_name=_("decision check")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    effect = models.CharField(_("effect"), max_length=10, choices=Effect.choices)
    justification = models.CharField(_("justification"), max_length=500, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "check_obj"

    class Meta:
        ordering = ["check_obj", "question__order"]
        constraints = [models.UniqueConstraint(fields=["check_obj", "question"], name="planning_uniq_answer")]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.question}: {self.effect}"
