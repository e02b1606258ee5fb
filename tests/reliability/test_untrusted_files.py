"""Checklists and reports from other people are untrusted: they run no code, every size and count
in them is bounded, and no path in them makes appraise read or write anywhere the user did not ask.

An audit hook (`sys.addaudithook`, idle unless a test records) sees every import, code execution
and file opened while a hostile file is handled.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from appraise.appraisal import Appraisal
from appraise.checklist.catalog import resolve_checklist
from appraise.checklist.load import load_checklist
from appraise.cli import consensus_cmd, main
from appraise.errors import ChecklistError, ReportError
from appraise.ingest import load_article
from appraise.paths import builtin_checklists_dir, default_seed
from appraise.report.io import draft_path, load_report, report_to_toml, save_report
from appraise.tui.session import Session

REPO = Path(__file__).resolve().parents[2]
MINIMAL = (REPO / "tests" / "data" / "checklists" / "good" / "minimal.toml").read_text()
FULL = REPO / "tests" / "data" / "checklists" / "good" / "full.toml"
CHECKLIST = builtin_checklists_dir() / "clinical-study.toml"

# -- seeing what happens ---------------------------------------------------------------------------

_EVENTS: list[tuple[str, str]] | None = None
_WATCHED = {"import", "exec", "compile", "open", "os.system", "subprocess.Popen", "os.exec"}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _EVENTS is not None and event in _WATCHED:
        _EVENTS.append((event, str(args[0]) if args else ""))


sys.addaudithook(_audit)  # for the whole session, but it only records inside `recording()`


@contextlib.contextmanager
def recording() -> Iterator[list[tuple[str, str]]]:
    global _EVENTS
    events: list[tuple[str, str]] = []
    _EVENTS = events
    try:
        yield events
    finally:
        _EVENTS = None


def opened(events: list[tuple[str, str]]) -> set[str]:
    return {name for event, name in events if event == "open"}


def problems(path: Path, extra_dirs: list[str] | None = None) -> list[str]:
    """The problems with a checklist file, as lines without its path."""
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path, extra_dirs=extra_dirs)
    lines = [str(problem) for problem in caught.value.problems]
    for problem in caught.value.problems:
        assert problem.line is not None and problem.column is not None, problem
    return [line.removeprefix(str(path)) for line in lines]


# -- no code runs from a checklist -----------------------------------------------------------------

EVIL_MODULE = """\
from pathlib import Path
Path(__file__).with_name("EXECUTED").write_text("a checklist ran code")
def run(*args, **kwargs):
    Path(__file__).with_name("EXECUTED").write_text("a checklist ran code")
"""


@pytest.fixture
def evil_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A module on sys.path that leaves a mark when it is imported or run."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "evil_module.py").write_text(EVIL_MODULE)
    monkeypatch.syspath_prepend(str(folder))
    return folder / "EXECUTED"


HOSTILE_ITEMS = [
    'infer = "evil_module"',
    'infer = "evil_module:run"',
    'infer = "evil_module.run"',
    'infer = "os.system"',
    'infer = "__import__"',
    'infer = "control_group"\nparams = { min_confidence = "__import__(\'evil_module\')" }',
    'infer = "control_group"\nanswer_map = { yes = "__import__(\'evil_module\').run()" }',
    'infer = "control_group"\ncode = "import evil_module"',
]


@pytest.mark.parametrize("line", HOSTILE_ITEMS, ids=range(len(HOSTILE_ITEMS)))
def test_a_checklist_names_code_in_vain(tmp_path: Path, evil_module: Path, line: str) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(MINIMAL.replace('infer = "control_group"', line))
    load_checklist(FULL)
    with contextlib.suppress(ChecklistError):  # warm up: the lazy imports of error messages
        load_checklist(REPO / "tests" / "data" / "checklists" / "bad" / "unknown_inferrer.toml")
    with recording() as events, pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    assert [event for event in events if event[0] != "open"] == []  # no import, no exec
    assert opened(events) == {str(path)}
    assert not evil_module.exists()
    assert "evil_module" not in sys.modules
    (problem,) = caught.value.problems
    assert problem.path == str(path) and problem.line and problem.column
    assert problem.message.split(":")[0] in {
        "items[0].infer",
        "items[0].params.min_confidence",
        "items[0].answer_map",
        "items[0].code",
    }


def test_infer_with_a_hostile_checklist_runs_no_code(
    tmp_path: Path, evil_module: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(MINIMAL.replace('infer = "control_group"', 'infer = "evil_module:run"'))
    assert main(["infer", str(default_seed()), "--checklist", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"appraise: {path}:22:1: items[0].infer: unknown inferrer 'evil_module")
    assert not evil_module.exists()


# -- every size and count is bounded ---------------------------------------------------------------

ITEM = '\n[[items]]\nid = "i{n}"\nsection = "main"\nscale = "yes-no"\nprompt = "Q{n}?"\n'
BANDED = (
    '\n[[items]]\nid = "n"\nsection = "main"\nkind = "number"\nprompt = "How many?"\nbands = [\n'
    + "".join(f"  {{ below = {k + 1}, points = 1 }},\n" for k in range(20))
    + "  { points = 2 },\n]\n"
)


def with_item_line(line: str) -> str:
    return MINIMAL.replace('infer = "control_group"', f'infer = "control_group"\n{line}')


BOUNDS: dict[str, tuple[str, list[str]]] = {
    "items": (
        MINIMAL + "".join(ITEM.format(n=k) for k in range(200)),
        [":17:3: items: List should have at most 200 items after validation, not 201"],
    ),
    "sections": (
        MINIMAL + "".join(f'\n[[sections]]\nid = "s{k}"\ntitle = "S"\n' for k in range(50)),
        [":13:3: sections: List should have at most 50 items after validation, not 51"],
    ),
    "scales": (
        MINIMAL
        + "".join(
            f'\n[scales.s{k}]\noptions = [{{ id = "a", label = "A", points = 1 }}, '
            '{ id = "b", label = "B" }]\n'
            for k in range(50)
        ),
        [":6:2: scales: Dictionary should have at most 50 items after validation, not more"],
    ),
    "options": (
        MINIMAL.replace(
            '  { id = "no", label = "No", points = 0 },',
            "\n".join(f'  {{ id = "o{k}", label = "O", points = 0 }},' for k in range(8)),
        ),
        [":7:1: scales.yes-no.options: List should have at most 9 items after validation, not 10"],
    ),
    "bands": (
        MINIMAL + BANDED,
        [":34:1: items[1].bands: List should have at most 20 items after validation, not 21"],
    ),
    "title": (
        MINIMAL.replace('title = "Minimal checklist"', f'title = "{"t" * 201}"'),
        [":3:1: title: String should have at most 200 characters"],
    ),
    "prompt": (
        MINIMAL.replace('prompt = "Was there a control group?"', f'prompt = "{"p" * 501}"'),
        [":21:1: items[0].prompt: String should have at most 500 characters"],
    ),
    "guidance": (
        with_item_line(f'guidance = "{"g" * 8001}"'),
        [":23:1: items[0].guidance: String should have at most 8000 characters"],
    ),
    "label": (
        MINIMAL.replace('label = "Yes"', f'label = "{"Y" * 81}"'),
        [":8:17: scales.yes-no.options[0].label: String should have at most 80 characters"],
    ),
    "reference": (
        MINIMAL.replace('section = "main"', f'section = "{"m" * 65}"'),
        [":19:1: items[0].section: String should have at most 64 characters"],
    ),
    "params": (
        with_item_line("params = { " + ", ".join(f"p{k} = 1" for k in range(21)) + " }"),
        [
            ":23:1: items[0].params: Dictionary should have at most 20 items after validation, "
            "not more"
        ],
    ),
    "answer_map": (
        with_item_line("answer_map = { " + ", ".join(f'v{k} = "yes"' for k in range(21)) + " }"),
        [
            ":23:1: items[0].answer_map: Dictionary should have at most 20 items after "
            "validation, not more"
        ],
    ),
    "applies_to": (
        MINIMAL.replace('version = "1"', 'version = "1"\napplies_to = [' + '"rct", ' * 21 + "]"),
        [":5:1: applies_to: List should have at most 20 items after validation, not 21"],
    ),
    "points": (
        MINIMAL.replace("points = 2 }", "points = inf }"),
        [":8:32: scales.yes-no.options[0].points: must be a finite number"],
    ),
    "nesting": (
        with_item_line("params = { p = " + "[" * 70 + "]" * 70 + " }"),
        [":23:79: arrays and tables nested more than 64 deep; refused"],
    ),
    "dotted-key": (
        MINIMAL + "\n" + ".".join(["x"] * 70) + " = 1\n",
        [":29:1: a dotted key of more than 64 parts; refused"],
    ),
    "deep-recursion": (
        MINIMAL + "\nx = " + "[" * 100_000 + "]" * 100_000 + "\n",
        [":29:69: arrays and tables nested more than 64 deep; refused"],
    ),
}


@pytest.mark.parametrize("bound", BOUNDS)
def test_each_bound_is_a_clear_located_error(tmp_path: Path, bound: str) -> None:
    text, expected = BOUNDS[bound]
    path = tmp_path / f"{bound}.toml"
    path.write_text(text)
    assert problems(path) == expected


def test_a_long_parameter_string_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "param.toml"
    path.write_text(with_item_line(f'params = {{ min_confidence = "{"x" * 201}" }}'))
    assert (
        ":23:12: items[0].params.min_confidence.constrained-str: String should have at most 200 "
        "characters"
    ) in problems(path)


def test_the_file_size_is_bounded_before_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no time, no disk
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    assert str(caught.value) == f"{path}: file is 52,428,800 bytes, over the limit of 1,048,576"


def test_the_extends_chain_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "c0.toml").write_text(MINIMAL.replace('id = "minimal"', 'id = "c0"'))
    for n in range(1, 10):
        (tmp_path / f"c{n}.toml").write_text(
            f'extends = "c{n - 1}.toml"\nid = "c{n}"\nversion = "1"\n'
        )
    lines = problems(tmp_path / "c9.toml")
    assert lines[0] == ":1:1: extends: 'c8.toml' is not a valid checklist: its problems follow"
    assert lines[-1].endswith("extends: more than 8 checklists extend each other in a chain")


# -- `extends` reads nothing outside ---------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A valid checklist in a folder no checklist of the test's points into by right."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    target = folder / "secret.toml"
    target.write_text(MINIMAL.replace('id = "minimal"', 'id = "secret"'))
    return target


def child(folder: Path, extends: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "child.toml"
    path.write_text(f'extends = "{extends}"\nid = "child"\nversion = "1"\n')
    return path


REFUSED = (
    "is outside this checklist's folder and your checklist folders: a path in `extends` may name "
    "only a file beside the checklist (or below it) or in a checklist folder; name a checklist "
    "elsewhere by its id, with its folder in checklist_dirs"
)


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink", "home", "device"])
def test_extends_cannot_reach_outside(
    tmp_path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    club = tmp_path / "club" / "checklists"
    if how == "absolute":
        ref = str(outside)
    elif how == "dotdot":
        ref = "../../elsewhere/secret.toml"
    elif how == "symlink":
        club.mkdir(parents=True)
        (club / "base.toml").symlink_to(outside)
        ref = "base.toml"
    elif how == "home":
        monkeypatch.setenv("HOME", str(outside.parent))
        ref = "~/secret.toml"
    else:
        ref = "/dev/zero"
    path = child(club, ref)
    with recording() as events:
        lines = problems(path)
    assert lines == [f":1:1: extends: {ref!r} {REFUSED}"]
    assert str(outside) not in opened(events) and "/dev/zero" not in opened(events)


def test_extends_reaches_its_folder_and_the_checklist_folders(
    tmp_path: Path, outside: Path
) -> None:
    club = tmp_path / "club"
    (club / "parts").mkdir(parents=True)
    (club / "parts" / "base.toml").write_text(MINIMAL.replace('id = "minimal"', 'id = "base"'))
    assert load_checklist(child(club, "parts/base.toml")).parents[0].id == "base"
    # A folder the user named in checklist_dirs is theirs to extend from, by path or by id.
    path = child(club, str(outside))
    assert load_checklist(path, extra_dirs=[str(outside.parent)]).parents[0].id == "secret"
    assert load_checklist(child(club, "clinical-study")).parents[0].id == "clinical-study"


# -- a report's article path -----------------------------------------------------------------------


def appraisal_of(article: Path, appraiser: str = "Member") -> Appraisal:
    return Appraisal.from_suggestions(
        load_article(article), load_checklist(CHECKLIST), {}, appraiser
    )


@pytest.fixture
def no_screen(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The TUI's `run`, stubbed out: the apps that would have opened."""
    from appraise.tui.app import AppraiseApp

    apps: list[Any] = []
    monkeypatch.setattr(AppraiseApp, "run", lambda app, *a, **k: apps.append(app))
    return apps


def write_article(path: Path, sentence: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"A trial.\n\n{sentence}\n")
    return path


def test_resuming_never_puts_a_report_on_another_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_screen: list[Any]
) -> None:
    ours = write_article(tmp_path / "ours.txt", "We enrolled 40 patients.")
    theirs = write_article(tmp_path / "theirs.txt", "We enrolled 90 patients.")
    report = tmp_path / "r.toml"
    made = appraisal_of(theirs)
    made.set_notes("sample_size", "about theirs")
    save_report(made.to_report(report), report)
    before = report.read_bytes()

    for argv in ([str(ours), "--report", str(report)], ["--report", str(report)]):
        assert main(argv) == 1
        out, err = capsys.readouterr()
        opened_article = argv[0] if argv[0] != "--report" else str(default_seed())
        assert (out, err) == (
            "",
            f"appraise: {report}: the report was made from another article ({theirs}): open "
            f"that article with --report {report}, or choose another --report for "
            f"{opened_article}\n",
        )
    assert no_screen == [] and report.read_bytes() == before

    # The same file, edited since: resumed, with a warning.
    write_article(theirs, "We enrolled 95 patients.")
    assert main([str(theirs), "--report", str(report)]) == 0
    (app,) = no_screen
    assert app.session.appraisal.states["sample_size"].notes == "about theirs"
    assert any("the article has changed" in warning for warning in app.session.warnings)


def test_a_draft_of_another_article_is_neither_taken_nor_overwritten(tmp_path: Path) -> None:
    ours = write_article(tmp_path / "ours.txt", "We enrolled 40 patients.")
    theirs = write_article(tmp_path / "theirs.txt", "We enrolled 90 patients.")
    report = tmp_path / "r.toml"
    earlier = Session(appraisal_of(theirs), report)
    earlier.appraisal.set_notes("sample_size", "unsaved work on theirs")
    assert earlier.autosave()
    with pytest.raises(ReportError) as caught:
        Session.open(appraisal_of(ours), report)
    assert str(caught.value).startswith(
        f"{report}: its unsaved draft was made from another article ({theirs})"
    )
    assert "unsaved work on theirs" in draft_path(report).read_text()


@pytest.fixture
def members(tmp_path: Path) -> list[Path]:
    """Two members' reports of one article, beside it in the club's folder."""
    club = tmp_path / "club"
    article = write_article(club / "paper.txt", "We randomised 40 patients to drug or placebo.")
    paths = []
    for name, answer in (("Ann", "yes"), ("Ben", "no")):
        appraisal = appraisal_of(article, name)
        appraisal.set_answer("control_group", answer)
        path = club / f"{name.lower()}.toml"
        save_report(appraisal.to_report(path), path)
        paths.append(path)
    return paths


def point_at(report: Path, where: str) -> None:
    saved = load_report(report)
    moved = saved.model_copy(update={"article": saved.article.model_copy(update={"path": where})})
    report.write_text(report_to_toml(moved))


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The consensus screens, stubbed: what they were handed."""
    handed: list[Any] = []

    def run(appraisal: Appraisal, disagreements: object, path: Path, warnings: object) -> int:
        handed.append((appraisal, path))
        return 0

    monkeypatch.setattr(consensus_cmd, "tui_available", lambda: True)
    monkeypatch.setattr(consensus_cmd, "tui_hook", lambda: run)
    return handed


@pytest.mark.parametrize("where", ["absolute", "dotdot", "cwd"])
def test_consensus_opens_only_the_article_the_reports_were_made_from(
    tmp_path: Path,
    members: list[Path],
    hook: list[Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    secret = tmp_path / "home" / "secret.txt"
    write_article(secret, "Password: hunter2.")
    monkeypatch.chdir(secret.parent)
    recorded = {"absolute": str(secret), "dotdot": "../home/secret.txt", "cwd": "secret.txt"}
    point_at(members[0], recorded[where])
    with recording() as events:
        assert main(["consensus", *map(str, members)]) == 1
    out, err = capsys.readouterr()
    if where == "cwd":  # not beside the report: never looked for elsewhere
        assert str(secret) not in opened(events)
        assert err == (
            f"appraise: {members[0]}: cannot find its article 'secret.txt' (looked for "
            f"{members[0].parent / 'secret.txt'}): name it with --article\n"
        )
    else:  # read to check it, and refused: it is not the article the report was made from
        assert err == (
            f"appraise: {members[0]}: {os.path.normpath(secret)} is not the article the report "
            "was made from (its sha256 differs): name the article with --article\n"
        )
    assert hook == [] and "hunter2" not in out + err

    article = members[0].parent / "paper.txt"
    assert main(["consensus", *map(str, members), "--article", str(article)]) == 0
    ((appraisal, output),) = hook
    assert appraisal.article.path == str(article)
    assert output == members[0].parent / "consensus.toml"  # beside the first report, by default


def test_outputs_go_only_where_the_user_said(
    tmp_path: Path, members: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    point_at(members[0], "/etc/../tmp/../evil/report.toml")  # paths in reports name no output

    def files() -> set[Path]:
        return {p for p in tmp_path.rglob("*") if p.is_file()}

    before = files()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["report", "export", str(members[0]), "--to", "md", "-o", "out.md"]) == 0
        assert main(["report", "export", str(members[0]), "--to", "html"]) == 0  # to stdout
        code = main(["report", "compare", *map(str, members), "--consensus", "c.toml"])
        assert code == 0
    assert files() - before == {work / "out.md", work / "c.toml"}


def test_a_report_is_bounded_too(tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    saved = appraisal_of(default_seed()).to_report(report)
    many = saved.model_copy(update={"items": saved.items * 40})  # 680 items
    report.write_text(report_to_toml(many))
    with pytest.raises(ReportError) as caught:
        load_report(report)
    (problem,) = caught.value.problems
    assert problem.message == "items: List should have at most 500 items after validation, not 680"
    assert (problem.line, problem.column) == (7, 1)
    report.write_text(report_to_toml(saved) + "\nx = " + "[" * 500 + "]" * 500 + "\n")
    with pytest.raises(ReportError, match="nested more than 64 deep"):
        load_report(report)


def test_resolving_a_checklist_id_never_imports(tmp_path: Path) -> None:
    """`--checklist evil_module` is looked up as a checklist id among files, nothing more."""
    resolve_checklist("clinical-study")
    with recording() as events, pytest.raises(ChecklistError):
        resolve_checklist("evil_module")
    assert [event for event in events if event[0] in ("import", "exec")] == []


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e308"])
def test_a_report_with_an_infinite_duration_shows_and_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    report = tmp_path / "r.toml"
    appraisal = appraisal_of(default_seed())
    appraisal.set_answer("follow_up", 2191.5)
    report.write_text(report_to_toml(appraisal.to_report(report)).replace("2191.5", value))
    assert load_report(report).items[3].answer is not None
    for argv in (["show"], ["export", "--to", "md"], ["export", "--to", "html"]):
        assert main(["report", argv[0], str(report), *argv[1:]]) == 0
    resumed = appraisal_of(default_seed())
    resumed.restore(load_report(report))
    resumed.to_report(report)
    assert "Traceback" not in capsys.readouterr().err
