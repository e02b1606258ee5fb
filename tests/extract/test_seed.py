"""The seed article: the appraisal the project was started from must come out right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appraise.cli import main
from appraise.extract import analyse
from appraise.ingest import load_article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "lupus-stem-cell-safety-news.txt"


@pytest.fixture(scope="module")
def seed_findings() -> dict:
    return analyse(load_article(SEED)).to_json()


def test_nine_patients(seed_findings: dict) -> None:
    assert seed_findings["sample_size"]["value"] == 9
    quotes = [e["quote"] for e in seed_findings["sample_size"]["evidence"]]
    assert any("9 patients" in q for q in quotes)


def test_no_control_group(seed_findings: dict) -> None:
    assert seed_findings["control"]["present"] is False
    assert seed_findings["control"]["kind"] == "none"
    assert seed_findings["control"]["evidence"]


def test_six_years_follow_up(seed_findings: dict) -> None:
    assert seed_findings["follow_up"]["days"] == pytest.approx(6 * 365.25)
    assert seed_findings["follow_up"]["text"] == "6 years"


def test_safety_only_without_efficacy(seed_findings: dict) -> None:
    efficacy = seed_findings["efficacy"]
    assert efficacy["reported"] is False
    assert efficacy["safety_only"] is True
    assert efficacy["primary_endpoint"] is None
    # The sentence about what future studies should evaluate is not this study's endpoint.
    assert not any("Studies that evaluate" in e["quote"] for e in efficacy["evidence"])


def test_uncontrolled_design(seed_findings: dict) -> None:
    assert seed_findings["design"]["value"] in ("single-arm", "case-series")


def test_temporal_contradiction_with_both_sides(seed_findings: dict) -> None:
    temporal = [i for i in seed_findings["inconsistencies"] if i["kind"] == "temporal"]
    assert len(temporal) == 1
    quotes = " ".join(e["quote"] for e in temporal[0]["evidence"])
    assert "6 years earlier" in quotes
    assert "6 years after the procedure" in quotes


def test_every_quote_is_verbatim(seed_path: Path, seed_findings: dict) -> None:
    text = load_article(seed_path).text

    def walk(node: object) -> list[dict]:
        if isinstance(node, dict):
            found = list(node.get("evidence", [])) if isinstance(node.get("evidence"), list) else []
            return found + [e for v in node.values() for e in walk(v)]
        if isinstance(node, list):
            return [e for v in node for e in walk(v)]
        return []

    evidence = walk(seed_findings)
    assert evidence
    for item in evidence:
        assert text[item["start"] : item["end"]] == item["quote"]


def test_extract_json_on_the_command_line(
    seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(seed_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sample_size"]["value"] == 9
    assert out["inconsistencies"][0]["kind"] == "temporal"


def test_extract_several_paths_gives_json_lines(
    seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("We randomised 120 adults to drug or placebo and followed them for 2 years.\n")
    assert main(["extract", str(seed_path), str(other), "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(line)["path"] for line in lines] == [str(seed_path), str(other)]
    assert json.loads(lines[1])["sample_size"]["value"] == 120


def test_extract_table_names_each_fact(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(seed_path)]) == 0
    out = capsys.readouterr().out
    for label in ("design", "sample size", "control", "follow-up", "efficacy", "INCONSISTENT"):
        assert label in out
