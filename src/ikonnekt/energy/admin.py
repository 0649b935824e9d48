from django.contrib import admin

from ikonnekt.energy.models import EmissionFactor, EmissionFactorSet, ReferenceValue


@admin.register(ReferenceValue)
class ReferenceValueAdmin(admin.ModelAdmin):
    list_display = ["use_type", "kind", "guide_value", "limit_value", "area_kind"]
    list_editable = ["guide_value", "limit_value"]
    list_filter = ["kind"]


class FactorInline(admin.TabularInline):
    model = EmissionFactor
    extra = 0


@admin.register(EmissionFactorSet)
class EmissionFactorSetAdmin(admin.ModelAdmin):
    list_display = ["name", "method", "year"]
    list_filter = ["method"]
    inlines = [FactorInline]
