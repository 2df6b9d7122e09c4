"""Score the whole pipeline on the in-domain test split, the way ../shared/tools/score.py scores dev.

The test split (training/indomain.py: articles c_005, c_010, … c_100) is never trained on. This
writes its texts as a JSONL raw folder and its annotations as score.py gold files (entities only:
the split has no DATE/PERCENT gold, and no boilerplate list, so mentions in teaser lines count)
under training/output/heldout/, runs `python -m pipeline extract` on it and prints score.py's report.

usage: python -m training.score_heldout [--model DIR]
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from training import indomain

WORK = indomain.ROOT / "training" / "output" / "heldout"


def write_split(work: Path = WORK) -> tuple[Path, Path]:
    """Write the test split as a raw folder and a gold folder under `work`; return both."""
    _, test = indomain.split(indomain.load_articles())
    shutil.rmtree(work, ignore_errors=True)
    (work / "raw").mkdir(parents=True)
    (work / "gold").mkdir()
    with (work / "raw" / "heldout.jsonl").open("w", encoding="utf-8") as raw:
        for art in test:
            meta = json.loads((indomain.CORPUS / f"{art.id}.json").read_text(encoding="utf-8"))
            ann = json.loads((indomain.ANNOTATIONS / f"{art.id}.json").read_text(encoding="utf-8"))
            raw.write(json.dumps({k: meta.get(k) for k in ("id", "text", "url", "outlet", "published")}) + "\n")
            gold = {"id": art.id, "text": art.text, "dates": [], "percents": [], "boilerplate": [],
                    "entities": [{"start": s, "end": e, "label": label, "text": art.text[s:e]}
                                 for s, e, label in ann["entities"]]}
            (work / "gold" / f"{art.id}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return work / "raw", work / "gold"


def entity_lines(report: str) -> str:
    """score.py's report without the lines this split has no gold for (dates, percentages, codes)."""
    skip = ("DATE", "PERCENT", "region_code_accuracy")
    return "\n".join(line for line in report.splitlines() if not line.startswith(skip))


def main(argv: list[str] | None = None) -> int:
    from training.evaluate import pipeline_score
    from pipeline.extract.nlp import model_path

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="NER model folder (default: the shipped one)")
    a = ap.parse_args(argv)
    raw_dir, gold_dir = write_split()
    status, output = pipeline_score(model_path(a.model).resolve(), raw_dir, gold_dir)
    print(entity_lines(output) if status == "ok" else output)
    return 0 if status == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
