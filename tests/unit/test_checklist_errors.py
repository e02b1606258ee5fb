"""Every bad checklist gives exactly the expected `FILE:LINE:COL: key.path: message` lines.

Each file under `tests/data/checklists/bad/` is a copy of `good/full.toml` or `good/minimal.toml`
changed in one place (three places for the `three_*` files), so the line and column below point
at that change; they were counted by hand from the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from appraise.checklist.load import checklist_from_text, load_checklist
from appraise.errors import ChecklistError
from appraise.infer.registry import inferrers

DATA = Path(__file__).resolve().parent.parent / "data" / "checklists"
GOOD = DATA / "good"
BAD = DATA / "bad"

BUILTIN_INFERRERS = {
    "control_group",
    "efficacy_endpoint",
    "follow_up",
    "internal_consistency",
    "power_calculation",
    "primary_endpoint",
    "randomised",
    "sample_size",
    "study_design",
}

# File stem -> the lines expected, without the leading `FILE:`. `{known}` stands for the sorted
# list of registered inferrers, which grows as inferrers are added.
EXPECTED: dict[str, list[str]] = {
    "syntax_unterminated_string": ["21:37: TOML syntax: Illegal character '\\n'"],
    "unknown_top_level_key": ["5:1: colour: unknown key"],
    "unknown_item_key": ["45:1: items[0].weigth: unknown key"],
    "wrong_type": [
        "57:1: items[1].critical: must be a valid boolean, unable to interpret input",
    ],
    # A missing key has no position of its own: the error points at its `[[items]]` header.
    "missing_required_key": ["83:3: items[4].prompt: required key is missing"],
    "kind_not_allowed": [
        "40:1: items[0].kind: must be 'choice', 'number', 'duration' or 'text', not 'count'",
    ],
    # Negative points would make percentages run outside 0..100.
    "negative_points": [
        "16:30: scales.yes-no.options[2].points: must be greater than or equal to 0",
    ],
    "duplicate_item_id": [
        "64:1: items[2].id: duplicate id 'control_group' (first used at items[1])",
    ],
    "unknown_section": [
        "73:1: items[3].section: section 'result' does not exist (sections: design, results)",
    ],
    "unknown_scale": [
        "66:1: items[2].scale: scale 'yes-or-no' does not exist (scales: yes-no, satisfaction)",
    ],
    "unknown_inferrer": ["69:1: items[2].infer: unknown inferrer 'randomized' (known: {known})"],
    "inferrer_unknown_param": [
        "44:12: items[0].params.min_conf: inferrer 'sample_size' takes no parameter 'min_conf'"
        " (it takes: min_confidence)",
    ],
    "inferrer_param_wrong_type": ["60:12: items[1].params.historical_counts: must be a bool"],
    "inferrer_wrong_kind": [
        "95:1: items[5].infer: inferrer 'sample_size' answers number items, not text items",
    ],
    "answer_map_not_an_option": [
        "61:1: items[1].answer_map: the inferrer's answer 'no' maps to 'bad', which is not an"
        " option of scale 'satisfaction'; add answer_map = { no = \"...\" }",
    ],
    "bands_overlap": [
        "48:5: items[0].bands[1].at_least: overlaps the band before (which runs below 30)",
    ],
    "bands_gap": ["49:5: items[0].bands[2].at_least: leaves a gap from 100 to 120"],
    "last_band_below": [
        "80:19: items[3].bands[1].below: the last band stops below 10: higher values would earn"
        " no points (leave out below)",
    ],
    "grading_not_best_first": [
        "101:5: grading.bands[1].at_least: grades go best first: 80 must be below 75",
    ],
    "cap_unknown_grade": [
        "98:1: grading.critical_fail_caps_at: grade 'fair' does not exist"
        " (grades: strong, moderate, weak)",
    ],
    # Like a missing key: the error points at the item's `[[items]]` header.
    "choice_without_scale": ["83:3: items[4].scale: a choice item needs a scale"],
    "three_reference_problems": [
        "54:1: items[1].section: section 'desing' does not exist (sections: design, results)",
        "66:1: items[2].scale: scale 'yes-or-no' does not exist (scales: yes-no, satisfaction)",
        "98:1: grading.critical_fail_caps_at: grade 'fair' does not exist"
        " (grades: strong, moderate, weak)",
    ],
    "three_schema_problems": [
        "9:32: applies_to[2]: must be 'rct', 'non-randomised-controlled', 'single-arm', 'cohort',"
        " 'case-control', 'cross-sectional', 'case-series', 'case-report', 'systematic-review'"
        " or 'other', not 'pilot'",
        "45:1: items[0].weight: must be greater than or equal to 0",
        "75:1: items[3].unit: must be 'days', 'weeks', 'months' or 'years', not 'decades'",
    ],
}


def problem_lines(path: Path) -> list[str]:
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    return [str(problem) for problem in caught.value.problems]


def test_every_bad_file_has_an_expectation() -> None:
    on_disk = {path.stem for path in BAD.glob("*.toml")}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 14


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_bad_checklist_message(stem: str) -> None:
    path = BAD / f"{stem}.toml"
    known = ", ".join(sorted(inferrers()))
    expected = [f"{path}:{line.replace('{known}', known)}" for line in EXPECTED[stem]]
    assert problem_lines(path) == expected


def test_unknown_inferrer_lists_the_builtin_ones() -> None:
    (line,) = problem_lines(BAD / "unknown_inferrer.toml")
    known = line.split("(known: ", 1)[1].rstrip(")").split(", ")
    assert set(known) >= BUILTIN_INFERRERS
    assert known == sorted(known)


@pytest.mark.parametrize("stem", ["three_reference_problems", "three_schema_problems"])
def test_three_problems_are_reported_at_once(stem: str) -> None:
    lines = problem_lines(BAD / f"{stem}.toml")
    assert len(lines) == 3
    assert len({line.split(": ", 1)[0] for line in lines}) == 3


@pytest.mark.parametrize("path", sorted(GOOD.glob("*.toml")), ids=lambda p: p.stem)
def test_good_checklists_load(path: Path) -> None:
    loaded = load_checklist(path)
    assert loaded.path == path
    assert len(loaded.sha256) == 64


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in (Path(__file__).resolve().parents[2] / "checklists").glob("*.toml")),
)
def test_builtin_checklist_is_valid(repo_root: Path, name: str) -> None:
    checklist = load_checklist(repo_root / "checklists" / name).checklist
    assert checklist.id == Path(name).stem
    used = {item.infer for item in checklist.items if item.infer is not None}
    assert used <= set(inferrers())


def test_full_checklist_keeps_every_feature() -> None:
    checklist = load_checklist(GOOD / "full.toml").checklist
    assert checklist.applies_to == ["rct", "cohort", "single-arm"]
    assert list(checklist.scales) == ["yes-no", "satisfaction"]
    assert checklist.scales["yes-no"].options[3].points is None
    assert checklist.scales["satisfaction"].options[1].fails is True
    sample = checklist.item("sample_size")
    assert sample.kind == "number" and sample.weight == 2.0
    assert sample.params == {"min_confidence": 0.5}
    assert [band.label for band in sample.bands] == ["very small", "small", "adequate"]
    control = checklist.item("control_group")
    assert control.critical and control.params == {"historical_counts": True}
    assert control.answer_map == {"yes": "satisfactory", "no": "not-satisfactory"}
    assert checklist.item("follow_up").unit == "years"
    assert checklist.item("design_words").kind == "text"
    assert checklist.item("randomised").kind == "choice"  # the default kind
    assert checklist.grading.critical_fail_caps_at == "moderate"
    assert [band.grade for band in checklist.grading.bands] == ["strong", "moderate", "weak"]
    with pytest.raises(KeyError):
        checklist.item("nope")


def test_error_from_text_is_named_and_located() -> None:
    text = (GOOD / "minimal.toml").read_text().replace('section = "main"', 'section = "other"')
    with pytest.raises(ChecklistError) as caught:
        checklist_from_text(text)
    assert [str(p) for p in caught.value.problems] == [
        "<checklist>:19:1: items[0].section: section 'other' does not exist (sections: main)"
    ]


def test_syntax_error_at_end_of_document_points_at_the_last_line() -> None:
    text = (GOOD / "minimal.toml").read_text() + "extra ="
    with pytest.raises(ChecklistError) as caught:
        checklist_from_text(text, "c.toml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (text.count("\n") + 1, 1)
    assert str(problem) == f"c.toml:{problem.line}:1: TOML syntax: Invalid value"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe not utf-8", ":1:1: not UTF-8 text (byte 0)"),
        (b"x" * (1024 * 1024 + 1), ": file is 1,048,577 bytes, over the limit of 1,048,576"),
    ],
    ids=["not-utf8", "too-big"],
)
def test_unreadable_checklist_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(data)
    assert problem_lines(path) == [f"{path}{message}"]


def test_missing_checklist_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    assert problem_lines(path) == [f"{path}: no such file"]
    assert problem_lines(tmp_path) == [f"{tmp_path}: is a folder, not a TOML file"]
