"""The built-in inferrers: each reads the findings and suggests an answer for one kind of item.

They never guess: when the findings hold no value, the suggestion is blank and says why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from appraise.extract.findings import Findings
from appraise.infer.registry import Param, Suggestion, register
from appraise.vocabulary import CONTROL_WORDS, DESIGN_WORDS

if TYPE_CHECKING:
    from appraise.checklist.model import Item
    from appraise.ingest import Article


@register("study_design", "The study design, in words (for text items).", ("text",))
def infer_study_design(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    design = findings.design
    if design.value is None:
        return Suggestion.blank(design.rationale or "the text does not name the study design")
    words = DESIGN_WORDS.get(design.value, design.value)
    if design.variant:
        words += f" ({design.variant})"
    return Suggestion(words, design.confidence, design.rationale, design.evidence)


@register(
    "randomised",
    "Whether participants were randomly allocated to the groups compared.",
    ("choice",),
    verdicts=("yes", "no"),
)
def infer_randomised(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    design = findings.design
    if design.value is None:
        return Suggestion.blank("the text does not say how participants were allocated")
    if design.randomised:
        return Suggestion("yes", design.confidence, design.rationale, design.evidence)
    if design.value == "rct":
        return Suggestion("yes", design.confidence * 0.8, design.rationale, design.evidence)
    return Suggestion(
        "no",
        design.confidence * 0.8,
        f"the study is {DESIGN_WORDS.get(design.value, design.value)}, not randomised",
        design.evidence,
    )


@register(
    "sample_size",
    "The number of participants enrolled or randomised.",
    ("number",),
    {"min_confidence": Param(float, 0.0, "leave blank when the finding is less sure than this")},
)
def infer_sample_size(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    finding = findings.sample_size
    if finding.value is None:
        return Suggestion.blank(finding.rationale or "the text does not state how many took part")
    if finding.confidence < float(params["min_confidence"]):
        return Suggestion.blank(
            f"a sample size of {finding.value} was found, but with low confidence "
            f"({finding.confidence:.2f}): check the text",
            finding.evidence,
        )
    return Suggestion(float(finding.value), finding.confidence, finding.rationale, finding.evidence)


@register(
    "power_calculation",
    "Whether a sample-size or power calculation is reported.",
    ("choice",),
    verdicts=("yes", "no"),
)
def infer_power_calculation(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    power = findings.power
    if power.reported:
        return Suggestion("yes", power.confidence, power.rationale, power.evidence)
    return Suggestion(
        "no",
        0.5,
        "the text mentions no power or sample-size calculation "
        "(an abstract or news story may simply leave it out)",
    )


@register(
    "control_group",
    "Whether there was a comparison group that did not receive the treatment under study.",
    ("choice",),
    {"historical_counts": Param(bool, False, "count historical controls as a control group")},
)
def infer_control_group(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    control = findings.control
    if control.present is None:
        return Suggestion.blank(control.rationale or "the text does not say who was compared")
    if control.present:
        if control.kind == "historical" and not params["historical_counts"]:
            return Suggestion(
                "unclear",
                control.confidence,
                "only historical controls: a comparison, but not a concurrent control group",
                control.evidence,
            )
        kind = CONTROL_WORDS.get(control.kind or "", "a comparison group")
        rationale = control.rationale or f"the study compared against {kind}"
        return Suggestion("yes", control.confidence, rationale, control.evidence)
    return Suggestion("no", control.confidence, control.rationale, control.evidence)


@register("follow_up", "The longest follow-up stated, in days.", ("duration", "number"))
def infer_follow_up(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    follow_up = findings.follow_up
    if follow_up.days is None:
        return Suggestion.blank(follow_up.rationale or "the text states no follow-up length")
    return Suggestion(follow_up.days, follow_up.confidence, follow_up.rationale, follow_up.evidence)


@register(
    "efficacy_endpoint",
    "Whether an efficacy (benefit) endpoint is reported, not only safety.",
    ("choice",),
    verdicts=("yes", "no"),
)
def infer_efficacy_endpoint(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    efficacy = findings.efficacy
    if efficacy.reported is None:
        return Suggestion.blank(efficacy.rationale or "the text does not say what was measured")
    if efficacy.reported:
        return Suggestion("yes", efficacy.confidence, efficacy.rationale, efficacy.evidence)
    return Suggestion("no", efficacy.confidence, efficacy.rationale, efficacy.evidence)


@register(
    "primary_endpoint",
    "Whether a primary (main) outcome is named.",
    ("choice",),
    verdicts=("yes", "no"),
)
def infer_primary_endpoint(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    efficacy = findings.efficacy
    if efficacy.primary_endpoint:
        return Suggestion(
            "yes",
            efficacy.confidence,
            f"primary outcome named: {efficacy.primary_endpoint}",
            efficacy.evidence[:1],
        )
    if efficacy.safety_only:
        return Suggestion(
            "no", efficacy.confidence, "only safety outcomes were assessed", efficacy.evidence
        )
    return Suggestion("no", 0.5, "the text names no primary or main outcome")


@register(
    "internal_consistency",
    "Whether the reported facts agree with each other (verdict `yes` when no contradiction).",
    ("choice",),
    verdicts=("yes", "no"),
)
def infer_internal_consistency(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    found = findings.inconsistencies
    if found:
        evidence = [e for inconsistency in found for e in inconsistency.evidence]
        messages = "; ".join(i.message for i in found)
        confidence = max(i.confidence for i in found)
        return Suggestion("no", confidence, messages, evidence)
    return Suggestion(
        "yes",
        0.6,
        "no contradiction found in dates, follow-up, group sizes, counts or percentages",
    )


@register(
    "loss_to_follow_up",
    "Whether losses to follow-up stay within `max_loss` of those enrolled.",
    ("choice",),
    {"max_loss": Param(float, 0.2, "the largest share of participants lost that is acceptable")},
)
def infer_loss_to_follow_up(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    sample = findings.sample_size
    enrolled = sample.randomised or sample.enrolled or sample.value
    analysed = sample.analysed
    if enrolled is None or analysed is None or analysed > enrolled:
        return Suggestion(
            "unclear",
            0.5,
            "the text does not give both the number enrolled and the number analysed",
        )
    lost = (enrolled - analysed) / enrolled
    limit = float(params["max_loss"])
    words = f"{enrolled - analysed} of {enrolled} ({lost:.0%}) were not analysed"
    verdict = "yes" if lost <= limit else "no"
    rationale = f"{words}; the limit set is {limit:.0%}"
    return Suggestion(verdict, 0.7, rationale, sample.evidence)


@register(
    "follow_up_reported",
    "Whether a follow-up length is stated.",
    ("choice",),
    verdicts=("yes", "no"),
)
def infer_follow_up_reported(
    findings: Findings, article: Article, item: Item, params: dict[str, Any]
) -> Suggestion:
    follow_up = findings.follow_up
    if follow_up.days is None:
        return Suggestion("no", 0.6, follow_up.rationale or "no follow-up length is stated")
    return Suggestion(
        "yes", follow_up.confidence, f"follow-up stated: {follow_up.text}", follow_up.evidence
    )


def _signal_inferrer(name: str, summary: str, verdicts: tuple[str, ...]) -> None:
    """Register an inferrer that reads one reporting signal: True is yes, False is no, and a
    text that does not say is `unclear` where the item can say so."""

    def infer(
        findings: Findings, article: Article, item: Item, params: dict[str, Any]
    ) -> Suggestion:
        signal = findings.signals.get(name)
        if signal is None:
            return Suggestion.blank("this finding was not extracted")
        if signal.value is True:
            return Suggestion("yes", signal.confidence, signal.rationale, signal.evidence)
        if signal.value is False:
            return Suggestion("no", signal.confidence, signal.rationale, signal.evidence)
        if "unclear" in verdicts:
            return Suggestion("unclear", 0.5, signal.rationale, signal.evidence)
        return Suggestion.blank(signal.rationale, signal.evidence)

    register(name, summary, ("choice",), verdicts=verdicts)(infer)


for _name, _summary, _verdicts in (
    (
        "allocation_concealment",
        "Whether concealment of the allocation sequence is described.",
        ("yes", "unclear"),
    ),
    ("blinding", "Whether participants and personnel were blinded.", ("yes", "no", "unclear")),
    (
        "blinded_outcome_assessment",
        "Whether outcome assessors were blinded.",
        ("yes", "no", "unclear"),
    ),
    (
        "intention_to_treat",
        "Whether the analysis was by intention to treat.",
        ("yes", "no", "unclear"),
    ),
    ("trial_registration", "Whether a trial registration number is given.", ("yes", "unclear")),
    ("funding_disclosed", "Whether the funding source is stated.", ("yes", "unclear")),
    (
        "conflicts_of_interest",
        "Whether conflicts of interest or the authors' ties are stated.",
        ("yes", "unclear"),
    ),
    ("inclusion_criteria", "Whether eligibility criteria are stated.", ("yes", "unclear")),
    (
        "consecutive_inclusion",
        "Whether consecutive or all eligible patients were included.",
        ("yes", "unclear"),
    ),
    ("harms_reported", "Whether harms or side effects are reported.", ("yes", "no")),
    (
        "absolute_benefits",
        "Whether benefits are given in absolute terms, not only relative.",
        ("yes", "no", "unclear"),
    ),
    ("costs_mentioned", "Whether costs are mentioned.", ("yes", "no")),
    (
        "independent_sources",
        "Whether an expert not involved in the study is quoted.",
        ("yes", "no"),
    ),
    (
        "evidence_quality_discussed",
        "Whether limitations of the evidence are discussed.",
        ("yes", "no"),
    ),
    ("alternatives_mentioned", "Whether other treatment options are mentioned.", ("yes", "no")),
    ("availability_stated", "Whether availability or approval is stated.", ("yes", "no")),
    ("novelty_explained", "Whether the text says how new the approach is.", ("yes", "no")),
    ("beyond_press_release", "Whether the story goes beyond a news release.", ("yes", "no")),
):
    _signal_inferrer(_name, _summary, _verdicts)
