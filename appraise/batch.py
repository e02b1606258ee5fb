"""Appraise many articles headless, in parallel: a report per article and a summary of them all.

Each article goes through ingest, analyse and infer once, in a worker process that imported the
pipeline once when it started (worker processes are forked from a server that preloaded this
module where the platform has one; elsewhere they are spawned and import it once each). The
checklist is read once, in the parent, and handed to every worker when it starts.

One bad article is an `error` row in the summary, never the end of the batch. The summary is
written atomically at the end, in the order the articles were given, as `summary.csv` and
`summary.jsonl` in the output folder, also after an interruption (with what had finished).
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from appraise.appraisal import Appraisal
from appraise.atomic import atomic_write_text
from appraise.checklist.load import LoadedChecklist
from appraise.errors import AppraiseError
from appraise.extract import analyse
from appraise.extract.findings import Findings
from appraise.infer import suggest_all
from appraise.ingest import Article, load_article
from appraise.report.export_csv import safe_cell
from appraise.report.io import save_report

ARTICLE_SUFFIXES = (
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    ".xml",
    ".pdf",
)
"""What a folder is searched for; files named one by one are read whatever their suffix."""
SUMMARY_FIELDS = (
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
)


NO_WORKERS = "the worker processes could not start (their error is above)"
DIED = "a worker process died while appraising this article (alone, on a second try)"


@dataclass(frozen=True, slots=True)
class Task:
    article: str
    report: str


@dataclass(frozen=True, slots=True)
class Outcome:
    path: str
    status: Literal["ok", "error"]
    grade: str | None = None
    percent: float | None = None
    sample_size: int | None = None
    design: str | None = None
    checklist: str | None = None
    error: str = ""
    report: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"


# -- planning ----------------------------------------------------------------------------------
def find_articles(inputs: Sequence[str | Path], skip: Path | None = None) -> list[Path]:
    """Files as given, and the articles under each folder (recursively, in name order, hidden
    files and `skip` left out). A name that does not exist is kept: it becomes an error row."""
    found: list[Path] = []
    skipped = skip.resolve() if skip is not None else None
    for given in inputs:
        path = Path(given)
        if not path.is_dir():
            found.append(path)
            continue
        for folder, subfolders, files in os.walk(path):
            here = Path(folder)
            subfolders[:] = sorted(
                d
                for d in subfolders
                if not d.startswith(".") and (skipped is None or (here / d).resolve() != skipped)
            )
            for name in sorted(files):
                if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES):
                    found.append(here / name)
    return found


def plan(articles: Sequence[Path], out: Path) -> list[Task]:
    """A task per article; reports are named after the article's stem, made unique with -2, -3."""
    taken: set[str] = set()
    tasks = []
    for article in articles:
        stem = article.stem or "article"
        name = f"{stem}.toml"
        number = 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem}-{number}.toml"
        taken.add(name.casefold())
        tasks.append(Task(str(article), str(out / name)))
    return tasks


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- the work ----------------------------------------------------------------------------------
def appraise_one(task: Task, loaded: LoadedChecklist | None, appraiser: str = "") -> Outcome:
    """Ingest, analyse, infer, score and save one article; never raises for a bad article.

    `loaded` None means `--checklist auto`: each article gets the checklist its design suits.
    """
    start = time.perf_counter()
    sample_size: int | None = None
    design: str | None = None
    try:
        article = load_article(task.article)
        findings = analyse(article)
        sample_size, design = findings.sample_size.value, findings.design.value
        if loaded is None:
            loaded = _auto_checklist(findings, article)
        suggestions = suggest_all(loaded.checklist, findings, article)
        appraisal = Appraisal.from_suggestions(article, loaded, suggestions, appraiser)
        report = appraisal.to_report(task.report)
        save_report(report, task.report)
    except AppraiseError as exc:
        message = "; ".join(p.message for p in exc.problems)
        return _failed(task, message, sample_size, design, start)
    except OSError as exc:
        message = f"cannot save the report {task.report}: {exc.strerror or exc}"
        return _failed(task, message, sample_size, design, start)
    except Exception as exc:  # a bug on one article must not stop the others
        message = f"internal error ({type(exc).__name__}: {exc}): please report it"
        return _failed(task, message, sample_size, design, start)
    return Outcome(
        path=task.article,
        status="ok",
        grade=report.score.grade,
        percent=report.score.percent,
        sample_size=sample_size,
        design=design,
        checklist=loaded.checklist.id,
        report=task.report,
        seconds=round(time.perf_counter() - start, 4),
    )


def _failed(
    task: Task, message: str, sample_size: int | None, design: str | None, start: float
) -> Outcome:
    return Outcome(
        path=task.article,
        status="error",
        sample_size=sample_size,
        design=design,
        error=message,
        seconds=round(time.perf_counter() - start, 4),
    )


_AUTO_CACHE: dict[str, LoadedChecklist] = {}


def _auto_checklist(findings: Findings, article: Article) -> LoadedChecklist:
    """The checklist the article's design suits, read once per worker and id."""
    from appraise.checklist.auto import AUTO, DEFAULT, choose_checklist
    from appraise.checklist.catalog import find_source, resolve_checklist
    from appraise.config import load_config

    config = load_config()
    default = DEFAULT if config.default_checklist == AUTO else config.default_checklist
    chosen, _ = choose_checklist(findings, article, default)
    if find_source(chosen, config.checklist_dirs) is None:
        chosen = default
    if chosen not in _AUTO_CACHE:
        _AUTO_CACHE[chosen] = resolve_checklist(chosen, config.checklist_dirs)
    return _AUTO_CACHE[chosen]


_WORKER: tuple[LoadedChecklist | None, str] | None = None


def _start_worker(loaded: LoadedChecklist | None, appraiser: str) -> None:
    global _WORKER
    _WORKER = (loaded, appraiser)


def _work(task: Task) -> Outcome:
    assert _WORKER is not None, "the worker was not started with its checklist"
    return appraise_one(task, *_WORKER)


def run_batch(
    tasks: Sequence[Task],
    loaded: LoadedChecklist | None,
    appraiser: str = "",
    jobs: int = 1,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Every task's outcome, in the tasks' order; `on_done` is called as each one finishes.

    `jobs` 1 works in this process; more start that many worker processes (never more than
    there are tasks). On KeyboardInterrupt, the outcomes so far are on the exception as
    `outcomes` (a list) and the workers are stopped.
    """
    if not tasks:
        return []
    if jobs <= 1 or len(tasks) == 1:
        done: list[Outcome] = []
        try:
            for task in tasks:
                done.append(appraise_one(task, loaded, appraiser))
                if on_done:
                    on_done(done[-1])
        except KeyboardInterrupt as interrupt:
            interrupt.outcomes = done  # type: ignore[attr-defined]
            raise
        return done
    return _Pools(tasks, loaded, appraiser, min(jobs, len(tasks)), on_done).run()


class _Pools:
    """Worker pools over the tasks, and what to do when a worker dies.

    A worker that dies (killed for memory, or crashing on an article) breaks its pool, and
    every article in flight fails with it. Those are retried one at a time in a fresh pool, so
    only an article that kills a worker again is reported; the rest go on in the fresh pool.
    Pools that break again and again before finishing anything mean the workers cannot start:
    the articles left are reported as such.
    """

    GIVE_UP_AFTER = 3
    """Pools in a row that finish no article."""

    def __init__(
        self,
        tasks: Sequence[Task],
        loaded: LoadedChecklist | None,
        appraiser: str,
        jobs: int,
        on_done: Callable[[Outcome], None] | None,
    ) -> None:
        self.tasks, self.loaded, self.appraiser, self.jobs = tasks, loaded, appraiser, jobs
        self.on_done = on_done
        self.window = jobs * 8  # bounded in flight: steady memory, and a quick stop on Ctrl-C
        self.results: dict[int, Outcome] = {}
        self.waiting = deque(range(len(tasks)))
        self.suspects: deque[int] = deque()

    def run(self) -> list[Outcome]:
        idle = 0
        while self.waiting or self.suspects:
            if idle >= self.GIVE_UP_AFTER:
                for index in [*self.suspects, *self.waiting]:
                    self._record(
                        index, Outcome(self.tasks[index].article, "error", error=NO_WORKERS)
                    )
                break
            executor = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=_context(),
                initializer=_start_worker,
                initargs=(self.loaded, self.appraiser),
            )
            try:
                worked = self._retry(executor) if self.suspects else self._stream(executor)
            except KeyboardInterrupt as interrupt:
                executor.shutdown(wait=False, cancel_futures=True)
                done = [self.results[i] for i in sorted(self.results)]
                interrupt.outcomes = done  # type: ignore[attr-defined]
                raise
            executor.shutdown(wait=True)
            idle = 0 if worked else idle + 1
        return [self.results[i] for i in range(len(self.tasks))]

    def _stream(self, executor: ProcessPoolExecutor) -> bool:
        """Keep the pool busy until every task is done or the pool breaks."""
        pending: dict[Future[Outcome], int] = {}
        worked = False
        self._fill(executor, pending)
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    self.suspects.append(index)
                    continue
                except Exception as exc:  # e.g. a result that could not be sent back
                    outcome = _internal(self.tasks[index], exc)
                worked = True
                self._record(index, outcome)
            self._fill(executor, pending)
        return worked

    def _retry(self, executor: ProcessPoolExecutor) -> bool:
        """The articles in flight when a worker died, one at a time, until one breaks the pool:
        that one is reported."""
        worked = False
        while self.suspects:
            index = self.suspects.popleft()
            try:
                outcome = executor.submit(_work, self.tasks[index]).result()
            except BrokenProcessPool:
                self._record(index, Outcome(self.tasks[index].article, "error", error=DIED))
                return worked
            except Exception as exc:
                outcome = _internal(self.tasks[index], exc)
            worked = True
            self._record(index, outcome)
        return worked

    def _fill(self, executor: ProcessPoolExecutor, pending: dict[Future[Outcome], int]) -> None:
        while self.waiting and len(pending) < self.window:
            try:
                future = executor.submit(_work, self.tasks[self.waiting[0]])
            except BrokenProcessPool:
                return  # the rest go to the next pool
            pending[future] = self.waiting.popleft()

    def _record(self, index: int, outcome: Outcome) -> None:
        self.results[index] = outcome
        if self.on_done:
            self.on_done(outcome)


def _internal(task: Task, exc: BaseException) -> Outcome:
    return Outcome(task.article, "error", error=f"internal error ({type(exc).__name__}: {exc})")


def _context() -> multiprocessing.context.BaseContext:
    """Fork workers from a server that has imported the pipeline once, where the platform has
    one; otherwise spawn them (each imports it once)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["appraise.batch"])
        return context
    return multiprocessing.get_context("spawn")


# -- the summary -------------------------------------------------------------------------------
def summary_rows(outcomes: Iterable[Outcome]) -> list[dict[str, Any]]:
    return [asdict(outcome) for outcome in outcomes]


def summary_csv(outcomes: Iterable[Outcome]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in summary_rows(outcomes):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    return safe_cell(value) if isinstance(value, str) else value


def summary_jsonl(outcomes: Iterable[Outcome]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in summary_rows(outcomes))


def write_summary(outcomes: Sequence[Outcome], out: Path) -> tuple[Path, Path]:
    """`summary.csv` and `summary.jsonl` in `out`, each written atomically."""
    csv_path, jsonl_path = out / "summary.csv", out / "summary.jsonl"
    atomic_write_text(csv_path, summary_csv(outcomes))
    atomic_write_text(jsonl_path, summary_jsonl(outcomes))
    return csv_path, jsonl_path
