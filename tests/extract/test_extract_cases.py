"""Worked cases for each finding: the wording real authors and journalists use."""

from __future__ import annotations

import pytest

from appraise.extract import analyse
from appraise.ingest import article_from_text


def findings(text: str) -> dict:
    return analyse(article_from_text(text)).to_json()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In total, 134 women were randomized, 69 to metformin and 65 to placebo.", 134),
        ("We randomly assigned 1,204 adults to vitamin D or placebo.", 1204),
        ("A study of twenty-four patients with gout was carried out.", 24),
        ("Patients were allocated to drug A (n = 20) or drug B (n = 21).", 41),
        ("Of 600 women approached, 530 completed the questionnaire survey.", 530),
        ("The trial involved a dozen adults with retinitis pigmentosa.", 12),
    ],
)
def test_sample_size(text: str, expected: int) -> None:
    assert findings(text)["sample_size"]["value"] == expected


def test_sample_size_ignores_previous_studies() -> None:
    text = (
        "We enrolled 48 patients with asthma. A previous study of 3,000 adults found no effect. "
        "Twelve patients (25%) had an exacerbation."
    )
    assert findings(text)["sample_size"]["value"] == 48


def test_sample_size_blank_when_the_text_gives_none() -> None:
    result = findings("Researchers tested a new inhaler and found it eased symptoms.")
    assert result["sample_size"]["value"] is None
    assert result["sample_size"]["rationale"]


@pytest.mark.parametrize(
    ("text", "design"),
    [
        ("This double-blind, randomised, placebo-controlled trial enrolled 90 adults.", "rct"),
        ("In this cluster-randomised trial, 24 schools were allocated to the programme.", "rct"),
        ("We conducted a retrospective cohort study of 5,000 veterans.", "cohort"),
        ("This case-control study compared 200 cases with 400 matched controls.", "case-control"),
        ("This was a cross-sectional survey of 1,000 nurses.", "cross-sectional"),
        ("We report a case of a 54-year-old man with lupus.", "case-report"),
        ("We performed a systematic review and meta-analysis of 12 trials.", "systematic-review"),
        (
            "In this non-randomised controlled study, 60 patients chose surgery or physiotherapy.",
            "non-randomised-controlled",
        ),
    ],
)
def test_design(text: str, design: str) -> None:
    assert findings(text)["design"]["value"] == design


def test_design_unknown_is_null_with_a_reason() -> None:
    result = findings("Coffee may be good for you, according to experts.")
    assert result["design"]["value"] is None
    assert result["design"]["rationale"]


@pytest.mark.parametrize(
    ("text", "present", "kind"),
    [
        ("Adults were randomised to the drug or a matching placebo for 12 weeks.", True, "placebo"),
        ("Practices were randomised to the programme or usual care.", True, "usual-care"),
        ("Participants were randomised to therapy or a wait-list control.", True, "no-treatment"),
        ("A single-arm phase 2 trial treated 30 patients with the new drug.", False, "none"),
        (
            "We compared outcomes with historical controls treated before 2010 in a single-arm "
            "study of 40 patients.",
            False,
            "none",
        ),
    ],
)
def test_control(text: str, present: bool, kind: str) -> None:
    control = findings(text)["control"]
    assert (control["present"], control["kind"]) == (present, kind)


def test_before_after_in_the_same_patients_is_no_control() -> None:
    text = (
        "All 25 patients received the drug; pain scores were compared before and after treatment."
    )
    control = findings(text)["control"]
    assert control["present"] is False
    assert "before/after" in control["rationale"]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Patients were followed up for 18 months.", 18 * 30.44),
        ("The median follow-up was 3.2 years.", 3.2 * 365.25),
        ("Outcomes were assessed at 12 weeks.", 84),
        ("In this 6-year follow-up study of 200 adults, outcomes were recorded.", 6 * 365.25),
        ("Participants were followed for 6 to 18 months.", 18 * 30.44),
    ],
)
def test_follow_up(text: str, days: float) -> None:
    assert findings(text)["follow_up"]["days"] == pytest.approx(days, rel=0.01)


def test_follow_up_is_not_age_or_recruitment() -> None:
    text = (
        "We recruited 300 adults aged 40 to 65 years between 2010 and 2014 over 4 years. "
        "They had had diabetes for at least 5 years."
    )
    assert findings(text)["follow_up"]["days"] is None


def test_safety_only_and_future_efficacy_sentence() -> None:
    text = (
        "We studied the safety of the new gel in 20 adults. No serious adverse events occurred. "
        "Future studies should evaluate its efficacy."
    )
    efficacy = findings(text)["efficacy"]
    assert efficacy["safety_only"] is True
    assert efficacy["reported"] is False


def test_primary_endpoint_named() -> None:
    text = "We randomised 200 adults. The primary outcome was the change in HbA1c at 6 months."
    efficacy = findings(text)["efficacy"]
    assert efficacy["reported"] is True
    assert efficacy["primary_endpoint"].startswith("the change in HbA1c")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "A total of 120 patients were randomised: 62 to surgery and 56 to physiotherapy.",
            "arm-sum",
        ),
        ("Responses were seen in 12/48 (35%) of patients.", "percentage"),
        ("Patients were evaluated after treatment and again 6 years earlier.", "temporal"),
    ],
)
def test_inconsistencies_found(text: str, kind: str) -> None:
    assert kind in [i["kind"] for i in findings(text)["inconsistencies"]]


@pytest.mark.parametrize(
    "text",
    [
        "A total of 120 patients were randomised: 62 to surgery and 58 to physiotherapy.",
        "Responses were seen in 12/48 (25%) of patients.",
        "Responses were seen in 54/203 (26%) of patients.",  # truncated, not wrong
        "Patients were evaluated after treatment and again 6 years later.",
        "Of the 120 randomised, 2 withdrew, so 62 and 56 were analysed.",
    ],
)
def test_consistent_twins_raise_nothing(text: str) -> None:
    assert findings(text)["inconsistencies"] == []


@pytest.mark.parametrize(
    "closing", ["in the study", "studied", "randomized", "who took part", "INCLUDED"]
)
def test_sample_restated_with_another_size(closing: str) -> None:
    text = (
        "We randomised 120 adults to drug or placebo. "
        f"Among the 150 adults {closing}, pain fell by a third."
    )
    found = analyse(article_from_text(text)).to_json()["inconsistencies"]
    assert [i["kind"] for i in found] == ["restated-quantity"], found
