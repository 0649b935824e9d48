"""Platform-wide reference data shared by every module: energy carriers and emission factor sets.

One emission factor set per method and year (e.g. BISKO 2022) for the whole platform: energy
balances, quarter concepts and the green-waste CO2e all read it through ``reference.factors``.
Every value carries its source, the source's year and whether it is only an approximation.

The two tables were created by the energy app (migrations energy 0001/0002) and moved here
without copying data; they keep their table names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Carrier(models.TextChoices):
    ELECTRICITY = "electricity", _("Electricity")
    NATURAL_GAS = "natural_gas", _("Natural gas")
    HEATING_OIL = "heating_oil", _("Heating oil")
    DISTRICT_HEAT = "district_heat", _("District heat")
    WOOD_CHIPS = "wood_chips", _("Wood chips")
    WOOD_PELLETS = "wood_pellets", _("Wood pellets")
    WATER = "water", _("Water")
    PV_GENERATION = "pv_generation", _("PV generation")
    PV_FEED_IN = "pv_feed_in", _("PV feed-in")


class FactorMethod(models.TextChoices):
    BISKO = "bisko", _("BISKO (LCA, with upstream chains)")
    DIRECT = "direct", _("Direct combustion only")
    GEG = "geg", _("GEG Anlage 9 (energy certificates)")


class EmissionFactorSet(models.Model):
    """The emission factors of one method for one balance year (one set per method and year)."""

    name = models.CharField(_("name"), max_length=200)
    method = models.CharField(_("method"), max_length=10, choices=FactorMethod.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=400)

    class Meta:
        db_table = "energy_emissionfactorset"
        ordering = ["method", "-year"]
        constraints = [models.UniqueConstraint(fields=["method", "year"], name="energy_factor_set_unique")]
        verbose_name = _("emission factor set")
        verbose_name_plural = _("emission factor sets")

    def __str__(self):
        return f"{self.name} ({self.year})"

    def factors(self) -> dict:
        return {f.carrier: f.grams_per_kwh for f in self.entries.all()}


class EmissionFactor(models.Model):
    """One factor (g CO2e per kWh, net calorific value Hi) with its own source and year."""

    factor_set = models.ForeignKey(EmissionFactorSet, on_delete=models.CASCADE, related_name="entries")
    carrier = models.CharField(_("energy carrier"), max_length=20, choices=Carrier.choices)
    grams_per_kwh = models.FloatField(_("g CO2e per kWh (Hi)"))
    source = models.CharField(_("source"), max_length=400, blank=True)
    source_year = models.PositiveSmallIntegerField(_("year of the source"), null=True, blank=True)
    approximate = models.BooleanField(
        _("approximate value"),
        default=False,
        help_text=_("Set when the value could not be checked against the original table."),
    )

    class Meta:
        db_table = "energy_emissionfactor"
        ordering = ["carrier"]
        constraints = [models.UniqueConstraint(fields=["factor_set", "carrier"], name="energy_factor_unique")]
        verbose_name = _("emission factor")
        verbose_name_plural = _("emission factors")

    def __str__(self):
        return f"{self.carrier}: {self.grams_per_kwh} g/kWh"


class ClimateFactor(models.Model):
    """DWD climate factor (Klimafaktor) of one postcode area for one 12-month period.

    Weather adjustment of heating energy as the federal rules for consumption-based energy
    certificates use it: E_norm = E · KF for the weather-dependent share (reference climate
    Potsdam). Imported from the DWD's published files (``reference/climate.py``).
    """

    postcode = models.CharField(_("postcode"), max_length=5, db_index=True)
    valid_from = models.DateField(_("period from"))
    valid_to = models.DateField(_("period to"))
    factor = models.FloatField(_("climate factor"))
    reference_place = models.CharField(_("reference place"), max_length=200, blank=True)
    source = models.CharField(_("source file"), max_length=300, blank=True)

    class Meta:
        ordering = ["postcode", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["postcode", "valid_from", "valid_to"], name="reference_climate_unique"
            )
        ]
        verbose_name = _("climate factor")
        verbose_name_plural = _("climate factors")

    def __str__(self):
        return f"{self.postcode} {self.valid_from}–{self.valid_to}: {self.factor}"
