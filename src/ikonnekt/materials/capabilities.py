"""System page: is the optimisation solver (HiGHS inside SciPy) available?"""

from django.utils.translation import gettext as _


def capabilities():
    try:
        import scipy
        from scipy.optimize import milp  # noqa: F401  (HiGHS MILP interface, SciPy ≥ 1.9)
    except ImportError as exc:
        return [{"name": _("HiGHS solver (SciPy)"), "ok": False, "detail": str(exc)}]
    return [{"name": _("HiGHS solver (SciPy)"), "ok": True, "detail": f"SciPy {scipy.__version__}"}]
