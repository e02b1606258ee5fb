"""Reporting signals: worked sentences for each, and silence read as silence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from appraise.extract import analyse
from appraise.ingest import article_from_text

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"


def signal(text: str, name: str) -> bool | None:
    value: bool | None = analyse(article_from_text(text)).signals[name].value
    return value


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("allocation_concealment", "Allocation was concealed using sealed opaque envelopes.", True),
        ("allocation_concealment", "Patients were randomised to drug or placebo.", None),
        ("blinding", "This double-blind trial enrolled 80 adults.", True),
        ("blinding", "This open-label trial enrolled 80 adults.", False),
        ("blinding", "We enrolled 80 adults.", None),
        ("blinded_outcome_assessment", "Outcome assessors were blinded to allocation.", True),
        ("intention_to_treat", "Analyses were by intention to treat.", True),
        ("intention_to_treat", "Only a per-protocol analysis was done.", False),
        ("trial_registration", "The trial is registered (NCT01234567).", True),
        ("trial_registration", "The trial enrolled 80 adults.", None),
        ("funding_disclosed", "The study was funded by the National Institute for Health.", True),
        ("conflicts_of_interest", "The authors declare no competing interests.", True),
        ("inclusion_criteria", "Adults were eligible if they had asthma.", True),
        (
            "consecutive_inclusion",
            "We reviewed 40 consecutive patients treated with the drug.",
            True,
        ),
        ("harms_reported", "Side effects were mild and short-lived.", True),
        ("harms_reported", "Patients felt better after the course.", False),
        ("costs_mentioned", "The drug costs $1,200 a month.", True),
        ("costs_mentioned", "The drug eased pain.", False),
        (
            "independent_sources",
            '"It is a careful study," said Dr. Lee, who was not involved in the research.',
            True,
        ),
        ("independent_sources", '"We are delighted," said the study\'s lead author.', False),
        (
            "evidence_quality_discussed",
            "The study was small and cannot prove cause and effect.",
            True,
        ),
        ("alternatives_mentioned", "Other treatments, such as physiotherapy, also help.", True),
        ("availability_stated", "The drug is not yet approved in Europe.", True),
        ("novelty_explained", "The drug has been used for decades to treat gout.", True),
        ("absolute_benefits", "Relapse fell from 20% to 12% over a year.", True),
        ("absolute_benefits", "The drug cut the risk of relapse by 40%.", False),
        ("absolute_benefits", "The drug was studied in 40 adults.", None),
        ("beyond_press_release", "The university said in a statement that the drug works.", False),
    ],
)
def test_signal(name: str, text: str, expected: bool | None) -> None:
    assert signal(text, name) is expected


def test_background_sentences_do_not_count() -> None:
    text = "Previous studies have reported side effects. We enrolled 30 adults who took the drug."
    assert signal(text, "harms_reported") is False


def test_signals_in_extract_json_carry_evidence() -> None:
    text = "This double-blind trial enrolled 80 adults."
    found = analyse(article_from_text(text)).to_json()["signals"]["blinding"]
    assert found["value"] is True
    assert found["evidence"][0]["quote"] == text


# One example of every phrase of every pattern that `reporting` skips when the text lacks the
# strings it needs: each must still be found, whatever its case.
GATED_EXAMPLES = [
    # allocation concealment
    "Allocation was concealed.",
    "We concealed the allocation.",
    "Sealed, numbered envelopes were used.",
    "Opaque envelopes were used.",
    "Centrally administered randomisation was used.",
    "Web-based randomization was used.",
    "An interactive voice response system assigned treatment.",
    "The randomisation list was held by the pharmacy.",
    # blinding, open label, assessors
    "A double-blind trial.",
    "Patient-masked design.",
    "Patients were blinded.",
    "Staff were masked.",
    "Nurses blinded to group.",
    "Identical-looking placebo capsules.",
    "Matching tablets were given.",
    "Indistinguishable pills.",
    "Neither the patients nor the doctors knew.",
    "An open-label trial.",
    "Open label extension.",
    "The study was unblinded.",
    "Patients were not been blinded.",
    "There was no blinding.",
    "It ran without blinding.",
    "Outcome assessors were blinded.",
    "Raters in both centres were unaware of allocation.",
    "Blinded outcome assessment was used.",
    "Observer-blind evaluation.",
    "Triple-masked trial.",
    "Assessors were not blinded.",
    "Unblinded assessors scored the scans.",
    # registration
    "Registered as NCT01234567.",
    "ISRCTN12345678.",
    "ACTRN12612000123456.",
    "ChiCTR-IOR-12345.",
    "EudraCT 2010-123456-12.",
    "DRKS00012345.",
    "CTRI/2015/06/005912.",
    "JPRN-UMIN000012345.",
    "IRCT2013061213693N1.",
    "PACTR201206000385266.",
    "NTR1234.",
    "UMIN000012345.",
    # funding and interests
    "It was funded by the council.",
    "Funding came from the council.",
    "It was sponsored by a company.",
    "It was supported by a grant.",
    "With grants from the council.",
    "Financial support was given.",
    "Sponsored by the company.",
    "Paid for by the company.",
    "Funding: none.",
    "Conflicts of interest: none.",
    "Competing interests: none.",
    "The authors declare no competing interests.",
    "We report no conflicts.",
    "They have no financial ties.",
    "She has received speaker fees.",
    "He is a paid consultant.",
    "He consulted for the firm.",
    "She owns shares in the firm.",
    "He holds patents on the device.",
    "Financial relationships are listed.",
    "She is an employee of the firm.",
    "Disclosures are listed.",
    # eligibility
    "Inclusion criteria were listed.",
    "Adults were eligible if aged 18.",
    "Adults were included if aged 18.",
    "Exclusion criteria were listed.",
    "Inclusion required consent.",
    "Eligibility was assessed.",
    # costs
    "It costs $500.",
    "A £20 charge.",
    "A €20 charge.",
    "The price is high.",
    "Pricing is unclear.",
    "The drug is expensive.",
    "A cheaper option.",
    "An inexpensive option.",
    "Few can afford it.",
    "It is reimbursed.",
    "Insurance covers it.",
    "Out-of-pocket spending.",
    "About $5 per month for a pack.",
    "It is costly.",
    # independent sources, press releases
    "An expert who was not involved in the study said.",
    "A doctor not involved with the research said.",
    "A doctor who wasn't involved said.",
    "An independent expert said.",
    "A doctor unaffiliated with the trial said.",
    "An accompanying editorial said.",
    "The press release said.",
    "He said in a statement.",
    "According to a release.",
    "The university's announcement said.",
    # quality of evidence
    "Limitations include size.",
    "It cannot prove that it works.",
    "It can't show cause.",
    "It can not establish causation.",
    "It does not prove a causal link.",
    "It doesn't show that it works.",
    "It did not establish that it works.",
    "It didn't prove that it works.",
    "Cause and effect is unknown.",
    "The association does not prove it.",
    "An observational study.",
    "A small study.",
    "Early results.",
    "Preliminary findings.",
    "A pilot trial.",
    "It needs to be confirmed.",
    "It need to be replicated.",
    "It needs to be repeated.",
    "It should be interpreted with caution.",
    "Experts cautioned.",
    "Larger studies are needed.",
    "Longer trials are needed.",
    "Bigger research is needed.",
    "More studies are needed.",
    "More research is needed.",
    "It lacked a control group.",
    "There was no comparison group.",
    "It was not randomised.",
    "Confounding is likely.",
    "Confounders were many.",
    "Results may be biased.",
    # alternatives
    "Other drug treatments exist.",
    "Alternatives exist.",
    "Existing therapies work.",
    "Standard care was given.",
    "Current drug therapy works.",
    "Usual care was given.",
    "Conventional treatments work.",
    "Use it instead of surgery.",
    "Compared with older drugs.",
    "Lifestyle changes help.",
    "Diet options help.",
    "Exercise is also useful.",
    "Surgery options exist.",
    # availability
    "The drug is not yet available.",
    "It is now widely prescribed.",
    "It was approved.",
    "It is licensed.",
    "It is marketed.",
    "It is sold.",
    "FDA approval came.",
    "EMA review is pending.",
    "MHRA clearance came.",
    "Regulatory approval came.",
    "It is on the market.",
    "It is sold over-the-counter.",
    "It is sold by prescription.",
    "Available in Europe.",
    # novelty
    "The drug is not new.",
    "It isn't entirely new.",
    "It was completely new.",
    "It wasn't new.",
    "Not a new idea.",
    "The first study of its kind.",
    "It has been used for years.",
    "It is already approved.",
    "Used for decades.",
    "Used for centuries.",
    "A novel drug.",
]


@pytest.mark.parametrize("text", GATED_EXAMPLES)
def test_gated_patterns_find_every_phrase(text: str) -> None:
    from appraise.extract import reporting
    from appraise.extract.context import build_doc

    matched = False
    for variant in (text, text.upper(), text.lower()):
        doc = build_doc(article_from_text(variant))
        lower = doc.text.lower()
        for pattern, needs in reporting._NEEDS_BY_PATTERN:
            if doc.hits(pattern):
                matched = True
                source = lower if pattern.flags & re.IGNORECASE else doc.text
                assert reporting._holds_any(source, needs), (pattern.pattern[:60], variant)
    assert matched, text


def test_gates_hold_over_the_corpus() -> None:
    from appraise.extract import reporting
    from appraise.extract.context import build_doc

    for path in sorted(CORPUS.glob("*.txt")):
        doc = build_doc(article_from_text(path.read_text(encoding="utf-8")))
        lower = doc.text.lower()
        for pattern, needs in reporting._NEEDS_BY_PATTERN:
            if doc.hits(pattern):
                source = lower if pattern.flags & re.IGNORECASE else doc.text
                assert reporting._holds_any(source, needs), (pattern.pattern[:60], path.name)


def test_odd_case_letters_scan_every_pattern() -> None:
    # "ſ" matches "s" case-blind but lower-cases to itself: such a text is not gated.
    assert signal("The drug iſ expenſive. It costs a lot.", "costs_mentioned") is True


def test_registry_pattern_matches_as_the_plain_alternation() -> None:
    from appraise.extract import reporting

    plain = re.compile(
        r"\b(?:NCT\d{8}|ISRCTN\d{6,}|ACTRN\d{11,}|ChiCTR[-\w]{6,}|EudraCT[-\s:]*\d{4}-\d{6}-\d{2}"
        r"|DRKS\d{6,}|CTRI/\d{4}/\d+/\d+|JPRN-\w+|IRCT\w{6,}|PACTR\d{6,}|NTR\d{3,}|UMIN\d{6,})\b"
    )
    registered = [e.rstrip(".") for e in GATED_EXAMPLES if re.search("[A-Z]{3}", e)]
    pieces = [*registered, "xNCT01234567", "NCT012345678"]
    pieces += ["ChiCTR-NCT01234567", "a-NTR123", "_ISRCTN123456", "(UMIN123456)", "IRCT12", "\n"]
    texts = [" ".join(pieces), "".join(pieces), *pieces]
    for text in texts:
        found = [(m.span(), m.group()) for m in reporting._REGISTRY.finditer(text)]
        assert found == [(m.span(), m.group()) for m in plain.finditer(text)], text
