"""Score the whole pipeline on the in-domain test split, the way ../shared/tools/score.py scores dev.

The test split (training/indomain.py: articles c_005, c_010, … c_100) is never trained on. This
writes its texts as a JSONL raw folder and its annotations as score.py gold files (entities only:
the split has no DATE/PERCENT gold) under training/output/heldout/, runs
`python -m pipeline extract` on it and prints score.py's report.

usage: python -m training.score_heldout [--model DIR]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys

from training import indomain

WORK = indomain.ROOT / "training" / "output" / "heldout"
SCORER = indomain.ROOT.parent / "shared" / "tools" / "score.py"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="NER model folder (default: the shipped one)")
    a = ap.parse_args(argv)
    _, test = indomain.split(indomain.load_articles())
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "raw").mkdir(parents=True)
    (WORK / "gold").mkdir()
    with (WORK / "raw" / "heldout.jsonl").open("w", encoding="utf-8") as raw:
        for art in test:
            meta = json.loads((indomain.CORPUS / f"{art.id}.json").read_text(encoding="utf-8"))
            ann = json.loads((indomain.ANNOTATIONS / f"{art.id}.json").read_text(encoding="utf-8"))
            raw.write(json.dumps({k: meta.get(k) for k in ("id", "text", "url", "outlet", "published")}) + "\n")
            gold = {"id": art.id, "text": art.text, "dates": [], "percents": [], "boilerplate": [],
                    "entities": [{"start": s, "end": e, "label": label, "text": art.text[s:e]}
                                 for s, e, label in ann["entities"]]}
            (WORK / "gold" / f"{art.id}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", str(WORK / "raw"), "--out", str(WORK / "out")]
    if a.model:
        cmd += ["--model", a.model]
    subprocess.run(cmd, check=True)
    return subprocess.run([sys.executable, str(SCORER), str(WORK / "gold"), str(WORK / "out")]).returncode


if __name__ == "__main__":
    sys.exit(main())
