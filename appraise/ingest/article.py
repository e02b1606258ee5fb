"""The Article: the plain text that every piece of evidence points into."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range `[start, end)` of `Article.text`."""

    start: int
    end: int


@dataclass(slots=True)
class Article:
    text: str
    sentences: list[Span]
    title: str
    path: str | None = None
    sha256: str = ""
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    def sentence_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence that contains `offset`, found by bisection."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            span = self.sentences[mid]
            if offset < span.start:
                hi = mid
            elif offset >= span.end:
                lo = mid + 1
            else:
                return span
        return None
