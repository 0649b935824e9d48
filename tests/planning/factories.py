from ikonnekt.planning.models import (
    DecisionCheck,
    GoalNode,
    IndicatorValue,
    Measure,
    Megatrend,
    Question,
    QuestionSet,
    Site,
    SiteOwner,
    Vision,
)
from tests.factories import factory

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[6.78, 49.38], [6.7805, 49.38], [6.7805, 49.3803], [6.78, 49.3803], [6.78, 49.38]]],
}


def _share(obj, shared_with):
    if shared_with:
        obj.shared_with.set(shared_with)
    return obj


@factory(Megatrend)
def make_megatrend(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    return _share(
        Megatrend.objects.create(
            owner=owner, visibility=visibility, created_by=created_by, title="Klimawandel"
        ),
        shared_with,
    )


@factory(Vision)
def make_vision(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    return _share(
        Vision.objects.create(
            owner=owner, visibility=visibility, created_by=created_by, title="Grüne Saaraue", horizon=2100
        ),
        shared_with,
    )


@factory(GoalNode)
def make_goalnode(cast, *, owner, visibility="private", created_by=None, shared_with=(), parent=None, **kw):
    defaults = dict(
        kind="target",
        title="Baulücken aktivieren",
        indicator="Aktivierte Baulücken",
        unit="Stück",
        baseline_year=2020,
        baseline_value=0,
        target_year=2030,
        target_value=40,
    )
    defaults.update(kw)
    return _share(
        GoalNode.objects.create(
            owner=owner, visibility=visibility, created_by=created_by, parent=parent, **defaults
        ),
        shared_with,
    )


@factory(Measure)
def make_measure(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    target = make_goalnode(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    return _share(
        Measure.objects.create(
            owner=owner,
            visibility=visibility,
            created_by=created_by,
            title="Baulückenbörse",
            target=target,
            progress=40,
        ),
        shared_with,
    )


@factory(IndicatorValue)
def make_indicator_value(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    node = make_goalnode(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    return IndicatorValue.objects.create(node=node, municipality=owner, year=2024, value=12)


@factory(Site)
def make_site(cast, *, owner, visibility="private", created_by=None, shared_with=(), category="gap", **kw):
    from ikonnekt.planning.geometry import clean_geometry

    geom, area, lat, lon = clean_geometry(kw.pop("geometry", SQUARE))
    return _share(
        Site.objects.create(
            owner=owner,
            visibility=visibility,
            created_by=created_by,
            name="Baulücke Hauptstraße",
            category=category,
            geometry=geom,
            area_m2=area,
            centroid_lat=lat,
            centroid_lon=lon,
            **kw,
        ),
        shared_with,
    )


@factory(SiteOwner)
def make_site_owner(cast, *, owner, visibility="private", created_by=None, shared_with=(), answer="none"):
    site = make_site(cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with)
    return SiteOwner.objects.create(
        site=site, name="Erika Mustermann", street="Weg 1", city="Nalbach", answer=answer
    )


@factory(QuestionSet)
def make_questionset(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    qs = QuestionSet.objects.create(owner=owner, visibility=visibility, created_by=created_by, name="Check")
    Question.objects.create(
        question_set=qs, topic="land", text="Versiegelung?", suggestion="Innen vor außen", order=1
    )
    Question.objects.create(question_set=qs, topic="energy", text="Energie?", order=2)
    return _share(qs, shared_with)


@factory(Question)
def make_question(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    """A question of a question set (it is as visible as its set)."""
    qs = make_questionset(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    return qs.questions.order_by("order").first()


@factory(DecisionCheck)
def make_decisioncheck(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    qs = make_questionset(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    return _share(
        DecisionCheck.objects.create(
            owner=owner,
            visibility=visibility,
            created_by=created_by,
            title="B-Plan Am Litermont",
            question_set=qs,
        ),
        shared_with,
    )
