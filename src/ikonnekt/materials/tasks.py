"""Background optimisation of large green-waste scenarios."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from ikonnekt.core.audit import Actor
from ikonnekt.core.jobs import job
from ikonnekt.materials import actions
from ikonnekt.materials.allocation import AllocationError
from ikonnekt.materials.greenwaste import optimise_scenario
from ikonnekt.materials.models import GreenWasteScenario


@job("materials.optimise")
def optimise(job_row, scenario_id, user_id=None):
    scenario = GreenWasteScenario.objects.filter(pk=scenario_id).first()
    if scenario is None:
        return {"message": _("The scenario no longer exists.")}
    user = get_user_model().objects.filter(pk=user_id).first()
    job_row.set_progress(5, _("Building the model"))
    try:
        result = optimise_scenario(scenario, progress=job_row.set_progress)
    except AllocationError as exc:
        return {"message": " ".join(exc.messages), "url": scenario.get_absolute_url()}
    actions.save_optimisation(Actor.system(user=user, organisation=job_row.organisation), scenario, result)
    return {"url": scenario.get_absolute_url(), "message": _("Optimisation finished.")}
