"""Knowledge exchange on a cooperation's page: the articles assigned to it and the questions
that belong to it (the partners' questions to each other)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ikonnekt.cooperations.sections import object_group, object_section
from ikonnekt.knowledge.models import Article, Question


def _question_state(row):
    if row["is_closed"]:
        return _("closed")
    return _("solved") if row["accepted_answer_id"] else _("open")


def sections(request, cooperation):
    return [
        object_section(
            _("Knowledge"),
            [
                object_group(
                    _("Articles"),
                    Article,
                    "knowledge:detail",
                    order_by=("title",),
                    via="cooperations",
                )
            ],
            more_url=reverse("knowledge:list"),
            more_label=_("All knowledge articles"),
        ),
        object_section(
            _("Questions and answers"),
            [
                object_group(
                    _("Questions"),
                    Question,
                    "knowledge:question_detail",
                    order_by=("is_closed", "-created_at", "-pk"),
                    fields=("title", "is_closed", "accepted_answer_id"),
                    describe=_question_state,
                )
            ],
            more_url=reverse("knowledge:questions") + "?" + urlencode({"cooperation": cooperation.pk}),
            more_label=_("All questions of this cooperation"),
        ),
    ]
