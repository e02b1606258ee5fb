"""The core never imports textual: checked in a fresh interpreter, where nothing is cached."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import appraise

PACKAGE = Path(appraise.__file__).resolve().parent

# The front end, which may import textual; and `__main__`, which runs the program when imported.
EXCLUDED = {"appraise.tui", "appraise.cli.tui_cmd", "appraise.__main__"}

NO_TEXTUAL = (
    "import sys\n"
    "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
    "assert not loaded, f'textual was imported: {loaded[:5]}'\n"
)


def core_modules() -> list[str]:
    """Every module under appraise/, found by walking the folder, less the front end."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        if any(name == ex or name.startswith(ex + ".") for ex in EXCLUDED):
            continue
        names.append(name)
    return names


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_textual_is_installed() -> None:
    # Otherwise the checks below could not fail.
    assert importlib.util.find_spec("textual") is not None


def test_the_walk_finds_the_core() -> None:
    modules = core_modules()
    for name in (
        "appraise",
        "appraise.ingest",
        "appraise.ingest.sentences",
        "appraise.checklist.checks",
        "appraise.scoring",
        "appraise.report.io",
        "appraise.cli",
        "appraise.cli.infer_cmd",
        "appraise.extract",
        "appraise.infer.builtin",
    ):
        assert name in modules
    assert not any(name.startswith("appraise.tui") for name in modules)
    assert "appraise.cli.tui_cmd" not in modules


def test_headless_commands_do_not_import_textual(seed_path: Path) -> None:
    code = (
        "import contextlib, io\n"
        "from appraise.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['infer', {str(seed_path)!r}, '--json']) == 0\n"
        f"    assert main(['extract', {str(seed_path)!r}, '--json']) == 0\n" + NO_TEXTUAL
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_textual(module: str) -> None:
    result = run_python(f"import {module}\n" + NO_TEXTUAL)
    assert result.returncode == 0, result.stderr


def test_the_check_catches_textual() -> None:
    result = run_python("import textual.app\n" + NO_TEXTUAL)
    assert result.returncode != 0
    assert "textual was imported" in result.stderr
