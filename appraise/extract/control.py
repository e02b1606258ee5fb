"""Control group: whether the study compared against one, and of what kind."""

from __future__ import annotations

import re

from appraise.extract.context import Doc, Sentence
from appraise.extract.findings import ControlFinding, DesignFinding, Evidence

_I = re.IGNORECASE
# (kind, pattern); the first kinds are the most specific.
_KIND_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "placebo",
        re.compile(
            r"\bplacebos?\b|\bsham\b|\bdummy (?:pill|tablet|treatment)|\bvehicle"
            r"(?:-controlled| control| cream| gel)|\battention[- ]control",
            _I,
        ),
    ),
    (
        "historical",
        re.compile(
            r"\bhistorical(?:ly)? (?:controls?|cohort|comparison|data|group)"
            r"|\bcompared (?:with|to) (?:a )?(?:historical|previous) (?:cohort|"
            r"series|patients|controls)",
            _I,
        ),
    ),
    (
        "usual-care",
        re.compile(
            r"\b(?:usual|standard|routine|conventional|regular) (?:medical |"
            r"clinical )?care\b|\bstandard of care\b|\bcare as usual\b|\busual "
            r"(?:treatment|practice)\b|\bstandard (?:practice|management)\b"
            r"|\b(?:enhanced )?usual care\b",
            _I,
        ),
    ),
    (
        "no-treatment",
        re.compile(
            r"\bwait(?:ing)?[- ]?list|\bno(?:-| )(?:treatment|intervention)\b"
            r"|\buntreated (?:control|group)|\bdelayed[- ](?:treatment|"
            r"intervention)|\bdid not receive (?:any|the) (?:treatment|"
            r"intervention)",
            _I,
        ),
    ),
    (
        "active",
        re.compile(
            r"\bactive (?:comparator|control)|\bhead-to-head\b|\bnon-?inferior"
            r"|\bcompared (?:the )?(?:efficacy|effectiveness|safety) of\b",
            _I,
        ),
    ),
]
_COMPARISON = re.compile(
    r"\b(?:versus|vs\.?|compared (?:with|to)|in comparison (?:with|to)|relative to|than (?:those|"
    r"the|in|patients|participants|people|women|men|children)|control (?:group|arm|subjects|"
    r"participants|patients)|controls\b|either\b|or to\b|two groups|both groups|three groups|"
    r"(?:the )?other group|each group|between groups|(?:two|three|both|study|control) arms?)",
    _I,
)
_BEFORE_AFTER = re.compile(
    r"\b(?:before and after|pre- ?and post-?|from baseline|compared (?:with|to) baseline|"
    r"baseline (?:to|and)|pre-?(?:treatment|operative|intervention) (?:and|to|vs)|"
    r"at baseline and)\b",
    _I,
)
_STUDIED_GROUP = re.compile(
    r"\b(?:patients|participants|subjects|people|women|men|children|adults|volunteers|cases)\b", _I
)
_OBSERVATIONAL = ("cohort", "case-control", "cross-sectional")
_UNCONTROLLED = ("single-arm", "case-series", "case-report")


def find_control(doc: Doc, design: DesignFinding) -> ControlFinding:
    own = [
        s
        for s in doc.sentences
        if not (s.background or s.future) and s.section not in ("references", "funding")
    ]
    kinds: dict[str, list[Sentence]] = {}
    for sentence in own:
        for kind, pattern in _KIND_CUES:
            if pattern.search(sentence.text):
                kinds.setdefault(kind, []).append(sentence)
    comparisons = [s for s in own if _COMPARISON.search(s.text)]
    before_after = [s for s in own if _BEFORE_AFTER.search(s.text)]

    if design.value == "systematic-review":
        return (
            _found(doc, "placebo", kinds["placebo"], 0.5)
            if "placebo" in kinds
            else (ControlFinding(rationale="a review pools other studies; their controls vary"))
        )
    for kind in ("placebo", "usual-care", "no-treatment", "historical", "active"):
        if kind in kinds and not (kind == "historical" and design.value == "rct"):
            if design.value in _UNCONTROLLED and kind in ("placebo", "usual-care"):
                continue
            return _found(doc, kind, kinds[kind], 0.85 if kind != "active" else 0.7)
    if design.value in _OBSERVATIONAL:
        evidence = comparisons[:2]
        finding = _found(doc, "observational", evidence, 0.7)
        if not finding.evidence:
            finding.evidence = list(design.evidence)
        finding.rationale = (
            "an observational study: the comparison group is defined by exposure or outcome"
        )
        return finding
    if design.value in ("rct", "non-randomised-controlled"):
        if comparisons:
            return _found(doc, "active", comparisons, 0.6)
        finding = ControlFinding(
            present=True,
            kind=None,
            confidence=0.6,
            rationale="a controlled design, but the text does not say what the control received",
            evidence=list(design.evidence),
        )
        return finding
    if design.value in _UNCONTROLLED or before_after:
        if comparisons and design.value not in _UNCONTROLLED and not before_after:
            return ControlFinding(rationale="a comparison is mentioned but its group is unclear")
        reason = (
            "every participant received the treatment; outcomes are compared only with baseline "
            "in the same patients"
            if before_after
            else "the text describes one group of treated participants and no comparison group"
        )
        evidence = (before_after or list(_evidence_sentences(doc, design)))[:2]
        return ControlFinding(
            present=False,
            kind="none",
            confidence=0.75 if design.value in _UNCONTROLLED else 0.6,
            rationale=reason,
            evidence=[Evidence.of(doc.text, s.start, s.end) for s in evidence]
            if evidence and isinstance(evidence[0], Sentence)
            else list(design.evidence),
        )
    studied = [s for s in own if _STUDIED_GROUP.search(s.text)]
    if studied and not comparisons:
        return ControlFinding(
            present=False,
            kind="none",
            confidence=0.55,
            rationale="the text describes who was studied and mentions no comparison group",
            evidence=[Evidence.of(doc.text, s.start, s.end) for s in studied[:1]],
        )
    return ControlFinding(rationale="the text does not say whether there was a comparison group")


def mentions_comparison(doc: Doc) -> bool:
    """Whether any sentence about this study compares groups (weakly: "versus", "both groups")."""
    return any(_COMPARISON.search(s.text) for s in doc.own) or names_control(doc)


def names_control(doc: Doc) -> bool:
    """Whether a sentence about this study names a kind of control (placebo, usual care, ...)."""
    return any(p.search(s.text) for s in doc.own for _, p in _KIND_CUES)


def _evidence_sentences(doc: Doc, design: DesignFinding) -> list[Sentence]:
    starts = {e.start for e in design.evidence}
    return [s for s in doc.sentences if s.start in starts]


def _found(doc: Doc, kind: str, sentences: list[Sentence], confidence: float) -> ControlFinding:
    words = {
        "placebo": "a placebo or sham control",
        "active": "an active comparator",
        "usual-care": "usual or standard care",
        "no-treatment": "no treatment or a wait-list",
        "historical": "historical controls",
        "observational": "a comparison group defined by exposure or outcome",
    }[kind]
    return ControlFinding(
        present=True,
        kind=kind,
        confidence=confidence,
        rationale=f"compared with {words}",
        evidence=[Evidence.of(doc.text, s.start, s.end) for s in sentences[:2]],
    )
