"""Command palette provider: jump to any item of the checklist by name or prompt."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from appraise.tui.display import MARKS, item_status, item_title

if TYPE_CHECKING:
    from appraise.tui.screens.main import MainScreen


class ItemCommands(Provider):
    """`Go to: Sample size` for every item; matches the name and the prompt."""

    def _main(self) -> MainScreen | None:
        from appraise.tui.screens.main import MainScreen

        screen = self.screen
        return screen if isinstance(screen, MainScreen) else None

    def _entries(self) -> list[tuple[str, str, str]]:
        main = self._main()
        if main is None:
            return []
        appraisal = main.appraisal
        return [
            (
                item.id,
                f"Go to: {MARKS[item_status(appraisal, item)]} {item_title(item)}",
                item.prompt,
            )
            for item in appraisal.items()
        ]

    def _go(self, item_id: str) -> None:
        main = self._main()
        if main is not None:
            main.go_to_item(item_id)

    async def discover(self) -> Hits:
        for item_id, title, prompt in self._entries():
            # Help text is drawn as markup by the palette: escape the checklist's words.
            yield DiscoveryHit(
                Content(title), partial(self._go, item_id), text=title, help=escape(prompt)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for item_id, title, prompt in self._entries():
            score = max(matcher.match(title), matcher.match(prompt) * 0.8)
            if score <= 0:
                continue
            # Highlight matches on a plain Content: Matcher.highlight would read markup.
            display = Content(title)
            _, offsets = matcher.fuzzy_search.match(query, title)
            for offset in offsets:
                display = display.stylize(matcher.match_style, offset, offset + 1)
            yield Hit(score, display, partial(self._go, item_id), text=title, help=escape(prompt))
