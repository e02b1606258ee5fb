"""`appraise batch`: many articles, in parallel, one bad file never stopping the rest."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

from appraise.batch import (
    Outcome,
    Task,
    appraise_one,
    find_articles,
    plan,
    run_batch,
    summary_csv,
)
from appraise.checklist.catalog import resolve_checklist
from appraise.cli import batch_cmd, main
from appraise.report.io import load_report

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_abstracts(count: int) -> list[Path]:
    found = sorted(CORPUS.glob("abs_*.txt"))
    assert len(found) >= count
    return found[:count]


@pytest.fixture
def articles(tmp_path: Path, seed_path: Path) -> Path:
    """Seven good articles (one in a subfolder, one Markdown) and three bad ones."""
    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    for source in corpus_abstracts(5):
        shutil.copy(source, folder / source.name)
    shutil.copy(seed_path, folder / "more" / "seed.txt")
    (folder / "notes.md").write_text("# A trial\n\nWe randomised 120 adults.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "gold.toml").write_text("not an article", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    return folder


def test_find_articles_walks_folders_in_order(articles: Path, tmp_path: Path) -> None:
    found = find_articles([articles, tmp_path / "missing.txt"])
    names = [p.name for p in found]
    assert names[-1] == "missing.txt"  # kept: it becomes an error row
    assert "gold.toml" not in names and ".hidden.txt" not in names
    assert names.index("seed.txt") > names.index("notes.md")  # files, then the subfolder
    assert len(found) == 5 + 1 + 1 + 2 + 1


def test_find_articles_skips_the_output_folder(articles: Path) -> None:
    out = articles / "out"
    out.mkdir()
    (out / "old.txt").write_text("an earlier summary", encoding="utf-8")
    assert all(p.parent != out for p in find_articles([articles], skip=out))


def test_plan_names_reports_after_articles(tmp_path: Path) -> None:
    tasks = plan([Path("a/paper.txt"), Path("b/paper.md"), Path("c/Paper.txt")], tmp_path)
    assert [Path(t.report).name for t in tasks] == ["paper.toml", "paper-2.toml", "Paper-3.toml"]


def test_appraise_one_never_raises(tmp_path: Path) -> None:
    loaded = resolve_checklist("journal-club")
    outcome = appraise_one(Task(str(tmp_path / "none.txt"), str(tmp_path / "x.toml")), loaded)
    assert outcome == Outcome(
        str(tmp_path / "none.txt"), "error", error="no such file", seconds=outcome.seconds
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_cli_batch(
    articles: Path, tmp_path: Path, jobs: int, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    code = main(["batch", str(articles), "--out", str(out), "--jobs", str(jobs)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    err = captured.err.splitlines()
    # Not a terminal: no bar, the final line, then the failures.
    assert err[0].startswith("appraise: 9 articles in ")
    assert f"7 ok, 2 failed; reports and summary in {out}" in err[0]
    assert f"/s, {jobs} worker{'s' if jobs > 1 else ''}): " in err[0]
    # One line per failure (the message is ingest's), then where to look.
    assert len(err) == 4
    assert err[1].startswith(f"appraise: {articles / 'binary.txt'}: ")
    assert err[2].startswith(f"appraise: {articles / 'empty.txt'}: ")
    assert err[3] == f"appraise: 2 of 9 articles failed: see {out / 'summary.csv'}"
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == [
        "path",
        "status",
        "grade",
        "percent",
        "sample_size",
        "design",
        "checklist",
        "error",
        "report",
        "seconds",
    ]
    assert [r["path"] for r in rows] == [str(p) for p in find_articles([articles], skip=out)]
    statuses = {Path(r["path"]).name: r["status"] for r in rows}
    assert statuses["binary.txt"] == statuses["empty.txt"] == "error"
    assert list(statuses.values()).count("ok") == 7
    seed_row = next(r for r in rows if r["path"].endswith("seed.txt"))
    assert (seed_row["sample_size"], seed_row["design"], seed_row["grade"]) == (
        "9",
        "single-arm",
        "weak",
    )
    lines = (out / "summary.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["path"] for r in records] == [r["path"] for r in rows]
    assert records[0]["status"] == "ok" and isinstance(records[0]["percent"], float)
    # Every good article has its report, loadable, with the article's path relative to it.
    for record in records:
        if record["status"] == "ok":
            report = load_report(record["report"])
            article = (Path(record["report"]).parent / report.article.path).resolve()
            assert article == Path(record["path"]).resolve()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [Path(r["report"]).name for r in records if r["report"]] + ["summary.csv", "summary.jsonl"]
    )


def test_cli_batch_all_ok_exits_0(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(seed_path), "--out", str(out), "--jobs", "0"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("appraise: 1 article in ") and "1 ok, 0 failed" in err
    assert len(err.splitlines()) == 1


def test_cli_batch_nothing_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "--out", str(tmp_path / "o")]) == 1
    assert "no articles found" in capsys.readouterr().err


def test_cli_batch_bad_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["batch", ".", "--jobs", "-1"])
    assert caught.value.code == 2
    assert "must be 0 (one per CPU) or more" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    with batch_cmd.progress(3) as advance:
        for ok in (True, False, True):
            advance(ok)
    assert plain.getvalue() == ""

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with batch_cmd.progress(3) as advance:
        for ok in (True, False, True):
            advance(ok)
    shown = terminal.getvalue()
    assert "appraising" in shown and "3/3" in shown and "1 failed" in shown


def test_run_batch_keeps_the_order_and_reports_as_it_goes(tmp_path: Path) -> None:
    loaded = resolve_checklist("journal-club")
    tasks = plan(corpus_abstracts(6), tmp_path)
    seen: list[str] = []
    outcomes = run_batch(tasks, loaded, "Batch", jobs=2, on_done=lambda o: seen.append(o.path))
    assert [o.path for o in outcomes] == [t.article for t in tasks]
    assert sorted(seen) == sorted(t.article for t in tasks)
    assert all(o.ok for o in outcomes)
    assert load_report(tasks[0].report).appraiser == "Batch"


def test_summary_csv_defuses_formulas() -> None:
    text = summary_csv([Outcome("=cmd.txt", "error", error="-bad")])
    assert text.splitlines()[1].startswith("'=cmd.txt,error,")
    assert ",'-bad," in text


def child_processes(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="finds the workers in /proc")
def test_a_worker_killed_mid_batch_costs_no_article(tmp_path: Path) -> None:
    loaded = resolve_checklist("journal-club")
    sources = corpus_abstracts(5)
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(60):
        shutil.copy(sources[n % len(sources)], folder / f"{n:02d}.txt")
    tasks = plan(find_articles([folder]), tmp_path / "out")
    killed: list[int] = []

    def kill_a_worker(outcome: Outcome) -> None:
        # Our workers are the children of the fork server this process started.
        workers = [w for server in child_processes(os.getpid()) for w in child_processes(server)]
        if not killed and workers:
            os.kill(workers[0], signal.SIGKILL)
            killed.append(workers[0])

    outcomes = run_batch(tasks, loaded, jobs=2, on_done=kill_a_worker)
    assert killed, "no worker was found to kill"
    # The articles in flight were tried again, one at a time, in a fresh pool.
    assert [o.path for o in outcomes] == [t.article for t in tasks]
    assert [o.error for o in outcomes if not o.ok] == []


def test_batch_with_auto_checklist_picks_one_per_article(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    articles = tmp_path / "in"
    articles.mkdir()
    for name in ("abs_rct_placebo_01.txt", "abs_cohort_01.txt", "news_rct_placebo_01.txt"):
        (articles / name).write_text((corpus / name).read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(articles), "--out", str(out), "--checklist", "auto"]) == 0
    rows = csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8")))
    chosen = {Path(r["path"]).name: r["checklist"] for r in rows}
    assert chosen == {
        "abs_rct_placebo_01.txt": "rct",
        "abs_cohort_01.txt": "cohort",
        "news_rct_placebo_01.txt": "health-news",
    }
