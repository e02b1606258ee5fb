"""Full screens and modal dialogs of the TUI; each has its .tcss sheet beside it."""
