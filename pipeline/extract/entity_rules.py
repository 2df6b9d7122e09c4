"""`entity_rules`: general repairs of the statistical NER output, run right after `ner`.

- Drop entities that are civil-service categories or generic government nouns (`ASN`,
  `Netralitas ASN`, `Pemda`): a model trained on older news tags them ORG, and they are never
  named entities (lexicon `ner_stoplist.txt`).
- Repair spans at parentheses: an entity that opens a parenthesis without closing it is extended
  to the closing one when it is near (`Badan Pengawas Pemilu (Bawaslu`) or cut before it.
- Join an agency name that lists its portfolios with commas (`Dinas Pemuda, Olahraga dan
  Pariwisata NTB`): the NER cuts it at the comma into pieces (lexicon `org_heads.txt`).
- PLACE spans take in a region type word written before them in any case (`provinsi Sumatera
  Selatan`, as the annotation guide wants type words "when written"; not the `Kota` of `Wali
  Kota`), and split where a second region starts (`Desa Labuan kecamatan Labuan`).
- In a Title Case headline, where capitals say nothing about names, trim a PLACE that names no
  known region to its longest prefix that does (`Camat Loa Janan Ajak Warga` → `Loa Janan`).
- Drop PLACE spans in capitals inside a sentence that name no known region (`VIDEO TERPOPULER`,
  `IKUTI`): page chrome in capitals looks like a dateline to the NER.
- Trim honorifics, ranks and academic degrees off PERSON spans (`H. La Nita, S.Pd` → `La Nita`),
  as ../shared/spec/ANNOTATION.md requires (lexicon `person_affixes.tsv`).
"""
from __future__ import annotations

from importlib.resources import files

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extract.offices import is_title_case
from pipeline.extract.regions import TYPE_WORDS, gazetteer

_PAREN_REACH = 6  # tokens to look ahead for the closing parenthesis of an abbreviation


def _lexicon(name: str) -> list[str]:
    text = (files("pipeline") / "lexicons" / name).read_text(encoding="utf-8")
    return [row.strip() for row in text.splitlines() if row.strip() and not row.startswith("#")]


STOPLIST = {row.lower() for row in _lexicon("ner_stoplist.txt")}
_AFFIXES = [row.split("\t") for row in _lexicon("person_affixes.tsv")]
PERSON_PREFIXES = {word for kind, word in _AFFIXES if kind == "prefix"}
PERSON_SUFFIXES = {word for kind, word in _AFFIXES if kind == "suffix"}
ORG_HEADS = set(_lexicon("org_heads.txt"))
_CONJUNCTIONS = {"dan", "serta", "&"}


def _affix_key(text: str) -> str:
    return text.lower().rstrip(".")


def _repair_parentheses(doc: Doc, ent: Span) -> Span | None:
    opened = sum(t.text == "(" for t in ent) - sum(t.text == ")" for t in ent)
    if opened <= 0:
        return ent
    for j in range(ent.end, min(ent.end + _PAREN_REACH, len(doc))):
        if doc[j].text == ")":
            return Span(doc, ent.start, j + 1, label=ent.label)
        if doc[j].is_punct and doc[j].text != ".":
            break
    cut = max(i for i in range(ent.start, ent.end) if doc[i].text == "(")
    return Span(doc, ent.start, cut, label=ent.label) if cut > ent.start else None


def _portfolio_list_end(doc: Doc, ent: Span, ents_after: list[Span]) -> int:
    """Where an agency name that goes on as `, Word, Word dan Word [Qualifier]` really ends.

    The list must start with a comma right after the mention and be closed by `dan`/`serta`;
    no item may open with an agency head word (`Dinas Pendidikan, Dinas Kesehatan dan Bappeda`
    is three bodies) and the last item does not run into a person's name."""
    person_starts = {e.start for e in ents_after if e.label_ == "PERSON"}
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return ent.end
    i, closed = ent.end, False
    while i < len(doc) and not closed:
        sep = i + (doc[i].text == ",")
        if sep < len(doc) and doc[sep].text.lower() in _CONJUNCTIONS:
            closed, sep = True, sep + 1
        if sep == i:
            break  # neither a comma nor a conjunction: the list is over
        k = sep
        # Inside the list a "name" is a mis-tagged portfolio (`Klimatologi`); after its last item,
        # a name is the next mention (`… dan Pariwisata Budi Santoso`).
        while (k < len(doc) and doc[k].text[:1].isupper() and doc[k].text.lower() not in ORG_HEADS
               and not (closed and k in person_starts)):
            k += 1
        if k == sep:
            return ent.end  # the separator is not followed by a portfolio
        i = k
    if not closed:
        return ent.end
    # The name's abbreviation (`… dan Geofisika (BMKG)`) and a qualifier mention right after
    # the list (`… dan Pariwisata NTB`) belong to it.
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].text[:1].isupper():
        i += 3
    for other in ents_after:
        if other.start == i and other.label_ in ("PLACE", "ORG"):
            return other.end
    return i


def _is_type_word(token) -> bool:
    return token.text.lower().rstrip(".") in TYPE_WORDS


def _known_prefix_end(doc: Doc, start: int, end: int) -> int | None:
    """End of the longest proper prefix of doc[start:end] that the gazetteer knows."""
    gaz = gazetteer()
    for cut in range(end - 1, start, -1):
        if gaz.candidates(doc[start:cut].text):
            return cut
    return None


def _repair_place(doc: Doc, ent: Span, headline: bool) -> list[Span]:
    start, end = ent.start, ent.end
    if headline and len(ent) > 1 and not gazetteer().candidates(ent.text):
        end = _known_prefix_end(doc, start, end) or end
    if start > 0 and _is_type_word(doc[start - 1]) and not (start > 1 and doc[start - 2].lower_ == "wali"):
        start -= 1
    if ent.text.isupper() and ent.start > 0 and not gazetteer().candidates(ent.text) and (
            len(ent) > 1 or len(ent.text) > 4) and (end >= len(doc) or doc[end].text not in {",", "–", "-", "—"}):
        return []
    if _is_type_word(doc[start]):
        for i in range(start + 2, end - 1):
            if _is_type_word(doc[i]):
                return [Span(doc, start, i, label=ent.label), Span(doc, i, end, label=ent.label)]
    return [Span(doc, start, end, label=ent.label)]


def _trim_person(doc: Doc, ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    while start < end and (_affix_key(doc[start].text) in PERSON_PREFIXES or doc[start].text == "."):
        start += 1
    # Degrees follow the name after a comma: `La Nita, S.Pd, M.M`.
    for i in range(start, end):
        if doc[i].text == "," and i + 1 < end and _affix_key(doc[i + 1].text) in PERSON_SUFFIXES:
            end = i
            break
    while end > start and (_affix_key(doc[end - 1].text) in PERSON_SUFFIXES or doc[end - 1].is_punct):
        end -= 1
    return Span(doc, start, end, label=ent.label) if end > start else None


@Language.component("entity_rules")
def entity_rules(doc: Doc) -> Doc:
    ents = list(doc.ents)
    headline = is_title_case(doc)
    kept: list[Span] = []
    for n, ent in enumerate(ents):
        if ent.text.lower() in STOPLIST:
            continue
        if kept and ent.start < kept[-1].end:
            continue  # swallowed by a span extended before it
        span = _repair_parentheses(doc, ent)
        if span is not None and span.label_ == "ORG" and span[0].text.lower() in ORG_HEADS:
            end = _portfolio_list_end(doc, span, ents[n + 1:])
            span = Span(doc, span.start, end, label=span.label) if end > span.end else span
        if span is not None and span.label_ == "PERSON":
            span = _trim_person(doc, span)
        pieces = _repair_place(doc, span, headline) if span is not None and span.label_ == "PLACE" else [span]
        for piece in pieces:
            if piece is not None and not (kept and piece.start < kept[-1].end):
                kept.append(piece)
    doc.ents = kept
    return doc
