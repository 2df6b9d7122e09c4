"""Score the whole pipeline on the in-domain test split, the way ../shared/tools/score.py scores dev.

The test split (training/indomain.py: articles c_005, c_010, … c_100) is never trained on. This
writes its texts as a JSONL raw folder and its annotations as score.py gold files (entities only:
the split has no DATE/PERCENT gold, and no boilerplate list, so mentions in teaser lines count)
under training/output/heldout/, runs `python -m pipeline extract` on it and prints score.py's report.
`pipeline_score` (run the pipeline on a raw folder and score it) also scores dev for EVAL.md.

usage: python -m training.score_heldout [--model DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.extract.nlp import model_path
from training import indomain

ROOT = indomain.ROOT
SHARED = ROOT.parent / "shared"
WORK = ROOT / "training" / "output" / "heldout"


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


def pipeline_score(model_dir: Path, raw_dir: Path, gold_dir: Path, timeout: int = 1200) -> tuple[str, str]:
    """(status, output): run the pipeline on raw_dir and score it against gold_dir, if the CLI works."""
    py = sys.executable
    env = dict(os.environ, PILKADA_MODEL=str(model_dir))
    probe = subprocess.run([py, "-m", "pipeline", "extract", "--help"], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["?"])[-1]
        return "skipped", f"`python -m pipeline extract --help` does not run yet ({last})."
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [py, "-m", "pipeline", "extract", "--raw", str(raw_dir), "--out", tmp]
        if "--model" in probe.stdout:
            cmd += ["--model", str(model_dir)]
        run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        if run.returncode != 0:
            tail = "\n".join(run.stderr.strip().splitlines()[-5:])
            return "failed", f"`{' '.join(cmd[1:])}` exited {run.returncode}:\n\n```\n{tail}\n```"
        score = subprocess.run([py, str(SHARED / "tools" / "score.py"), str(gold_dir), tmp],
                               cwd=ROOT, capture_output=True, text=True)
        if score.returncode != 0:
            return "failed", f"score.py exited {score.returncode}:\n\n```\n{score.stderr[-2000:]}\n```"
        return "ok", score.stdout


def entity_lines(report: str) -> str:
    """score.py's report without the lines this split has no gold for (dates, percentages, codes)."""
    skip = ("DATE", "PERCENT", "region_code_accuracy")
    return "\n".join(line for line in report.splitlines() if not line.startswith(skip))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="NER model folder (default: the shipped one)")
    a = ap.parse_args(argv)
    raw_dir, gold_dir = write_split()
    status, output = pipeline_score(model_path(a.model).resolve(), raw_dir, gold_dir)
    print(entity_lines(output) if status == "ok" else output)
    return 0 if status == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
