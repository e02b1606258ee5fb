"""Pieces shared by the subcommands: loading the checklist and article the user named."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from appraise.checklist.load import LoadedChecklist
    from appraise.extract.findings import Findings
    from appraise.ingest import Article


def pick_checklist(
    ref: str | None, findings: Findings | None = None, article: Article | None = None
) -> LoadedChecklist:
    """The checklist `--checklist ref` names (default: the config's `default_checklist`).

    `auto` picks one from the article's design (see `appraise.checklist.auto`) and says which and
    why on stderr; it needs the article's `findings` and `article`, so a command that offers it
    reads the article first.
    """
    from appraise.checklist.auto import AUTO
    from appraise.checklist.catalog import resolve_checklist
    from appraise.config import load_config

    config = load_config()
    chosen = ref or config.default_checklist
    if chosen != AUTO:
        return resolve_checklist(chosen, config.checklist_dirs)
    if findings is None or article is None:
        from appraise.errors import ChecklistError, Problem

        raise ChecklistError(
            Problem(
                "`auto` is not available here: it needs the article's findings "
                "(give a checklist id or path)",
                "--checklist",
            )
        )
    return auto_checklist(findings, article)


def auto_checklist(findings: Findings, article: Article) -> LoadedChecklist:
    """The checklist `--checklist auto` picks for this article, announced on stderr as
    `appraise: checklist auto → ID (why)`; the default checklist when the one picked is missing."""
    from appraise.checklist.auto import AUTO, DEFAULT, choose_checklist
    from appraise.checklist.catalog import find_source, resolve_checklist
    from appraise.config import load_config

    config = load_config()
    default = DEFAULT if config.default_checklist == AUTO else config.default_checklist
    chosen, reason = choose_checklist(findings, article, default)
    if chosen != default and find_source(chosen, config.checklist_dirs) is None:
        reason = f"{reason}, but there is no checklist {chosen!r}: the default instead"
        chosen = default
    print(f"appraise: checklist auto → {chosen} ({reason})", file=sys.stderr)
    return resolve_checklist(chosen, config.checklist_dirs)


def appraiser_name(given: str | None) -> str:
    if given:
        return given
    from appraise.config import load_config

    return load_config().appraiser


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def clip(text: str, width: int) -> str:
    """`text` on one line of at most `width` characters, control characters made visible: text
    from articles, checklists and reports is data, never escape codes for the terminal."""
    from appraise.report.view import safe_text

    text = " ".join(safe_text(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
