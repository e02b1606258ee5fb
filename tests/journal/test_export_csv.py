"""The CSV export in the layout robvis reads: Study, domains, Overall, Weight."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from appraise.cli import main
from appraise.report.export_csv import robvis_csv, robvis_table, safe_cell, study_names
from appraise.report.io import load_report, save_report
from appraise.report.locate import checklist_for, load_reports
from appraise.report.view import ReportView, view_report

# What robvis's "Generic" template understands (it keeps the first letter of each word).
ROBVIS_JUDGEMENTS = {"Low", "Some concerns", "High", "Critical", "No information", "Not applicable"}


def views(paths: list[Path]) -> list[ReportView]:
    saved = load_reports(paths)
    loaded, _ = checklist_for(saved)
    return [view_report(s.report, loaded.checklist) for s in saved]


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_one_row_per_report_by_section(members: list[Path]) -> None:
    table = rows(robvis_csv(views(members)))
    assert table[0] == [
        "Study",
        "Is the study big enough?",
        "Is there a fair comparison?",
        "Was it long enough?",
        "Did it measure benefit?",
        "Do the numbers hold together?",
        "Overall",
        "Weight",
    ]
    title = load_report(members[0]).article.title
    assert [row[0] for row in table[1:]] == [f"{title} ({n})" for n in ("Ann", "Ben", "Cat")]
    ann, ben, cat = table[1:]
    # Ann: size 0/4, comparison 0/2, duration 2/2, outcomes 0/4, consistency 0/2; weak.
    assert ann[1:] == ["High", "High", "Low", "High", "High", "High", "1"]
    # Ben: power and control "Can't tell" (1 of 2 points each).
    assert ben[1:3] == ["Some concerns", "Some concerns"]
    # Cat: six months (1 of 2), efficacy unclear (1 of 4 in its section); power left blank is
    # left out of the size section, which is judged on the sample size alone.
    assert cat[1:6] == ["High", "High", "Some concerns", "Some concerns", "High"]
    for row in table[1:]:
        assert set(row[1:-1]) <= ROBVIS_JUDGEMENTS
        assert row[-1] == "1"


def test_by_item(members: list[Path]) -> None:
    table = robvis_table(views(members), "item")
    header = table[0]
    assert header[0] == "Study" and header[-2:] == ["Overall", "Weight"]
    # The free-text item is never scored, so it is no column.
    assert len(header) == 3 + 7
    assert "What kind of study is it?" not in header
    cat = table[3]
    assert cat[header.index("Is a sample-size (power) calculation reported?")] == "No information"
    assert cat[header.index("How long were participants followed up?")] == "Some concerns"


def test_not_applicable_and_overall_without_a_grade(seed_report: Path, tmp_path: Path) -> None:
    report = load_report(seed_report)
    items = [
        r.model_copy(update={"answer": "na", "points": None, "label": "Not applicable"})
        if r.id == "control_group"
        else r.model_copy(update={"answer": None, "points": None, "label": "", "source": None})
        for r in report.items
    ]
    score = report.score.model_copy(
        update={"percent": None, "grade": None, "uncapped_grade": None, "points": 0.0}
    )
    path = tmp_path / "blank.toml"
    save_report(report.model_copy(update={"items": items, "score": score}), path)
    table = robvis_table(views([path]))
    header, row = table
    assert row[header.index("Is there a fair comparison?")] == "Not applicable"
    assert row[header.index("Is the study big enough?")] == "No information"
    assert row[header.index("Overall")] == "No information"


def test_cells_a_spreadsheet_would_run_are_defused(seed_report: Path, tmp_path: Path) -> None:
    report = load_report(seed_report)
    title = '=HYPERLINK("http://evil.example","click")'
    path = tmp_path / "formula.toml"
    save_report(
        report.model_copy(update={"article": report.article.model_copy(update={"title": title})}),
        path,
    )
    table = rows(robvis_csv(views([path])))
    assert table[1][0] == "'" + title
    assert safe_cell("-1") == "'-1" and safe_cell("@x") == "'@x" and safe_cell("ok") == "ok"
    assert safe_cell("a\x1bb") == "a\u241bb"


def test_repeated_titles_are_told_apart(seed_report: Path) -> None:
    twice = views([seed_report, seed_report])
    assert len(set(study_names(twice))) == 2


def test_cli_export_csv(members: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "export", str(members[0]), "--to", "csv"]) == 0
    table = rows(capsys.readouterr().out)
    assert len(table) == 2 and table[0][0] == "Study"
    assert main(["report", "export", str(members[0]), "--to", "csv", "--by", "item"]) == 0
    assert len(rows(capsys.readouterr().out)[0]) == 10
