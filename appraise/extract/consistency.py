"""Internal consistency: contradictions inside the text, each with the evidence on both sides.

Every check here raises a flag only when the text leaves no innocent reading: percentages are
allowed their rounding (and truncation), group sizes may differ from totals when exclusions are
mentioned, and a follow-up is "earlier" only in a sentence about evaluating the patients.
"""

from __future__ import annotations

import re

from appraise.extract.context import Doc
from appraise.extract.findings import Evidence, Inconsistency, SampleSizeFinding
from appraise.extract.follow_up import Duration
from appraise.extract.numbers import find_counts
from appraise.extract.sample_size import Candidate

_I = re.IGNORECASE
_EVALUATED = re.compile(
    r"\b(?:evaluat|follow|assess|examin|check|seen|visit|test|monitor|"
    r"review|measur)\w*",
    _I,
)
_EXPLAINED = re.compile(
    r"\b(?:exclu\w+|withdr[eao]w\w*|dropped out|drop-?outs?|lost to|"
    r"discontinu\w+|did not (?:complete|receive|start)|died|deaths?|"
    r"ineligible|not eligible|declined|refused|analy[sz]\w+|completed|"
    r"protocol|missing|crossed over|removed)\b",
    _I,
)
_PUBLISHED = re.compile(
    r"\b(?:published|reported|presented|appears?|appeared)\b(?:\s+\w+){0,6}?\s+(?:in|on)\s+"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?:\d{1,2},?\s+)?)?((?:19|20)\d\d)\b",
    _I,
)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z]+DAY,\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+((?:19|20)\d\d)\b", re.MULTILINE
)
_ENROLLED_YEAR = re.compile(
    r"\b(?:enrol\w*|recruit\w*|included|admitted|treated|operated|randomi[sz]\w*|underwent|"
    r"between|from|since|starting)\b(?:\s+\w+){0,6}?\s+(?:in\s+|between\s+|from\s+|since\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+)?((?:19|20)\d\d)\b",
    _I,
)


def find_inconsistencies(
    doc: Doc,
    sample: SampleSizeFinding,
    candidates: list[Candidate],
    durations: list[Duration],
) -> list[Inconsistency]:
    found: list[Inconsistency] = []
    found += _temporal_earlier(doc, durations)
    found += _dates(doc, durations)
    found += _arm_sum(doc, sample, candidates)
    found += _percentages(doc)
    found += _analysed_exceeds(doc, candidates)
    found += _restated_sample_size(doc, candidates)
    found += _restated_follow_up(doc, durations)
    return found


def _ev(doc: Doc, start: int, end: int) -> Evidence:
    return Evidence.of(doc.text, start, end)


def _sentence_ev(doc: Doc, duration: Duration) -> Evidence:
    return _ev(doc, duration.sentence.start, duration.sentence.end)


def _temporal_earlier(doc: Doc, durations: list[Duration]) -> list[Inconsistency]:
    out = []
    for duration in durations:
        if duration.role != "earlier" or not _EVALUATED.search(duration.sentence.text):
            continue
        others = [
            d
            for d in durations
            if d.role == "follow-up" and d is not duration and abs(d.days - duration.days) < 1
        ]
        evidence = [_sentence_ev(doc, duration)] + [_sentence_ev(doc, d) for d in others[:1]]
        message = (
            f"the follow-up is placed \u201c{duration.text} earlier\u201d than the procedure it "
            "follows: an evaluation cannot come before the treatment"
        )
        if others:
            message += f"; elsewhere the text says {others[0].text} after"
        out.append(Inconsistency("temporal", message, evidence, 0.9))
    return out


def _dates(doc: Doc, durations: list[Duration]) -> list[Inconsistency]:
    published = _PUBLISHED.search(doc.text) or _DATELINE.search(doc.text[:600])
    if not published:
        return []
    year_published = int(published.group(1))
    starts = [m for m in _ENROLLED_YEAR.finditer(doc.text) if int(m.group(1)) <= year_published]
    follow = [d for d in durations if d.role == "follow-up" and d.days >= 365.25 * 2]
    if not starts or not follow:
        return []
    start = min(starts, key=lambda m: int(m.group(1)))
    longest = max(follow, key=lambda d: d.days)
    years = longest.days / 365.25
    if int(start.group(1)) + years <= year_published + 1:
        return []
    message = (
        f"participants enrolled from {start.group(1)} and followed {longest.text} could not have "
        f"been followed that long by {year_published}, when the study was published"
    )
    evidence = [
        _ev(doc, start.start(), start.end()),
        _sentence_ev(doc, longest),
        _ev(doc, published.start(1), published.end(1)),
    ]
    return [Inconsistency("temporal", message, evidence, 0.75)]


def _arm_sum(
    doc: Doc, sample: SampleSizeFinding, candidates: list[Candidate]
) -> list[Inconsistency]:
    if len(sample.arms) < 2 or sample.randomised is None:
        return []
    total = sum(arm.n for arm in sample.arms)
    if total == sample.randomised:
        return []
    stated = next(c for c in candidates if c.role == "randomised" and c.value == sample.randomised)
    arm_sentences = {(a.evidence.start, a.evidence.end) for a in sample.arms}
    context = " ".join(doc.text[s:e] for s, e in arm_sentences)
    if _EXPLAINED.search(context) or total > 3 * sample.randomised:
        return []
    message = (
        f"the groups ({' + '.join(str(a.n) for a in sample.arms)} = {total}) do not add up to "
        f"the {sample.randomised} randomised"
    )
    evidence = [_ev(doc, stated.sentence.start, stated.sentence.end)]
    evidence += [a.evidence for a in sample.arms if a.evidence not in evidence]
    return [Inconsistency("arm-sum", message, evidence, 0.8)]


def _percentages(doc: Doc) -> list[Inconsistency]:
    out = []
    for sentence in doc.sentences:
        if sentence.section == "references":
            continue
        for count in find_counts(doc.text, sentence.start, sentence.end):
            if count.percent is None or count.total <= 0:
                continue
            actual = 100.0 * count.count / count.total
            # Allow rounding and truncation of the reported figure: one point either way.
            if abs(actual - count.percent) <= 1.0:
                continue
            message = (
                f"{count.count:g}/{count.total:g} is {actual:.1f}%, but the text gives "
                f"{count.percent:g}%"
            )
            out.append(
                Inconsistency("percentage", message, [_ev(doc, count.start, count.end)], 0.85)
            )
    return out


def _analysed_exceeds(doc: Doc, candidates: list[Candidate]) -> list[Inconsistency]:
    enrolled = [
        c for c in candidates if c.role in ("randomised", "enrolled", "total") and c.score >= 3.5
    ]
    analysed = [c for c in candidates if c.role == "analysed" and c.score >= 2.0]
    if not enrolled or not analysed:
        return []
    top = max(enrolled, key=lambda c: c.value)
    most = max(analysed, key=lambda c: c.value)
    if most.value <= top.value or most.value > 3 * top.value:
        return []
    message = f"{most.value} participants were analysed, more than the {top.value} enrolled"
    evidence = [
        _ev(doc, top.sentence.start, top.sentence.end),
        _ev(doc, most.sentence.start, most.sentence.end),
    ]
    return [Inconsistency("analysed-exceeds-enrolled", message, evidence, 0.7)]


def _restated_sample_size(doc: Doc, candidates: list[Candidate]) -> list[Inconsistency]:
    strong = [
        c
        for c in candidates
        if c.role in ("randomised", "total") and c.score >= 4.5 and c.arm_label is None
    ]
    values = sorted({c.value for c in strong})
    if len(values) < 2 or _EXPLAINED.search(doc.text):
        return []
    first = next(c for c in strong if c.value == values[0])
    second = next(c for c in strong if c.value == values[-1])
    if first.sentence is second.sentence:
        return []
    message = (
        f"the number of participants is given as {first.value} in one place and "
        f"{second.value} in another, with no exclusions explained"
    )
    evidence = [
        _ev(doc, first.sentence.start, first.sentence.end),
        _ev(doc, second.sentence.start, second.sentence.end),
    ]
    return [Inconsistency("restated-quantity", message, evidence, 0.65)]


_FIXED_FOLLOW_UP = re.compile(
    r"(?:followed(?: up)? for|follow-?up (?:period )?(?:of|was|lasted)"
    r"|follow-?up lasting)\s*$",
    _I,
)


def _restated_follow_up(doc: Doc, durations: list[Duration]) -> list[Inconsistency]:
    fixed = []
    for duration in durations:
        if duration.role != "follow-up" or duration.typical or duration.low_days is not None:
            continue
        before = doc.text[max(duration.sentence.start, duration.start - 40) : duration.start]
        if _FIXED_FOLLOW_UP.search(before) and not re.search(
            r"\b(?:median|mean|average|up to|at least|minimum|maximum|range)\b", before, _I
        ):
            fixed.append(duration)
    values = sorted({round(d.days) for d in fixed})
    if len(values) < 2:
        return []
    first = next(d for d in fixed if round(d.days) == values[0])
    last = next(d for d in fixed if round(d.days) == values[-1])
    message = f"the follow-up is given as {first.text} in one place and {last.text} in another"
    return [
        Inconsistency(
            "restated-quantity", message, [_sentence_ev(doc, first), _sentence_ev(doc, last)], 0.65
        )
    ]
