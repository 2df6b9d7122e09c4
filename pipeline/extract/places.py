"""PLACE mentions: the `place_finder` spaCy component.

`doc.spans["PLACE"]` lists every PLACE mention of a paragraph, including the ones nested in OFFICE spans and ORG
entities, which the flat `doc.ents` cannot hold (see ../shared/spec/ANNOTATION.md). Sources, in priority order
(a later span that overlaps an earlier one is dropped, so within the label spans never overlap):
1. the NER's PLACE entities, repaired where they swallow the title word `Kota` of `Wali Kota X`;
2. the jurisdiction inside an OFFICE span (`Camat Loa Janan` > `Loa Janan`, `Lurah Salotellue` > `Salotellue`)
   and the region inside a government ORG (`Polres Kukar` > `Kukar`), not inside media brands (`Kalteng Pos`);
3. a capitalised dateline opening the paragraph (`AMBON, Siwalimanews –`, `TRIBUN-PAPUA.COM, SENTANI -`);
4. gazetteer mentions the NER missed where the text leaves no doubt that a region is meant.
"""
from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extract.entity_rules import VENUE_HEADS
from pipeline.extract.offices import Title, capitalised, doc_token_keys, is_capitalised, office_title
from pipeline.extract.outlets import SOURCE as OUTLET_SOURCE, brand_words
from pipeline.extract.regions import (COUNTRIES, COUNTRY_LANGUAGE_WORDS, KECAMATAN, PROVINSI, TYPE_WORDS, Gazetteer,
                                      gazetteer)
from pipeline.extract.spans import OFFICE_KEY, PLACE_KEY, token_texts

SOURCE = "place_finder"
_DASHES = {"–", "-", "—", "|", "−"}
_REGION_TYPE_WORDS = {w for w, kinds in TYPE_WORDS.items() if kinds}


class _PlaceCollector:
    """Accepts spans in priority order and keeps them from overlapping."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.taken = [False] * len(doc)
        self.spans: list[Span] = []

    def add(self, start: int, end: int, source: str | None) -> None:
        if start >= end or any(self.taken[start:end]):
            return
        span = Span(self.doc, start, end, label="PLACE")
        span._.source = source
        self.spans.append(span)
        self.taken[start:end] = [True] * (end - start)


class PlaceFinder:
    """spaCy component: writes `doc.spans["PLACE"]`."""

    def __call__(self, doc: Doc) -> Doc:
        gaz = gazetteer()
        texts = token_texts(doc)
        keys = doc_token_keys(doc)
        ents = doc.ents
        offices = list(doc.spans[OFFICE_KEY]) if OFFICE_KEY in doc.spans else []
        titles = {(o.start, o.end): office_title(o, keys) for o in offices}
        places = _PlaceCollector(doc)

        # 1. The NER's places come first: the statistical model sees context the rules do not. Two repairs hold for
        # any text: in `Wali Kota X` the word `Kota` is the title's (ANNOTATION.md), and a "place" made only of an
        # office's marker/head words (`Pj`, `Bupati`) is the title, not a location.
        for ent in ents:
            if ent.label_ != "PLACE":
                continue
            start = ent.start + (keys[ent.start] == "kota" and ent.start > 0 and keys[ent.start - 1] == "wali")
            if not _inside_title(titles.values(), start, ent.end):
                places.add(start, ent.end, ent._.source or "ner")
        for start, end in _venues_of_bodies(doc, texts, ents):
            places.add(start, end, SOURCE)
        # 2. Nested jurisdictions: an office or a government body is named after the region it serves, so the
        # region words after the title (`Camat Loa Janan`) or closing the body's name (`Polres Kukar`) are places.
        # Media brands are excluded: their region word is part of a trade name (`Kalteng Pos`).
        for office in offices:
            title = titles[(office.start, office.end)]
            if title is not None:
                for start, end in _jurisdiction_places(doc, texts, gaz, title, office.end):
                    places.add(start, end, SOURCE)
        for ent in ents:
            if ent.label_ == "ORG" and not _is_brand(ent):
                for start, end in _nested_regions(doc, texts, gaz, ent.start + 1, ent.end):
                    places.add(start, end, SOURCE)
        # 3. A dateline is a place by the conventions of news writing, whatever the outlet.
        dateline = _dateline(doc, texts, gaz)
        if dateline is not None:
            places.add(*dateline, SOURCE)
        # 4. Regions written so that they cannot be anything else (abbreviations, `Kabupaten X`, province names,
        # multi-word kabupaten/kota names), outside every entity and office, in case the NER missed them.
        outside = [True] * len(doc)
        for span in list(ents) + offices:
            outside[span.start:span.end] = [False] * len(span)
        for start, end in _unambiguous_regions(doc, texts, keys, gaz, outside) + _countries(doc, texts, keys, outside):
            places.add(start, end, SOURCE)

        doc.spans[PLACE_KEY] = sorted(places.spans, key=lambda s: s.start)
        return doc


def _inside_title(titles: Iterable[Title | None], start: int, end: int) -> bool:
    return any(t is not None and t.start <= start and end <= t.head_end for t in titles)


def _is_brand(ent: Span) -> bool:
    """Media outlets and other brands: a region word in their name is not a PLACE (`Kalteng Pos`, `prokalteng.co`,
    the article's own outlet `VIVA Malang`). A full stop ending a word is an abbreviation's (`BPS Provinsi Kep.
    Babel`), not a domain's."""
    return ent._.source == OUTLET_SOURCE or any("." in t.text.rstrip(".") or "@" in t.text or t.lower_ in brand_words()
                                               for t in ent)


def _nested_regions(doc: Doc, texts: list[str], gaz: Gazetteer, start: int, end: int,
                    first_lowercase_ok: bool = False) -> list[tuple[int, int]]:
    """Regions inside a government ORG or an OFFICE qualifier: any typed (`Kabupaten X`) or abbreviated
    (`Kukar`, also in brackets) region, and the region the name ends with (`Bawaslu Buton Utara`,
    `Bupati Kutai Kartanegara (Kukar)`). An untyped region word in the middle of a name (`Dinas Pendidikan X`)
    is not taken: agency and field names are full of words that are also names of kecamatan."""
    found = []
    tail = end
    while tail > start and (texts[tail - 1] in "()" or (tail - 2 >= start and texts[tail - 2] == "(")):
        tail -= 1  # ignore closing bracketed abbreviations when finding the final region
    k = start
    while k < end:
        first = k == start
        # A type word counts in any case, as the annotation guide wants type words "when written"
        # (`Pemerintah kabupaten Donggala`).
        typed_lower = (texts[k].lower().rstrip(".") in _REGION_TYPE_WORDS and k + 1 < end
                       and capitalised(texts[k + 1]))
        if not (capitalised(texts[k]) or (first and first_lowercase_ok) or typed_lower) or not texts[k][:1].isalpha():
            k += 1
            continue
        n = gaz.longest_match(texts[k:end])
        if n:
            surface = " ".join(texts[k:k + n])
            typed = texts[k].lower().rstrip(".") in _REGION_TYPE_WORDS and n > 1
            if typed or gaz.is_abbreviation(surface) or k + n == tail or (first and first_lowercase_ok):
                found.append((k, k + n))
                k += n
                continue
        k += 1
    return found


def _jurisdiction_places(doc: Doc, texts: list[str], gaz: Gazetteer, title: Title, end: int) -> list[tuple[int, int]]:
    """PLACE mentions inside an OFFICE span after its title. For village heads (`Lurah`, `Kepala Desa`) the
    capitalised words after the head are the village, one PLACE even though the gazetteer (which stops at
    kecamatan) cannot know it and even when its words are kecamatan names elsewhere (`Sukamakmur Jaya`).
    Higher jurisdictions are all in the gazetteer: an unknown word after `Bupati` is more likely a name."""
    k = title.head_end
    if k + 2 < end and texts[k] == "(" and texts[k + 2] == ")":
        k += 3  # `Kepala Desa (Kades) Tanjung Garbus`: the jurisdiction follows the abbreviation
    found = []
    if "village" in title.flags:
        stop = k
        while (stop < end and capitalised(texts[stop]) and texts[stop][:1].isalpha()
               and texts[stop].lower().rstrip(".") not in _REGION_TYPE_WORDS):
            stop += 1
        if stop > k:
            found.append((k, stop))
        k = stop
    return found + _nested_regions(doc, texts, gaz, k, end, first_lowercase_ok="place" in title.flags and not found)


def _dateline(doc: Doc, texts: list[str], gaz: Gazetteer) -> tuple[int, int] | None:
    """The place of a dateline opening the paragraph: `AMBON, Siwalimanews –`, `KUTAI KARTANEGARA –`,
    `TRIBUNJATENG.COM, KENDAL -`, `FAJAR, TANJUNG SELOR –`, `Jayapura –`, `Lampung Utara, INIHARI.ID –`.
    A run of capitals is only trusted as a place when the gazetteer knows it or an outlet name follows it:
    outlets print their own name in capitals too (`PROSUMUT – Komisi …`)."""
    i = 0
    while i < len(doc) and not texts[i][:1].isalnum():
        i += 1
    j = _capitalised_run(doc, texts, i)
    if j is None:
        return None
    after_outlet = _is_outlet(doc[i:j].text) or (
        doc[i:j].text.isupper() and any(t.lower_ in brand_words() for t in doc[i:j]))
    if not after_outlet and j < len(doc) and texts[j] == ",":
        second = _capitalised_run(doc, texts, j + 1)
        if second is not None and doc[j + 1:second].text.isupper() and not _is_outlet(doc[j + 1:second].text) \
                and second < len(doc) and texts[second] in _DASHES \
                and doc[i:j].text.isupper() and not gaz.candidates(doc[i:j].text):
            after_outlet = True  # `FAJAR, TANJUNG SELOR –`: an outlet in capitals, then the place
    if after_outlet:
        if j >= len(doc) or texts[j] != ",":
            return None
        i = j + 1
        j = _capitalised_run(doc, texts, i)
        if j is None or any(t.lower_ in brand_words() for t in doc[i:j]):
            return None
    if j >= len(doc):
        return None
    surface = doc[i:j].text
    regions = gaz.candidates(surface)
    delimiter = texts[j]
    dash_follows = delimiter in _DASHES or any(t in _DASHES for t in texts[j + 1:j + 5])
    outlet_follows = delimiter == "," and j + 1 < len(doc) and (_is_outlet(texts[j + 1]) or not texts[j + 1].isupper())
    if delimiter == ":":  # `Jakarta: …` — a colon also ends labels (`Sumber: …`), so only a city or higher
        return (i, j) if any(r.kind != KECAMATAN for r in regions) else None
    if delimiter not in _DASHES and delimiter != ",":
        return None
    if after_outlet:
        return i, j
    if regions:
        return (i, j) if dash_follows or outlet_follows else None
    return (i, j) if surface.isupper() and delimiter == "," and dash_follows and outlet_follows else None


def _capitalised_run(doc: Doc, texts: list[str], i: int) -> int | None:
    """End of a run of capitalised words (six tokens at most) starting at token i, None if there is none;
    an outlet name written with dots or hyphens (`TRIBUN-PAPUA.COM`) counts as one word."""
    j = i
    while j < len(doc) and j - i < 6:
        if texts[j][:1].isalpha() and capitalised(texts[j]):
            j += 1
        elif j > i and not doc[j - 1].whitespace_ and texts[j] in {"-", "."} and j + 1 < len(doc):
            j += 1  # glued punctuation inside a name: `TRIBUN-PAPUA.COM`, `SAMIN-NEWS.com`
        elif j > i and not doc[j - 1].whitespace_ and texts[j][:1].isalpha():
            j += 1
        else:
            break
    return j if j > i else None


def propagate_places(docs: list[Doc]) -> None:
    """A one-word region name (a province, kabupaten, kota or kecamatan the gazetteer knows) that the NER tagged PLACE
    in one paragraph of an article is that place wherever the article writes it outside every entity (`Demak`
    tagged in four of its six mentions). Bare one-word region names are otherwise left to the NER, many being
    common words or names (`Batang`, `Bone`, `Bambang`); the article says which are places. Docs are changed in
    place, between the NER and the components after it."""
    gaz = gazetteer()
    words = {ent.text for doc in docs for ent in doc.ents
             if ent.label_ == "PLACE" and len(ent) == 1 and ent.text[:1].isupper() and gaz.candidates(ent.text)}
    for doc in docs if words else ():
        covered = {k for ent in doc.ents for k in range(ent.start, ent.end)}
        found = [Span(doc, k, k + 1, label="PLACE") for k, text in enumerate(token_texts(doc))
                 if text in words and k not in covered]
        for span in found:
            span._.source = SOURCE
        if found:
            doc.ents = sorted([*doc.ents, *found], key=lambda span: span.start)


def _is_outlet(text: str) -> bool:
    """A news site name as printed in datelines: `PROKALTENG.CO`, `SAMIN-NEWS.com`, `Tribun-Papua.com`."""
    return "." in text.strip(".") and any(c.isalpha() for c in text)


def _unambiguous_regions(doc: Doc, texts: list[str], keys: list[str], gaz: Gazetteer,
                         outside: list[bool]) -> list[tuple[int, int]]:
    """Region mentions outside every entity and office that need no NER to be sure of: a press abbreviation
    (`Kaltim`), a region after its type word (`Kabupaten Katingan`), a province name, and multi-word
    kabupaten/kota names (`Lombok Tengah`), also written as one word (`Kulonprogo`). Bare one-word kabupaten and
    kecamatan names are left to the NER: many are also common words (`Batang`, `Malang`, `Bone`)."""
    found = []
    brands = brand_words()
    k = 0
    while k < len(doc):
        if not outside[k] or not capitalised(texts[k]) or not texts[k][:1].isalpha():
            k += 1
            continue
        limit = k
        while limit < len(doc) and outside[limit] and limit - k < gaz.max_words:
            limit += 1
        n = gaz.longest_match(texts[k:limit])
        if not n or (keys[k] == "kota" and k > 0 and keys[k - 1] == "wali"):
            k += 1
            continue
        surface = " ".join(texts[k:k + n])
        regions = gaz.candidates(surface)
        typed = keys[k] in _REGION_TYPE_WORDS and n > 1
        sure = (typed or gaz.is_abbreviation(surface)
                or all(r.kind == PROVINSI for r in regions)
                or ((n > 1 or all(" " in r.name for r in regions)) and all(r.kind != KECAMATAN for r in regions)))
        next_word = keys[k + n] if k + n < len(doc) else ""
        prev_word = keys[k - 1] if k > 0 else ""
        all_capitalised = all(is_capitalised(t) or not t.is_alpha for t in doc[k:k + n])
        if sure and all_capitalised and next_word not in brands and prev_word not in brands:
            found.append((k, k + n))
            k += n
        else:
            k += 1
    return found


def _venues_of_bodies(doc: Doc, texts: list[str], ents) -> list[tuple[int, int]]:
    """`Gedung DPRD Kalteng`, `Ruang Rapat Paripurna DPRD Batu Bara`: a capitalised venue word, up to three
    capitalised words no entity covers, and the ORG of the body the venue houses are one venue PLACE (the ORG
    stays an ORG inside it)."""
    orgs = {e.start: e for e in ents if e.label_ == "ORG"}
    covered = {k for e in ents for k in range(e.start, e.end)}
    found = []
    for k, text in enumerate(texts):
        if text not in VENUE_HEADS or k in covered:
            continue
        j = k + 1
        while j < len(doc) and j - k <= 3 and j not in covered and texts[j].istitle() and texts[j].isalpha():
            j += 1
        if j in orgs:
            found.append((k, orgs[j].end))
    return found


_COUNTRY_FIRST_WORDS = frozenset(name.split()[0] for name in COUNTRIES)


def _countries(doc: Doc, texts: list[str], keys: list[str], outside: list[bool]) -> list[tuple[int, int]]:
    """Country and continent names (countries.tsv) outside every entity and office: a closed class the NER
    misses in sports and foreign news. Not after a word that makes them a language or a people (`bahasa Inggris`),
    nor ending a capitalised name (`Survei Status Gizi Indonesia`, `Liga Indonesia`), nor next to a brand word."""
    found = []
    brands = brand_words()
    for k in range(len(doc)):
        if texts[k] not in _COUNTRY_FIRST_WORDS:
            continue
        for n in (2, 1):
            end = k + n
            if (end <= len(doc) and all(outside[k:end]) and " ".join(texts[k:end]) in COUNTRIES
                    and not (k > 0 and (keys[k - 1] in COUNTRY_LANGUAGE_WORDS or texts[k - 1].istitle()))
                    and not (k > 0 and keys[k - 1] in brands) and not (end < len(doc) and keys[end] in brands)):
                found.append((k, end))
                break
    return found


@Language.factory("place_finder")
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder()
