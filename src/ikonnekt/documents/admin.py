from django.contrib import admin

from ikonnekt.documents.models import FilingSettings, MetadataField, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "years", "trigger", "disposal"]


@admin.register(FilingSettings)
class FilingSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "reference_pattern"]


@admin.register(MetadataField)
class MetadataFieldAdmin(admin.ModelAdmin):
    list_display = ["organisation", "label", "key", "kind", "order"]
    list_filter = ["organisation", "kind"]
