"""Article-level consistency of person names, between the NER and the office/place components.

A name the NER recognises once in an article (`Suyuti Syamsul`) is often missed in its short
repeat mentions (`kata Suyuti`), taken for a place, or swallowed by the organisation before it
(`Kepala Dinas Pendidikan Sumsel Sutoko`). The paragraphs of an article are processed together:
a run of capitalised tokens made only of words of the article's PERSON mentions becomes a PERSON
mention, relabelling an entity that covers exactly the run, cutting it off the end of an entity
that swallowed it, or filling a gap where there was none.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extract.entity_rules import PERSON_PREFIXES
from pipeline.extract.offices import lexicon as office_lexicon, token_key
from pipeline.extract.regions import is_unmistakable_region

_SENTENCE_OPENERS = {".", "!", "?", "“", "\"", ":", "–", "-", "—"}
SOURCE = "names"


def name_words(docs: list[Doc]) -> set[str]:
    """Words of the article's PERSON mentions that can stand for the person on their own."""
    titles = office_lexicon().title_words  # `Bupati`, `Pj`: never a name on their own
    words = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            for tok in ent:
                text = tok.text
                if (len(text) >= 3 and text[:1].isupper() and tok.is_alpha
                        and text.lower() not in PERSON_PREFIXES and token_key(text) not in titles
                        and not is_unmistakable_region(text)):
                    words.add(text)
    return words


def _opens_sentence(doc: Doc, i: int) -> bool:
    return i == 0 or doc[i - 1].text in _SENTENCE_OPENERS


def propagate_names(docs: list[Doc]) -> None:
    """Apply the article's person names to all its paragraphs (docs are changed in place)."""
    words = name_words(docs)
    if not words:
        return
    for doc in docs:
        ents = list(doc.ents)
        owner = {}
        for n, ent in enumerate(ents):
            for i in range(ent.start, ent.end):
                owner[i] = n
        changed = False
        i = 0
        while i < len(doc):
            if doc[i].text not in words or (i in owner and ents[owner[i]].label_ == "PERSON"):
                i += 1
                continue
            j = i
            while j < len(doc) and doc[j].text in words:
                j += 1
            # A lone name word opening a sentence may be an ordinary capitalised word.
            if j - i == 1 and _opens_sentence(doc, i):
                i = j
                continue
            covering = {owner[k] for k in range(i, j) if k in owner}
            if not covering:
                ents.append(_person(doc, i, j))
                changed = True
            elif len(covering) == 1:
                n = covering.pop()
                ent = ents[n]
                if ent.start == i and ent.end == j:
                    ents[n] = _person(doc, i, j)
                    changed = True
                elif ent.start < i and ent.end == j and ent.label_ in ("ORG", "PLACE"):
                    ents[n] = Span(doc, ent.start, i, label=ent.label)
                    ents.append(_person(doc, i, j))
                    changed = True
            i = j
        if changed:
            doc.ents = sorted(ents, key=lambda s: s.start)


def _person(doc: Doc, start: int, end: int) -> Span:
    span = Span(doc, start, end, label="PERSON")
    span._.source = SOURCE
    return span
