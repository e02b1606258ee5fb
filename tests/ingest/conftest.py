"""Fixtures for reading articles in every format: rendered documents and a local web server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ingest_documents import (
    ARTICLES,
    CORPUS,
    Doc,
    parse_text,
    to_html,
    to_jats,
    to_pdf,
    to_pubmed,
)

# pytest puts this folder on sys.path (no __init__.py here): the renderers import by name.
from ingest_server import Response, Server


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder; no base URL or fetch setting from the developer's environment."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("APPRAISE_CACHE_DIR", str(cache))
    for name in (
        "APPRAISE_PUBMED_URL",
        "APPRAISE_DOI_URL",
        "APPRAISE_FETCH_TIMEOUT",
        "APPRAISE_FETCH_RETRIES",
        "NCBI_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("appraise.ingest.fetch.BACKOFF", 0.01)
    return cache


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """For each article in ARTICLES: its text file and its PDF, HTML, JATS (and PubMed) files."""
    folder = tmp_path_factory.mktemp("rendered")
    out: dict[str, dict[str, Path]] = {}
    for name in ARTICLES:
        source = CORPUS / f"{name}.txt"
        doc = parse_text(source.read_text(encoding="utf-8"))
        files = {"txt": source, "pdf": to_pdf(doc, folder / f"{name}.pdf")}
        files["html"] = folder / f"{name}.html"
        files["html"].write_text(to_html(doc), encoding="utf-8")
        files["jats"] = folder / f"{name}.xml"
        files["jats"].write_text(to_jats(doc), encoding="utf-8")
        if not any(block.kind == "heading" for block in doc.blocks):
            files["pubmed"] = folder / f"{name}.pubmed.xml"
            files["pubmed"].write_text(to_pubmed(doc), encoding="utf-8")
        out[name] = files
    return out


@pytest.fixture(scope="session")
def full_text_doc() -> Doc:
    return parse_text((CORPUS / "full_rct_placebo_01.txt").read_text(encoding="utf-8"))


# -- a web server on 127.0.0.1 ------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server(base="")
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            state.requests.append(self.path)
            state.headers.append(dict(self.headers.items()))
            path = self.path.split("?", 1)[0]
            route = state.routes.get(path)
            if route is None:
                response = Response(404, b"<html><body><p>Not found</p></body></html>")
            elif isinstance(route, list):
                response = route.pop(0) if len(route) > 1 else route[0]
            elif callable(route):
                response = route(self.path)
            else:
                response = route
            if response.delay:
                stop.wait(response.delay)
            try:
                self.send_response(response.status)
                for key, value in response.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
