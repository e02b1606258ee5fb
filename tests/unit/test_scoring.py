"""Scoring: worked examples counted by hand, then properties over random checklists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from appraise.checklist.checks import reference_problems
from appraise.checklist.load import load_checklist
from appraise.checklist.model import Checklist
from appraise.scoring import AnswerValue, band_for, grade_for, is_scored, score

GOOD = Path(__file__).resolve().parent.parent / "data" / "checklists" / "good"


@pytest.fixture(scope="module")
def full() -> Checklist:
    return load_checklist(GOOD / "full.toml").checklist


@pytest.fixture(scope="module")
def builtin(request: pytest.FixtureRequest) -> Checklist:
    root = Path(request.config.rootpath)
    return load_checklist(root / "checklists" / "clinical-study.toml").checklist


# -- worked examples (full.toml) --------------------------------------------------------------
# sample_size: number, weight 2, bands <30: 0, 30-100: 1, >=100: 2
# control_group: satisfaction scale (3 / partly 1, fails / not-satisfactory 0, never fails /
#   unclear 0), critical
# randomised: yes-no (2/1/0/na), weight 0.5
# follow_up: duration in years, bands <1: 0, >=1: 1
# blinding: yes-no, critical
# design_words: text, never scored
# grades: strong >= 75, moderate >= 50, weak; a critical failure caps at moderate


def test_critical_failure_caps_a_strong_score(full: Checklist) -> None:
    result = score(
        full,
        {
            "sample_size": 120,
            "control_group": "partly",
            "randomised": "yes",
            "follow_up": 400,  # days: 1.1 years
            "blinding": "na",
            "design_words": "a cohort study",
        },
    )
    # 2*2 + 1 + 0.5*2 + 1 = 7 of 2*2 + 3 + 0.5*2 + 1 = 9; blinding is left out.
    assert (result.points, result.max_points) == (7.0, 9.0)
    assert result.percent == pytest.approx(700 / 9)
    assert result.uncapped_grade == "strong"
    assert result.critical_failures == ["control_group"]
    assert result.grade == "moderate"
    assert result.capped
    assert result.unanswered == []
    assert result.complete
    assert [(s.section_id, s.points, s.max_points) for s in result.sections] == [
        ("design", 6.0, 8.0),
        ("results", 1.0, 1.0),
    ]
    assert result.sections[0].percent == 75.0
    items = result.items
    assert (items["sample_size"].points, items["sample_size"].max_points) == (4.0, 4.0)
    assert items["sample_size"].label == "adequate"
    assert items["control_group"].label == "Partly" and items["control_group"].fails_critical
    assert items["blinding"].points is None and items["blinding"].label == "Not applicable"
    assert items["design_words"].points is None


def test_cap_does_not_raise_a_weaker_grade(full: Checklist) -> None:
    result = score(full, {"sample_size": 30, "control_group": "not-satisfactory", "blinding": "no"})
    # 1*2 + 0 + 0 = 2 of 4 + 3 + 2 = 9
    assert (result.points, result.max_points) == (2.0, 9.0)
    assert result.percent == pytest.approx(200 / 9)
    # not-satisfactory has the fewest points but `fails = false`; blinding "no" fails by default.
    assert result.critical_failures == ["blinding"]
    assert result.grade == result.uncapped_grade == "weak"
    assert not result.capped
    assert result.unanswered == ["randomised", "follow_up"]
    assert not result.complete


def test_fewest_points_fails_by_default(full: Checklist) -> None:
    assert score(full, {"control_group": "unclear"}).critical_failures == ["control_group"]
    assert score(full, {"control_group": "satisfactory"}).critical_failures == []


def test_nothing_answered(full: Checklist) -> None:
    result = score(full, {})
    assert (result.points, result.max_points, result.percent) == (0.0, 0.0, None)
    assert result.grade is None and result.uncapped_grade is None
    assert result.unanswered == [
        "sample_size",
        "control_group",
        "randomised",
        "follow_up",
        "blinding",
    ]
    assert score(full, {"sample_size": ""}).unanswered[0] == "sample_size"


def test_duration_bands_are_in_the_item_unit(full: Checklist) -> None:
    just_under = score(full, {"follow_up": 365.0}).items["follow_up"]
    one_year = score(full, {"follow_up": 365.25}).items["follow_up"]
    assert (just_under.points, one_year.points) == (0.0, 1.0)


def test_invalid_answers_score_nothing(full: Checklist) -> None:
    result = score(full, {"control_group": "maybe", "sample_size": "many"})
    assert result.items["control_group"].points is None
    assert result.items["sample_size"].points is None
    assert result.percent is None


def test_seed_answers_on_the_builtin_checklist(builtin: Checklist) -> None:
    result = score(
        builtin,
        {
            "sample_size": 9.0,
            "power_calculation": "no",
            "follow_up": 2191.5,  # 6 years, in days; the bands are in months
            "efficacy_endpoint": "no",
            "primary_endpoint": "no",
            "internal_consistency": "no",
            "study_design": "a case series",
        },
    )
    assert (result.points, result.max_points) == (2.0, 12.0)
    assert result.percent == pytest.approx(100 / 6)
    assert result.grade == "weak"
    assert result.critical_failures == ["efficacy_endpoint"]
    # Every scored item not answered above is listed, in checklist order.
    given = {
        "sample_size",
        "power_calculation",
        "follow_up",
        "efficacy_endpoint",
        "primary_endpoint",
        "internal_consistency",
        "study_design",
    }
    assert result.unanswered == [
        item.id for item in builtin.items if is_scored(builtin, item) and item.id not in given
    ]
    assert result.unanswered[0] == "control_group"
    assert result.items["sample_size"].label == "very small"
    assert result.items["follow_up"].label == "a year or more"


def test_grade_boundaries(builtin: Checklist) -> None:
    assert grade_for(builtin, 75.0) == "strong"
    assert grade_for(builtin, 74.99) == "moderate"
    assert grade_for(builtin, 50.0) == "moderate"
    assert grade_for(builtin, 0.0) == "weak"
    assert grade_for(builtin, None) is None


def test_band_for(full: Checklist) -> None:
    bands = full.item("sample_size").bands
    assert [band_for(bands, n).label for n in (0, 29.9, 30, 99, 100, 10**6)] == [
        "very small",
        "very small",
        "small",
        "small",
        "adequate",
        "adequate",
    ]


# -- properties over random checklists -------------------------------------------------------

GRADES = ["top", "middle", "bottom"]


@st.composite
def checklists(draw: st.DrawFn) -> Checklist:
    scales: dict[str, Any] = {}
    for name in ("s0", "s1"):
        points = draw(st.lists(st.integers(0, 5), min_size=1, max_size=4))
        options = [{"id": f"o{i}", "label": f"O{i}", "points": p} for i, p in enumerate(points)]
        options.append({"id": "na", "label": "Not applicable"})
        scales[name] = {"options": options}
    items: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, 6))):
        item: dict[str, Any] = {
            "id": f"i{index}",
            "section": draw(st.sampled_from(["a", "b"])),
            "prompt": "?",
            "weight": draw(st.sampled_from([0, 0.5, 1, 2, 3])),
            "critical": draw(st.booleans()),
        }
        if draw(st.booleans()):
            item |= {"kind": "choice", "scale": draw(st.sampled_from(["s0", "s1"]))}
        else:
            cuts = sorted(draw(st.sets(st.integers(1, 100), max_size=3)))
            points = draw(
                st.lists(st.integers(0, 5), min_size=len(cuts) + 1, max_size=len(cuts) + 1)
            )
            bands: list[dict[str, Any]] = []
            for band_index, band_points in enumerate(points):
                band: dict[str, Any] = {"points": band_points}
                if band_index > 0:
                    band["at_least"] = cuts[band_index - 1]
                if band_index < len(cuts):
                    band["below"] = cuts[band_index]
                bands.append(band)
            item |= {"kind": "number", "bands": bands}
        items.append(item)
    cut_high = draw(st.integers(1, 100))
    cut_low = draw(st.integers(0, cut_high - 1))
    checklist = Checklist.model_validate(
        {
            "id": "random",
            "title": "Random",
            "version": "1",
            "scales": scales,
            "sections": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
            "items": items,
            "grading": {
                "bands": [
                    {"at_least": cut_high, "grade": "top"},
                    {"at_least": cut_low, "grade": "middle"},
                    {"grade": "bottom"},
                ],
                "critical_fail_caps_at": draw(st.sampled_from([None, *GRADES])),
            },
        }
    )
    assert list(reference_problems(checklist)) == []
    return checklist


def option_ids(checklist: Checklist, item_id: str) -> list[str]:
    item = checklist.item(item_id)
    assert item.scale is not None
    return [o.id for o in checklist.scales[item.scale].options]


@st.composite
def checklists_and_answers(draw: st.DrawFn) -> tuple[Checklist, dict[str, AnswerValue]]:
    checklist = draw(checklists())
    answers: dict[str, AnswerValue] = {}
    for item in checklist.items:
        value: AnswerValue
        if item.kind == "choice":
            value = draw(st.one_of(st.none(), st.sampled_from(option_ids(checklist, item.id))))
        else:
            value = draw(st.one_of(st.none(), st.integers(0, 150), st.floats(0, 150)))
        if value is not None:
            answers[item.id] = value
    return checklist, answers


@settings(max_examples=150)
@given(checklists_and_answers())
def test_percent_is_within_0_and_100(case: tuple[Checklist, dict[str, AnswerValue]]) -> None:
    checklist, answers = case
    result = score(checklist, answers)
    if result.percent is None:
        assert result.max_points == 0
    else:
        assert 0 <= result.percent <= 100 + 1e-9
    assert result.points == pytest.approx(sum(s.points for s in result.sections))
    assert result.max_points == pytest.approx(sum(s.max_points for s in result.sections))
    assert set(result.unanswered) == {item.id for item in checklist.items if item.id not in answers}


@settings(max_examples=150)
@given(checklists_and_answers(), st.data())
def test_more_points_for_one_item_never_lower_the_percent(
    case: tuple[Checklist, dict[str, AnswerValue]], data: st.DataObject
) -> None:
    checklist, answers = case
    choice_items = [item for item in checklist.items if item.kind == "choice"]
    assume(choice_items)
    item = data.draw(st.sampled_from(choice_items))
    assert item.scale is not None
    scored = [o for o in checklist.scales[item.scale].options if o.points is not None]
    low, high = sorted(
        data.draw(st.lists(st.sampled_from(scored), min_size=2, max_size=2)),
        key=lambda o: o.points or 0,
    )
    worse = score(checklist, answers | {item.id: low.id})
    better = score(checklist, answers | {item.id: high.id})
    assert better.points >= worse.points
    assert better.max_points == worse.max_points
    if worse.percent is None:
        assert better.percent is None
    else:
        assert better.percent is not None
        assert better.percent >= worse.percent - 1e-9


@settings(max_examples=150)
@given(checklists_and_answers(), st.data())
def test_not_applicable_is_the_same_as_left_out(
    case: tuple[Checklist, dict[str, AnswerValue]], data: st.DataObject
) -> None:
    checklist, answers = case
    choice_items = [item for item in checklist.items if item.kind == "choice"]
    assume(choice_items)
    item = data.draw(st.sampled_from(choice_items))
    without = {k: v for k, v in answers.items() if k != item.id}
    left_out = score(checklist, without)
    not_applicable = score(checklist, without | {item.id: "na"})
    assert not_applicable.percent == left_out.percent
    assert (not_applicable.points, not_applicable.max_points) == (
        left_out.points,
        left_out.max_points,
    )
    assert not_applicable.grade == left_out.grade
    # ...but an item answered "not applicable" is answered.
    assert item.id in left_out.unanswered
    assert item.id not in not_applicable.unanswered


@settings(max_examples=150)
@given(checklists_and_answers())
def test_the_cap_never_raises_a_grade(case: tuple[Checklist, dict[str, AnswerValue]]) -> None:
    checklist, answers = case
    result = score(checklist, answers)
    order = [band.grade for band in checklist.grading.bands]
    if result.uncapped_grade is None:
        assert result.grade is None
        return
    assert result.grade is not None
    assert order.index(result.grade) >= order.index(result.uncapped_grade)
    cap = checklist.grading.critical_fail_caps_at
    if not result.critical_failures or cap is None:
        assert result.grade == result.uncapped_grade
    else:
        assert order.index(result.grade) >= order.index(cap)
    for item_id in result.critical_failures:
        assert checklist.item(item_id).critical
