"""Accuracy floors: on our own corpus always, on the real development set where it is present.

The floors sit a little under today's figures (printed by benchmarks/accuracy.py), so a change
that makes extraction worse fails here; raise them as extraction improves.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
REALDEV = ROOT.parent / "shared" / "realdev"


def _accuracy_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module
    spec.loader.exec_module(module)
    return module


accuracy = _accuracy_module()

CORPUS_FLOORS = {
    "sample_size": 0.95,
    "control_present": 0.95,
    "control_kind": 0.95,
    "follow_up": 0.95,
    "efficacy": 0.95,
    "safety_only": 0.95,
    "design": 0.95,
    "incons_recall": 0.85,
    "evidence_faithful": 1.0,
}
REALDEV_FLOORS = {
    "sample_size": 0.93,
    "control_present": 0.92,
    "control_kind": 0.9,
    "follow_up": 0.92,
    "efficacy": 0.93,
    "safety_only": 0.93,
    "design": 0.93,
    "incons_recall": 0.6,
    "evidence_faithful": 1.0,
}
FALSE_ALARM_CEILING = 0.10


@pytest.fixture(scope="module")
def corpus_result() -> object:
    return accuracy.evaluate(ROOT / "tests" / "corpus")


@pytest.fixture(scope="module")
def realdev_result() -> object:
    if not (REALDEV / "gold.toml").is_file():
        pytest.skip(f"the real development set is not beside the checkout ({REALDEV})")
    return accuracy.evaluate(REALDEV)


def test_corpus_is_big_and_broad() -> None:
    gold = accuracy.load_gold(ROOT / "tests" / "corpus")
    assert len(gold) >= 60
    designs = {g["design"] for _, g in gold.values()}
    kinds = {g.get("text_kind") for _, g in gold.values()}
    assert {"rct", "cohort", "case-control", "single-arm", "cross-sectional"} <= designs
    assert {"news", "abstract", "structured-abstract", "full-text"} <= kinds


@pytest.mark.parametrize("field", sorted(CORPUS_FLOORS))
def test_corpus_floor(corpus_result: object, field: str) -> None:
    rate = corpus_result.rate(field)  # type: ignore[attr-defined]
    assert not math.isnan(rate) and rate >= CORPUS_FLOORS[field], (field, rate)


def test_corpus_false_alarms(corpus_result: object) -> None:
    assert corpus_result.rate("incons_false_alarm") <= FALSE_ALARM_CEILING  # type: ignore[attr-defined]


@pytest.mark.parametrize("field", sorted(REALDEV_FLOORS))
def test_realdev_floor(realdev_result: object, field: str) -> None:
    rate = realdev_result.rate(field)  # type: ignore[attr-defined]
    assert not math.isnan(rate) and rate >= REALDEV_FLOORS[field], (field, rate)


def test_realdev_false_alarms(realdev_result: object) -> None:
    assert realdev_result.rate("incons_false_alarm") <= FALSE_ALARM_CEILING  # type: ignore[attr-defined]
