"""Indonesian morphology: is a capitalised word an inflected verb (`Diakui`, `Bagikan`, `Merespons`), or a common
word at all (a root, a verb or a noun derived from a root: `Pembangunan`, `Kehutanan`)?

A sentence's first word is capitalised whatever it is, so the NER reads some verbs there as a name's first word
(`Diakui Fitri Hernadi, ...`). Person names almost never carry a verb's affixes on a dictionary root, so such a
word is no part of a name. The roots are Sastrawi's dictionary of Indonesian root words (MIT, the `sastrawi`
package's `kata-dasar.txt`); its stemmer itself is not used: it backtracks through every affix rule and takes
tens of milliseconds on a word that is no root, which names mostly are.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

# Verb prefixes, with the root's first letter a nasal one replaces (`menanggapi` = men- + tanggap + -i,
# `mengatakan` = meng- + kata + -kan, `menyikapi` = meny- + sikap + -i).
_PREFIXES = (("memper", ("",)), ("diper", ("",)), ("meny", ("s",)), ("meng", ("", "k")), ("mem", ("", "p")),
             ("men", ("", "t")), ("me", ("",)), ("ber", ("",)), ("be", ("",)), ("ter", ("",)), ("per", ("",)),
             ("di", ("",)), ("", ("",)))
# The letters a root may open with after each form of me- (the nasal agrees with the root: `melihat`, `membaca`,
# `mendengar`, `mengirim`), and be- stands only before r (`berasa`): `Megawati` is no me- + gawat + -i.
_ROOT_OPENS = {"me": "lmnrwy", "mem": "bfpv", "men": "cdjtz", "meng": "aeioughk", "be": "r"}
_SUFFIXES = ("kan", "i", "")
# di- on a root of this many letters is a passive even without a suffix (`Disinggung`, `Dijelaskan`); names open
# with di- on short words (`Dimas`, `Diana`).
_PASSIVE_ROOT = 5
_MIN_ROOT = 3
_MIN_LENGTH = 5


@lru_cache(maxsize=1)
def _roots() -> frozenset[str]:
    text = files("Sastrawi").joinpath("Stemmer", "data", "kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(word.strip() for word in text.splitlines() if len(word.strip()) >= _MIN_ROOT)


def _verb_form(prefix: str, suffix: str, root: str) -> bool:
    """Which affixes make a verb, not a name: di- alone opens names too (`Dimas`, `Diana`), so a passive
    counts only with its suffix or on a long root (`_PASSIVE_ROOT`: `Disinggung`); a suffix alone only as -kan on a
    root of four letters or more (`bagikan`; `Hadi` is no ha- + -di, `Tukan` no tu- + -kan)."""
    if prefix in _ROOT_OPENS and root[:1] not in _ROOT_OPENS[prefix]:
        return False
    if prefix in ("di", "diper"):
        return bool(suffix) or len(root) >= _PASSIVE_ROOT
    if not prefix:
        return suffix == "kan" and len(root) >= 4
    return True


@lru_cache(maxsize=8192)
def is_inflected_verb(word: str) -> bool:
    """The word is a dictionary root with a verb's affixes (`diakui` = di- + aku + -i; `bagikan` = bagi + -kan)."""
    lower, roots = word.lower(), _roots()
    if len(lower) < _MIN_LENGTH or not lower.isalpha() or lower in roots:
        return False
    for prefix, restored in _PREFIXES:
        if not lower.startswith(prefix):
            continue
        for suffix in _SUFFIXES:
            if not lower.endswith(suffix) or len(lower) - len(prefix) - len(suffix) < 1:
                continue
            stem = lower[len(prefix):len(lower) - len(suffix)]
            if any(first + stem in roots and _verb_form(prefix, suffix, first + stem) for first in restored):
                return True
    return False


# Noun-forming affixes around a root (`pembangunan` = pem- + bangun + -an, `kehutanan` = ke- + hutan + -an,
# `perikanan` = per- + ikan + -an, `kependudukan` = ke- + pen- + duduk + -an, `lingkungan` = lingkung + -an), with
# the letter a nasal replaces.
_NOUN_PREFIXES = (("kepeng", ("", "k")), ("kepem", ("", "p")), ("kepen", ("", "t")), ("keper", ("",)),
                  ("peng", ("", "k")), ("peny", ("s",)), ("pem", ("", "p")), ("pen", ("", "t")), ("per", ("",)),
                  ("pe", ("",)), ("ke", ("",)), ("", ("",)))


# Enclitics written onto any word: the possessive/definite -nya and the particles -lah, -kah.
_CLITICS = ("nya", "lah", "kah")


@lru_cache(maxsize=8192)
def is_common_word(word: str) -> bool:
    """A root, an inflected verb or a noun derived from a root with -an, with or without an enclitic: a word of the
    language, not a name (`Pembangunan`, `Kemasyarakatan`, `Menurutnya` against `Sulkan`, `Darminto`)."""
    lower, roots = word.lower(), _roots()
    if lower in roots or is_inflected_verb(word):
        return True
    if len(lower) < _MIN_LENGTH:
        return False
    stem = lower[:-3]
    if lower.endswith(_CLITICS) and (is_common_word(stem) or (stem.startswith("di") and stem[2:] in roots)):
        return True  # a word with its enclitic (`menurutnya`, `itulah`), a passive too (`dipilihnya`)
    # -an nouns take any of the prefixes; pe(N)- also makes nouns alone (`penyakit`, `pemimpin`, `pelaku`)
    stems = [(lower[:-2], _NOUN_PREFIXES)] if lower.endswith("an") else []
    stems.append((lower, [p for p in _NOUN_PREFIXES if p[0].startswith("pe")]))
    return any(stem.startswith(prefix) and first + stem[len(prefix):] in roots and len(stem) - len(prefix) >= _MIN_ROOT
               for stem, prefixes in stems for prefix, restored in prefixes for first in restored)
