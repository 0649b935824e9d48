"""Material-flow systems (MFA) and green-waste scenarios.

Two shared objects (owner + sharing rule): :class:`MfaSystem` and :class:`GreenWasteScenario`.
Everything else belongs to one of them and inherits its visibility (``sharing_parent``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild
from ikonnekt.materials import factors

POSITIVE = [MinValueValidator(0)]


class Layer(models.TextChoices):
    GOODS = "goods", _("Goods (t/a)")
    CARBON = "C", _("Carbon C (t/a)")
    NITROGEN = "N", _("Nitrogen N (t/a)")
    PHOSPHORUS = "P", _("Phosphorus P (t/a)")
    ENERGY = "energy", _("Energy (MWh/a)")


class Unit(models.TextChoices):
    TONNES = "t", _("t/a")
    CUBIC_METRES = "m3", _("m³/a")
    MWH = "MWh", _("MWh/a")


class DataQuality(models.TextChoices):
    MEASURED = "measured", _("Measured (weighbridge, meter)")
    CALCULATED = "calculated", _("Calculated from measurements")
    ESTIMATED = "estimated", _("Estimate")
    LITERATURE = "literature", _("Literature value")


class WasteRole(models.TextChoices):
    """What a flow counts as for the recycling rate (RR) of the system (feed ``materials.recycling_rate``).

    RR = waste recycled ÷ waste generated, after Eurostat's recycling rate of waste (cei_wm010)
    on the scope of one system instead of a country; recycling as defined in KrWG §3 (25).
    """

    NONE = "", _("—")
    WASTE = "waste", _("Waste generated")
    RECYCLED = "recycled", _("Waste recycled")


class InputRole(models.TextChoices):
    """What a flow counts as for the secondary-material share (NS) (feed ``materials.secondary_share``).

    NS = secondary ÷ (primary + secondary raw material input), after Eurostat's circular material
    use rate (cei_srm030: U ÷ (DMC + U)) with the system's primary input in place of DMC.
    """

    NONE = "", _("—")
    PRIMARY = "primary", _("Primary raw material input")
    SECONDARY = "secondary", _("Secondary raw material input")


class MfaSystem(Shareable):
    """A material-flow system: processes, flows and stocks inside a boundary, over periods."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    boundary = models.CharField(
        _("system boundary"),
        max_length=300,
        blank=True,
        help_text=_("Spatial and temporal boundary, e.g. “Landkreis Saarlouis, calendar year”."),
    )
    first_year = models.PositiveIntegerField(
        _("first period"), default=2024, validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    last_year = models.PositiveIntegerField(
        _("last period"), default=2024, validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("material-flow system")
        verbose_name_plural = _("material-flow systems")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("materials:system_detail")(self.pk)

    @property
    def years(self):
        return list(range(self.first_year, self.last_year + 1))


class Process(SharedChild, models.Model):
    """A process (or a stock-holding process) of a system; ``parent`` nests it in a subsystem."""

    system = models.ForeignKey(MfaSystem, on_delete=models.CASCADE, related_name="processes")
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("subsystem of"),
    )
    has_stock = models.BooleanField(_("has a stock"), default=False)
    initial_stock = models.FloatField(_("initial stock (t)"), null=True, blank=True, validators=POSITIVE)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "system"

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["system", "name"], name="materials_process_unique_name")
        ]
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def __str__(self):
        return self.name


class Flow(SharedChild, models.Model):
    """A flow between two processes; no source = import, no target = export across the boundary."""

    system = models.ForeignKey(MfaSystem, on_delete=models.CASCADE, related_name="flows")
    name = models.CharField(_("name"), max_length=120)
    source = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outflows",
        verbose_name=_("from process"),
    )
    target = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inflows",
        verbose_name=_("to process"),
    )
    bulk_density = models.FloatField(_("bulk density (t/m³)"), null=True, blank=True, validators=POSITIVE)
    heating_value = models.FloatField(_("heating value (MWh/t)"), null=True, blank=True, validators=POSITIVE)
    carbon = models.FloatField(_("carbon (kg/t)"), null=True, blank=True, validators=POSITIVE)
    nitrogen = models.FloatField(_("nitrogen (kg/t)"), null=True, blank=True, validators=POSITIVE)
    phosphorus = models.FloatField(_("phosphorus (kg/t)"), null=True, blank=True, validators=POSITIVE)
    waste_role = models.CharField(
        _("recycling rate (RR)"),
        max_length=10,
        choices=WasteRole.choices,
        blank=True,
        default="",
        help_text=_("RR = Σ waste recycled ÷ Σ waste generated (goods layer)."),
    )
    input_role = models.CharField(
        _("secondary-material share (NS)"),
        max_length=10,
        choices=InputRole.choices,
        blank=True,
        default="",
        help_text=_("NS = Σ secondary ÷ (Σ primary + Σ secondary raw material input) (goods layer)."),
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "system"

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["system", "name"], name="materials_flow_unique_name")]
        verbose_name = _("flow")
        verbose_name_plural = _("flows")

    def __str__(self):
        return self.name

    def concentration(self, layer):
        return {"C": self.carbon, "N": self.nitrogen, "P": self.phosphorus}.get(layer)


class FlowValue(SharedChild, models.Model):
    """A datum of a flow in one period and layer: a value with uncertainty, or a transfer coefficient."""

    flow = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveIntegerField(_("period"))
    layer = models.CharField(_("layer"), max_length=8, choices=Layer.choices, default=Layer.GOODS)
    value = models.FloatField(_("value"), null=True, blank=True, validators=POSITIVE)
    unit = models.CharField(_("unit"), max_length=4, choices=Unit.choices, default=Unit.TONNES)
    uncertainty = models.FloatField(_("standard uncertainty"), null=True, blank=True, validators=POSITIVE)
    uncertainty_is_percent = models.BooleanField(_("uncertainty in %"), default=True)
    transfer_coefficient = models.FloatField(
        _("transfer coefficient"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_(
            "Share of the source process's total input leaving through this flow (instead of a value)."
        ),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    quality = models.CharField(
        _("data quality"), max_length=12, choices=DataQuality.choices, default=DataQuality.MEASURED
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "flow"

    class Meta:
        ordering = ["flow_id", "year", "layer"]
        constraints = [
            models.UniqueConstraint(fields=["flow", "year", "layer"], name="materials_flowvalue_unique")
        ]

    def __str__(self):
        return f"{self.flow} {self.year} {self.layer}"

    def sigma(self):
        if self.value is None or self.uncertainty is None:
            return None
        return self.value * self.uncertainty / 100 if self.uncertainty_is_percent else self.uncertainty


class StockChange(SharedChild, models.Model):
    """Measured change of a process's stock in one period (goods layer)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="stock_changes")
    year = models.PositiveIntegerField(_("period"))
    layer = models.CharField(_("layer"), max_length=8, choices=Layer.choices, default=Layer.GOODS)
    value = models.FloatField(_("stock change"))
    uncertainty = models.FloatField(_("standard uncertainty (absolute)"), default=0, validators=POSITIVE)
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "process"

    class Meta:
        ordering = ["process_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["process", "year", "layer"], name="materials_stockchange_unique")
        ]

    def __str__(self):
        return f"{self.process} {self.year}"


# --- green waste ------------------------------------------------------------------------------


class Objective(models.TextChoices):
    COST = "cost", _("Lowest cost")
    CO2 = "co2", _("Lowest CO2e")
    WEIGHTED = "weighted", _("Cost + carbon price × CO2e")


class GreenWasteScenario(Shareable):
    """Collection points, plants and transport assumptions of a joint green-waste recycling study."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    year = models.PositiveIntegerField(_("year"), default=2025)
    detour_factor = models.FloatField(
        _("detour factor"), default=1.3, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    density_loose = models.FloatField(
        _("bulk density loose (t/m³)"), default=0.15, validators=[MinValueValidator(0.01)]
    )
    density_shredded = models.FloatField(
        _("bulk density shredded (t/m³)"), default=0.35, validators=[MinValueValidator(0.01)]
    )
    payload_t = models.FloatField(
        _("payload per trip (t)"), default=12.0, validators=[MinValueValidator(0.1)]
    )
    payload_m3 = models.FloatField(
        _("payload per trip (m³)"), default=36.0, validators=[MinValueValidator(0.1)]
    )
    cost_per_km = models.FloatField(_("vehicle cost (€/km)"), default=1.60, validators=POSITIVE)
    cost_per_trip = models.FloatField(_("cost per trip (€)"), default=45.0, validators=POSITIVE)
    co2_per_km = models.FloatField(_("vehicle emissions (kg CO2e/km)"), default=0.95, validators=POSITIVE)
    objective = models.CharField(
        _("objective"), max_length=10, choices=Objective.choices, default=Objective.COST
    )
    carbon_price = models.FloatField(_("carbon price (€/t CO2e)"), default=100.0, validators=POSITIVE)
    single_source = models.BooleanField(_("each collection point delivers to one plant"), default=False)
    open_candidates = models.BooleanField(_("may open candidate sites"), default=True)
    use_imported_distances = models.BooleanField(_("use imported road distances"), default=False)
    deviation_threshold = models.FloatField(
        _("monitoring threshold (%)"),
        default=15.0,
        validators=POSITIVE,
        help_text=_("Reported and delivered quantities differing by more than this are flagged."),
    )
    result = models.JSONField(_("last optimisation result"), default=dict, blank=True, editable=False)
    result_at = models.DateTimeField(_("optimised at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("green-waste scenario")
        verbose_name_plural = _("green-waste scenarios")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("materials:scenario_detail")(self.pk)


class MeasurementMethod(models.TextChoices):
    WEIGHBRIDGE = "weighbridge", _("Weighbridge")
    ESTIMATE = "estimate", _("Estimate (container volume)")


class Responsibility(models.TextChoices):
    """Whose green waste a collection point carries (Saarland: § 5 SAWG, § 18 Abs. 2 EVSG).

    Private households' green waste: the municipality collects it (§ 5 Abs. 2 Nr. 2 SAWG), its
    recycling passed to the Entsorgungsverband Saar (EVS) after the transition period of § 18 Abs. 2
    EVSG (31 municipalities from 2018, the remaining ones from 1 January 2020). The municipality's own
    green waste (parks, cemeteries, roadside verges) is waste the municipality produces itself; it
    organises and pays its recycling.
    """

    MUNICIPAL = "municipal", _("Municipality's own green waste (parks, cemeteries, roadside)")
    EVS = "evs", _("Private households' green waste (EVS responsible for recycling)")


class CollectionPoint(SharedChild, models.Model):
    """A green-waste collection point run by a municipality."""

    scenario = models.ForeignKey(GreenWasteScenario, on_delete=models.CASCADE, related_name="points")
    name = models.CharField(_("name"), max_length=150)
    municipality = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operator municipality"),
    )
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    fractions = models.CharField(
        _("accepted fractions"), max_length=200, blank=True, default="Grünschnitt, Strauchschnitt"
    )
    quantity_m3 = models.FloatField(_("annual quantity (m³)"), null=True, blank=True, validators=POSITIVE)
    quantity_t = models.FloatField(_("annual quantity (t)"), null=True, blank=True, validators=POSITIVE)
    method = models.CharField(
        _("measurement"), max_length=12, choices=MeasurementMethod.choices, default=MeasurementMethod.ESTIMATE
    )
    responsibility = models.CharField(
        _("whose green waste"),
        max_length=10,
        choices=Responsibility.choices,
        default=Responsibility.MUNICIPAL,
        help_text=_(
            "Saarland: the EVS is responsible for recycling private households' green waste (§ 5 SAWG, "
            "§ 18 EVSG); the municipality for its own green waste from parks, cemeteries and roadsides. "
            "Only the municipality's own green waste enters the alone-vs-together cost split."
        ),
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "scenario"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "name"], name="materials_point_unique_name")
        ]
        verbose_name = _("collection point")
        verbose_name_plural = _("collection points")

    def __str__(self):
        return self.name

    def tonnes(self):
        """Annual tonnes: weighed tonnes if given, else m³ × the scenario's loose bulk density."""
        if self.quantity_t is not None:
            return self.quantity_t
        if self.quantity_m3 is not None:
            return self.quantity_m3 * self.scenario.density_loose
        return 0.0


class PlantKind(models.TextChoices):
    COMPOSTING = "composting", _("Composting plant")
    SHREDDING = "shredding", _("Shredding site")
    BIOMASS = "biomass", _("Biomass heating plant")
    TRANSFER = "transfer", _("Transfer station")


class Plant(SharedChild, models.Model):
    """An existing plant or a candidate site (opened only if the optimisation chooses it)."""

    scenario = models.ForeignKey(GreenWasteScenario, on_delete=models.CASCADE, related_name="plants")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=PlantKind.choices)
    candidate = models.BooleanField(_("candidate site"), default=False)
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    operator = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner or operator"),
        help_text=_(
            "The municipality that owns or operates the plant: only groups it belongs to may use it, and "
            "its fixed costs are charged to it whether the plant is used or not. Leave empty (or choose "
            "the EVS or a company) for a third-party plant that every municipality can use at its gate fee."
        ),
    )
    capacity_t = models.FloatField(_("capacity (t/a)"), validators=POSITIVE)
    gate_fee = models.FloatField(
        _("gate fee or variable cost (€/t)"),
        default=0,
        validators=POSITIVE,
        help_text=_("Third-party plant: its gate fee; own plant: its cost per tonne processed."),
    )
    fixed_cost = models.FloatField(
        _("fixed annual cost (€)"),
        default=0,
        validators=POSITIVE,
        help_text=_(
            "Own plant: charged to the owner every year; candidate site: only if it is opened. A "
            "third-party plant's fixed costs are part of its gate fee (enter 0)."
        ),
    )
    thermal_kw = models.FloatField(
        _("rated heat output (kW)"),
        null=True,
        blank=True,
        validators=POSITIVE,
        help_text=_("Biomass heating plant: heat credited per year is at most kW × full-load hours."),
    )
    full_load_hours = models.FloatField(
        _("full-load hours (h/a)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(8760)],
    )
    process_co2 = models.FloatField(_("process emissions (kg CO2e/t)"), default=0, validators=POSITIVE)
    energy_yield = models.FloatField(
        _("energy yield of the woody fraction (MWh/t)"), default=0, validators=POSITIVE
    )
    woody_share = models.FloatField(
        _("woody share"), default=0, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    heat_ef = models.FloatField(
        _("replaced heat (kg CO2e/MWh)"), default=factors.default_heat_ef, validators=POSITIVE
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "scenario"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "name"], name="materials_plant_unique_name")
        ]
        verbose_name = _("plant")
        verbose_name_plural = _("plants")

    def __str__(self):
        return self.name


class RoadDistance(SharedChild, models.Model):
    """An imported road distance between a collection point and a plant."""

    point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="distances")
    plant = models.ForeignKey(Plant, on_delete=models.CASCADE, related_name="distances")
    km = models.FloatField(_("km"), validators=POSITIVE)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "point"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["point", "plant"], name="materials_distance_unique")]

    def __str__(self):
        return f"{self.point} → {self.plant}: {self.km} km"


class MonthlyQuantity(SharedChild, models.Model):
    """Reported (by the municipality) vs delivered (weighed at the plant) tonnes of a month."""

    point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="months")
    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    reported_t = models.FloatField(_("reported (t)"), null=True, blank=True, validators=POSITIVE)
    delivered_t = models.FloatField(_("delivered (t)"), null=True, blank=True, validators=POSITIVE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "point"

    class Meta:
        ordering = ["point_id", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["point", "year", "month"], name="materials_month_unique")
        ]

    def __str__(self):
        return f"{self.point} {self.year}-{self.month:02d}"
