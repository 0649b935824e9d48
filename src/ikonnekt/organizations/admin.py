from django.contrib import admin

from ikonnekt.organizations.models import InhabitantCount, Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "ags", "inhabitants", "is_transfer_municipality")
    list_filter = ("kind", "is_transfer_municipality")
    search_fields = ("name", "ags")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


admin.site.register(InhabitantCount)
admin.site.register(Invitation, list_display=("email", "organisation", "role", "expires_at", "used_at"))
