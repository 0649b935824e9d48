"""The cooperation list's rows written in Python (cooperations/list_rows.py) give the HTML the
template loop gave, in German and English, with markup in names, a cooperation without goals or
participants, every visibility and the empty list."""

import pytest
from django.db.models import Prefetch
from django.template import engines
from django.utils import translation

from ikonnekt.cooperations import list_rows
from ikonnekt.cooperations.models import Cooperation, Goal, Participation
from ikonnekt.organizations.models import Organisation

# the old templates' prefetch of the participants, for the reference renderings below
PARTICIPANTS = Prefetch(
    "participations",
    queryset=Participation.objects.select_related("organisation").order_by("part"),
)

# The loop of cooperations/list.html before it moved into list_rows.py.
OLD_LOOP = """{% load i18n ikonnekt %}{% for c in object_list %}<tr><td><a href="{{ c.get_absolute_url }}">{{ c.name }}</a></td>
<td class="small">{% for g in c.goals.all %}<span class="goal-dot" style="background: {{ g.colour }}"></span> {{ g }}<br>{% endfor %}</td>
<td class="small">{{ c.get_form_display }}</td><td>{{ c.get_status_display }}</td>
<td class="small">{% for p in c.participations.all %}{{ p.organisation.name }}{% if p.part == "lead" %} <span class="badge text-bg-secondary">{{ p.get_part_display }}</span>{% endif %}{% if not forloop.last %}, {% endif %}{% endfor %}</td>
<td>{% visibility_badge c %}</td></tr>
{% empty %}<tr><td colspan="6" class="text-muted">{% translate "No cooperations found." %}</td></tr>{% endfor %}"""


def _old(cooperations):
    qs = Cooperation.objects.filter(pk__in=[c.pk for c in cooperations]).prefetch_related(
        "goals", PARTICIPANTS
    )
    return engines["django"].from_string(OLD_LOOP).render({"object_list": list(qs)})


@pytest.mark.parametrize("language", ["de", "en"])
def test_rows_as_the_template_gave_them(cast, language):
    odd = Organisation.objects.create(
        name="<script>alert(1)</script> & Co", slug="odd", code="OD", kind="municipality"
    )
    marked = Cooperation.objects.create(
        name='<b>Bauhof</b> & "Partner"',
        form="arbeitskreis",
        status="planned",
        owner=odd,
        visibility="public",
    )
    marked.goals.set(Goal.objects.all())
    Participation.objects.create(cooperation=marked, organisation=odd, part="lead")
    Participation.objects.create(cooperation=marked, organisation=cast.org_b, part="supporter")
    Participation.objects.create(cooperation=marked, organisation=cast.org_z, part="partner")
    bare = Cooperation.objects.create(
        name="Ohne alles", form="zweckverband", status="ended", owner=cast.org_z
    )
    for visibility in ("private", "platform"):
        Cooperation.objects.create(
            name=f"Sichtbar {visibility}",
            form="arbeitskreis",
            status="active",
            owner=cast.org_z,
            visibility=visibility,
        )
    cooperations = list(Cooperation.objects.only(*list_rows.COLUMNS).order_by("name"))
    assert bare in cooperations and len({c.visibility for c in cooperations}) == 4
    with translation.override(language):
        new = str(list_rows.rows_html(cooperations))
        assert new == _old(cooperations)
        assert str(list_rows.rows_html([])) == _old([])
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in new
    assert "&lt;b&gt;Bauhof&lt;/b&gt; &amp; &quot;Partner&quot;" in new


# The goal and participant loops of cooperations/detail.html before they moved into list_rows.py.
OLD_DETAIL = """{% for g in c.goals.all %}<li><span class="goal-dot" style="background: {{ g.colour }}"></span> <strong>{{ g }}</strong> – <span class="text-muted">{{ g.description }}</span></li>{% endfor %}
{% for p in c.participations.all %}<li class="list-group-item d-flex justify-content-between"><a href="{{ p.organisation.get_absolute_url }}">{{ p.organisation }}</a><span class="badge text-bg-light">{{ p.get_part_display }}</span></li>{% endfor %}"""


@pytest.mark.parametrize("language", ["de", "en"])
def test_detail_items_as_the_template_gave_them(cast, language):
    odd = Organisation.objects.create(
        name="<script>alert(1)</script> & Co", slug="odd", code="OD", kind="municipality"
    )
    marked = Cooperation.objects.create(name="Bauhof", form="arbeitskreis", status="planned", owner=odd)
    marked.goals.set(Goal.objects.all())
    Participation.objects.create(cooperation=marked, organisation=odd, part="lead")
    Participation.objects.create(cooperation=marked, organisation=cast.org_b, part="supporter")
    bare = Cooperation.objects.create(name="Ohne alles", form="zweckverband", status="ended", owner=odd)
    written = {}
    for c in (marked, bare):
        c = Cooperation.objects.prefetch_related("goals", PARTICIPANTS).get(pk=c.pk)
        with translation.override(language):
            new = f"{list_rows.goal_items_html(c.pk)}\n{list_rows.participant_items_html(c.pk)}"
            assert new == engines["django"].from_string(OLD_DETAIL).render({"c": c})
        written[c.pk] = new
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in written[marked.pk]
    assert written[bare.pk] == "\n"
