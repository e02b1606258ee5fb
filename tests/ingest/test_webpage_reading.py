"""Saved web pages: the story and its headline, without the page's boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_documents import BOILERPLATE, CORPUS, parse_text, to_html

from appraise.errors import InputError
from appraise.ingest import article_from_data, load_article


def one_problem(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    (problem,) = excinfo.value.problems
    return str(problem)


@pytest.fixture(scope="module")
def news() -> tuple[str, str]:
    text = (CORPUS / "news_rct_placebo_01.txt").read_text(encoding="utf-8")
    return text, to_html(parse_text(text))


def test_story_and_headline_without_boilerplate(news: tuple[str, str]) -> None:
    text, page = news
    article = article_from_data(page.encode("utf-8"), "story.html")
    paragraphs = [line for line in text.splitlines() if line.strip()]
    assert article.title == paragraphs[0]
    assert article.text.startswith(paragraphs[0] + "\n")
    position = 0
    for paragraph in paragraphs:
        found = article.text.find(paragraph, position)
        assert found >= 0, paragraph[:60]
        position = found + len(paragraph)
    for junk in BOILERPLATE:
        assert junk not in article.text, junk


def test_page_metadata(news: tuple[str, str]) -> None:
    article = article_from_data(news[1].encode("utf-8"), "story.html")
    assert article.metadata["format"] == "html"
    assert article.metadata["authors"] == "Jane Reporter"
    assert article.metadata["date"] == "2024-03-06"
    assert article.metadata["year"] == "2024"
    assert article.metadata["site"] == "Daily Example"


def test_journal_landing_page_citation_tags_and_references(tmp_path: Path) -> None:
    doc = parse_text((CORPUS / "full_rct_placebo_01.txt").read_text(encoding="utf-8"))
    tags = (
        f'<meta name="citation_title" content="{doc.title}">'
        '<meta name="citation_author" content="Marsh, Helena">'
        '<meta name="citation_author" content="Okafor, Samuel">'
        '<meta name="citation_journal_title" content="Journal of Clinical Test Medicine">'
        '<meta name="citation_publication_date" content="2024/03/06">'
        '<meta name="citation_doi" content="10.5555/jctm.2024.0101">'
        '<meta name="citation_pmid" content="38000001">'
    )
    page = to_html(doc).replace("<head>", "<head>" + tags, 1)
    article = article_from_data(page.encode("utf-8"), "landing.html")
    assert article.title == doc.title
    assert article.metadata["authors"] == "Marsh, Helena; Okafor, Samuel"
    assert article.metadata["journal"] == "Journal of Clinical Test Medicine"
    assert article.metadata["year"] == "2024"
    assert article.metadata["doi"] == "10.5555/jctm.2024.0101"
    assert article.metadata["pmid"] == "38000001"
    assert article.metadata["references"].splitlines() == doc.references
    assert "Whitaker D, Lowe M" not in article.text
    assert "Lidocaine (n=64) | Placebo (n=64)" in article.text


def test_declared_legacy_charset(news: tuple[str, str]) -> None:
    page = news[1].replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("Dr. Helena Marsh", "Dr. Hélène Marsh")
    article = article_from_data(page.encode("cp1252", errors="replace"), "old.html")
    assert "Dr. Hélène Marsh" in article.text
    assert article.encoding == "cp1252"


def test_page_without_a_story_is_refused() -> None:
    page = b"<!DOCTYPE html><html><head><title>App</title></head><body><div id='root'></div>"
    page += b"<script>render()</script></body></html>"
    with pytest.raises(InputError) as caught:
        article_from_data(page, "app.html")
    assert one_problem(caught) == (
        "app.html: no article text found in the web page (a page built by JavaScript, or a "
        "consent wall?); open it in a browser, then save it or copy its text"
    )


def test_seed_story_as_a_web_page(seed_path: Path, tmp_path: Path) -> None:
    # The seed has no headline: the page gets one, which adds nothing to the findings.
    from appraise.extract import analyse

    text = seed_path.read_text(encoding="utf-8")
    doc = parse_text("Stem cells and lupus\n" + text)
    page = tmp_path / "seed.html"
    page.write_text(to_html(doc), encoding="utf-8")
    plain = analyse(load_article(seed_path)).to_json()
    web = analyse(load_article(page)).to_json()
    assert web["sample_size"]["value"] == plain["sample_size"]["value"] == 9
    assert web["control"]["present"] is plain["control"]["present"] is False
    assert web["follow_up"]["days"] == plain["follow_up"]["days"]
    assert web["efficacy"]["safety_only"] is plain["efficacy"]["safety_only"] is True
    assert [i["kind"] for i in web["inconsistencies"]] == [
        i["kind"] for i in plain["inconsistencies"]
    ]
