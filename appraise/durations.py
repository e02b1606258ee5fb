"""Durations in days, and how to say them: the units every part of appraise agrees on."""

from __future__ import annotations

import math

DAYS_PER_UNIT = {"days": 1.0, "weeks": 7.0, "months": 30.44, "years": 365.25}


def describe_days(days: float) -> str:
    """A duration in the unit a reader would use: "6 years", "18 months", "12 weeks", "45 min"."""
    if math.isinf(days) and days > 0:
        return "forever"  # only a hand-edited report holds one; rounding it would fail
    if days <= 0:
        return "0 days"
    if days < 1:
        minutes = days * 1440
        return f"{minutes:.0f} min" if minutes < 120 else f"{days * 24:.0f} hours"
    for unit, size, least in (("year", 365.25, 1.0), ("month", 30.44, 1.0), ("week", 7.0, 2.0)):
        amount = days / size
        if amount >= least and _near_whole(amount):
            return _say(amount, unit)
    for unit, size in (("year", 365.25), ("month", 30.44)):
        amount = days / size
        if amount >= 1.5:
            return _say(amount, unit)
    return _say(days, "day")


def _say(amount: float, unit: str) -> str:
    number = _number(amount)
    return f"{number} {unit}" if number == "1" else f"{number} {unit}s"


def _near_whole(amount: float) -> bool:
    return abs(amount - round(amount)) < 0.05 or abs(amount * 2 - round(amount * 2)) < 0.05


def _number(amount: float) -> str:
    rounded = round(amount, 1)
    return f"{rounded:g}"
