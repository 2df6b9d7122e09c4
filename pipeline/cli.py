"""Command line: `python -m pipeline extract --raw DIR --out DIR` runs every stage; `verify`
checks an output folder; the other sub-commands run one stage alone on Parquet tables, for
debugging and for other pipelines.

Exit codes: 0 done; 1 the run failed while writing (the previous tables stay) or `verify`
found a problem; 2 bad paths or no model; 3 another run is writing the output folder."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.store import OutputLocked

log = logging.getLogger("pipeline")

# pandas and the stages are imported by the sub-command that needs them, so that `extract` on current
# tables starts quickly.


def _write(out_dir: Path, tables: dict) -> None:
    import pyarrow.parquet as pq

    from pipeline import schema
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        pq.write_table(schema.to_arrow(name, df), out_dir / f"{name}.parquet")
        print(f"{out_dir / name}.parquet: {len(df)} rows")


def cmd_extract(a) -> int:
    from pipeline.run import run
    try:
        report = run(a.raw, a.out, jobs=a.jobs, model=a.model, full=a.full, wait=a.wait, engine=a.engine,
                     scheduler=a.scheduler, workers=a.workers)
    except OSError as exc:  # disk full, permission denied, ...: the generation was not switched
        print(f"error: {' '.join(str(exc).split())}; the tables in {a.out} are unchanged", file=sys.stderr)
        return 1
    if report.changed:
        print(f"{report.processed} articles processed, {report.removed} removed, "
              f"{report.rejected} records rejected in {report.seconds:.1f} s; tables in {a.out}")
    else:
        print(f"0 articles processed: the tables in {a.out} are current ({report.seconds:.1f} s)")
    return 0


def cmd_verify(a) -> int:
    from pipeline.store import verify
    generation, problems = verify(a.out)
    for problem in problems:
        print(f"{a.out}: {problem}")
    if problems:
        return 1
    print(f"{a.out}: generation {generation} is complete; every file matches its size and checksum")
    return 0


def cmd_ingest(a) -> int:
    from pipeline.ingest import ingest
    records, rejects = ingest(a.raw)
    _write(a.out, {"records": records, "rejects": rejects})
    return 0


def cmd_clean(a) -> int:
    import pandas as pd

    from pipeline.clean import clean
    articles, paragraphs = clean(pd.read_parquet(a.records))
    _write(a.out, {"articles": articles, "paragraphs": paragraphs})
    return 0


def cmd_dedup(a) -> int:
    import pandas as pd

    from pipeline.dedup import DedupIndex, deduplicate, summarise_articles
    paragraphs = deduplicate(pd.read_parquet(a.paragraphs), DedupIndex())
    articles = summarise_articles(pd.read_parquet(a.articles), paragraphs)
    _write(a.out, {"articles": articles, "paragraphs": paragraphs})
    return 0


def cmd_annotate(a) -> int:
    import pandas as pd

    from pipeline.extract.nlp import load
    from pipeline.extract.stage import extract
    tables = extract(pd.read_parquet(a.articles), pd.read_parquet(a.paragraphs), load(a.model))
    _write(a.out, tables)
    return 0


def cmd_corpus(a) -> int:
    import pandas as pd

    from pipeline.corpus import INPUT_COLUMNS, derive
    tables = {name: pd.read_parquet(a.tables / f"{name}.parquet", columns=columns)
              for name, columns in INPUT_COLUMNS.items()}
    _write(a.out, derive(**tables))
    return 0


def cmd_report(a) -> int:
    try:
        from pipeline.report import write_report
    except ImportError as exc:
        raise RuntimeError(f"the report needs the `report` extra ({exc.name} is missing): "
                           "pip install -e '.[report]'") from exc
    path = write_report(a.tables, a.html)
    print(f"report: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="run every stage on a raw folder, incrementally")
    p.add_argument("--raw", type=Path, default=Path("data/raw"))
    p.add_argument("--out", type=Path, default=Path("data/processed"))
    p.add_argument("--jobs", type=int, default=1, help="worker processes for extraction (local engine)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: this process and --jobs workers (default); dask: every stage on a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler to run on (tcp://host:8786); without it, --engine dask starts a LocalCluster")
    p.add_argument("--workers", type=int, metavar="N",
                   help="worker processes of the LocalCluster that --engine dask starts (default: one per core)")
    p.add_argument("--model", help="NER model folder (default: models/id_pilkada_ner)")
    p.add_argument("--full", action="store_true", help="reprocess every article")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another run writing --out to finish (default 0)")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("verify", help="check every table of an output folder against its manifest (exit 0/1)")
    p.add_argument("--out", type=Path, default=Path("data/processed"))
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("ingest", help="stage 1 alone: raw folder → records + rejects")
    p.add_argument("--raw", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("clean", help="stage 2 alone: records → articles + paragraphs")
    p.add_argument("--records", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_clean)
    p = sub.add_parser("dedup", help="stage 3 alone (fresh index): paragraphs → paragraphs")
    p.add_argument("--articles", type=Path, required=True)
    p.add_argument("--paragraphs", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_dedup)
    p = sub.add_parser("annotate", help="stage 4 alone: articles + paragraphs → entities, dates, percentages, roles, quotes")
    p.add_argument("--articles", type=Path, required=True)
    p.add_argument("--paragraphs", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--model")
    p.set_defaults(func=cmd_annotate)
    p = sub.add_parser("corpus", help="stage 5 alone: articles, entities, roles, quotes → persons, office_holders")
    p.add_argument("--tables", type=Path, required=True, help="folder with the per-article tables")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_corpus)
    p = sub.add_parser("report", help="one self-contained HTML page of charts and tables from the output tables")
    p.add_argument("--tables", type=Path, default=Path("data/processed"))
    p.add_argument("--html", type=Path, default=Path("build/report.html"))
    p.set_defaults(func=cmd_report)
    return ap


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ap = parser()
    a = ap.parse_args(argv)
    if a.command == "extract":
        if a.engine == "local" and (a.scheduler or a.workers):
            ap.error("--scheduler and --workers are options of --engine dask")
        if a.engine == "dask" and a.jobs != 1:
            ap.error("--jobs is an option of the local engine; --engine dask takes --workers or --scheduler")
        if a.scheduler and a.workers:
            ap.error("--workers starts a LocalCluster; with --scheduler the cluster has its own workers")
    try:
        return a.func(a)
    except OutputLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except (FileNotFoundError, RuntimeError) as exc:  # bad paths, no model, unreadable input
        print(f"error: {exc}", file=sys.stderr)
        return 2
