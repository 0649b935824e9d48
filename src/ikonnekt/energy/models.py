"""Energy management (Kom.EMS data side) and energy-supply concepts for quarters.

Shared objects (the one sharing rule): buildings, building groups, weather stations, annual
energy reports and quarters. Meters, readings, exchanges, tariffs and measures belong to a
building and inherit its visibility. Reference data (key-figure reference values here, emission
factor sets in the ``reference`` app) is platform-wide and edited by staff in the admin.

Timestamps are stored in UTC; pages show them in Europe/Berlin.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild

# Carriers and emission factor sets are platform-wide reference data (app ``reference``); they are
# re-exported here for the energy code that has always imported them from this module.
from ikonnekt.reference import carriers
from ikonnekt.reference.models import Carrier, EmissionFactor, EmissionFactorSet, FactorMethod  # noqa: F401


class UseType(models.TextChoices):
    ADMINISTRATION = "administration", _("Administration building")
    SCHOOL = "school", _("School")
    KITA = "kita", _("Day-care centre (Kita)")
    SPORTS_HALL = "sports_hall", _("Sports hall")
    FIRE_STATION = "fire_station", _("Fire station")
    BAUHOF = "bauhof", _("Building yard (Bauhof)")
    COMMUNITY_CENTRE = "community_centre", _("Community centre")
    SWIMMING_POOL = "swimming_pool", _("Indoor swimming pool")
    LIBRARY = "library", _("Library / museum")
    OTHER = "other", _("Other")


class AreaKind(models.TextChoices):
    NGF = "ngf", _("NGF (net floor area)")
    BGF = "bgf", _("BGF (gross floor area)")


HEAT_CARRIERS = frozenset(Carrier(code) for code in carriers.HEAT_CARRIERS)  # the carrier table's heat column
ENERGY_CARRIERS = HEAT_CARRIERS | {Carrier.ELECTRICITY}


class Unit(models.TextChoices):
    KWH = "kWh", "kWh"
    MWH = "MWh", "MWh"
    M3 = "m3", "m³"
    LITRE = "l", _("litres")
    KG = "kg", "kg"


class CalorificBasis(models.TextChoices):
    HS = "hs", _("Gross calorific value Hs (Brennwert)")
    HI = "hi", _("Net calorific value Hi (Heizwert)")


class WeatherMethod(models.TextChoices):
    DEGREE_DAYS = "degree_days", _("Degree days G20/15 of the weather station (VDI 3807-1)")
    CLIMATE_FACTOR = "climate_factor", _("DWD climate factor of the postcode (federal rules)")


class MeterKind(models.TextChoices):
    CUMULATIVE = "cumulative", _("Cumulative meter (readings)")
    INTERVAL = "interval", _("Interval data (load profile)")
    VIRTUAL = "virtual", _("Virtual meter (formula)")


# --- weather --------------------------------------------------------------------------------


class WeatherStation(Shareable):
    name = models.CharField(_("name"), max_length=200)
    station_id = models.CharField(_("station id (e.g. DWD)"), max_length=20, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    long_term_degree_days = models.FloatField(
        _("long-term degree days G20/15 (K·d/a)"),
        help_text=_("Mean annual degree days of the reference period, used for normalisation."),
    )
    reference_period = models.CharField(_("reference period"), max_length=40, blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Synthetic sample series, not measured values.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("weather station")
        verbose_name_plural = _("weather stations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("energy:station_detail")(self.pk)


class DailyTemperature(models.Model):
    station = models.ForeignKey(WeatherStation, on_delete=models.CASCADE, related_name="temperatures")
    date = models.DateField(_("date"))
    mean_temperature = models.FloatField(_("daily mean temperature (°C)"))

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["station", "date"], name="energy_temp_unique_day")]

    def __str__(self):
        return f"{self.date}: {self.mean_temperature} °C"


# --- buildings ------------------------------------------------------------------------------


class BuildingGroup(Shareable):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("building group")
        verbose_name_plural = _("building groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("energy:group_detail")(self.pk)


class Building(Shareable):
    name = models.CharField(_("name"), max_length=200)
    property_name = models.CharField(
        _("property (Liegenschaft)"),
        max_length=200,
        blank=True,
        help_text=_("Several buildings can share one."),
    )
    use_type = models.CharField(_("use type"), max_length=20, choices=UseType.choices, blank=True)
    reference_area = models.DecimalField(
        _("reference area (m²)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    area_kind = models.CharField(
        _("kind of area"),
        max_length=3,
        choices=AreaKind.choices,
        blank=True,
        help_text=_("Net (NGF) or gross (BGF) floor area; without it no comparison with reference values."),
    )
    year_built = models.PositiveSmallIntegerField(_("year of construction"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    weather_method = models.CharField(
        _("weather adjustment"),
        max_length=20,
        choices=WeatherMethod.choices,
        default=WeatherMethod.DEGREE_DAYS,
        help_text=_("Climate factors need the postcode and imported DWD factors for the year."),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    caretaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible caretaker"),
    )
    station = models.ForeignKey(
        WeatherStation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("weather station"),
    )
    heating_share = models.DecimalField(
        _("space-heating share of heat consumption"),
        max_digits=3,
        decimal_places=2,
        default=0.85,
        help_text=_("Only this share is weather-normalised; hot water and process heat are not (0–1)."),
    )
    groups = models.ManyToManyField(
        BuildingGroup, blank=True, related_name="buildings", verbose_name=_("groups")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("building")
        verbose_name_plural = _("buildings")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("energy:building_detail")(self.pk)

    def clean(self):
        if self.heating_share is not None and not 0 <= self.heating_share <= 1:
            raise ValidationError({"heating_share": _("Enter a share between 0 and 1 (e.g. 0.85).")})


# --- meters ---------------------------------------------------------------------------------


class Meter(SharedChild, models.Model):
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="meters")
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("main meter"),
        help_text=_("For sub-meters: the meter they are part of."),
    )
    number = models.CharField(_("meter number"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    carrier = models.CharField(_("energy carrier"), max_length=20, choices=Carrier.choices)
    unit = models.CharField(_("unit"), max_length=4, choices=Unit.choices, default=Unit.KWH)
    kind = models.CharField(_("kind"), max_length=12, choices=MeterKind.choices, default=MeterKind.CUMULATIVE)
    formula = models.CharField(
        _("formula"),
        max_length=300,
        blank=True,
        help_text=_("Virtual meters only: meter numbers of the same building with + and −, e.g. “Z1 - Z2”."),
    )
    digits = models.PositiveSmallIntegerField(
        _("digits before the decimal point"), null=True, blank=True, help_text=_("For detecting a rollover.")
    )
    conversion_factor = models.DecimalField(
        _("conversion factor to kWh"),
        max_digits=10,
        decimal_places=4,
        default=1,
        help_text=_("kWh per unit; for gas calculated from Zustandszahl × calorific value."),
    )
    state_number = models.DecimalField(
        _("Zustandszahl (gas)"), max_digits=6, decimal_places=4, null=True, blank=True
    )
    calorific_value = models.DecimalField(
        _("calorific value (kWh/m³)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    calorific_basis = models.CharField(
        _("calorific basis of the kWh"),
        max_length=2,
        choices=CalorificBasis.choices,
        default=CalorificBasis.HI,
        help_text=_("Gas bills state kWh on the Hs basis; balances use Hi. Make it explicit."),
    )
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "building"

    class Meta:
        ordering = ["building__name", "number"]
        verbose_name = _("meter")
        verbose_name_plural = _("meters")
        constraints = [
            models.UniqueConstraint(fields=["building", "number"], name="energy_meter_number_unique")
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    def get_absolute_url(self):
        return row_url("energy:meter_detail")(self.pk)

    @property
    def owner_id(self):
        return self.building.owner_id

    @property
    def is_heat(self):
        return self.carrier in HEAT_CARRIERS

    def clean(self):
        if self.kind == MeterKind.VIRTUAL and not self.formula.strip():
            raise ValidationError({"formula": _("A virtual meter needs a formula.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A meter cannot be its own main meter.")})
        if self.parent_id and self.parent.building_id != self.building_id:
            raise ValidationError({"parent": _("The main meter must belong to the same building.")})
        if self.carrier == Carrier.NATURAL_GAS and self.unit == Unit.M3:
            if not self.state_number or not self.calorific_value:
                raise ValidationError(
                    {"calorific_value": _("Gas in m³ needs the Zustandszahl and the calorific value.")}
                )


class MeterExchange(SharedChild, models.Model):
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="exchanges")
    timestamp = models.DateTimeField(_("time of exchange"))
    old_final_reading = models.DecimalField(
        _("final reading of the old meter"), max_digits=14, decimal_places=3
    )
    new_initial_reading = models.DecimalField(
        _("initial reading of the new meter"), max_digits=14, decimal_places=3
    )
    new_number = models.CharField(_("number of the new meter"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "meter"

    class Meta:
        ordering = ["timestamp"]
        verbose_name = _("meter exchange")
        verbose_name_plural = _("meter exchanges")

    def __str__(self):
        return f"{self.meter} {self.timestamp:%Y-%m-%d}"


class ReadingSource(models.TextChoices):
    MANUAL = "manual", _("manual entry")
    IMPORT = "import", _("import")
    ESTIMATE = "estimate", _("estimate")


class Reading(SharedChild, models.Model):
    """A cumulative meter reading (the counter value) at a UTC timestamp."""

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="readings")
    timestamp = models.DateTimeField(_("time"))
    value = models.DecimalField(_("reading"), max_digits=14, decimal_places=3)
    source = models.CharField(_("source"), max_length=10, choices=ReadingSource.choices, default="manual")
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "meter"

    class Meta:
        ordering = ["timestamp"]
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        constraints = [
            models.UniqueConstraint(fields=["meter", "timestamp"], name="energy_reading_unique_time")
        ]

    def __str__(self):
        return f"{self.meter} {self.timestamp:%Y-%m-%d %H:%M}: {self.value}"


class IntervalReading(SharedChild, models.Model):
    """Energy (kWh, after conversion) measured in the interval starting at ``start`` (UTC)."""

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="intervals")
    start = models.DateTimeField(_("interval start"))
    minutes = models.PositiveSmallIntegerField(_("interval length (min)"), default=15)
    value = models.FloatField(_("energy (kWh)"))

    objects = ChildQuerySet.as_manager()
    sharing_parent = "meter"

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["meter", "start"], name="energy_interval_unique_start")
        ]

    def __str__(self):
        return f"{self.start}: {self.value}"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("uploaded")
    QUEUED = "queued", _("queued")
    DONE = "done", _("imported")
    FAILED = "failed", _("failed")


class ReadingImport(SharedChild, models.Model):
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="imports")
    file = models.FileField(_("file"), upload_to="energy/imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    kind = models.CharField(_("data"), max_length=12, choices=MeterKind.choices[:2])
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "meter"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name


class Tariff(SharedChild, models.Model):
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="tariffs")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    energy_price = models.DecimalField(_("energy price (ct/kWh, gross)"), max_digits=8, decimal_places=3)
    base_price = models.DecimalField(
        _("base price (€/year, gross)"), max_digits=10, decimal_places=2, default=0
    )
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "meter"

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")

    def __str__(self):
        return f"{self.meter} {self.valid_from}: {self.energy_price} ct/kWh"

    def clean(self):
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end lies before the start.")})


# --- measures -------------------------------------------------------------------------------


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class Measure(SharedChild, models.Model):
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=MeasureStatus.choices, default="planned")
    carrier = models.CharField(_("affected carrier"), max_length=20, choices=Carrier.choices)
    cost = models.DecimalField(_("cost (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    expected_savings_kwh = models.DecimalField(
        _("expected savings (kWh/a)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    done_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "building"

    class Meta:
        ordering = ["status", "title"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return self.title

    def clean(self):
        if self.status == MeasureStatus.DONE and not self.done_on:
            raise ValidationError({"done_on": _("A completed measure needs its completion date.")})


# --- reference data -------------------------------------------------------------------------


class ReferenceValue(models.Model):
    """Comparison value of specific consumption per use type and kind (editable reference table).

    ``guide_value`` is the comparison value of the source table; for heat, ``size_scaled_part`` (the
    heating TEK of the federal rules for non-residential buildings, 2021) is scaled per building with
    the size factor of those rules. ``limit_value`` is optional (the rules publish no limit value).
    """

    use_type = models.CharField(_("use type"), max_length=20, choices=UseType.choices)
    kind = models.CharField(
        _("heat or electricity"),
        max_length=12,
        choices=[("heat", _("heat (normalised)")), ("electricity", _("electricity"))],
    )
    guide_value = models.FloatField(_("comparison value (kWh/(m²·a))"))
    size_scaled_part = models.FloatField(
        _("part scaled by building size (kWh/(m²·a))"),
        null=True,
        blank=True,
        help_text=_("Heating TEK: multiplied by the size factor of the federal rules (Nummer 6.3.1)."),
    )
    limit_value = models.FloatField(_("limit value (kWh/(m²·a))"), null=True, blank=True)
    area_kind = models.CharField(_("kind of area"), max_length=3, choices=AreaKind.choices, default="ngf")
    source = models.CharField(_("source"), max_length=1000)
    table = models.CharField(_("table / category in the source"), max_length=200, blank=True)
    source_year = models.PositiveSmallIntegerField(_("year of the source"), null=True, blank=True)
    approximate = models.BooleanField(
        _("assumption (not a published value)"),
        default=False,
        help_text=_("Set when the value is not taken from the published table."),
    )

    class Meta:
        ordering = ["use_type", "kind"]
        constraints = [models.UniqueConstraint(fields=["use_type", "kind"], name="energy_reference_unique")]
        verbose_name = _("reference value")
        verbose_name_plural = _("reference values")

    def __str__(self):
        return f"{self.get_use_type_display()} – {self.get_kind_display()}"


# --- annual report and self-check -----------------------------------------------------------


class EnergyReport(Shareable):
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("joint report for cooperation"),
        help_text=_("Leave empty for a report of the owner organisation's buildings only."),
    )
    factor_set = models.ForeignKey(
        EmissionFactorSet, on_delete=models.PROTECT, related_name="+", verbose_name=_("emission factor set")
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("annual energy report")
        verbose_name_plural = _("annual energy reports")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("energy:report_detail")(self.pk)


class CheckStatus(models.TextChoices):
    MET = "met", _("met")
    PARTLY = "partly", _("partly met")
    OPEN = "open", _("open")


class SelfCheckAnswer(models.Model):
    report = models.ForeignKey(EnergyReport, on_delete=models.CASCADE, related_name="answers")
    requirement = models.CharField(max_length=40)
    status = models.CharField(_("status"), max_length=8, choices=CheckStatus.choices, default="open")
    note = models.CharField(_("note"), max_length=500, blank=True)
    evidence_url = models.CharField(_("evidence (link)"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "requirement"], name="energy_selfcheck_unique")
        ]

    def __str__(self):
        return f"{self.requirement}: {self.status}"


# --- quarters -------------------------------------------------------------------------------


class Quarter(Shareable):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    assessed_area = models.CharField(
        _("assessed area (criteria catalogue)"), max_length=300, blank=True, help_text=_("Name or link.")
    )
    station = models.ForeignKey(
        WeatherStation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("weather station"),
    )
    factor_set = models.ForeignKey(
        EmissionFactorSet, on_delete=models.PROTECT, related_name="+", verbose_name=_("emission factor set")
    )
    interest_rate = models.DecimalField(_("interest rate (%/a)"), max_digits=5, decimal_places=2, default=3)
    period_years = models.PositiveSmallIntegerField(_("observation period (years)"), default=20)
    price_electricity = models.DecimalField(
        _("electricity price (ct/kWh)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    price_heat_pump = models.DecimalField(
        _("heat-pump tariff (ct/kWh)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    price_gas = models.DecimalField(
        _("gas price (ct/kWh Hi)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    price_wood = models.DecimalField(
        _("wood chips price (ct/kWh)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    price_district_heat = models.DecimalField(
        _("district heat purchase price (ct/kWh)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    feed_in_tariff = models.DecimalField(
        _("PV feed-in tariff (ct/kWh)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    price_increase = models.DecimalField(
        _("energy price increase (%/a)"), max_digits=5, decimal_places=2, default=2
    )
    investment_price_increase = models.DecimalField(
        _("investment price increase (%/a)"),
        max_digits=5,
        decimal_places=2,
        default=2,
        help_text=_("Price change of replacements within the period (VDI 2067-1, capital-related costs)."),
    )
    operation_price_increase = models.DecimalField(
        _("operation price increase (%/a)"),
        max_digits=5,
        decimal_places=2,
        default=2,
        help_text=_("Price change of maintenance, operation and other costs (VDI 2067-1)."),
    )
    co2_price_path = models.CharField(
        _("CO2 price path (€/t)"),
        max_length=300,
        default="2026:55, 2027:65, 2030:100, 2035:150, 2045:200",
        help_text=_("year:price pairs; linear in between, constant after the last year."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("energy:quarter_detail")(self.pk)


class QuarterBuilding(SharedChild, models.Model):
    quarter = models.ForeignKey(Quarter, on_delete=models.CASCADE, related_name="buildings")
    name = models.CharField(_("building type"), max_length=200)
    count = models.PositiveIntegerField(_("number of buildings"), default=1)
    area = models.DecimalField(_("heated area per building (m²)"), max_digits=10, decimal_places=1)
    heat_demand = models.DecimalField(_("space-heat demand (kWh/(m²·a))"), max_digits=7, decimal_places=1)
    dhw_demand = models.DecimalField(
        _("hot-water demand (kWh/(m²·a))"), max_digits=7, decimal_places=1, default=12
    )
    electricity = models.DecimalField(
        _("household electricity per building (kWh/a)"), max_digits=10, decimal_places=0, default=3000
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "quarter"

    class Meta:
        ordering = ["name"]
        verbose_name = _("building type")
        verbose_name_plural = _("building types")

    def __str__(self):
        return self.name


class HeatSource(models.TextChoices):
    GAS_BOILER = "gas_boiler", _("Gas condensing boiler (per building)")
    AIR_HEAT_PUMP = "air_heat_pump", _("Air-source heat pump (per building)")
    GROUND_HEAT_PUMP = "ground_heat_pump", _("Ground-source heat pump (per building)")
    DISTRICT_HEAT = "district_heat", _("Connection to district heat")
    BIOMASS_NETWORK = "biomass_network", _("Local heat network with biomass boiler (wood chips)")


class Variant(SharedChild, models.Model):
    quarter = models.ForeignKey(Quarter, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(_("name"), max_length=200)
    heat_source = models.CharField(_("heat supply"), max_length=20, choices=HeatSource.choices)
    efficiency = models.DecimalField(
        _("efficiency or seasonal COP"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Boilers: annual efficiency (e.g. 0.95); heat pumps: COP at 7 °C outdoor (e.g. 3.5)."),
    )
    network_loss = models.DecimalField(
        _("heat network losses (% of delivered heat)"), max_digits=5, decimal_places=1, default=0
    )
    capex = models.DecimalField(_("investment heat supply (€)"), max_digits=12, decimal_places=0)
    lifetime = models.PositiveSmallIntegerField(_("service life (years)"), default=20)
    maintenance_pct = models.DecimalField(
        _("maintenance and repair (% of investment per year)"), max_digits=5, decimal_places=2, default=2
    )
    pv_kwp = models.DecimalField(_("PV (kWp)"), max_digits=8, decimal_places=1, default=0)
    pv_capex_per_kwp = models.DecimalField(
        _("PV investment (€/kWp)"), max_digits=8, decimal_places=0, default=1300
    )
    battery_kwh = models.DecimalField(_("battery (kWh)"), max_digits=8, decimal_places=1, default=0)
    battery_capex_per_kwh = models.DecimalField(
        _("battery investment (€/kWh)"), max_digits=8, decimal_places=0, default=600
    )
    solar_thermal_share = models.DecimalField(
        _("solar-thermal share of hot water (%)"), max_digits=5, decimal_places=1, default=0
    )
    solar_thermal_capex = models.DecimalField(
        _("solar-thermal investment (€)"), max_digits=12, decimal_places=0, default=0
    )
    operation_cost = models.DecimalField(
        _("operation (€ in the first year)"),
        max_digits=12,
        decimal_places=0,
        default=0,
        help_text=_(
            "Staff time for operating the plant, fuel logistics (VDI 2067-1 operation-related costs)."
        ),
    )
    other_cost = models.DecimalField(
        _("other costs (€ in the first year)"),
        max_digits=12,
        decimal_places=0,
        default=0,
        help_text=_("Insurance, administration, fees (VDI 2067-1 other costs)."),
    )
    subsidy = models.DecimalField(_("subsidies (€)"), max_digits=12, decimal_places=0, default=0)
    notes = models.TextField(_("assumptions and sources"), blank=True)
    # Biomass variant: fuel quantity and price from a green-waste scenario (energy.greenwaste_fuel)
    fuel_scenario = models.ForeignKey(
        "materials.GreenWasteScenario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fuel from green-waste scenario"),
    )
    fuel_scenario_name = models.CharField(
        _("linked scenario (name kept when it is deleted)"), max_length=200, blank=True, editable=False
    )
    fuel_heating_value = models.DecimalField(
        _("heating value (MWh per tonne of green waste)"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Converts the scenario's cost per tonne into a fuel price, e.g. woody share × MWh/t."),
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "quarter"

    class Meta:
        ordering = ["name"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")

    def __str__(self):
        return self.name
