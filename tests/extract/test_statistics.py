"""Re-checked statistics: worked examples for each test family and each check, near-misses that
are consistent only through rounding, one-sided tests, and texts with no statistics."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from appraise.extract import analyse
from appraise.ingest import article_from_text


def statistics(text: str) -> list[dict]:
    found = analyse(article_from_text(text)).to_json()["inconsistencies"]
    return [i for i in found if i["kind"] == "statistics"]


# Worked by hand (and checked with scipy): t(28) = 2.20 -> two-sided p = 0.0363;
# F(2, 57) = 3.10 -> p = 0.0527; chi2(1) = 4.50 -> p = 0.0339; z = 2.10 -> p = 0.0357;
# r(48) = .30 -> t = .30 * sqrt(48 / .91) = 2.179 -> p = 0.0343; t(20) = 1.80 one-sided -> 0.0435.
CONSISTENT = [
    "Scores differed, t(28) = 2.20, p = .036.",
    "Scores differed, t(28) = 2.20, p = .04.",  # .036 rounded to two places
    "Scores differed, t(28) = 2.2, p = .037.",  # t between 2.15 and 2.25 allows .033 to .040
    "There was an effect, F(2, 57) = 3.10, p = .053.",
    "Association: χ2(1) = 4.50, p = .034.",
    "Association: chi2(1)=3.84, p = .05.",  # 3.835..3.845 gives .0499..0.0502
    "A test gave z = 2.10, p = .036.",
    "The correlation was r(48) = .30, p = .034.",
    "A one-sided test gave t(20) = 1.80, p = .043.",
    "Responses improved, t(40) = 4.10, p < .001.",
    "No difference, t(40) = 0.90, p > .05.",
]


@pytest.mark.parametrize("text", CONSISTENT)
def test_consistent_results_raise_nothing(text: str) -> None:
    assert statistics(text) == []


@pytest.mark.parametrize(
    ("text", "said", "gross"),
    [
        ("Scores differed, t(28) = 2.20, p = .36.", "p = .36", True),
        ("There was an effect, F(2, 57) = 3.10, p = .03.", "p = .03", True),
        ("Association: χ2(1) = 4.50, p = .045.", "p = .045", False),
        ("The correlation was r(48) = .30, p = .34.", "p = .34", True),
        ("A test gave z = 2.10, p = .36.", "p = .36", True),
        # Two-sided unless the text says otherwise: .043 is the one-sided value of t(20) = 1.80.
        ("A test gave t(20) = 1.80, p = .043.", "p = .043", True),
    ],
)
def test_p_value_mismatch(text: str, said: str, gross: bool) -> None:
    (problem,) = statistics(text)
    assert said in problem["message"]
    assert problem["gross"] is gross
    assert problem["rule"] == "p-value recomputed from the test statistic"
    assert problem["recomputed"]
    quote = problem["evidence"][0]["quote"]
    assert quote.startswith(("t(", "F(", "χ2(", "r(", "z ="))
    assert said.split()[-1] in quote


def test_recomputation_is_said_in_words() -> None:
    (problem,) = statistics("Scores differed, t(28) = 2.20, p = .36.")
    assert problem["message"].startswith("t(28) = 2.20 gives two-sided p = .036")
    assert problem["message"].split(";")[1].strip().startswith("the text says p = .36")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Mortality was lower (HR 0.72, 95% CI 0.75 to 0.94).",
            "point estimate within its confidence interval",
        ),
        ("Risk rose (OR 1.50, 95% CI 1.40 to 3.90).", "ratio interval symmetric on the log scale"),
        (
            "Risk rose (OR 1.52, 95% CI 1.10-2.10; p = .21).",
            "p-value agrees with its confidence interval",
        ),
        (
            "Risk fell (RR 0.80, 95% CI 0.64 to 0.99, p = 0.30).",
            "p-value agrees with its confidence interval",
        ),
        (
            "Risk fell (RR 0.80, 95% CI 0.60 to 1.07, p = 0.01).",
            "p-value agrees with its confidence interval",
        ),
    ],
)
def test_interval_checks(text: str, rule: str) -> None:
    assert [p["rule"] for p in statistics(text)] == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "Mortality was lower (HR 0.72, 95% CI 0.55 to 0.94).",
        "Risk rose (OR 1.52, 95% CI 1.10-2.10; p = .01).",
        "The mean difference was −6.1 points (95% CI −9.2 to −3.0).",
        "Risk was similar (RR 0.80, 95% CI 0.64 to 1.00, p = 0.05).",  # bound on the null
        "Exposure was linked to the outcome (OR 2.1, 95% CI 1.4 to 3.2).",  # rounding: centre 2.12
    ],
)
def test_consistent_intervals(text: str) -> None:
    assert statistics(text) == []


def test_grim_flags_an_impossible_mean_of_integer_answers() -> None:
    # n = 17: 58/17 = 3.41 and 59/17 = 3.47, so no set of 17 whole answers has a mean of 3.45.
    (problem,) = statistics(
        "On the single-item 1 to 5 Likert scale the mean rating was 3.45 (SD 1.1), n = 17."
    )
    assert "3.41 and 3.47" in problem["message"]


@pytest.mark.parametrize(
    "text",
    [
        "On the single-item 1 to 5 Likert scale the mean rating was 3.47 (SD 1.1), n = 17.",
        "The mean number of visits was 2.35 (SD 1.9), n = 20.",  # 47/20
        "Mean weight was 72.35 kg (SD 9.1), n = 20.",  # a measurement, not integers
        "The mean number of visits was 2.36 (SD 1.9), n = 250.",  # every mean possible
    ],
)
def test_grim_stays_silent(text: str) -> None:
    assert statistics(text) == []


def test_shares_of_one_group_over_100_percent() -> None:
    (problem,) = statistics("Of the participants, 62% were men and 45% were women.")
    assert "107%" in problem["message"]


def test_shares_of_two_groups_are_not_added() -> None:
    assert statistics("In the drug group 62% were men, whereas 45% were women in the other.") == []


def test_text_without_statistics_raises_nothing() -> None:
    assert statistics("We enrolled 40 adults and followed them for a year.") == []


def test_scipy_is_imported_only_for_texts_with_tests() -> None:
    code = (
        "import sys\n"
        "from appraise.extract import analyse\n"
        "from appraise.ingest import article_from_text\n"
        "analyse(article_from_text('We enrolled 40 adults and followed them for a year.'))\n"
        "assert 'scipy' not in sys.modules\n"
        "analyse(article_from_text('Scores differed, t(28) = 2.20, p = .36.'))\n"
        "assert 'scipy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_p_value_in_a_flattened_table_row() -> None:
    # chi2 = 2.23 on 2 df: p = exp(-2.23 / 2) = 0.328, not .83.
    row = "Any adverse event, n (%) | 9 (23.7) | 6 (16.2) | 4 (10.8) | χ2(2) = 2.23 | .83"
    (problem,) = statistics(row)
    assert problem["recomputed"].startswith("= .32")


def test_grim_with_the_scale_described_in_another_sentence() -> None:
    text = (
        "Confidence was rated on a single 1 to 5 item. "
        "Mean confidence scores were 4.12 (SD 0.70, n = 17) and 3.45 (SD 0.80, n = 17), "
        "respectively."
    )
    (problem,) = statistics(text)
    assert "3.45" in problem["message"]


def test_shares_across_two_sentences() -> None:
    text = "Most participants, 61 percent, were women. Men made up 44 percent of the group."
    (problem,) = statistics(text)
    assert "105%" in problem["message"]


@pytest.mark.parametrize(
    "text",
    [
        "Mortality was lower (HR 0.72, 95% CI 0.75 to 0.94).",
        "MORTALITY WAS LOWER (HAZARD RATIO 0.72, 95% CI 0.75 TO 0.94).",
        # Letters that lower-casing and a case-blind match treat differently: the slow path.
        "İstanbul: mortality was lower (HR 0.72, 95% CI 0.75 to 0.94).",
        "Mortality was lower (aHR 0.72, 95% CI 0.75 to 0.94) in ſome.",
    ],
)
def test_interval_check_whatever_the_case(text: str) -> None:
    assert [p["rule"] for p in statistics(text)] == [
        "point estimate within its confidence interval"
    ]


def test_shares_in_per_cent_with_capitals() -> None:
    (problem,) = statistics("Of the participants, 62 per cent were MEN and 45 per cent were Women.")
    assert "107%" in problem["message"]


def test_case_sensitive_forms_read_lower_case_text() -> None:
    # Each stands in for a case-blind pattern over lower-cased text: no capital may be left.
    from appraise.extract import statistics as stats

    for folded in stats._FOLDED.values():
        assert not folded.flags & re.IGNORECASE
        assert not re.search(r"(?<!\\)[A-Z]", folded.pattern), folded.pattern


@pytest.mark.parametrize(
    "text",
    [
        "On the single-item 1 to 5 LIKERT scale the mean rating was 3.45 (SD 1.1), n = 17.",
        "On the single-item 1 to 5 Likert ſcale the mean rating was 3.45 (SD 1.1), n = 17.",
    ],
)
def test_grim_whatever_the_case(text: str) -> None:
    (problem,) = statistics(text)
    assert "3.41 and 3.47" in problem["message"]
