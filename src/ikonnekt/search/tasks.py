from django.utils.translation import gettext as _

from ikonnekt.core.jobs import job
from ikonnekt.search import indexer


@job("search.rebuild")
def rebuild(job_row, keys=None):
    def progress(done, total):
        job_row.set_progress(
            int(done * 100 / total), _("%(done)s of %(total)s objects") % {"done": done, "total": total}
        )

    count = indexer.rebuild(keys=keys, progress=progress)
    return {"message": _("Search index rebuilt: %(n)s objects.") % {"n": count}}
