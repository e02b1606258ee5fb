"""Agreement between raters beyond chance: Cohen's kappa for two, Fleiss' kappa for more.

Pure functions over category labels. Kappa is undefined (None) when chance agreement is certain,
as when every rating falls in one category: then agreement says nothing about the raters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def cohen_kappa(pairs: Sequence[tuple[K, K]]) -> float | None:
    """Cohen's kappa (1960) for two raters, from one `(rater_a, rater_b)` pair per subject.

    p_o is the share of subjects the two put in the same category; p_e the agreement expected by
    chance from each rater's own category shares, sum over k of (a_k / N) * (b_k / N).
    """
    total = len(pairs)
    if total == 0:
        return None
    observed = sum(1 for a, b in pairs if a == b) / total
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (total * total)
    return _kappa(observed, expected)


def fleiss_kappa(counts: Sequence[Mapping[K, int]]) -> float | None:
    """Fleiss' kappa (1971): one mapping per subject, category -> how many raters chose it.

    Every subject must have the same number of ratings n >= 2. P_i, the agreement on subject i, is
    (sum_j n_ij^2 - n) / (n (n - 1)); P-bar is their mean; p_j is category j's share of all
    ratings; P_e = sum_j p_j^2; kappa = (P-bar - P_e) / (1 - P_e).
    """
    if not counts:
        return None
    raters = sum(counts[0].values())
    if raters < 2 or any(sum(c.values()) != raters for c in counts):
        raise ValueError("every subject needs the same number of ratings, at least 2")
    observed = mean_pairwise_agreement(counts)
    assert observed is not None
    totals: Counter[K] = Counter()
    for subject in counts:
        totals.update(subject)
    grand = len(counts) * raters
    expected = sum((n / grand) ** 2 for n in totals.values())
    return _kappa(observed, expected)


def mean_pairwise_agreement(counts: Sequence[Mapping[K, int]]) -> float | None:
    """Fleiss' P-bar: the share of agreeing rater pairs, averaged over subjects (0 to 1)."""
    if not counts:
        return None
    shares = []
    for subject in counts:
        n = sum(subject.values())
        shares.append((sum(v * v for v in subject.values()) - n) / (n * (n - 1)))
    return sum(shares) / len(shares)


def category_counts(ratings: Sequence[Sequence[K]]) -> list[Counter[K]]:
    """Ratings as rows of raters' categories (one row per subject) -> Fleiss' count table."""
    return [Counter(row) for row in ratings]


def interpret(kappa: float | None) -> str:
    """Landis and Koch's (1977) words for a kappa: a convention, not a test."""
    if kappa is None:
        return "undefined"
    if kappa < 0:
        return "poor (less than chance)"
    for upper, words in ((0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial")):
        if kappa <= upper:
            return words
    return "almost perfect"


def _kappa(observed: float, expected: float) -> float | None:
    if expected >= 1 - 1e-12:
        return None
    return (observed - expected) / (1 - expected)
