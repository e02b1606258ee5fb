"""The same study as text, PDF, web page, JATS and PubMed XML: extraction finds the same facts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ingest_documents import ARTICLES

from appraise.cli import main
from appraise.extract import analyse
from appraise.ingest import load_article, open_article

FORMATS = ("pdf", "html", "jats", "pubmed")


def key_findings(findings: dict[str, Any]) -> dict[str, Any]:
    return {
        "design": findings["design"]["value"],
        "sample_size": findings["sample_size"]["value"],
        "control_present": findings["control"]["present"],
        "control_kind": findings["control"]["kind"],
        "follow_up_days": findings["follow_up"]["days"],
        "efficacy_reported": findings["efficacy"]["reported"],
        "safety_only": findings["efficacy"]["safety_only"],
        "inconsistencies": sorted(item["kind"] for item in findings["inconsistencies"]),
    }


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ARTICLES)
def test_same_findings_as_the_text(
    rendered: dict[str, dict[str, Path]], name: str, fmt: str
) -> None:
    files = rendered[name]
    if fmt not in files:
        pytest.skip("PubMed holds abstracts only")
    expected = key_findings(analyse(load_article(files["txt"])).to_json())
    article = load_article(files[fmt])
    assert article.metadata["format"] == fmt
    assert key_findings(analyse(article).to_json()) == expected
    # Every piece of evidence still quotes the article's own text.
    for finding in analyse(article).to_json().values():
        for item in finding if isinstance(finding, list) else [finding]:
            for evidence in item.get("evidence", []):
                assert article.text[evidence["start"] : evidence["end"]] == evidence["quote"]


def test_extract_command_agrees_across_formats(
    rendered: dict[str, dict[str, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    files = rendered["full_rct_placebo_01"]
    paths = [str(files[fmt]) for fmt in ("txt", "pdf", "html", "jats")]
    assert main(["extract", *paths, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["path"] for row in rows] == paths
    found = [key_findings(row) for row in rows]
    assert found[0]["sample_size"] == 132 and found[0]["control_kind"] == "placebo"
    assert all(row == found[0] for row in found[1:])


def test_content_decides_not_the_name(rendered: dict[str, dict[str, Path]], tmp_path: Path) -> None:
    # A PDF saved as .txt, a web page with no extension, JATS named .html: read by content.
    files = rendered["news_rct_placebo_01"]
    for fmt, name in (("pdf", "story.txt"), ("html", "story"), ("jats", "story.html")):
        misnamed = tmp_path / name
        misnamed.write_bytes(files[fmt].read_bytes())
        assert open_article(str(misnamed)).metadata["format"] == fmt


def test_text_and_markdown_read_as_before(tmp_path: Path) -> None:
    markdown = tmp_path / "a.md"
    markdown.write_text("# Stem cells for lupus\n\nWe studied 9 patients.\n")
    article = open_article(str(markdown))
    assert (article.title, article.metadata) == ("Stem cells for lupus", {"format": "markdown"})
    plain = tmp_path / "a.txt"
    plain.write_text("Stem cells for lupus\n\nWe studied 9 patients.\n")
    assert open_article(str(plain)).metadata == {"format": "text"}
