"""Fuzzing, bounded in time: articles in every format, checklists and reports, each mutated.

Complements tests/extract/test_extract_fuzz.py (extraction on text): here bytes go through the
readers of every format, text through the whole pipeline to a saved report and its exports, and
mutated checklists and reports through loading and, when they load, everything that uses them.

The oracle: the only exception that may escape is the input error of the file's kind (InputError,
ChecklistError, ReportError), each problem located (a checklist's or report's at FILE:LINE:COL);
offsets stay inside the text; whatever loads works end to end.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from appraise.appraisal import Appraisal
from appraise.checklist.catalog import resolve_checklist
from appraise.checklist.load import LoadedChecklist, load_with_warnings
from appraise.cli.infer_cmd import print_report
from appraise.errors import AppraiseError, ChecklistError, InputError, ReportError
from appraise.extract import analyse
from appraise.infer import suggest_all
from appraise.ingest import Article, article_from_data, article_from_text, load_article
from appraise.paths import builtin_checklists_dir, default_seed
from appraise.report.compare import compare_reports
from appraise.report.export_csv import robvis_csv
from appraise.report.export_html import report_to_html
from appraise.report.export_md import report_to_markdown
from appraise.report.io import report_from_text, report_to_toml
from appraise.report.locate import SavedReport
from appraise.report.model import Report
from appraise.report.view import view_report

REPO = Path(__file__).resolve().parents[2]
CORPUS = sorted((REPO / "tests" / "corpus").glob("*.txt"))
CHECKLISTS = sorted(builtin_checklists_dir().glob("*.toml")) + sorted(
    (REPO / "tests" / "data" / "checklists" / "good").glob("*.toml")
)
SCALE = float(os.environ.get("APPRAISE_FUZZ_SCALE", "1"))
"""More examples for a longer run by hand (APPRAISE_FUZZ_SCALE=20); CI runs the default."""


def fuzz(examples: int) -> Any:
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- oracles ---------------------------------------------------------------------------------------


def evidence_in(text: str, node: Any) -> Iterator[tuple[int, int, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("quote"), str) and "start" in node:
            yield node["start"], node["end"], node["quote"]
        for value in node.values():
            yield from evidence_in(text, value)
    elif isinstance(node, list):
        for value in node:
            yield from evidence_in(text, value)


def check_offsets(text: str, data: Any) -> None:
    for start, end, quote in evidence_in(text, data):
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        assert text[start:end] == quote


def located(error: AppraiseError, name: str) -> None:
    """Every problem names a file (`name`, or a checklist it extends) and, for a checklist or a
    report, a line and column in it."""
    assert error.problems
    for problem in error.problems:
        assert problem.path == name or Path(problem.path or "").is_file(), problem
        if isinstance(error, ChecklistError | ReportError):  # in the file, or in its parent's
            assert problem.line is not None and problem.column is not None, str(problem)
            assert problem.line >= 1 and problem.column >= 1, str(problem)


def whole_pipeline(article: Article, loaded: LoadedChecklist) -> Report:
    """Infer, answer every item, save, load back, show and export: what every command does."""
    findings = analyse(article)
    check_offsets(article.text, findings.to_json())
    suggestions = suggest_all(loaded.checklist, findings, article)
    appraisal = Appraisal.from_suggestions(article, loaded, suggestions, "Fuzz \x1b[31m")
    for item in loaded.checklist.items:  # confirm what can be, type the rest in, at length
        appraisal.set_notes(item.id, "note\r\n\u202e[b]x[/b]")
        if appraisal.states[item.id].answer is not None:
            appraisal.confirm(item.id)
        elif item.kind == "text":
            appraisal.set_answer(item.id, article.text * 3, "why " * 1000)
        elif item.kind != "choice":
            appraisal.set_answer(item.id, len(article.text) * 1e300)
    appraisal.set_notes(loaded.checklist.items[0].id, "a note pasted at length. " * 1000)
    report = appraisal.to_report(None)
    check_offsets(article.text, report.model_dump(mode="json"))
    again = report_from_text(report_to_toml(report), "<fuzz>")
    assert again == report
    exports(again, loaded)
    return report


def exports(report: Report, loaded: LoadedChecklist) -> None:
    view = view_report(report, loaded.checklist)
    report_to_markdown(view)
    report_to_html(view)
    robvis_csv([view], "section")
    robvis_csv([view], "item")
    with redirect_stdout(io.StringIO()) as shown:
        print_report(report)
    assert "\x1b" not in shown.getvalue()


# -- articles --------------------------------------------------------------------------------------

PREFIXES = [
    b"",
    b"%PDF-1.7\n",
    b'<?xml version="1.0"?>',
    b"<!DOCTYPE html><html><body><article>",
    b"<article><body><p>",
    b"<PubmedArticleSet><PubmedArticle><MedlineCitation><Article><Abstract><AbstractText>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"PK\x03\x04",
]


@fuzz(400)
@given(st.sampled_from(PREFIXES), st.binary(max_size=1500))
def test_any_bytes_in_any_format(prefix: bytes, body: bytes) -> None:
    try:
        article = article_from_data(prefix + body, "fuzz.bin")
    except InputError as error:
        located(error, "fuzz.bin")
        event("refused")
        return
    event(f"read as {article.metadata.get('format')}")
    check_offsets(article.text, analyse(article).to_json())
    for span in article.sentences:
        assert 0 <= span.start < span.end <= len(article.text)


def jats(text: str) -> bytes:
    from html import escape

    blocks = [b for b in text.split("\n\n") if b.strip()]
    title, body = (blocks[0], blocks[1:]) if blocks else ("", [])
    paragraphs = "".join(f"<sec><p>{escape(b)}</p></sec>" for b in body)
    return (
        '<?xml version="1.0"?><article><front><article-meta><title-group><article-title>'
        f"{escape(title)}</article-title></title-group></article-meta></front>"
        f"<body>{paragraphs}</body></article>"
    ).encode()


def webpage(text: str) -> bytes:
    from html import escape

    paragraphs = "".join(f"<p>{escape(b)}</p>" for b in text.split("\n\n") if b.strip())
    return (
        "<!DOCTYPE html><html><head><title>Story</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><article>{paragraphs}</article><footer>(c) 2024</footer></body></html>"
    ).encode()


MARKUP = [
    b"<p>",
    b"</p>",
    b"</sec>",
    b"<sec>",
    b"<b>",
    b"&amp;",
    b"&nbsp;",
    b"&#0;",
    b"&#xD800;",
    b"&undefined;",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"<?pi x?>",
    b"<table><tr><td>",
    b"</td></tr></table>",
    b"<script>",
    b"<b>" * 300,  # nested deeper than the readers allow
    b"<sec><p>" * 120,
    b"\x00",
    b"\xff",
    b'"',
    b"<",
    b">",
]


@fuzz(300)
@given(st.data())
def test_mutated_corpus_articles_as_xml_and_web_pages(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(CORPUS), label="article")
    kind = data.draw(st.sampled_from(["jats", "html"]), label="kind")
    text = source.read_text(encoding="utf-8")
    raw = bytearray(jats(text) if kind == "jats" else webpage(text))
    for _ in range(data.draw(st.integers(1, 8), label="mutations")):
        at = data.draw(st.integers(0, len(raw)), label="at")
        how = data.draw(st.sampled_from(["insert", "delete", "duplicate", "truncate"]))
        if how == "insert":
            raw[at:at] = data.draw(st.sampled_from(MARKUP))
        elif how == "delete":
            del raw[at : at + data.draw(st.integers(1, 40))]
        elif how == "duplicate":
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 200))]
        else:
            del raw[at:]
    name = f"fuzz.{'xml' if kind == 'jats' else 'html'}"
    try:
        article = article_from_data(bytes(raw), name)
    except InputError as error:
        located(error, name)
        event(f"{kind}: refused")
        return
    event(f"{kind}: read")
    check_offsets(article.text, analyse(article).to_json())


@pytest.fixture(scope="module")
def pdf() -> bytes:
    """A two-page PDF of a corpus article, uncompressed so that mutations hit its text operators."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    words = CORPUS[0].read_text(encoding="utf-8").split()
    for number in range(2):
        for line in range(40):
            start = (number * 40 + line) * 9
            page.drawString(60, 800 - 18 * line, " ".join(words[start : start + 9]))
        page.showPage()
    page.save()
    return buffer.getvalue()


PDF_BITS = [b"BT", b"ET", b"Tj", b"TJ", b"(", b")", b"\\", b"obj", b"endobj", b"stream", b"/F1"]


@fuzz(100)
@given(st.data())
def test_mutated_pdfs(pdf: bytes, data: st.DataObject) -> None:
    raw = bytearray(pdf)
    for _ in range(data.draw(st.integers(1, 10), label="mutations")):
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        how = data.draw(st.sampled_from(["insert", "delete", "byte", "duplicate"]), label="how")
        if how == "insert":
            raw[at:at] = data.draw(st.sampled_from(PDF_BITS) | st.binary(min_size=1, max_size=4))
        elif how == "delete":
            del raw[at : at + data.draw(st.integers(1, 30))]
        elif how == "byte":
            raw[at] = data.draw(st.integers(0, 255))
        else:
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 300))]
    try:
        article = article_from_data(bytes(raw), "fuzz.pdf")
    except InputError as error:
        located(error, "fuzz.pdf")
        event("refused")
        return
    event("read")
    check_offsets(article.text, analyse(article).to_json())


# -- text through the whole pipeline ---------------------------------------------------------------

PIECES = [
    "We randomised 120 patients to drug or placebo.",
    "A total of 40 (35%) of 48 participants were followed for 1e400 years.",
    "follow-up 99999999999999999999 months",
    "n = 0",
    "6 years earlier",
    "\x1b[31m",
    "[bold]",
    "\u202e",
    "\r\n",
    "\n\n",
    "e\u0301",
    "\u05d0\u05e0\u05d7\u05e0\u05d5",
    "'''",
    '"""',
    "\\",
    "\x00",
    "\ud7ff",
]


@pytest.fixture(scope="module")
def clinical() -> LoadedChecklist:
    return resolve_checklist("clinical-study")


@fuzz(300)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=30), min_size=1, max_size=30))
def test_any_text_becomes_a_report_that_loads_back(
    clinical: LoadedChecklist, pieces: list[str]
) -> None:
    text = " ".join(pieces)
    if not text.strip():
        return
    whole_pipeline(article_from_text(text, "fuzz.txt"), clinical)


# -- checklists ------------------------------------------------------------------------------------

VALUES = [
    "1",
    "-1",
    "0",
    "1e308",
    "-1e400",
    "inf",
    "nan",
    "99999999999999999999",
    '""',
    '"x"',
    f'"{"x" * 600}"',
    "true",
    "[]",
    '[1, "a"]',
    "{}",
    "{ a = 1 }",
    "1979-05-27",
    "07:32:00",
    '"\\u001b[31m"',
    "'''multi\nline'''",
    '"../../etc/passwd"',
    '"/etc/passwd"',
    '"clinical-study"',
    '"base.toml"',
    '"yes"',
    '"number"',
    '"duration"',
    '"text"',
]
JUNK = [
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "=",
    ".",
    "#",
    ",",
    "\\",
    "\n",
    "[[items]]\n",
    "[[sections]]\n",
    "[scales.x]\n",
    "[grading]\n",
    'extends = "clinical-study"\n',
    'extends = "base.toml"\n',
    'extends = "../../x.toml"\n',
    "\x00",
    "\ufeff",
    "\u202e",
    "é",
]
KEYS = [
    "id",
    "infer",
    "extends",
    "kind",
    "scale",
    "section",
    "weight",
    "critical",
    "bands",
    "params",
    "answer_map",
    "unit",
    "answer",
    "source",
    "points",
    "start",
    "end",
    "quote",
    "schema_version",
    "path",
    "sha256",
    "a.b.c",
    '"quoted key"',
    ".".join(["x"] * 70),
]
_ASSIGNMENT = re.compile(r"^(\s*[\w.\"'-]+\s*=\s*)(.*)$")


def mutate_toml(data: st.DataObject, text: str) -> str:
    """`text` with a few of: lines deleted, duplicated, swapped; values changed in type or
    nested deep; junk typed into a line."""
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        at = data.draw(st.integers(0, len(lines) - 1), label="line")
        how = data.draw(
            st.sampled_from(["delete", "duplicate", "swap", "value", "nest", "junk", "cut", "key"]),
            label="how",
        )
        line = lines[at]
        assignment = _ASSIGNMENT.match(line)
        if how == "delete":
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, line)
        elif how == "swap":
            other = data.draw(st.integers(0, len(lines) - 1), label="other")
            lines[at], lines[other] = lines[other], lines[at]
        elif how == "value" and assignment:
            lines[at] = assignment.group(1) + data.draw(st.sampled_from(VALUES))
        elif how == "nest" and assignment:
            depth = data.draw(st.integers(1, 100) | st.integers(100, 3000), label="depth")
            lines[at] = assignment.group(1) + "[" * depth + assignment.group(2) + "]" * depth
        elif how == "key" and assignment:
            key = data.draw(st.sampled_from(KEYS), label="key")
            lines[at] = f"{key} = {assignment.group(2)}"
        elif how == "cut":
            start = data.draw(st.integers(0, len(line)))
            lines[at] = line[:start] + line[start + data.draw(st.integers(1, 10)) :]
        else:
            column = data.draw(st.integers(0, len(line)), label="column")
            lines[at] = line[:column] + data.draw(st.sampled_from(JUNK)) + line[column:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a parent checklist for relative `extends`."""
    folder = tmp_path_factory.mktemp("fuzz-checklists")
    (folder / "base.toml").write_bytes(CHECKLISTS[-1].read_bytes())  # tests' minimal.toml
    return folder


@pytest.fixture(scope="module")
def seed_article() -> Article:
    return load_article(default_seed())


@fuzz(600)
@given(st.data())
def test_mutated_checklists_fail_with_located_errors_or_work_end_to_end(
    workbench: Path, seed_article: Article, data: st.DataObject
) -> None:
    source = data.draw(st.sampled_from(CHECKLISTS), label="checklist")
    path = workbench / "mutated.toml"
    path.write_text(mutate_toml(data, source.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        loaded, warnings = load_with_warnings(path)
    except ChecklistError as error:
        located(error, str(path))
        event("refused")
        return
    event("loaded")
    for warning in warnings:
        assert warning.line is not None and warning.column is not None
    whole_pipeline(seed_article, loaded)


# -- reports ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved_reports(clinical: LoadedChecklist, seed_article: Article) -> list[str]:
    """Reports as saved: inferred and answered, with notes that need escaping in TOML."""
    findings = analyse(seed_article)
    texts = []
    for notes in ("multi-line\nnotes with \"quotes\" and 'apostrophes' and a\ttab", "a\r\nb"):
        appraisal = Appraisal.from_suggestions(
            seed_article, clinical, suggest_all(clinical.checklist, findings, seed_article), "A"
        )
        for item in clinical.checklist.items:
            appraisal.set_notes(item.id, notes)
            if appraisal.states[item.id].answer is not None:
                appraisal.confirm(item.id)
        texts.append(report_to_toml(appraisal.to_report(None)))
    return texts


@fuzz(600)
@given(st.data())
def test_mutated_reports_fail_with_located_errors_or_work_end_to_end(
    saved_reports: list[str],
    clinical: LoadedChecklist,
    seed_article: Article,
    data: st.DataObject,
) -> None:
    original = data.draw(st.sampled_from(saved_reports), label="report")
    text = mutate_toml(data, original)
    try:
        report = report_from_text(text, "r.toml")
    except ReportError as error:
        located(error, "r.toml")
        event("refused")
        return
    event("loaded")
    exports(report, clinical)
    saved = [
        SavedReport(Path("a.toml"), report_from_text(original)),
        SavedReport(Path("r.toml"), report),
    ]
    compare_reports(saved, clinical.checklist)
    appraisal = Appraisal.from_suggestions(seed_article, clinical, {}, "B")
    appraisal.restore(report)
    again = appraisal.to_report(None)
    assert report_from_text(report_to_toml(again)) == again
