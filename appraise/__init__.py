"""appraise: critical appraisal of clinical studies, from the terminal."""

__version__ = "0.1.0"
