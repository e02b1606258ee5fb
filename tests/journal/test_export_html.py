"""The HTML export: one self-contained page, everything escaped, lights with words."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from appraise.cli import main
from appraise.report.export_html import report_to_html
from appraise.report.io import load_report, save_report
from appraise.report.locate import checklist_for, load_reports
from appraise.report.view import view_report

HOSTILE = '<script>alert("x")</script><img src=http://evil.example/x.png onerror=alert(1)>'


def html_of(path: Path) -> str:
    saved = load_reports([path])
    loaded, _ = checklist_for(saved)
    return report_to_html(view_report(saved[0].report, loaded.checklist))


class Elements(HTMLParser):
    """Tags with their attributes, and the text, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


@pytest.fixture
def hostile_report(seed_report: Path, tmp_path: Path) -> Path:
    report = load_report(seed_report)
    first = report.items[0]
    assert first.suggestion is not None
    evidence = first.suggestion.evidence[0].model_copy(update={"quote": HOSTILE})
    changed = report.model_copy(
        update={
            "appraiser": "Ada <b>Lovelace</b>",
            "article": report.article.model_copy(update={"title": HOSTILE}),
            "items": [
                first.model_copy(
                    update={
                        "notes": f"note {HOSTILE}\nsecond line",
                        "reason": f"because {HOSTILE}",
                        "suggestion": first.suggestion.model_copy(
                            update={"evidence": [evidence], "rationale": HOSTILE}
                        ),
                    }
                ),
                *report.items[1:],
            ],
        }
    )
    path = tmp_path / "hostile.toml"
    save_report(changed, path)
    return path


def test_everything_from_the_article_and_the_member_is_escaped(hostile_report: Path) -> None:
    page = html_of(hostile_report)
    elements = parse(page)
    tags = {tag for tag, _ in elements.tags}
    assert "script" not in tags and "img" not in tags and "b" not in tags
    text = "".join(elements.text)
    assert text.count(HOSTILE) >= 5  # title twice, quote, rationale, notes, reason
    assert "Ada <b>Lovelace</b>" in text


def test_self_contained_no_network(members: list[Path]) -> None:
    page = html_of(members[0])
    elements = parse(page)
    for tag, attrs in elements.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed"), tag
        assert "src" not in attrs
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    csp = next(a for t, a in elements.tags if t == "meta" and a.get("http-equiv"))
    assert csp["content"] == "default-src 'none'; style-src 'unsafe-inline'"
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page


def test_traffic_lights_carry_words_not_only_colour(members: list[Path]) -> None:
    page = html_of(members[1])  # Ben: control group "Can't tell", 1 of 2 points
    rows = re.findall(r'<tr class="light-(\w+)"><td class="num">(\d+)</td>(.*?)</tr>', page)
    by_number = {int(n): (light, body) for light, n, body in rows}
    assert len(by_number) == len(load_report(members[1]).items)
    light, body = by_number[1]  # 9 participants: very small, no points
    assert light == "none" and "No points" in body and "\u00d7" in body
    light, body = by_number[3]  # control group: Can't tell
    assert light == "partial" and "Partial" in body
    light, body = by_number[4]  # six years of follow-up
    assert light == "full" and "Full points" in body and "6 years (a year or more)" in body
    light, body = by_number[8]  # study design: free text
    assert light == "unscored" and "Not scored" in body
    # The legend names every light.
    legend = page[page.index('<ul class="legend"') :]
    legend = legend[: legend.index("</ul>")]
    for words in ("Full points", "Partial", "No points", "Not applicable", "Unanswered"):
        assert words in legend


def test_unanswered_and_not_applicable_are_grey(members: list[Path], tmp_path: Path) -> None:
    report = load_report(members[2])  # Cat left the power calculation blank
    items = [
        r.model_copy(update={"answer": "na", "points": None, "label": "Not applicable"})
        if r.id == "primary_endpoint"
        else r
        for r in report.items
    ]
    path = tmp_path / "na.toml"
    save_report(report.model_copy(update={"items": items}), path)
    page = html_of(path)
    assert '<tr class="light-unanswered"><td class="num">2</td>' in page
    assert '<tr class="light-na"><td class="num">6</td>' in page
    assert "#9e9e9e" in page and "#bdbdbd" in page


def test_score_and_print_css(members: list[Path]) -> None:
    page = html_of(members[0])
    report = load_report(members[0])
    verdict = page[page.index('<section class="verdict') : page.index("</section>")]
    assert f">{report.score.grade}<small>" in verdict
    assert f"{round(report.score.percent or 0)}%" in verdict
    assert "Critical failures:" in verdict and "Unanswered:</strong> none" in verdict
    assert "@media print" in page and "print-color-adjust: exact" in page
    assert "break-inside: avoid" in page


def test_cli_export_html(
    members: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "ann.html"
    assert main(["report", "export", str(members[0]), "--to", "html", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == html_of(members[0])
    capsys.readouterr()
    assert main(["report", "export", str(members[0]), "--to", "html"]) == 0
    assert capsys.readouterr().out == html_of(members[0])
