"""The demo loads idempotently and reproduces the shape of the seed's result for the Primsaue."""

import pytest
from django.core.management import call_command

from ikonnekt.assessment import results
from ikonnekt.assessment.models import Assessment, Catalogue, Rating


@pytest.mark.django_db
def test_demo_is_idempotent_and_seed_like():
    call_command("load_demo", "--only", "assessment", verbosity=0)
    counts = (Catalogue.objects.count(), Assessment.objects.count(), Rating.objects.count())
    call_command("load_demo", "--only", "assessment", verbosity=0)
    assert (Catalogue.objects.count(), Assessment.objects.count(), Rating.objects.count()) == counts
    assert Catalogue.objects.filter(is_example=True, status="published", visibility="platform").count() == 2

    variant = Assessment.objects.get(
        area__name__startswith="Gewerbegebiet Primsaue", scenario="Planung Variante A"
    )
    nodes = results.catalogue_nodes([variant.catalogue_id])[variant.catalogue_id]
    result = results.score_assessment(variant, nodes)
    categories = {n.title: result.nodes[n.pk].percent for n in nodes if n.parent_id is None}
    assert categories["Soziale Nachhaltigkeit"] == 100
    assert categories["Wirtschaftliche Entwicklung"] == 100
    assert 70 <= categories["Umwelt, Klimaschutz und Klimaanpassung"] <= 78
    mean = sum(categories.values()) / 3
    assert abs(result.total.percent - mean) > 3  # pooled total is not the mean of the categories


@pytest.mark.django_db
def test_load_example_catalogues_command(cast):
    call_command("load_example_catalogues", "--owner", cast.org_a.slug, verbosity=0)
    call_command("load_example_catalogues", "--owner", cast.org_a.slug, verbosity=0)
    examples = Catalogue.objects.filter(is_example=True)
    assert examples.count() == 2
    assert all(c.status == "published" and c.nodes.filter(kind="measure").exists() for c in examples)
