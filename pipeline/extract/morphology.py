"""Indonesian verb morphology: is a capitalised word an inflected verb (`Diakui`, `Bagikan`, `Merespons`)?

A sentence's first word is capitalised whatever it is, so the NER reads some verbs there as a name's first word
(`Diakui Fitri Hernadi, ...`). Person names almost never carry a verb's affixes on a dictionary root, so such a
word is no part of a name. Roots come from Sastrawi's stemmer (MIT; its dictionary of Indonesian root words).
"""
from __future__ import annotations

import re
from functools import lru_cache

# me-/ber-/ter-/per- and their nasal forms open active and stative verbs; di- alone opens names too (`Dimas`,
# `Diana`), so a passive counts only with the suffix it takes (`di-...-kan`, `di-...-i`).
_ACTIVE_PREFIX = re.compile(r"^(?:memper|meng|meny|mem|men|me|ber|be|ter|per)")
_PASSIVE = re.compile(r"^di\w+(?:kan|i)$")
_MIN_LENGTH = 5


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # loaded on first use: most runs never ask
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=4096)
def is_inflected_verb(word: str) -> bool:
    """The word is a dictionary root with a verb's affixes (`diakui` = di- + aku + -i; `bagikan` = bagi + -kan)."""
    lower = word.lower()
    if len(lower) < _MIN_LENGTH or not lower.isalpha():
        return False
    root = _stemmer().stem(lower)
    if root == lower or len(root) < 3:
        return False
    if lower.startswith("di"):
        return bool(_PASSIVE.match(lower))
    return bool(_ACTIVE_PREFIX.match(lower)) or (lower.endswith("kan") and len(root) >= 4)
