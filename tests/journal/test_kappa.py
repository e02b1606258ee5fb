"""Kappa against values worked by hand and a published example."""

from __future__ import annotations

from collections import Counter

import pytest

from appraise.report.kappa import (
    category_counts,
    cohen_kappa,
    fleiss_kappa,
    interpret,
    mean_pairwise_agreement,
)


def test_cohen_kappa_worked_by_hand() -> None:
    # Ten items, two raters:
    #   A: y y y y y y n n n u
    #   B: y y y y n n n n u u
    # They agree on items 1-4 (y), 7-8 (n) and 10 (u): p_o = 7/10.
    # A's shares: y 6, n 3, u 1; B's: y 4, n 4, u 2.
    # p_e = (6*4 + 3*4 + 1*2) / 10^2 = 38/100.
    # kappa = (0.70 - 0.38) / (1 - 0.38) = 0.32 / 0.62 = 16/31 = 0.516129...
    a = list("yyyyyynnnu")
    b = list("yyyynnnnuu")
    assert cohen_kappa(list(zip(a, b, strict=True))) == pytest.approx(16 / 31)


def test_cohen_kappa_textbook_two_by_two() -> None:
    # The usual 2x2 illustration: 50 proposals, both yes 20, A yes B no 5, A no B yes 10,
    # both no 15. p_o = 35/50 = 0.7; A yes 25/50, B yes 30/50;
    # p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_cohen_kappa_edges() -> None:
    assert cohen_kappa([]) is None
    # Everyone in one category: chance agreement is certain, kappa is undefined.
    assert cohen_kappa([("y", "y")] * 5) is None
    # Perfect agreement over two categories.
    assert cohen_kappa([("y", "y"), ("n", "n")]) == pytest.approx(1.0)
    # Systematic disagreement: below chance.
    assert cohen_kappa([("y", "n"), ("n", "y")]) == pytest.approx(-1.0)


# Fleiss' kappa, the worked example of the Wikipedia article "Fleiss' kappa": 10 subjects, each
# put by 14 raters into one of 5 categories. The article gives P-bar = 0.378, P_e = 0.213 and
# kappa = 0.210.
FLEISS_TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_kappa_textbook_example() -> None:
    counts = [{j: n for j, n in enumerate(row) if n} for row in FLEISS_TABLE]
    assert mean_pairwise_agreement(counts) == pytest.approx(0.378, abs=5e-4)
    kappa = fleiss_kappa(counts)
    assert kappa == pytest.approx(0.210, abs=5e-4)
    # To more places, by hand from the table: the rows' sum of n_ij^2 - 14 are 182, 46, 56, 80,
    # 60, 84, 44, 32, 52, 52, together 688, so P-bar = 688 / (10 * 14 * 13) = 0.378022. The
    # columns hold 20, 28, 39, 21 and 32 of the 140 ratings, so P_e = 4170 / 19600 = 0.212755,
    # and kappa = (0.378022 - 0.212755) / (1 - 0.212755) = 0.209931.
    p_bar = 688 / (10 * 14 * 13)
    p_e = sum((n / 140) ** 2 for n in (20, 28, 39, 21, 32))
    assert p_e == pytest.approx(4170 / 19600)
    assert kappa == pytest.approx((p_bar - p_e) / (1 - p_e))
    assert kappa == pytest.approx(0.209931, abs=1e-6)


def test_fleiss_kappa_from_ratings_worked_by_hand() -> None:
    # Four subjects, three raters each:
    #   s1: a a a   P_1 = (9 - 3) / 6 = 1
    #   s2: a a b   P_2 = (4 + 1 - 3) / 6 = 1/3
    #   s3: b b b   P_3 = 1
    #   s4: a b c   P_4 = (1 + 1 + 1 - 3) / 6 = 0
    # P-bar = (1 + 1/3 + 1 + 0) / 4 = 7/12.
    # Of 12 ratings: a 6, b 5, c 1 -> P_e = (36 + 25 + 1) / 144 = 62/144.
    # kappa = (7/12 - 62/144) / (1 - 62/144) = (84 - 62) / (144 - 62) = 22/82 = 11/41.
    ratings = [list("aaa"), list("aab"), list("bbb"), list("abc")]
    counts = category_counts(ratings)
    assert counts[1] == Counter({"a": 2, "b": 1})
    assert fleiss_kappa(counts) == pytest.approx(11 / 41)


def test_fleiss_kappa_needs_equal_raters() -> None:
    with pytest.raises(ValueError, match="same number of ratings"):
        fleiss_kappa([Counter("aab"), Counter("ab")])
    assert fleiss_kappa([]) is None
    assert fleiss_kappa([Counter("aaa"), Counter("aaa")]) is None


@pytest.mark.parametrize(
    ("kappa", "words"),
    [
        (None, "undefined"),
        (-0.1, "poor (less than chance)"),
        (0.1, "slight"),
        (0.3, "fair"),
        (0.5, "moderate"),
        (0.7, "substantial"),
        (0.9, "almost perfect"),
    ],
)
def test_landis_koch_words(kappa: float | None, words: str) -> None:
    assert interpret(kappa) == words
