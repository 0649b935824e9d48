"""What the API of joint administration shares: the cooperation check of top-level objects and the
refusal to delete what is still referred to."""

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import serializers

from ikonnekt.administration import models as m


class CooperationCheckMixin:
    """The cooperation must be visible to the user and the owner must take part in it."""

    def get_fields(self):
        # Choices limited to what the user may see, so an id never tells whether a hidden object exists.
        from ikonnekt.cooperations.models import Cooperation

        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        if "cooperation" in fields and not fields["cooperation"].read_only:
            fields["cooperation"].queryset = Cooperation.objects.visible_to(user)
        if "agreement" in fields and not fields["agreement"].read_only:
            fields["agreement"].queryset = m.Agreement.objects.visible_to(user)
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        coop = attrs.get("cooperation") or getattr(self.instance, "cooperation", None)
        owner = attrs.get("owner") or getattr(self.instance, "owner", None)
        request = self.context["request"]
        if coop is not None:
            if not coop.is_visible_to(request.user):
                raise serializers.ValidationError({"cooperation": "Unknown cooperation."})
            if self.instance is not None and coop.pk != self.instance.cooperation_id:
                raise serializers.ValidationError({"cooperation": "The cooperation cannot change."})
            if owner is not None and not coop.participations.filter(organisation=owner).exists():
                raise serializers.ValidationError(
                    {"cooperation": "The owner organisation does not take part in this cooperation."}
                )
        return attrs


class ProtectedDeleteMixin:
    """Objects still used elsewhere (a settlement, a cost key) answer 400 with the reason, not 500."""

    def perform_destroy(self, instance):
        from django.db.models import ProtectedError, RestrictedError

        try:
            with transaction.atomic():
                super().perform_destroy(instance)
        except (ProtectedError, RestrictedError) as exc:
            objs = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
            used = sorted({str(o._meta.verbose_name) for o in objs})
            raise serializers.ValidationError(
                {
                    "non_field_errors": [
                        _("Still in use (%(what)s); end or archive it instead.") % {"what": ", ".join(used)}
                    ]
                }
            ) from None
