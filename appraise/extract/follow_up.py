"""Follow-up: the longest follow-up stated, in days, told apart from treatment length, recruitment
windows, ages and disease durations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from appraise.extract.context import Doc, Sentence
from appraise.extract.findings import Evidence, FollowUpFinding
from appraise.extract.numbers import parse_number, word_to_number

_I = re.IGNORECASE
DAYS = {
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "month": 30.44,
    "year": 365.25,
    "decade": 3652.5,
}
_UNIT_NAMES = {
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "mins": "minute",
    "hour": "hour",
    "hours": "hour",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "day": "day",
    "days": "day",
    "d": "day",
    "week": "week",
    "weeks": "week",
    "wk": "week",
    "wks": "week",
    "month": "month",
    "months": "month",
    "mo": "month",
    "mos": "month",
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
    "y": "year",
    "decade": "decade",
    "decades": "decade",
}
_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_NUM = rf"(?:\d+(?:\.\d+)?|{_WORD}|an?|half an?)"
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|months?|mos?|years?|yrs?|decades?)"
_DURATION = re.compile(
    rf"(?<![\w.-])(?:(?P<low>{_NUM})\s*(?:-|–|—|to|or|and)\s*)?(?P<num>{_NUM})"
    rf"(?:\s+|-|\u00a0)?(?P<unit>{_UNIT})\b(?!-old)",
    _I,
)
_TIME_POINT = re.compile(
    r"\b(?:on|at|by|until|through|to|after|before) (?:the )?(?P<unit>day|week|month|year)"
    r"\s+(?P<num>\d{1,4})\b",
    _I,
)

_AGE = re.compile(
    r"\b(?:aged?|ages|years? old|year-old|old(?:er)? than|younger than|of age|"
    r"born|mean age|median age|age of|age range|birthday)\b",
    _I,
)
_NOT_FOLLOW_UP_BEFORE = re.compile(
    r"(?:"
    + "|".join(
        (
            r"\bwithin the (?:past|previous|last)",
            r"\bin the (?:past|previous|last)",
            r"\bhistory of",
            r"\bduration of (?:\w+ ){0,3}",
            r"\bdisease duration",
            r"\bhad (?:\w+ ){0,3}for",
            r"\bfor at least",
            r"\bfor more than",
            r"\bsince",
            r"\blived",
            r"\bliving",
            r"\bexperience of",
            r"\bpractice of",
            r"\bsymptoms? for",
            r"\bevery",
            r"\beach",
            r"\bonce a",
            r"\bper",
            r"\bwaiting time of",
            r"\bwait of",
            r"\bhalf-life of",
            r"\blife expectancy of",
            r"\bexpected to",
            r"\bwould",
            r"\bcould",
            r"\bin an?",
            r"\b(?:lasted|lasting|resolved|went away|disappeared|subsided|wore off)(?: \w+){0,2}",
            r"\b(?:doubled|tripled|rose|risen|fell|fallen|increased|decreased|grown)(?: \w+){0,2}",
        )
    )
    + r")\s*(?:\w+\s+){0,2}$",
    _I,
)
_NOT_FOLLOW_UP_AFTER = re.compile(
    r"^\s*(?:ago|earlier than|of age|old"
    r"|before (?:the )?(?:index|reference|symptom|onset|admission)"
    r"|of (?:admission|onset|presentation|birth|diagnosis|symptom)"
    r"|(?:-?long )?period (?:ending|starting|from|between|of recruitment)"
    r"|(?:a|per|each|every) (?:day|week|month|year)\b|"
    r"after (?:completing|completion|diagnosis|the end of|finishing|stopping)|"
    r"of (?:smoking|experience|education|schooling|disease|"
    r"diabetes|symptoms|practice|residence)|apart|interval|intervals|prior to (?:enrol|the study|"
    r"randomi|inclusion|admission)|before (?:enrol|the study|randomi|inclusion|admission|"
    r"diagnosis)|after (?:diagnosis|symptom onset|onset))",
    _I,
)
_RECRUITMENT = re.compile(
    r"\b(?:recruit|enrol|admitted|referred|screened|between (?:19|20)\d\d|"
    r"from (?:19|20)\d\d|registered|conducted (?:over|during|between)|"
    r"data (?:were )?collected|identified)\w*",
    _I,
)
_TREATMENT = re.compile(
    r"\b(?:treated|treatment|therapy|received|receiving|took|taking|daily|twice|once|dose|dosing|"
    r"administered|given|applied|supplement\w*|injections?|infusions?|course|regimen|sessions?|"
    r"intervention|program(?:me)?|training|exercise|diet|medication|drug|capsules?|tablets?)\b",
    _I,
)
_STUDY_LENGTH = re.compile(
    r"^-?\s*(?:long )?(?:[-\w]+ ){0,2}(?:trial|study|follow-?up|period|"
    r"observation|programme|program)\b",
    _I,
)
_TYPICAL = re.compile(
    r"\b(?:median|mean|average)\s+(?:duration of\s+)?(?:follow-?up|"
    r"observation)(?:\s+(?:period|time|duration))?\s*(?:was|of|:|=|,)?\s*$",
    _I,
)
_EARLIER = re.compile(
    r"^\s*(?:earlier|before (?:the|their|this) (?:procedure|treatment|"
    r"transplant|surgery|operation|intervention|injection))",
    _I,
)


# "Once a month", "three times a week": how often, not how long.
_FREQUENCY_BEFORE = re.compile(r"\b(?:once|twice|thrice|times)\s*$", _I)
_FOLLOWING_BEFORE = re.compile(r"\b(?:over|during|in|within) the (?:following|subsequent)\s*$", _I)
# "her third bout of heart failure in two years": how often things happened, in the past.
_NTH_IN = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|\d+(?:nd|rd|th))\b[^.;]{0,50}?\bin\s*$", _I
)
_QUESTION_BEFORE = re.compile(r"\bwhether\b", _I)
_AMOUNT_AFTER = re.compile(
    r"^\s*(?:less|more|fewer|longer|shorter)\b(?! (?:than|after|later))"
    # "outdoors for two hours or more on a typical day": a daily amount
    r"|^\s*(?:[a-z]+ )?(?:or (?:more|less|longer) )?(?:on )?(?:per|a|an|each|every) "
    r"(?:typical |average |usual )?"
    r"(?:day|week|night|weekday)\b",
    _I,
)
_ELIGIBILITY = re.compile(
    r"\b(?:were|was) eligible\b|\beligibility\b|\b(?:inclusion|exclusion) criteri"
    r"|\bwere excluded if",
    _I,
)
# "Worn for half an hour before each infusion": the time a treatment takes each session.
_EACH_SESSION = re.compile(
    r"\b(?:each|every|per) (?:infusion|session|dose|treatment|visit|cycle|injection|class|"
    r"meeting|use|exposure)\b",
    _I,
)
_STUDY_DURATION = re.compile(
    r"\b(?:study|trial|total|follow-up|observation) (?:duration|length|period)\b[^.;]{0,40}?"
    r"(?:was|of|:|lasted)\s*$",
    _I,
)
_HEDGE = re.compile(
    r"\b(?:about|around|approximately|nearly|almost|roughly|some|just over|just under|"
    r"more than|less than)\s*$",
    _I,
)
_TIME_POINT_LIST = re.compile(r"\b(?:at|after)\s+(?:\d+(?:\.\d+)?\s*(?:,|and|or)\s*)+$", _I)
_FOLLOW_UP_WORDS = re.compile(
    r"follow(?:ed)?[- ]?up|followed(?! by)|\b(?:monitored|observed|tracked|watched|checked on)"
    r"(?: \w+){0,3} (?:for|over)\b",
    _I,
)
_OUTCOME_AT = re.compile(
    r"^-?\s*(?:[-\w]+\s+){0,4}?(?:rates?|survival|mortality|outcomes?|end-?points?|events?|"
    r"recurrence|relapse|risk|incidence|response|remission|results?|visit|assessment)\b",
    _I,
)


_UNIT_WORD = re.compile(rf"(?<![^\W_]){_UNIT}\b(?!-old)", _I)
# The duration pattern, ending where a unit found by _UNIT_WORD ends.
_DURATION_ENDING = re.compile(_DURATION.pattern + "$", _I)


@dataclass(slots=True)
class Duration:
    days: float
    low_days: float | None
    text: str
    start: int
    end: int
    sentence: Sentence
    role: str
    """follow-up, study-length, treatment, recruitment, excluded, earlier."""
    typical: bool = False


def _value(token: str) -> float | None:
    token = token.lower().strip()
    if token in ("a", "an", "one"):
        return 1.0
    if token.startswith("half"):
        return 0.5
    if token[0].isdigit():
        return parse_number(token)
    return word_to_number(token.replace(" ", "-"))


def find_durations(doc: Doc) -> list[Duration]:
    """Every duration in the text with its role; units are found first, which is far cheaper
    than trying the number-and-unit pattern at every word."""
    found: list[Duration] = []
    for sentence, unit in doc.each_match(_UNIT_WORD):
        if sentence.section in ("references", "funding"):
            continue
        window = max(sentence.start, unit.start() - 48)
        match = _DURATION_ENDING.search(doc.text, window, unit.end())
        if match is not None:
            duration = _duration(doc, sentence, match)
            if duration is not None:
                found.append(duration)
    for sentence, match in doc.each_match(_TIME_POINT):
        if sentence.section in ("references", "funding"):
            continue
        number = float(match.group("num"))
        unit_name = _UNIT_NAMES[match.group("unit").lower()]
        start, end = match.start("unit"), match.end("num")
        found.append(
            Duration(
                number * DAYS[unit_name],
                None,
                doc.text[start:end],
                start,
                end,
                sentence,
                "follow-up",
            )
        )
    return found


def _duration(doc: Doc, sentence: Sentence, match: re.Match[str]) -> Duration | None:
    """A duration from a match over `doc.text` (offsets are into the whole text)."""
    unit_token = match.group("unit").lower()
    unit = _UNIT_NAMES.get(unit_token)
    if unit is None:
        return None
    number_token = match.group("num")
    # Bare "a/an" or one-letter units need a clear shape: "a year", "4-h", not "a h".
    if unit_token in ("h", "d", "y") and not number_token[0].isdigit():
        return None
    value = _value(number_token)
    if value is None or value <= 0:
        return None
    low = _value(match.group("low")) if match.group("low") else None
    if low is not None and low >= value:
        low = None
    days = value * DAYS[unit]
    start, end = match.start(), match.end()
    before = doc.text[max(sentence.start, start - 70) : start]
    after = doc.text[end : min(sentence.end, end + 60)]
    role = _role(sentence, before, after)
    if role != "excluded" and days < 1 and _EACH_SESSION.search(sentence.text):
        role = "treatment"
    typical = bool(_TYPICAL.search(before))
    low_days = low * DAYS[unit] if low is not None else None
    return Duration(days, low_days, doc.text[start:end], start, end, sentence, role, typical)


def _role(sentence: Sentence, before: str, after: str) -> str:
    if sentence.background or sentence.future:
        return "excluded"
    if re.search(r"follow\w*(?: up)? (?:to|until)\s*(?:the )?(?:age (?:of )?)?$", before, _I):
        return "follow-up"  # a birth cohort "followed up to 12 years of age"
    if _AGE.search(before[-25:]) or _AGE.search(after[:15]):
        return "excluded"
    if _STUDY_DURATION.search(before):
        return "study-length"  # "the total study duration for each participant was 10 weeks"
    if (
        _NOT_FOLLOW_UP_BEFORE.search(before)
        or _NOT_FOLLOW_UP_AFTER.match(after)
        or _FREQUENCY_BEFORE.search(before)
    ):
        return "excluded"
    if _QUESTION_BEFORE.search(before) or _AMOUNT_AFTER.match(after) or _NTH_IN.search(before):
        return "excluded"  # "whether it holds over a year"; "sat 50 minutes less a day"
    if _ELIGIBILITY.search(sentence.text) and not _FOLLOW_UP_WORDS.search(sentence.text):
        return "excluded"  # "symptoms for less than 7 days were eligible": a criterion
    if _EARLIER.match(after):
        return "earlier"
    if _TIME_POINT_LIST.search(before):
        return "follow-up"  # "at 5, 15, 30 and 60 min"
    before = _HEDGE.sub("", before)  # "after about three years" reads as "after three years"
    near_before = before[-45:]
    if _FOLLOW_UP_WORDS.search(near_before + " " + after[:25]) or _FOLLOWING_BEFORE.search(before):
        return "follow-up"
    if _OUTCOME_AT.match(after) and before.endswith(("", " ")):
        return "follow-up"  # "the 12-month event rate": an outcome measured at that time
    if _STUDY_LENGTH.match(after):
        if re.match(r"^-?\s*(?:\w+ )?period", after, _I) and _TREATMENT.search(sentence.text):
            return "treatment"
        return "study-length"
    if _RECRUITMENT.search(near_before) and not re.search(r"\bafter\b|\blater\b", after[:12], _I):
        return "recruitment"
    if re.match(
        r"^\s*(?:later|after|post|afterwards|thereafter|from (?:baseline|randomi|the start|"
        r"enrol)|on\b(?! (?:the|a|an|their|his|her|treatment|average|therapy|medication)\b))",
        after,
        _I,
    ) or re.search(
        r"\b(?:at|after|by|until|up to|over|within|"
        r"during|in)\s*$|\bover the\s*$",
        before,
        _I,
    ):
        if _TREATMENT.search(near_before) and re.search(r"\b(?:for|over)\s*$", before, _I):
            return "treatment"
        return "follow-up"
    if _TREATMENT.search(near_before) or re.match(
        r"^\s*(?:of|course of) (?:\w+ )?(?:treatment|"
        r"therapy|supplement|training)",
        after,
        _I,
    ):
        return "treatment"
    if re.search(r"\bfor\s*$", before, _I):
        return "study-length"
    return "other"


def find_follow_up(doc: Doc, durations: list[Duration]) -> FollowUpFinding:
    follow = [d for d in durations if d.role in ("follow-up", "earlier")]
    length = [d for d in durations if d.role == "study-length"]
    treatment = [d for d in durations if d.role == "treatment"]
    treatment_days = max((d.days for d in treatment), default=None)
    pool, confidence, why = follow, 0.8, "follow-up stated"
    if not pool:
        pool, confidence, why = length, 0.65, "length of the study stated"
    if not pool:
        # How long treatment lasted is not how long people were followed: a blank, with the
        # treatment length kept apart.
        longest_treatment = max(treatment, key=lambda d: d.days, default=None)
        if longest_treatment is not None and longest_treatment.days >= 1:
            return FollowUpFinding(
                rationale=(
                    f"the text states only how long treatment lasted ({longest_treatment.text}), "
                    "not how long participants were followed"
                ),
                evidence=[_sentence_ev(doc, longest_treatment)],
                treatment_days=treatment_days,
            )
        return FollowUpFinding(
            rationale="the text states no follow-up length", treatment_days=treatment_days
        )
    longest = max(pool, key=lambda d: d.days)
    typical = [d for d in pool if d.typical]
    typical_days = typical[0].days if typical and typical[0].days != longest.days else None
    if typical and longest.low_days is None and typical[0] is longest:
        typical_days = None
    evidence = [Evidence.of(doc.text, longest.sentence.start, longest.sentence.end)]
    if typical and typical[0].sentence is not longest.sentence:
        evidence.append(Evidence.of(doc.text, typical[0].sentence.start, typical[0].sentence.end))
    return FollowUpFinding(
        confidence=confidence,
        rationale=f"{why}: {longest.text}",
        evidence=evidence,
        days=round(longest.days, 3),
        text=longest.text,
        typical_days=round(typical_days, 3) if typical_days else None,
        treatment_days=round(treatment_days, 3) if treatment_days else None,
    )


def _sentence_ev(doc: Doc, duration: Duration) -> Evidence:
    return Evidence.of(doc.text, duration.sentence.start, duration.sentence.end)
