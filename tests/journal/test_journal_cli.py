"""The journal-club commands explain themselves, and their usage errors exit 2."""

from __future__ import annotations

import pytest

from appraise.cli import main


def exits(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[object, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    out, err = capsys.readouterr()
    return caught.value.code, out, err


@pytest.mark.parametrize(
    ("argv", "explains"),
    [
        (["report"], "show them, export them, compare members' reports"),
        (["report", "export"], "robvis::rob_traffic_light"),
        (["report", "export"], "--to {md,html,json,csv}"),
        (["report", "compare"], "Cohen's for two members, Fleiss' for more"),
        (["report", "compare"], "TO DISCUSS:"),
        (["summary"], "Rows are articles"),
        (["batch"], "--jobs N"),
        (["batch"], "0 = one per CPU"),
        (["batch"], "summary.csv and summary.jsonl"),
        (["consensus"], "one by one in the TUI"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_help(capsys: pytest.CaptureFixture[str], argv: list[str], explains: str) -> None:
    code, out, err = exits(capsys, *argv, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: appraise")
    assert explains in " ".join(out.split())


def test_top_level_help_lists_the_new_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = exits(capsys, "--help")
    assert code == 0
    for name in ("report", "summary", "consensus", "batch"):
        assert f"\n  {name} " in out


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "export"],
        ["report", "export", "r.toml", "--to", "pdf"],
        ["report", "compare"],
        ["summary"],
        ["batch"],
        ["batch", "dir", "--jobs", "many"],
        ["consensus"],
    ],
    ids=" ".join,
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = exits(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "usage: appraise" in err
    assert "Traceback" not in err


def test_missing_report_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "export", "nowhere.toml", "--to", "html"]) == 1
    assert capsys.readouterr().err.splitlines() == ["appraise: nowhere.toml: no such file"]
