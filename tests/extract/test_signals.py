"""Reporting signals: worked sentences for each, and silence read as silence."""

from __future__ import annotations

import pytest

from appraise.extract import analyse
from appraise.ingest import article_from_text


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
