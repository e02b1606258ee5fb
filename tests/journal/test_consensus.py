"""The consensus report: agreed answers confirmed, disagreements blank and marked to discuss."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import appraise
from appraise.cli import consensus_cmd, main
from appraise.ingest import load_article
from appraise.report.compare import compare_reports
from appraise.report.consensus import (
    DISCUSS_MARKER,
    Consensus,
    build_consensus,
    consensus_appraisal,
    is_to_discuss,
    items_to_discuss,
)
from appraise.report.io import load_report, report_from_text, report_to_toml
from appraise.report.locate import checklist_for, load_reports


def consensus_of(paths: list[Path], out: Path) -> Consensus:
    saved = load_reports(paths)
    loaded, _ = checklist_for(saved)
    return build_consensus(compare_reports(saved, loaded.checklist), loaded, out)


def test_consensus_of_three(members: list[Path], tmp_path: Path) -> None:
    consensus = consensus_of(members, tmp_path / "consensus.toml")
    report = consensus.report
    items = {record.id: record for record in report.items}

    # Agreed: the value most members gave, confirmed.
    assert items["sample_size"].answer == 9
    assert items["sample_size"].source == "confirmed"
    assert items["sample_size"].label == "very small"
    assert items["sample_size"].shown == "9 (very small)"
    assert "the values given were: Ann 9 (very small), Ben 9 (very small), Cat 12" in (
        items["sample_size"].notes
    )
    assert "Ben: Nine patients: far too few to judge safety." in items["sample_size"].notes
    assert items["primary_endpoint"].answer == "no"
    assert items["primary_endpoint"].source == "confirmed"
    assert items["study_design"].answer == "a single-arm study"

    # Disagreed: blank, marked, every member's answer and reason listed.
    assert items_to_discuss(report) == [
        "power_calculation",
        "control_group",
        "follow_up",
        "efficacy_endpoint",
    ]
    assert [c.item_id for c in consensus.disagreements] == items_to_discuss(report)
    control = items["control_group"]
    assert control.answer is None and control.source is None and control.points is None
    assert is_to_discuss(control)
    assert control.notes.splitlines() == [
        f"{DISCUSS_MARKER} the members disagree (2 of 3 said No); settle the answer, "
        "then delete this note.",
        "- Ann: No (confirmed)",
        "- Ben: Can't tell (edited; reason: patients who did not respond to other drugs: "
        "a historical control?)",
        "- Cat: No (confirmed)",
    ]
    power = items["power_calculation"].notes.splitlines()
    assert power[0].startswith(f"{DISCUSS_MARKER} the members disagree;")
    assert power[-1] == "- Cat: unanswered"

    # The evidence the members saw is kept.
    assert control.suggestion is not None and control.suggestion.evidence

    # The score is computed from the agreed answers only, and is provisional.
    score = report.score
    assert score.unanswered == items_to_discuss(report)
    assert score.critical_failures == []
    assert report.appraiser == "consensus of Ann, Ben, Cat"
    assert report.checklist.id == "journal-club"


def test_consensus_round_trips_through_toml(members: list[Path], tmp_path: Path) -> None:
    report = consensus_of(members, tmp_path / "c.toml").report
    again = report_from_text(report_to_toml(report))
    assert again == report


def test_consensus_opens_as_an_appraisal(
    members: list[Path], tmp_path: Path, seed_path: Path
) -> None:
    consensus = consensus_of(members, tmp_path / "c.toml")
    saved = load_reports(members)
    loaded, _ = checklist_for(saved)
    appraisal, warnings = consensus_appraisal(consensus, load_article(seed_path), loaded)
    assert warnings == []
    assert appraisal.states["control_group"].answer is None
    assert appraisal.states["control_group"].notes.startswith(DISCUSS_MARKER)
    assert appraisal.states["primary_endpoint"].source == "confirmed"
    # Settling an item as the TUI would: the club picks "no", the suggestion.
    appraisal.set_answer("control_group", "no")
    appraisal.set_notes("control_group", "")
    settled = appraisal.to_report(tmp_path / "c.toml")
    assert "control_group" not in items_to_discuss(settled)
    assert settled.score.critical_failures == ["control_group"]


def test_all_agree_means_nothing_to_discuss(members: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "ann2.toml"
    copy.write_bytes(members[0].read_bytes())
    consensus = consensus_of([members[0], copy], tmp_path / "c.toml")
    assert consensus.disagreements == []
    original = load_report(members[0])
    assert [r.answer for r in consensus.report.items] == [r.answer for r in original.items]
    assert consensus.report.score.grade == original.score.grade


def test_consensus_command_refuses_until_the_tui_has_it(
    members: list[Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(consensus_cmd, "tui_available", lambda: False)
    assert main(["consensus", *map(str, members)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "settling disagreements in the TUI is not available in this version yet" in err
    assert "(4 to settle)" in err
    assert "appraise report compare" in err and "--consensus" in err
    assert not (members[0].parent / "consensus.toml").exists()


def test_consensus_command_hands_the_tui_its_work(
    members: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def run_consensus(appraisal: object, disagreements: list[object], path: Path, w: object) -> int:
        seen.update(appraisal=appraisal, disagreements=disagreements, path=path, warnings=w)
        return 0

    monkeypatch.setattr(consensus_cmd, "tui_available", lambda: True)
    monkeypatch.setattr(consensus_cmd, "tui_hook", lambda: run_consensus)
    out = tmp_path / "settled.toml"
    assert main(["consensus", *map(str, members), "-o", str(out)]) == 0
    assert seen["path"] == out
    assert seen["warnings"] == []
    disagreements = seen["disagreements"]
    assert isinstance(disagreements, list) and len(disagreements) == 4


def test_the_hook_is_looked_for_without_textual() -> None:
    code = (
        "import sys\n"
        "from appraise.cli.consensus_cmd import tui_available\n"
        "print(tui_available())\n"
        "assert not [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert 'appraise.tui' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = (Path(appraise.__file__).parent / "tui" / "consensus.py").is_file()
    assert result.stdout.strip() == str(expected)


def test_consensus_needs_two_reports(members: list[Path]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["consensus", str(members[0])])
    assert caught.value.code == 2


def test_exports_flag_the_items_to_discuss(
    members: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "consensus.toml"
    assert main(["report", "compare", *map(str, members), "--consensus", str(out)]) == 0
    capsys.readouterr()
    assert main(["report", "export", str(out), "--to", "md"]) == 0
    text = capsys.readouterr().out
    heading = next(line for line in text.splitlines() if line.startswith("### 3. "))
    assert heading.endswith("(critical) (to discuss)")
    assert "- **Source:** blank: to discuss, the members disagree (see the notes)" in text
    assert main(["report", "export", str(out), "--to", "html"]) == 0
    page = capsys.readouterr().out
    assert page.count('<span class="badge discuss">to discuss</span>') == 2 * 4
