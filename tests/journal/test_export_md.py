"""The Markdown export: the verdict first, every item, article text escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appraise.cli import main
from appraise.report.export_md import escape, escape_lines, report_to_markdown
from appraise.report.io import load_report, save_report
from appraise.report.locate import checklist_for, load_reports
from appraise.report.model import Report
from appraise.report.view import view_report


def markdown(path: Path) -> str:
    saved = load_reports([path])
    loaded, _ = checklist_for(saved)
    return report_to_markdown(view_report(saved[0].report, loaded.checklist))


def test_the_verdict_comes_first(members: list[Path]) -> None:
    text = markdown(members[2])  # Cat: six months of follow-up, efficacy unclear
    lines = text.splitlines()
    assert lines[0].startswith("# Appraisal: A recent study published in Clinical")
    assert lines[2].startswith("**Grade: weak**, ")
    assert lines[2].endswith("points)")
    assert lines[4].startswith("- **Critical failures:** Was there a comparison group")
    assert lines[5].startswith("- **Unanswered:** 1, so the grade is provisional: Is a sample")
    assert text.index("## Sections") < text.index("## Items")


def test_every_item_with_its_evidence_notes_and_reason(members: list[Path]) -> None:
    text = markdown(members[1])  # Ben
    report = load_report(members[1])
    assert text.count("\n### ") == len(report.items)
    block = text[text.index("### 3. Was there a comparison group") :]
    block = block[: block.index("\n### ")]
    assert "(critical)" in block.splitlines()[0]
    assert "- **Answer:** Can't tell; 1/2 points, \u2212 Partial" in block
    assert "- **Source:** edited (suggested: No, confidence" in block
    assert "  > \u201cThe patients underwent umbilical cord mesenchymal stem cell" in block
    assert "- **Reason for the change:** patients who did not respond to other drugs" in block
    assert "- **Notes:** Nine patients: far too few to judge safety." in text
    assert "72 months" not in text and "6 years (a year or more)" in text


def test_article_text_and_notes_are_escaped(seed_report: Path, tmp_path: Path) -> None:
    report = load_report(seed_report)
    hostile = "<script>alert(1)</script> *bold* [link](http://x) | pipe \x1b[31mred"
    changed = report.model_copy(
        update={
            "article": report.article.model_copy(update={"title": hostile}),
            "items": [
                report.items[0].model_copy(
                    update={"notes": "first\n- not a list\n# not a heading"}
                ),
                *report.items[1:],
            ],
        }
    )
    path = tmp_path / "hostile.toml"
    save_report(changed, path)
    text = markdown(path)
    title = text.splitlines()[0]
    assert "<script>" not in text
    assert title == (
        "# Appraisal: \\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](http://x) "
        "\\| pipe \u241b\\[31mred"
    )
    assert "- **Notes:** first\\\n  \\- not a list\\\n  \\# not a heading" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain words", "plain words"),
        ("a_b*c", "a\\_b\\*c"),
        ("p<0.05 & q>1", "p\\<0.05 \\& q\\>1"),
        ("many\n  spaces\tand lines", "many spaces and lines"),
        ("`code`", "\\`code\\`"),
    ],
)
def test_escape(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped


def test_escape_lines_keeps_lines_apart() -> None:
    assert escape_lines("one\n1. two\n+ three\n\n3-4 four", "  ") == (
        "one\\\n  1\\. two\\\n  \\+ three\\\n  3-4 four"
    )


def test_cli_export_md_to_stdout_and_file(
    seed_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "export", str(seed_report), "--to", "md"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Appraisal: ") and err == ""
    target = tmp_path / "notes" / "seed.md"
    assert main(["report", "export", str(seed_report), "--to", "md", "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == markdown(seed_report)


def test_cli_export_json_is_the_model(
    seed_report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "export", str(seed_report), "--to", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert Report.model_validate(data) == load_report(seed_report)


def test_cli_export_needs_a_format(seed_report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["report", "export", str(seed_report)])
    assert caught.value.code == 2
    assert "--to" in capsys.readouterr().err


def test_cli_export_unknown_checklist_says_what_to_do(
    seed_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = load_report(seed_report)
    other = report.model_copy(
        update={"checklist": report.checklist.model_copy(update={"id": "club-own"})}
    )
    path = tmp_path / "own.toml"
    save_report(other, path)
    assert main(["report", "export", str(path), "--to", "md"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"appraise: {path}: the report's checklist 'club-own' is not installed here: "
        "name its file with --checklist PATH\n"
    )
    # Named: read with it, and warned that the ids differ.
    assert main(["report", "export", str(path), "--to", "md", "--checklist", "journal-club"]) == 0
    assert "made with checklist 'club-own', read here with 'journal-club'" in (
        capsys.readouterr().err
    )
