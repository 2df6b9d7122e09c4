"""News-style articles written for this project, with inline entity markup → paragraph Docs.

training/written/*.txt hold original articles in the style of 2024 regional news, written for
this project (not taken from any site), one paragraph a line, each PERSON / PLACE / ORG mention
marked `{{LABEL:surface}}` (flat: a PLACE inside an ORG name is part of the ORG). They add
in-domain variety — regions, name origins, datelines, outlets, and non-entities such as `ASN` —
beyond the 80 annotated real training articles.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "training" / "written"
MARK = re.compile(r"\{\{(PERSON|PLACE|ORG):([^{}]+?)\}\}")


def parse_line(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """`… {{ORG:Bawaslu Kukar}} …` → (plain text, [(start, end, label)])."""
    parts, spans, pos, length = [], [], 0, 0
    for m in MARK.finditer(line):
        before = line[pos:m.start()]
        parts.append(before)
        length += len(before)
        surface = m.group(2)
        spans.append((length, length + len(surface), m.group(1)))
        parts.append(surface)
        length += len(surface)
        pos = m.end()
    parts.append(line[pos:])
    text = "".join(parts)
    if "{{" in text or "}}" in text:
        raise ValueError(f"malformed markup in: {line[:80]!r}")
    return text, spans


def paragraph_docs(nlp: Language, stats: dict | None = None, warn=None) -> list[Doc]:
    warn = warn or (lambda msg: print(f"written: {msg}", file=sys.stderr))
    stats = stats if stats is not None else {}
    stats.setdefault("files", 0)
    stats.setdefault("spans", 0)
    stats.setdefault("misaligned", 0)
    docs = []
    for path in sorted(WRITTEN.glob("*.txt")):
        stats["files"] += 1
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                text, spans = parse_line(line)
            except ValueError as exc:
                warn(f"{path.name}:{lineno}: {exc}; line skipped")
                continue
            doc = nlp.make_doc(text)
            ents = []
            for s, e, label in spans:
                stats["spans"] += 1
                span = doc.char_span(s, e, label=label, alignment_mode="strict")
                if span is None or text[s:e] != text[s:e].strip():
                    stats["misaligned"] += 1
                    continue
                ents.append(span)
            doc.set_ents(ents, default="outside")
            docs.append(doc)
    return docs


if __name__ == "__main__":
    from collections import Counter

    from pipeline.extract.tokenizer import blank

    st: dict = {}
    docs = paragraph_docs(blank(), st)
    print(len(docs), "paragraphs", dict(Counter(e.label_ for d in docs for e in d.ents)), st)
