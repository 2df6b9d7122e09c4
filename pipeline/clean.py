"""Clean stage: raw article text → paragraphs of clean text with an offset map back to raw.

A paragraph is one non-empty line of the raw text (scrapers keep one paragraph a line). Each is
normalised (mojibake repaired, odd spaces and zero-width characters removed, whitespace
collapsed) and classified: page chrome (`Baca Juga: …`, `Leave a Reply`, a weather widget at the
top) is flagged `is_boilerplate`; a teaser glued onto article text is cut out of the paragraph.
Nothing is deleted silently: chrome stays in the `paragraphs` table with its flag, and the
dateline and byline are copied into `articles`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from pipeline import __version__, schema
from pipeline.extract.dates import publication_date
from pipeline.lexicon import read_rows
from pipeline.offsets import OffsetMap, OffsetMapBuilder

# --- character normalisation -------------------------------------------------------------

# cp1252 byte for each character a UTF-8 → cp1252 misreading produces (bytes 0x80–0xFF).
_CP1252_BYTE = {}
for _b in range(0x80, 0x100):
    try:
        _CP1252_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:  # undefined in cp1252: browsers show the latin-1 control char
        _CP1252_BYTE[chr(_b)] = _b
_CONT = "".join(ch for ch, b in _CP1252_BYTE.items() if 0x80 <= b <= 0xBF)
_CONT_CLASS = "[" + re.escape(_CONT) + "]"
_SPECIAL = re.compile(
    rf"(?P<moji>[\u00c2-\u00df]{_CONT_CLASS}|[\u00e0-\u00ef]{_CONT_CLASS}{{2}})"
    r"|(?P<space>(?:[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]|\u00c2(?=\s))+)"
    r"|(?P<zero>[\u200b-\u200d\u2060\ufeff\u00ad]+)"
)


# A line with none of these has nothing to repair but lone spaces between words, and spaces at its ends.
_NEEDS_REPAIR = re.compile(r"[\t\r\f\v\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\u00ad\u00c2-\u00ef]|  ")


def _unmojibake(s: str) -> str | None:
    """`â€œ` → `“` when the characters are UTF-8 bytes misread as cp1252, else None."""
    try:
        return bytes(_CP1252_BYTE[ch] for ch in s).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None


def normalise_line(raw: str, start: int, end: int) -> tuple[str, OffsetMap]:
    """Clean raw[start:end] and map every cleaned character back to raw offsets."""
    if not _NEEDS_REPAIR.search(raw, start, end):  # most lines: the text itself, without outer spaces
        line = raw[start:end]
        text = line.strip(" ")
        if not text:
            return "", OffsetMap()
        first = start + len(line) - len(line.lstrip(" "))
        return text, OffsetMap([0], [first], [first + len(text)], len(text))
    out = OffsetMapBuilder()
    pos = start
    pending_space: tuple[int, int] | None = None  # collapsed whitespace, emitted before the next text

    def emit(clean: str, r0: int, r1: int) -> None:
        nonlocal pending_space
        if pending_space and out.map.length:
            out.add(" ", *pending_space)
        pending_space = None
        out.add(clean, r0, r1)

    for m in _SPECIAL.finditer(raw, start, end):
        if m.start() > pos:
            emit(raw[pos:m.start()], pos, m.start())
        if m.lastgroup == "moji":
            fixed = _unmojibake(m.group())
            if fixed is None:
                emit(m.group(), m.start(), m.end())
            elif fixed.strip():
                emit(fixed, m.start(), m.end())
            else:  # a misread no-break space is whitespace
                pending_space = pending_space or (m.start(), m.end())
        elif m.lastgroup == "space":
            pending_space = (pending_space[0], m.end()) if pending_space else (m.start(), m.end())
        pos = m.end()
    if pos < end:
        emit(raw[pos:end], pos, end)
    return out.text(), out.map


# --- page chrome ----------------------------------------------------------------------------

def _load_markers() -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {"line": [], "prefix": [], "teaser": []}
    for kind, marker in read_rows("boilerplate.tsv", maxsplit=1):
        kinds[kind].append(marker.strip().lower())
    return kinds


_MARKERS = _load_markers()
_LINE_MARKERS = set(_MARKERS["line"])
_PREFIX = re.compile(r"(?:%s)(?![a-z])" % "|".join(map(re.escape, _MARKERS["prefix"])), re.I)
# A teaser marker needs its colon unless it is the unambiguous "baca juga".
_TEASER = re.compile(
    r"(?:(?:%s)\s*:|baca\s*juga\b)\s*" % "|".join(map(re.escape, _MARKERS["teaser"])), re.I
)
# Article text glued onto a teaser title: `…Kerja Sama“Pejabat` or `…Kerja SamaPejabat`.
_GLUE = re.compile(r"(?<=[a-z0-9)])(?=[“\"‘][A-Z]|[A-Z][a-z])")
_TEMPERATURE = re.compile(r"^-?\d{1,2}(?:[.,]\d+)?\s*°?\s*[CF]$")
_DATE_ONLY = re.compile(
    r"^(?:[A-Za-z]+,?\s*)?\(?\d{1,2}[\s/.-]*(?:[A-Za-z]+|\d{1,2})[\s/.-]*\d{2,4}\)?"
    r"|^(?:[A-Za-z]+,\s*)?[A-Za-z]+\s+\d{1,2},\s*\d{4}$"
)
_DATELINE = re.compile(
    r"^\s*(?P<dateline>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*,\s*\(?[A-Z0-9][\w.'’-]*(?:\s+[A-Z0-9][\w.'’-]*){0,2}\)?)?)"
    r"(?:\s*[–—-]{1,2}\s+|\s*$)"
)
_BYLINE_LINE = re.compile(
    r"^\(?(?:penulis|editor|reporter|pewarta|redaktur|wartawan|kontributor|laporan|sumber|foto)"
    r"\s*:\s*\S.*$",
    re.I,
)
_BYLINE_CODE = re.compile(r"\((?:[A-Za-z]{1,6}/)+[A-Za-z]{1,6}\)\s*$|\([A-Z]{1,3}-\d{1,3}\)\s*$|\(\*{1,3}\)\s*$")


def _marker_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip().lower()


_TEASER_WORDS = {_marker_key(m) for m in _MARKERS["teaser"]}
# Words a Title Case headline leaves in lower case (Indonesian headline style).
_TITLE_SMALL_WORDS = {"di", "ke", "dari", "dan", "yang", "untuk", "dengan", "pada", "atau", "dalam", "oleh",
                      "bagi", "jadi", "vs", "soal", "ini", "itu"}


def is_chrome(text: str) -> bool:
    """A whole paragraph that is page chrome by the marker lexicon, or has no letters or digits."""
    return (
        _marker_key(text) in _LINE_MARKERS
        or _PREFIX.match(text) is not None
        or not any(ch.isalnum() for ch in text)
    )


def _title_like(text: str) -> bool:
    return len(text.split()) <= 25 and not text.rstrip().endswith((".", "!", "?", ":", ","))


@dataclass
class _Paragraph:
    raw_start: int
    raw_end: int
    text: str
    map: OffsetMap
    is_boilerplate: bool = False


def _title_run_end(text: str, start: int) -> int | None:
    """Where article text resumes after a Title Case teaser title written with a space before it
    (`Baca Juga: Wamendag Bantah Kenaikan Harga Pedagang beras lain, Amri mengatakan …`): at the
    capitalised word that opens the first run of lower-case words, when the title before it has at
    least three words and the text after it reads as a sentence (six words or more)."""
    words = list(re.finditer(r"\S+", text[start:]))
    for k, w in enumerate(words):
        word = w.group().strip("“”\"'‘’(),")
        if word[:1].islower() and word.lower() not in _TITLE_SMALL_WORDS:
            if k >= 4 and words[k - 1].group()[:1].isupper() and len(words) - (k - 1) >= 6:
                return start + words[k - 1].start()
            return None
    return None


def _split_teaser(p: _Paragraph) -> tuple[_Paragraph | None, int]:
    """For a paragraph that starts with a teaser marker: the article text glued after the teaser
    (or None when it is all teaser) and the number of characters cut."""
    m = _TEASER.match(p.text)
    if not m:
        return p, 0
    glue = _GLUE.search(p.text, m.end())
    cut = glue.start() if glue is not None else _title_run_end(p.text, m.end())
    if cut is None or len(p.text[cut:].split()) < 4:
        return None, len(p.text)
    rest = p.text[cut:]
    shifted = OffsetMapBuilder()
    # Re-base the offset map on the kept part; raw offsets do not change.
    for i in range(cut, len(p.text)):
        shifted.add(p.text[i], p.map.raw_start(i), p.map.raw_end(i + 1))
    return _Paragraph(p.raw_start, p.raw_end, rest, shifted.map), cut


def clean_article(raw_text: str) -> tuple[list[_Paragraph], dict]:
    """Paragraphs of one article plus what was learnt about it (dateline, byline, chrome count)."""
    paragraphs: list[_Paragraph] = []
    for m in re.finditer(r"[^\n]+", raw_text):
        text, omap = normalise_line(raw_text, m.start(), m.end())
        if text:
            paragraphs.append(_Paragraph(m.start(), m.end(), text, omap))

    removed = 0
    after_teaser_marker = False
    in_widget = False
    for i, p in enumerate(paragraphs):
        if i < 3 and _TEMPERATURE.match(p.text):
            in_widget = True  # weather widget: temperature, then city and date lines
            p.is_boilerplate = True
        elif in_widget and (_DATE_ONLY.match(p.text) or len(p.text.split()) <= 3):
            p.is_boilerplate = True
        else:
            in_widget = False
            if after_teaser_marker and _title_like(p.text):
                p.is_boilerplate = True  # the title of a teaser whose marker stood on its own line
            elif is_chrome(p.text):
                p.is_boilerplate = True
            else:
                kept, cut = _split_teaser(p)
                if kept is None:
                    p.is_boilerplate = True
                elif cut:
                    paragraphs[i] = kept
                    removed += 1
        after_teaser_marker = p.is_boilerplate and _marker_key(p.text) in _TEASER_WORDS
        removed += p.is_boilerplate

    content = [p for p in paragraphs if not p.is_boilerplate]
    dateline = None
    for p in content[:3]:
        m = _DATELINE.match(p.text)
        if m and len(m.group("dateline")) <= 60 and (m.end() < len(p.text) or "," in m.group()):
            dateline = m.group("dateline").strip()
            break
    bylines = []
    for p in content:
        if _BYLINE_LINE.match(p.text):
            bylines.append(p.text.strip("() "))
        elif code := _BYLINE_CODE.search(p.text):
            bylines.append(code.group().strip())
    byline = " | ".join(dict.fromkeys(bylines)) or None  # a repeated body repeats its byline
    info = {"dateline": dateline, "byline": byline, "n_boilerplate_removed": removed}
    return paragraphs, info


def _title(record: pd.Series, paragraphs: list[_Paragraph], dateline: str | None) -> str | None:
    if isinstance(record.get("title"), str):
        return record["title"]
    content = [p for p in paragraphs if not p.is_boilerplate]
    if not content:
        return None
    first = content[0].text
    if dateline and first.startswith(dateline.split(",")[0]):
        return None
    return first if _title_like(first) else None


def clean(records: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ingested records → (articles, paragraphs) tables; `clean_text` is filled after dedup."""
    articles, paras = [], []
    # Missing metadata arrives as NaN from pandas; the stages below expect None.
    for rec in records.astype(object).where(records.notna(), None).to_dict("records"):
        paragraphs, info = clean_article(rec["raw_text"])
        published, source = publication_date(rec["raw_text"], rec.get("url"), rec.get("published"))
        articles.append({
            "article_id": rec["article_id"],
            "source_path": rec["source_path"],
            "source_id": rec["source_id"],
            "url": rec.get("url"),
            "outlet": rec.get("outlet"),
            "title": _title(rec, paragraphs, info["dateline"]),
            "published": published,
            "published_source": source,
            "dateline": info["dateline"],
            "byline": info["byline"],
            "raw_text": rec["raw_text"],
            "n_paragraphs": len(paragraphs),
            "n_boilerplate_removed": info["n_boilerplate_removed"],
            "pipeline_version": __version__,
        })
        for idx, p in enumerate(paragraphs):
            paras.append({
                "article_id": rec["article_id"],
                "paragraph_index": idx,
                "raw_start": p.raw_start,
                "raw_end": p.raw_end,
                "text": p.text,
                "is_boilerplate": p.is_boilerplate,
                "is_duplicate": False,
                "duplicate_of": None,
                "duplicate_kind": None,
                "offset_clean": p.map.clean_starts,
                "offset_raw": p.map.raw_starts,
                "offset_raw_end": p.map.raw_ends,
            })
    return schema.frame("articles", articles), schema.frame("paragraphs", paras)


def offset_map(paragraph: pd.Series | dict) -> OffsetMap:
    """The OffsetMap stored in a `paragraphs` row."""
    return OffsetMap(
        list(paragraph["offset_clean"]), list(paragraph["offset_raw"]),
        list(paragraph["offset_raw_end"]), len(paragraph["text"]),
    )
