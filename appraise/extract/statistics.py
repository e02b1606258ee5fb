"""Re-check the reported statistics: p-values against their test statistics, estimates against
their confidence intervals, means of integer data against their n (GRIM), shares of one group.

Every check allows for the rounding of the numbers as printed: a flag means no set of values
that round to what the text says can agree. SciPy is imported only when a text reports a test.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from appraise.extract.context import Doc, Sentence
from appraise.extract.findings import Evidence, Inconsistency

_I = re.IGNORECASE
_NUMBER = r"[−–-]?\s?\d*\.?\d+"
_P_VALUE = re.compile(
    r"\s*[,;:(]?\s*(?:(?P<sided>one|two)[- ](?:sided|tailed)\s+)?[pP]\s*"
    r"(?P<op>=|<|>|≤|≥|<=|>=)\s*(?P<p>0?\.\d+|1(?:\.0+)?|0)\b"
)
_TESTS: list[tuple[str, re.Pattern[str]]] = [
    (
        "t",
        re.compile(r"\bt\s*[(\[]\s*(?P<df>\d+(?:\.\d+)?)\s*[)\]]\s*=\s*(?P<value>" + _NUMBER + ")"),
    ),
    (
        "F",
        re.compile(
            r"\bF\s*[(\[]\s*(?P<df>\d+)\s*,\s*(?P<df2>\d+(?:\.\d+)?)\s*[)\]]\s*=\s*"
            r"(?P<value>\d*\.?\d+)"
        ),
    ),
    (
        "chi2",
        re.compile(
            r"(?:χ\s?2|χ²|chi2|chi²|chi-squared?|x2)\s*[(\[]\s*(?P<df>\d+)"
            r"(?:\s*,\s*N\s*=\s*[\d,]+)?\s*[)\]]\s*=\s*(?P<value>\d*\.?\d+)",
            _I,
        ),
    ),
    ("z", re.compile(r"\b[zZ]\s*=\s*(?P<value>" + _NUMBER + ")")),
    ("r", re.compile(r"\br\s*[(\[]\s*(?P<df>\d+)\s*[)\]]\s*=\s*(?P<value>[−–-]?\s?0?\.\d+)")),
]
# A flattened table row: "χ2(2) = 2.23 | .83", the p-value in the next column.
_TABLE_P = re.compile(r"\s*\|\s*(?P<sided>)(?P<op>[<>]?=?)\s*(?P<p>0?\.\d+|1(?:\.0+)?)\b")
_ONE_SIDED = re.compile(r"\bone[- ](?:sided|tailed)\b", _I)

_RATIO_NAMES = r"(?:a?HR|a?OR|a?RR|IRR|hazard ratio|odds ratio|relative risk|risk ratio|rate ratio)"
_DIFFERENCE_NAMES = r"(?:mean difference|difference|MD|SMD|risk difference)"
_ESTIMATE = re.compile(
    rf"\b(?P<name>{_RATIO_NAMES}|{_DIFFERENCE_NAMES})\b[^\d−–(]{{0,25}}?(?P<est>{_NUMBER})"
    r"[^\d(;]{0,20}?(?:[(,;]\s*)?(?:95\s?%\s*(?:CI|confidence interval)\s*[:,]?\s*|\()"
    rf"(?P<lo>{_NUMBER})\s*(?:to|–|—|,|-)\s*(?P<hi>{_NUMBER})\s*\)?",
    _I,
)
_MEAN = re.compile(
    r"\b(?:mean|M|average)\b(?:\s+[a-z-]+){0,5}?\s*(?:of|was|were|=|:)?\s*(?P<mean>\d+\.\d+)"
    r"(?:\s*\(\s*(?:SD|s\.d\.|±)\s*=?\s*\d*\.?\d+\s*\)|\s*(?:±|SD)\s*\d*\.?\d+)?",
    _I,
)
_N = re.compile(r"\b[nN]\s*=\s*(?P<n>\d{1,4})\b")
# "3.45 (SD 0.80, n = 17)": a mean with its own n.
_MEAN_SD_N = re.compile(
    r"(?<![\d.])(?P<mean>\d+\.\d+)\s*\(\s*(?:SD|s\.d\.|±)\s*=?\s*\d*\.?\d+\s*[,;]\s*"
    r"[nN]\s*=\s*(?P<n>\d{1,4})\s*\)"
)
_INTEGER_DATA = re.compile(
    r"\b(?:likert|single[- ]item|rated (?:on|from)|rating|(?:1|0)\s*(?:to|-|–)\s*(?:5|7|10)\b"
    r"|number of (?:visits|episodes|days|children|cigarettes|drinks|falls|admissions|events)"
    r"|visits|episodes|falls)",
    _I,
)
# Words that name a rating, where the article elsewhere says the rating is whole numbers.
_SCORED = re.compile(r"\b(?:score[sd]?|rating|rated|scale|item|likert)\b", _I)
_MEASUREMENT = re.compile(
    r"\b(?:kg|mm|cm|mg|ml|mmol|years?|age|weight|height|pressure|bmi|level|concentration|hours|"
    r"minutes|seconds|%|percent|items)\b",
    _I,
)
_PCT_WORD = r"\s?(?:%|percent|per cent)"
_SEX = r"(?:men|male|males|boys|women|female|females|girls)"
_SEX_SHARES = re.compile(
    rf"(?P<a>\d{{1,3}}(?:\.\d+)?){_PCT_WORD},?\s*(?:were\s+|are\s+|of\s+(?:them|participants|"
    rf"patients)\s+were\s+)?(?P<first>{_SEX})\b"
    rf"|(?P<first2>{_SEX})\s*\(\s*(?P<b>\d{{1,3}}(?:\.\d+)?){_PCT_WORD}\s*\)"
    rf"|(?P<first3>{_SEX})\b[^.;]{{0,30}}?(?:made up|were|accounted for|comprised|represented)\s+"
    rf"(?P<c>\d{{1,3}}(?:\.\d+)?){_PCT_WORD}",
    _I,
)
# Words that say the shares belong to different groups (arms, comparisons), not one sample.
_ANY_P = re.compile(r"\b[pP]\s*[=<>≤≥]|\|\s*[<>]?\s*0?\.\d")
_ANY_ESTIMATE = re.compile(rf"\b(?:{_RATIO_NAMES}|{_DIFFERENCE_NAMES})\b", _I)
_ANY_SEX = re.compile(r"\b(?:men|male|males|boys|women|female|females|girls)\b", _I)
_NOT_ONE_GROUP = re.compile(
    r"\b(?:(?:treatment|drug|placebo|control|intervention|usual[- ]care|comparison|exercise) "
    r"(?:group|arm)s?|arms?|versus|vs\.?|compared|respectively|whereas)\b",
    _I,
)
_MALE = {"men", "male", "males", "boys"}


def find_statistics_problems(doc: Doc) -> list[Inconsistency]:
    # Each family of check runs only where the article holds what it checks: most have none.
    # Whole-text scans for a character or word every match must contain pick the sentences
    # worth checking; the checks themselves still run on each sentence alone, as before, and
    # the whole-text conditions of each family are tested only once a sentence needs them.
    text = doc.text
    found: list[Inconsistency] = []
    starts = [s.start for s in doc.sentences]
    # A p-value needs one of these characters, and a mean with its n needs "=".
    with_ops = _sentences_with(_OPS, text, starts)
    # An estimate with its interval needs "95% CI" or a bracket.
    with_interval = _sentences_with(_INTERVAL_MARK, text, starts)
    # Shares of men and women need a percentage.
    with_percent = _sentences_with(_PERCENT_MARK, text, starts)
    candidates = with_ops | with_interval | with_percent
    if not candidates:
        return found
    # Lower-cased, case-blind patterns scan faster; a text with one of the few letters that
    # lower-casing treats otherwise than a case-blind match keeps the slow scans.
    lower = None if _odd_case(text) else text.lower()
    flags: dict[str, bool] = {}

    def article_has(family: str) -> bool:
        known = flags.get(family)
        if known is None:
            if family == "tests":
                known = bool(_ANY_P.search(text))
            elif family == "intervals":
                known = _has(_ANY_ESTIMATE, text, lower)
            elif family == "means":
                known = bool(_N.search(text)) and any(
                    _has(_INTEGER_DATA, s.text, None if lower is None else lower[s.start : s.end])
                    for s in doc.own
                )
            else:
                known = _has(_ANY_SEX, text, lower)
            flags[family] = known
        return known

    sentences = doc.sentences
    for index in sorted(candidates):
        if index < 0:
            continue
        sentence = sentences[index]
        if sentence.background or sentence.section == "references":
            continue
        words = sentence.text
        low = None if lower is None else lower[sentence.start : sentence.end]
        if index in with_ops and _has_test(words) and article_has("tests"):
            found += _test_problems(doc, sentence)
        if index in with_interval and _has(_ANY_ESTIMATE, words, low) and article_has("intervals"):
            found += _interval_problems(doc, sentence)
        if (
            "=" in words
            and article_has("means")
            and (_has(_INTEGER_DATA, words, low) or _has(_SCORED, words, low))
        ):
            found += _grim_problems(doc, sentence)
        if (
            index in with_percent
            and ("%" in words or "percent" in words or "per cent" in words)
            and _has(_SEX_WORD, words, low)
            and article_has("shares")
        ):
            found += _share_problems(doc, sentence)
    return found


def _has(pattern: re.Pattern[str], text: str, lower: str | None) -> bool:
    """Whether `pattern` occurs in `text`, answered over `lower` (`text` lower-cased, None when
    it may not stand in for it) by the pattern's case-sensitive form, which `re` runs faster."""
    if lower is None:
        return pattern.search(text) is not None
    return _FOLDED[id(pattern)].search(lower) is not None


# Characters and words that every match of a check's patterns contains (see above).
_OPS = re.compile(r"[=<>≤≥|]")
_INTERVAL_MARK = re.compile(r"\(|95")
_PERCENT_MARK = re.compile(r"%|percent|per cent")
# Every match of `_SEX_SHARES` holds one of these.
_SEX_WORD = re.compile(r"men|male|boys|girls", _I)
# The only letters that a case-blind match and lower-casing treat differently.
_ODD_CASE = "\u0130\u0131\u017f\u212a"


def _odd_case(text: str) -> bool:
    # Four substring tests cost a tenth of a regex scan for a class of four characters.
    return any(letter in text for letter in _ODD_CASE)


# `_ANY_ESTIMATE` over lower-cased text, found as often (the same names, each between word
# boundaries); each name begins with a letter, and the word boundary before it is checked just
# after that letter, which lets `re` skip ahead to the few letters a name can begin with.
_B = r"(?<!\w.)"
_ANY_ESTIMATE_LOWER = re.compile(
    rf"(?:a{_B}(?:hr|or|rr)|h{_B}(?:r|azard ratio)|o{_B}(?:r|dds ratio)"
    rf"|r{_B}(?:r|elative risk|isk ratio|ate ratio|isk difference)|i{_B}rr"
    rf"|m{_B}(?:ean difference|d)|d{_B}ifference|s{_B}md)\b"
)

# Case-sensitive forms, for lower-cased text, of case-blind patterns used only to ask whether
# they occur; but for the estimate names, each written in lower case, so the same source serves.
_FOLDED = {
    id(_ANY_ESTIMATE): _ANY_ESTIMATE_LOWER,
    **{id(p): re.compile(p.pattern) for p in (_INTEGER_DATA, _SCORED, _ANY_SEX, _SEX_WORD)},
}


def _sentences_with(pattern: re.Pattern[str], text: str, starts: list[int]) -> set[int]:
    """Indices of the sentences in which a match of `pattern` starts (-1: before the first)."""
    return {bisect_right(starts, match.start()) - 1 for match in pattern.finditer(text)}


_STATISTIC = re.compile(r"[tFzZr]\s*[(\[=]|χ|chi", _I)
_P_SAID = re.compile(r"[pP]\s*[=<>≤≥]|\|\s*[<>]?\s*0?\.\d")


def _has_test(text: str) -> bool:
    statistic = _STATISTIC.search(text)
    return bool(statistic) and bool(_P_SAID.search(text))


# -- p-values from test statistics -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Test:
    name: str
    df: tuple[float, ...]
    value: float
    value_text: str
    start: int
    end: int


def _test_problems(doc: Doc, sentence: Sentence) -> list[Inconsistency]:
    out = []
    one_sided_here = bool(_ONE_SIDED.search(sentence.text))
    for test, p_match in _tests_with_p(sentence):
        op = p_match.group("op") or "="
        reported = _p_interval(op, p_match.group("p"))
        if reported is None:
            continue
        one_sided = one_sided_here or p_match.group("sided") == "one"
        low, high = _p_range(test, one_sided)
        if _agrees(op, reported, low, high):
            continue
        computed = _format_p(low, high)
        gross = _decision(op, reported) != ((low + high) / 2 < 0.05)
        statistic = _describe_test(test)
        said = f"p {op} {p_match.group('p')}"
        sides = "" if test.name in ("F", "chi2") else ("one-sided " if one_sided else "two-sided ")
        message = f"{statistic} gives {sides}p {computed}; the text says {said}"
        if gross:
            message += " (the two disagree on significance at 0.05)"
        start = sentence.start + test.start
        end = sentence.start + p_match.end()
        evidence = [Evidence.of(doc.text, start, end)]
        out.append(
            Inconsistency(
                "statistics",
                message,
                evidence,
                0.85 if gross else 0.7,
                rule="p-value recomputed from the test statistic",
                recomputed=computed,
                gross=gross,
            )
        )
    return out


_P_FOLLOWS = re.compile(r"[^.;]{0,25}?(?=[,;(]?\s*[pP]\s*[=<>≤≥])")


def _tests_with_p(sentence: Sentence) -> Iterator[tuple[_Test, re.Match[str]]]:
    text = sentence.text
    for name, pattern in _TESTS:
        for match in pattern.finditer(text):
            p_match = _P_VALUE.match(text, match.end()) or _TABLE_P.match(text, match.end())
            if p_match is None:
                # "t(28) = 2.20 and p = .036" or "(t = ..., df = ..., p = ...)": look a little on
                gap = _P_FOLLOWS.match(text, match.end())
                if gap is None:
                    continue
                p_match = _P_VALUE.match(text, gap.end())
                if p_match is None:
                    continue
            value_text = _clean(match.group("value"))
            df = tuple(
                float(match.group(key))
                for key in ("df", "df2")
                if key in match.groupdict() and match.group(key)
            )
            try:
                value = float(value_text)
            except ValueError:
                continue
            if name in ("t", "r", "chi2") and (not df or df[0] <= 0):
                continue
            if name == "r" and abs(value) >= 1:
                continue
            yield _Test(name, df, value, value_text, match.start(), match.end()), p_match


def _clean(number: str) -> str:
    return number.replace("−", "-").replace("–", "-").replace(" ", "")


def _half_unit(number_text: str) -> float:
    digits = number_text.split(".")[1] if "." in number_text else ""
    return 0.5 * 10.0 ** (-len(digits))


def _p_interval(op: str, p_text: str) -> tuple[float, float] | None:
    p = float(p_text)
    if not 0 <= p <= 1:
        return None
    if op in ("=",):
        half = _half_unit(p_text if "." in p_text else p_text + ".")
        return max(0.0, p - half), min(1.0, p + half)
    return p, p


def _p_range(test: _Test, one_sided: bool) -> tuple[float, float]:
    """The smallest and largest p that values rounding to the reported statistic can give."""
    half = _half_unit(test.value_text)
    magnitude = abs(test.value)
    big, small = magnitude + half, max(0.0, magnitude - half)
    p_of = _p_function(test, one_sided)
    return p_of(big), p_of(small)


def _p_function(test: _Test, one_sided: bool) -> Callable[[float], float]:
    from scipy import special  # imported only when a text reports a test

    sides = 1.0 if one_sided else 2.0
    if test.name == "t":
        df = test.df[0]
        return lambda x: min(1.0, sides * float(special.stdtr(df, -x)))
    if test.name == "z":
        return lambda x: min(1.0, sides * float(special.ndtr(-x)))
    if test.name == "r":
        df = test.df[0]

        def p_of_r(x: float) -> float:
            x = min(x, 0.999999)
            t = x * math.sqrt(df / (1 - x * x))
            return min(1.0, sides * float(special.stdtr(df, -t)))

        return p_of_r
    if test.name == "F":
        df1, df2 = test.df[0], test.df[1]
        return lambda x: float(special.fdtrc(df1, df2, x))
    df = test.df[0]
    return lambda x: float(special.chdtrc(df, x))


def _agrees(op: str, reported: tuple[float, float], low: float, high: float) -> bool:
    if op == "=":
        return reported[0] <= high + 1e-12 and low <= reported[1] + 1e-12
    if op in ("<", "≤", "<="):
        return low < reported[1] + 1e-12
    return high > reported[0] - 1e-12


def _decision(op: str, reported: tuple[float, float]) -> bool:
    """Whether the reported p says significant at 0.05."""
    if op in ("<", "≤", "<="):
        return reported[1] <= 0.05
    if op in (">", "≥", ">="):
        return False
    return (reported[0] + reported[1]) / 2 < 0.05


def _format_p(low: float, high: float) -> str:
    def one(p: float) -> str:
        if p < 0.001:
            return "< .001"
        return f"= {p:.3f}".replace("0.", ".", 1)

    first, second = one(low), one(high)
    return first if first == second else f"{first} to {second.lstrip('=< ')}"


def _describe_test(test: _Test) -> str:
    if test.name == "F":
        return f"F({test.df[0]:g}, {test.df[1]:g}) = {test.value_text}"
    if test.name == "z":
        return f"z = {test.value_text}"
    name = "χ2" if test.name == "chi2" else test.name
    return f"{name}({test.df[0]:g}) = {test.value_text}"


# -- estimates and their confidence intervals --------------------------------------------------


_DIFFERENCE_START = re.compile(_DIFFERENCE_NAMES, _I)
_P_NEAR = re.compile(r"[^.;]{0,12}?(?=[,;(]?\s*[pP]\s*[=<>≤≥])")


def _interval_problems(doc: Doc, sentence: Sentence) -> list[Inconsistency]:
    out = []
    text = sentence.text
    for match in _ESTIMATE.finditer(text):
        try:
            est_text, lo_text, hi_text = (_clean(match.group(k)) for k in ("est", "lo", "hi"))
            est, lo, hi = float(est_text), float(lo_text), float(hi_text)
        except ValueError:
            continue
        if lo > hi:
            continue
        ratio = not _DIFFERENCE_START.match(match.group("name"))
        start, end = sentence.start + match.start(), sentence.start + match.end()
        evidence = [Evidence.of(doc.text, start, end)]
        name = match.group("name")
        slack = _half_unit(est_text) + max(_half_unit(lo_text), _half_unit(hi_text))
        if est < lo - slack or est > hi + slack:
            out.append(
                Inconsistency(
                    "statistics",
                    f"the {name} of {est_text} lies outside its own confidence interval "
                    f"({lo_text} to {hi_text})",
                    evidence,
                    0.85,
                    rule="point estimate within its confidence interval",
                    recomputed=f"{lo_text} to {hi_text}",
                    gross=True,
                )
            )
            continue
        if ratio and lo > 0 and est > 0:
            problem = _log_asymmetry(name, est_text, lo_text, hi_text)
            if problem is not None:
                out.append(
                    Inconsistency(
                        "statistics",
                        problem[0],
                        evidence,
                        0.7,
                        rule="ratio interval symmetric on the log scale",
                        recomputed=problem[1],
                        gross=False,
                    )
                )
                continue
        p_match = _P_VALUE.match(text, match.end()) or _P_NEAR.match(text, match.end())
        if p_match is not None and "op" not in p_match.groupdict():
            p_match = _P_VALUE.match(text, p_match.end())
        if p_match is not None:
            problem_p = _p_against_interval(
                ratio, lo_text, hi_text, p_match.group("op"), p_match.group("p")
            )
            if problem_p is not None:
                span = Evidence.of(doc.text, start, sentence.start + p_match.end())
                out.append(
                    Inconsistency(
                        "statistics",
                        f"{name} {est_text} ({lo_text} to {hi_text}): {problem_p}",
                        [span],
                        0.75,
                        rule="p-value agrees with its confidence interval",
                        recomputed="",
                        gross=True,
                    )
                )
    return out


def _log_asymmetry(name: str, est: str, lo: str, hi: str) -> tuple[str, str] | None:
    """A ratio's interval should be symmetric around it on the log scale; allow the rounding of
    all three numbers and a quarter of the half-width for other methods of interval."""
    values = [(float(t) - _half_unit(t), float(t) + _half_unit(t)) for t in (est, lo, hi)]
    if any(v[0] <= 0 for v in values):
        return None
    (e0, e1), (l0, l1), (h0, h1) = values
    half_width = (math.log(float(hi)) - math.log(float(lo))) / 2
    if half_width <= 0:
        return None
    centre_low = (math.log(l0) + math.log(h0)) / 2
    centre_high = (math.log(l1) + math.log(h1)) / 2
    gap = max(0.0, centre_low - math.log(e1), math.log(e0) - centre_high)
    if gap <= 0.25 * half_width:
        return None
    centre = math.exp((math.log(float(lo)) + math.log(float(hi))) / 2)
    return (
        f"the {name} of {est} is not near the centre of its interval on the log scale "
        f"({lo} to {hi} centres on {centre:.2f})",
        f"{centre:.2f}",
    )


def _p_against_interval(
    ratio: bool, lo_text: str, hi_text: str, op: str, p_text: str
) -> str | None:
    null = 1.0 if ratio else 0.0
    lo, hi = float(lo_text), float(hi_text)
    lo_half, hi_half = _half_unit(lo_text), _half_unit(hi_text)
    reported = _p_interval(op, p_text)
    if reported is None:
        return None
    excludes = lo - lo_half > null or hi + hi_half < null
    includes = lo + lo_half < null < hi - hi_half
    significant = _decision(op, reported) and reported[1] < 0.05
    not_significant = op in (">", "≥", ">=") or (op == "=" and reported[0] > 0.05)
    if excludes and not_significant:
        return f"the interval excludes {null:g}, yet p {op} {p_text}"
    if includes and significant:
        return f"the interval includes {null:g}, yet p {op} {p_text}"
    return None


# -- GRIM: means of integer data --------------------------------------------------------------


def _grim_problems(doc: Doc, sentence: Sentence) -> list[Inconsistency]:
    text = sentence.text
    pairs: list[tuple[str, int, int, int]] = []  # mean text, n, start, end (in the sentence)
    for match in _MEAN_SD_N.finditer(text):
        pairs.append((match.group("mean"), int(match.group("n")), match.start(), match.end()))
    n_match = _N.search(text)
    if n_match is not None:
        for match in _MEAN.finditer(text):
            if any(start <= match.start("mean") < end for _, _, start, end in pairs):
                continue
            start, end = (
                sorted((match.start(), n_match.start()))[0],
                max(match.end(), n_match.end()),
            )
            pairs.append((match.group("mean"), int(n_match.group("n")), start, end))
    out = []
    for mean_text, n, start, end in pairs:
        window = text[max(0, start - 60) : end + 20]
        if _MEASUREMENT.search(window):
            continue
        problem = _grim(mean_text, n)
        if problem is None:
            continue
        out.append(
            Inconsistency(
                "statistics",
                problem[0],
                [Evidence.of(doc.text, sentence.start + start, sentence.start + end)],
                0.7,
                rule="GRIM: a mean of integers must be a multiple of 1/n",
                recomputed=problem[1],
                gross=False,
            )
        )
    return out


def _grim(mean_text: str, n: int) -> tuple[str, str] | None:
    decimals = len(mean_text.split(".")[1])
    if n <= 0 or n >= 10**decimals:
        return None  # with this many people every mean at this precision is possible
    mean = float(mean_text)
    half = 0.5 * 10.0 ** (-decimals)
    nearest = round(mean * n)
    if any(abs(k / n - mean) <= half + 1e-9 for k in (nearest - 1, nearest, nearest + 1)):
        return None
    below, above = math.floor(mean * n) / n, math.ceil(mean * n) / n
    possible = f"{below:.{decimals}f} or {above:.{decimals}f}"
    message = (
        f"a mean of {mean_text} is impossible for whole-number answers from n = {n}: "
        f"the nearest possible means are {below:.{decimals}f} and {above:.{decimals}f}"
    )
    return message, possible


# -- shares of one group -----------------------------------------------------------------------


def _share_problems(doc: Doc, sentence: Sentence) -> list[Inconsistency]:
    """Shares of men and women of one group, in a sentence and the next, add up to at most 100%."""
    following = (
        doc.sentences[sentence.index + 1] if sentence.index + 1 < len(doc.sentences) else None
    )
    scope = [sentence] + ([following] if following is not None else [])
    if any(_NOT_ONE_GROUP.search(s.text) for s in scope):
        return []
    shares: dict[bool, tuple[float, int, int]] = {}
    for part in scope:
        for match in _SEX_SHARES.finditer(part.text):
            word = (match.group("first") or match.group("first2") or match.group("first3")).lower()
            value = float(match.group("a") or match.group("b") or match.group("c"))
            shares.setdefault(
                word in _MALE, (value, part.start + match.start(), part.start + match.end())
            )
        if len(shares) == 2 and part is sentence:
            break
    if len(shares) < 2 or not (sentence.start <= min(v[1] for v in shares.values()) < sentence.end):
        return []
    (male, m_start, m_end), (female, f_start, f_end) = shares[True], shares[False]
    if male + female <= 100.5:
        return []
    evidence = [
        Evidence.of(doc.text, start, end)
        for start, end in sorted([(m_start, m_end), (f_start, f_end)])
    ]
    return [
        Inconsistency(
            "statistics",
            f"{male:g}% male and {female:g}% female add up to {male + female:g}% of one group",
            evidence,
            0.75,
            rule="shares of one group add up to at most 100%",
            recomputed=f"{male + female:g}%",
            gross=True,
        )
    ]
