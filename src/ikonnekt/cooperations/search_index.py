from ikonnekt.cooperations.models import Cooperation
from ikonnekt.search.registry import register

register(Cooperation, title="name", body=["description"])
