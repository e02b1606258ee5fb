"""Study design from cue words, weighed by where they stand and whether they are negated."""

from __future__ import annotations

import re

from appraise.extract.context import Doc, Sentence
from appraise.extract.cues import cues
from appraise.extract.findings import DesignFinding, Evidence
from appraise.vocabulary import DESIGN_WORDS

_I = re.IGNORECASE
_RANDOM = (
    r"randomi[sz](?:ed|ation|ing)(?! (?:controlled )?trials\b)"
    r"|randomly (?:assigned|allocated|divided|split)"
    r"|randomly (?:chosen|selected|picked) to (?!be (?:interviewed|surveyed|included))"
    r"|(?:assigned|allocated) (?:at random|randomly)|random allocation"
    r"|(?:assigned|allocated|chosen|selected) by (?:lottery|lot|drawing lots|a coin toss|computer)"
)
_NEGATED_RANDOM = cues(
    r"(?:is|are|was|were|has|have|had)n['’]t (?:been )?randomi[sz]",
    r"(?:is|are|was|were|has|have|had)n['’]t (?:been )?randomly",
    r"(?:is|are|was|were)n['’]t an? (?:\w+ )?randomi[sz]",
    r"not (?:been )?randomi[sz]",
    r"not an? (?:\w+ )?randomi[sz]",
    r"(?:non-?|un|quasi-?)(?:randomi[sz]|randomly)",
    r"not randomly",
    r"without randomi[sz]",
    r"no randomi[sz]ation",
    requires="random",
)

# (design, weight, cue). Weights say how decisive a cue is on its own; the scores of a design's
# cues add up over the sentences about this study, weighed by section.
_CUES: list[tuple[str, float, re.Pattern[str]]] = [
    (
        "systematic-review",
        4.0,
        cues(
            r"systematic(?:ally)? review",
            r"meta-?analys[ie]s",
            r"pooled analysis of (?:\w+ ){0,3}(?:trials|studies)",
            r"(?:searched|search of) (?:\w+ ){0,3}(?:medline|pubmed|embase|cochrane|databases?)",
            r"(?:included|identified|pooled) (?:data from )?\d+ (?:\w+ )?(?:trials|studies|rcts)\b",
            r"(?:analy[sz]ed|reviewed|pooled) (?:the )?(?:results|data) (?:of|from) (?:\w+ ){0,2}"
            r"(?:\d+|[a-z]+-?[a-z]*) (?:\w+ )?(?:trials|studies)",
            r"the (?:review|meta-?analysis)\b",
            r"(?:pulled together|combined|pooled|reviewed) (?:the (?:results|data) (?:of|from) )?"
            r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
            r"thirty|forty|fifty|dozens of) (?:\w+ )?(?:trials|studies)\b",
        ),
    ),
    ("rct", 4.0, cues(_RANDOM, requires="random")),
    (
        "rct",
        4.0,
        cues(
            r"(?:assigned|allocated|chosen|selected|decided) by (?:a |the )?(?:computeri[sz]ed |"
            r"computer |random )?(?:lottery|lot|draw|coin(?: toss| flip)?)",
            r"drew lots",
            r"drawing lots",
            r"flip of a (?:\w+ )?coin",
            r"(?:decided|determined|chosen|assigned|allocated|picked) at random",
        ),
    ),
    ("rct", 3.0, re.compile(r"\b(?:RCT|RCTs)\b")),
    (
        "rct",
        2.0,
        cues(
            r"(?:placebo|sham)[- ]controlled",
            r"double[- ](?:blind|masked)",
            r"cross-?over (?:trial|study|design)",
            r"took, by turns",
            r"in random order",
        ),
    ),
    (
        "rct",
        1.5,
        cues(
            r"(?:were|was) (?:assigned|allocated) to",
            r"(?:given|received?|took|got) either",
            r"placebo\b",
            r"sham\b",
        ),
    ),
    (
        "non-randomised-controlled",
        4.0,
        cues(
            r"non-?randomi[sz]ed",
            r"not randomi[sz]ed",
            r"(?:not|(?:is|are|was|were)n['’]t) (?:been )?randomly (?:assigned|allocated|chosen)",
            r"(?:is|are|was|were)n['’]t randomi[sz]ed",
            r"without randomi[sz]ation",
            r"quasi-?(?:experimental|randomi[sz]ed)",
            r"controlled before[- ]and[- ]after",
        ),
    ),
    (
        "case-control",
        4.0,
        cues(
            r"case[- ]control(?:led)?\b",
            r"cases and (?:\w+ ){0,2}controls\b",
            r"matched controls?\b",
            r"(?:was|were) matched (?:with|to) (?:\w+ ){0,2}(?:people|persons|controls|patients|"
            r"adults|women|men|children|individuals)",
            r"compared [\d,]+ [^.;]{0,120}? with [\d,]+ [^.;]{0,90}?(?:who did not|without) "
            r"(?:have|develop|get|had)",
            r"(?:compared|matched) (?:\w+ ){0,6}(?:with|to) (?:\w+ ){0,3}(?:controls|people"
            r"|patients|adults|women|men|children) (?:\w+ ){0,6}(?:who did not|without) "
            r"(?:have|develop|get)",
        ),
    ),
    (
        "cohort",
        3.5,
        cues(
            r"cohort\b",
            r"longitudinal (?:study|analysis|data)",
            r"followed (?:\w+ ){0,4}(?:for|over) (?:\w+ ){0,2}(?:years|decades)",
            r"long-running (?:\w+ )?(?:studies|study|projects?)",
        ),
    ),
    (
        "cohort",
        2.0,
        cues(
            r"(?:prospective(?:ly)?|retrospective(?:ly)?) (?:\w+ )?(?:study|analysis|follow-up"
            r"|observational)",
            r"observational study",
            r"registry\b",
            r"(?:national|insurance|claims|health) (?:\w+ )?(?:database|records|register)",
            r"tracked (?:\w+ ){0,3}(?:for|over)",
            # Groups formed by what happened to people, not by allocation.
            r"(?:were|was) (?:divided|categori[sz]ed|stratified|grouped|classified|split) into "
            r"(?:two|three|four|2|3|4) groups",
            # Data on millions of people come from records, not from a trial.
            r"(?:looked at|analy[sz]ed|examined|studied|followed) (?:data (?:on|from) |records "
            r"(?:of|from) )?(?:more than |nearly |about |almost |over )?[\d.,]+ "
            r"(?:million|billion)",
        ),
    ),
    ("cross-sectional", 4.0, cues(r"cross-?sectional", r"prevalence (?:study|survey)")),
    # Diagnostic accuracy: the test and the reference read once in the same people.
    ("cross-sectional", 2.0, cues(r"sensitivity(?:,| and) specificity")),
    (
        "cross-sectional",
        2.0,
        cues(
            r"(?:a|an|the|national|online|anonymous|postal|web-based) (?:\w+ )?survey (?:of|among)",
            r"(?:we )?surveyed",
            r"(?:online|web-based|postal|telephone|national|anonymous|new) survey\b",
            r"answered (?:a |the )?(?:questions|questionnaires?|survey)",
            r"polled",
            r"questionnaire (?:survey|study)",
            r"(?:national|health|household|examination) (?:\w+ )?survey\b",
        ),
    ),
    (
        "case-series",
        4.0,
        cues(
            r"case series",
            r"series of (?:\w+ ){0,3}(?:patients|cases)",
            r"chart review",
            r"consecutive (?:\w+ ){0,2}(?:patients|cases)",
            r"retrospective(?:ly)? review(?:ed)?",
            r"all (?:\w+ ){0,3}(?:patients|outpatients|inpatients|cases|children|adults) "
            r"(?:\w+ ){0,6}(?:were|was) (?:selected|identified|reviewed|included|collected)",
        ),
    ),
    (
        "cohort",
        1.5,
        cues(
            r"(?:were|was|are|is|as) (?:an? )?(?:independent |significant |major )?(?:risk factors?"
            r"|predictors?)\b",
            r"risk factors? (?:were|was|included|identified)",
            r"independent(?:ly)? (?:predict|associated)",
            r"associated with (?:an? )?(?:increased|higher|lower|reduced|greater)",
            r"those (?:who )?(?:taking|took|used|using|ate|eating|drank|drinking|exposed"
            r"|with (?:higher|lower|the highest|the lowest))",
            r"(?:logistic|cox|multivariate|multivariable) (?:regression|analysis|model)",
        ),
    ),
    (
        "case-report",
        4.0,
        cues(
            r"case report",
            r"we (?:report|describe|present) (?:a|the|an) (?:\w+ ){0,3}"
            r"(?:case|patient|man|woman|boy|girl)",
            r"a case of",
            r"(?:a|one) (?:\d+-year-old|single) (?:patient|man|woman|boy|girl)",
        ),
    ),
    (
        "single-arm",
        4.0,
        cues(
            r"single[- ](?:arm|group)",
            r"one[- ]arm",
            r"uncontrolled",
            r"open[- ]label,? (?:single|phase)",
            r"phase (?:I|1|I/II|1/2|II|2)[ab]?,? (?:open|single|dose)",
            r"without (?:a |any )?(?:comparison|control) (?:group|arm)",
            r"no (?:comparison|control) group",
        ),
    ),
    (
        "single-arm",
        2.5,
        cues(
            r"phase[- ](?:I|1|I/II|1/2|II|2)[ab]? (?:\w+ )?(?:trials?|study)",
            r"(?:simon'?s? )?two-stage (?:\w+ ){0,2}design",
        ),
    ),
    (
        "single-arm",
        1.5,
        cues(
            r"(?:all|each) (?:\w+ ){0,2}(?:patients|participants|subjects) (?:\w+ ){0,2}(?:received"
            r"|underwent|were treated|were given)",
            r"underwent",
            r"were treated with",
            r"before and after",
            r"pre- and post-?",
            r"from baseline",
            r"pilot study",
            r"feasibility study",
            r"proof[- ]of[- ]concept",
        ),
    ),
]

_GROUPS_COMPARED = cues(
    r"(?:versus|vs\.?) (?!baseline|before|pre)",
    r"compared (?:with|to) (?:those|patients|the (?:\w+ )?group)",
    r"(?:in|of) the (?:\w+ ){1,2}group (?:and|versus|vs|compared)",
    r"(?:two|both) groups",
)
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
    stated_single_arm = False
    negations = doc.hits(_NEGATED_RANDOM)
    randomised_negated = [s for s in doc.own if s.index in negations]
    for design, cue_weight, pattern in _CUES:
        for sentence in doc.matching(pattern):
            if design == "rct" and cue_weight >= 3.0 and sentence.index in negations:
                continue
            weight = _SECTION_WEIGHT.get(sentence.section, 1.0)
            scores[design] = scores.get(design, 0.0) + cue_weight * weight
            found = evidence.setdefault(design, [])
            if sentence not in found:
                found.append(sentence)
            if design == "single-arm" and cue_weight >= 4.0:
                stated_single_arm = True
    # Treatment words ("underwent") do not make a study with a comparison group single-arm;
    # only the text's own word for it ("single-arm", "uncontrolled") does.
    if (has_comparison or compares) and "single-arm" in scores and not stated_single_arm:
        scores["single-arm"] *= 0.3
    if not scores:
        return DesignFinding(rationale="no words in the text name or describe the study design")
    best = max(scores, key=lambda d: scores[d])
    # A review's text is full of the designs of the studies it pooled.
    reviews = evidence.get("systematic-review", [])
    if reviews and (
        len(reviews) >= 2
        or reviews[0].section == "title"
        or scores["systematic-review"] >= scores.get("rct", 0.0)
    ):
        best = "systematic-review"
    # A series of patients split by what they received ("early versus late surgery") and
    # compared is a cohort.
    if best == "case-series" and compares and doc.matching(_GROUPS_COMPARED):
        scores["cohort"] = scores.get("cohort", 0.0) + scores["case-series"]
        evidence["cohort"] = evidence.get("cohort", []) + evidence["case-series"]
        best = "cohort"
    # Weak single-arm signals alone ("underwent") describe treatment, not design.
    weak_single_arm = best == "single-arm" and not compares and scores[best] >= 1.4
    if scores[best] < 2.0 and not weak_single_arm:
        return DesignFinding(
            rationale="the text describes the study too loosely to name its design",
        )
    total = sum(scores.values())
    # Sure when the cues are strong (a design named outright) and agree with each other.
    strength = min(1.0, scores[best] / 6.0)
    confidence = round(0.35 + 0.6 * strength * scores[best] / total, 2)
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
    rationale = f"described as {DESIGN_WORDS[best]}"
    if best == "single-arm" and not stated_single_arm:
        rationale = "every participant received the treatment and no comparison group is mentioned"
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
