"""Reports: TOML that loads back to the same model, located errors, and atomic saves."""

from __future__ import annotations

import os
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appraise.atomic import atomic_write_bytes, atomic_write_text
from appraise.errors import ReportError
from appraise.report.io import (
    draft_path,
    load_report,
    report_from_text,
    report_to_toml,
    save_report,
)
from appraise.report.model import (
    SCHEMA_VERSION,
    ArticleRef,
    ChecklistRef,
    EvidenceRecord,
    ItemRecord,
    Report,
    ScoreRecord,
    SectionRecord,
    SuggestionRecord,
)

SHA = "0" * 63 + "a"


def small_report(**changes: object) -> Report:
    report = Report(
        created=datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
        updated=datetime(2024, 5, 1, 10, 0, tzinfo=UTC),
        article=ArticleRef(path="seed.txt", sha256=SHA, title="Stem cells"),
        checklist=ChecklistRef(id="clinical-study", version="1.0", sha256=SHA),
        score=ScoreRecord(points=2, max_points=4, percent=50.0, grade="moderate"),
        items=[
            ItemRecord(id="sample_size", answer=9, source="inferred", points=0.0),
            ItemRecord(id="control_group", notes="no control group"),
        ],
    )
    return report.model_copy(update=changes)


# -- random reports ---------------------------------------------------------------------------

# Unicode of every kind (no surrogates, which UTF-8 cannot hold), and the characters that TOML
# quoting has to get right.
_PIECES = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=3),
    st.sampled_from([*"\"'\\[]{}=#.,\n\r\t", '"""', "'''", "\r\n", "\\u0041"]),
)
_TEXT = st.lists(_PIECES, max_size=12).map("".join)
_FLOATS = st.floats(allow_nan=False)  # NaN is never equal to itself, so no model would be
_INTS = st.integers(-(2**63), 2**63 - 1)
_ANSWERS = st.one_of(st.none(), _TEXT, _INTS, _FLOATS)
_SHA = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
_ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
)
_DATETIMES = st.one_of(
    st.datetimes(timezones=_ZONES),
    st.datetimes(),  # aware, and naive (a TOML local date-time)
)
_EVIDENCE = st.builds(
    EvidenceRecord,
    quote=_TEXT,
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
)
_SUGGESTIONS = st.builds(
    SuggestionRecord,
    value=_ANSWERS,
    confidence=st.floats(0, 1),
    rationale=_TEXT,
    evidence=st.lists(_EVIDENCE, max_size=3),
)
_ITEMS = st.builds(
    ItemRecord,
    id=st.text(max_size=20),
    answer=_ANSWERS,
    source=st.sampled_from([None, "inferred", "confirmed", "edited", "manual"]),
    suggestion=st.none() | _SUGGESTIONS,
    notes=_TEXT,
    reason=_TEXT,
    points=st.none() | _FLOATS,
    label=_TEXT,
)
_REPORTS = st.builds(
    Report,
    tool=_TEXT,
    appraiser=_TEXT,
    created=_DATETIMES,
    updated=_DATETIMES,
    article=st.builds(ArticleRef, path=_TEXT, sha256=_SHA, title=_TEXT),
    checklist=st.builds(ChecklistRef, id=st.text(max_size=20), version=_TEXT, sha256=_SHA),
    score=st.builds(
        ScoreRecord,
        points=_FLOATS,
        max_points=_FLOATS,
        percent=st.none() | _FLOATS,
        grade=st.none() | _TEXT,
        uncapped_grade=st.none() | _TEXT,
        critical_failures=st.lists(_TEXT, max_size=3),
        unanswered=st.lists(_TEXT, max_size=3),
        sections=st.lists(
            st.builds(SectionRecord, id=_TEXT, points=_FLOATS, max_points=_FLOATS), max_size=3
        ),
    ),
    items=st.lists(_ITEMS, max_size=4),
)


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_REPORTS)
def test_round_trip(tmp_path: Path, report: Report) -> None:
    path = tmp_path / "r.toml"
    save_report(report, path)
    loaded = load_report(path)
    assert loaded == report
    assert sorted(os.listdir(tmp_path)) == ["r.toml"]


@settings(max_examples=60)
@given(_REPORTS)
def test_report_toml_is_plain_toml(report: Report) -> None:
    text = report_to_toml(report)
    assert text.startswith("# appraise report")
    data = tomllib.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert isinstance(data["created"], datetime)
    assert len(data["items"]) == len(report.items)


def test_answers_keep_their_type(tmp_path: Path) -> None:
    report = small_report(
        items=[
            ItemRecord(id="a", answer=9),
            ItemRecord(id="b", answer=9.0),
            ItemRecord(id="c", answer="9"),
            ItemRecord(id="d"),
        ]
    )
    save_report(report, tmp_path / "r.toml")
    answers = [item.answer for item in load_report(tmp_path / "r.toml").items]
    assert answers == [9, 9.0, "9", None]
    assert [type(a) for a in answers] == [int, float, str, type(None)]


def test_multiline_notes_are_readable_in_the_file(tmp_path: Path) -> None:
    notes = 'First line "quoted".\nSecond [line] = #3\n'
    report = small_report(items=[ItemRecord(id="x", notes=notes)])
    text = report_to_toml(report)
    assert 'Second [line] = #3\n"""' in text
    assert report_from_text(text).items[0].notes == notes


def test_windows_line_endings_in_notes_survive(tmp_path: Path) -> None:
    report = small_report(
        items=[ItemRecord(id="x", notes="typed on Windows\r\nsecond line"), ItemRecord(id="y")]
    )
    save_report(report, tmp_path / "r.toml")
    assert load_report(tmp_path / "r.toml").items[0].notes == "typed on Windows\r\nsecond line"


# -- errors -----------------------------------------------------------------------------------


def saved_lines(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "r.toml"
    save_report(small_report(), path)
    return path, path.read_text().split("\n")


def report_problems(path: Path) -> list[str]:
    with pytest.raises(ReportError) as caught:
        load_report(path)
    return [str(p) for p in caught.value.problems]


def test_bad_type_is_located(tmp_path: Path) -> None:
    path, lines = saved_lines(tmp_path)
    index = lines.index("max_points = 4.0")
    lines[index] = 'max_points = "four"'
    path.write_text("\n".join(lines))
    assert report_problems(path) == [
        f"{path}:{index + 1}:1: score.max_points: must be a valid number,"
        " unable to parse string as a number"
    ]


def test_unknown_key_in_an_item_is_located(tmp_path: Path) -> None:
    path, lines = saved_lines(tmp_path)
    # The second [[items]] table: insert a misspelt key after its id.
    index = lines.index('id = "control_group"')
    lines.insert(index + 1, "    nots = 'typo'")
    path.write_text("\n".join(lines))
    assert report_problems(path) == [f"{path}:{index + 2}:5: items[1].nots: unknown key"]


def test_several_problems_are_reported_at_once(tmp_path: Path) -> None:
    path, lines = saved_lines(tmp_path)
    sha_line = lines.index(f'sha256 = "{SHA}"')
    source_line = lines.index('source = "inferred"')
    lines[sha_line] = 'sha256 = "not-a-hash"'
    lines[source_line] = 'source = "guessed"'
    path.write_text("\n".join(lines))
    assert report_problems(path) == [
        f"{path}:{sha_line + 1}:1: article.sha256: String should match pattern '^[0-9a-f]{{64}}$'",
        f"{path}:{source_line + 1}:1: items[0].source: must be 'inferred', 'confirmed', 'edited'"
        " or 'manual', not 'guessed'",
    ]


def test_missing_section_is_reported_at_the_top(tmp_path: Path) -> None:
    path, lines = saved_lines(tmp_path)
    start = lines.index("[score]")
    end = lines.index("[[items]]")
    path.write_text("\n".join(lines[:start] + lines[end:]))
    assert report_problems(path) == [f"{path}:1:1: score: required key is missing"]


def test_toml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('schema_version = 1\ntool = "x\n')
    assert report_problems(path) == [f"{path}:2:10: TOML syntax: Illegal character '\\n'"]


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path, lines = saved_lines(tmp_path)
    index = lines.index(f"schema_version = {SCHEMA_VERSION}")
    lines[index] = f"schema_version = {SCHEMA_VERSION + 1}"
    path.write_text("\n".join(lines))
    assert report_problems(path) == [
        f"{path}:1:1: report format {SCHEMA_VERSION + 1} is newer than this appraise understands"
        f" ({SCHEMA_VERSION}): upgrade appraise"
    ]


def test_missing_report(tmp_path: Path) -> None:
    assert report_problems(tmp_path / "none.toml") == [f"{tmp_path / 'none.toml'}: no such file"]


def test_draft_path() -> None:
    assert draft_path("club/notes.toml") == Path("club/.notes.toml.draft")


# -- atomic saves -----------------------------------------------------------------------------


def test_save_replaces_the_old_report_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    save_report(small_report(appraiser="first"), path)
    save_report(small_report(appraiser="second"), path)
    assert load_report(path).appraiser == "second"
    assert os.listdir(tmp_path) == ["r.toml"]


def test_failed_serialisation_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    save_report(small_report(), path)
    before = path.read_bytes()

    def broken_dumps(*args: object, **kwargs: object) -> str:
        raise TypeError("cannot serialise")

    monkeypatch.setattr(tomli_w, "dumps", broken_dumps)
    with pytest.raises(TypeError):
        save_report(small_report(appraiser="changed"), path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["r.toml"]


def test_failed_write_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    path.write_text("old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_text(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["r.toml"]


def test_atomic_write_creates_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "out.bin"
    atomic_write_bytes(path, b"\x00\x01")
    assert path.read_bytes() == b"\x00\x01"
    assert os.listdir(path.parent) == ["out.bin"]


def test_atomic_write_to_a_bare_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    atomic_write_text("plain.txt", "ü")
    assert (tmp_path / "plain.txt").read_bytes() == "ü".encode()


def test_atomic_write_gives_new_files_the_usual_mode(tmp_path: Path) -> None:
    import os

    from appraise.atomic import atomic_write_text

    target = tmp_path / "shared.toml"
    atomic_write_text(target, "a = 1\n")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    target.chmod(0o640)
    atomic_write_text(target, "a = 2\n")
    assert target.stat().st_mode & 0o777 == 0o640
