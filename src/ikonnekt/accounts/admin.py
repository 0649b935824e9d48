from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ikonnekt.accounts.models import ApiToken, User

admin.site.register(User, UserAdmin)
admin.site.register(ApiToken, list_display=("name", "user", "key_prefix", "created_at", "last_used_at"))
