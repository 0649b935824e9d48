"""Decision-check result: summary of effects per topic and suggestions (no Django)."""

from dataclasses import dataclass, field

SCORES = {"positive": 1, "neutral": 0, "negative": -1}


@dataclass
class TopicResult:
    topic: str
    positive: int = 0
    neutral: int = 0
    negative: int = 0
    not_relevant: int = 0
    score: float | None = None  # mean of +1/0/−1 over relevant answers
    suggestions: list = field(default_factory=list)


def summarise(answers, topics) -> tuple[list[TopicResult], float | None, int]:
    """``answers``: ``(topic, effect, suggestion)``; returns per-topic results, the overall score
    (−1..+1 over all relevant answers) and the number of unanswered topics."""
    results = {t: TopicResult(t) for t in topics}
    total = []
    for topic, effect, suggestion in answers:
        r = results.setdefault(topic, TopicResult(topic))
        if effect == "n/a":
            r.not_relevant += 1
            continue
        setattr(r, effect, getattr(r, effect) + 1)
        total.append(SCORES[effect])
        if effect == "negative" and suggestion:
            r.suggestions.append(suggestion)
    for r in results.values():
        n = r.positive + r.neutral + r.negative
        r.score = (r.positive - r.negative) / n if n else None
    overall = sum(total) / len(total) if total else None
    empty = sum(1 for r in results.values() if r.score is None)
    return list(results.values()), overall, empty
