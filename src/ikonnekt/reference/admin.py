from django.contrib import admin

from ikonnekt.reference.models import EmissionFactor, EmissionFactorSet


class FactorInline(admin.TabularInline):
    model = EmissionFactor
    extra = 0


@admin.register(EmissionFactorSet)
class EmissionFactorSetAdmin(admin.ModelAdmin):
    list_display = ["name", "method", "year"]
    list_filter = ["method"]
    inlines = [FactorInline]
