from ikonnekt.assessment.models import Area, Assessment, Catalogue, CatalogueNode, Comment, Rating
from tests.factories import factory


def _shared(obj, shared_with):
    if shared_with:
        obj.shared_with.set(shared_with)
    return obj


def make_tree(catalogue):
    """A small tree: category K → subcategory K.1 → measures M1, M2; category L → measure M3."""
    k = CatalogueNode.objects.create(catalogue=catalogue, kind="group", code="K", title="Umwelt", order=1)
    k1 = CatalogueNode.objects.create(
        catalogue=catalogue, kind="group", code="K.1", title="Energie", parent=k, order=2
    )
    CatalogueNode.objects.create(
        catalogue=catalogue, code="M1", title="Photovoltaik", parent=k1, sdgs=[7], order=3
    )
    CatalogueNode.objects.create(
        catalogue=catalogue, code="M2", title="Wärme", parent=k1, sdgs=[7, 13], order=4
    )
    l_node = CatalogueNode.objects.create(
        catalogue=catalogue, kind="group", code="L", title="Soziales", order=5
    )
    CatalogueNode.objects.create(
        catalogue=catalogue, code="M3", title="Weiterbildung", parent=l_node, sdgs=[4], order=6
    )
    return catalogue


@factory(Catalogue)
def make_catalogue(cast, *, owner, visibility="private", created_by=None, shared_with=(), status="published"):
    catalogue = Catalogue.objects.create(
        title=f"Testkatalog {Catalogue.objects.count() + 1}",
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        status=status,
    )
    make_tree(catalogue)
    return _shared(catalogue, shared_with)


@factory(CatalogueNode)
def make_node(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    catalogue = make_catalogue(
        cast,
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        shared_with=shared_with,
        status="draft",
    )
    return catalogue.nodes.get(code="M1")


@factory(Area)
def make_area(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    area = Area.objects.create(
        name=f"Testgebiet {Area.objects.count() + 1}",
        owner=owner,
        municipality=owner,
        visibility=visibility,
        created_by=created_by,
        geometry={"type": "Point", "coordinates": [6.77, 49.38]},
    )
    return _shared(area, shared_with)


@factory(Assessment)
def make_assessment(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    area = make_area(cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with)
    catalogue = make_catalogue(cast, owner=owner, visibility="platform", created_by=created_by)
    assessment = Assessment.objects.create(
        area=area,
        catalogue=catalogue,
        scenario="Bestand",
        owner=owner,
        visibility=visibility,
        created_by=created_by,
    )
    for level, code in ((3, "M1"), (1, "M2"), (2, "M3")):
        Rating.objects.create(assessment=assessment, measure=catalogue.nodes.get(code=code), level=level)
    return _shared(assessment, shared_with)


@factory(Rating)
def make_rating(cast, **kwargs):
    return make_assessment(cast, **kwargs).ratings.first()


@factory(Comment)
def make_comment(cast, **kwargs):
    assessment = make_assessment(cast, **kwargs)
    return Comment.objects.create(assessment=assessment, text="Test", author=kwargs.get("created_by"))
