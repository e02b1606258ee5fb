"""A process for the kill tests to kill: it forks writers that save reports or drafts in a loop.

Run as `python kill_helper.py report TARGET A.toml B.toml` or
`python kill_helper.py draft REPORT ARTICLE CHECKLIST`. It imports appraise once, then reads
commands on stdin, one a line:

- `fork`: fork a writer, which saves in a loop until it is killed, and print its pid;
- `reap PID`: wait for that writer to end and print its wait status.

The test kills each writer with SIGKILL at a random moment. Forking from a process that has done
its imports makes a writer start in a millisecond, so hundreds of kills take seconds.

The `report` writer saves version A and version B of a report, in turn, to TARGET with
`save_report`. The `draft` writer edits an appraisal between two states (A: long notes and an
answer; B: short notes and no answer) and autosaves it through `Session.autosave`, as the TUI
does at every keystroke; the draft of state A is written before any writer starts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from appraise.appraisal import Appraisal
from appraise.checklist.load import load_checklist
from appraise.ingest import load_article
from appraise.report.io import load_report, save_report
from appraise.tui.session import Session

NOTES_A = "Version A. " * 400
NOTES_B = "Version B."


def set_state(appraisal: Appraisal, version: str) -> None:
    """The two states the draft writer switches between (the test knows them by these too)."""
    first, second = (item.id for item in appraisal.loaded.checklist.items[:2])
    appraisal.set_notes(first, NOTES_A if version == "A" else NOTES_B)
    appraisal.set_notes(second, NOTES_B if version == "A" else NOTES_A)
    appraisal.set_answer(first, 123 if version == "A" else None)


def report_writer(target: Path, a: Path, b: Path) -> Callable[[], None]:
    versions = [load_report(a), load_report(b)]

    def write() -> None:
        turn = 1
        while True:
            save_report(versions[turn % 2], target)
            turn += 1

    return write


def draft_writer(report: Path, article: Path, checklist: Path) -> Callable[[], None]:
    appraisal = Appraisal.from_suggestions(
        load_article(article), load_checklist(checklist), {}, "Kill Test"
    )
    session = Session(appraisal, report)
    set_state(appraisal, "A")
    session.autosave()

    def write() -> None:
        turn = 1
        while True:
            set_state(appraisal, "AB"[turn % 2])
            session.autosave()
            turn += 1

    return write


def main(argv: list[str]) -> int:
    mode, *paths = argv
    files = [Path(p) for p in paths]
    write = report_writer(*files) if mode == "report" else draft_writer(*files)
    print("ready", flush=True)
    for line in sys.stdin:
        command, *rest = line.split()
        if command == "fork":
            pid = os.fork()
            if pid == 0:  # the writer: it never returns, it is killed
                try:
                    write()
                finally:
                    os._exit(3)
            print(pid, flush=True)
        elif command == "reap":
            _, status = os.waitpid(int(rest[0]), 0)
            print(status, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
