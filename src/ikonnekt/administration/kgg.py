"""State law on municipal cooperation as data, and what it means for one agreement.

Each German state has its own law on municipal cooperation. The rules the platform applies are kept
here per state, each with the paragraph it rests on, so that a lawyer can check them line by line
(docs/administration.md, section "Rechtsgrundlagen"). ``verified=False`` marks a rule whose wording
could not be checked against the text of the law when this module was written; the page shows that.

Sources read (wording checked):

* Saarland: Gesetz über die kommunale Gemeinschaftsarbeit (KGG) i. d. F. vom 27. Juni 1997
  (Amtsbl. S. 723), Gl.-Nr. 2020-5: § 1 (forms), § 7 (approval of the association statute),
  § 17 (content of the public-law agreement: delegating "in seine Zuständigkeit übernimmt" or
  mandating "sich verpflichtet, solche Aufgaben ... durchzuführen"; Abs. 3 termination rights
  for terms over ten years or open-ended), § 18 (written form, approval for delegating, notice
  for mandating, publication by the supervisory authority, effect on the day after publication
  unless the agreement names a later date; Abs. 3 the same for changes and ending), § 22
  (supervisory authority).
* Thüringen: Thüringer Gesetz über die kommunale Gemeinschaftsarbeit (ThürKGG) i. d. F. vom
  10. Oktober 2001 (GVBl. S. 290): § 12 (publication and effect), § 13 Abs. 3 (termination clause
  for terms over 20 years or open-ended), § 46 Abs. 1 Nr. 1 (ministry supervises when a
  municipality of another state takes part).
* Brandenburg: Gesetz über kommunale Gemeinschaftsarbeit im Land Brandenburg (GKGBbg) vom
  10. Juli 2014 (GVBl. I Nr. 32): § 1 Abs. 4 (cooperation with another state's municipality only
  under a state treaty), § 2 (forms), § 8 (publication by the parties under their statute rules).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Step names of the workflow after the signature (also AgreementStatus values).
APPROVAL = "approved"
NOTICE = "supervisory"
PUBLICATION = "published"

# When an agreement takes effect.
DAY_AFTER_PUBLICATION = "day_after_publication"
ON_SIGNATURE = "on_signature"


@dataclass(frozen=True)
class Rule:
    """One requirement with the paragraph it rests on."""

    paragraph: str
    verified: bool = True
    note: str = ""


@dataclass(frozen=True)
class KindRules:
    """What a state's law requires for one kind of agreement."""

    name: str  # the law's own word for this form
    roles: tuple  # party roles allowed
    single_role: str = ""  # the role exactly one party holds (the one taking over / performing)
    approval: Rule | None = None
    notice: Rule | None = None
    publication: Rule | None = None
    effect: str = DAY_AFTER_PUBLICATION
    effect_rule: Rule | None = None
    form_rule: Rule | None = None


@dataclass(frozen=True)
class StateLaw:
    code: str
    name: str
    law: str
    title: str
    ags_prefix: str
    kinds: dict = field(default_factory=dict)
    long_term_years: int | None = None
    long_term_rule: Rule | None = None
    cross_state_rule: Rule | None = None

    def __str__(self):
        return str(self.name)


DELEGATING = "delegating"
TAKING_OVER = "taking_over"
MANDATING = "mandating"
MANDATED = "mandated"
MEMBER = "member"
EQUAL = "equal"

SAARLAND = StateLaw(
    code="SL",
    name=pgettext_lazy("German state", "Saarland"),
    law="KGG",
    title="Gesetz über die kommunale Gemeinschaftsarbeit (KGG) Saarland",
    ags_prefix="10",
    kinds={
        "zv_delegating": KindRules(
            name=_("public-law agreement, delegating (§ 17 Abs. 1 Alt. 1 KGG)"),
            roles=(DELEGATING, TAKING_OVER),
            single_role=TAKING_OVER,
            approval=Rule("§ 18 Abs. 1 Satz 2 KGG"),
            publication=Rule("§ 18 Abs. 1 Satz 5 KGG"),
            effect=DAY_AFTER_PUBLICATION,
            effect_rule=Rule("§ 18 Abs. 2 KGG"),
            form_rule=Rule("§ 18 Abs. 1 Satz 1 KGG"),
        ),
        "zv_mandating": KindRules(
            name=_("public-law agreement, mandating (§ 17 Abs. 1 Alt. 2 KGG)"),
            roles=(MANDATING, MANDATED),
            single_role=MANDATED,
            notice=Rule("§ 18 Abs. 1 Satz 3 KGG"),
            publication=Rule("§ 18 Abs. 1 Satz 5 KGG"),
            effect=DAY_AFTER_PUBLICATION,
            effect_rule=Rule("§ 18 Abs. 2 KGG"),
            form_rule=Rule("§ 18 Abs. 1 Satz 1 KGG"),
        ),
        "zweckverband": KindRules(
            name=_("special-purpose association (Zweckverband, §§ 2 ff. KGG)"),
            roles=(MEMBER,),
            approval=Rule("§ 7 Abs. 1 KGG"),
            publication=Rule(
                "§ 8 KGG",
                verified=False,
                note=_("Publication of the statute: wording of § 8 KGG not checked."),
            ),
            effect=DAY_AFTER_PUBLICATION,
            effect_rule=Rule(
                "§ 8 KGG",
                verified=False,
                note=_("When the association comes into being: wording of § 8 KGG not checked."),
            ),
        ),
        "arbeitsgemeinschaft": KindRules(
            name=_("working group (Arbeitsgemeinschaft, § 21 KGG)"),
            roles=(EQUAL, MEMBER),
            effect=ON_SIGNATURE,
            effect_rule=Rule(
                "§ 21 KGG",
                verified=False,
                note=_("No approval, notice or publication found; wording of § 21 KGG not checked."),
            ),
        ),
    },
    long_term_years=10,
    long_term_rule=Rule("§ 17 Abs. 3 KGG"),
    cross_state_rule=Rule(
        "§ 1 KGG",
        verified=False,
        note=_("The KGG has no rule on agreements with municipalities of other states that we could check."),
    ),
)

THUERINGEN = StateLaw(
    code="TH",
    name=pgettext_lazy("German state", "Thuringia"),
    law="ThürKGG",
    title="Thüringer Gesetz über die kommunale Gemeinschaftsarbeit (ThürKGG)",
    ags_prefix="16",
    kinds={
        "zv_delegating": KindRules(
            name=_("Zweckvereinbarung, delegating (§§ 7, 8 ThürKGG)"),
            roles=(DELEGATING, TAKING_OVER),
            single_role=TAKING_OVER,
            approval=Rule(
                "§ 11 ThürKGG",
                verified=False,
                note=_("Approval assumed for a transfer of powers; wording of § 11 ThürKGG not checked."),
            ),
            publication=Rule("§ 12 Abs. 1 Satz 1 ThürKGG"),
            effect=DAY_AFTER_PUBLICATION,
            effect_rule=Rule("§ 12 Abs. 1 Satz 3, Abs. 3 ThürKGG"),
        ),
        "zv_mandating": KindRules(
            name=_("Zweckvereinbarung, mandating (§ 7 ThürKGG)"),
            roles=(MANDATING, MANDATED),
            single_role=MANDATED,
            notice=Rule(
                "§ 11 ThürKGG",
                verified=False,
                note=_("Notice assumed for a mandate; wording of § 11 ThürKGG not checked."),
            ),
            effect=ON_SIGNATURE,
            effect_rule=Rule("§ 12 Abs. 2, Abs. 3 ThürKGG"),
        ),
        "zweckverband": KindRules(
            name=_("special-purpose association (Zweckverband, §§ 16 ff. ThürKGG)"),
            roles=(MEMBER,),
            approval=Rule("§ 18 Abs. 1 ThürKGG"),
            publication=Rule("§ 19 ThürKGG", verified=False),
            effect=DAY_AFTER_PUBLICATION,
            effect_rule=Rule("§ 19 Abs. 1 ThürKGG", verified=False),
        ),
        "arbeitsgemeinschaft": KindRules(
            name=_("working group (Arbeitsgemeinschaft, §§ 4 ff. ThürKGG)"),
            roles=(EQUAL, MEMBER),
            effect=ON_SIGNATURE,
            effect_rule=Rule("§§ 4, 5 ThürKGG", verified=False),
        ),
    },
    long_term_years=20,
    long_term_rule=Rule("§ 13 Abs. 3 ThürKGG"),
    cross_state_rule=Rule("§ 46 Abs. 1 Nr. 1 ThürKGG"),
)

BRANDENBURG = StateLaw(
    code="BB",
    name=pgettext_lazy("German state", "Brandenburg"),
    law="GKGBbg",
    title="Gesetz über kommunale Gemeinschaftsarbeit im Land Brandenburg (GKGBbg)",
    ags_prefix="12",
    kinds={
        "zv_delegating": KindRules(
            name=_("public-law agreement, delegating (§ 5 GKGBbg)"),
            roles=(DELEGATING, TAKING_OVER),
            single_role=TAKING_OVER,
            notice=Rule(
                "GKGBbg, Teil 5",
                verified=False,
                note=_(
                    "Notice to the supervisory authority instead of approval (Runderlass 2/2014, "
                    "no. 2.6); paragraph not checked."
                ),
            ),
            publication=Rule("§ 8 Abs. 1 GKGBbg"),
            effect=DAY_AFTER_PUBLICATION,
            effect_rule=Rule("§ 9 GKGBbg", verified=False, note=_("Wording of § 9 GKGBbg not checked.")),
        ),
        "zv_mandating": KindRules(
            name=_("public-law agreement, mandating (§ 5 GKGBbg)"),
            roles=(MANDATING, MANDATED),
            single_role=MANDATED,
            notice=Rule(
                "GKGBbg, Teil 5",
                verified=False,
                note=_(
                    "Notice to the supervisory authority (Runderlass 2/2014, no. 2.6.2); paragraph not checked."
                ),
            ),
            publication=Rule("§ 8 Abs. 1 GKGBbg"),
            effect=DAY_AFTER_PUBLICATION,
            effect_rule=Rule("§ 9 GKGBbg", verified=False, note=_("Wording of § 9 GKGBbg not checked.")),
        ),
        "zweckverband": KindRules(
            name=_("special-purpose association (Zweckverband, §§ 10 ff. GKGBbg)"),
            roles=(MEMBER,),
            publication=Rule("§ 14 GKGBbg", verified=False),
            effect=DAY_AFTER_PUBLICATION,
            effect_rule=Rule("§ 14 GKGBbg", verified=False),
        ),
        "arbeitsgemeinschaft": KindRules(
            name=_("working group (Arbeitsgemeinschaft, § 4 GKGBbg)"),
            roles=(EQUAL, MEMBER),
            effect=ON_SIGNATURE,
            effect_rule=Rule("§ 4 GKGBbg", verified=False),
        ),
    },
    long_term_years=None,  # GKGBbg § 7 (content) not checked: no term rule applied
    cross_state_rule=Rule("§ 1 Abs. 4 GKGBbg"),
)

STATES = {s.code: s for s in (SAARLAND, THUERINGEN, BRANDENBURG)}
DEFAULT_STATE = SAARLAND  # the platform's home state (Landkreis Saarlouis)

# Kinds outside the cooperation laws (usage agreements, private-law contracts, letters of intent):
# no supervisory step; effect on signature or the date the agreement names.
OUTSIDE_KGG = KindRules(name=_("outside the cooperation law"), roles=(EQUAL,), effect=ON_SIGNATURE)


def state_of(organisation) -> StateLaw | None:
    """The state whose law applies to an organisation, from the first two digits of its AGS."""
    ags = (getattr(organisation, "ags", "") or "").strip()
    for state in STATES.values():
        if ags.startswith(state.ags_prefix):
            return state
    return None


@dataclass
class Finding:
    level: str  # "danger", "warning", "info"
    text: str
    paragraph: str = ""


@dataclass
class Judgement:
    """What the law requires of one agreement, combined over the states of its parties."""

    states: list
    assumed_state: bool
    cross_state: bool
    kind_rules: dict  # state code -> KindRules
    steps: list  # ordered subset of APPROVAL, NOTICE, PUBLICATION
    step_rules: dict  # step -> list of (state, Rule)
    effect: str
    findings: list

    @property
    def under_kgg(self) -> bool:
        return any(r is not OUTSIDE_KGG for r in self.kind_rules.values())

    @property
    def roles(self) -> tuple:
        roles = None
        for r in self.kind_rules.values():
            roles = r.roles if roles is None else tuple(x for x in roles if x in r.roles)
        return roles or (EQUAL,)

    @property
    def single_role(self) -> str:
        return next((r.single_role for r in self.kind_rules.values() if r.single_role), "")

    def paragraphs(self, step) -> str:
        return "; ".join(
            f"{rule.paragraph}{'' if rule.verified else ' (*)'}"
            for _state, rule in self.step_rules.get(step, [])
        )


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def term_start(agreement) -> date | None:
    return agreement.effective_from_agreed or agreement.valid_from or agreement.signed_on


def is_long_term(agreement, years: int) -> bool:
    """Open-ended (no end, or renewing automatically) or longer than ``years`` years."""
    if agreement.term_end is None or agreement.renewal_months:
        return True
    start = term_start(agreement) or date.today()
    return agreement.term_end > _add_years(start, years)


def judge(agreement, parties=None) -> Judgement:
    """Apply the laws of the parties' states to ``agreement`` (parties: organisations)."""
    if parties is None:
        parties = [p.organisation for p in agreement.parties.all()]
    states = []
    for org in parties:
        st = state_of(org)
        if st is not None and st not in states:
            states.append(st)
    assumed = not states
    if assumed:
        owner_state = state_of(agreement.owner) if agreement.owner_id else None
        states = [owner_state or DEFAULT_STATE]
    kind_rules = {st.code: st.kinds.get(agreement.kind, OUTSIDE_KGG) for st in states}
    steps, step_rules = [], {}
    for step, attr in ((APPROVAL, "approval"), (NOTICE, "notice"), (PUBLICATION, "publication")):
        for st in states:
            rule = getattr(kind_rules[st.code], attr)
            if rule is not None:
                step_rules.setdefault(step, []).append((st, rule))
        if step in step_rules:
            steps.append(step)
    effects = {r.effect for r in kind_rules.values()}
    effect = (
        DAY_AFTER_PUBLICATION if DAY_AFTER_PUBLICATION in effects and PUBLICATION in steps else ON_SIGNATURE
    )
    judgement = Judgement(states, assumed, len(states) > 1, kind_rules, steps, step_rules, effect, [])
    judgement.findings = _findings(agreement, judgement)
    return judgement


def _findings(agreement, j: Judgement) -> list:
    out = []
    if j.assumed_state:
        out.append(
            Finding(
                "info",
                _("No party has an official municipality key (AGS); the law of %(state)s is assumed.")
                % {"state": j.states[0].name},
            )
        )
    if j.cross_state:
        names = ", ".join(str(s.name) for s in j.states)
        paragraphs = "; ".join(s.cross_state_rule.paragraph for s in j.states if s.cross_state_rule)
        out.append(
            Finding(
                "warning",
                _(
                    "The parties belong to different states (%(states)s). Such an agreement needs a state "
                    "treaty or the involvement of the supervisory authorities of all states concerned; the "
                    "platform applies the requirements of every state involved."
                )
                % {"states": names},
                paragraphs,
            )
        )
    if j.under_kgg:
        for st in j.states:
            if (
                st.long_term_years
                and is_long_term(agreement, st.long_term_years)
                and not agreement.termination_right
            ):
                out.append(
                    Finding(
                        "danger",
                        _(
                            "The term is open-ended or longer than %(years)s years, but no ordinary termination "
                            "right is agreed; %(law)s requires one."
                        )
                        % {"years": st.long_term_years, "law": st.law},
                        st.long_term_rule.paragraph,
                    )
                )
    return out


def role_problems(agreement, roles_by_org, judgement: Judgement | None = None) -> list:
    """Messages if the parties' roles do not fit the kind (e.g. two organisations taking over)."""
    from ikonnekt.administration.models import PartyRole

    j = judgement or judge(agreement)
    allowed = j.roles
    problems = []
    wrong = [str(org) for org, role in roles_by_org if role not in allowed]
    if wrong:
        problems.append(
            _(
                "These parties have a role that does not fit this kind of agreement: %(names)s (allowed: %(roles)s)."
            )
            % {"names": ", ".join(wrong), "roles": ", ".join(str(PartyRole(r).label) for r in allowed)}
        )
    single = j.single_role
    if single:
        count = sum(1 for _org, role in roles_by_org if role == single)
        others = [r for r in allowed if r != single]
        if count != 1:
            problems.append(
                _("Exactly one party must be the %(role)s (now: %(count)s).")
                % {"role": PartyRole(single).label, "count": count}
            )
        if others and not any(role in others for _org, role in roles_by_org):
            problems.append(
                _("At least one party must be the %(role)s.") % {"role": PartyRole(others[0]).label}
            )
    return problems


def effective_date(agreement, judgement: Judgement) -> date | None:
    """The day the agreement takes effect: the day after publication (or signature where the law
    lets it take effect without publication), or the later date the agreement names."""
    if judgement.effect == DAY_AFTER_PUBLICATION:
        if not agreement.published_on:
            return None
        base = agreement.published_on + timedelta(days=1)
    else:
        if not agreement.signed_on:
            return None
        base = agreement.signed_on
    agreed = agreement.effective_from_agreed
    return max(base, agreed) if agreed else base


def step_overview(agreement, judgement: Judgement) -> list:
    """The steps from signature to entry into force, each with its paragraphs and what was recorded."""
    from ikonnekt.administration.models import AgreementStatus

    rows = [
        {
            "status": AgreementStatus.SIGNED,
            "label": AgreementStatus.SIGNED.label,
            "paragraphs": "; ".join(
                r.form_rule.paragraph for r in judgement.kind_rules.values() if r.form_rule
            ),
            "date": agreement.signed_on,
            "reference": "",
        }
    ]
    recorded = {
        APPROVAL: (agreement.approved_on, agreement.approval_reference),
        NOTICE: (agreement.supervisory_notice_on, ""),
        PUBLICATION: (agreement.published_on, agreement.publication_reference),
    }
    for step in judgement.steps:
        day, reference = recorded[step]
        rows.append(
            {
                "status": step,
                "label": AgreementStatus(step).label,
                "paragraphs": judgement.paragraphs(step),
                "date": day,
                "reference": reference,
            }
        )
    effect_paragraphs = "; ".join(
        f"{r.effect_rule.paragraph}{'' if r.effect_rule.verified else ' (*)'}"
        for r in judgement.kind_rules.values()
        if r.effect_rule
    )
    rows.append(
        {
            "status": AgreementStatus.IN_FORCE,
            "label": AgreementStatus.IN_FORCE.label,
            "paragraphs": effect_paragraphs,
            "date": agreement.valid_from,
            "reference": "",
        }
    )
    return rows


def unverified_notes(judgement: Judgement) -> list:
    notes = []
    for kind_rules in judgement.kind_rules.values():
        for rule in (kind_rules.approval, kind_rules.notice, kind_rules.publication, kind_rules.effect_rule):
            if rule is not None and not rule.verified and rule.note and rule.note not in notes:
                notes.append(rule.note)
    return notes
