"""Reusable parts of the main screen: checklist, item panel, article view, score bar."""
