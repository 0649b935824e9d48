from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ikonnekt.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self):
        from ikonnekt.core import checks, signals  # noqa: F401  (registers checks and signal handlers)
        from ikonnekt.core.registry import nav

        nav.register("core:dashboard", _("Dashboard"), icon="speedometer2", order=0, section="start")
        nav.register("core:jobs", _("Jobs"), icon="hourglass-split", order=90, section="platform")
        nav.register(
            "core:audit",
            _("Audit log"),
            icon="journal-text",
            order=91,
            section="platform",
            visible=_is_some_admin,
        )
        nav.register("core:system", _("System status"), icon="activity", order=92, section="platform")

        # stored files follow the database: rollback, crash and deletion leave no files (issue #20)
        from django.core.signals import request_finished

        from ikonnekt.core import filestore

        filestore.connect()
        request_finished.connect(filestore.discard_uncommitted, dispatch_uid="filestore-discard")

        # every serializer's references to shared objects accept only visible objects (issue #20)
        from django.db import models
        from rest_framework import serializers

        from ikonnekt.core.api import BoundedDateTimeField, LocalTimeField, VisibleRelatedField

        serializers.ModelSerializer.serializer_related_field = VisibleRelatedField
        # times outside 1900-2200 would come back with a local-mean-time offset the schema refuses
        serializers.ModelSerializer.serializer_field_mapping[models.DateTimeField] = BoundedDateTimeField
        # times of day are declared as written (HH:MM:SS), not as RFC 3339 times with an offset
        serializers.ModelSerializer.serializer_field_mapping[models.TimeField] = LocalTimeField


def _is_some_admin(user) -> bool:
    """The audit log is for organisation administrators; others would only get 403."""
    from ikonnekt.core.sharing import Role, orgs_with_role

    return bool(user.is_authenticated and orgs_with_role(user, roles={Role.ADMIN}))
