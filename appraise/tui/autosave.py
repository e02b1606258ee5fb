"""Autosave the draft after a change, and say so once if the draft cannot be written."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from appraise.tui.session import Session


def autosave_draft(screen: Screen[Any], session: Session) -> None:
    try:
        session.autosave()
    except OSError as error:
        if not session.autosave_failed:
            screen.notify(
                f"Could not write the draft ({error.strerror or error}): save with ctrl+s",
                title="Autosave failed",
                severity="error",
                timeout=10,
            )
        session.autosave_failed = True
    else:
        session.autosave_failed = False
