"""Cooperation changes: lead participation, participants and audit in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikonnekt.cooperations.models import Part, Participation
from ikonnekt.core import actions, audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.sharing import Role, has_role


def _check_participants(cooperation) -> None:
    parts = list(cooperation.participations.all())
    leads = [p for p in parts if p.part == Part.LEAD]
    if len(leads) != 1 or leads[0].organisation_id != cooperation.owner_id:
        raise ValidationError(
            _("A cooperation has exactly one lead organisation, and it is the owner (%(org)s).")
            % {"org": cooperation.owner}
        )


@transaction.atomic
def create_cooperation(actor: Actor, owner_id: int, save, participants=None):
    """``participants``: iterable of (organisation, part, joined_on) besides the lead."""
    if not has_role(actor.user, owner_id, roles={Role.ADMIN}):
        raise PermissionDenied(_("Only administrators of the lead organisation may create a cooperation."))

    def save_with_lead():
        cooperation = save()
        Participation.objects.get_or_create(
            cooperation=cooperation, organisation_id=owner_id, defaults={"part": Part.LEAD}
        )
        for organisation, part, joined_on in participants or ():
            if organisation.pk == owner_id:
                continue
            Participation.objects.update_or_create(
                cooperation=cooperation,
                organisation=organisation,
                defaults={"part": part, "joined_on": joined_on},
            )
        _check_participants(cooperation)
        return cooperation

    return actions.create_object(actor, owner_id, save_with_lead)


@transaction.atomic
def update_cooperation(actor: Actor, cooperation, save, formset=None):
    def save_all():
        saved = save()
        if formset is not None:
            before = sorted(saved.participations.values_list("organisation_id", "part"))
            formset.instance = saved
            formset.save()
            after = sorted(saved.participations.values_list("organisation_id", "part"))
            if before != after:
                audit.record(actor, AuditAction.UPDATE, saved, changes={"participants": [before, after]})
        _check_participants(saved)
        return saved

    return actions.update_object(actor, cooperation, save_all)
