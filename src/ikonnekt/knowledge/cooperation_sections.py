"""Knowledge exchange on a cooperation's page: the articles assigned to it and the questions
that belong to it (the partners' questions to each other)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ikonnekt.cooperations.sections import object_group, object_section
from ikonnekt.knowledge.models import Article, Question


def _question_state(question):
    if question.is_closed:
        return _("closed")
    return _("solved") if question.accepted_answer_id else _("open")


def sections(request, cooperation):
    articles = Article.objects.visible_to(request.user).filter(cooperations=cooperation)
    questions = Question.objects.visible_to(request.user).filter(cooperation=cooperation)
    return [
        object_section(
            _("Knowledge"),
            [object_group(_("Articles"), articles.order_by("title"))],
            more_url=reverse("knowledge:list"),
            more_label=_("All knowledge articles"),
        ),
        object_section(
            _("Questions and answers"),
            [
                object_group(
                    _("Questions"),
                    questions.order_by("is_closed", "-created_at", "-pk"),
                    describe=_question_state,
                )
            ],
            more_url=reverse("knowledge:questions") + "?" + urlencode({"cooperation": cooperation.pk}),
            more_label=_("All questions of this cooperation"),
        ),
    ]
