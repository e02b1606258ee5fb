"""JATS and PubMed XML: layout, metadata, and files that try to expand or fetch entities."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_documents import CORPUS, parse_text, to_jats, to_pubmed
from ingest_server import Response, Server

from appraise.errors import InputError
from appraise.ingest import article_from_data


def one_problem(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    (problem,) = excinfo.value.problems
    return str(problem)


def refused(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    with pytest.raises(InputError) as caught:
        article_from_data(data, "a.xml")
    return one_problem(caught)


# -- PubMed ---------------------------------------------------------------------------------------


def test_structured_abstract_as_label_lines() -> None:
    doc = parse_text((CORPUS / "sabs_rct_active_01.txt").read_text(encoding="utf-8"))
    article = article_from_data(to_pubmed(doc).encode("utf-8"), "p.xml")
    labelled = [block for block in doc.blocks if block.kind == "label"]
    assert article.text == (
        doc.title + "\n\n" + "".join(f"{block.label.upper()}: {block.text}\n" for block in labelled)
    )
    assert article.title == doc.title
    assert article.metadata == {
        "format": "pubmed",
        "authors": "Marsh H; Okafor S; Example Trial Group",
        "journal": "Journal of clinical test medicine",
        "year": "2024",
        "doi": "10.5555/jctm.2024.0202",
        "pmid": "38000002",
        "publication_types": "Randomized Controlled Trial; Journal Article",
    }
    # One sentence never runs over two sections.
    assert all("\n" not in article.sentence_text(span) for span in article.sentences)


def test_several_records_read_the_first_with_a_warning() -> None:
    doc = parse_text((CORPUS / "abs_cohort_01.txt").read_text(encoding="utf-8"))
    one = to_pubmed(doc, pmid="1").split("<PubmedArticleSet>")[1].split("</PubmedArticleSet>")[0]
    two = one.replace('<PMID Version="1">1</PMID>', '<PMID Version="1">2</PMID>')
    data = to_pubmed(doc, pmid="1").replace(one, one + two)
    article = article_from_data(data.encode("utf-8"), "set.xml")
    assert article.metadata["pmid"] == "1"
    assert article.warnings == ["the file holds 2 PubMed records; read the first (1)"]


def test_empty_set_and_efetch_error() -> None:
    empty = '<?xml version="1.0"?>\n<PubmedArticleSet></PubmedArticleSet>\n'
    assert refused(empty) == "a.xml: the PubMed XML holds no article"
    error = "<eFetchResult><ERROR>UID=0: cannot get document summary</ERROR></eFetchResult>"
    assert refused(error) == (
        "a.xml: E-utilities refused the request: UID=0: cannot get document summary"
    )


# -- JATS -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def jats_article():  # type: ignore[no-untyped-def]
    doc = parse_text((CORPUS / "full_rct_placebo_01.txt").read_text(encoding="utf-8"))
    return doc, article_from_data(to_jats(doc).encode("utf-8"), "a.xml")


def test_jats_layout_like_the_text(jats_article) -> None:  # type: ignore[no-untyped-def]
    _, article = jats_article
    source = (CORPUS / "full_rct_placebo_01.txt").read_text(encoding="utf-8")
    body = source.split("\nReferences\n")[0]
    # The same lines as our text file, in the same order (blank lines aside).
    assert [line for line in article.text.splitlines() if line] == [
        line for line in body.splitlines() if line
    ]


def test_jats_metadata_and_references(jats_article) -> None:  # type: ignore[no-untyped-def]
    doc, article = jats_article
    assert article.title == doc.title
    references = article.metadata.pop("references").splitlines()
    assert references == doc.references
    assert article.metadata == {
        "format": "jats",
        "authors": "Helena Marsh; Samuel Okafor",
        "journal": "Journal of Clinical Test Medicine",
        "year": "2024",
        "doi": "10.5555/jctm.2024.0101",
        "pmid": "38000001",
        "pmcid": "PMC9000001",
    }
    assert "Whitaker" not in article.text


def test_pmc_articleset_and_named_entities() -> None:
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE pmc-articleset PUBLIC "-//NLM//DTD ARTICLE SET 2.0//EN"'
        ' "https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd">\n'
        "<pmc-articleset><article><front><article-meta><title-group><article-title>Nine"
        " patients&mdash;a series</article-title></title-group></article-meta></front>"
        "<body><p>We studied 9 patients for 6&nbsp;years.</p>"
        "<p>Values are listed:<list><list-item><p>one</p></list-item></list></p></body>"
        "</article></pmc-articleset>"
    )
    article = article_from_data(data.encode("utf-8"), "pmc.xml")
    assert article.text == (
        "Nine patients—a series\nWe studied 9 patients for 6 years.\nValues are listed:\n- one\n"
    )


# -- files that are not what they claim, or attack the parser -----------------------------------


def test_unknown_xml_and_broken_xml() -> None:
    assert refused('<?xml version="1.0"?><svg><text>9 patients</text></svg>') == (
        "a.xml: XML, but neither JATS (<article>) nor PubMed (<PubmedArticleSet>): "
        "the root element is <svg>"
    )
    assert refused('<?xml version="1.0"?>\n<article>\n<body><p>x</body></article>') == (
        "a.xml:3:13: not well-formed XML: mismatched tag"
    )


def test_billion_laughs_is_refused() -> None:
    entities = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10)
    ).replace("&lol0;", "lol")
    data = f'<?xml version="1.0"?>\n<!DOCTYPE article [\n{entities}]>\n<article>&lol9;</article>'
    message = refused(data)
    assert message.startswith("a.xml:")
    assert message.endswith(
        "the XML expands its entities out of all proportion (a 'billion laughs' attack?); refused"
    )


def test_quadratic_blowup_is_refused() -> None:
    big = "x" * 50_000
    data = f'<!DOCTYPE article [<!ENTITY a "{big}">]><article>{"&a;" * 5_000}</article>'
    assert refused(data).endswith("(a 'billion laughs' attack?); refused")


def test_external_entities_and_dtds_are_never_fetched(server: Server, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PASSWORD")
    server.routes["/evil.dtd"] = Response(200, b'<!ENTITY x "fetched">')
    server.routes["/x"] = Response(200, b"fetched")
    file_entity = (
        f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<article><body><p>&x;</p></body></article>"
    )
    assert refused(file_entity) == (
        "a.xml:1:"
        + str(file_entity.index("&x;") + 1)
        + ": undefined entity &x;: the XML uses an entity it does not define "
        "(external entities and DTDs are never fetched)"
    )
    web_entity = file_entity.replace(f"file://{secret}", server.url("/x"))
    assert "undefined entity &x;" in refused(web_entity)
    # An external DTD, and a parameter entity pulling one in: skipped, not fetched.
    for doctype in (
        f'<!DOCTYPE article SYSTEM "{server.url("/evil.dtd")}">',
        f'<!DOCTYPE article [<!ENTITY % p SYSTEM "{server.url("/evil.dtd")}"> %p;]>',
    ):
        data = (
            f'<?xml version="1.0"?>{doctype}<article><front><article-meta><title-group>'
            "<article-title>We studied 9 patients.</article-title></title-group>"
            "</article-meta></front></article>"
        )
        assert article_from_data(data.encode(), "a.xml").text == "We studied 9 patients.\n"
    assert server.requests == []
    assert "PASSWORD" not in file_entity  # the secret was only named, never read
