"""The command line, run in-process: exit codes, output, and one line per problem."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from appraise.checklist.load import load_checklist
from appraise.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "checklists"
GOOD = DATA / "good"
# The default checklist grows between releases; the tests read its version rather than pin it.
BUILTIN_VERSION = tomllib.loads(
    (Path(__file__).resolve().parents[2] / "checklists" / "clinical-study.toml").read_text()
)["version"]
BAD = DATA / "bad"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def exits(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int | str | None, str, str]:
    """The exit code of a command that ends through SystemExit (argparse: --help, usage errors)."""
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def builtin_item_ids(repo_root: Path) -> list[str]:
    checklist = load_checklist(repo_root / "checklists" / "clinical-study.toml").checklist
    return [item.id for item in checklist.items]


# -- infer ------------------------------------------------------------------------------------


def test_infer_json_on_the_seed(
    capsys: pytest.CaptureFixture[str], seed_path: Path, repo_root: Path
) -> None:
    code, out, err = run(capsys, "infer", str(seed_path), "--json")
    assert (code, err) == (0, "")
    report: dict[str, Any] = json.loads(out)
    assert [item["id"] for item in report["items"]] == builtin_item_ids(repo_root)
    for item in report["items"]:
        suggestion = item["suggestion"]
        assert suggestion is not None, item["id"]
        if item["answer"] is None:
            assert suggestion["rationale"].strip(), f"{item['id']}: a blank needs a reason"
            assert item["source"] is None
        else:
            assert item["source"] == "inferred"
            assert 0 < suggestion["confidence"] <= 1
        for evidence in suggestion["evidence"]:
            assert evidence["quote"]
    assert report["checklist"]["id"] == "clinical-study"
    assert report["article"]["path"] == str(seed_path)
    score = report["score"]
    assert score["max_points"] > 0
    assert 0 <= score["percent"] <= 100
    assert score["grade"] in {"strong", "moderate", "weak"}
    # The seed has no efficacy endpoint: that critical item fails and caps the grade.
    assert "efficacy_endpoint" in score["critical_failures"]
    assert score["grade"] == "weak"


def test_infer_text_on_the_seed(
    capsys: pytest.CaptureFixture[str], seed_path: Path, repo_root: Path
) -> None:
    code, out, err = run(capsys, "infer", str(seed_path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert (
        lines[1] == f"checklist: Clinical study: core appraisal (clinical-study {BUILTIN_VERSION})"
    )
    for item_id in builtin_item_ids(repo_root):
        assert any(line.startswith(f"  {item_id} ") for line in lines), item_id
    assert lines[-1].startswith("score: ")
    assert "grade: weak" in lines[-1]


def test_infer_report_then_report_show(
    capsys: pytest.CaptureFixture[str], seed_path: Path, repo_root: Path, tmp_path: Path
) -> None:
    out_path = tmp_path / "club" / "seed.toml"
    code, out, _ = run(
        capsys, "infer", str(seed_path), "--report", str(out_path), "--appraiser", "Ada"
    )
    assert code == 0
    assert out.rstrip().endswith(f"saved {out_path}")
    saved = tomllib.loads(out_path.read_text())
    assert saved["appraiser"] == "Ada"
    assert [item["id"] for item in saved["items"]] == builtin_item_ids(repo_root)
    assert sorted(p.name for p in out_path.parent.iterdir()) == ["seed.toml"]

    code, shown, err = run(capsys, "report", "show", str(out_path))
    assert (code, err) == (0, "")
    lines = shown.splitlines()
    assert lines[0].startswith("appraiser: Ada   updated: ")
    assert lines[1] == f"article: {os.path.relpath(seed_path, out_path.parent)}"
    for item_id in builtin_item_ids(repo_root):
        assert any(line.startswith(f"  {item_id} ") for line in lines), item_id
    # The score line is the same as infer printed it.
    assert lines[-1] == next(line for line in out.splitlines() if line.startswith("score: "))


def test_infer_report_that_cannot_be_written_is_one_line(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, out, err = run(capsys, "infer", str(seed_path), "--report", str(folder))
    assert (code, out) == (1, "")
    assert err == f"appraise: {folder}: cannot save the report: Is a directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder"]  # no temporary file left


def test_infer_article_path_in_report_is_relative(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    article = tmp_path / "articles" / "seed.txt"
    article.parent.mkdir()
    shutil.copy(seed_path, article)
    report = tmp_path / "reports" / "r.toml"
    assert run(capsys, "infer", str(article), "--report", str(report))[0] == 0
    assert tomllib.loads(report.read_text())["article"]["path"] == "../articles/seed.txt"


def test_infer_reads_standard_input(
    capsys: pytest.CaptureFixture[str], seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_path.read_bytes())))
    code, out, _ = run(capsys, "infer", "-", "--json")
    assert code == 0
    assert json.loads(out)["article"]["path"] == "<stdin>"


def test_infer_with_a_checklist_path(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run(
        capsys, "infer", str(seed_path), "--checklist", str(GOOD / "full.toml"), "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["checklist"]["id"] == "full-features"
    assert [i["id"] for i in report["items"]] == [
        "sample_size",
        "control_group",
        "randomised",
        "follow_up",
        "blinding",
        "design_words",
    ]


def test_infer_uses_the_configured_checklist_and_appraiser(
    capsys: pytest.CaptureFixture[str], seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APPRAISE_CHECKLIST", str(GOOD / "minimal.toml"))
    monkeypatch.setenv("APPRAISE_APPRAISER", "Env Name")
    report = json.loads(run(capsys, "infer", str(seed_path), "--json")[1])
    assert report["checklist"]["id"] == "minimal"
    assert report["appraiser"] == "Env Name"


def test_infer_with_a_bad_checklist(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    bad = BAD / "three_reference_problems.toml"
    code, out, err = run(capsys, "infer", str(seed_path), "--checklist", str(bad))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"appraise: {bad}:54:1: items[1].section: section 'desing' does not exist"
        " (sections: design, results)",
        f"appraise: {bad}:66:1: items[2].scale: scale 'yes-or-no' does not exist"
        " (scales: yes-no, satisfaction)",
        f"appraise: {bad}:98:1: grading.critical_fail_caps_at: grade 'fair' does not exist"
        " (grades: strong, moderate, weak)",
    ]


def test_infer_with_an_unknown_checklist_id(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    code, _, err = run(capsys, "infer", str(seed_path), "--checklist", "nope")
    assert code == 1
    assert len(err.splitlines()) == 1
    assert err.startswith("appraise: --checklist: no checklist with id 'nope' (known: ")


@pytest.mark.parametrize("command", ["infer", "extract"])
def test_missing_article_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, command, str(missing))
    assert (code, out) == (1, "")
    assert err == f"appraise: {missing}: no such file\n"


def test_unreadable_names_are_one_line(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    too_long = "a" * 300  # longer than any file system allows for one name
    code, _, err = run(capsys, "infer", too_long)
    assert code == 1
    assert err == f"appraise: {too_long}: cannot read: File name too long\n"
    code, _, err = run(capsys, "infer", str(seed_path), "--checklist", too_long)
    assert code == 1
    assert err.startswith(f"appraise: --checklist: no checklist with id '{too_long}' (known: ")


def test_binary_article_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    path.write_bytes(b"%PDF\x00\x01")
    code, _, err = run(capsys, "infer", str(path))
    assert code == 1
    assert err == f"appraise: {path}: binary file, not a text article (NUL bytes found)\n"


def test_bad_config_is_one_line_per_problem(
    capsys: pytest.CaptureFixture[str], seed_path: Path, isolated_user_folders: Path
) -> None:
    isolated_user_folders.mkdir(parents=True)
    config = isolated_user_folders / "config.toml"
    config.write_text("colour = 1\n")
    code, _, err = run(capsys, "infer", str(seed_path))
    assert code == 1
    assert err == f"appraise: {config}:1:1: colour: unknown key\n"


# -- extract ----------------------------------------------------------------------------------


def test_extract_json_on_the_seed(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run(capsys, "extract", str(seed_path), "--json")
    assert code == 0
    findings = json.loads(out)
    for key in ("design", "sample_size", "control", "follow_up", "efficacy", "inconsistencies"):
        assert key in findings
    assert findings["sample_size"]["value"] == 9


def test_extract_several_files_keeps_going(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "extract", str(seed_path), str(missing), "--json")
    assert code == 1
    assert err == f"appraise: {missing}: no such file\n"
    (line,) = out.splitlines()
    assert json.loads(line)["path"] == str(seed_path)


# -- checklists -------------------------------------------------------------------------------


def test_checklists_list(capsys: pytest.CaptureFixture[str], isolated_user_folders: Path) -> None:
    user = isolated_user_folders / "checklists"
    user.mkdir(parents=True)
    shutil.copy(GOOD / "minimal.toml", user / "minimal.toml")
    shutil.copy(BAD / "unknown_scale.toml", user / "broken.toml")
    code, out, _ = run(capsys, "checklists", "list")
    assert code == 0
    lines = out.splitlines()
    assert any(
        line.split()
        == [
            "clinical-study",
            "built-in",
            "Clinical",
            "study:",
            "core",
            "appraisal",
            f"(v{BUILTIN_VERSION})",
        ]
        for line in lines
    )
    assert f"{'minimal':<22} {'user':<9} Minimal checklist (v1)" in lines
    broken = next(line for line in lines if line.startswith("broken "))
    assert broken.startswith(f"{'broken':<22} {'user':<9} INVALID: {user / 'broken.toml'}"[:80])


def test_checklists_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checklists", "show", "clinical-study")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(
        f"Clinical study: core appraisal  [clinical-study v{BUILTIN_VERSION}]  "
    )
    assert "  control_group          choice   critical infer=control_group" in lines
    assert "grades: strong (≥75%), moderate (≥50%), weak" in lines
    assert lines[-1] == "a failing critical item caps the grade at weak"


def test_checklists_show_by_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checklists", "show", str(GOOD / "full.toml"))
    assert code == 0
    assert "  blinding               choice   critical answered by hand" in out.splitlines()


def test_checklists_show_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "checklists", "show", "nope")
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1


def test_checklists_validate_good(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(GOOD / "minimal.toml"), str(GOOD / "full.toml")]
    code, out, err = run(capsys, "checklists", "validate", *paths)
    # full.toml has an item answered by hand: a warning, which leaves the exit code at 0.
    assert code == 0
    assert err == (
        f"{paths[1]}:84:1: warning: item 'blinding' has no inferrer: it will always be "
        "answered by hand\n"
    )
    assert out.splitlines() == [
        f"{paths[0]}: ok (minimal v1, 1 items)",
        f"{paths[1]}: ok (full-features v2.1, 6 items)",
    ]


def test_checklists_validate_bad(capsys: pytest.CaptureFixture[str]) -> None:
    good = str(GOOD / "minimal.toml")
    bad = BAD / "three_schema_problems.toml"
    syntax = BAD / "syntax_unterminated_string.toml"
    code, out, err = run(capsys, "checklists", "validate", str(bad), good, str(syntax))
    assert code == 1
    assert out == f"{good}: ok (minimal v1, 1 items)\n"
    lines = err.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{bad}:9:32",
        f"{bad}:45:1",
        f"{bad}:75:1",
        f"{syntax}:21:37",
    ]
    assert lines[1] == f"{bad}:45:1: items[0].weight: must be greater than or equal to 0"


# -- report -----------------------------------------------------------------------------------


def test_report_show_bad_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('schema_version = 1\ntool = "x"\nappraiser = 3\n')
    code, out, err = run(capsys, "report", "show", str(path))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == f"appraise: {path}:1:1: created: required key is missing"
    assert f"appraise: {path}:3:1: appraiser: must be a valid string" in lines
    assert all(line.startswith(f"appraise: {path}:") for line in lines)


def test_report_show_missing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "report", "show", str(tmp_path / "none.toml"))
    assert code == 1
    assert err == f"appraise: {tmp_path / 'none.toml'}: no such file\n"


# -- usage and help ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["infer", "--bogus", "a.txt"],
        ["infer"],
        ["extract"],
        ["checklists"],
        ["checklists", "frobnicate"],
        ["checklists", "validate"],
        ["report"],
        ["report", "show"],
        ["--no-such-option"],
    ],
    ids=lambda argv: " ".join(argv) or "none",
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = exits(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "usage: appraise" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "explains"),
    [
        ([], "Critical appraisal of clinical studies"),
        (["infer"], "Suggest an answer to every item of a checklist"),
        (["extract"], "Find the facts about each study"),
        (["checklists"], "Checklists are TOML files"),
        (["checklists", "list"], "usage: appraise checklists list"),
        (["checklists", "show"], "ID|PATH"),
        (["checklists", "validate"], "PATH"),
        (["report"], "Work with saved reports"),
        (["report", "show"], "R.toml"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_help_exits_0_and_explains(
    capsys: pytest.CaptureFixture[str], argv: list[str], explains: str
) -> None:
    code, out, err = exits(capsys, *argv, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: appraise")
    assert explains in " ".join(out.split())


def test_top_level_help_lists_the_commands_and_exit_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = exits(capsys, "--help")
    for command in ("extract", "infer", "checklists", "report"):
        assert f"\n  {command} " in out
    assert "Exit codes: 0 done, 1 a problem with your input" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = exits(capsys, "--version")
    assert code == 0
    assert out.startswith("appraise 0.")


# -- end to end, in a real process ------------------------------------------------------------


def test_end_to_end_on_the_seed(seed_path: Path, repo_root: Path, tmp_path: Path) -> None:
    report = tmp_path / "seed-report.toml"

    def appraise(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "appraise", *argv],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )

    inferred = appraise("infer", str(seed_path), "--report", str(report))
    assert (inferred.returncode, inferred.stderr) == (0, "")
    assert report.is_file()
    shown = appraise("report", "show", str(report))
    assert (shown.returncode, shown.stderr) == (0, "")
    lines = shown.stdout.splitlines()
    for item_id in builtin_item_ids(repo_root):
        assert any(line.startswith(f"  {item_id} ") for line in lines), item_id
    assert lines[-1].startswith("score: ") and " grade: " in lines[-1]
