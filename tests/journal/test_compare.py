"""Comparing members' reports: the table, percent agreement and kappa worked by hand."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from appraise.cli import main
from appraise.report.compare import Comparison, compare_reports
from appraise.report.io import load_report, save_report
from appraise.report.locate import checklist_for, load_reports


def compare(paths: list[Path]) -> Comparison:
    saved = load_reports(paths)
    loaded, _ = checklist_for(saved)
    return compare_reports(saved, loaded.checklist)


def test_three_reports(members: list[Path]) -> None:
    comparison = compare(members)
    assert comparison.raters == ["Ann", "Ben", "Cat"]
    assert comparison.warnings == []
    status = {c.item_id: c.status for c in comparison.items}
    assert status == {
        "power_calculation": "disagree",  # no, unclear, blank
        "control_group": "disagree",
        "follow_up": "disagree",  # 6 years vs 6 months: other bands
        "efficacy_endpoint": "disagree",
        "sample_size": "agree",  # 9, 9, 12: all "very small"
        "primary_endpoint": "agree",
        "internal_consistency": "agree",
        "study_design": "agree",  # free text, equal but for case and spacing
    }
    # Disagreements first, then agreements, each in checklist order.
    assert [c.item_id for c in comparison.items] == [
        "power_calculation",
        "control_group",
        "follow_up",
        "efficacy_endpoint",
        "sample_size",
        "primary_endpoint",
        "internal_consistency",
        "study_design",
    ]
    sample = next(c for c in comparison.items if c.item_id == "sample_size")
    assert [r.category for r in sample.ratings] == ["very small"] * 3
    assert [r.text for r in sample.ratings] == [
        "9 (very small)",
        "9 (very small)",
        "12 (very small)",
    ]

    agreement = comparison.agreement
    # Counted: the six categorical items all three answered (power_calculation has Cat blank;
    # study_design is free text).
    #   sample_size           very small  very small  very small   P_i = 1
    #   control_group         no          unclear     no           P_i = (4 + 1 - 3) / 6 = 1/3
    #   follow_up             year+       year+       under-year   P_i = 1/3
    #   efficacy_endpoint     no          no          unclear      P_i = 1/3
    #   primary_endpoint      no          no          no           P_i = 1
    #   internal_consistency  no          no          no           P_i = 1
    # All agree on 3 of 6 = 50%. P-bar = (3 + 3 * 1/3) / 6 = 2/3.
    # The 18 ratings: no 10, very small 3, unclear 2, year+ 2, under-year 1;
    # P_e = (100 + 9 + 4 + 4 + 1) / 324 = 118/324.
    # Fleiss' kappa = (216/324 - 118/324) / (1 - 118/324) = 98/206 = 49/103 = 0.4757.
    assert agreement.items == 6
    assert agreement.agreed == 3
    assert agreement.percent == pytest.approx(50.0)
    assert agreement.mean_pairwise == pytest.approx(200 / 3)
    assert agreement.method == "Fleiss' kappa"
    assert agreement.kappa == pytest.approx(49 / 103)
    assert (agreement.incomplete, agreement.blank, agreement.free_text) == (1, 0, 1)

    # Pairs, over the categorical items both answered:
    # Ann-Ben, 7 items (power_calculation too): agree on 5; Ann no 5, very small 1, year+ 1;
    #   Ben no 3, unclear 2, very small 1, year+ 1. p_e = (15 + 1 + 1) / 49 = 17/49;
    #   kappa = (35/49 - 17/49) / (32/49) = 18/32 = 9/16.
    # Ann-Cat, 6 items: agree on 4; Ann no 4, very small 1, year+ 1; Cat no 3, very small 1,
    #   under-year 1, unclear 1. p_e = (12 + 1) / 36; kappa = (24 - 13) / (36 - 13) = 11/23.
    # Ben-Cat, 6 items: agree on 3; Ben no 3, unclear 1, very small 1, year+ 1; Cat no 3,
    #   unclear 1, very small 1, under-year 1. p_e = (9 + 1 + 1) / 36; kappa = (18 - 11) / 25.
    pairs = {(p.first, p.second): (p.items, p.kappa) for p in agreement.pairs}
    assert pairs[("Ann", "Ben")] == pytest.approx((7, 9 / 16))
    assert pairs[("Ann", "Cat")] == pytest.approx((6, 11 / 23))
    assert pairs[("Ben", "Cat")] == pytest.approx((6, 7 / 25))


def test_two_reports_use_cohen(members: list[Path]) -> None:
    comparison = compare(members[:2])
    agreement = comparison.agreement
    # Ann and Ben: see the pairs above; all 7 categorical items answered by both, 5 agree.
    assert agreement.method == "Cohen's kappa"
    assert (agreement.items, agreement.agreed) == (7, 5)
    assert agreement.kappa == pytest.approx(9 / 16)
    assert agreement.percent == pytest.approx(100 * 5 / 7)
    assert agreement.mean_pairwise == pytest.approx(agreement.percent)
    assert agreement.pairs == []
    assert [c.item_id for c in comparison.disagreements] == ["power_calculation", "control_group"]


def test_warns_when_article_or_checklist_differ(members: list[Path], tmp_path: Path) -> None:
    report = load_report(members[1])
    other = report.model_copy(
        update={
            "article": report.article.model_copy(update={"sha256": "0" * 64}),
            "checklist": report.checklist.model_copy(update={"version": "0.9"}),
        }
    )
    changed = tmp_path / "changed.toml"
    save_report(other, changed)
    warnings = compare([members[0], changed]).warnings
    assert any("different article" in w and "sha256" in w for w in warnings)
    assert any("version 0.9" in w for w in warnings)


def test_same_appraiser_twice_gets_told_apart(members: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "again.toml"
    copy.write_bytes(members[0].read_bytes())
    assert compare([members[0], copy]).raters == ["Ann (ann.toml)", "Ann (again.toml)"]


def test_cli_compare_text(members: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "compare", *map(str, members)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Compared 3 reports of")
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("item"))
    assert "Ann" in lines[header] and "Cat" in lines[header]
    first_row = lines[header + 1].split()
    assert first_row[0] == "power_calculation" and first_row[-1] == "DISAGREE"
    assert "Ben's reason: a news story would not report it either way" in out
    assert "all agree on 3 (50%)" in out
    assert "Fleiss' kappa = 0.48 (moderate), over 6 items." in out
    assert "Ann\u2013Ben 0.56 (7 items)" in out
    assert "To discuss: power_calculation, control_group, follow_up, efficacy_endpoint." in out


def test_cli_compare_json(members: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "compare", *map(str, members), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in data["raters"]] == ["Ann", "Ben", "Cat"]
    assert data["agreement"]["kappa"] == round(49 / 103, 3)
    assert data["agreement"]["method"] == "Fleiss' kappa"
    assert data["agreement"]["incomplete"] == 1
    first = data["items"][0]
    assert first["id"] == "power_calculation" and first["status"] == "disagree"
    assert [r["answer"] for r in first["ratings"]] == ["no", "unclear", None]


def test_cli_compare_writes_consensus(
    members: list[Path], tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "agreed" / "consensus.toml"
    argv = ["report", "compare", *map(str, members), "--consensus", str(out_path), "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["consensus"]["to_discuss"] == [
        "power_calculation",
        "control_group",
        "follow_up",
        "efficacy_endpoint",
    ]
    saved = tomllib.loads(out_path.read_text(encoding="utf-8"))
    assert saved["appraiser"] == "consensus of Ann, Ben, Cat"
    # The article's path is recorded relative to the consensus report's own folder.
    assert not Path(saved["article"]["path"]).is_absolute()
    assert (out_path.parent / saved["article"]["path"]).resolve() == seed_path.resolve()


def test_cli_compare_needs_two(members: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["report", "compare", str(members[0])])
    assert caught.value.code == 2
    assert "two or more reports" in capsys.readouterr().err


def test_cli_compare_bad_report_is_one_line(
    members: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("appraiser = \n", encoding="utf-8")
    assert main(["report", "compare", str(members[0]), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"appraise: {bad}:1:")
    assert len(err.splitlines()) == 1
