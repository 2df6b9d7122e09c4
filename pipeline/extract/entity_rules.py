"""`entity_rules`: general repairs of the statistical NER output, run right after `ner`.

- Drop entities that are civil-service categories or generic government nouns (`ASN`,
  `Netralitas ASN`, `Pemda`): a model trained on older news tags them ORG, and they are never
  named entities (lexicon `ner_stoplist.txt`).
- Repair spans at parentheses: an entity that opens a parenthesis without closing it is extended
  to the closing one when it is near (`Badan Pengawas Pemilu (Bawaslu`) or cut before it.
- Trim honorifics, ranks and academic degrees off PERSON spans (`H. La Nita, S.Pd` → `La Nita`),
  as ../shared/spec/ANNOTATION.md requires (lexicon `person_affixes.tsv`).
"""
from __future__ import annotations

from importlib.resources import files

from spacy.language import Language
from spacy.tokens import Doc, Span

_PAREN_REACH = 6  # tokens to look ahead for the closing parenthesis of an abbreviation


def _lexicon(name: str) -> list[str]:
    text = (files("pipeline") / "lexicons" / name).read_text(encoding="utf-8")
    return [row.strip() for row in text.splitlines() if row.strip() and not row.startswith("#")]


STOPLIST = {row.lower() for row in _lexicon("ner_stoplist.txt")}
_AFFIXES = [row.split("\t") for row in _lexicon("person_affixes.tsv")]
PERSON_PREFIXES = {word for kind, word in _AFFIXES if kind == "prefix"}
PERSON_SUFFIXES = {word for kind, word in _AFFIXES if kind == "suffix"}


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
    kept: list[Span] = []
    for ent in doc.ents:
        if ent.text.lower() in STOPLIST:
            continue
        span = _repair_parentheses(doc, ent)
        if span is not None and span.label_ == "PERSON":
            span = _trim_person(doc, span)
        if span is None or (kept and span.start < kept[-1].end):
            continue
        kept.append(span)
    doc.ents = kept
    return doc
