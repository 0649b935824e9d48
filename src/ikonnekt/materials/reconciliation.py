"""Data reconciliation of a material-flow system (weighted least squares with balance constraints).

Plain NumPy/SciPy, no web code. The method is the classical one used by STAN (Cencic & Rechberger
2008) and described by Narasimhan & Jordache, *Data Reconciliation and Gross Error Detection* (2000):

* every flow and every stock change is a variable; a variable is *measured* (value with a standard
  uncertainty σ > 0), *known* (value with σ = 0, a constant) or *unknown* (no value);
* every process gives one balance ``Σ inputs − Σ outputs − Δstock = 0``; a transfer coefficient
  ``tc`` of an outflow adds ``outflow − tc · Σ inputs = 0``;
* unknowns are eliminated with a projection ``P`` onto the left null space of their columns
  (Crowe 1983), which leaves the constraints ``B x = d`` on the measured variables only;
* ``x̂ = y − Σ Bᵀ (B Σ Bᵀ)⁻¹ (B y − d)``, ``cov(x̂) = Σ − Σ Bᵀ (B Σ Bᵀ)⁻¹ B Σ``;
* unknowns follow from ``A_u u = d₀ − A_x x̂`` where they are observable (their column set has full
  rank there) and carry the propagated covariance ``G A_x cov(x̂) A_xᵀ Gᵀ`` with ``G = A_u⁺``;
* global test: ``χ² = rᵀ (B Σ Bᵀ)⁻¹ r`` with ``r = B y − d`` and ``rank(B)`` degrees of freedom;
  a measurement is flagged when its adjustment divided by the adjustment's standard deviation
  exceeds the two-sided normal quantile (default α = 5 %, |z| > 1.96).
"""

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from scipy import linalg, special

TOL = 1e-9


class ReconciliationError(ValueError):
    """Bad input or inconsistent constraints; ``messages`` lists what is wrong in plain words."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))


@dataclass
class Variable:
    """A flow (source → target; ``None`` = outside the system boundary) or a stock change."""

    id: str
    source: str | None = None
    target: str | None = None
    value: float | None = None
    sigma: float | None = None
    is_stock: bool = False  # stock change of process ``target``


@dataclass
class TransferCoefficient:
    flow_id: str
    coefficient: float


@dataclass
class VariableResult:
    id: str
    measured: float | None
    value: float | None
    sigma: float | None
    status: str  # redundant / measured-nonredundant / known / observable / unobservable
    adjustment: float = 0.0
    test_statistic: float | None = None
    flagged: bool = False


@dataclass
class Result:
    variables: list[VariableResult]
    chi2: float
    dof: int
    p_value: float | None
    accepted: bool
    alpha: float
    balances: dict = field(default_factory=dict)  # process → residual after reconciliation
    warnings: list[str] = field(default_factory=list)

    def by_id(self):
        return {v.id: v for v in self.variables}


def _validate(variables, tcs):
    errors = []
    seen = set()
    for v in variables:
        if v.id in seen:
            errors.append(_("Flow “%(id)s” appears twice.") % {"id": v.id})
        seen.add(v.id)
        if v.value is not None and not np.isfinite(v.value):
            errors.append(_("Flow “%(id)s”: the value is not a number.") % {"id": v.id})
        if v.value is not None and v.value < 0 and not v.is_stock:
            errors.append(
                _("Flow “%(id)s”: negative values are not allowed (%(v)s).") % {"id": v.id, "v": v.value}
            )
        if v.sigma is not None and (not np.isfinite(v.sigma) or v.sigma < 0):
            errors.append(_("Flow “%(id)s”: the uncertainty must not be negative.") % {"id": v.id})
        if not v.is_stock and v.source is None and v.target is None:
            errors.append(_("Flow “%(id)s” has neither a source nor a target process.") % {"id": v.id})
        if not v.is_stock and v.source is not None and v.source == v.target:
            errors.append(_("Flow “%(id)s” starts and ends in the same process.") % {"id": v.id})
    flow_ids = {v.id: v for v in variables if not v.is_stock}
    for tc in tcs:
        flow = flow_ids.get(tc.flow_id)
        if flow is None:
            errors.append(_("Transfer coefficient for unknown flow “%(id)s”.") % {"id": tc.flow_id})
        elif flow.source is None:
            errors.append(
                _("Flow “%(id)s” is an import; a transfer coefficient needs a source process.")
                % {"id": tc.flow_id}
            )
        elif not 0 <= tc.coefficient <= 1:
            errors.append(
                _("Transfer coefficient of “%(id)s” must lie between 0 and 1.") % {"id": tc.flow_id}
            )
    if errors:
        raise ReconciliationError(errors)


def constraint_matrix(variables, processes, tcs=()):
    """Rows: one balance per process, then one row per transfer coefficient. Returns (A, labels)."""
    index = {p: i for i, p in enumerate(processes)}
    col = {v.id: j for j, v in enumerate(variables)}
    n_rows = len(processes) + len(tcs)
    A = np.zeros((n_rows, len(variables)))
    for j, v in enumerate(variables):
        if v.is_stock:
            A[index[v.target], j] -= 1.0
            continue
        if v.target is not None:
            A[index[v.target], j] += 1.0
        if v.source is not None:
            A[index[v.source], j] -= 1.0
    labels = [("balance", p) for p in processes]
    for k, tc in enumerate(tcs):
        row = len(processes) + k
        flow = variables[col[tc.flow_id]]
        A[row, col[tc.flow_id]] += 1.0
        for j, v in enumerate(variables):
            if not v.is_stock and v.target == flow.source:
                A[row, j] -= tc.coefficient
        labels.append(("tc", tc.flow_id))
    return A, labels


def label_text(label):
    kind, name = label
    if kind == "balance":
        return _("balance of %(p)s") % {"p": name}
    return _("transfer coefficient of %(f)s") % {"f": name}


def _svd_parts(M, rows):
    """(left null space rows P, pseudo-inverse, right null space) of ``M`` from one SVD."""
    if M.shape[1] == 0:
        return np.eye(rows), np.zeros((0, rows)), np.zeros((0, 0))
    U, s, Vt = linalg.svd(M, full_matrices=True, lapack_driver="gesdd")
    tol = max(M.shape) * np.finfo(float).eps * (s[0] if s.size else 0.0)
    r = int((s > tol).sum())
    P = U[:, r:].T
    pinv = (Vt[:r].T / s[:r]) @ U[:, :r].T
    N = Vt[r:].T
    return P, pinv, N


def reconcile(variables, processes=None, tcs=(), alpha=0.05) -> Result:
    """Reconcile ``variables`` against the balances of ``processes`` (see the module docstring)."""
    variables = list(variables)
    tcs = list(tcs)
    _validate(variables, tcs)
    if processes is None:
        processes = []
        for v in variables:
            for p in (v.source, v.target):
                if p is not None and p not in processes:
                    processes.append(p)
    processes = list(processes)
    known_processes = set(processes)
    unknown = sorted(
        {p for v in variables for p in (v.source, v.target) if p is not None and p not in known_processes}
    )
    if unknown:
        raise ReconciliationError(
            [_("Flows refer to unknown processes: %(names)s.") % {"names": ", ".join(unknown)}]
        )
    warnings = []
    for p in processes:
        attached = [
            v for v in variables if p in (v.source, v.target) and not (v.is_stock and v.value is None)
        ]
        if not any(v.value is not None for v in attached):
            warnings.append(_("Process “%(p)s” has no measured data.") % {"p": p})

    A, labels = constraint_matrix(variables, processes, tcs)
    n = len(variables)
    measured = [j for j, v in enumerate(variables) if v.value is not None and (v.sigma or 0) > 0]
    known = [j for j, v in enumerate(variables) if v.value is not None and not (v.sigma or 0) > 0]
    unknown_idx = [j for j, v in enumerate(variables) if v.value is None]
    y = np.array([variables[j].value for j in measured], dtype=float)
    sig = np.array([variables[j].sigma for j in measured], dtype=float)
    c = np.array([variables[j].value for j in known], dtype=float)
    A_x, A_u, A_c = A[:, measured], A[:, unknown_idx], A[:, known]
    d0 = -(A_c @ c) if known else np.zeros(A.shape[0])

    P, G, N = _svd_parts(A_u, A.shape[0])
    B = P @ A_x
    d = P @ d0
    # Compress to independent rows; components without measured variables must hold exactly.
    if B.size:
        U, s, _vt = linalg.svd(B, full_matrices=True)
        scale = max(1.0, s[0] if s.size else 1.0)
        rank = int((s > 1e-10 * scale).sum())
    else:
        U = np.eye(B.shape[0])
        rank = 0
    Ur, U0 = U[:, :rank], U[:, rank:]
    if U0.shape[1]:
        leftover = U0.T @ d
        scale_d = max(1.0, float(np.abs(d0).max()) if d0.size else 1.0)
        bad = np.abs(leftover) > 1e-8 * scale_d
        if bad.any():
            combo = P.T @ U0[:, bad]
            rows = [label_text(labels[i]) for i in range(len(labels)) if np.abs(combo[i]).max() > 1e-8]
            raise ReconciliationError(
                [
                    _("The constraints contradict each other: %(rows)s cannot all hold.")
                    % {"rows": "; ".join(rows)}
                ]
            )
    Bc = Ur.T @ B
    dc = Ur.T @ d

    Sigma = np.diag(sig**2)
    x_hat = y.copy()
    cov_x = Sigma.copy()
    cov_adj = np.zeros_like(Sigma)
    chi2 = 0.0
    if rank:
        S = Bc @ Sigma @ Bc.T
        r = Bc @ y - dc
        S_inv_r = linalg.solve(S, r, assume_a="pos")
        K = Sigma @ Bc.T
        x_hat = y - K @ S_inv_r
        cov_adj = K @ linalg.solve(S, K.T, assume_a="pos")
        cov_x = Sigma - cov_adj
        chi2 = float(r @ S_inv_r)
    p_value = float(special.chdtrc(rank, chi2)) if rank else None
    accepted = p_value is None or p_value >= alpha
    z_crit = float(special.ndtri(1 - alpha / 2))

    results: list[VariableResult | None] = [None] * n
    col_norm = np.linalg.norm(Bc, axis=0) if rank else np.zeros(len(measured))
    for k, j in enumerate(measured):
        v = variables[j]
        adj = float(x_hat[k] - y[k])
        var_adj = float(cov_adj[k, k])
        redundant = col_norm[k] > 1e-10
        z = abs(adj) / np.sqrt(var_adj) if redundant and var_adj > 1e-18 else None
        results[j] = VariableResult(
            id=v.id,
            measured=v.value,
            value=float(x_hat[k]),
            sigma=float(np.sqrt(max(cov_x[k, k], 0.0))),
            status="redundant" if redundant else "measured-nonredundant",
            adjustment=adj,
            test_statistic=None if z is None else float(z),
            flagged=bool(z is not None and z > z_crit),
        )
    for j in known:
        v = variables[j]
        results[j] = VariableResult(
            id=v.id, measured=v.value, value=float(v.value), sigma=0.0, status="known"
        )

    full_values = np.zeros(n)
    full_values[measured] = x_hat
    full_values[known] = c
    if unknown_idx:
        rhs = d0 - A_x @ x_hat
        u = G @ rhs
        cov_u = G @ A_x @ cov_x @ A_x.T @ G.T
        for k, j in enumerate(unknown_idx):
            v = variables[j]
            observable = N.shape[1] == 0 or np.abs(N[k]).max() < 1e-9
            if observable:
                full_values[j] = u[k]
                results[j] = VariableResult(
                    id=v.id,
                    measured=None,
                    value=float(u[k]),
                    sigma=float(np.sqrt(max(cov_u[k, k], 0.0))),
                    status="observable",
                )
            else:
                full_values[j] = np.nan
                results[j] = VariableResult(
                    id=v.id, measured=None, value=None, sigma=None, status="unobservable"
                )
    balances = {}
    for i, p in enumerate(processes):
        row = A[i]
        involved = np.nonzero(row)[0]
        vals = full_values[involved]
        balances[p] = None if np.isnan(vals).any() else float(row[involved] @ vals)
    for v, res in zip(variables, results, strict=True):
        if res.value is not None and res.value < -1e-9 and not v.is_stock:
            warnings.append(
                _("Flow “%(id)s” reconciles to a negative value; check its data.") % {"id": res.id}
            )
    return Result(
        variables=results,
        chi2=chi2,
        dof=rank,
        p_value=p_value,
        accepted=accepted,
        alpha=alpha,
        balances=balances,
        warnings=warnings,
    )


def raw_balances(variables, processes):
    """Residual ``Σ in − Σ out − Δstock`` per process from the raw data (``None`` if data missing)."""
    out = {}
    for p in processes:
        total = 0.0
        complete = True
        for v in variables:
            sign = 0
            if v.is_stock and v.target == p:
                sign = -1
            elif not v.is_stock:
                sign = (1 if v.target == p else 0) - (1 if v.source == p else 0)
            if sign:
                if v.value is None:
                    complete = False
                else:
                    total += sign * v.value
        out[p] = total if complete else None
    return out
