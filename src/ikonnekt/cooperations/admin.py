from django.contrib import admin

from ikonnekt.cooperations.models import Cooperation, Participation


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    list_display = ("name", "form", "status", "owner", "visibility")
    list_filter = ("status", "form", "visibility")
    inlines = [ParticipationInline]
