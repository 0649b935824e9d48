from django.contrib import admin

from ikonnekt.energy.models import ReferenceValue


@admin.register(ReferenceValue)
class ReferenceValueAdmin(admin.ModelAdmin):
    list_display = [
        "use_type",
        "kind",
        "guide_value",
        "size_scaled_part",
        "area_kind",
        "table",
        "source_year",
    ]
    list_editable = ["guide_value", "size_scaled_part"]
    list_filter = ["kind"]
