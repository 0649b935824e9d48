from django.contrib import admin

from ikonnekt.reference.models import ClimateFactor, EmissionFactor, EmissionFactorSet


class FactorInline(admin.TabularInline):
    model = EmissionFactor
    extra = 0


@admin.register(EmissionFactorSet)
class EmissionFactorSetAdmin(admin.ModelAdmin):
    list_display = ["name", "method", "year"]
    list_filter = ["method"]
    inlines = [FactorInline]


@admin.register(ClimateFactor)
class ClimateFactorAdmin(admin.ModelAdmin):
    list_display = ["postcode", "valid_from", "valid_to", "factor", "reference_place", "source"]
    search_fields = ["postcode", "reference_place"]
