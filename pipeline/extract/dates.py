"""Find calendar dates in Indonesian and English news paragraphs and normalise them.

`find_dates` reads one cleaned paragraph and returns every DATE of the annotation guide
(shared/spec/ANNOTATION.md): its span, its normalised `value` (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`),
its `granularity` and how its year was decided. `publication_date` decides when an article was
published, from its metadata, its URL or its text.

Why a hand-written grammar: regional news writes dates in a handful of shapes (`Selasa (19/11/2024)`,
`Jumat, 22 November 2024`, `27 November mendatang`, `7 hingga 9 Desember 2024`) whose reading rests on
Indonesian conventions (day/month order, `mendatang` and `lalu`, years that belong to names such as
`Pilkada 2024`) that generic date parsers get wrong: they read `70%` as a date and resolve `mendatang`
backwards. Regexes built once at import from the lexicons in pipeline/lexicons keep it cheap enough to
run on every paragraph.

Semantics of the decided fields:
- A date written without a year takes it from the publication date: the year that puts it nearest to
  publication. A forward word after it (`mendatang`, `depan`, `nanti`) keeps only dates on or after
  publication; a backward word (`lalu`, `kemarin` after it, `sejak`, `dibanding` before it) only dates on
  or before publication (for a month: strictly before the publication month). Ties go to the past.
- `weekday_consistent` is None when no weekday is written. When the year is written it is kept as written
  (typos included) and `weekday_consistent` says whether the weekday agrees with it. When the year is
  inferred and a weekday is written, only years where the weekday agrees are candidates, so the year
  becomes the agreeing year nearest to publication (in the direction the words ask for) and
  `weekday_consistent` is True: the weekday corrected the year rather than contradicting it.
- `year_inferred` is True when the year came from the publication date. The start of a range takes
  the year of its end (`7 hingga 9 Desember 2024`), and is inferred only when the end's year was.
- Without a publication date, a date without a year cannot be normalised and is left out.
- The two ends of a range (`7 hingga 9 Desember 2024`, `Januari-Maret 2022`, `Sabtu (22/7/23) sampai
  dengan Senin (31/7/23)`) are two mentions sharing a `range_id` (0, 1, 2 ... within the paragraph).
- Not dates: years that belong to names (`Pilkada 2024`, `UU Nomor 20 Tahun 2023`, `APBD 2023`,
  `TA 2022`), terms (`periode 2025-2030`), times of day, durations, and weekdays or relative words
  standing alone (`kemarin`, `Minggu`).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from pipeline.lexicon import read_rows

__all__ = ["DateMention", "find_dates", "publication_date"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str
    granularity: str  # day / month / year
    year_inferred: bool
    weekday_consistent: bool | None
    range_id: int | None  # shared by the two ends of one range, numbered 0, 1, 2 ... within the text


_MONTH_ROWS = read_rows("months.tsv")
MONTHS: dict[str, int] = {form: int(number) for form, number, _kind, _lang in _MONTH_ROWS}
WEEKDAYS: dict[str, int] = {form: int(number) for form, number in read_rows("weekdays.tsv")}
_CUES: dict[str, set[str]] = {}
for _word, _role in read_rows("dates_cues.tsv"):
    _CUES.setdefault(_role, set()).add(_word)


def _alternation(words, *, variants=lambda w: [w]) -> str:
    """Regex alternation, longest first (so `Nopember` wins over `Nop`); spaces match any run of spaces."""
    forms = {v for w in words for v in variants(w)}
    return "|".join(r"\s+".join(map(re.escape, f.split())) for f in sorted(forms, key=len, reverse=True))


def _capitalised(word: str) -> list[str]:
    return [word.capitalize(), word.upper()]


def _any_case(words) -> str:
    return f"(?i:{_alternation(words)})"


_ID_FULL = [f for f, _n, kind, lang in _MONTH_ROWS if kind == "full" and lang == "id"]
_EN_FULL = [f for f, _n, kind, lang in _MONTH_ROWS if kind == "full" and lang == "en"]
_ABBR = [f for f, _n, kind, _lang in _MONTH_ROWS if kind == "abbr"]
# Indonesian names in any case; English names and abbreviations only capitalised ("may" is a verb,
# "des" and "mar" are syllables), abbreviations with an optional full stop.
_MON = (rf"(?:(?i:{_alternation(_ID_FULL)})|{_alternation(_EN_FULL, variants=_capitalised)}"
        rf"|(?:{_alternation(_ABBR, variants=_capitalised)})\.?)(?![^\W\d_])")
_MON_ALONE = rf"(?:{_alternation(_ID_FULL, variants=_capitalised)})(?![\w-])"
_MON_ALONE_LOWER = rf"(?i:{_alternation(_ID_FULL)})(?![\w-])"
_WD = rf"(?i:{_alternation(WEEKDAYS)})(?![\w'’])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
_CONN = _any_case(_CUES["connector"])
_YEAR_OFFSETS = {**{w: 0 for w in _CUES["this_year"]}, **{w: 1 for w in _CUES["next_year"]},
                 **{w: -1 for w in _CUES["last_year"]}}
_REL_WORDS = _CUES["forward"] | _CUES["back"] | _CUES["present"] | set(_YEAR_OFFSETS)
_REL = rf"(?:\s+(?P<rel>{_any_case(_REL_WORDS)})(?!\w))?"
_PART = _any_case(_CUES["part"])
_PART_START = r"(?:(?<!\w)|(?<=\bdi))"  # `awal`, also glued to `di` as often written (`diawal 2025`)
_WEEKDAY_PREFIX = (rf"(?:(?<!\w)(?:{_any_case(_CUES['weekday_word'])})\s+)?(?<!\w)(?P<wd>{_WD})"
                   rf"(?:\s+{_any_case(_CUES['time_of_day'])}(?:\s+(?i:ini|tadi|hari))?)?\s*,?\s*")
_DAY_WORD = rf"(?:(?<!\w){_any_case(_CUES['day_word'])})"
_MONTH_WORD = rf"(?:\b{_any_case(_CUES['month_word'])})"
_YEAR_WORD = rf"(?:\b{_any_case(_CUES['year_word'])})"
_YEAR_KIND = rf"(?:{_any_case(_CUES['year_kind'])})"
_NOT_IN_NUMBER = r"(?<!\d)(?<!\d[.,])"

# One regex per shape; each names the parts it found and `_candidate` turns a match into a date.
_PATTERNS: dict[str, re.Pattern] = {
    # Jumat, 22 November 2024 / tanggal 27 November mendatang / 5 Sept 2024
    "day_month": re.compile(
        rf"(?:{_WEEKDAY_PREFIX})?(?P<dopen>\(\s*)?(?:{_DAY_WORD}\s+)?{_NOT_IN_NUMBER}\b(?P<day>{_DAY})\s*(?P<mon>{_MON})"
        rf"(?:\s*,?\s*(?P<year>{_YEAR}))?(?(dopen)\s*\)){_REL}"),  # also `Kamis (28 November)`
    # Friday, November 22, 2024 / November 15, 2022
    "month_day": re.compile(
        rf"(?:(?<!\w)(?P<wd>{_WD})\s*,?\s*)?\b(?P<mon>{_MON})\s+(?P<day>{_DAY})(?:st|nd|rd|th)?(?![\d:.])"
        rf"(?:\s*,\s*(?P<year>{_YEAR})|\s+(?P<year2>{_YEAR}))?"),
    # Selasa (19/11/2024) / (14/5) / Kamis 12-12-2024 / Rabu (09/11/22)
    "numeric": re.compile(
        rf"(?:{_WEEKDAY_PREFIX})?(?P<open>\(\s*)?(?<![\d/.\-])\b(?P<day>{_DAY})\s*(?P<sep>[/.\-])\s*"
        rf"(?P<mon_num>0?[1-9]|1[0-2])(?:\s*(?P=sep)\s*(?P<year>(?:19|20)\d{{2}}|\d{{2}})(?!\d))?"
        rf"(?![\d/]|\.\d)(?P<close>\s*\))?{_REL}"),
    # 2022-11-15 (timestamps)
    "iso": re.compile(rf"(?<![\d\-/])(?P<year>{_YEAR})-(?P<mon_num>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"),
    # awal Desember 2024 / bulan Juli 2022 / Februari 2020
    "month_year": re.compile(
        rf"(?:{_PART_START}(?P<part>{_PART})\s+)?(?:(?P<bulan>{_MONTH_WORD})\s+)?\b(?P<mon>{_MON})\s*[,\-]?\s*"
        rf"(?P<year>{_YEAR}){_REL}"),
    # Februari lalu / bulan Juli / awal Desember / Pilkada November
    "month": re.compile(
        rf"(?:{_PART_START}(?P<part>{_PART})\s+)?(?:(?P<bulan>{_MONTH_WORD})\s+(?P<mon_lower>{_MON_ALONE_LOWER})|\b(?P<mon>{_MON_ALONE})){_REL}"),
    # Triwulan III 2024 / triwulan II tahun 2024 / Q3 2024
    "quarter": re.compile(
        rf"\b(?P<q>{_any_case(_CUES['quarter'])})\s*"
        rf"(?P<qn>IV|I{{1,3}}|[1-4]|(?i:pertama|kedua|ketiga|keempat))\s*(?:[-/]\s*|{_YEAR_WORD}\s+)?"
        rf"(?P<year>{_YEAR})"),
    # tahun 2023 / akhir tahun 2024 / tahun anggaran 2025 (not `tahun 2024-2025`, a school or fiscal year)
    "tahun_year": re.compile(
        rf"(?:{_PART_START}(?P<part>{_PART})\s+)?{_YEAR_WORD}\s+(?:{_YEAR_KIND}\s+)?(?P<year>{_YEAR})"
        rf"(?!\s*[-–/]\s*(?:19|20)?\d{{2}}\b)(?![.,]\d){_REL}"),
    # sejak 2004 / pada 2021 / akhir 2024 (a bare year needs a cue word before it)
    "year": re.compile(
        rf"(?:{_PART_START}(?P<part>{_PART})\s+)?(?<![\w.,/\-])(?P<year>{_YEAR})"
        rf"(?!\s*[-–/]\s*(?:19|20)?\d{{2}}\b)(?![.,]\d|\s*%|\s*(?i:persen\b)|\w){_REL}"),
}
# Where a match of each shape can start: at the start of a word (or, for a part word glued to `di`, right after
# it: `diawal`), and a day-and-month or numeric date also at an opening bracket. Put in front of a shape's regex, this lets the
# engine pass over the inside of words at once instead of trying the whole shape there; a new shape must keep
# it true (or have no guard, as `iso`, whose year may follow a letter).
_OPENS_WORD = r"(?<!\w)(?=\w)"
_OPENS_WORD_OR_AFTER_DI = r"(?:(?<!\w)|(?<=\bdi))(?=\w)"
_OPENS_WORD_OR_BRACKET = rf"(?:{_OPENS_WORD}|(?=\())"
_STARTS: dict[str, str] = {
    "day_month": _OPENS_WORD_OR_BRACKET, "month_day": _OPENS_WORD, "numeric": _OPENS_WORD_OR_BRACKET, "iso": "",
    "month_year": _OPENS_WORD_OR_AFTER_DI, "month": _OPENS_WORD_OR_AFTER_DI, "quarter": _OPENS_WORD,
    "tahun_year": _OPENS_WORD_OR_AFTER_DI, "year": _OPENS_WORD_OR_AFTER_DI,
}
_PATTERNS = {kind: re.compile(_STARTS[kind] + pattern.pattern) for kind, pattern in _PATTERNS.items()}
# What every match of a shape contains: a text without it is not searched for that shape. The regexes
# try every position of a text, and most paragraphs name no month or no year.
_NEEDS: dict[str, frozenset[str]] = {
    "day_month": frozenset({"month"}), "month_day": frozenset({"month"}), "numeric": frozenset({"numeric"}),
    "iso": frozenset({"year"}), "month_year": frozenset({"month", "year"}), "month": frozenset({"month"}),
    "quarter": frozenset({"year"}), "tahun_year": frozenset({"year"}), "year": frozenset({"year"}),
}
_YEAR_FOUND = re.compile(_YEAR)
_NUMERIC_FOUND = re.compile(r"\d\s*[/.\-]\s*\d")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A month name is a whole run of letters, matched in any case: compare runs in lower case, with the two
# letters that the regex engine also takes for `i` and `s` in any case.
_CASE_FOLD = str.maketrans({"ı": "i", "ſ": "s"})


def _contents(text: str) -> frozenset[str]:
    """Which of month / year / numeric (`19/11`, `12-12`) the text may contain."""
    found = set()
    # `İ` lowers to two characters; the shortcut below would misalign, so such a text is searched whole.
    if "İ" in text or not MONTHS.keys().isdisjoint(_LETTER_RUN.findall(text.lower().translate(_CASE_FOLD))):
        found.add("month")
    if _YEAR_FOUND.search(text):
        found.add("year")
    if _NUMERIC_FOUND.search(text):
        found.add("numeric")
    return frozenset(found)


# The start of a range that is not a date on its own: `7` in `7 hingga 9 Desember 2024`,
# `Januari` in `Januari-Maret 2022`. Searched at the end of the text before the range's end.
_RANGE_DAY_START = re.compile(
    rf"(?:{_DAY_WORD}\s+)?(?<![\d.,/\-])\b(?P<day>{_DAY})\s*(?:{_CONN})\s*$")
_RANGE_MONTH_START = re.compile(rf"(?:{_MONTH_WORD}\s+)?\b(?P<mon>{_MON})\s*(?:{_CONN})\s*$")
_RANGE_GAP = re.compile(rf"\s*(?:{_CONN})\s*")
# Days listed before a full date share its month and year: `18 dan 19 Oktober`, `7, 8 dan 9 Desember 2024`.
_LIST_DAYS = re.compile(rf"(?:{_DAY_WORD}\s+)?(?<![\d.,/\-])\b(?P<days>{_DAY}(?:\s*,\s*{_DAY})*)\s*,?\s*(?:dan|&)\s*$")
_LISTED_DAY = re.compile(r"\d{1,2}")

_WORD_EDGE_PUNCT = "()[]\"'“”‘’,.;:!?"
_SENTENCE_END = tuple(".!?:;\"“”'(–—-•|")
_NAME_HEADS = _CUES["name_head"]
_NAME_GLUE = _CUES["name_glue"]
_BEFORE = _CUES["before"] | _CUES["part"]
_BACK_BEFORE = _CUES["back_before"]
# A list coordinator (or a comma) right before a position; a full stop, `!` or `?` before a space ends a sentence.
_COORDINATOR_BEFORE = re.compile(rf"(?:,|(?<!\w)(?:{_any_case(_CUES['coordinator'])}))\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s|$)")


@dataclass
class _Raw:
    """A date as read, before the year is decided."""
    start: int
    end: int
    granularity: str
    year: int | None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    direction: int = 0  # +1 forward (mendatang), -1 back (lalu), 0 nearest
    year_offset: int | None = None  # years after publication's, when the words say (`tahun depan` → 1)
    range_id: int | None = None
    borrows_from: "_Raw | None" = None  # the range end this start takes its month/year from


def _month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _weekday_number(word: str | None) -> int | None:
    return WEEKDAYS[word.lower()] if word else None


def _direction(rel: str | None, text: str, start: int) -> int:
    """+1/-1 from a forward/backward word after the date or a backward word (`sejak`) just before it."""
    if rel:
        rel = " ".join(rel.lower().split())
        if rel in _CUES["forward"]:
            return 1
        if rel in _CUES["back"]:
            return -1
    before = _words_before(text, start, 2)
    if before and before[-1].lower() in _CUES["event"]:  # `dibanding Pilkada November`
        before = before[:-1]
    return -1 if before and before[-1].lower() in _BACK_BEFORE else 0


def _words_before(text: str, pos: int, n: int) -> list[str]:
    """The last n words before pos, within the clause (a comma or full stop ends the look-back)."""
    words = []
    for token in reversed(text[max(0, pos - 120):pos].split()):
        if token[-1] in ",.;:!?":
            break
        word = token.strip(_WORD_EDGE_PUNCT)
        if not word:
            break
        words.append(word)
        if len(words) == n or token[0] in "(\"“":
            break
    return words[::-1]


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before.endswith(_SENTENCE_END)


def _year_belongs_to_name(text: str, start: int) -> bool:
    """True when the year expression at `start` names something (`Pilkada serentak Tahun 2024`,
    `Nomor 5 Tahun 2024`, `APBD Kaltara tahun 2023`) rather than dating it."""
    if _sentence_initial(text, start):
        return False
    words = _words_before(text, start, 6)
    if not words:
        return False
    i = len(words) - 1
    while i > 0 and words[i].lower() in _NAME_GLUE:
        i -= 1
    previous = words[i]
    if previous.lower() in _BEFORE:
        return False
    # A capital says "name" unless it only opens the sentence (`Selanjutnya tahun 2021 …`).
    opens_sentence = i == 0 and _sentence_initial(text, text.rfind(previous, 0, start))
    if re.search(r"[\d/]", previous) or previous.lower() in _NAME_HEADS or (previous[0].isupper() and not opens_sentence):
        return True
    # a name a few words back: `pemilihan kepala daerah serentak tahun 2024`, `formasi guru tahun 2023`
    for word in reversed(words[:i]):
        if word.lower() in _BEFORE:
            return False
        if word.lower() in _NAME_HEADS:
            return True
    return False


def _candidate(kind: str, m: re.Match, text: str) -> _Raw | None:
    """Turn one regex match into a date as read, or None when the context says it is not a date."""
    raw = _read(kind, m, text)
    rel = m.groupdict().get("rel")
    if raw is not None and rel:
        raw.year_offset = _YEAR_OFFSETS.get(" ".join(rel.lower().split()))
    return raw


def _read(kind: str, m: re.Match, text: str) -> _Raw | None:
    g = m.groupdict()
    start, end = m.start(), m.end()
    weekday = _weekday_number(g.get("wd"))
    if kind == "numeric":
        bracketed = bool(g["open"] and g["close"])
        if g["close"] and not g["open"]:  # `13/10/2024)`: the bracket belongs to something else
            end = m.start("close")
        year_text = g["year"]
        if g["sep"] != "/" and not (year_text and len(year_text) == 4):
            return None  # `1-3` and `14.17` are ranges and clock times unless a full year follows
        if not bracketed and not year_text and weekday is None:
            return None  # a bare `2/3` is a fraction or a score
        words = _words_before(text, m.start("day"), 1)
        if words and words[-1].lower() in _NAME_HEADS:  # `Nomor 12/11/2024` is a reference number
            return None
        year = None if not year_text else int(year_text) + (2000 if len(year_text) == 2 else 0)
        return _Raw(start, end, "day", year, int(g["mon_num"]), int(g["day"]), weekday,
                    _direction(g["rel"], text, start))
    if kind == "iso":
        return _Raw(start, end, "day", int(g["year"]), int(g["mon_num"]), int(g["day"]))
    if kind == "day_month":
        year = int(g["year"]) if g["year"] else None
        return _Raw(start, end, "day", year, _month_number(g["mon"]), int(g["day"]), weekday,
                    _direction(g["rel"], text, start))
    if kind == "month_day":
        year_text = g["year"] or g["year2"]
        if not year_text and weekday is None:  # `Desember 12 desa` is a count, not a date
            return None
        return _Raw(start, end, "day", int(year_text) if year_text else None, _month_number(g["mon"]),
                    int(g["day"]), weekday)
    if kind == "month_year":
        return _Raw(start, end, "month", int(g["year"]), _month_number(g["mon"]),
                    direction=_direction(g["rel"], text, start))
    if kind == "month":
        month = g["mon"] or g["mon_lower"]
        words = _words_before(text, start, 1)
        cued = bool(g["bulan"] or g["part"] or g["rel"]) or (
            bool(words) and words[-1].lower() in _BEFORE | _CUES["event"]) or bool(
            _RANGE_MONTH_START.search(text[max(0, start - 30):start]))  # end of `Oktober-Desember`
        if not cued:
            return None
        return _Raw(start, end, "month", None, _month_number(month),
                    direction=_direction(g["rel"], text, start))
    if kind == "quarter":
        words = _words_before(text, start, 1)
        titled = g["q"][0].isupper() and words and words[-1][0].isupper() and words[-1].lower() not in _BEFORE
        if titled and not _sentence_initial(text, start):  # `Sosialisasi Pertumbuhan Ekonomi Triwulan III 2024`
            return None
        return _Raw(start, end, "year", int(g["year"]))
    if kind == "tahun_year":
        if not g["part"] and _year_belongs_to_name(text, start):  # `akhir tahun 2024` is always a time
            return None
        return _Raw(start, end, "year", int(g["year"]))
    if kind == "year":
        words = _words_before(text, start, 1)
        cued = words and words[-1].lower() in _BEFORE
        if not g["part"] and not cued and not (g["rel"] and not _year_belongs_to_name(text, start)):
            return None  # a bare year needs a cue before it or a relative word after it (`2018 lalu`)
        return _Raw(start, end, "year", int(g["year"]))
    raise ValueError(kind)


def _valid(year: int, month: int, day: int | None) -> bool:
    return day is None or day <= calendar.monthrange(year, month)[1]


def _scan(text: str) -> list[_Raw]:
    """Every date as read in `text`, non-overlapping, sorted, ranges linked; years not yet decided."""
    found = []
    contents = _contents(text)
    for kind, pattern in _PATTERNS.items():
        if not _NEEDS[kind] <= contents:
            continue
        for m in pattern.finditer(text):
            raw = _candidate(kind, m, text)
            if raw is not None and (raw.year is None or raw.month is None or _valid(raw.year, raw.month, raw.day)):
                found.append(raw)
    chosen: list[_Raw] = []
    for raw in sorted(found, key=lambda r: (r.start - r.end, r.start)):  # longest first
        if all(raw.end <= c.start or c.end <= raw.start for c in chosen):
            chosen.append(raw)
    chosen.sort(key=lambda r: r.start)
    return _link_ranges(text, _coordinated_years(text, chosen))


def _coordinated_years(text: str, chosen: list[_Raw]) -> list[_Raw]:
    """Add the bare years listed after a year of the same sentence (`tahun 2021, 2022 dan 2023`, `pada 2022 sebesar
    5 persen dan 2023 sebesar 4 persen`): alone they have no cue word, but the list they close dates them all."""
    years = [r for r in chosen if r.granularity == "year"]
    if not years:
        return chosen
    added = []
    for m in _PATTERNS["year"].finditer(text, years[0].end):
        start, end = m.start(), m.end()
        if m.group("part") or not _COORDINATOR_BEFORE.search(text, max(0, start - 30), start):
            continue
        if any(start < r.end and r.start < end for r in chosen):
            continue
        if any(r.end <= start and not _SENTENCE_BREAK.search(text, r.end, start) for r in years + added):
            added.append(_Raw(start, end, "year", int(m.group("year"))))
    return sorted(chosen + added, key=lambda r: r.start) if added else chosen


def _link_ranges(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Add range starts that are no date alone (`7` of `7 hingga 9 Desember`) and pair range ends."""
    out: list[_Raw] = []
    next_id = 0
    for raw in raws:
        previous_end = out[-1].end if out else 0
        window_start = max(previous_end, raw.start - 40)
        before = text[window_start:raw.start]
        start: _Raw | None = None
        if out and out[-1].range_id is None and _RANGE_GAP.fullmatch(text[out[-1].end:raw.start]) \
                and out[-1].granularity == raw.granularity:
            start = out[-1]
        elif raw.granularity == "day" and raw.day is not None and (m := _RANGE_DAY_START.search(before)):
            start = _Raw(window_start + m.start(), window_start + m.end("day"), "day", None, None, int(m["day"]))
            out.append(start)
        elif raw.granularity == "month" and (m := _RANGE_MONTH_START.search(before)):
            start = _Raw(window_start + m.start(), window_start + m.end("mon"), "month", None,
                         _month_number(m["mon"]))
            out.append(start)
        if start is not None:
            start.range_id = raw.range_id = next_id
            next_id += 1
            if start.year is None:
                start.borrows_from = raw
        elif raw.granularity == "day" and raw.day is not None and (m := _LIST_DAYS.search(before)):
            for n, day in enumerate(_LISTED_DAY.finditer(m["days"])):
                at = window_start + m.start("days") + day.start()
                first = window_start + m.start() if n == 0 else at  # `tanggal 7` keeps its `tanggal`
                out.append(_Raw(first, at + len(day.group()), "day", None, None, int(day.group()),
                                borrows_from=raw))
        out.append(raw)
    return out


def _nearest(options: list[tuple[int, int]], target: int, direction: int) -> int | None:
    """Pick from (ordinal, year) options the year nearest to target, honouring the direction; ties → past."""
    if direction > 0:
        options = [o for o in options if o[0] >= target] or options
    elif direction < 0:
        options = [o for o in options if o[0] <= target] or options
    if not options:
        return None
    return min(options, key=lambda o: (abs(o[0] - target), o[0] > target))[1]


def _infer_year(raw: _Raw, published: dt.date) -> int | None:
    if raw.year_offset is not None:
        return published.year + raw.year_offset
    years = range(published.year - 30, published.year + 31)  # wide enough for any weekday to recur
    if raw.granularity == "month":
        target = published.year * 12 + published.month
        options = [(y * 12 + raw.month, y) for y in years]
        if raw.direction < 0:  # `Februari lalu` written in February means last year's
            options = [o for o in options if o[0] < target] or options
        return _nearest(options, target, raw.direction)
    options = [(dt.date(y, raw.month, raw.day).toordinal(), y) for y in years if _valid(y, raw.month, raw.day)]
    if raw.weekday is not None:
        options = [o for o in options if dt.date.fromordinal(o[0]).isoweekday() == raw.weekday]
    return _nearest(options, published.toordinal(), raw.direction)


def _resolve(raw: _Raw, published: dt.date | None) -> tuple[int, int | None, int | None, bool] | None:
    """(year, month, day, year_inferred) for a date as read, or None when it cannot be normalised."""
    if raw.borrows_from is not None:
        end = _resolve(raw.borrows_from, published)
        if end is None:
            return None
        year, end_month, end_day, inferred = end
        month = raw.month if raw.month is not None else end_month
        if raw.month is None and end_day is not None and raw.day >= end_day:  # `30 - 2 Desember`
            month -= 1
        if month < 1:
            month += 12
            year -= 1
        elif (month, raw.day or 0) > (end_month, end_day or 0):  # `Desember-Februari 2024`
            year -= 1
        return (year, month, raw.day, inferred) if _valid(year, month, raw.day) else None
    if raw.year is not None:
        return raw.year, raw.month, raw.day, False
    if published is None:
        return None
    year = _infer_year(raw, published)
    return None if year is None else (year, raw.month, raw.day, True)


def _mention(text: str, raw: _Raw, published: dt.date | None) -> DateMention | None:
    resolved = _resolve(raw, published)
    if resolved is None:
        return None
    year, month, day, inferred = resolved
    if raw.granularity == "day":
        value = f"{year:04d}-{month:02d}-{day:02d}"
    elif raw.granularity == "month":
        value = f"{year:04d}-{month:02d}"
    else:
        value = f"{year:04d}"
    consistent = None
    if raw.weekday is not None and day is not None:
        consistent = dt.date(year, month, day).isoweekday() == raw.weekday
    return DateMention(raw.start, raw.end, text[raw.start:raw.end], value, raw.granularity, inferred,
                       consistent, raw.range_id)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every DATE in one paragraph, sorted by start; offsets index `text`."""
    mentions = [m for raw in _scan(text) if (m := _mention(text, raw, published)) is not None]
    # Number ranges 0, 1, 2 ... over the ranges that kept both ends (an end may not normalise).
    ends = Counter(m.range_id for m in mentions if m.range_id is not None)
    ids: dict[int, int] = {}
    return [m if m.range_id is None else
            replace(m, range_id=ids.setdefault(m.range_id, len(ids)) if ends[m.range_id] == 2 else None)
            for m in mentions]


# ---------------------------------------------------------------------------------------------
# Publication date

_URL_DATES = [  # (regex on the URL path, order of the groups as year, month, day)
    (re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$|[-_.])"), (1, 2, 3)),
    (re.compile(r"/(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])/((?:19|20)\d{2})(?=/|$)"), (3, 2, 1)),
    (re.compile(r"(?<![\d])((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)"), (1, 2, 3)),
    (re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/|$|[-_.])"), (1, 2, 3)),
]
_METADATA_DATE = re.compile(r"\s*((?:19|20)\d{2})-(\d{2})-(\d{2})(?:$|[T\s])")
# A byline or timestamp: the date is followed by a clock time or a time zone (`5 September 2024 13:34`,
# `Kamis 12-12-2024,11:46 WIB`), or the line says it is a publication/update stamp.
_CLOCK_AFTER = re.compile(r"\s*[,|•·\-–]?\s*(?:\d{1,2}[:.]\d{2}(?::\d{2})?\b|(?:WIB|WITA|WIT)\b)")
_STAMP_WORDS = re.compile(r"(?i)\b(?:last updated|updated|diperbarui|diterbitkan|dipublikasikan|published|posted|terbit)\b")
_DATELINE_PLACE = re.compile(r"\s*[^\W\d_][\w .'’/()&-]{0,40},\s*")
_DATELINE_DASH = re.compile(r"\s*[-–—|]")
_YEAR_ANYWHERE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_REPORT = re.compile(rf"(?<!\w)(?:{_any_case(_CUES['report'])})(?!\w)")


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_metadata(metadata: str | None) -> dt.date | None:
    m = _METADATA_DATE.match(metadata) if isinstance(metadata, str) else None
    return _date_or_none(int(m[1]), int(m[2]), int(m[3])) if m else None


def _from_url(url: str | None) -> dt.date | None:
    if not url:
        return None
    path = urlsplit(url).path
    for pattern, (y, mo, d) in _URL_DATES:
        for m in pattern.finditer(path):
            if (date := _date_or_none(int(m[y]), int(m[mo]), int(m[d]))) is not None:
                return date
    return None


def _full_day(raw: _Raw) -> dt.date | None:
    if raw.granularity != "day" or raw.year is None or raw.borrows_from is not None:
        return None
    return _date_or_none(raw.year, raw.month, raw.day)


def _top_chrome_lines(lines: list[str]) -> set[int]:
    """Indices of page-chrome lines at the top of a scraped page that hold nothing but a date without a
    clock (`Friday, November 22, 2024` under a weather widget): likely the crawl date, not publication."""
    chrome = set()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        raws = _scan(stripped)
        rest = stripped
        for raw in reversed(raws):
            rest = rest[:raw.start] + rest[raw.end:]
        if raws and not re.search(r"\w", rest) and not _CLOCK_AFTER.match(stripped[raws[-1].end:]):
            chrome.add(i)
        elif len(stripped) > 60:  # the article has begun
            break
    return chrome


def _reported(line: str, raw: _Raw) -> bool:
    """A reporting verb earlier in the same sentence: `kata Bagas melalui siaran pers, Kamis (7/5/2020)`."""
    before = line[max(0, raw.start - 160):raw.start]
    sentence = re.split(r"[.!?]\s+(?=[A-Z\"“])", before)[-1]
    return bool(_REPORT.search(sentence))


def _from_text(lines: list[str], chrome: set[int]) -> dt.date | None:
    """In order: a byline or timestamp line, a dateline, the first weekday date with a year in a reporting
    sentence, the first weekday date with a year, a weekday date pinned by the years the article names,
    the first full date. Dates said to lie ahead (`mendatang`) are passed over, and weekday dates whose
    weekday contradicts their written year come after the others."""
    body = [(line, _scan(line)) for i, line in enumerate(lines) if i not in chrome and line.strip()]
    for line, raws in body:  # byline or timestamp
        for raw in raws:
            date = _full_day(raw)
            if date and len(line) <= 120 and "pukul" not in line.lower() and (
                    _CLOCK_AFTER.match(line[raw.end:]) or _STAMP_WORDS.search(line[:raw.start])):
                return date
    for line, raws in body:  # dateline: `Nabire, 5 Desember 2024 – ...`
        if raws and (date := _full_day(raws[0])) and _DATELINE_PLACE.fullmatch(line[:raws[0].start]) \
                and _DATELINE_DASH.match(line[raws[0].end:]):
            return date
    dated = [(line, raw, date) for line, raws in body for raw in raws
             if (date := _full_day(raw)) and raw.direction <= 0]
    # a weekday that contradicts the written year is more often a mistyped year than a mistyped weekday
    with_weekday = sorted(((line, raw, date) for line, raw, date in dated if raw.weekday is not None),
                          key=lambda item: item[1].weekday != item[2].isoweekday())
    for line, raw, date in with_weekday:  # `ujarnya, Kamis (5/12/2024)`: the day the words were said
        if _reported(line, raw):
            return date
    if with_weekday:
        return with_weekday[0][2]
    if (date := _from_weekday_and_years(body)) is not None:
        return date
    return dated[0][2] if dated else None


def _from_weekday_and_years(body: list[tuple[str, list[_Raw]]]) -> dt.date | None:
    """The first `Selasa (14/5)` whose weekday agrees with exactly one of the years the article names
    (`Pilkada 2024`): the weekday pins the day and month to that year."""
    years = {int(y) for line, _raws in body for y in _YEAR_ANYWHERE.findall(line)}
    for _line, raws in body:
        for raw in raws:
            if raw.granularity == "day" and raw.year is None and raw.weekday is not None and raw.month:
                fits = [y for y in years if _valid(y, raw.month, raw.day)
                        and dt.date(y, raw.month, raw.day).isoweekday() == raw.weekday]
                return dt.date(fits[0], raw.month, raw.day) if len(fits) == 1 else None
    return None


def publication_date(raw_text: str, url: str | None, metadata: str | None) -> tuple[dt.date | None, str | None]:
    """(date, source) with source metadata / url / text / page, or (None, None).

    Precedence: the scraper's `published` field (`YYYY-MM-DD`, ignored when malformed), a date in the URL
    path (`/2024/10/13/`, `/03/11/2022/`), then the text: a byline or timestamp line, a dateline
    (`Nabire, 5 Desember 2024 –`), a weekday date with a year (`ujarnya, Kamis (5/12/2024)`),
    a weekday date whose weekday fits one year named in the article, the first full date. A date alone
    at the top of the page (a widget's crawl date) is the last resort, as `page`.
    """
    if (date := _from_metadata(metadata)) is not None:
        return date, "metadata"
    if (date := _from_url(url)) is not None:
        return date, "url"
    lines = (raw_text or "").splitlines()
    chrome = _top_chrome_lines(lines)
    if (date := _from_text(lines, chrome)) is not None:
        return date, "text"
    for i in sorted(chrome):
        for raw in _scan(lines[i].strip()):
            if (date := _full_day(raw)) is not None:
                return date, "page"
    return None, None
