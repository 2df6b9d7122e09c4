"""Score the whole pipeline on a split of the project's annotated articles, the way
../shared/tools/score.py scores dev.

Splits:
- `test`: the in-domain test split of training/annotations up to c_100 (c_005, c_010, … c_100), never trained on;
  its annotations have entities only (no DATE/PERCENT gold, no boilerplate list, so mentions in
  teaser lines count), and the report keeps the entity lines.
- `sealed`: training/sealed (issue 9), annotated with every label; scored a few times only, each run
  logged with its date in training/README.md. Never write rules from its errors.
- `new-test`: the test articles of c_101 onward (number divisible by 5, not sealed), with every label:
  never trained on; the validation set for choices (seeds, thresholds) on news of the sealed split's kind.
- `fold-K/N`: the training articles of cross-validation fold K of N (`indomain.in_fold`), for a model
  trained with `python -m training.train --hold-out-fold K/N`: unseen-text errors on articles that may be read
  for errors (training data, unlike the validation and sealed articles); entity lines only, as for `test`.
- `new`: every annotated article of c_101 onward (training/annotations), with every label: to study
  the errors of the current pipeline on news of the kind the sealed split holds.

This writes the split's texts as a JSONL raw folder and its annotations as score.py gold files under
training/output/<split>/, runs `python -m pipeline extract` on it and prints score.py's report.
`pipeline_score` (run the pipeline on a raw folder and score it) also scores dev for EVAL.md.

usage: python -m training.score_heldout [--split test|new-test|new|sealed|fold-K/N] [--model DIR] [--show-errors]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.extract.nlp import model_path
from training import indomain

ROOT = indomain.ROOT
SHARED = ROOT.parent / "shared"
OUTPUT = ROOT / "training" / "output"


def split_files(split: str) -> list[Path]:
    if split == "sealed":
        return sorted(indomain.SEALED.glob("c_*.json"))
    files = sorted(indomain.ANNOTATIONS.glob("c_*.json"))
    new = [p for p in files if int(p.stem[2:]) > 100]
    if split == "test":
        return [p for p in files if indomain.is_test(p.stem) and p not in new]
    if split == "new-test":
        return [p for p in new if indomain.is_test(p.stem)]
    if split == "new":
        return new
    fold = re.fullmatch(r"fold-(\d+)/(\d+)", split)
    if fold:
        return [p for p in files if indomain.in_fold(p.stem, int(fold.group(1)), int(fold.group(2)))]
    raise ValueError(f"unknown split {split!r}")


def gold_record(ann: dict, meta: dict) -> dict:
    """A stand-off annotation (training/annotate.py format) as a score.py gold file."""
    text = meta["text"]
    entities = []
    for s, e, label, *code in ann["entities"]:
        ent = {"start": s, "end": e, "label": label, "text": text[s:e]}
        if code and code[0]:
            ent["region_code"] = code[0]
        entities.append(ent)
    granularity = {10: "day", 7: "month", 4: "year"}
    return {
        "id": ann["id"], "text": text, "published": meta.get("published"), "entities": entities,
        "dates": [{"start": s, "end": e, "text": text[s:e], "value": v, "granularity": granularity[len(v)]}
                  for s, e, v in ann.get("dates", [])],
        "percents": [{"start": s, "end": e, "text": text[s:e], "value": lo, "value_max": hi}
                     for s, e, lo, hi in ann.get("percents", [])],
        "boilerplate": sorted({text[s:e] for s, e in ann.get("boilerplate", [])}),
    }


def write_split(split: str = "test", work: Path | None = None) -> tuple[Path, Path]:
    """Write a split as a raw folder and a gold folder under `work`; return both."""
    work = work or OUTPUT / split.replace("/", "-of-")
    shutil.rmtree(work, ignore_errors=True)
    (work / "raw").mkdir(parents=True)
    (work / "gold").mkdir()
    with (work / "raw" / "articles.jsonl").open("w", encoding="utf-8") as raw:
        for path in split_files(split):
            ann = json.loads(path.read_text(encoding="utf-8"))
            meta = json.loads((indomain.CORPUS / f"{ann['id']}.json").read_text(encoding="utf-8"))
            raw.write(json.dumps({k: meta.get(k) for k in ("id", "text", "url", "outlet", "published")}) + "\n")
            (work / "gold" / f"{ann['id']}.json").write_text(
                json.dumps(gold_record(ann, meta), ensure_ascii=False), encoding="utf-8")
    return work / "raw", work / "gold"


def pipeline_score(model_dir: Path, raw_dir: Path, gold_dir: Path, timeout: int = 1200,
                   show_errors: bool = False) -> tuple[str, str]:
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
        score = subprocess.run([py, str(SHARED / "tools" / "score.py"), str(gold_dir), tmp]
                               + (["--show-errors"] if show_errors else []),
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
    ap.add_argument("--split", default="test",
                    help="test, new-test, new, sealed, or fold-K/N (the training articles a model trained with "
                         "--hold-out-fold K/N has not seen)")
    ap.add_argument("--model", help="NER model folder (default: the shipped one)")
    ap.add_argument("--show-errors", action="store_true", help="score.py's error list (not for the sealed split)")
    a = ap.parse_args(argv)
    if a.split == "sealed" and a.show_errors:
        ap.error("the sealed split is scored, never read for errors (issue 9)")
    try:
        split_files(a.split)
    except ValueError as e:
        ap.error(str(e))
    raw_dir, gold_dir = write_split(a.split)
    status, output = pipeline_score(model_path(a.model).resolve(), raw_dir, gold_dir, show_errors=a.show_errors)
    print(entity_lines(output) if status == "ok" and (a.split == "test" or a.split.startswith("fold-")) else output)
    return 0 if status == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
