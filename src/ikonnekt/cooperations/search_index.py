from ikonnekt.cooperations.models import Announcement, Cooperation
from ikonnekt.search.registry import register

register(Cooperation, title="name", body=["description"])
register(Announcement, title="title", body=["body"])
