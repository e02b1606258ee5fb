"""Study design from cue words, weighed by where they stand and whether they are negated."""

from __future__ import annotations

import re

from appraise.extract.context import Doc, Sentence
from appraise.extract.findings import DesignFinding, Evidence

_I = re.IGNORECASE
_RANDOM = (
    r"randomi[sz](?:ed|ation|ing)|randomly (?:assigned|allocated|divided|split)"
    r"|randomly (?:chosen|selected|picked) to (?!be (?:interviewed|surveyed|included))"
    r"|(?:assigned|allocated) (?:at random|randomly)|by (?:the )?toss of a coin|random allocation"
)
_NEGATED_RANDOM = re.compile(
    r"\b(?:non-?|not |un|quasi-?)(?:randomi[sz]|randomly)|\bwithout randomi[sz]"
    r"|\bno randomi[sz]ation",
    _I,
)

# (design, weight, pattern). Weights reflect how decisive a cue is on its own.
_CUES: list[tuple[str, float, re.Pattern[str]]] = [
    (
        "systematic-review",
        4.0,
        re.compile(
            r"\b(?:systematic(?:ally)? review|meta-?analys[ie]s"
            r"|pooled analysis of (?:\w+ ){0,3}(?:trials|studies))",
            _I,
        ),
    ),
    ("rct", 4.0, re.compile(rf"\b(?:{_RANDOM})\b", _I)),
    ("rct", 3.0, re.compile(r"\b(?:RCT|RCTs)\b")),
    (
        "rct",
        2.0,
        re.compile(
            r"\b(?:placebo|sham)[- ]controlled\b|\bdouble[- ](?:blind|masked)\b"
            r"|\bcross-?over (?:trial|study|design)\b",
            _I,
        ),
    ),
    (
        "rct",
        1.5,
        re.compile(
            r"\b(?:were|was) (?:assigned|allocated) to\b|\bgiven either\b"
            r"|\breceived? either\b|\btook either\b|\bgot either\b",
            _I,
        ),
    ),
    (
        "non-randomised-controlled",
        4.0,
        re.compile(
            r"\b(?:non-?randomi[sz]ed|nonrandomi[sz]ed|not randomi[sz]ed|quasi-?(?:experimental"
            r"|randomi[sz]ed))\b",
            _I,
        ),
    ),
    (
        "case-control",
        4.0,
        re.compile(
            r"\bcase[- ]control(?:led)?\b|\bcases and (?:\w+ ){0,2}controls"
            r"\b|\bmatched controls?\b",
            _I,
        ),
    ),
    (
        "cohort",
        3.5,
        re.compile(
            r"\bcohort\b|\blongitudinal (?:study|analysis|data)\b"
            r"|\bfollowed (?:\w+ ){0,4}(?:for|over) (?:\w+ ){0,2}(?:years|decades)\b",
            _I,
        ),
    ),
    (
        "cohort",
        2.0,
        re.compile(
            r"\b(?:prospective(?:ly)?|retrospective(?:ly)?) (?:\w+ )?(?:study|"
            r"analysis|review|follow-up|observational)\b|\bobservational study\b"
            r"|\bregistry\b|\bdatabase\b|\brecords? of\b|\bhealth records\b",
            _I,
        ),
    ),
    (
        "cross-sectional",
        4.0,
        re.compile(r"\bcross-?sectional\b|\bprevalence (?:study|survey)\b", _I),
    ),
    ("cross-sectional", 2.0, re.compile(r"\b(?:survey(?:ed)?|questionnaires?|polled)\b", _I)),
    (
        "case-series",
        4.0,
        re.compile(
            r"\bcase series\b|\bseries of (?:\w+ ){0,3}(?:patients|cases)\b"
            r"|\bchart review\b|\bconsecutive (?:\w+ ){0,2}(?:patients|cases)\b"
            r"|\bretrospective(?:ly)? review(?:ed)?\b",
            _I,
        ),
    ),
    (
        "case-report",
        4.0,
        re.compile(
            r"\bcase report\b|\bwe (?:report|describe|present) (?:a|the) "
            r"(?:case|patient)\b|\ba case of\b",
            _I,
        ),
    ),
    (
        "single-arm",
        4.0,
        re.compile(
            r"\bsingle[- ](?:arm|group|cohort)\b|\bone[- ]arm\b"
            r"|\buncontrolled\b|\bopen[- ]label,? (?:single|pilot|phase)"
            r"|\bphase (?:I|1|I/II|1/2|II|2)[ab]?,? (?:open|single|pilot|dose)"
            r"|\bpilot study\b|\bfeasibility study\b|\bproof[- ]of[- ]concept\b",
            _I,
        ),
    ),
    (
        "single-arm",
        1.5,
        re.compile(
            r"\b(?:all|each) (?:\w+ ){0,2}(?:patients|participants|subjects)"
            r" (?:\w+ ){0,2}(?:received|underwent|were treated|were given)\b"
            r"|\bunderwent\b|\bwere treated with\b|\bbefore and after\b"
            r"|\bpre- and post-?\b|\bfrom baseline\b",
            _I,
        ),
    ),
]

_SECTION_WEIGHT = {
    "title": 1.6,
    "objective": 1.3,
    "methods": 1.3,
    "abstract": 1.2,
    "body": 1.0,
    "results": 0.9,
    "conclusions": 0.8,
    "discussion": 0.5,
}
_VARIANTS = [
    ("crossover", re.compile(r"\bcross-?over\b", _I)),
    ("cluster", re.compile(r"\bcluster[- ]?(?:randomi|trial|design)|\bclusters\b", _I)),
    ("meta-analysis", re.compile(r"\bmeta-?analys", _I)),
    ("retrospective", re.compile(r"\bretrospective", _I)),
    ("prospective", re.compile(r"\bprospective", _I)),
]
_VARIANT_FOR = {
    "rct": ("crossover", "cluster"),
    "systematic-review": ("meta-analysis",),
    "cohort": ("retrospective", "prospective"),
    "case-series": ("retrospective", "prospective"),
}


def find_design(doc: Doc, has_comparison: bool, compares: bool) -> DesignFinding:
    """`has_comparison`: groups of stated sizes or a named control; `compares`: any comparison."""
    scores: dict[str, float] = {}
    evidence: dict[str, list[Sentence]] = {}
    randomised_negated: list[Sentence] = []
    for sentence in doc.sentences:
        if sentence.background or sentence.future or sentence.section in ("references", "funding"):
            continue
        weight = _SECTION_WEIGHT.get(sentence.section, 1.0)
        negated = bool(_NEGATED_RANDOM.search(sentence.text))
        if negated:
            randomised_negated.append(sentence)
        for design, cue_weight, pattern in _CUES:
            if not pattern.search(sentence.text):
                continue
            if design == "rct" and negated and cue_weight >= 3.0:
                continue
            scores[design] = scores.get(design, 0.0) + cue_weight * weight
            evidence.setdefault(design, [])
            if sentence not in evidence[design]:
                evidence[design].append(sentence)
    # A trial with a comparison group is not single-arm however it is worded.
    if has_comparison and "single-arm" in scores:
        scores["single-arm"] *= 0.3
    if not scores:
        return DesignFinding(rationale="no words in the text name or describe the study design")
    best = max(scores, key=lambda d: scores[d])
    # Weak single-arm signals alone ("underwent") describe treatment, not design.
    weak_single_arm = best == "single-arm" and not compares and scores[best] >= 1.4
    if scores[best] < 2.0 and not weak_single_arm:
        return DesignFinding(
            rationale="the text describes the study too loosely to name its design",
        )
    total = sum(scores.values())
    confidence = min(0.95, 0.5 + 0.45 * scores[best] / total)
    chosen = evidence[best][:2]
    joined = " ".join(s.text for s in evidence[best])
    variant = next(
        (
            name
            for name, pattern in _VARIANTS
            if name in _VARIANT_FOR.get(best, ()) and pattern.search(joined)
        ),
        None,
    )
    if best == "rct" and variant is None:
        variant = "parallel"
    randomised = True if best == "rct" else (False if randomised_negated else None)
    rationale = f"described as {_DESCRIPTIONS[best]}"
    if best == "rct" and not any(re.search(_RANDOM, s.text, _I) for s in evidence["rct"]):
        rationale += (
            " (a placebo-controlled or blinded comparison; the word 'randomised' is absent)"
        )
    return DesignFinding(
        confidence=confidence,
        rationale=rationale,
        evidence=[Evidence.of(doc.text, s.start, s.end) for s in chosen],
        value=best,
        randomised=randomised,
        variant=variant,
    )


_DESCRIPTIONS = {
    "rct": "a randomised controlled trial",
    "non-randomised-controlled": "a non-randomised controlled study",
    "single-arm": "a single-arm study (every participant treated)",
    "cohort": "a cohort study",
    "case-control": "a case-control study",
    "cross-sectional": "a cross-sectional study or survey",
    "case-series": "a case series",
    "case-report": "a case report",
    "systematic-review": "a systematic review or meta-analysis",
}
