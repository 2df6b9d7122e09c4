"""Reading the data files of pipeline/lexicons/: one entry per line, `#` starts a comment line,
fields are separated by tabs. Every module that needs a lexicon reads it through here."""
from __future__ import annotations

from importlib.resources import files


def read_lines(name: str) -> list[str]:
    """The entries of lexicon `name`: its non-blank, non-comment lines, trailing whitespace removed."""
    text = (files("pipeline") / "lexicons" / name).read_text(encoding="utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_rows(name: str, maxsplit: int = -1) -> list[list[str]]:
    """The entries of lexicon `name` split into their tab-separated fields."""
    return [line.split("\t", maxsplit) for line in read_lines(name)]
