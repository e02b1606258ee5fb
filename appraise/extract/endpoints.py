"""Endpoints: whether benefit was measured, the primary endpoint's words, and safety-only studies.

An outcome is a benefit (efficacy) unless what it measures is a harm: "risk of birth defects",
"reduced bleeding" and "no increase in adverse events" all speak of harms. Sentences about earlier
studies, background and future work are not this study's endpoints, and a text that says it did not
assess efficacy ("not designed to show whether it works") is taken at its word.
"""

from __future__ import annotations

import re

from appraise.extract.context import Doc, Sentence
from appraise.extract.cues import any_of, cues
from appraise.extract.findings import EfficacyFinding, Evidence, PowerFinding

_PRIMARY = re.compile(
    r"\b(?:the\s+)?(?:primary|main|principal|chief)\s+(?:efficacy\s+|study\s+|clinical\s+)?"
    r"(?:end-?\s?points?|outcomes?(?: measures?| variables?)?|efficacy (?:measures?|variables?)|"
    r"objectives?|aims?|measures?|purpose|goal)"
    r"(?:\s+(?:of|in) (?:this|the|our) (?:study|trial))?\s*(?:was|were|is|are|:|,|included)\s+"
    r"(?:to\s+)?(?P<what>[^.;]{3,160})",
    re.IGNORECASE,
)
# What safety studies count. Pure safety words are never a benefit; clinical harms (bleeding,
# infection, fractures) are the benefit a treatment aims at when it is said to reduce them.
_SAFETY_WORDS = cues(
    r"safety",
    r"safe(?:ly)?\b",
    r"adverse (?:events?|effects?|reactions?|outcomes?|drug)",
    r"side[- ]effects?",
    r"tolerab(?:ility|le)",
    r"well[- ]tolerated",
    r"toxicit(?:y|ies)",
    r"hepatotoxic\w*",
    r"harms?\b",
    r"AEs?\b",
    r"SAEs?\b",
    r"reactogenicity",
    r"(?:local|injection[- ]site|systemic) reactions?",
    r"dependence|addiction|overdose",
    r"withdrawal",
)
_CLINICAL_HARMS = cues(
    r"complications?",
    r"birth defects?",
    r"(?:heart|cardiac|congenital|neural tube) (?:defects?|malformations?)",
    r"malformations?",
    r"bleeding",
    r"blood loss",
    r"haemorrhage|hemorrhage",
    r"infections?\b",
    r"fractures?",
    r"(?:liver|kidney|renal) (?:injury|damage|failure)",
    r"injur(?:y|ies)",
)
_HARM = any_of(_SAFETY_WORDS, _CLINICAL_HARMS)
# Words before "risk of" that make it a question about harm rather than benefit.
_RISING = re.compile(
    r"\b(?:increased?|increases|increasing|higher|greater|elevated|raised|excess|doubled?|"
    r"tripled?|more)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_REDUCING = cues(
    r"reduc\w*",
    r"lower\w*",
    r"fewer",
    r"less\b",
    r"decreas\w*",
    r"prevent\w*",
    r"protect\w*",
    r"avoid\w*",
    r"cut\b",
)
# Words that speak of benefit, unless a harm is what they measure.
_BENEFIT = cues(
    r"efficacy",
    r"effective(?:ness)?",
    r"efficacious",
    r"benefi(?:ts?|cial)",
    r"improv(?:e|ed|es|ement|ements|ing)",
    r"reduc(?:e|ed|es|tion|tions|ing)",
    r"lower(?:ed)? (?:risk|rates?|levels?|scores?|blood|odds|incidence)",
    r"decreased (?:risk|odds|rates?|incidence)",
    r"risk of",
    r"odds ratio",
    r"hazard ratio",
    r"(?:prevalence|rate|incidence|risk) ratios?",
    r"relative risks?",
    r"(?:half|twice|two times|three times|four times|five times) as likely",
    r"(?:more|less) likely to",
    r"response rates?",
    r"responders?",
    r"remission",
    r"shr[ai]nk\w*",
    r"shrunk",
    r"(?:complete|partial|objective|overall|durable|clinical|tumou?r) responses?",
    r"responses were (?:still )?(?:ongoing|durable|sustained|maintained)",
    r"relie(?:f|ve|ved|ving)",
    r"cured?\b",
    r"cure rates?",
    r"survival",
    r"mortality",
    r"deaths? from",
    r"recurrence",
    r"relapse",
    r"success(?:ful)? rates?",
    r"heal(?:ing|ed)",
    r"weight loss",
    r"lost (?:an average|weight|\d)",
    r"pain (?:scores?|relief|intensity|reduction)",
    r"symptoms? (?:scores?|improvement|relief|reduction|severity)",
    r"quality of life",
    r"prevent(?:ed|s|ion)?",
    r"protect(?:ed|s|ive|ion)",
    r"associated with",
    r"linked (?:to|with)",
    r"live births?",
    r"pregnancy rates?",
    r"eradication",
    r"(?:diagnostic )?accuracy",
    r"sensitivity",
    r"worked\b",
    r"outperform\w*",
    r"(?:better|worse) (?:than|outcomes?|results?|scores?)",
    r"difference (?:in|between)",
    r"(?:significantly|markedly|substantially) (?:\w+ )?(?:higher|lower|greater|fewer|more|less)",
    r"(?:fell|fallen|dropped|declined|rose|gained|increased|decreased) (?:by|from|to|more|less|"
    r"an average|a mean|\d)",
    r"gains? (?:were|was) (?:\w+ )?(?:maintained|sustained|kept)",
    r"drop in",
    r"(?:increase|decrease|change) in (?:\w+ ){0,3}(?:scores?|levels?|pressure|weight|function)",
    r"under control",
    r"(?:fewer|less|lower) (?:\w+ ){0,2}(?:complications?|infections?|deaths?|events?|"
    r"(?:re)?admissions?|falls?|fractures?|bleeding|symptoms?|pain|relapses?|attacks?|"
    r"exacerbations?|hospitali[sz]ations?)",
    r"(?:shorter|briefer) (?:\w+ )?stays?",
    r"(?:fewer|less|lower|more|higher|greater|better) [^.;]{0,60}? than (?:those|classmates|"
    r"peers|controls|others|non-|children|patients|people|participants|the (?:\w+ )?group)",
    r"(?:went|sent|got) home (?:\w+ )?(?:sooner|earlier)",
    r"achieved (?:an? )?(?:[A-Z]{2,}\d*|response|remission|target|goal|improvement|the primary)",
    r"(?:symptoms?|pain|scores?) (?:improved|decreased|fell|declined)",
)
_NOT_OUTCOME = cues(
    r"who (?:do|did|does) not respond",
    r"not responding",
    r"failed to respond",
    r"refractory",
    r"eligible",
    r"inclusion",
    r"exclusion",
    r"(?:already )?at (?:high |increased )?risk of",
    r"high-sensitivity",
    # What a study could not show or leaves to later work: "whether the vaccine prevents".
    r"whether (?:\w+ ){0,5}",
    # Record linkage and harm reports, not outcomes: "a registry linked to claims".
    r"(?:registry|registries|records?|databases?|data|claims|datasets?) (?:were |was )?linked",
    r"cases (?:\w+ ){0,2}(?:linked|tied)",
    # Worries people voice are not harms measured: "concern about the safety of the vaccine".
    r"concerns? (?:about|over|regarding|for) (?:the )?(?:safety|side effects|risks?)",
    r"safety concerns?",
    # Weighing in general, or what a drug is for: "risks and benefits", "that helps lower".
    r"risks? and benefits?",
    r"benefits? and (?:risks?|harms?)",
    r"(?:that|which) helps?\b",
    r"used to (?:treat|lower|reduce|prevent|control)",
)
# Association cues: a benefit only when the question is not a drug's harm.
_ASSOCIATION = cues(
    r"associated with",
    r"(?:more|less) likely to",
    r"(?:half|twice|two times|three times|four times|five times) as likely",
    r"linked (?:to|with)",
    r"risk of",
    r"odds ratio",
    r"hazard ratio",
    r"association",
)
_RESPONSE_RATE = re.compile(r"response rates?", re.IGNORECASE)
# "Risks associated with the medication": the association is a harm.
_HARM_BEFORE = re.compile(
    r"\b(?:risks?|dangers?|harms?|hazards?)\b(?: \w+){0,2}\s*$", re.IGNORECASE
)
# A drug or other exposure taken by people, named before an association.
_EXPOSURE = cues(
    r"use\b",
    r"users?\b",
    r"using\b",
    r"exposure",
    r"exposed",
    r"prescri\w+",
    r"taking\b",
    r"took\b",
    r"treated with",
    r"medications?",
    r"drugs?\b",
    r"initiat\w+",
    r"got\b",
    r"given\b",
    r"received\b",
    r"inhibitors?\b",
    r"blockers?\b",
    r"recipients",
    r"dispens\w+",
)
_MORE_RISK = cues(
    r"(?:increased?|higher|greater|elevated|raised|excess) (?:\w+ )?(?:risks?|odds|incidence|"
    r"hazards?|rates? of)",
    r"(?:two|three|four|five|six|ten)-?fold (?:increase|higher|greater|risk)",
    r"(?:doubl|tripl)\w+ (?:the )?(?:risk|odds)",
    r"increase in the (?:risk|odds|incidence|hazard)",
    r"more likely to (?:break|develop|have|get|die|suffer|be diagnosed|be hospitali[sz]ed|need|"
    r"experience|be admitted)",
)
_LESS_RISK = cues(
    r"(?:reduced|reduction in|lower|decreased?|decline in|fewer|smaller) (?:\w+ )?(?:risks?|odds|"
    r"incidence|hazards?|rates?|cases)",
    r"protective",
    r"protect(?:s|ed) against",
    r"less likely to (?:develop|have|get|die)",
)
# The text says efficacy was not part of this study.
_NO_EFFICACY = cues(
    r"(?:not|never) (?:designed|powered|intended|meant|set up) to (?:\w+ ){0,4}(?:efficacy|"
    r"effect|whether|benefit|how well|work)",
    r"no efficacy (?:\w+ )?(?:assessments?|outcomes?|end-?points?|data|measures?)",
    r"did not (?:assess|measure|evaluate|examine|test|look at) (?:\w+ ){0,3}(?:efficacy|"
    r"effectiveness|benefit|whether)",
    r"efficacy (?:was|were) not (?:assessed|measured|evaluated|examined)",
    r"(?:can(?:not|'t)|could not|does not|doesn't) (?:show|tell|say) (?:\w+ ){0,3}(?:whether|if) "
    r"(?:\w+ ){0,4}(?:works?|prevents?|helps?|effective)",
)
_SAFETY_AIM = cues(
    r"(?:evaluate|assess|examine|investigate|determine|study|test|establish|confirm|look at|"
    r"check|describe|report)\w* (?:\w+ ){0,5}(?:safety|tolerability|side effects|adverse|risks?|"
    r"harms?|complications|toxicity)",
    r"safety (?:study|trial|analysis|profile)",
    r"(?:phase (?:1|I)|first-in-human) ",
)
_POWER = cues(
    r"power(?:ed)? (?:calculation|analysis)",
    r"sample[- ]size (?:calculation|estimation|was calculated|was determined|was estimated)",
    r"(?:was|were) powered",
    r"(?:80|85|90|95) ?% power",
    r"statistical power of",
    r"power of (?:0\.\d+|\d{2} ?%)",
    r"calculated (?:a|the) sample size",
    r"to detect a (?:\w+ )?(?:difference|reduction) of",
)
# How far around a benefit word a harm may stand and still be what it measures.
_HARM_REACH = 45


def find_efficacy(doc: Doc, survey: bool = False, compared: bool = True) -> EfficacyFinding:
    """`survey`: a cross-sectional study, which may measure how common things are and nothing
    else; harms it mentions make it safety-only only when it sets out to assess them, and
    without a comparison group (`compared`) the factors it finds associated with something,
    and its response rate, are not outcomes of benefit."""
    primary = _primary(doc)
    drug_harm = _drug_harm_question(doc)
    descriptive = survey and not compared
    benefit = [
        s
        for s in doc.matching(_BENEFIT)
        if s.section != "title"
        and _benefit_in(s.text, associations=not (drug_harm or descriptive), survey=survey)
    ]
    harms = doc.matching(_HARM)
    safety_aim = doc.matching(_SAFETY_AIM)
    no_efficacy = doc.matching(_NO_EFFICACY)

    if primary is not None and not _is_harm_phrase(primary[0]) and not drug_harm:
        words, sentence = primary
        return EfficacyFinding(
            confidence=0.9,
            rationale=f"a primary outcome of benefit is named: {words}",
            evidence=[_ev(doc, sentence)],
            reported=True,
            primary_endpoint=words,
            safety_only=False,
        )
    # A text may say it was not designed to assess efficacy and still report benefit results.
    results = [s for s in benefit if s.section in ("results", "body") and re.search(r"\d", s.text)]
    if drug_harm:
        harms = harms or doc.matching(_MORE_RISK)  # the outcome it raises is the harm
    harms_only = bool(harms) and not benefit and not survey
    if (no_efficacy and not results) or (safety_aim and not benefit) or harms_only:
        if no_efficacy:
            reason = "the text says efficacy was not assessed"
        elif drug_harm:
            reason = "the study asks whether a drug or exposure raises the risk of an outcome"
        else:
            reason = "only safety was assessed (adverse events, tests, tolerability)"
        return EfficacyFinding(
            confidence=0.85 if no_efficacy else 0.75,
            rationale=f"{reason}; no outcome of benefit is reported for this study",
            evidence=[_ev(doc, s) for s in _unique(no_efficacy + safety_aim + harms)[:3]],
            reported=False,
            primary_endpoint=primary[0] if primary else None,
            safety_only=True,
        )
    if benefit:
        return EfficacyFinding(
            confidence=0.8 if len(benefit) >= 2 else 0.65,
            rationale="outcomes of benefit are reported" + (" alongside harms" if harms else ""),
            evidence=[_ev(doc, s) for s in benefit[:2]],
            reported=True,
            primary_endpoint=primary[0] if primary else None,
            safety_only=False,
        )
    if survey:
        return EfficacyFinding(
            confidence=0.6,
            rationale="a cross-sectional study that reports how common things are; "
            "no outcome of benefit is reported",
            reported=False,
            primary_endpoint=primary[0] if primary else None,
            safety_only=False,
        )
    return EfficacyFinding(rationale="the text does not say what outcomes were measured")


def _drug_harm_question(doc: Doc) -> bool:
    """A pure harm question: this study links a drug or other exposure to more of an outcome
    ("PPI use was associated with a higher risk of hip fracture", "kids who got the drug were
    22 percent more likely to break a bone") and never to less of one. Its associations then
    measure harm, not benefit, however the outcome is named."""
    more = doc.matching(_MORE_RISK)
    if not more or doc.matching(_LESS_RISK):
        return False
    exposure = doc.hits(_EXPOSURE)
    more_at = doc.hits(_MORE_RISK)
    return any(
        sentence.index in exposure
        and exposure[sentence.index].start() < more_at[sentence.index].start()
        for sentence in more
    )


def _benefit_in(text: str, associations: bool = True, survey: bool = False) -> bool:
    """Whether the sentence reports a benefit outcome, not a harm and not an eligibility rule;
    with `associations` False, an association ("associated with", "risk of") is not one."""
    excluded = [m.span() for m in _NOT_OUTCOME.finditer(text)]
    for match in _BENEFIT.finditer(text):
        if any(start <= match.start() < end + 25 for start, end in excluded):
            continue
        if survey and _RESPONSE_RATE.match(text, match.start()):
            continue  # the share of people who answered
        if _ASSOCIATION.match(text, match.start()) and (
            not associations or _HARM_BEFORE.search(text, max(0, match.start() - 30), match.start())
        ):
            continue
        if _in_proper_name(text, match.start()):
            continue  # "Morbidity and Mortality Weekly Report"
        if _RISING.search(text, max(0, match.start() - 30), match.start()):
            continue  # "an increased risk of": the question a harm study asks
        window = text[max(0, match.start() - 25) : match.end() + _HARM_REACH]
        if _SAFETY_WORDS.search(window):
            continue
        if _CLINICAL_HARMS.search(window) and not _REDUCING.search(window):
            continue  # a harm, unless the treatment is said to reduce it ("fewer complications")
        return True
    return False


def _in_proper_name(text: str, start: int) -> bool:
    """A capitalised word inside a name: after a capitalised word, perhaps across "and", "of" or
    "for" ("Centers for Disease Control and Prevention"), and not at a sentence start."""
    if start == 0 or not text[start].isupper():
        return False
    words = text[:start].split()[-3:]
    while words and words[-1] in ("and", "of", "for", "&", "the"):
        words.pop()
    return bool(words) and words[-1][:1].isupper() and not words[-1].endswith((".", ":"))


def _is_harm_phrase(words: str) -> bool:
    return bool(_HARM.search(words)) and not _measures_benefit_words(words)


def _measures_benefit_words(words: str) -> bool:
    return any(
        not _HARM.search(words[m.start() : m.end() + _HARM_REACH]) for m in _BENEFIT.finditer(words)
    )


def _primary(doc: Doc) -> tuple[str, Sentence] | None:
    hits = doc.hits(_PRIMARY)
    for sentence in doc.own:
        if sentence.index in hits:
            match = hits[sentence.index]
            words = doc.text[match.start("what") : match.end("what")]
            return words.strip().rstrip(","), sentence
    return None


def _unique(sentences: list[Sentence]) -> list[Sentence]:
    seen: list[Sentence] = []
    for sentence in sentences:
        if sentence not in seen:
            seen.append(sentence)
    return seen


def _ev(doc: Doc, sentence: Sentence) -> Evidence:
    return Evidence.of(doc.text, sentence.start, sentence.end)


def find_power(doc: Doc) -> PowerFinding:
    for sentence in doc.matching(_POWER, doc.sentences):
        if sentence.background or sentence.section == "references":
            continue
        return PowerFinding(
            confidence=0.85,
            rationale="a power or sample-size calculation is reported",
            evidence=[_ev(doc, sentence)],
            reported=True,
        )
    return PowerFinding(
        confidence=0.5,
        rationale="no power or sample-size calculation is mentioned",
        reported=False,
    )
