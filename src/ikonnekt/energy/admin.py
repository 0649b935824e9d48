from django.contrib import admin

from ikonnekt.energy.models import ReferenceValue


@admin.register(ReferenceValue)
class ReferenceValueAdmin(admin.ModelAdmin):
    list_display = ["use_type", "kind", "guide_value", "limit_value", "area_kind"]
    list_editable = ["guide_value", "limit_value"]
    list_filter = ["kind"]
