"""Endpoints: whether benefit was measured, the primary endpoint's words, and safety-only studies.

Sentences about earlier studies, background and future work are not this study's endpoints.
"""

from __future__ import annotations

import re

from appraise.extract.context import Doc, Sentence
from appraise.extract.findings import EfficacyFinding, Evidence, PowerFinding

_I = re.IGNORECASE
_PRIMARY = re.compile(
    r"\b(?:the\s+)?(?:primary|main|principal|chief)\s+(?:efficacy\s+|study\s+|clinical\s+)?"
    r"(?:end-?\s?points?|outcomes?(?: measures?| variables?)?|efficacy (?:measures?|variables?)|"
    r"objectives?|aims?|measures?|purpose|goal)"
    r"(?:\s+(?:of|in) (?:this|the|our) (?:study|trial))?\s*(?:was|were|is|are|:|,|included)\s+"
    r"(?:to\s+)?(?P<what>[^.;]{3,160})",
    _I,
)
_SAFETY = re.compile(
    r"\b(?:safety|safe(?:ly)?|adverse (?:events?|effects?|reactions?|outcomes?)|side[- ]effects?|"
    r"tolerab(?:ility|le)|well[- ]tolerated|toxicit(?:y|ies)|complications?|harms?|"
    r"birth defects?|malformations?|bleeding|infections? rates?|AEs?|SAEs?)\b",
)
_SAFETY_I = re.compile(_SAFETY.pattern, _I)
_EFFICACY = re.compile(
    r"\b(?:efficacy|effective(?:ness)?|efficacious|benefits?|beneficial|improv(?:e|ed|es|ement|"
    r"ements|ing)|reduc(?:e|ed|es|tion|tions|ing)|lower(?:ed)? (?:risk|rates?|levels?|scores?|"
    r"blood)|higher (?:risk|rates?)|risk of|odds|hazard|response rates?|responders?|remission|"
    r"relief|reliev\w+|cure(?:d| rates?)?|survival|mortality|deaths?|recurrence|relapse|"
    r"success(?:ful)? rates?|healing|healed|weight loss|lost (?:an average|weight|\d)|pain|"
    r"symptoms?|quality of life|scores?|function(?:al)?|incidence|prevent(?:ed|s|ion)?|"
    r"protect(?:ed|s|ive|ion)|associated with|linked (?:to|with)|predict(?:ed|s|ive|or)|"
    r"outcomes?|rates? of|live birth|pregnancy|eradication|accuracy|sensitivity|specificity|"
    r"levels?|concentrations?|difference|differences|significantly|worse|better|"
    r"decline|progression|attacks?|events?)\b",
    _I,
)
_NOT_OUTCOME = re.compile(
    r"\b(?:who (?:do|did|does) not respond|not responding|failed to respond|refractory|"
    r"eligible|inclusion|exclusion|enrolled|recruited|were included)\b",
    _I,
)
_SAFETY_AIM = re.compile(
    r"\b(?:evaluate|assess|examine|investigate|determine|study|test|establish|confirm|look at|"
    r"check)\w* (?:\w+ ){0,5}(?:safety|tolerability|side effects|adverse|risks?|harms?|"
    r"complications)\b|\bsafety (?:study|trial)\b",
    _I,
)
_POWER = re.compile(
    r"\b(?:power(?:ed)? (?:calculation|analysis)|sample[- ]size (?:calculation|estimation|was "
    r"calculated|was determined|was estimated)|(?:was|were) powered|\d{2} ?% power|statistical "
    r"power of|power of (?:0\.\d+|\d{2} ?%)|calculated (?:a|the) sample size|to detect a "
    r"(?:difference|reduction) of)\b",
    _I,
)


def find_efficacy(doc: Doc) -> EfficacyFinding:
    own = [
        s
        for s in doc.sentences
        if not (s.background or s.future) and s.section not in ("references", "funding")
    ]
    primary = _primary(doc, own)
    efficacy: list[Sentence] = []
    safety: list[Sentence] = []
    safety_aim: list[Sentence] = []
    for sentence in own:
        stripped = _SAFETY_I.sub(" ", sentence.text)
        has_safety = bool(_SAFETY.search(sentence.text) or _SAFETY_I.search(sentence.text))
        has_efficacy = bool(_EFFICACY.search(stripped)) and not _only_patient_description(sentence)
        if has_safety:
            safety.append(sentence)
        if _SAFETY_AIM.search(sentence.text):
            safety_aim.append(sentence)
        if has_efficacy and sentence.section != "title":
            efficacy.append(sentence)
    if primary is not None:
        words, sentence = primary
        is_safety = bool(_SAFETY_I.search(words)) and not _EFFICACY.search(
            _SAFETY_I.sub(" ", words)
        )
        if not is_safety:
            return EfficacyFinding(
                confidence=0.9,
                rationale=f"a primary outcome is named: {words}",
                evidence=[_ev(doc, sentence)],
                reported=True,
                primary_endpoint=words,
                safety_only=False,
            )
    strong_efficacy = [s for s in efficacy if _strong_efficacy(s)]
    if safety_aim and not strong_efficacy:
        return EfficacyFinding(
            confidence=0.75,
            rationale="only safety was assessed (adverse events, tests, tolerability); "
            "no outcome of benefit is reported for this study",
            evidence=[_ev(doc, s) for s in (safety_aim + safety)[:3]],
            reported=False,
            primary_endpoint=primary[0] if primary else None,
            safety_only=True,
        )
    if efficacy:
        chosen = strong_efficacy or efficacy
        return EfficacyFinding(
            confidence=0.8 if strong_efficacy else 0.6,
            rationale="outcomes of benefit are reported" + (" alongside safety" if safety else ""),
            evidence=[_ev(doc, s) for s in chosen[:2]],
            reported=True,
            primary_endpoint=primary[0] if primary else None,
            safety_only=False,
        )
    if safety:
        return EfficacyFinding(
            confidence=0.6,
            rationale="only harms or safety outcomes are reported",
            evidence=[_ev(doc, s) for s in safety[:2]],
            reported=False,
            safety_only=True,
        )
    return EfficacyFinding(rationale="the text does not say what outcomes were measured")


_STRONG = re.compile(
    r"\b(?:efficacy|effective(?:ness)?|efficacious|improv\w+|reduc\w+|remission|relief|cure\w*|"
    r"survival|mortality|recurrence|relapse|response rate|responders?|healing|weight loss|"
    r"quality of life|pain (?:scores?|relief|intensity)|symptom\w*|lower(?:ed)? risk|higher risk|"
    r"risk of|odds|hazard|live birth|pregnancy rate|eradication|success rate|benefit\w*|"
    r"prevent\w*|protect\w*|associated with|linked (?:to|with)|accuracy|sensitivity)\b",
    _I,
)


def _strong_efficacy(sentence: Sentence) -> bool:
    stripped = _SAFETY_I.sub(" ", sentence.text)
    stripped = re.sub(r"\b(?:studies|trials) (?:that|to) (?:\w+ ){0,6}", " ", stripped)
    return bool(_STRONG.search(stripped)) and not _only_patient_description(sentence)


def _only_patient_description(sentence: Sentence) -> bool:
    return bool(_NOT_OUTCOME.search(sentence.text)) and not re.search(
        r"\b(?:improv\w+|reduc\w+|remission|survival|efficacy)\b", sentence.text, _I
    )


def _primary(doc: Doc, own: list[Sentence]) -> tuple[str, Sentence] | None:
    for sentence in own:
        match = _PRIMARY.search(sentence.text)
        if match:
            words = match.group("what").strip().rstrip(",")
            return words, sentence
    return None


def _ev(doc: Doc, sentence: Sentence) -> Evidence:
    return Evidence.of(doc.text, sentence.start, sentence.end)


def find_power(doc: Doc) -> PowerFinding:
    for sentence in doc.sentences:
        if sentence.background or sentence.section == "references":
            continue
        if _POWER.search(sentence.text):
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
