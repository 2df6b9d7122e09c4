"""Offices as an analyst groups them: canonical office names and their jurisdictions, added to `roles`.

`office_name` reduces an OFFICE mention to the office it names without its jurisdiction: markers and head
in canonical form (`lexicons/office_names.tsv`: `Penjabat` → `Pj`, `Sekda` → `Sekretaris Daerah`), then
the body the mention names, cut where its jurisdiction starts (its first PLACE, or `RI`), with a long
agency name that carries its acronym shortened to the acronym: `Pejabat Sementara (Pjs) Bupati Kutai
Kartanegara (Kukar)` → `Pjs Bupati`, `Ketua KPU Kabupaten Paser` → `Ketua KPU`, `Kepala Badan Pusat
Statistik (BPS) Sulawesi Tengah` → `Kepala BPS`.

`locate_roles` adds to each role the person's id, that office name and the office's region, with where the
region comes from (`office_region_source`):
- `phrase`: the first PLACE inside the OFFICE mention (`Camat Loa Janan`), or, for a mention without one,
  the region another mention of the same person's same office in the article names;
- `national`: an office of the Republic (`Menteri Dalam Negeri`) or one written with `RI`: Indonesia, no code;
- `context`: the region the article is about, at the level the head implies (`Gubernur` → a province,
  `Bupati` → a kabupaten, `Camat` → a kecamatan; any level for heads of bodies such as `Ketua KPU`): the
  one its PLACE mentions and dateline name most often, when one does (`Wakil Gubernur` in an article about
  Kalimantan Tengah → `62`); none when two tie or the head is a village head.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Sequence

import pandas as pd

from pipeline.extract.offices import lexicon as office_lexicon, token_key
from pipeline.extract.persons import person_id
from pipeline.extract.regions import KABKOTA, PROVINSI, TYPE_WORDS, Region, gazetteer, level_hint
from pipeline.lexicon import read_lines, read_rows

_TOKEN = re.compile(r"\w+|[^\w\s]")
_ACRONYM = re.compile(r"\(\s*([A-Z][\w-]*)\s*\)")
_NATIONAL_QUALIFIER = re.compile(r"(?<!\w)(?:RI|Republik Indonesia)(?!\w)")
_TRAILING_TYPE_WORD = re.compile(
    r"(?:^|\s+)(?:" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + r")\.?\s*$", re.IGNORECASE)
NATIONAL = "Indonesia"


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(token_key(w) for w in _TOKEN.findall(phrase))


@functools.cache
def _names() -> tuple[dict[tuple[str, ...], str], frozenset[tuple[str, ...]]]:
    """Canonical name of every marker and head phrase (by token keys), and the heads of national offices."""
    canonical = {_key(line): line.strip() for line in read_lines("office_markers.txt")}
    canonical.update({_key(line.partition("\t")[0]): line.partition("\t")[0].strip() for line in read_lines("office_heads.txt")})
    national = set()
    for row in read_rows("office_names.tsv"):
        canonical[_key(row[0])] = row[1]
        if len(row) > 2 and row[2] == "national":
            national.add(_key(row[0]))
    return canonical, frozenset(national)


@functools.cache
def _agency_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("org_heads.txt"))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,.;:-–(")


def office_name(text: str, places: Sequence[tuple[int, int]] = ()) -> tuple[str, bool]:
    """(canonical office name, whether it is an office of the Republic) of an OFFICE mention;
    `places` are the (start, end) offsets of the PLACE mentions inside `text`."""
    tokens = list(_TOKEN.finditer(text))
    keys = [token_key(t.group()) for t in tokens]
    lex = office_lexicon()
    canonical, national_heads = _names()
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        n, _ = lex.markers.match(keys, i)
        if not n:
            break
        parts.append(canonical.get(tuple(keys[i:i + n]), text[tokens[i].start():tokens[i + n - 1].end()]))
        i = _after_abbreviation(tokens, keys, i + n)
    n, _ = lex.heads.match(keys, i)
    if not n:
        return _squeeze(text), False
    head_key = tuple(keys[i:i + n])
    head = canonical.get(head_key, text[tokens[i].start():tokens[i + n - 1].end()])
    national = head_key in national_heads
    i = _after_abbreviation(tokens, keys, i + n)
    body_start = tokens[i].start() if i < len(tokens) else len(text)
    cut = min([s for s, _ in places if s >= body_start] + [len(text)])
    qualifier = _NATIONAL_QUALIFIER.search(text, body_start, cut)
    if qualifier:
        cut, national = qualifier.start(), True
    body = text[body_start:cut]
    while _TRAILING_TYPE_WORD.search(body):
        body = _TRAILING_TYPE_WORD.sub("", body)
    acronym = None
    for acronym in _ACRONYM.finditer(body):
        pass
    if acronym is not None:
        head, body = _shorten(head, body, acronym)
    body = _squeeze(body)
    body_key = _key(body)
    national = national or any(body_key[:len(k)] == k for k in national_heads)
    return " ".join(p for p in parts + [head, body] if p), national


def _shorten(head: str, body: str, acronym: re.Match) -> tuple[str, str]:
    """(head, body) with the long agency name that a bracketed acronym abbreviates replaced by the acronym:
    the name starts at an agency word (`Badan`, `Dinas`, also the head's own: `Kepala Badan`) with the
    acronym's initial, else at the last agency word (`… Dinas Pemberdayaan Masyarakat dan Desa (PMD)`).
    A bracketed title (`(Mendagri)`, `(Sekda)`) only repeats the office and is dropped."""
    letters = acronym.group(1)
    rest = body[acronym.end():]
    if office_lexicon().heads.match([token_key(letters)], 0)[0] or office_lexicon().markers.match([token_key(letters)], 0)[0]:
        return head, body[:acronym.start()] + rest
    before = body[:acronym.start()]
    head_words = head.split()
    agencies = [(None, head_words[-1])] if len(head_words) > 1 and head_words[-1].lower() in _agency_heads() else []
    agencies += [(w.start(), w.group()) for w in re.finditer(r"\w+", before) if w.group().lower() in _agency_heads()]
    if not agencies:
        return head, letters + rest
    start, _ = next((a for a in agencies if a[1][0].lower() == letters[0].lower()), agencies[-1])
    if start is None:  # the head's last word opens the agency name: `Kepala Badan` + `Pusat Statistik (BPS)`
        return " ".join(head_words[:-1]), letters + rest
    return head, before[:start] + letters + rest


def _after_abbreviation(tokens: list[re.Match], keys: list[str], i: int) -> int:
    """Skip a glued full stop (`Plh.`) and a bracketed abbreviation of the title (`(Pjs)`, `(Sekda)`)."""
    lex = office_lexicon()
    if i < len(tokens) and tokens[i].group() == "." and tokens[i].start() == tokens[i - 1].end():
        i += 1
    if i + 2 < len(tokens) and tokens[i].group() == "(" and tokens[i + 2].group() == ")":
        if lex.markers.match(keys, i + 1)[0] == 1 or lex.heads.match(keys, i + 1)[0] == 1:
            i += 3
    return i


def _dateline_region(dateline, codes: list[str]) -> str | None:
    """Code of the region an article's dateline names (`AMBON, Siwalimanews` → Kota Ambon), if any."""
    if not isinstance(dateline, str):
        return None
    gaz = gazetteer()
    for part in re.split(r"[,()–—|]|\s-\s", dateline):
        region = gaz.resolve(part.strip(), codes) if part.strip() else None
        if region is not None:
            return region.code
    return None


def _context_region(kinds: frozenset[str] | None, codes: list[str], dateline_code: str | None) -> Region | None:
    """The region of level `kinds` (any level for None) the article's mentions and dateline name most often."""
    gaz = gazetteer()
    if kinds is not None and not kinds:
        return None  # a village head: the gazetteer has no villages
    votes = codes + ([dateline_code] if dateline_code else [])
    if kinds == frozenset({PROVINSI}):
        votes = [c[:2] for c in votes]
    elif kinds:
        # a kecamatan also speaks for its kabupaten/kota
        votes = [c[:5] if kinds <= KABKOTA and len(c) > 5 else c for c in votes]
        votes = [c for c in votes if (r := gaz.by_code(c)) is not None and r.kind in kinds]
    ranked = Counter(votes).most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return gaz.by_code(ranked[0][0])


def locate_roles(roles: pd.DataFrame, entities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """`roles` with `person_id`, `office_normalized`, `office_region`, `office_region_code` and
    `office_region_source` filled (see the module docstring)."""
    roles = roles.copy()
    new = ("person_id", "office_normalized", "office_region", "office_region_code", "office_region_source")
    if roles.empty:
        for col in new:
            roles[col] = pd.Series([], dtype=object)
        return roles
    in_roles = set(roles["article_id"])
    ents = entities[entities["article_id"].isin(in_roles)]
    offices = {r.entity_id: r for r in ents[ents["label"] == "OFFICE"].itertuples(index=False)}
    places = ents[ents["label"] == "PLACE"]
    places_by_paragraph: dict[tuple[str, int], list] = {}
    codes: dict[str, list[str]] = {}
    for r in places.itertuples(index=False):
        places_by_paragraph.setdefault((r.article_id, int(r.paragraph_index)), []).append(r)
        if isinstance(r.region_code, str):
            codes.setdefault(r.article_id, []).append(r.region_code)
    datelines = dict(zip(articles["article_id"], articles["dateline"]))
    dateline_codes = {a: _dateline_region(datelines.get(a), codes.get(a, [])) for a in in_roles}

    located = []
    for role in roles.itertuples(index=False):
        office = offices.get(role.office_entity_id)
        inside = [] if office is None else sorted(
            (p for p in places_by_paragraph.get((role.article_id, int(office.paragraph_index)), [])
             if office.start <= p.start and p.end <= office.end and p.start > office.start), key=lambda p: p.start)
        name, national = office_name(str(role.office), [(p.start - office.start, p.end - office.start) for p in inside])
        if inside:
            first = inside[0]
            code = first.region_code if isinstance(first.region_code, str) else None
            region = (first.normalized if code else str(first.text), code, "phrase")
        elif national:
            region = (NATIONAL, None, "national")
        else:
            found = _context_region(level_hint(name), codes.get(role.article_id, []), dateline_codes[role.article_id])
            region = (found.normalized, found.code, "context") if found is not None else (None, None, None)
        located.append((person_id(role.person), name) + region)
    extra = pd.DataFrame(located, columns=list(new), index=roles.index)
    # A mention without a region takes the one another mention of the same person's office names.
    stated = extra[extra["office_region_source"] == "phrase"]
    lent = {(a, p, o): (r, c) for a, p, o, r, c in zip(roles.loc[stated.index, "article_id"], stated["person_id"],
                                                       stated["office_normalized"], stated["office_region"],
                                                       stated["office_region_code"])}
    for idx, a, p, o, source in zip(extra.index, roles["article_id"], extra["person_id"], extra["office_normalized"],
                                    extra["office_region_source"]):
        if source != "phrase" and (a, p, o) in lent:
            extra.loc[idx, ["office_region", "office_region_code", "office_region_source"]] = [*lent[(a, p, o)], "phrase"]
    for col in new:
        roles[col] = extra[col]
    return roles
