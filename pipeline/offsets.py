"""Offset maps from cleaned paragraph text back to the raw article text.

Cleaning replaces, deletes and collapses characters, so a cleaned position is mapped to raw
through segments: segment i covers cleaned [clean_starts[i], clean_starts[i+1]) and raw
[raw_starts[i], raw_ends[i]). A segment whose two sides have the same length maps character by
character (copied text); otherwise it is one replacement (`â€œ` → `“`, a run of spaces → ` `)
and its boundaries map to the whole raw run. Deleted raw text lies between segments.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    clean_starts: list[int] = field(default_factory=list)
    raw_starts: list[int] = field(default_factory=list)
    raw_ends: list[int] = field(default_factory=list)
    length: int = 0  # length of the cleaned text

    def _segment(self, i: int) -> tuple[int, int, int, int]:
        c0 = self.clean_starts[i]
        c1 = self.clean_starts[i + 1] if i + 1 < len(self.clean_starts) else self.length
        return c0, c1, self.raw_starts[i], self.raw_ends[i]

    def raw_start(self, clean_pos: int) -> int:
        """Raw offset where the cleaned character at clean_pos starts."""
        c0, c1, r0, r1 = self._segment(bisect_right(self.clean_starts, clean_pos) - 1)
        return r0 + (clean_pos - c0) if c1 - c0 == r1 - r0 else r0

    def raw_end(self, clean_end: int) -> int:
        """Raw offset where a cleaned span ending (exclusively) at clean_end ends."""
        c0, c1, r0, r1 = self._segment(bisect_right(self.clean_starts, clean_end - 1) - 1)
        return r0 + (clean_end - c0) if c1 - c0 == r1 - r0 else r1


class OffsetMapBuilder:
    """Accumulates cleaned text piece by piece, recording where each piece came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map = OffsetMap()

    def add(self, clean: str, raw_start: int, raw_end: int) -> None:
        """Append `clean`, which stands for raw[raw_start:raw_end] (same text when copied)."""
        if not clean:
            return
        m = self.map
        copied = len(clean) == raw_end - raw_start
        if m.clean_starts and copied:
            c0, c1, r0, r1 = m._segment(len(m.clean_starts) - 1)
            if c1 - c0 == r1 - r0 and r1 == raw_start:  # extends the previous copied segment
                m.raw_ends[-1] = raw_end
                m.length += len(clean)
                self.parts.append(clean)
                return
        m.clean_starts.append(m.length)
        m.raw_starts.append(raw_start)
        m.raw_ends.append(raw_end)
        m.length += len(clean)
        self.parts.append(clean)

    def text(self) -> str:
        return "".join(self.parts)
