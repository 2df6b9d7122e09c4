"""Article-level consistency of the abbreviations organisations are given in an article.

An article names an organisation once with its abbreviation in brackets (`Universitas Jenderal Soedirman
(Unsoed)`, `Badan Pusat Statistik (BPS) Kabupaten Batang`) and then writes the abbreviation alone (`rektorat
Unsoed`, `Kasus Unri dan USU`), where the NER tags it unevenly. Every bare repeat of an abbreviation the
article defines in this way is an ORG mention, as the annotation guide has `Bawaslu` and `Unpatti`; one that
the NER tagged a place or a person on its own becomes the ORG, and so does one the NER read as a person's first
name (`Presiden BEM` + `Unsoed Maulana Ihsanul Huda`: the name is the words after it). The abbreviation must be
made of the letters of the name before the bracket (`entity_rules.is_acronym_of`), so a dateline's city (`SALAM
PAPUA (NABIRE)`) or a position's short form (`Kepala Dinas Pendidikan (Kadisdik)`) defines nothing; nor does a region's
abbreviation after a body of the region (`KPU Kalimantan Utara (Kaltara)`): alone it is the PLACE. A repeat
before `kabupaten/kota` names a kind of body, not the one defined (`entity_rules.in_every_region`).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extract.entity_rules import (STOPLIST, bracketed_abbreviation, in_every_region, is_acronym_of,
                                           units_of_bodies)
from pipeline.extract.regions import gazetteer
from pipeline.extract.spans import token_texts

SOURCE = "acronyms"


def defined_abbreviations(docs: list[Doc]) -> set[str]:
    """Abbreviations written in brackets inside an ORG mention right after the words they abbreviate."""
    found = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            for k in range(ent.start + 1, ent.end - 2):
                word = bracketed_abbreviation(doc, k)
                if (len(word) >= 2 and word.lower() not in STOPLIST and not gazetteer().candidates(word)
                        and is_acronym_of(word, doc[ent.start:k].text)):
                    found.add(word)
    return found


def propagate_abbreviations(docs: list[Doc]) -> None:
    """Tag the bare repeats of the article's defined abbreviations ORG (docs are changed in place)."""
    abbreviations = defined_abbreviations(docs)
    if not abbreviations:
        return
    for doc in docs:
        texts = token_texts(doc)
        hits = [i for i, text in enumerate(texts) if text in abbreviations]
        if not hits:
            continue
        ents = list(doc.ents)
        changed = False
        for i in hits:
            inside = [e for e in ents if e.start <= i < e.end]
            opens_person = bool(inside) and inside[0].label_ == "PERSON" and inside[0].start == i and len(inside[0]) > 1
            if (inside and not opens_person and (inside[0].label_ == "ORG" or len(inside[0]) > 1)) \
                    or in_every_region(doc, i + 1):
                continue
            span = Span(doc, i, i + 1, label="ORG")
            span._.source = SOURCE
            rest = [Span(doc, i + 1, inside[0].end, label="PERSON")] if opens_person else []
            ents = [e for e in ents if e not in inside] + [span] + rest
            changed = True
        # `BEM` + `Unsoed`: a unit's acronym right before the institution's abbreviation tagged here is one ORG
        ents = sorted(ents, key=lambda s: s.start)
        merged = units_of_bodies(ents)
        for span in set(merged) - set(ents):
            span._.source = SOURCE
        if changed or len(merged) < len(ents):
            doc.ents = merged
