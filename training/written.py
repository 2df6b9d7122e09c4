"""News-style articles written for this project, with inline entity markup → paragraph Docs.

training/written/*.txt hold original articles in the style of 2024 regional news, written for
this project (not taken from any site), one paragraph a line, each PERSON / PLACE / ORG mention
marked `{{LABEL:surface}}` (flat: a PLACE inside an ORG name is part of the ORG), and each office
`{{OFFICE:…}}` around the marks it holds (`{{OFFICE:Kapolres {{PLACE:Lhokseumawe}}}}`, ANNOTATION.md's
OFFICE). They add in-domain variety — regions, name origins, datelines, outlets, and non-entities such as
`ASN` — beyond the annotated real training articles. A file with any OFFICE mark has all its offices
marked, so with `offices=True` its paragraphs teach the span categorizer (`doc.spans[OFFICE_MODEL_KEY]`,
set even when empty); the paragraphs of a file without one do not. `make train` leaves them out (measured in
the tenth session, not adopted: training/README.md).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.spans import OFFICE_MODEL_KEY

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "training" / "written"
TOKEN = re.compile(r"\{\{(PERSON|PLACE|ORG|OFFICE):|\}\}")


def parse_line(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """`… {{OFFICE:Ketua {{ORG:Bawaslu Kukar}}}} …` → (plain text, [(start, end, label)]); marks nest,
    the inner one closing first."""
    parts, spans, opened, pos, length = [], [], [], 0, 0
    for m in TOKEN.finditer(line):
        before = line[pos:m.start()]
        parts.append(before)
        length += len(before)
        pos = m.end()
        if m.group(1):
            opened.append((length, m.group(1)))
        elif opened:
            start, label = opened.pop()
            spans.append((start, length, label))
        else:
            raise ValueError(f"'}}}}' closes nothing in: {line[:80]!r}")
    parts.append(line[pos:])
    text = "".join(parts)
    if opened or "{{" in text or "}}" in text:
        raise ValueError(f"malformed markup in: {line[:80]!r}")
    return text, sorted(spans)


def paragraph_docs(nlp: Language, stats: dict | None = None, warn=None, offices: bool = False) -> list[Doc]:
    warn = warn or (lambda msg: print(f"written: {msg}", file=sys.stderr))
    stats = stats if stats is not None else {}
    stats.setdefault("files", 0)
    stats.setdefault("spans", 0)
    stats.setdefault("misaligned", 0)
    stats.setdefault("office_files", 0)
    stats.setdefault("office_misaligned", 0)
    docs = []
    for path in sorted(WRITTEN.glob("*.txt")):
        stats["files"] += 1
        lines = path.read_text(encoding="utf-8").splitlines()
        office_marked = offices and any("{{OFFICE:" in line for line in lines)
        stats["office_files"] += office_marked
        for lineno, line in enumerate(lines, start=1):
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
                if label == "OFFICE":
                    continue
                stats["spans"] += 1
                span = doc.char_span(s, e, label=label, alignment_mode="strict")
                if span is None or text[s:e] != text[s:e].strip():
                    stats["misaligned"] += 1
                    continue
                ents.append(span)
            doc.set_ents(ents, default="outside")
            if office_marked:
                office_spans = [doc.char_span(s, e, label=label) for s, e, label in spans if label == "OFFICE"]
                stats["office_misaligned"] += sum(o is None for o in office_spans)
                doc.spans[OFFICE_MODEL_KEY] = [o for o in office_spans if o is not None]
            docs.append(doc)
    return docs


if __name__ == "__main__":
    from collections import Counter

    from pipeline.extract.tokenizer import blank

    st: dict = {}
    docs = paragraph_docs(blank(), st, offices=True)
    print(len(docs), "paragraphs", dict(Counter(e.label_ for d in docs for e in d.ents)),
          sum(len(d.spans.get(OFFICE_MODEL_KEY, ())) for d in docs), "offices", st)
