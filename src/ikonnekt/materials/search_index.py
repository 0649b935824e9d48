from ikonnekt.materials.models import GreenWasteScenario, MfaSystem
from ikonnekt.search.registry import register

register(MfaSystem, title="name", body=["description", "boundary"])
register(GreenWasteScenario, title="name", body=["description"])
