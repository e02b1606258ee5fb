"""The bad-input matrix: every hostile or broken article through the real command line.

Each case runs through `appraise extract`, `appraise infer` and the TUI's entry (`appraise
ARTICLE`, which reads the article before the screen opens: the App's `run` is stubbed out here).
A broken input is exactly one line on stderr, `appraise: FILE[:LINE:COL]: message`, exit code 1;
odd but valid text (numbers only, markup, escape codes, right-to-left script) is no error: it
gives findings whose evidence lies inside the text, and never reaches the terminal as codes. No
traceback, ever; the last test runs the real program in a subprocess to see its stderr whole.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from appraise.cli import main
from appraise.ingest import load_article

MB = 1024 * 1024


# -- making the inputs -----------------------------------------------------------------------------


def pdf_bytes(draw_text: bool) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for number in range(2):
        if draw_text:
            for line in range(30):
                page.drawString(
                    72, 800 - 18 * line, f"We randomised 120 patients ({number}.{line})."
                )
        else:
            page.rect(100, 100, 300, 300, fill=1)  # a drawing: no text at all
        page.showPage()
    page.save()
    return buffer.getvalue()


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE article [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<article><front><article-meta><title-group><article-title>&lol9;</article-title></title-group>
</article-meta></front><body><p>We randomised 40 patients.</p></body></article>
"""

# An external DTD, a parameter entity fetched from a server, and a general entity naming a local
# file: none may be fetched or read. {url} and {secret} are filled in by the test.
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE article SYSTEM "{url}/article.dtd" [
<!ENTITY % remote SYSTEM "{url}/evil.dtd">
%remote;
<!ENTITY leak SYSTEM "file://{secret}">
]>
<article><front><article-meta><title-group><article-title>Trial &leak;</article-title>
</title-group></article-meta></front><body><p>We randomised 40 patients.</p></body></article>
"""


def nested_xml(depth: int) -> bytes:
    """A JATS article whose paragraph nests bold `depth` deep: `depth + 3` elements in all."""
    opening = '<?xml version="1.0"?>\n<article><body><p>We randomised 40 patients. '
    return (opening + "<b>" * depth + "x" + "</b>" * depth + "</p></body></article>\n").encode()


NESTED_PREFIX = len("<article><body><p>We randomised 40 patients. ")

SENTENCE = "We enrolled 40 patients with lupus and followed them for 6 years."
TEXTS = {
    "numbers.txt": "1 2 3 4 5 6 7 8 9 10\n3.14 -1 +7 1e9 0x1F 12/48 (35%) 40% 1,234,567\n"
    "2016 2018 2020 6 12 24 48 96 120 240\n" * 20,
    "brackets.txt": "[bold red]Trial[/] [b]120[/b] patients [link=https://x.test]here[/link] "
    "[@click=app.quit]quit[/] \\[x] {} () <> [[[]]] ]]] [[[ [/] [/bold] :smile: $accent\n"
    f"{SENTENCE} [i]({SENTENCE})[/i]\n" * 3,
    "escapes.txt": f"\x1b[31m{SENTENCE}\x1b[0m \x1b]0;owned\x07 \x1b[2J\x1b[H \x9b2J \x1bc "
    f"\x1b]52;c;ZWNobyBoaQ==\x07 \x07\x08\x0b\x0c {SENTENCE}\r\n" * 3,
    "rtl.txt": "\u202eevil\u202c \u05d0\u05e0\u05d7\u05e0\u05d5 \u05d7\u05e7\u05e8\u05e0\u05d5 "
    "40 \u05de\u05d8\u05d5\u05e4\u05dc\u05d9\u05dd. \u0627\u0644\u0645\u0631\u0636\u0649 120. "
    "e\u0301\u0301\u0301 Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324 "
    f"\u2067{SENTENCE}\u2069 \u200f{SENTENCE}\u200e\n" * 3,
}


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], None]
    message: str | None
    """What follows `appraise: FILE` on stderr; None for valid text, which is no error."""


def data(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)  # no blocks written: instant, and no disk used

    return make


def one_long_line(path: Path) -> None:
    path.write_text(("lorem ipsum " * (10 * MB // 12 + 1))[: 10 * MB] + "\n")


ERRORS = [
    Case("empty.txt", data(b""), ": the article is empty"),
    Case("blank.txt", data(b"  \n\t \r\n   \n"), ": the article is empty"),
    Case(
        "binary.dat",
        data(b"\x7f\x00\x01\x02\xfe\xff" * 200),
        ": binary file, not a text article (NUL bytes found)",
    ),
    Case(
        "truncated.pdf",
        lambda path: path.write_bytes(pdf_bytes(True)[:1500]),
        ": not a readable PDF (damaged or truncated?)",
    ),
    Case("drawing.pdf", lambda path: path.write_bytes(pdf_bytes(False)), ": the PDF has no text"),
    Case(
        "app.html",
        data(
            b"<!DOCTYPE html><html><head><title>Loading</title><script src='app.js'></script>"
            b"</head><body><div id='root'></div><script>render()</script></body></html>"
        ),
        ": no article text found in the web page (a page built by JavaScript, or a consent "
        "wall?); open it in a browser, then save it or copy its text",
    ),
    Case(
        "undecodable.txt",
        data(bytes(range(0x80, 0x100)) * 4),
        ": cannot decode the text: not UTF-8 (byte 0) and no other encoding fits",
    ),
    Case(
        "huge.txt",
        sparse(100 * MB),
        ": file is 104,857,600 bytes, over the limit of 52,428,800",
    ),
    Case(
        "deep.xml",
        data(nested_xml(300)),
        f":2:{NESTED_PREFIX + 197 * 3 + 1}: the XML nests its elements more than 200 deep; refused",
    ),
    Case(
        "laughs.xml",
        data(LAUGHS),
        ":14:59: the XML expands its entities out of all proportion (a 'billion laughs' "
        "attack?); refused",
    ),
]

VALID = [
    *(Case(name, data(text.encode("utf-8")), None) for name, text in TEXTS.items()),
    Case("latin1.txt", data(f"Caf\u00e9 na\u00efve. {SENTENCE}\n".encode("cp1252")), None),
    Case("nested-ok.xml", data(nested_xml(150)), None),
    Case("one-line.txt", one_long_line, None),
]

ENTRIES = ("extract", "infer", "tui")


@pytest.fixture
def tui_opened(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The TUI's `run`, stubbed: the apps that would have opened (after the article was read)."""
    from appraise.tui.app import AppraiseApp

    opened: list[Any] = []

    def run(app: AppraiseApp, *args: object, **kwargs: object) -> None:
        opened.append(app)

    monkeypatch.setattr(AppraiseApp, "run", run)
    return opened


def run(capsys: pytest.CaptureFixture[str], entry: str, path: Path) -> tuple[int, str, str]:
    argv = [str(path)] if entry == "tui" else [entry, str(path)]
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("case", ERRORS, ids=[c.name for c in ERRORS])
def test_a_bad_input_is_one_line_and_exit_code_1(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    tui_opened: list[Any],
    case: Case,
    entry: str,
) -> None:
    path = tmp_path / case.name
    case.make(path)
    code, out, err = run(capsys, entry, path)
    assert (code, out, err) == (1, "", f"appraise: {path}{case.message}\n")
    assert tui_opened == []  # refused before any screen opened


def evidence_of(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("quote"), str) and "start" in node:
            yield node
        for value in node.values():
            yield from evidence_of(value)
    elif isinstance(node, list):
        for value in node:
            yield from evidence_of(value)


def check_evidence(found: Any, text: str) -> int:
    count = 0
    for evidence in evidence_of(found):
        start, end = evidence["start"], evidence["end"]
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == evidence["quote"]
        count += 1
    return count


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_odd_but_valid_text_gives_findings_inside_the_text(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    tui_opened: list[Any],
    case: Case,
    entry: str,
) -> None:
    path = tmp_path / case.name
    case.make(path)
    text = load_article(path).text
    if entry == "tui":
        code, out, err = run(capsys, entry, path)
        assert (code, out, err) == (0, "", "")
        (app,) = tui_opened
        assert app.session.appraisal.article.text == text
        found = app.session.appraisal.to_report(None).model_dump(mode="json")
    else:
        if len(text) < MB:  # (the table of the 10 MB line says nothing new, slowly)
            code, out, err = run(capsys, entry, path)
            assert (code, err) == (0, "")
            assert "\x1b" not in out and "\x9b" not in out  # codes are shown, never sent
        assert main([entry, str(path), "--json"]) == 0
        out, err = capsys.readouterr()
        assert err == ""
        found = json.loads(out)
    evidence = check_evidence(found, text)
    if SENTENCE in text:
        assert evidence > 0


# -- external entities: nothing is fetched, nothing is read ----------------------------------------


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local web server that records every request made to it."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            body = b'<!ENTITY leak "FETCHED">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("entry", ENTRIES)
def test_external_entities_are_neither_fetched_nor_read(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    tui_opened: list[Any],
    server: tuple[str, list[str]],
    entry: str,
) -> None:
    url, requests = server
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN-1234\n")
    path = tmp_path / "external.xml"
    path.write_text(EXTERNAL.format(url=url, secret=secret))
    code, out, err = run(capsys, entry, path)
    assert (code, out) == (1, "")
    assert err == (
        f"appraise: {path}:7:65: undefined entity &leak;: the XML uses an entity it does not "
        "define (external entities and DTDs are never fetched)\n"
    )
    assert "SECRET" not in err
    assert requests == []


# -- the real program ------------------------------------------------------------------------------


def test_the_program_itself_prints_one_line_per_bad_input_and_no_traceback(
    tmp_path: Path,
) -> None:
    paths = []
    for case in ERRORS:
        path = tmp_path / case.name
        case.make(path)
        paths.append(path)
    result = subprocess.run(
        [sys.executable, "-m", "appraise", "extract", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"appraise: {path}{case.message}" for path, case in zip(paths, ERRORS, strict=True)
    ]
