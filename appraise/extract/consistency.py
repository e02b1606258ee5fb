"""Internal consistency: contradictions inside the text, each with the evidence on both sides.

Every check here raises a flag only when the text leaves no innocent reading: percentages are
allowed their rounding (and truncation), group sizes may differ from totals when exclusions are
mentioned, and a follow-up is "earlier" only in a sentence about evaluating the patients.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from appraise.extract.context import Doc, Sentence
from appraise.extract.findings import Evidence, Inconsistency, SampleSizeFinding
from appraise.extract.follow_up import Duration
from appraise.extract.sample_size import Candidate
from appraise.extract.statistics import find_statistics_problems

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
_MONTH = (
    r"(?:(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?:\d{1,2},?\s+)?)?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)\b"
# When the study's participants entered it (the earliest such date is used).
_START = re.compile(
    r"\b(?:enrol\w*|recruit\w*|included|admitted|diagnosed|treated|operated|randomi[sz]\w*|"
    r"born|delivery|births?|began|started|starting|from|between|since)\b(?:\s+[\w,-]+){0,5}?\s+"
    r"(?:in\s+|between\s+|from\s+|since\s+|on\s+)?" + _MONTH + _YEAR,
    re.IGNORECASE,
)
# The last date any data can come from.
_END = re.compile(
    r"\b(?:cut-?off|locked|closed|censored|ended|finished|concluded|"
    r"final (?:follow-?up )?(?:wave|visit|assessment|examination|exam|data collection)|"
    r"last (?:participant|patient|child|visit)|"
    r"end of (?:follow-?up|the study)|followed (?:up )?(?:until|through|to)|data (?:were|was) "
    r"(?:extracted|collected) (?:in|until|through)|published|reported online|presented)\b"
    r"(?:\s+[\w,-]+){0,6}?\s+(?:in\s+|on\s+|until\s+|through\s+)?" + _MONTH + _YEAR,
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def _when(match: re.Match[str], end: bool) -> tuple[float, bool]:
    """A date as a fractional year; the flag says whether the month was given."""
    year = float(match.group("year"))
    month = match.group("month")
    if month:
        number = _MONTHS[month[:3].lower()]
        return year + (number if end else number - 1) / 12, True
    return year + (1.0 if end else 0.0), False


def find_inconsistencies(
    doc: Doc,
    sample: SampleSizeFinding,
    candidates: list[Candidate],
    durations: list[Duration],
) -> list[Inconsistency]:
    found: list[Inconsistency] = []
    found += _temporal_earlier(doc, durations)
    found += _dates(doc, durations) or _last_entry_follow_up(doc, durations)
    found += _arm_sum(doc, candidates)
    found += _percentages(doc)
    found += _implied_percentages(doc, sample)
    found += _of_total_percentages(doc)
    found += find_statistics_problems(doc)
    found += _analysed_exceeds(doc, candidates) or _analysed_groups_exceed(doc, candidates)
    found += _restated_sample_size(doc, candidates)
    found += _restated_follow_up(doc, durations)
    # A text that repeats a sentence repeats its contradiction: report each one once.
    unique: dict[tuple[str, str], Inconsistency] = {}
    for inconsistency in found:
        unique.setdefault((inconsistency.kind, inconsistency.message), inconsistency)
    return list(unique.values())


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


def _about_this_study(sentence: Sentence) -> bool:
    return not sentence.background and sentence.section != "references"


_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


def _dates(doc: Doc, durations: list[Duration]) -> list[Inconsistency]:
    """A follow-up longer than the time between the first entry and the last data."""
    if not durations or not _ANY_YEAR.search(doc.text):
        return []  # both dates need a year, and something must be too long
    ends = [(m, s) for s, m in doc.each_match(_END) if _about_this_study(s)]
    if not ends:
        return []
    starts = [(m, s) for s, m in doc.each_match(_START) if _about_this_study(s)]
    if not starts:
        return []
    first, first_sentence = min(starts, key=lambda pair: _when(pair[0], False)[0])
    last, last_sentence = max(ends, key=lambda pair: _when(pair[0], True)[0])
    begin, begin_month = _when(first, False)
    finish, finish_month = _when(last, True)
    if finish <= begin:
        return []
    room = finish - begin
    slack = 0.1 if begin_month and finish_month else 1.0
    too_long = [d for d in durations if d.role == "follow-up" and d.days / 365.25 > room + slack]
    if not too_long:
        return []
    shortest = min(too_long, key=lambda d: d.days)
    message = (
        f"a follow-up of {shortest.text} cannot fit between {first.group('year')} (the earliest "
        f"entry) and {last.group('year')} (the last data): at most about {room:.1f} years"
    )
    evidence = [_sentence_ev(doc, shortest)]
    for sentence in (first_sentence, last_sentence):
        quote = _ev(doc, sentence.start, sentence.end)
        if quote not in evidence:
            evidence.append(quote)
    return [Inconsistency("temporal", message, evidence, 0.75)]


# "enrolled from September 2021 to August 2022": the end of the window is the last entry.
_ENTRY_WINDOW = re.compile(
    r"\b(?:enrol\w*|recruit\w*|randomi[sz]\w*|included)\b[^.;]{0,40}?\b(?:from|between)\s+"
    r"(?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d\d\s*(?:to|and|until|through|-|–)\s*" + _MONTH + _YEAR,
    re.IGNORECASE,
)


def _last_entry_follow_up(doc: Doc, durations: list[Duration]) -> list[Inconsistency]:
    """Everyone followed for a fixed time, yet the last data come before the last participant
    to enter could have finished: "enrolled until August 2022 ... followed for 24 months ...
    the final examination took place in December 2023"."""
    if not durations or not _ANY_YEAR.search(doc.text):
        return []
    windows = [(m, s) for s, m in doc.each_match(_ENTRY_WINDOW) if _about_this_study(s)]
    ends = [(m, s) for s, m in doc.each_match(_END) if _about_this_study(s)]
    if not windows or not ends:
        return []
    entry, entry_sentence = max(windows, key=lambda pair: _when(pair[0], False)[0])
    last, last_sentence = max(ends, key=lambda pair: _when(pair[0], True)[0])
    entered, entry_month = _when(entry, False)
    finish, finish_month = _when(last, True)
    slack = 0.1 if entry_month and finish_month else 1.0
    for duration in durations:
        if duration.role != "follow-up" or duration.typical or duration.low_days is not None:
            continue
        before = doc.text[max(duration.sentence.start, duration.start - 40) : duration.start]
        if not _FIXED_FOLLOW_UP.search(before) or _NOT_FIXED.search(before):
            continue
        years = duration.days / 365.25
        if entered + years <= finish + slack:
            continue
        message = (
            f"participants entered until {entry.group('year')} and each was followed for "
            f"{duration.text}, so follow-up cannot have ended by {last.group('year')}, "
            "as the text says"
        )
        evidence = [_ev(doc, entry_sentence.start, entry_sentence.end), _sentence_ev(doc, duration)]
        quote = _ev(doc, last_sentence.start, last_sentence.end)
        if quote not in evidence:
            evidence.append(quote)
        return [Inconsistency("temporal", message, evidence, 0.75)]
    return []


_ALLOCATED = re.compile(
    r"\b(?:randomi[sz]ed|randomly|assigned|allocated|divided|split|grouped)\b", re.IGNORECASE
)


def _arm_sum(doc: Doc, candidates: list[Candidate]) -> list[Inconsistency]:
    """Group sizes given with a total, in its sentence or the next, must add up to it."""
    groups: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.arm_label is not None:
            groups.setdefault(candidate.sentence.index, []).append(candidate)
    totals = [
        c
        for c in candidates
        if c.arm_label is None and c.role in ("randomised", "enrolled", "total") and c.score >= 2.5
    ]
    for index, arms in groups.items():
        if len(arms) < 2 or len({a.arm_label for a in arms}) < len(arms):
            continue
        if not _ALLOCATED.search(arms[0].sentence.text):
            continue  # sub-groups of outcomes or doses need not add up to anything
        near = [t for t in totals if index - t.sentence.index in (0, 1)]
        if not near:
            continue
        stated = max(near, key=lambda c: (c.sentence.index, c.score))
        group_sum = sum(a.value for a in arms)
        if group_sum == stated.value or group_sum > 3 * stated.value:
            continue
        context = doc.text[stated.sentence.start : arms[0].sentence.end]
        if _EXPLAINED.search(context):
            continue
        message = (
            f"the groups ({' + '.join(str(a.value) for a in arms)} = {group_sum}) do not add up "
            f"to the {stated.value} stated"
        )
        evidence = [_ev(doc, stated.sentence.start, stated.sentence.end)]
        arm_quote = _ev(doc, arms[0].sentence.start, arms[0].sentence.end)
        if arm_quote not in evidence:
            evidence.append(arm_quote)
        return [Inconsistency("arm-sum", message, evidence, 0.8)]
    return []


def _tolerance(percent_text: str) -> float:
    """How far a reported percentage may stray from the exact one through rounding or truncation
    at the precision it is printed with."""
    decimals = len(percent_text.split(".")[1]) if "." in percent_text else 0
    return {0: 1.0, 1: 0.15}.get(decimals, 0.02)


_PERCENT_TEXT = re.compile(r"\d+(?:\.\d+)?(?=\s*%|\s*per ?cent)", _I)


_PER_CENT_WORD = re.compile(r"per ?cent", _I)


def _percentages(doc: Doc) -> list[Inconsistency]:
    out: list[Inconsistency] = []
    if "%" not in doc.text and not _PER_CENT_WORD.search(doc.text):
        return out  # a count is given a percentage only with "%" or "percent"
    for sentence in doc.sentences:
        if sentence.section == "references":
            continue
        for count in doc.counts_in(sentence):
            if count.percent is None or count.total <= 0:
                continue
            actual = 100.0 * count.count / count.total
            shown = _PERCENT_TEXT.search(doc.text, count.start, count.end)
            if abs(actual - count.percent) <= _tolerance(shown.group() if shown else "0"):
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


# "Data from 47 patients in the TXA group and 45 in the placebo group were analyzed"
_ANALYSED_SENTENCE = re.compile(
    r"\b(?:analy[sz]ed|analy[sz]is|evaluable|completed the (?:study|trial))\b", _I
)
_GROUP_COUNT = re.compile(
    r"\b(\d[\d,]*) (?:[-\w]+ ){0,2}?in the ((?:[-\w]+ ){0,2}?)(?:group|arm)\b", _I
)


def _analysed_groups_exceed(doc: Doc, candidates: list[Candidate]) -> list[Inconsistency]:
    """Group sizes of one analysis sentence that add up to more than were randomised."""
    totals = [
        c
        for c in candidates
        if c.role in ("randomised", "enrolled", "total") and c.score >= 4.5 and c.arm_label is None
    ]
    if not totals:
        return []
    top = max(totals, key=lambda c: c.score)
    for sentence in doc.own:
        if sentence is top.sentence or not _ANALYSED_SENTENCE.search(sentence.text):
            continue
        groups = {m.group(2).strip().lower(): m for m in _GROUP_COUNT.finditer(sentence.text)}
        if len(groups) < 2:
            continue
        sizes = [int(m.group(1).replace(",", "")) for m in groups.values()]
        analysed = sum(sizes)
        if not top.value < analysed <= 3 * top.value:
            continue
        parts = " + ".join(str(size) for size in sizes)
        message = (
            f"{parts} = {analysed} participants were analysed, more than the {top.value} "
            f"{'randomised' if top.role == 'randomised' else 'enrolled'}"
        )
        evidence = [
            _ev(doc, top.sentence.start, top.sentence.end),
            _ev(doc, sentence.start, sentence.end),
        ]
        return [Inconsistency("analysed-exceeds-enrolled", message, evidence, 0.7)]
    return []


# "among the 212 women in the study": a restatement of the whole sample.
_WHOLE_SAMPLE = re.compile(
    r"\b(?:among|of|for|in) (?:the|all|all of the|these) ([\d,]+) (?:[-\w]+ ){0,2}?"
    r"(?:patients|participants|subjects|people|women|men|children|adults|volunteers|infants)"
    r" (?:in the (?:study|trial)|studied|enrolled|randomi[sz]ed|who took part|taking part|"
    r"recruited|included)\b",
    _I,
)
# The words that close `_WHOLE_SAMPLE`, each with the space before it (so that no two overlap
# and a scan for them misses none).
_SAMPLE_CLOSING = re.compile(
    r" (?:in the (?:study|trial)|studied|enrolled|randomi[sz]ed|who took part|taking part|"
    r"recruited|included)",
    _I,
)
# Words saying that some participants left, which would explain two different totals.
_LEFT_STUDY = re.compile(
    r"\b(?:exclu\w+|withdr[eao]w\w*|dropped out|drop-?outs?|lost to follow|discontinu\w+|"
    r"did not (?:complete|finish|receive|start)|declined|ineligible|died|deaths?|"
    r"per[- ]protocol|modified intention|were not (?:analy[sz]ed|included))\b",
    _I,
)


def _restated_sample_size(doc: Doc, candidates: list[Candidate]) -> list[Inconsistency]:
    """The whole sample given two sizes, in a text that mentions no one leaving the study."""
    claims: list[tuple[int, int, int]] = [
        (c.value, c.sentence.start, c.sentence.end)
        for c in candidates
        if c.arm_label is None
        and (
            (c.role in ("randomised", "total") and c.score >= 4.5)
            or (
                c.role == "enrolled"
                and c.score >= 4.0
                and not _ANALYSED_SENTENCE.search(c.sentence.text)
            )
        )
    ]
    # Only sentences with one of the closing words can restate the sample: one scan finds them.
    starts = [sentence.start for sentence in doc.sentences]
    closing = {bisect_right(starts, m.start()) - 1 for m in _SAMPLE_CLOSING.finditer(doc.text)}
    for sentence in doc.own:
        if sentence.index not in closing:
            continue
        for match in _WHOLE_SAMPLE.finditer(sentence.text):
            value = int(match.group(1).replace(",", ""))
            claims.append((value, sentence.start, sentence.end))
    values = sorted({value for value, _, _ in claims})
    if len(values) < 2 or _LEFT_STUDY.search(doc.text):
        return []
    small, large = values[0], values[-1]
    first = next(c for c in claims if c[0] == small)
    second = next(c for c in claims if c[0] == large)
    if first[1] == second[1] or large > 3 * small:
        return []
    message = (
        f"the number of participants is given as {small} in one place and {large} in another, "
        "and no one is said to have left the study"
    )
    evidence = [_ev(doc, first[1], first[2]), _ev(doc, second[1], second[2])]
    return [Inconsistency("restated-quantity", message, evidence, 0.65)]


_FIXED_FOLLOW_UP = re.compile(
    r"(?:followed(?: up)? for|follow-?up (?:period )?(?:of|was|lasted)"
    r"|follow-?up lasting)\s*$",
    _I,
)


def _restated_follow_up(doc: Doc, durations: list[Duration]) -> list[Inconsistency]:
    """A follow-up stated as a fixed length, and a visit or a second length beyond it."""
    fixed = []
    for duration in durations:
        if duration.role != "follow-up" or duration.typical or duration.low_days is not None:
            continue
        before = doc.text[max(duration.sentence.start, duration.start - 40) : duration.start]
        if _FIXED_FOLLOW_UP.search(before) and not _NOT_FIXED.search(before):
            fixed.append(duration)
    if not fixed:
        return []
    stated = min(fixed, key=lambda d: d.days)
    beyond = [
        d
        for d in durations
        if d.role == "follow-up"
        and d.days > stated.days * 1.05
        and not d.typical
        and _FOLLOW_UP_MENTION.search(
            doc.text[max(d.sentence.start, d.start - 30) : min(d.sentence.end, d.end + 30)]
        )
    ]
    if not beyond:
        return []
    later = max(beyond, key=lambda d: d.days)
    message = (
        f"the follow-up is given as {stated.text}, yet the text reports a {later.text} follow-up"
    )
    evidence = [_sentence_ev(doc, stated)]
    if later.sentence is not stated.sentence:
        evidence.append(_sentence_ev(doc, later))
    return [Inconsistency("restated-quantity", message, evidence, 0.65)]


_NOT_FIXED = re.compile(
    r"\b(?:median|mean|average|up to|at least|minimum|maximum|range|a further|an additional|"
    r"another|after|beyond)\b",
    _I,
)
_FOLLOW_UP_MENTION = re.compile(r"follow(?:ed)?[- ]?up|followed", _I)


# "12 patients (35%)": a count of people with its percentage, the denominator left implicit.
# (Each number's first digit comes before the look-behind that checks the character ahead of it,
# so that `re` can skip from digit to digit: the same matches, several times faster.)
_COUNT_PERCENT = re.compile(
    r"(\d(?<![\d.,]\d)\d{0,5})\s+(?:[a-z-]+\s+){0,3}?(?:patients|participants|subjects|people|"
    r"women|"
    r"men|children|respondents|cases|infants|adults|individuals|students)\s*\(\s*(\d{1,3}(?:\.\d+)?)"
    r"\s*%\s*\)",
    _I,
)
# Whole numbers that could count people: not percentages, not decimals.
_ANY_NUMBER = re.compile(
    r"\d(?<![\d.]\d)(?:\d{0,2}(?:,\d{3})+|\d*)(?![\d.,]\d)(?!\s*(?:%|percent|per cent))", _I
)


def _implied_percentages(doc: Doc, sample: SampleSizeFinding) -> list[Inconsistency]:
    """Flag "N people (P%)" only when no number in the whole text can be its denominator."""
    if sample.value is None or "%" not in doc.text:
        return []
    matches = list(_COUNT_PERCENT.finditer(doc.text))
    if not matches:
        return []
    denominators: set[int] | None = None  # gathered when a count first needs them
    out = []
    for match in matches:
        count, percent = int(match.group(1)), float(match.group(2))
        if percent <= 0 or percent > 100 or count == 0:
            continue
        if _OF_BEFORE.search(doc.text[max(0, match.start() - 12) : match.start()]):
            continue  # "23 of 106 patients (21.7%)": 106 is the denominator, not a count
        if denominators is None:
            denominators = {int(m.group().replace(",", "")) for m in _ANY_NUMBER.finditer(doc.text)}
            denominators |= _word_numbers(doc)
        tolerance = _tolerance(match.group(2))
        if any(d >= count and abs(100.0 * count / d - percent) <= tolerance for d in denominators):
            continue
        expected = 100.0 * count / sample.value
        message = (
            f"{count} is {expected:.1f}% of the {sample.value} studied, but the text gives "
            f"{match.group(2)}%, and no group in the text has a size that gives it"
        )
        out.append(
            Inconsistency("percentage", message, [_ev(doc, match.start(), match.end())], 0.7)
        )
    return out


_OF_BEFORE = re.compile(r"(?:\bof|\bout of|/|\bamong|\bin)\s*(?:the\s+|all\s+)?$", _I)


# "Of the 64 children who got the patch, 20 - about 45 percent - ...": count, total, percent.
_OF_TOTAL_PERCENT = re.compile(
    r"\bof (?:the |all |those )?([\d,]+) (?:[-\w]+ ){0,2}?(?:patients|participants|subjects|"
    r"people|women|men|children|adults|infants|respondents|smokers|users|cases)\b[^,.;]{0,60}?,"
    r"\s*([\d,]+)\s*(?:—|–|-|\(|,)\s*"
    r"(about |around |roughly |approximately |nearly |almost |some )?(\d{1,3}(?:\.\d+)?)\s*"
    r"(?:%|percent|per cent)",
    _I,
)


def _of_total_percentages(doc: Doc) -> list[Inconsistency]:
    out = []
    for sentence in doc.own:
        for match in _OF_TOTAL_PERCENT.finditer(sentence.text):
            total = int(match.group(1).replace(",", ""))
            count = int(match.group(2).replace(",", ""))
            percent = float(match.group(4))
            if total == 0 or count > total:
                continue
            actual = 100.0 * count / total
            # "About" allows for a journalist's rounding, not for a different number.
            tolerance = 5.0 if match.group(3) else _tolerance(match.group(4))
            if abs(actual - percent) <= tolerance:
                continue
            start = sentence.start + match.start()
            message = (
                f"{count} of {total} is {actual:.1f}%, but the text gives "
                f"{(match.group(3) or '').strip()} {match.group(4)}%".replace("  ", " ")
            )
            out.append(
                Inconsistency(
                    "percentage", message, [_ev(doc, start, sentence.start + match.end())], 0.75
                )
            )
    return out


def _word_numbers(doc: Doc) -> set[int]:
    return {
        int(m.value)
        for sentence in doc.sentences
        for m in doc.numbers_in(sentence)
        if m.form == "word" and m.value >= 1
    }
