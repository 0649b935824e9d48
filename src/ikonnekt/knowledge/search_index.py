from django.utils.translation import gettext_lazy as _

from ikonnekt.knowledge.models import Article, Question
from ikonnekt.search.registry import register

register(Article, title="title", body=["summary", "body"], facets=["kind"], label=_("Knowledge articles"))
register(Question, title="title", body=["body"], label=_("Questions"))
