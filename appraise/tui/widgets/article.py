"""The article, soft-wrapped, with the current item's evidence highlighted.

A Line API widget: the text is wrapped once per width into `(start, end)` offsets, and only the
lines on screen are drawn, so a 300 KB full text moves as fast as a news story. The text is data:
it is drawn as plain segments (never parsed as markup) after `display_text` has replaced every
control character with a visible one.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from appraise.tui.display import display_text, wrap_offsets

Span = tuple[int, int]


class ArticleView(ScrollView, can_focus=True):
    """Scrolls with the arrow and page keys; `]` and `[` move between evidence spans."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "page_down", "Page down", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--evidence",
        "article-view--current",
    }

    current: var[int | None] = var(None, init=False)
    """Which evidence span is the current one (an index into `spans`), if any."""

    def __init__(
        self,
        text: str,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text = display_text(text)
        self._lines: list[Span] = []
        self._starts: list[int] = []
        self._wrap_width = -1
        self._spans: list[Span] = []
        self._strips: LRUCache[int, Strip] = LRUCache(1024)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The text is wrapped, so left and right never scroll: leave them to the screen (and
        # out of the footer's reckoning, where they would hide the screen's own left and right).
        if action in ("scroll_left", "scroll_right") and not self.allow_horizontal_scroll:
            return False
        return super().check_action(action, parameters)

    # -- evidence -------------------------------------------------------------------------------
    @property
    def spans(self) -> list[Span]:
        return list(self._spans)

    def show_evidence(self, spans: list[Span]) -> None:
        """Highlight `spans` (character offsets into the article) and scroll to the first."""
        size = len(self._text)
        cleaned = sorted({(max(0, s), min(size, e)) for s, e in spans if 0 <= s < e and s < size})
        self._spans = cleaned
        self._strips.clear()
        self.set_reactive(ArticleView.current, None)
        self.current = 0 if cleaned else None
        self._show_position()
        self.refresh()

    def _show_position(self) -> None:
        current, total = self.current, len(self._spans)
        shown = "no evidence" if current is None else f"evidence {current + 1} of {total}"
        self.border_subtitle = shown

    def next_evidence(self, step: int = 1) -> bool:
        """Move to the next (or, with -1, the previous) span, wrapping; False if there is none."""
        if not self._spans:
            return False
        self.current = 0 if self.current is None else (self.current + step) % len(self._spans)
        return True

    def watch_current(self, current: int | None) -> None:
        self._strips.clear()
        self.refresh()
        self._show_position()
        if current is None:
            return
        if self._lines and self.scrollable_content_region.height:
            self._scroll_to_current()
        # Again once laid out: a virtual size set this turn is not scrollable yet (a no-op when
        # the span is already in view).
        self.call_after_refresh(self._scroll_to_current)

    def scroll_to_span(self, span: Span) -> None:
        """Bring a span into view, a third of the way down when it was out of sight."""
        if not self._lines:
            return
        first, last = self.line_of(span[0]), self.line_of(max(span[0], span[1] - 1))
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        if first >= top and last < top + height:
            return
        self.scroll_to(y=max(0, first - height // 3), animate=False, immediate=True)

    def line_of(self, offset: int) -> int:
        """The index of the wrapped line that shows character `offset`."""
        return max(0, bisect_right(self._starts, offset) - 1)

    # -- layout ---------------------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        self._rewrap()

    def on_mount(self) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrap_width:
            return
        self._wrap_width = width
        self._lines = wrap_offsets(self._text, width)
        self._starts = [start for start, _ in self._lines]
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        if self.current is not None:
            # After the refresh: the new virtual size has to be laid out before scrolling to it.
            self.call_after_refresh(self._scroll_to_current)
        self.refresh()

    def _scroll_to_current(self) -> None:
        if self.current is not None and self.current < len(self._spans):
            self.scroll_to_span(self._spans[self.current])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- drawing --------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_wrapped_line(index, width)
            self._strips[index] = strip
        return strip

    def _render_wrapped_line(self, index: int, width: int) -> Strip:
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        segments: list[Segment] = []
        position = start
        for number, (span_start, span_end) in enumerate(self._spans):
            if span_end <= start or span_start >= end:
                continue
            if span_start > position:
                segments.append(Segment(self._text[position:span_start], base))
            style = self._span_style(number)
            cut = max(position, span_start)
            segments.append(Segment(self._text[cut : min(end, span_end)], style))
            position = min(end, span_end)
        if position < end:
            segments.append(Segment(self._text[position:end], base))
        return Strip(segments).crop_extend(0, width, base)

    def _span_style(self, number: int) -> Style:
        name = "article-view--current" if number == self.current else "article-view--evidence"
        return self.get_component_rich_style(name)
