"""Sentence bounds inside a cleaned paragraph, for the grammars that read one sentence at a time
(percentages: the sentence a number stands in; quotes: the reported clause of a speech frame).

A sentence ends at `.`, `!` or `?` (and any closing quote marks or bracket after it) followed by space
and a capital, digit or opening quote mark; not after an abbreviation or an initial (`Dr. Ir. Hamartoni`,
`M. Yusuf`, `S.Pd.`).
"""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{0,2}|[A-Za-z](?:\.[A-Za-z]+)*)\.")


def sentence_ends(text: str) -> list[tuple[int, int]]:
    """(end of a sentence, start of the next) for every sentence boundary of `text`, in order."""
    ends = []
    for m in _SENTENCE_END.finditer(text):
        words = text[:m.start() + 1].split()
        if words and _ABBREVIATION.fullmatch(words[-1]):
            continue  # an abbreviation or an initial, not a sentence end
        ends.append((m.start() + 1, m.end()))
    return ends


def sentence_bounds(text: str, start: int, end: int, ends: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """Bounds of the sentence of `text` that holds [start, end) (a boundary inside it is ignored)."""
    left, right = 0, len(text)
    for stop, next_start in ends if ends is not None else sentence_ends(text):
        if next_start <= start:
            left = next_start
        elif stop - 1 >= end:
            right = stop
            break
    return left, right
