"""Progress of the answers and the live score, both computed by the core."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

from appraise.scoring import Score
from appraise.tui.display import format_number


class ScoreBar(Horizontal):
    """`7/8 answered ━━━━━━━  Score 2/12 · 17% · weak (capped) · provisional   unsaved`"""

    answered: reactive[int] = reactive(0, init=False)
    total: reactive[int] = reactive(0, init=False)
    score: reactive[Score | None] = reactive(None, init=False)
    dirty: reactive[bool] = reactive(False, init=False)

    def __init__(
        self, grades: list[str], *, progress: str = "{done}/{total} answered", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._grades = grades
        """The checklist's grades, best first: the first is drawn as good, the last as poor."""
        self._progress = progress
        """The words before the bar, with `{done}` and `{total}` in them."""

    def compose(self) -> ComposeResult:
        yield Static(id="progress-label", markup=False)
        yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
        yield Static(id="score-label", markup=False)
        yield Static(id="saved-label", markup=False)

    def on_mount(self) -> None:
        self._show_progress()
        self._show_score()
        self.watch_dirty(self.dirty)

    def watch_answered(self) -> None:
        self._show_progress()

    def watch_total(self) -> None:
        self._show_progress()

    def watch_score(self) -> None:
        self._show_score()

    def watch_dirty(self, dirty: bool) -> None:
        label = self.query_one("#saved-label", Static)
        label.update(
            Content.styled(
                "● unsaved" if dirty else "saved", "$text-warning" if dirty else "$text-muted"
            )
        )
        self.set_class(dirty, "-dirty")

    def _show_progress(self) -> None:
        self.query_one("#progress-label", Static).update(
            self._progress.format(done=self.answered, total=self.total)
        )
        self.query_one("#progress", ProgressBar).update(
            total=self.total or 1, progress=self.answered
        )

    def _show_score(self) -> None:
        score = self.score
        label = self.query_one("#score-label", Static)
        if score is None or score.percent is None:
            label.update(Content.styled("Score  nothing scored yet", "$text-muted"))
            return
        parts: list[str | tuple[str, str]] = [
            ("Score ", "bold"),
            f"{format_number(score.points)}/{format_number(score.max_points)} · ",
            (f"{score.percent:.0f}%", "bold"),
            " · ",
            (score.grade or "", f"bold {self._grade_colour(score.grade)}"),
        ]
        if score.capped:
            parts.append((" (capped)", "$text-error"))
        if score.unanswered:
            parts.append((" · provisional", "$text-muted"))
        label.update(Content.assemble(*parts))

    def _grade_colour(self, grade: str | None) -> str:
        if grade is None or grade not in self._grades or len(self._grades) < 2:
            return ""
        place = self._grades.index(grade)
        if place == 0:
            return "$text-success"
        return "$text-error" if place == len(self._grades) - 1 else "$text-warning"
