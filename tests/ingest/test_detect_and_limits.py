"""Which reader: chosen by content. Bad inputs: one line each, exit code 1, never a traceback."""

from __future__ import annotations

import codecs
import gzip
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from appraise.cli import main
from appraise.errors import InputError
from appraise.ingest.detect import READS, sniff
from appraise.ingest.reference import Reference, parse_reference


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", None, "pdf"),
        (b"junk before the header\n%PDF-1.4\n", "x.bin", "pdf"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", None, "html"),
        (b"\n  <html lang='en'><p>x</p></html>", "a.txt", "html"),
        (b"<div class='story'><p>We studied 9 patients.</p></div>", None, "html"),
        (b"<div align='center'><img src='logo.png'></div>\n# Title\n", "README.md", "text"),
        (b"<p>A fragment saved with a web name</p>", "story.htm", "html"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS">\n<article/>',
            None,
            "xml",
        ),
        (b"<!-- saved by a tool -->\n<PubmedArticleSet></PubmedArticleSet>", "p.txt", "xml"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"></html>', None, "html"),
        (codecs.BOM_UTF16_LE + "<html><p>x</p></html>".encode("utf-16-le"), None, "html"),
        (codecs.BOM_UTF8 + b"<article><body/></article>", None, "xml"),
        (b"We studied 9 patients; <5% had side effects.", None, "text"),
        (b"# Stem cells\n\nNine patients.", "a.md", "text"),
    ],
)
def test_sniff(data: bytes, name: str | None, kind: str) -> None:
    assert sniff(data, name) == kind


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (gzip.compress(b"We studied 9 patients."), "a gzip-compressed file"),
        (docx(), "a Word document (.docx)"),
        (b"{\\rtf1\\ansi We studied 9 patients.}", "an RTF document"),
    ],
)
def test_known_formats_we_do_not_read_are_named(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as caught:
        sniff(data, "f", "f")
    message = str(caught.value.problems[0])
    assert message.startswith(f"f: {what}, not an article ({READS})")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("31452104", "pmid", "31452104"),
        ("PMID: 31452104", "pmid", "31452104"),
        ("pmid31452104", "pmid", "31452104"),
        ("PMC6716112", "pmcid", "PMC6716112"),
        ("pmcid:pmc6716112", "pmcid", "PMC6716112"),
        ("10.1056/NEJMoa1915872", "doi", "10.1056/NEJMoa1915872"),
        ("doi:10.1001/jama.2019.1234", "doi", "10.1001/jama.2019.1234"),
        ("https://doi.org/10.1136/bmj.l6890", "doi", "10.1136/bmj.l6890"),
        ("https://dx.doi.org/10.1000/a%2Fb", "doi", "10.1000/a/b"),
        ("https://pubmed.ncbi.nlm.nih.gov/31452104/", "pmid", "31452104"),
        ("https://www.ncbi.nlm.nih.gov/pubmed/31452104", "pmid", "31452104"),
        ("https://pmc.ncbi.nlm.nih.gov/articles/PMC6716112/", "pmcid", "PMC6716112"),
        ("https://news.example/health/stem-cells", "url", "https://news.example/health/stem-cells"),
        ("www.news.example/story", "url", "https://www.news.example/story"),
    ],
)
def test_references(text: str, kind: str, value: str) -> None:
    assert parse_reference(text) == Reference(kind, value, text)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["paper.txt", "ftp://x.example/a", "10.12/x", "notes", "-", ""])
def test_not_references(text: str) -> None:
    assert parse_reference(text) is None


# -- what a user sees for each bad input --------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "the article is empty"),
        ("blank.html", b"  \n\n ", "the article is empty"),
        ("bin.dat", b"\x00\x01\x02binary", "binary file, not a text article (NUL bytes found)"),
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
            f"a JPEG image, not an article ({READS})",
        ),
        (
            "latin.txt",
            bytes(range(0x80, 0x100)),
            "cannot decode the text: not UTF-8 (byte 0) and no other encoding fits",
        ),
        (
            "broken.pdf",
            b"%PDF-1.7\n" + bytes(range(256)),
            "not a readable PDF (damaged or truncated?)",
        ),
        ("broken.xml", b'<?xml version="1.0"?><article><p></article>', None),
        ("page.html", b"<html><body><script>app()</script></body></html>", None),
    ],
)
@pytest.mark.parametrize("command", ["extract", "infer"])
def test_bad_inputs_are_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: str,
    name: str,
    data: bytes,
    message: str | None,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, command, str(path))
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert err.startswith(f"appraise: {path}")
    if message:
        assert err == f"appraise: {path}: {message}\n"


def test_size_limit_applies_to_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APPRAISE_MAX_BYTES", "100")
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 200)
    assert run(capsys, "extract", str(path))[2] == (
        f"appraise: {path}: file is 209 bytes, over the limit of 100\n"
    )


def test_standard_input_in_any_format(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    rendered: dict[str, dict[str, Path]],
) -> None:
    for fmt in ("txt", "pdf", "html", "jats"):
        data = rendered["news_rct_placebo_01"][fmt].read_bytes()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        code, out, err = run(capsys, "extract", "-")
        assert (code, err) == (0, "")
        assert "577" in out, fmt
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00")))
    code, _, err = run(capsys, "infer", "-")
    assert (code, err) == (1, f"appraise: <stdin>: a PNG image, not an article ({READS})\n")


def test_reading_text_imports_no_reader_of_other_formats(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("We studied 9 patients for 6 years.\n")
    code = (
        "import contextlib, io, sys\n"
        "from appraise.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['extract', {str(article)!r}]) == 0\n"
        "heavy = ('pypdfium2', 'trafilatura', 'lxml', 'urllib.request', 'http.client',\n"
        "         'xml.etree.ElementTree', 'appraise.ingest.pdf', 'appraise.ingest.webpage',\n"
        "         'appraise.ingest.xmldoc', 'appraise.ingest.fetch', 'textual')\n"
        "loaded = [name for name in heavy if name in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("fmt", "module", "message"),
    [
        (
            "pdf",
            "pypdfium2",
            "reading PDFs needs pypdfium2, which is not installed: "
            "pip install 'appraise[pdf]' (or `make install` in a checkout)",
        ),
        (
            "html",
            "trafilatura",
            "reading web pages needs trafilatura (trafilatura is missing): "
            "pip install 'appraise[web]' (or `make install` in a checkout)",
        ),
    ],
)
def test_a_missing_extra_names_the_command_that_adds_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    rendered: dict[str, dict[str, Path]],
    fmt: str,
    module: str,
    message: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # `import module` now fails
    path = rendered["news_rct_placebo_01"][fmt]
    assert run(capsys, "extract", str(path)) == (1, "", f"appraise: {path}: {message}\n")
