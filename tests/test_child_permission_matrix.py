"""Generated permission matrix of every child model (``core.sharing.SharedChild``, issue #19):
role × parent visibility × member/non-member. A child is visible if its parent is (the page and
the API answer 404 otherwise) and changed only by those who may change the parent."""

import pytest

from tests.sharing_matrix import VISIBILITIES, child_permission_matrix, shared_child_models

CHILDREN = shared_child_models()


def test_children_are_discovered():
    labels = {m._meta.label for m in CHILDREN}
    # one per former implementation: core, materials (nested), energy (meter), administration
    assert {"energy.Tariff", "energy.Reading", "materials.FlowValue", "administration.AgendaItem"} <= labels


@pytest.mark.django_db
@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("model", CHILDREN, ids=lambda m: m._meta.label)
def test_child_permission_matrix(cast, client_for, model, visibility):
    child_permission_matrix(model, cast, client_for, visibility)
