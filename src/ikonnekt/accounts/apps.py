from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ikonnekt.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from ikonnekt.accounts import schema, signals  # noqa: F401
