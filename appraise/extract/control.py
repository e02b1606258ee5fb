"""Control group: whether the study compared against one, and of what kind.

Absence is an answer ("none") only when the text says so ("without a comparison group") or when
it describes who was studied and mentions no comparison; the rationale says which.
"""

from __future__ import annotations

from appraise.extract.context import Doc, Sentence
from appraise.extract.cues import cues
from appraise.extract.findings import ControlFinding, DesignFinding, Evidence
from appraise.vocabulary import CONTROL_WORDS

# The kinds of control, most specific first.
_KIND_CUES = [
    (
        "placebo",
        cues(
            r"placebos?\b",
            r"sham\b",
            r"dummy (?:pills?|tablets?|treatment|injections?)",
            r"vehicle(?:-controlled| control| cream| gel)",
            r"attention[- ]control",
            r"inactive (?:pills?|substance|treatment)",
            r"sugar pills?",
            r"(?:identical|similar|matching)[- ]looking",
            r"look-?alike",
            r"fake (?:pills?|treatment|surgery|procedure|injections?|acupuncture)",
            r"inert (?:pills?|substance|tablets?|capsules?)",
        ),
    ),
    (
        "historical",
        cues(
            r"historical(?:ly)? (?:controls?|cohort|comparison|data|group)",
            r"compared (?:with|to) (?:a )?(?:historical|previous) "
            r"(?:cohort|series|patients|controls)",
        ),
    ),
    (
        "usual-care",
        cues(
            r"(?:usual|standard|routine|conventional|regular) (?:[\w-]+ ){0,2}care\b",
            r"standard of care",
            r"(?:standard|usual|routine) (?:advice|information|guidance|leaflets?)",
            r"(?:care|treatment|therapy|management|practice) as usual",
            r"(?:continued?|carried on) (?:with )?(?:their )?usual",
            r"(?:carried on|continued|went on) as (?:usual|normal|before)",
        ),
    ),
    (
        # Weaker wordings of usual care: they count only beside an allocation or comparison.
        "usual-care-if-compared",
        cues(
            r"usual (?:\w+ )?(?:treatment|practice|lessons|teaching|activities|routine|services"
            r"|curriculum|management)",
            r"standard (?:practice|management|treatment)",
        ),
    ),
    (
        "no-treatment",
        cues(
            r"wait(?:ing)?[- ]?list",
            r"no(?:-| )(?:treatment|intervention)\b",
            r"untreated (?:control|group)",
            r"delayed[- ](?:treatment|intervention)",
            r"did not receive (?:any|the) (?:treatment|intervention)",
            # "assigned to wear the cap or to receive no scalp cooling"
            r"(?:or|versus|vs\.?) (?:to )?(?:(?:receive|get|have|undergo|wear|use|take) )?no\b"
            r"(?! (?:difference|significant|more|less|change|longer|effect|benefit))",
        ),
    ),
    (
        "active",
        cues(
            r"active (?:comparator|control)",
            r"head-to-head",
            r"double[- ]dummy",
            r"(?:dummy|placebo|sham) (?:version|form|copy) of the other",
            r"non-?inferior",
            r"compared (?:the )?(?:efficacy|effectiveness|safety) of",
        ),
    ),
]
# A placebo that only keeps a comparison of two active courses blind: "5 days of amoxicillin
# followed by 5 days of matching placebo", "double-dummy".
_BLINDING_PLACEBO = cues(
    r"double[- ]dummy",
    r"(?:dummy|placebo|sham) (?:version|form|copy) of the other",
    r"followed by (?:[\w-]+ ){0,5}(?:matching |identical |a )?placebos?\b",
    r"(?:then|plus) (?:[\w-]+ ){0,3}(?:matching |identical )placebos?\b",
)
# A sentence that says there was no comparison group at all.
_NO_CONTROL = cues(
    r"without (?:a |any )?(?:comparison|control|placebo)(?: group| arm)?",
    r"no (?:comparison|control|placebo) (?:group|arm)",
    r"(?:did not|didn't) (?:have|include) (?:a )?(?:comparison|control)",
    r"lacked (?:a )?(?:comparison|control)",
    r"uncontrolled",
    r"single[- ]arm",
    r"open[- ]label,? single",
    r"not compared (?:with|to)",
)
_COMPARISON = cues(
    r"versus",
    r"vs\.?",
    r"compared (?:with|to)",
    r"in comparison (?:with|to)",
    r"relative to",
    r"than (?:those|the|in|patients|participants|people|women|men|children|adults|non-)",
    r"control (?:group|arm|subjects|participants|patients)",
    r"controls\b",
    r"(?:received?|given|took|get|got|assigned to) either\b",
    r"or to (?:the|a|an|usual|standard|placebo|control)\b",
    r"(?:two|three|both|the other|each) (?:groups|group|arms)",
    r"between (?:the )?groups",
    r"(?:study|control) arms?",
)
# Comparisons an observational study makes between people it did not treat.
_EXPOSURE_COMPARISON = cues(
    # Not "than women": a comparison of the sexes is a sub-group analysis.
    r"than (?:those|people|participants|children|adults|non-)",
    r"compared (?:with|to) (?:those|people|participants|women|men|children|adults|non-|the)",
    r"who did not",
    r"without (?:the )?(?:\w+ )?(?:condition|disease|exposure)",
    r"non-?(?:users|smokers|drinkers|exposed|cases)",
    r"controls\b",
    # Between groups, not between two values ("median 3,050 vs 2,240").
    r"versus(?! ?[\d.])",
    r"vs\.?(?! ?[\d.])",
    r"(?:higher|lower|increased|reduced) (?:risk|odds|rates?|prevalence)",
    r"associated with",
    r"odds ratio|hazard ratio|relative risk",
)
# In a survey, only a group defined by its exposure and set against the rest is a comparison
# group; sub-groups ("higher among men than women") and factors associated with an outcome are not.
_SURVEY_COMPARISON = cues(
    r"non-?(?:users|smokers|drinkers|exposed|\w+ers|\w+ors)\b",
    r"unexposed",
    r"(?:were|was) compared (?:with|to)",
    r"compared (?:with|to) (?:those|people|participants|others|non-)",
    r"compared (?:with|to) (?:[\w-]+,? ){0,6}(?:users|drinkers|smokers|eaters|consumers)",
    r"compared (?:with|to) [\d.]+ ?(?:%|percent|per cent) of (?:those|people|participants|others|"
    r"non-)",
    r"than (?:those|others|people|participants|non-)",
    r"who did not",
    r"control (?:group|subjects|participants)",
    r"controls\b",
)
_ALLOCATION = cues(
    r"randomi[sz]",
    r"randomly",
    r"assigned",
    r"allocated",
    r"compared (?:with|to)",
    r"versus",
    r"vs\b",
    r"control (?:group|arm)",
    r"(?:or|and) to\b",
)
_BEFORE_AFTER = cues(
    r"before and after",
    r"pre- ?and post-?",
    r"from baseline",
    r"compared (?:with|to) baseline",
    r"baseline (?:to|and)",
    r"pre-?(?:treatment|operative|intervention) (?:and|to|vs)",
    r"at baseline and",
    r"than before",
)
_STUDIED_GROUP = cues(
    r"patients\b|participants\b|subjects\b|people\b|women\b|men\b|children\b|adults\b",
    r"volunteers\b|cases\b",
)
_OBSERVATIONAL = ("cohort", "case-control", "cross-sectional")
_UNCONTROLLED = ("single-arm", "case-series", "case-report")


def mentions_comparison(doc: Doc) -> bool:
    """Whether any sentence about this study compares groups (weakly: "versus", "both groups")."""
    return bool(doc.matching(_COMPARISON)) or names_control(doc)


def names_control(doc: Doc) -> bool:
    """Whether a sentence about this study names a kind of control (placebo, usual care, ...)."""
    return any(doc.matching(pattern) for _, pattern in _KIND_CUES)


def says_no_control(doc: Doc) -> list[Sentence]:
    """Sentences saying the study had no comparison group."""
    return doc.matching(_NO_CONTROL)


def find_control(doc: Doc, design: DesignFinding) -> ControlFinding:
    own = doc.own
    kinds = {kind: found for kind, pattern in _KIND_CUES if (found := doc.matching(pattern))}
    weak_usual = [s for s in kinds.pop("usual-care-if-compared", []) if _ALLOCATION.search(s.text)]
    if weak_usual:
        kinds["usual-care"] = kinds.get("usual-care", []) + weak_usual
    comparisons = doc.matching(_COMPARISON)
    before_after = doc.matching(_BEFORE_AFTER)
    no_control = says_no_control(doc)

    if design.value == "systematic-review":
        if "placebo" in kinds:
            return _found(doc, "placebo", kinds["placebo"], 0.5)
        if comparisons:
            return _found(doc, "active", comparisons, 0.4)
        return ControlFinding(rationale="a review pools other studies; their controls vary")
    if no_control and design.value not in ("rct", "non-randomised-controlled", "case-control"):
        return _none(doc, no_control, 0.85, "the text says there was no comparison group")
    if "placebo" in kinds and _placebo_only_for_blinding(doc, kinds["placebo"]):
        kinds["active"] = kinds.pop("placebo")
    for kind in ("placebo", "usual-care", "no-treatment", "historical", "active"):
        if kind not in kinds:
            continue
        if design.value in _OBSERVATIONAL and kind != "historical":
            continue  # "routine dental care" in a case-control study describes exposure
        if kind == "historical" and design.value == "rct":
            continue
        if design.value in _UNCONTROLLED and kind in ("placebo", "usual-care", "no-treatment"):
            continue
        return _found(doc, kind, kinds[kind], 0.85 if kind != "active" else 0.7)
    if design.value in _OBSERVATIONAL:
        return _observational(doc, design, own)
    if design.value in ("rct", "non-randomised-controlled"):
        if comparisons:
            return _found(doc, "active", comparisons, 0.6)
        return ControlFinding(
            present=True,
            kind=None,
            confidence=0.6,
            rationale="a controlled design, but the text does not say what the control received",
            evidence=list(design.evidence),
        )
    if design.value in _UNCONTROLLED or before_after:
        if before_after:
            return _none(
                doc,
                before_after,
                0.7,
                "outcomes are compared only with baseline in the same patients: "
                "a before/after comparison is not a control group",
            )
        return ControlFinding(
            present=False,
            kind="none",
            confidence=0.75,
            rationale="the text describes one treated group and no comparison group",
            evidence=list(design.evidence),
        )
    studied = doc.matching(_STUDIED_GROUP)
    if studied and not comparisons:
        return _none(
            doc,
            studied[:1],
            0.55,
            "the text describes who was studied and mentions no comparison group",
        )
    return ControlFinding(rationale="the text does not say whether there was a comparison group")


def _placebo_only_for_blinding(doc: Doc, sentences: list[Sentence]) -> bool:
    """Whether every sentence naming a placebo names it as filling out an active course."""
    blinding = doc.hits(_BLINDING_PLACEBO)
    outside_title = [s for s in sentences if s.section != "title"]
    return bool(outside_title) and all(s.index in blinding for s in outside_title)


def _observational(doc: Doc, design: DesignFinding, own: list[Sentence]) -> ControlFinding:
    survey = design.value == "cross-sectional"
    compared = doc.matching(_SURVEY_COMPARISON if survey else _EXPOSURE_COMPARISON)
    if survey and not compared:
        return _none(
            doc,
            [],
            0.6,
            "a survey of one population with no comparison group (sub-groups and associated "
            "factors are not one)",
            evidence=list(design.evidence),
        )
    if design.value == "cohort" and not compared:
        return _none(
            doc,
            [],
            0.55,
            "a cohort followed as one group: no exposed and unexposed groups are compared",
            evidence=list(design.evidence),
        )
    finding = _found(doc, "observational", compared, 0.7)
    if not finding.evidence:
        finding.evidence = list(design.evidence)
    finding.rationale = (
        "an observational study: the comparison group is defined by exposure or outcome"
    )
    return finding


def _none(
    doc: Doc,
    sentences: list[Sentence],
    confidence: float,
    rationale: str,
    evidence: list[Evidence] | None = None,
) -> ControlFinding:
    return ControlFinding(
        present=False,
        kind="none",
        confidence=confidence,
        rationale=rationale,
        evidence=evidence or [Evidence.of(doc.text, s.start, s.end) for s in sentences[:2]],
    )


def _found(doc: Doc, kind: str, sentences: list[Sentence], confidence: float) -> ControlFinding:
    return ControlFinding(
        present=True,
        kind=kind,
        confidence=confidence,
        rationale=f"compared with {CONTROL_WORDS[kind]}",
        evidence=[Evidence.of(doc.text, s.start, s.end) for s in sentences[:2]],
    )
