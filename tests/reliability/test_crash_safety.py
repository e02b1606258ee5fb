"""Crash safety, proved: writers killed with SIGKILL at random moments leave the old file or the new
one, never a torn one; what they leave behind is ignored; the TUI recovers the draft.

`kill_helper.py` forks the writers (see there); each trial kills one 1-20 ms after it starts,
while it saves in a loop, then reads what is on disk. The figures of a run are printed (pytest -s)
and written to docs/reliability.md by hand.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from kill_helper import NOTES_A, NOTES_B

from appraise.appraisal import Appraisal
from appraise.atomic import remove_stale_temporaries, stale_temporaries
from appraise.batch import find_articles
from appraise.checklist.load import load_checklist
from appraise.checklist.sources import checklist_sources
from appraise.errors import ReportError
from appraise.ingest import load_article
from appraise.paths import builtin_checklists_dir, default_seed
from appraise.report.io import draft_path, load_report, save_report
from appraise.report.model import Report
from appraise.tui.session import Session

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the writers are forked")

HELPER = Path(__file__).with_name("kill_helper.py")
CHECKLIST = builtin_checklists_dir() / "clinical-study.toml"
SEED = 20240807
KILLS = int(os.environ.get("APPRAISE_KILL_TRIALS", "150"))
"""Kills per writer: 300 in all in CI; more for a longer run by hand."""


@dataclass
class Tally:
    kills: int = 0
    torn: list[str] = field(default_factory=list)
    interrupted: int = 0
    """Kills that left a temporary file: they fell inside a write, before its rename."""
    seen: set[str] = field(default_factory=set)


class Writers:
    """The helper process and its protocol."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HELPER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._read() == "ready"

    def _read(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def _send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def kill_one(self, delay: float) -> int:
        """Fork a writer, SIGKILL it after `delay` seconds; its wait status."""
        self._send("fork")
        pid = int(self._read())
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        self._send(f"reap {pid}")
        return int(self._read())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def writers() -> Iterator[list[Writers]]:
    started: list[Writers] = []
    yield started
    for helper in started:
        if helper.process.poll() is None:
            helper.process.kill()
            helper.process.wait()


def trial(helper: Writers, rng: random.Random, target: Path, tally: Tally) -> None:
    status = helper.kill_one(rng.uniform(0.001, 0.020))
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
    tally.kills += 1
    left = stale_temporaries(target)
    if left:
        tally.interrupted += 1
    for temporary in left:  # a later trial must not count this one's again
        temporary.unlink()


def seed_report(version: str) -> Report:
    appraisal = Appraisal.from_suggestions(
        load_article(default_seed()), load_checklist(CHECKLIST), {}, "Kill Test"
    )
    first = appraisal.loaded.checklist.items[0].id
    appraisal.set_notes(first, NOTES_A if version == "A" else NOTES_B)
    return appraisal.to_report(None)


def test_killed_report_saves_leave_the_old_or_the_new_report(
    tmp_path: Path, writers: list[Writers]
) -> None:
    versions = {"A": seed_report("A"), "B": seed_report("B")}
    for name, report in versions.items():
        save_report(report, tmp_path / f"{name}.toml")
    target = tmp_path / "saved" / "report.toml"
    save_report(versions["A"], target)
    helper = Writers("report", str(target), str(tmp_path / "A.toml"), str(tmp_path / "B.toml"))
    writers.append(helper)
    rng = random.Random(SEED)
    tally = Tally()
    for _ in range(KILLS):
        trial(helper, rng, target, tally)
        try:
            found = load_report(target)  # a torn file would not parse, or not match
        except ReportError as error:
            tally.torn.append(str(error))
            continue
        matches = [name for name, report in versions.items() if found == report]
        if not matches:
            tally.torn.append(target.read_text(encoding="utf-8")[-200:])
        tally.seen.update(matches)
    helper.close()
    print(f"\nreports: {tally.kills} kills, {tally.interrupted} mid-write, seen {tally.seen}")
    assert tally.torn == []
    assert tally.seen == {"A", "B"}  # the kills fell on both sides of the saves
    assert tally.interrupted > 0  # ...and inside them


def draft_version(draft: Report) -> str | None:
    first, second = draft.items[0], draft.items[1]
    if (first.notes, second.notes, first.answer) == (NOTES_A, NOTES_B, 123):
        return "A"
    if (first.notes, second.notes, first.answer) == (NOTES_B, NOTES_A, None):
        return "B"
    return None


async def test_killed_autosaves_leave_a_whole_draft_that_the_tui_recovers(
    tmp_path: Path, writers: list[Writers]
) -> None:
    report = tmp_path / "club" / "appraisal.toml"
    report.parent.mkdir()
    draft = draft_path(report)
    helper = Writers("draft", str(report), str(default_seed()), str(CHECKLIST))
    writers.append(helper)
    rng = random.Random(SEED + 1)
    tally = Tally()
    for _ in range(KILLS):
        trial(helper, rng, draft, tally)
        try:
            version = draft_version(load_report(draft))
        except ReportError as error:
            tally.torn.append(str(error))
            continue
        if version is None:
            tally.torn.append(draft.read_text(encoding="utf-8")[-200:])
        else:
            tally.seen.add(version)
    helper.close()
    print(f"\ndrafts: {tally.kills} kills, {tally.interrupted} mid-write, seen {tally.seen}")
    assert tally.torn == []
    assert tally.seen == {"A", "B"}
    assert tally.interrupted > 0
    assert not report.exists()  # only autosaves ran: the report was never saved

    # A fresh TUI on the same article and report offers the draft, and recovers it.
    from appraise.tui.app import make_app
    from appraise.tui.screens.dialogs import RecoverDraftScreen

    expected = load_report(draft)
    fresh = Appraisal.from_suggestions(
        load_article(default_seed()), load_checklist(CHECKLIST), {}, "Someone"
    )
    app = make_app(fresh, report_path=report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        await pilot.press("r")
        await pilot.pause()
        for record in expected.items:
            state = fresh.states[record.id]
            assert (state.answer, state.notes) == (record.answer, record.notes)
        assert app.session.dirty  # recovered, not yet saved
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert draft_version(load_report(report)) == draft_version(expected)
    assert not draft.exists()


def test_what_a_killed_write_leaves_is_ignored_and_cleaned(tmp_path: Path) -> None:
    """A kill between a write and its rename leaves `.NAME.XXXXXXXX.tmp` beside the file: hidden,
    and not `.toml`, so no listing of reports, checklists or articles picks it up; a session
    removes those of its report and draft once they are old."""
    report = tmp_path / "r.toml"
    save_report(seed_report("A"), report)
    left = []
    for target in (report, draft_path(report)):
        temporary = target.with_name(f".{target.name}.k1ll3d00.tmp")
        temporary.write_text(report.read_text()[:100])  # a torn write
        left.append(temporary)
    assert sorted(stale_temporaries(report) + stale_temporaries(draft_path(report))) == sorted(left)
    listed = [s.path for s in checklist_sources([str(tmp_path)]) if s.origin == str(tmp_path)]
    assert listed == [report]
    assert find_articles([tmp_path]) == []
    assert load_report(report) == load_report(report)  # the report itself is whole

    # Fresh ones may belong to a save in progress in another process: kept.
    remove_stale_temporaries(report)
    assert all(t.exists() for t in left)
    hour_ago = time.time() - 3600
    for temporary in left:
        os.utime(temporary, (hour_ago, hour_ago))
    appraisal = Appraisal.from_suggestions(
        load_article(default_seed()), load_checklist(CHECKLIST), {}, "Kill Test"
    )
    Session.open(appraisal, report)
    assert not any(t.exists() for t in left)
