"""Reporting signals: what the text says about how the study was run and how it is reported.

Each signal is True, False, or None (the text does not say), with the sentences it rests on.
They answer the checklist items beyond the core facts: concealment and blinding, losses,
analysis, registration, funding and interests, eligibility, and for news stories the points
health-news reviewers look for (absolute benefits, harms, costs, independent sources, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from appraise.extract.context import Doc, Sentence
from appraise.extract.cues import cues
from appraise.extract.findings import Evidence, Signal

_CONCEALMENT = cues(
    r"allocation (?:was )?conceal\w*",
    r"conceal\w* (?:the )?allocation",
    r"(?:sealed|opaque),? (?:\w+ )?envelopes?",
    r"central(?:ly|ised|ized)? (?:\w+ )?randomi[sz]",
    r"(?:web|internet|telephone|computer)[- ]based (?:\w+ )?randomi[sz]",
    r"interactive (?:voice|web) response",
    r"randomi[sz]ation (?:list|sequence) (?:was )?(?:kept|held|concealed)",
)
_BLINDED = cues(
    r"(?:double|triple|single|participant|patient)[- ](?:blind\w*|mask\w*)",
    r"(?:were|was) (?:blinded|masked)",
    r"blinded (?:to|participants|patients)",
    r"(?:identical|matching|indistinguishable)[- ](?:looking )?"
    r"(?:placebo|pills?|capsules?|tablets?)",
    r"neither (?:the )?(?:patients|participants) nor",
)
_OPEN = cues(
    r"open[- ]label",
    r"unblinded",
    r"not (?:been )?(?:blinded|masked)",
    r"no blinding",
    r"without blinding",
)
_ASSESSOR_BLIND = cues(
    r"(?:assessors?|raters?|evaluators?|investigators?|radiologists?|pathologists?|outcome "
    r"assessment) (?:\w+ ){0,3}(?:were|was) (?:blinded|masked|unaware)",
    r"blinded (?:outcome )?(?:assessors?|assessment|raters?|evaluation|endpoint)",
    r"(?:assessor|observer|evaluator)[- ](?:blind\w*|mask\w*)",
    r"(?:double|triple)[- ](?:blind\w*|mask\w*)",
)
_ASSESSOR_OPEN = cues(
    r"(?:assessors?|raters?|evaluators?) (?:\w+ ){0,3}(?:were|was) not (?:blinded|masked)",
    r"unblinded (?:assessors?|assessment|raters?)",
)
_ITT = cues(r"intention[- ]to[- ]treat", r"intent[- ]to[- ]treat", r"ITT\b")
_PER_PROTOCOL = cues(r"per[- ]protocol", r"completers?(?: only)? analysis", r"as[- ]treated")
# Each registry's first letter comes before the look-behind that stands for the word boundary
# ahead of it: the same matches as `\b(?:NCT\d{8}|ISRCTN\d{6,}|...)\b`, and `re` can skip from
# capital to capital instead of trying every registry at every character.
_B = r"(?<!\w.)"  # after a word's first character: no word character before that one
_REGISTRY = re.compile(
    rf"(?:N{_B}(?:CT\d{{8}}|TR\d{{3,}})|I{_B}(?:SRCTN\d{{6,}}|RCT\w{{6,}})|A{_B}CTRN\d{{11,}}"
    rf"|C{_B}(?:hiCTR[-\w]{{6,}}|TRI/\d{{4}}/\d+/\d+)|E{_B}udraCT[-\s:]*\d{{4}}-\d{{6}}-\d{{2}}"
    rf"|D{_B}RKS\d{{6,}}|J{_B}PRN-\w+|P{_B}ACTR\d{{6,}}|U{_B}MIN\d{{6,}})\b"
)
_FUNDING = cues(
    r"funded by",
    r"funding (?:was |came )?(?:from|by|source)",
    r"(?:was|were) (?:supported|sponsored|financed) by",
    r"supported by (?:a |an )?(?:grant|grants|funding)",
    r"grants? from",
    r"financial support",
    r"sponsor(?:ed|s)? (?:by|of the (?:study|trial))",
    r"paid for by",
    r"funding:",
)
_INTERESTS = cues(
    r"conflicts? of interest",
    r"competing interests?",
    r"(?:declare|declared|report|reported|have) no (?:competing|conflicts?|financial)",
    r"(?:has|have) received (?:\w+ ){0,3}(?:fees|grants|payments|honoraria|funding)",
    r"(?:is|are|was|were) (?:a )?(?:paid )?consultants?",
    r"consult(?:s|ed|ing)? for",
    r"(?:hold|holds|own|owns) (?:shares|stock|equity|patents?)",
    r"financial (?:ties|interests?|relationships?)",
    r"employees? of",
    r"disclosures?",
)
_INCLUSION = cues(
    r"inclusion criteria",
    r"eligibility criteria",
    r"(?:were )?eligible if",
    r"(?:were )?included if",
    r"exclusion criteria",
    r"were eligible",
    r"(?:inclusion|eligibility) (?:required|was)",
)
_CONSECUTIVE = cues(
    r"consecutive(?:ly)?",
    r"all (?:\w+ ){0,3}(?:patients|cases|children|adults|women|men) (?:who|treated|with|admitted|"
    r"seen|referred|undergoing|diagnosed)",
)
_HARMS = cues(
    r"adverse (?:events?|effects?|reactions?)",
    r"side[- ]effects?",
    r"complications?",
    r"toxicit(?:y|ies)",
    r"harms?\b",
    r"(?:well|poorly) tolerated",
    r"tolerab(?:ility|le)",
    r"safety",
    r"risks?\b",
)
_ABSOLUTE = cues(
    r"percentage points?",
    r"number needed to (?:treat|harm)",
    r"NNT\b",
    r"(?:from|fell from|rose from|dropped from) (?:about |around )?\d+(?:\.\d+)? ?"
    r"(?:%|percent|per cent) to \d+(?:\.\d+)? ?(?:%|percent|per cent)",
    r"\d+(?:\.\d+)? ?(?:%|percent|per cent) "
    r"(?:of (?:those|people|patients|participants|the)[^.,;]{0,40}|)"
    r"(?:compared (?:with|to)|versus|vs\.?) \d+(?:\.\d+)? ?(?:%|percent|per cent)",
    r"\d+ (?:out )?of (?:every )?\d+",
    r"\d+ in (?:every )?\d+",
    r"per (?:100|1,?000|10,?000|100,?000)\b",
    r"absolute (?:risk|difference|reduction|benefit|terms)",
)
_RELATIVE = cues(
    r"\d+(?:\.\d+)? ?(?:%|percent|per cent) (?:lower|higher|less|more|reduction|increase|"
    r"reduced|increased|drop|decrease)",
    r"(?:halved|doubled|tripled|quadrupled)",
    r"(?:cut|reduced|lowered|raised) (?:the |their )?(?:risk|odds|chance)s? (?:of \w+ )?by",
    r"(?:twice|three times|\d+(?:\.\d+)? times) (?:as|more|less) likely",
    r"relative risk",
    r"hazard ratio",
    r"odds ratio",
)
_COSTS = re.compile(
    r"[$£€]\s?\d|\b(?:costs?|costly|price[sd]?|pricing|expensive|cheap(?:er)?|inexpensive"
    r"|afford\w*|reimburs\w*|insurance (?:covers?|pays?)|out-of-pocket"
    r"|per (?:month|dose|year) (?:for|of))\b",
    re.IGNORECASE,
)
_INDEPENDENT = cues(
    r"(?:who|which) (?:was|were|is|are) (?:not|n't) (?:involved|part of|connected)",
    r"not involved (?:in|with) the (?:study|research|trial|work)",
    r"(?:wasn't|weren't) involved",
    r"independent (?:expert|researcher|scientist|specialist|commentator)s?",
    r"unaffiliated with",
    r"(?:an? )?(?:accompanying )?editorial",
)
_QUALITY = cues(
    r"limitations?\b",
    r"(?:cannot|can't|can not|does not|doesn't|did not|didn't) (?:prove|show|establish) "
    r"(?:that |cause|causation|a causal)",
    r"cause and effect",
    r"association (?:is |does )?not (?:prove|mean|the same as) ",
    r"observational (?:study|studies|research|data)",
    r"(?:small|early|preliminary|pilot) (?:study|trial|sample|number|findings|results)",
    r"needs? to be (?:confirmed|replicated|repeated)",
    r"(?:should be|be) interpreted with caution",
    r"caution(?:ed)?\b",
    r"(?:larger|longer|bigger|more) (?:studies|trials|research)",
    r"more research",
    r"(?:without|lacked|no) (?:a )?(?:control|comparison) group",
    r"not randomi[sz]ed",
    r"confounding|confounders?",
    r"bias(?:ed|es)?\b",
)
_ALTERNATIVES = cues(
    r"other (?:\w+ )?(?:treatments?|options?|drugs?|therapies|medications?|approaches)",
    r"alternatives?\b",
    r"existing (?:treatments?|drugs?|therapies|options)",
    r"(?:standard|current|usual|conventional) (?:\w+ )?"
    r"(?:treatments?|therapy|therapies|care|drugs?)",
    r"instead of",
    r"compared (?:with|to) (?:the )?(?:current|existing|standard|usual|older|other)",
    r"(?:lifestyle|diet|exercise|surgery) (?:changes?|options?|is also)",
)
_AVAILABILITY = cues(
    r"(?:is|are|was|were|isn't|aren't|not yet|already|now|widely|not) (?:\w+ )?"
    r"(?:available|approved|licensed|marketed|sold|prescribed)",
    r"(?:fda|ema|mhra|regulatory) (?:\w+ )?(?:approval|approved|clearance|review)",
    r"on the market",
    r"over[- ]the[- ]counter",
    r"by prescription",
    r"(?:available|approved) (?:in|for|since|by)",
)
_NOVELTY = cues(
    r"(?:is|isn't|was|wasn't) (?:not )?(?:entirely |completely )?new\b",
    r"not (?:a )?new\b",
    r"first (?:study|trial|time|to show|to test|drug|treatment|of its kind)",
    r"has been (?:used|around|available|approved|prescribed|studied) (?:for|since)",
    r"already (?:approved|used|available|prescribed|on the market)",
    r"(?:for decades|for years|for centuries)",
    r"novel\b",
)
_PRESS_RELEASE = cues(
    r"(?:press|news) release",
    r"said in a (?:statement|release)",
    r"according to a (?:statement|release)",
    r"(?:university|hospital|company|institute)['’]?s? (?:statement|announcement)",
)


# For each pattern, strings one of which every match of it contains (lower-case for the
# case-blind patterns): an article holding none of them skips the pattern's scan. Most articles
# hold the cues of a few signals only, and a substring test costs far less than a regex scan.
_REGISTRY_PREFIX = re.compile(
    "NCT|ISRCTN|ACTRN|ChiCTR|EudraCT|DRKS|CTRI/|JPRN-|IRCT|PACTR|NTR|UMIN"
)  # the registries' names are rare capitals: one scan beats a dozen substring tests
_NEEDS_BY_PATTERN: tuple[tuple[re.Pattern[str], tuple[str, ...] | re.Pattern[str]], ...] = (
    (
        _CONCEALMENT,
        (
            "conceal",
            "envelope",
            "central",
            "based",
            "interactive",
            "ation list",
            "ation sequence",
        ),
    ),
    (_BLINDED, ("blind", "mask", "identical", "matching", "indistinguishable", "neither")),
    (_OPEN, ("open-label", "open label", "blind", "mask")),
    (_ASSESSOR_BLIND, ("blind", "mask", "unaware")),
    (_ASSESSOR_OPEN, ("blind", "mask")),
    (_REGISTRY, _REGISTRY_PREFIX),
    (_FUNDING, ("fund", "support", "sponsor", "financ", "grant", "paid for by")),
    (
        _INTERESTS,
        (
            "of interest",
            "competing interest",
            "no competing",
            "no conflict",
            "no financial",
            "received",
            "consult",
            "shares",
            "stock",
            "equity",
            "patent",
            "financial ",
            "employee",
            "disclosure",
        ),
    ),
    (_INCLUSION, ("criteria", "eligib", "included if", "inclusion")),
    (
        _COSTS,
        (
            "$",
            "£",
            "€",
            "cost",
            "pric",
            "expensive",
            "cheap",
            "afford",
            "reimburs",
            "insurance ",
            "out-of-pocket",
            "per month ",
            "per dose ",
            "per year ",
        ),
    ),
    (
        _INDEPENDENT,
        ("involved", "part of", "connected", "independent", "unaffiliated", "editorial"),
    ),
    (
        _QUALITY,
        (
            "limitation",
            # "cannot", "can't", "does not", "didn't", ...: every negation here ends in "t".
            "t prove",
            "t show",
            "t establish",
            "cause and effect",
            "association",
            "observational",
            "small ",
            "early ",
            "preliminary ",
            "pilot ",
            "to be confirmed",
            "to be replicated",
            "to be repeated",
            "caution",
            # "larger", "longer", "bigger" or "more" studies, trials, research.
            "r studies",
            "r trials",
            "r research",
            "e studies",
            "e trials",
            "e research",
            "control group",
            "comparison group",
            "not randomi",
            "confound",
            "bias",
        ),
    ),
    (
        _ALTERNATIVES,
        (
            "other",
            "alternative",
            "existing",
            "standard",
            "current",
            "usual",
            "conventional",
            "instead of",
            "older",
            "lifestyle",
            "diet",
            "exercise",
            "surgery",
        ),
    ),
    (
        _AVAILABILITY,
        (
            "available",
            "approved",
            "licensed",
            "marketed",
            "sold",
            "prescri",
            "fda ",
            "ema ",
            "mhra ",
            "regulatory ",
            "on the market",
            "counter",
        ),
    ),
    (
        _NOVELTY,
        (
            " new",
            "first ",
            "has been ",
            "already ",
            "for decades",
            "for years",
            "for centuries",
            "novel",
        ),
    ),
    (_PRESS_RELEASE, ("release", "statement", "announcement")),
)
# By id (hashing a compiled pattern hashes its whole program), with whether it ignores case.
_NEEDS = {
    id(pattern): (bool(pattern.flags & re.IGNORECASE), needs)
    for pattern, needs in _NEEDS_BY_PATTERN
}
# The only letters that a case-blind match and lower-casing treat differently: a text with one
# of them scans every pattern.
_ODD_CASE = "\u0130\u0131\u017f\u212a"


_GATED_UP_TO = 20_000  # characters


def _odd_case(text: str) -> bool:
    # Four substring tests cost a tenth of a regex scan for a class of four characters.
    return any(letter in text for letter in _ODD_CASE)


@dataclass(frozen=True, slots=True)
class _Rule:
    yes: re.Pattern[str] | None
    no: re.Pattern[str] | None
    absent_is_no: bool
    yes_reason: str
    no_reason: str
    silent_reason: str


_RULES: dict[str, _Rule] = {
    "allocation_concealment": _Rule(
        _CONCEALMENT,
        None,
        False,
        "allocation concealment is described",
        "",
        "the text does not say how the allocation was concealed",
    ),
    "blinding": _Rule(
        _BLINDED,
        _OPEN,
        False,
        "participants or personnel were blinded",
        "the study was open-label (not blinded)",
        "the text does not say whether anyone was blinded",
    ),
    "blinded_outcome_assessment": _Rule(
        _ASSESSOR_BLIND,
        _ASSESSOR_OPEN,
        False,
        "outcome assessment was blinded",
        "outcome assessors were not blinded",
        "the text does not say whether assessors were blinded",
    ),
    "intention_to_treat": _Rule(
        _ITT,
        _PER_PROTOCOL,
        False,
        "an intention-to-treat analysis is reported",
        "only a per-protocol or completers analysis is reported",
        "the text does not say how participants were analysed",
    ),
    "trial_registration": _Rule(
        _REGISTRY,
        None,
        False,
        "a trial registration number is given",
        "",
        "no registration number is given",
    ),
    "funding_disclosed": _Rule(
        _FUNDING,
        None,
        False,
        "the funding source is stated",
        "",
        "the text does not say who funded it",
    ),
    "conflicts_of_interest": _Rule(
        _INTERESTS,
        None,
        False,
        "conflicts of interest or the authors' ties are stated",
        "",
        "the text says nothing about conflicts of interest",
    ),
    "inclusion_criteria": _Rule(
        _INCLUSION,
        None,
        False,
        "eligibility criteria are stated",
        "",
        "the text does not state eligibility criteria",
    ),
    "consecutive_inclusion": _Rule(
        _CONSECUTIVE,
        None,
        False,
        "consecutive or all eligible patients were included",
        "",
        "the text does not say whether inclusion was consecutive",
    ),
    "harms_reported": _Rule(
        _HARMS,
        None,
        True,
        "harms or side effects are reported",
        "no harms or side effects are mentioned",
        "",
    ),
    "costs_mentioned": _Rule(
        _COSTS,
        None,
        True,
        "costs are mentioned",
        "costs are not mentioned",
        "",
    ),
    "independent_sources": _Rule(
        _INDEPENDENT,
        None,
        True,
        "an expert not involved in the study is quoted",
        "no one independent of the study is quoted",
        "",
    ),
    "evidence_quality_discussed": _Rule(
        _QUALITY,
        None,
        True,
        "limitations of the evidence are discussed",
        "the limits of the evidence are not discussed",
        "",
    ),
    "alternatives_mentioned": _Rule(
        _ALTERNATIVES,
        None,
        True,
        "other options are mentioned",
        "no other options are mentioned",
        "",
    ),
    "availability_stated": _Rule(
        _AVAILABILITY,
        None,
        True,
        "availability or approval is stated",
        "availability is not stated",
        "",
    ),
    "novelty_explained": _Rule(
        _NOVELTY,
        None,
        True,
        "the text says how new the approach is",
        "the text does not say whether the approach is new",
        "",
    ),
}


def find_signals(doc: Doc) -> dict[str, Signal]:
    pool = {s.index for s in _pool(doc)}
    # Long texts hold nearly every cue word, so the substring tests would only add their cost.
    gated = len(doc.text) <= _GATED_UP_TO and not _odd_case(doc.text)
    lower = doc.text.lower() if gated else None
    signals = {name: _apply(doc, rule, pool, lower) for name, rule in _RULES.items()}
    signals["absolute_benefits"] = _absolute_benefits(doc, lower)
    signals["beyond_press_release"] = _beyond_press_release(
        doc, signals["independent_sources"], pool, lower
    )
    return signals


def _pool(doc: Doc) -> list[Sentence]:
    # Funding and interest statements sit in their own sections, which `own` leaves out.
    return [
        s
        for s in doc.sentences
        if s.section == "funding" or not (s.background or s.future or s.section == "references")
    ]


def _apply(doc: Doc, rule: _Rule, pool: set[int], lower: str | None) -> Signal:
    yes = _matching(doc, rule.yes, pool, lower) if rule.yes is not None else []
    no = _matching(doc, rule.no, pool, lower) if rule.no is not None else []
    if yes and not no:
        return _signal(doc, True, yes, rule.yes_reason, 0.8)
    if no and not yes:
        return _signal(doc, False, no, rule.no_reason, 0.75)
    if yes and no:
        return _signal(doc, None, yes + no, "the text says both", 0.3)
    if rule.absent_is_no:
        return Signal(value=False, confidence=0.6, rationale=rule.no_reason)
    return Signal(value=None, confidence=0.0, rationale=rule.silent_reason)


def _matching(
    doc: Doc, pattern: re.Pattern[str], pool: set[int], lower: str | None
) -> list[Sentence]:
    """The first two sentences of the pool (sentence indices) in which `pattern` occurs, as
    `doc.matching` finds them: all that a signal quotes. Skipped when the text holds none of the
    strings the pattern needs (`lower`: the text lower-cased, None when no pattern may be
    skipped)."""
    gate = _NEEDS.get(id(pattern))
    if gate is not None and lower is not None:
        case_blind, needs = gate
        if not _holds_any(lower if case_blind else doc.text, needs):
            return []
    first: list[Sentence] = []
    for index in sorted(doc.hits(pattern)):
        if index in pool:
            first.append(doc.sentences[index])
            if len(first) == 2:
                break
    return first


def _holds_any(text: str, needs: tuple[str, ...] | re.Pattern[str]) -> bool:
    if isinstance(needs, re.Pattern):
        return needs.search(text) is not None
    return any(word in text for word in needs)


def _signal(
    doc: Doc, value: bool | None, sentences: list[Sentence], rationale: str, confidence: float
) -> Signal:
    evidence = [Evidence.of(doc.text, s.start, s.end) for s in sentences[:2]]
    return Signal(value=value, confidence=confidence, rationale=rationale, evidence=evidence)


def _absolute_benefits(doc: Doc, lower: str | None) -> Signal:
    own = {s.index for s in doc.own}
    absolute = _matching(doc, _ABSOLUTE, own, lower)
    relative = _matching(doc, _RELATIVE, own, lower)
    if absolute:
        return _signal(doc, True, absolute, "results are given in absolute terms", 0.7)
    if relative:
        return _signal(doc, False, relative, "results are given only in relative terms", 0.7)
    return Signal(value=None, rationale="the text gives no figures for the benefit")


def _beyond_press_release(
    doc: Doc, independent: Signal, pool: set[int], lower: str | None
) -> Signal:
    if independent.value:
        return Signal(
            value=True,
            confidence=0.7,
            rationale="independent experts are quoted, so the story goes beyond a news release",
            evidence=list(independent.evidence),
        )
    release = _matching(doc, _PRESS_RELEASE, pool, lower)
    if release:
        return _signal(
            doc,
            False,
            release,
            "the story draws on a news release and no one independent is quoted",
            0.7,
        )
    return Signal(
        value=False, confidence=0.5, rationale="no one independent of the study is quoted"
    )


SIGNAL_NAMES: tuple[str, ...] = (*_RULES, "absolute_benefits", "beyond_press_release")
