"""Sample size: enrolled, randomised and analysed totals kept apart, arm sizes, sums of arms.

Each number followed by a word for people is a candidate; the words around it say its role
(enrolled, randomised, analysed, screened, or a sub-group count such as "12 patients died").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from appraise.extract.context import Doc, Sentence
from appraise.extract.cues import cues
from appraise.extract.findings import ArmSize, DesignFinding, Evidence, SampleSizeFinding
from appraise.extract.groups import case_or_control, compared_group
from appraise.extract.numbers import NumberMention

_I = re.IGNORECASE
_PERSONS = (
    r"patients?|participants?|subjects?|people|persons?|individuals?|adults?|children|child|"
    r"kids|women|men|mothers|fathers|parents|volunteers?|infants?|babies|newborns|neonates|"
    r"adolescents?|teens|teenagers|youths?|students?|residents?|veterans|smokers|non-smokers|"
    r"users|recipients?|survivors?|respondents?|employees|workers|nurses|physicians|doctors|"
    r"athletes|players|girls|boys|seniors|elderly|americans|britons|members|cases|controls|"
    r"pregnant women|couples|families|households|twins|donors|inpatients|outpatients|"
    r"healthy (?:volunteers|adults|subjects)|mother-child pairs|pairs|dyads|professionals|"
    r"pupils|schoolchildren|learners|clients|trainees|recruits|soldiers|drivers|runners|"
    r"caregivers|carers"
)
# Units of analysis that are not people: counted as a sample, trusted a little less.
_UNITS = (
    r"eyes|knees|hips|procedures|operations|visits|fractures|ports|catheters|implants|devices|"
    r"lesions|tumou?rs|teeth|pregnancies|births|deliveries|admissions|episodes|limbs|joints"
)
_PEOPLE = rf"(?:{_PERSONS}|{_UNITS})"
_ANY_PEOPLE = re.compile(rf"\b{_PEOPLE}\b", re.IGNORECASE)
_UNIT_AFTER = re.compile(rf"^\s*(?:[-\w'’]+\s+){{0,4}}?(?:{_UNITS})\b", re.IGNORECASE)
# Up to four words (adjectives, "with X") may stand between the number and the people word.
_AFTER_PEOPLE = re.compile(
    rf"^\s*(?:[-\w'’]+\s+){{0,4}}?{_PEOPLE}\b|^\s*(?:[-\w'’]+\s+){{0,2}}?(?:adult|older|elderly|"
    rf"obese|healthy|consecutive|eligible)\b",
    _I,
)
_AFTER_PERSON = re.compile(rf"^\s*(?:[-\w'’]+\s+){{0,4}}?(?:{_PERSONS})\b", re.IGNORECASE)
# "Of 600 women approached, 530 completed": the second number counts the same people.
_SUBSET_OF = re.compile(
    rf"\bof (?:the |all )?[\d,]+ (?:[-\w]+ ){{0,2}}?(?:{_PERSONS})(?: [-\w]+){{0,3}},\s*$",
    re.IGNORECASE,
)
_PRACTICES = re.compile(
    r"^\s*(?:[-\w]+\s+){0,3}?(?:practices|clinics|hospitals|schools|villages|communities|wards|"
    r"centres|centers|sites|nursing homes|general practices|units|clusters|classes|teams)\b",
    _I,
)
_RANDOMISED = re.compile(
    r"\brandomi[sz]ed\b(?! (?:selected|chosen|sampled))|\brandomly (?!selected|chosen|sampled)"
    r"|\b(?:assigned|allocated)\b",
    _I,
)
_ENROLLED = cues(
    r"enrol(?:l?ed|ling|ment)\b",
    r"recruited",
    r"included",
    r"involv(?:ed|ing)",
    r"studied",
    r"(?:study|trial|sample|cohort|population) of",
    r"(?:trial|study) (?:involving|including)",
    r"sample included",
    r"consisted of",
    r"compris(?:ed|ing)",
    r"data (?:from|on)",
    r"records of",
    r"in total",
    r"selected for",
    r"took part",
    r"signed up",
    r"joined",
    r"volunteered",
    r"(?:was|were) one of",
    r"participat(?:ed|ing)",
    r"entered",
    r"underwent",
    r"examined",
    r"evaluated",
    r"surveyed",
    r"interviewed",
    r"followed",
    r"tracked",
    r"analy[sz]ed (?:data|records|the records)",
    r"looked at",
    r"who (?:met|fulfilled)",
    r"population (?:included|consisted)",
    r"(?:were )?identified",
    r"(?:study|trial|researchers|investigators|we|they|team) (?:compared|analy[sz]ed|examined|"
    r"assessed|recruited|surveyed|observed)",
)
_ANALYSED = re.compile(
    r"\b(?:analy[sz](?:ed|is|able)|completed|evaluable|included in the (?:final )?analysis|"
    r"per[- ]protocol|finished)\b",
    _I,
)
_SCREENED = re.compile(
    r"\b(?:screened|assessed for eligibility|approached|invited|contacted|declined|refused|"
    r"referred|were excluded|excluded|withdr[eo]w|dropped out|lost to follow-?up)\b",
    _I,
)
# Words after a count that make it an outcome in a sub-group, not the sample.
_OUTCOME_AFTER = re.compile(
    # Not across "who", "that", "which": "adults who had been diagnosed" describes the people.
    r"^\s*(?:(?!(?:who|that|which|whose)\b)[-\w]+\s+){0,5}?(?:had|has|have|developed|died|experienced|reported|showed|"
    r"achieved|needed|required|suffered|responded|improved|relapsed|were (?:cured|alive|free|"
    r"diagnosed|found|excluded|lost|withdrawn)|did not|failed|complained|became|got)\b"
    r"|^\s*(?:new |incident )?cases of\b",
    _I,
)
_SUBGROUP_BEFORE = re.compile(
    r"(?:\bof (?:whom|these|them|those)|\bamong (?:the|these|them|those)|\bin|\bonly|\bjust|"
    r"\bwhile|\bwhereas|\band|\bbut|(?<!more )(?<!less )(?<!fewer )\bthan|\bversus|\bvs\.?"
    r"|\bcompared (?:with|to))\s*$",
    _I,
)
_ARM_AFTER = re.compile(
    r"^\s*(?:(?:were|was)\s+)?(?:(?:randomi[sz]ed|assigned|allocated)\s+)?(?:to|in|into|on|"
    r"received|receiving|got|took)\b\s+(?:the\s+|a\s+|an\s+)?([A-Za-z][\w-]*(?:\s+[\w-]+)?)",
    _I,
)
_N_EQUALS_LABEL = re.compile(r"([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s*[(\[,]\s*$")
# Numbers that name a time point, a grade or a dose rather than count anyone.
_NOT_A_COUNT_BEFORE = re.compile(
    r"\b(?:day|days|week|weeks|month|months|year|years|visit|grade|stage|phase|type|version|"
    r"cycle|cycles|dose|doses|score|level|class|step|wave|round|aged?|ages|table|figure|fig)\.?\s*$"
    # a disease's reach, a price, groups of a stated size
    r"|\baffect(?:s|ing|ed)?\s+(?:\w+\s+){0,2}$|[$£€¥]\s*$"
    r"|\b(?:cohorts|groups|batches|blocks|panels) of\s*$",
    _I,
)
_PERCENT_AFTER_NOUN = re.compile(
    rf"^\s*(?:[-\w'’]+\s+){{0,4}}?{_PEOPLE}\s*[(\[]\s*\d+(?:\.\d+)?\s*%", _I
)
_OF_THOSE_WHO = re.compile(r"\b(?:of|among|in) the\s*$", _I)
_WHO_AFTER = re.compile(r"^\s*(?:[-\w]+\s+){1,2}?(?:whose|who|in whom|for whom)\b", _I)
_PERCENT_AFTER = re.compile(r"^\s*(?:\(|\[)?\s*\d+(?:\.\d+)?\s*%")
_COMPARES = re.compile(r"\b(?:either|or|versus|vs\.?|compared)\b", _I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(slots=True)
class Candidate:
    value: int
    mention: NumberMention
    sentence: Sentence
    role: str
    score: float
    arm_label: str | None = None
    share: bool = False
    """Followed by a percentage: "118 cases (9.9%)" counts those with an outcome."""


def find_sample_size(doc: Doc) -> tuple[SampleSizeFinding, list[Candidate]]:
    """The finding, and every candidate count of people (for the consistency checks)."""
    candidates: list[Candidate] = []
    arms_by_sentence: dict[int, list[Candidate]] = {}
    for sentence in doc.sentences:
        if sentence.background or sentence.future or sentence.section in ("references", "funding"):
            continue
        for mention in doc.numbers_in(sentence):
            candidate = _classify(doc.text, sentence, mention)
            if candidate is None:
                continue
            if candidate.arm_label is not None:
                arms_by_sentence.setdefault(sentence.index, []).append(candidate)
            candidates.append(candidate)
    if not candidates:
        return SampleSizeFinding(
            rationale="no number of participants is stated for this study",
        ), candidates
    finding = SampleSizeFinding()
    totals = [c for c in candidates if c.arm_label is None]
    best = _best(totals, ("randomised",))
    enrolled = _best(totals, ("enrolled", "total"))
    analysed = _best(candidates, ("analysed",))
    arms = _arms(arms_by_sentence, best or enrolled)
    finding.randomised = best.value if best else None
    finding.enrolled = enrolled.value if enrolled else None
    finding.analysed = analysed.value if analysed else None
    if arms:
        finding.arms = [ArmSize(a.arm_label or "", a.value, _evidence(doc, a)) for a in arms]
    chosen = _choose(best, enrolled, analysed, arms, candidates)
    if chosen is None:
        finding.rationale = "numbers of people are given only for sub-groups or outcomes"
        return finding, candidates
    value, sources, confidence, why = chosen
    finding.value = value
    finding.confidence = confidence
    finding.rationale = why
    finding.evidence = _sentence_evidence(doc, sources)
    return finding, candidates


def one_case(sample: SampleSizeFinding, design: DesignFinding) -> SampleSizeFinding:
    """A case report is about one patient: its other numbers of people (a disease's prevalence,
    an expert's count of earlier cases) are not its sample. A stated small count stays."""
    if design.value != "case-report" or (sample.value is not None and sample.value <= 5):
        return sample
    return SampleSizeFinding(
        value=1,
        confidence=0.7,
        rationale="a case report describes one patient",
        evidence=list(design.evidence),
    )


def _choose(
    randomised: Candidate | None,
    enrolled: Candidate | None,
    analysed: Candidate | None,
    arms: list[Candidate],
    candidates: list[Candidate],
) -> tuple[int, list[Candidate], float, str] | None:
    """The sample size, its sources, confidence and rationale, in order of trust: a stated
    randomised or enrolled total, the sum of the groups, any count of participants, the analysed."""
    stated = [
        (found, role)
        for found, role in ((randomised, "randomised"), (enrolled, "enrolled"))
        if found is not None and found.score >= 2.5
    ]
    if stated:
        found, role = max(stated, key=lambda pair: pair[0].score)
        confidence = min(0.95, 0.55 + found.score / 20)
        return found.value, [found], confidence, f"{found.value} participants {role}"
    if len(arms) >= 2:
        total = sum(a.value for a in arms)
        parts = " + ".join(str(a.value) for a in arms)
        return total, arms, 0.75, f"the sum of the group sizes: {parts}"
    generic = [
        c
        for c in candidates
        if c.role in ("people", "enrolled", "total", "randomised")
        and c.arm_label is None
        # "One patient who received ...": one person's story, not the sample; millions of
        # people without a word that they were studied are a disease's reach.
        and 1 < c.value < 1_000_000
    ]
    if generic:
        # Among equals, the first stated: a story gives its sample before its asides.
        top = max(generic, key=lambda c: (c.score, -c.mention.start))
        if top.score >= 1.0:
            confidence = min(0.8, 0.4 + top.score / 15)
            return (
                top.value,
                [top],
                confidence,
                f"{top.value} participants described as taking part",
            )
    if analysed is not None and analysed.score >= 1.5:
        return (
            analysed.value,
            [analysed],
            0.5,
            (f"{analysed.value} participants analysed (no enrolled total stated)"),
        )
    return None


def _best(candidates: list[Candidate], roles: tuple[str, ...]) -> Candidate | None:
    matching = [c for c in candidates if c.role in roles]
    if not matching:
        return None
    return max(matching, key=lambda c: (c.score, c.value))


def _arms(arms_by_sentence: dict[int, list[Candidate]], total: Candidate | None) -> list[Candidate]:
    """The group sizes of one sentence: the one that states the total if it has them, else the
    one that best reads as the allocation."""

    def rank(arms: list[Candidate]) -> tuple[bool, bool, float]:
        same = total is not None and arms[0].sentence is total.sentence
        return same, bool(_RANDOMISED.search(arms[0].sentence.text)), max(c.score for c in arms)

    for arms in sorted(arms_by_sentence.values(), key=rank, reverse=True):
        labels = {a.arm_label for a in arms}
        if len(arms) >= 2 and len(labels) == len(arms) and not any(a.share for a in arms):
            return arms
    # A case-control study may give its cases and its controls in two sentences.
    pair = []
    for label in ("cases", "controls"):
        group = [
            a
            for arms in arms_by_sentence.values()
            for a in arms
            if a.arm_label == label and a.score >= 0.5
        ]
        if group:
            pair.append(max(group, key=lambda a: (a.score, a.value)))
    return pair if len(pair) == 2 else []


_SECTION_BONUS = {
    "title": 1.0,
    "methods": 1.0,
    "abstract": 0.5,
    "objective": 0.3,
    "results": 0.5,
    "body": 0.5,
    "conclusions": -0.5,
    "discussion": -1.0,
}


_NUMBER_WORD = (
    r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_RATIO_AFTER = re.compile(
    r"^\s*in\s+(?:every\s+)?(?:\d{1,3}(?![\d,.])|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|a hundred|a thousand|100|1,000)\b",
    _I,
)
_STUDIES_AFTER = re.compile(
    r"^\s*(?:[-\w]+\s+){0,2}?(?:trials|studies|articles|papers|reports|reviews|rcts)\b", _I
)
_PER_PERSON_AFTER = re.compile(
    r"^\s*(?:[-\w]+\s+)?per (?:child|patient|person|participant|pupil|head|year|month|week|day)\b",
    _I,
)
_PLANNED_AFTER = re.compile(
    r"^\s*(?:[-\w]+\s+){0,3}?(?:were|was|are|is|would be) (?:to be|planned|needed|required)\b", _I
)
_PER_CASE = re.compile(
    r"^\s*(?:[-\w]+\s+){0,2}?controls?\s+(?:per|for each|for every|to each)\s+(?:case|patient)",
    _I,
)
_EACH_CASE = re.compile(r"\b(?:each|every) case\b", _I)
_COUNT_OF = re.compile(rf"^\s*(?:out of|of(?: the| all)?|/)\s*{_NUMBER_WORD}", _I)
_TOTAL_BEFORE = re.compile(
    r"\b(?:a total of|in total,?|total of|overall,?|altogether,?|the entire|sample of)\s*$"
    # "all 40 patients", but not "improved in all 7 children who had it"
    r"|(?<!\bin )(?<!\bof )(?<!\bamong )(?<!\bfor )\ball\s*$",
    _I,
)
_ROLE_CUES = (
    ("screened", _SCREENED),
    ("randomised", _RANDOMISED),
    ("enrolled", _ENROLLED),
    ("analysed", _ANALYSED),
)
_ROLE_SCORE = {"screened": -3.0, "randomised": 3.0, "enrolled": 2.5, "analysed": 1.5}


def _classify(text: str, sentence: Sentence, mention: NumberMention) -> Candidate | None:
    value = mention.value
    if mention.form == "percent" or value < 1 or value != int(value) or value > 50_000_000:
        return None
    number_text = text[mention.start : mention.end]
    after = text[mention.end : min(sentence.end, mention.end + 100)]
    before = text[max(sentence.start, mention.start - 80) : mention.start]
    if _YEAR.match(number_text) and (
        re.search(
            r"\b(?:in|since|during|from|by|until|of|to|and|between|early|late|mid)\s*$", before, _I
        )
        or not re.match(rf"^\s*(?:[-\w]+\s+)?{_PEOPLE}", after, _I)
    ):
        return None
    if after[:1] in ("%", "-") or re.match(
        r"^\s*(?:percent|per cent|mg|g|kg|ml|years?|months?|weeks?|days?|hours?|times|fold|°)\b",
        after,
        _I,
    ):
        return None
    if _NOT_A_COUNT_BEFORE.search(before):
        return None
    subset = _SUBSET_OF.search(before) is not None
    people_word = _AFTER_PEOPLE.match(after)
    practice_word = _PRACTICES.match(after)
    if people_word and practice_word and practice_word.end() < people_word.end():
        people_word = None  # "at 12 hospitals, randomly assigned patients": the sites
    people = bool(people_word) or subset
    if (
        not people
        and mention.form != "n_equals"
        and re.search(r"\b(?:a total of|in total,?|total of)\s*$", before, _I)
        and _ANY_PEOPLE.search(sentence.text)
    ):
        people = True  # "... recruited 2,133 patients, a total of 4,264"
    arm_label = None
    if mention.form == "n_equals":
        arm_label = _n_equals_label(sentence, before)
        people = True
    if not people and mention.form != "n_equals":
        arm = _ARM_AFTER.match(after)
        if arm and _RANDOMISED.search(sentence.text) and not _PRACTICES.match(after):
            score = 3.0 + _SECTION_BONUS.get(sentence.section, 0.0)
            return Candidate(
                int(value), mention, sentence, "randomised", score, arm.group(1).lower()
            )
        if _PRACTICES.match(after):
            return Candidate(int(value), mention, sentence, "clusters", 0.5)
        return None
    if _COUNT_OF.match(after):
        return None  # the count in "7 out of 41 patients": the total is the candidate
    if _STUDIES_AFTER.match(after):
        return None  # "34 randomised trials in which adults ...": a review's count of studies
    if _PER_PERSON_AFTER.match(after) or _PLANNED_AFTER.match(after):
        return None  # "£12 per child", "Seventeen patients were to be enrolled"
    if _RATIO_AFTER.match(after):
        return None  # "one in four students", "4 in 10 adults": a share, not a count
    if _PER_CASE.match(after) or (value <= 10 and _EACH_CASE.search(sentence.text)):
        return None  # "four controls per case": the matching ratio
    offset = mention.start - sentence.start
    # In "Of 600 women approached, 530 completed", the words before the comma describe the 600.
    role = _nearest_role(sentence.text, offset, mention.end - sentence.start, left=subset)
    if role == "analysed" and _SURVEY.search(sentence.text):
        role = "enrolled"  # in a survey, those who completed it are the sample
    score = 1.0 + _SECTION_BONUS.get(sentence.section, 0.0) + _ROLE_SCORE.get(role, 0.0)
    if _UNIT_AFTER.match(after) and not _AFTER_PERSON.match(after):
        score -= 0.7
    if _TOTAL_BEFORE.search(before):
        role, score = ("randomised" if role == "randomised" else "total"), score + 1.5
    # "Of 1,340 women approached, 1,015 (75.7%) took part": the share is a response rate.
    share = not subset and bool(_PERCENT_AFTER.match(after) or _PERCENT_AFTER_NOUN.match(after))
    if share or (_OUTCOME_AFTER.match(after) and not _SURVEY.search(sentence.text)):
        score -= 3.0
    if _OF_THOSE_WHO.search(before) and _WHO_AFTER.match(after):
        score -= 2.5  # "Of the 12 children whose fissures did not heal, 7 ...": a sub-group
    if _SUBGROUP_BEFORE.search(before) and role != "randomised":
        score -= 1.5
    if mention.form != "n_equals" and _inside_parentheses(sentence.text, offset):
        score -= 2.0
        if _COMPARES.search(sentence.text) and arm_label is None:
            # "either drug A (52 patients) or drug B (51 patients)": group sizes
            label = _N_EQUALS_LABEL.search(before)
            arm_label = label.group(1).lower() if label else None
    if arm_label is None or mention.form == "n_equals":
        arm_label = case_or_control(sentence.text, before, after, mention.form) or arm_label
    if arm_label is None:
        arm_label = compared_group(sentence.text, offset, before, after)
    arm = _ARM_AFTER.match(after)
    if arm and role == "randomised" and arm_label is None:
        arm_label = arm.group(1).lower()
    if mention.form == "n_equals" and arm_label is None:
        score += 1.0
    return Candidate(int(value), mention, sentence, role, score, arm_label, share)


_SURVEY = re.compile(r"\b(?:survey|questionnaire|response rate|respondents)\b", _I)
_GROUP_WORDS = re.compile(
    r"\b(?:group|arm|placebo|control|controls|versus|vs|compared|and|intervention|treatment)\b"
    r"|\bor\b(?! (?:older|more|over|above|younger|less|greater|fewer)\b)",
    _I,
)


def _n_equals_label(sentence: Sentence, before: str) -> str | None:
    """The group an "(n = 20)" belongs to, or None when it gives the whole sample's size."""
    label = _N_EQUALS_LABEL.search(before)
    if label is None or not re.search(r"[A-Za-z]{2}", label.group(1)):
        return None
    words = label.group(1).lower()
    if re.search(rf"{_PEOPLE}|\b(?:sample|total|cohort|study|overall|all)\b", words, _I):
        return None
    if len(re.findall(r"\b[nN]\s*[=:]", sentence.text)) >= 2:
        return words
    return words if _GROUP_WORDS.search(before[-70:]) else None


def _nearest_role(sentence: str, start: int, end: int, left: bool = False) -> str:
    """The role whose cue stands closest to the number, within its clause (and only after it
    when `left` is set)."""
    window_start = start if left else max(sentence.rfind(";", 0, start) + 1, start - 60)
    cut = sentence.find(";", end)
    window_end = min(cut if cut >= 0 else len(sentence), end + 100)
    best, distance = "people", 10**6
    for role, pattern in _ROLE_CUES:
        for match in pattern.finditer(sentence, window_start, window_end):
            gap = start - match.end() if match.end() <= start else match.start() - end
            gap = max(gap, 0) + (10 if match.start() >= end else 0)  # the verb before weighs more
            if gap < distance:
                best, distance = role, gap
    return best


def _inside_parentheses(sentence: str, offset: int) -> bool:
    opened = sentence.rfind("(", 0, offset)
    return opened >= 0 and sentence.rfind(")", opened, offset) < 0


def _evidence(doc: Doc, candidate: Candidate) -> Evidence:
    return Evidence.of(doc.text, candidate.sentence.start, candidate.sentence.end)


def _sentence_evidence(doc: Doc, candidates: list[Candidate]) -> list[Evidence]:
    seen: list[Evidence] = []
    for candidate in candidates:
        evidence = _evidence(doc, candidate)
        if evidence not in seen:
            seen.append(evidence)
    return seen
