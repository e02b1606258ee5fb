"""Fetching by PMID, PMCID, DOI and URL from a local server: the cache, retries, and failures."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from ingest_documents import CORPUS, parse_text, to_html, to_jats, to_pubmed
from ingest_server import Response, Server

from appraise.cli import main
from appraise.errors import InputError
from appraise.ingest import open_article


@pytest.fixture
def pubmed(server: Server, monkeypatch: pytest.MonkeyPatch) -> Server:
    """E-utilities at /efetch: PMID 38000002 is our structured abstract, others are unknown."""
    doc = parse_text((CORPUS / "sabs_rct_active_01.txt").read_text(encoding="utf-8"))
    full = parse_text((CORPUS / "full_rct_placebo_01.txt").read_text(encoding="utf-8"))
    record = to_pubmed(doc, pmid="38000002").encode("utf-8")
    empty = b'<?xml version="1.0"?>\n<PubmedArticleSet></PubmedArticleSet>\n'

    def efetch(request: str) -> Response:
        if "db=pmc" in request and "id=9000001" in request:
            body = to_jats(full).replace("<article ", "<pmc-articleset><article ", 1)
            return Response(200, (body + "</pmc-articleset>").encode("utf-8"))
        return Response(200, record if "id=38000002" in request else empty)

    server.routes["/efetch"] = efetch
    monkeypatch.setenv("APPRAISE_PUBMED_URL", server.url("/efetch"))
    monkeypatch.setenv("APPRAISE_DOI_URL", server.url("/doi/"))
    return server


def news_page() -> bytes:
    text = (CORPUS / "news_rct_placebo_01.txt").read_text(encoding="utf-8")
    return to_html(parse_text(text)).encode("utf-8")


def one_problem(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    (problem,) = excinfo.value.problems
    return str(problem)


def failure(reference: str) -> str:
    with pytest.raises(InputError) as caught:
        open_article(reference)
    return one_problem(caught)


def test_pmid_fetches_the_pubmed_record_once(pubmed: Server, isolated_cache: Path) -> None:
    article = open_article("38000002")
    assert article.metadata["format"] == "pubmed"
    assert article.metadata["pmid"] == "38000002"
    assert article.text.splitlines()[2].startswith("BACKGROUND: Above-elbow casts")
    (request,) = pubmed.requests
    assert request == "/efetch?db=pubmed&id=38000002&retmode=xml&tool=appraise"
    assert pubmed.headers[0]["User-Agent"].startswith("appraise/")
    # The cached copy is what the article points at, and a second open reads it.
    cached = Path(article.path or "")
    assert cached.parent == isolated_cache / "fetched" and cached.suffix == ".xml"
    again = open_article("PMID: 38000002")
    assert (again.text, again.sha256) == (article.text, article.sha256)
    assert len(pubmed.requests) == 1
    record = json.loads(cached.with_suffix(".json").read_text())
    assert record["reference"] == "38000002"
    assert record["final_url"] == pubmed.url(request)


def test_pmcid_fetches_the_full_text(pubmed: Server) -> None:
    article = open_article("PMC9000001")
    assert article.metadata["format"] == "jats"
    assert article.metadata["pmcid"] == "PMC9000001"
    assert "db=pmc&id=9000001" in pubmed.requests[0]


def test_unknown_pmid(pubmed: Server, isolated_cache: Path) -> None:
    assert failure("99999999") == "99999999: PubMed has no record with PMID 99999999"
    # Nothing unreadable is kept in the cache.
    assert not list((isolated_cache / "fetched").glob("pubmed-99999999*"))


def test_doi_resolves_to_the_landing_page(pubmed: Server) -> None:
    doc = parse_text((CORPUS / "full_rct_placebo_01.txt").read_text(encoding="utf-8"))
    pubmed.routes["/doi/10.5555/jctm.2024.0101"] = Response(
        302, headers={"Location": pubmed.url("/journal/article/0101")}
    )
    pubmed.routes["/journal/article/0101"] = Response(
        200,
        to_html(doc).encode("utf-8"),
        {"Content-Type": "text/html; charset=utf-8", "Set-Cookie": "session=1; Path=/"},
    )
    article = open_article("doi:10.5555/jctm.2024.0101")
    assert article.metadata["format"] == "html"
    assert article.title == doc.title
    assert article.metadata["url"] == pubmed.url("/journal/article/0101")
    assert pubmed.paths() == ["/doi/10.5555/jctm.2024.0101", "/journal/article/0101"]


def test_url_of_a_news_story(server: Server) -> None:
    server.routes["/health/migraine"] = Response(200, news_page())
    article = open_article(server.url("/health/migraine"))
    assert article.metadata["format"] == "html"
    assert "577 adults" in article.text


def test_a_file_of_the_same_name_wins(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("12345").write_text("We studied 9 patients.\n")
    assert open_article("12345").text == "We studied 9 patients.\n"
    assert server.requests == []


def test_retries_then_succeeds(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    server.routes["/flaky"] = [
        Response(503, b"busy"),
        Response(429, b"slow down", {"Retry-After": "0"}),
        Response(200, news_page()),
    ]
    assert "577 adults" in open_article(server.url("/flaky")).text
    assert server.paths() == ["/flaky"] * 3


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (Response(404, b"gone"), "HTTP 404 Not Found: no such page"),
        (
            Response(403, b"no"),
            "HTTP 403 Forbidden: the site refused the download (paywall or robot "
            "check?); save the page from your browser and open the file",
        ),
        (Response(500, b"oops"), "HTTP 500 Internal Server Error (tried 3 times)"),
        (Response(302, headers={"Location": "file:///etc/passwd"}), None),
    ],
    ids=["404", "403", "500", "redirect-to-file"],
)
def test_http_errors_are_one_line(server: Server, response: Response, message: str | None) -> None:
    server.routes["/a"] = response
    url = server.url("/a")
    got = failure(url)
    if message is None:
        assert got == (
            f"{url}: refused to follow a redirect to file:///etc/passwd (only http and https)"
        )
    else:
        assert got == f"{url}: {message}"


def test_timeout(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRAISE_FETCH_TIMEOUT", "0.2")
    monkeypatch.setenv("APPRAISE_FETCH_RETRIES", "1")
    server.routes["/slow"] = Response(200, news_page(), delay=2)
    host = server.base.removeprefix("http://")
    assert failure(server.url("/slow")) == (
        f"{server.url('/slow')}: no answer from {host} within 0.2 s (tried 2 times)"
    )


def test_connection_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/a"
    assert failure(url) == (
        f"{url}: cannot connect to 127.0.0.1:{port}: connection refused (tried 3 times)"
    )


def test_download_over_the_size_limit(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRAISE_MAX_BYTES", "1000")
    server.routes["/big"] = Response(200, news_page())
    url = server.url("/big")
    assert failure(url) == f"{url}: the download from {url} is over the limit of 1,000 bytes"


# -- the commands ---------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_fetch_command_prints_the_text(pubmed: Server, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "fetch", "38000002")
    assert (code, err) == (0, "")
    assert out.startswith("Below-elbow versus above-elbow casting")
    assert "\nRESULTS: 204 children were randomised" in out


def test_fetch_command_saves_the_document(
    pubmed: Server, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "saved" / "paper.xml"
    code, out, err = run(capsys, "fetch", "38000002", "-o", str(out_file))
    assert (code, err) == (0, "")
    assert out_file.read_bytes().startswith(b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet')
    assert out.splitlines()[0] == f"saved {out_file}: PubMed XML, {out_file.stat().st_size:,} bytes"
    # The saved file reads as the fetched article did.
    code, extract_out, _ = run(capsys, "extract", str(out_file), "--json")
    assert json.loads(extract_out)["sample_size"]["value"] == 204
    text_file = tmp_path / "paper.txt"
    assert run(capsys, "fetch", "38000002", "-o", str(text_file), "--text")[0] == 0
    assert text_file.read_text().startswith("Below-elbow versus above-elbow casting")


def test_extract_and_infer_take_identifiers(
    pubmed: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "extract", "38000002", "--json")
    assert code == 0
    findings = json.loads(out)
    assert (findings["design"]["value"], findings["sample_size"]["value"]) == ("rct", 204)
    code, out, _ = run(capsys, "infer", "pmid:38000002", "--json")
    assert code == 0
    assert json.loads(out)["article"]["title"].startswith("Below-elbow versus above-elbow")


def test_fetch_command_errors(pubmed: Server, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "fetch", "99999999") == (
        1,
        "",
        "appraise: 99999999: PubMed has no record with PMID 99999999\n",
    )
    code, out, err = run(capsys, "fetch", "paper.txt")
    assert (code, out) == (1, "")
    assert err == (
        "appraise: paper.txt: not a PMID, PMCID, DOI or URL (for example 12345678, PMC1234567, "
        "10.1000/xyz123 or https://...)\n"
    )
    code, _, err = run(capsys, "extract", "10.5555/none")
    assert code == 1
    assert err == (
        f"appraise: 10.5555/none: HTTP 404 Not Found from {pubmed.url('/doi/10.5555/none')}: "
        "no such page\n"
    )
