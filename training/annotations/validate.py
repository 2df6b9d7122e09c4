"""Check stand-off annotation files against the corpus texts they point at.

usage: python training/annotations/validate.py [FILE ...]   (default: every c_*.json here)
Prints each problem and exits 1 if there is any.
"""
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE.parents[2] / "shared" / "corpus" / "raw"
LABELS = {"PERSON", "OFFICE", "PLACE", "ORG"}


def check(path: Path) -> list[str]:
    ann = json.loads(path.read_text())
    src = CORPUS / f"{ann['id']}.json"
    text = json.loads(src.read_text())["text"]
    problems = []
    if ann.get("text_sha1") != hashlib.sha1(text.encode()).hexdigest():
        problems.append("text_sha1 does not match the corpus text")
    by_label: dict[str, list[tuple[int, int]]] = {}
    for start, end, label in ann["entities"]:
        where = f"[{start},{end}) {label}"
        if label not in LABELS:
            problems.append(f"{where}: unknown label")
        if not (0 <= start < end <= len(text)):
            problems.append(f"{where}: outside the text")
            continue
        span = text[start:end]
        if span != span.strip() or span[0] in ",.;:" or span[-1] in ",.;:":
            problems.append(f"{where}: span {span!r} starts or ends with space/punctuation")
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            problems.append(f"{where}: span {span!r} cuts a word")
        by_label.setdefault(label, []).append((start, end))
    for label, spans in by_label.items():
        spans.sort()
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            if b0 < a1:
                problems.append(f"{label}: [{a0},{a1}) overlaps [{b0},{b1}) {text[a0:a1]!r} / {text[b0:b1]!r}")
    return problems


def main() -> int:
    files = [Path(p) for p in sys.argv[1:]] or sorted(HERE.glob("c_*.json"))
    bad = 0
    for f in files:
        for p in check(f):
            print(f"{f.name}: {p}")
            bad += 1
    print(f"{len(files)} files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
