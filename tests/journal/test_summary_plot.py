"""`appraise summary`: a traffic-light plot across articles, as SVG, HTML or CSV."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from appraise.cli import main
from appraise.report.io import load_report, save_report
from appraise.report.locate import checklist_for, load_reports
from appraise.report.summary_svg import summary_svg
from appraise.report.view import LIGHT_COLOURS, view_report

SVG = "{http://www.w3.org/2000/svg}"


def plot(paths: list[Path], by: str = "section") -> ET.Element:
    saved = load_reports(paths)
    loaded, _ = checklist_for(saved)
    views = [view_report(s.report, loaded.checklist) for s in saved]
    return ET.fromstring(summary_svg(views, by))  # type: ignore[arg-type]


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def dots(root: ET.Element) -> list[tuple[str, str]]:
    """(tooltip, fill) of every traffic light."""
    found = []
    for group in root.iter(f"{SVG}g"):
        circle = group.find(f"{SVG}circle")
        title = group.find(f"{SVG}title")
        if circle is not None and title is not None:
            found.append((title.text or "", circle.get("fill", "")))
    return found


def test_rows_are_articles_and_columns_domains(members: list[Path]) -> None:
    root = plot(members)
    words = texts(root)
    assert words[0] == "Appraisals of 3 articles"
    assert "D1" in words and "D5" in words and "D6" not in words and "All" in words
    assert "D1: Is the study big enough?" in words
    assert "D5: Do the numbers hold together?" in words
    title = load_report(members[0]).article.title
    labels = [w for w in words if w.endswith(("(Ann)", "(Ben)", "(Cat)"))]
    assert len(labels) == 3 and all(label.startswith(title[:40]) for label in labels)
    assert len([w for w in words if w.startswith("weak ")]) == 3
    assert any(w.endswith("(provisional)") for w in words)  # Cat left one item blank
    lights = [d for d in dots(root) if ": D" in d[0] or ": grade" in d[0]]
    assert len(lights) == 3 * (5 + 1)
    ben_control = next(t for t in lights if "(Ben): D2 " in t[0])
    assert ben_control == (
        f"{next(w for w in labels if w.endswith('(Ben)'))}: D2 Is there a fair comparison?: "
        "Partial",
        LIGHT_COLOURS["partial"],
    )


def test_legend_names_every_light_and_grade(members: list[Path]) -> None:
    words = texts(plot(members))
    for expected in ("Judgement", "Full points", "Partial", "No points", "Not applicable"):
        assert expected in words
    for grade in ("strong", "moderate", "weak"):
        assert grade in words


def test_by_item(members: list[Path]) -> None:
    words = texts(plot(members, "item"))
    assert "D7: Are the reported facts consistent with each other?" in words
    assert "D8" not in words  # free text is not plotted
    assert "Items" in words


def test_text_is_escaped(seed_report: Path, tmp_path: Path) -> None:
    report = load_report(seed_report)
    title = 'A <b>bold</b> & "quoted" claim'
    path = tmp_path / "odd.toml"
    save_report(
        report.model_copy(update={"article": report.article.model_copy(update={"title": title})}),
        path,
    )
    root = plot([path])  # parses: the markup is text
    assert title in texts(root)
    assert root.find(f".//{SVG}b") is None


@pytest.mark.parametrize("suffix", [".svg", ".html", ".csv"])
def test_cli_summary_of_a_folder(
    members: list[Path], tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"summary{suffix}"
    assert main(["summary", str(members[0].parent), "-o", str(target)]) == 0
    assert capsys.readouterr().err == f"wrote {target}\n"
    text = target.read_text(encoding="utf-8")
    if suffix == ".svg":
        ET.fromstring(text)
    elif suffix == ".html":
        assert text.startswith("<!DOCTYPE html>")
        assert '<div class="plot"><svg xmlns="http://www.w3.org/2000/svg"' in text
        assert "<script" not in text and 'http-equiv="Content-Security-Policy"' in text
        assert text.count("<tr><td>") == 3
    else:
        table = list(csv.reader(io.StringIO(text)))
        assert table[0][0] == "Study" and len(table) == 4


def test_cli_summary_svg_to_stdout(members: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", *map(str, members)]) == 0
    assert capsys.readouterr().out.startswith("<svg ")


def test_cli_summary_refuses_an_unknown_format(
    members: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["summary", str(members[0]), "-o", "summary.png"])
    assert caught.value.code == 2
    assert "name a .svg, .html or .csv file" in capsys.readouterr().err


def test_cli_summary_refuses_mixed_checklists(
    members: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = load_report(members[1])
    other = tmp_path / "other.toml"
    save_report(
        report.model_copy(
            update={"checklist": report.checklist.model_copy(update={"id": "club-own"})}
        ),
        other,
    )
    assert main(["summary", str(members[0]), str(other), "-o", str(tmp_path / "s.svg")]) == 1
    err = capsys.readouterr().err
    assert "a summary needs reports of one checklist" in err
    assert len(err.splitlines()) == 1


def test_cli_summary_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"appraise: {tmp_path}: no reports (*.toml) in this folder\n"
