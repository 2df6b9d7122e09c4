"""Roles: who holds which office, as an article states it.

A pair is only taken from a construction that states it, between a PERSON and an OFFICE mention of one paragraph
with nothing but the construction's words between them:
- `title`:     the office right before the name, ranks and honorifics allowed between (`Kapolres Pesawaran AKBP Pratomo`);
- `yakni`:     `Pjs Bupati Kukar yakni Bambang Arwanto`;
- `selaku`:    `Heri Rusnadi selaku Camat Loa Janan`, `X sebagai Y`;
- `appos_office_person`: `Komisioner Bawaslu Buton Utara, Abdul Haris`;
- `appos_person_office`: `Heni Djumadi, Kepala BPS Batang,` (only when that office is not the title of a following name).
A bracketed office right after another (`Plh. Sekretaris Daerah (Staf Ahli Bupati …), La Nita`) names the same
holder. `person` is the fullest form of the name in the article (`Bambang` -> `Bambang Arwanto`).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd

from pipeline.extract.offices import lexicon
from pipeline.extract.spelling import one_edit_apart, one_letter_deletions
from pipeline.schema import frame


@dataclass(frozen=True)
class _Mention:
    entity_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Gaps:
    """Regular expressions for the text between the two mentions of each construction."""
    title: re.Pattern[str]
    yakni: re.Pattern[str]
    selaku: re.Pattern[str]
    office_person: re.Pattern[str]
    person_office: re.Pattern[str]


@functools.cache
def _gaps() -> _Gaps:
    prefixes = "|".join(sorted((re.escape(p) for p in lexicon().name_prefixes), key=len, reverse=True))
    honorifics = rf"(?:(?:{prefixes})\.?\s+)*"
    # Degrees written after a name: `S.Pd, M.M`, `S.IK, M.Si`, `S.Ag.`, `SSos`.
    degree = r"(?:[A-Z][A-Za-z]{0,3}\.\s?){1,3}[A-Za-z]{0,4}\.?|S\.?[A-Z][a-z]{1,3}|M\.?[A-Z][a-z]{1,3}|Ph\.?D"
    degrees = rf"(?:\s*,?\s*(?:{degree}))*"
    flags = re.IGNORECASE
    return _Gaps(
        title=re.compile(rf"^\s*{honorifics}$", flags),
        yakni=re.compile(rf"^\s*,?\s*(?:yakni|yaitu|ialah|adalah|(?:yang\s+)?dijabat\s+oleh)\s*:?\s*{honorifics}$", flags),
        selaku=re.compile(rf"^{degrees}\s*,?\s*(?:selaku|sebagai|yang\s+juga|yang\s+merupakan"
                          rf"|yang\s+(?:juga\s+|kini\s+)?menjabat(?:\s+sebagai)?)\s+$", flags),
        office_person=re.compile(rf"^\s*,\s*{honorifics}$", flags),
        person_office=re.compile(rf"^{degrees}\s*,\s*(?:salah\s+(?:seorang|satu)\s+)?$", flags),
    )


def _name_tokens(name: str) -> list[str]:
    return re.findall(r"\w+", name.lower())


_MIN_MISSPELT = 5  # shorter words are different names when they differ (`Rudi`, `Rida`), not misspellings


def _same_word(a: str, b: str) -> bool:
    """The same name word, or the press misspelling of it (`Suryana` / `Suriana`, `Marewangi` / `Marwangi`)."""
    return a == b or (min(len(a), len(b)) >= _MIN_MISSPELT and one_edit_apart(a, b))


def _spelling_keys(word: str) -> set[str]:
    """The word and, if it may be misspelt, its one-letter deletions: two words `_same_word` calls
    the same share at least one key (a substitution or insertion leaves a common deletion)."""
    return {word} if len(word) < _MIN_MISSPELT else one_letter_deletions(word)


def fullest_names(names: list[str]) -> dict[str, str]:
    """Map each name to the longest name of the article that contains all its words in order
    (`Bambang` -> `Bambang Arwanto`); a name that two unrelated longer names contain stays as it is.
    A word may be misspelt by one letter (`Darmawan Suriana` -> `Ketut Darmawan Suryana`), and a name the
    article writes once misspelt takes the spelling it writes more often (`Marwangi` -> `Marewangi`)."""
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    tokenised = {n: tuple(_name_tokens(n)) for n in counts}

    @functools.cache  # the same pairs are asked again for the longest of the supersets
    def contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
        it = iter(longer)
        return all(any(_same_word(word, other) for other in it) for word in shorter)

    # Only names holding a word that may be the first word of `words` can contain it: asked of all
    # pairs, `contains` made this quadratic in the article's names.
    holders: dict[str, set[str]] = {}
    for n, w in tokenised.items():
        for word in w:
            for key in _spelling_keys(word):
                holders.setdefault(key, set()).add(n)

    def may_contain(words: tuple[str, ...]) -> set[str] | None:
        """Names that may contain `words` (None: any name)."""
        if not words:
            return None
        return set().union(*(holders.get(key, ()) for key in _spelling_keys(words[0])))

    result = {}
    for name, words in tokenised.items():
        candidates = may_contain(words)
        supersets = [n for n, w in tokenised.items() if len(w) > len(words)
                     and (candidates is None or n in candidates) and contains(w, words)]
        maximal = [n for n in supersets if not any(len(tokenised[m]) > len(tokenised[n]) and contains(tokenised[m], tokenised[n]) for m in supersets)]
        distinct = {" ".join(tokenised[n]) for n in maximal}
        if len(distinct) == 1:
            result[name] = maximal[0]
            continue
        spellings = [n for n, w in tokenised.items() if len(w) == len(words) and w != words
                     and (candidates is None or n in candidates) and contains(w, words) and counts[n] > counts[name]]
        result[name] = spellings[0] if len({" ".join(tokenised[n]) for n in spellings}) == 1 else name
    # A misspelling's better spelling may itself be a short form: follow it to the fullest name.
    return {name: result.get(target, target) for name, target in result.items()}


def _pairs_in_paragraph(text: str, persons: list[_Mention], offices: list[_Mention]) -> list[tuple[_Mention, _Mention, str]]:
    """(person, office, pattern) pairs a paragraph states."""
    gaps = _gaps()
    # A bracketed office right after another is an alias of it: `O1 (O2)` shares O1's holder.
    aliases: dict[_Mention, list[_Mention]] = {}
    reach: dict[_Mention, int] = {}  # where an office's phrase ends, bracketed aliases included
    for i, office in enumerate(offices):
        reach.setdefault(office, office.end)
        if i + 1 < len(offices):
            inner = offices[i + 1]
            if re.fullmatch(r"\s*\(\s*", text[office.end:inner.start]):
                close = re.match(r"\s*\)", text[inner.end:])
                if close:
                    aliases[office] = [inner]
                    reach[office] = inner.end + close.end()
    alias_of = {inner: outer for outer, inners in aliases.items() for inner in inners}
    heads = [o for o in offices if o not in alias_of]

    def next_person(pos: int) -> _Mention | None:
        return next((p for p in persons if p.start >= pos), None)

    def no_office_between(a: int, b: int) -> bool:
        return not any(a <= o.start < b for o in offices)

    pairs: list[tuple[_Mention, _Mention, str]] = []
    claimed: set[_Mention] = set()
    for office in heads:  # office before person
        person = next_person(reach[office])
        if person is None or not no_office_between(reach[office], person.start):
            continue
        gap = text[reach[office]:person.start]
        for pattern, regex in (("title", gaps.title), ("yakni", gaps.yakni), ("appos_office_person", gaps.office_person)):
            if regex.match(gap):
                pairs.append((person, office, pattern))
                claimed.add(office)
                break
    for person in persons:  # person before office
        office = next((o for o in heads if o.start >= person.end), None)
        following = next_person(person.end)
        if office is None or office in claimed or (following is not None and following.start < office.start):
            continue
        gap = text[person.end:office.start]
        if gaps.selaku.match(gap):
            pairs.append((person, office, "selaku"))
        elif gaps.person_office.match(gap):
            pairs.append((person, office, "appos_person_office"))
    return pairs + [(p, inner, pattern) for p, o, pattern in pairs for inner in aliases.get(o, [])]


def article_fullest_names(entities: pd.DataFrame) -> dict[str, dict[str, str]]:
    """`fullest_names` of every article's PERSON mentions, in table order: computed once per run
    and shared by person ids, roles and quotes, which all resolve a short name the same way."""
    persons = entities[entities["label"] == "PERSON"]
    names: dict[str, list[str]] = {}
    for article_id, text in zip(persons["article_id"], persons["text"]):
        names.setdefault(article_id, []).append(str(text))
    return {article_id: fullest_names(article_names) for article_id, article_names in names.items()}


def find_roles(entities: pd.DataFrame, paragraphs: pd.DataFrame,
               fullest: dict[str, dict[str, str]] | None = None) -> pd.DataFrame:
    """Rows of the `roles` table: one per (person, office) pair an article states, with the entity rows it comes from.
    `fullest`: `article_fullest_names(entities)` when the caller has it already."""
    if fullest is None:
        fullest = article_fullest_names(entities)
    texts = dict(zip(zip(paragraphs["article_id"], paragraphs["paragraph_index"].astype(int)), paragraphs["text"]))
    # article → paragraph → label → mentions; plain dicts, as pandas groupby per paragraph is slow.
    by_article: dict[str, dict[int, dict[str, list[_Mention]]]] = {}
    for r in entities[entities["label"].isin(["PERSON", "OFFICE"])].itertuples(index=False):
        para = by_article.setdefault(r.article_id, {}).setdefault(int(r.paragraph_index), {"PERSON": [], "OFFICE": []})
        para[r.label].append(_mention(r))
    rows = []
    for article_id, paras in by_article.items():
        names = fullest.get(article_id, {})
        seen: set[tuple[str, str]] = set()
        for paragraph_index in sorted(paras):
            text = texts.get((article_id, paragraph_index))
            if text is None:
                continue
            persons, offices = (sorted(paras[paragraph_index][label], key=lambda m: m.start) for label in ("PERSON", "OFFICE"))
            for person, office, pattern in _pairs_in_paragraph(text, persons, offices):
                name = names.get(person.text, person.text)
                if (name, office.text) in seen:
                    continue
                seen.add((name, office.text))
                rows.append({"article_id": article_id, "person": name, "office": office.text, "pattern": pattern,
                             "paragraph_index": paragraph_index, "person_entity_id": person.entity_id,
                             "office_entity_id": office.entity_id})
    return frame("roles", rows)


def _mention(row) -> _Mention:
    return _Mention(row.entity_id, int(row.start), int(row.end), str(row.text))
