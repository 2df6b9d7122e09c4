"""Docs whose NER output is set by hand, so that rule tests do not depend on the trained model."""
from pipeline.extract.tokenizer import blank

NLP = blank()


def doc_with_ents(text: str, ents=()):
    """`text` as a Doc with the (surface, label) entities set, each found after the previous one."""
    doc = NLP(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        spans.append(doc.char_span(start, start + len(surface), label=label))
        pos = start + len(surface)
    doc.ents = spans
    return doc
