from ikonnekt.cooperations.models import Announcement, Cooperation, Goal, Participation
from tests.factories import factory


@factory(Cooperation)
def make_cooperation(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    coop = Cooperation.objects.create(
        name=f"Test cooperation {Cooperation.objects.count() + 1}",
        form="arbeitskreis",
        status="active",
        owner=owner,
        visibility=visibility,
        created_by=created_by,
    )
    coop.goals.set(Goal.objects.filter(key="knowledge"))
    Participation.objects.create(cooperation=coop, organisation=owner, part="lead")
    # "cooperation" visibility of a cooperation: visible to its participants.
    for shared in shared_with:
        for p in shared.participations.exclude(organisation=owner):
            Participation.objects.get_or_create(
                cooperation=coop, organisation=p.organisation, defaults={"part": "partner"}
            )
    return coop


@factory(Announcement)
def make_announcement(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    note = Announcement.objects.create(
        owner=owner,
        title="Grünschnittplatz geschlossen",
        body="Am Montag zu.",
        visibility=visibility,
        created_by=created_by,
    )
    note.shared_with.set(shared_with)
    return note
