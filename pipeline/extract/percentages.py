"""Find percentages in Indonesian news paragraphs, with their value and what they measure.

`find_percentages` reads one cleaned paragraph and returns every PERCENT of the annotation guide
(shared/spec/ANNOTATION.md): `70%`, `51,28%`, `77,05 persen`, `0,5 %`, `seratus persen`, and ranges
(`10-15 persen`, `10 hingga 15 persen`) as one mention with `value` and `value_max`. A number without a
sign or word (`persentase 45,6`) is not a percentage.

Numbers are read the Indonesian way: the comma is the decimal mark and a dot followed by exactly three
digits separates thousands (`1.250,5` → 1250.5); any other dot is a decimal point (`2.5%` → 2.5).

Each mention also carries, for analysts, the sentence it stands in (`context`), the quantity it measures
when the sentence names one from pipeline/lexicons/percent_subjects.tsv (`subject`: `tingkat
partisipasi`, `inflasi`), and the region the sentence ties it to (`place`: an administrative type word
with its name, `Kabupaten Landak`, or else a capitalised name after `di`), both as written. These are
deliberately simple nearest-phrase heuristics: the closest candidate before the number, else after it.

Regexes are built once at import from the lexicons; the module runs on every paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lexicon import read_rows

__all__ = ["PercentMention", "find_percentages"]


@dataclass(frozen=True)
class PercentMention:
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    context: str
    subject: str | None
    place: str | None


def _alternation(words) -> str:
    """Regex alternation, longest first; spaces in an entry match any run of spaces."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))


NUMBER_WORDS: dict[str, tuple[float, str]] = {w: (float(v), role) for w, v, role in read_rows("number_words.tsv")}
_SIGNS = [row[0] for row in read_rows("percent_signs.tsv")]
_SUBJECTS = [row[0] for row in read_rows("percent_subjects.tsv")]
_PLACE_ROWS = read_rows("percent_places.tsv")

# A dot followed by exactly three digits separates thousands; a comma is the decimal mark.
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.\d])|\d+(?:[.,]\d+)?"
_SIGN = rf"(?:%(?![0-9A-Za-z])|(?i:{_alternation(s for s in _SIGNS if s != '%')})\b)"
_WORD = rf"(?i:{_alternation(NUMBER_WORDS)})"
_SPELLED_OUT = rf"(?:\s*\(\s*{_WORD}(?:\s+{_WORD})*\s*\))?"  # `5 (lima) persen`
_RANGE_LINK = r"(?:\s*[-–—]\s*|\s+(?i:hingga|sampai(?:\s+dengan)?|s/d|s\.d\.?|sd)\s+|\s+dan\s+)"
_START = r"(?:(?<=[\s(\[“\"'/:;\-–])|^)"  # a number starts a token (not `abc%20`, not inside `x2`)

_SINGLE = re.compile(rf"{_START}(?P<neg>-)?(?P<num>{_NUM}){_SPELLED_OUT}\s*(?P<sign>{_SIGN})")
_RANGE = re.compile(
    rf"{_START}(?P<antara>(?i:antara)\s+)?(?P<num>{_NUM})\s*(?:{_SIGN})?(?P<link>{_RANGE_LINK})"
    rf"(?P<num2>{_NUM})\s*(?P<sign>{_SIGN})")
_WORDS_PERCENT = re.compile(rf"(?<![\w-])(?P<words>{_WORD}(?:\s+{_WORD})*)\s*(?P<sign>{_SIGN})")
# Every mention ends with a sign: most paragraphs have none and need no other search.
_SIGN_FOUND = re.compile(_SIGN)

_SUBJECT = re.compile(rf"(?<!\w)(?P<subject>{_alternation(_SUBJECTS)})(?:nya)?(?!\w)", re.IGNORECASE)
_PLACE_TYPE = rf"(?i:{_alternation(w for w, role in _PLACE_ROWS if role == 'type')})"
_VENUES = {w for w, role in _PLACE_ROWS if role == "venue"}
_DIRECTIONS = _alternation(w for w, role in _PLACE_ROWS if role == "direction")
_CAPITALISED = r"[A-Z][\w'’-]*"
# A region name: one or two capitalised words, and a compass word after them (`Penajam Paser Utara`).
_NAME = rf"{_CAPITALISED}(?:\s+(?!(?:{_DIRECTIONS})\b){_CAPITALISED})?(?:\s+(?:{_DIRECTIONS})\b)?"
_TYPED_PLACE = re.compile(rf"(?<!\w)(?P<place>{_PLACE_TYPE}\s+{_NAME})")
_DI_PLACE = re.compile(rf"(?<!\w)(?i:di|se-)\s*(?P<place>{_NAME})")
# Sentence ends: a stop, then space and a capital, digit or opening quote; not after an abbreviation or
# an initial (`Dr. Ir. Hamartoni`, `M. Yusuf`, `S.Pd.`), which the check in `_sentence` handles.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def _number(text: str) -> float:
    """Indonesian reading: `1.250,5` → 1250.5, `51,28` → 51.28, `2.5` → 2.5, `2.500` → 2500."""
    if re.fullmatch(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def _words_value(words: list[str]) -> float | None:
    """Value of Indonesian number words (`dua puluh lima` → 25, `dua koma lima` → 2.5), None if malformed."""
    total, unit, decimals, in_decimals, seen_half = 0.0, None, "", False, False
    for word in words:
        value, role = NUMBER_WORDS[word.lower()]
        if seen_half:
            return None  # nothing follows `setengah`
        if in_decimals:
            if role != "unit":
                return None
            decimals += str(int(value))
            continue
        if role == "unit":
            if unit is not None:
                return None  # `dua tiga` is a colloquial range, not a number
            unit = value
        elif role == "number":
            if unit is not None:
                return None
            total += value
        elif role in ("teen", "tens", "hundreds"):
            if unit is None:
                return None
            total += unit + value if role == "teen" else unit * value
            unit = None
        elif role == "thousands":
            if unit is None and total == 0:
                return None
            total = (total + (unit or 0)) * value
            unit = None
        elif role == "decimal":
            if unit is None and total == 0:
                return None  # `koma` needs a whole part, if only `nol`
            in_decimals = True
        elif role == "half":
            total += value
            seen_half = True
    if in_decimals and not decimals:
        return None
    number = total + (unit or 0)
    return number + float(f"0.{decimals}") if decimals else number


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence of `text` that holds [start, end)."""
    left, right = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        word_before = text[:m.start() + 1].split()[-1] if text[:m.start() + 1].split() else ""
        if re.fullmatch(r"(?:[A-Z][a-z]{0,2}|[A-Za-z](?:\.[A-Za-z]+)*)\.", word_before):
            continue  # an abbreviation or an initial, not a sentence end
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start() + 1
            break
    return left, right


def _nearest(candidates: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The candidate ending closest before [start, end), else the one starting closest after it."""
    before = [c for c in candidates if c[1] <= start]
    if before:
        return max(before, key=lambda c: c[1])[2]
    after = [c for c in candidates if c[0] >= end]
    return min(after, key=lambda c: c[0])[2] if after else None


def _subject(sentence: str, offset: int, start: int, end: int) -> str | None:
    found = [(offset + m.start(), offset + m.end(), m["subject"]) for m in _SUBJECT.finditer(sentence)]
    # `72,7 persen suara`: a measure named right after the sign is what the number counts
    right_after = [c for c in found if c[0] >= end and not sentence[end - offset:c[0] - offset].strip()]
    return right_after[0][2] if right_after else _nearest(found, start, end)


def _place(sentence: str, offset: int, start: int, end: int) -> str | None:
    typed = [(offset + m.start(), offset + m.end(), m["place"]) for m in _TYPED_PLACE.finditer(sentence)]
    if typed:
        return _nearest(typed, start, end)
    named = [(offset + m.start("place"), offset + m.end("place"), m["place"]) for m in _DI_PLACE.finditer(sentence)
             if m["place"].split()[0] not in _VENUES and not m["place"].split()[0].isupper()]
    return _nearest(named, start, end)


def _candidates(text: str) -> list[tuple[int, int, float, float | None]]:
    found = []
    if not _SIGN_FOUND.search(text):
        return found
    for m in _RANGE.finditer(text):
        low, high = _number(m["num"]), _number(m["num2"])
        if m["link"].strip() == "dan" and not m["antara"]:
            continue  # `4,83 dan 4,71 persen`: two figures, only the second is written as a percentage
        if low < high:
            found.append((m.start("num"), m.end(), low, high))
    for m in _SINGLE.finditer(text):
        value = _number(m["num"])
        found.append((m.start(), m.end(), -value if m["neg"] else value, None))
    for m in _WORDS_PERCENT.finditer(text):
        words = list(re.finditer(r"\S+", m["words"]))
        for skip in range(len(words)):  # drop leading words until the rest reads as one number
            value = _words_value([w.group() for w in words[skip:]])
            if value is not None:
                found.append((m.start() + words[skip].start(), m.end(), value, None))
                break
    chosen: list[tuple[int, int, float, float | None]] = []
    for cand in sorted(found, key=lambda c: (c[0] - c[1], c[0])):  # longest first, no overlaps
        if all(cand[1] <= c[0] or c[1] <= cand[0] for c in chosen):
            chosen.append(cand)
    return sorted(chosen)


def find_percentages(text: str) -> list[PercentMention]:
    """Every PERCENT in one paragraph, sorted by start; offsets index `text`."""
    out = []
    for start, end, value, value_max in _candidates(text):
        left, right = _sentence(text, start, end)
        sentence = text[left:right]
        out.append(PercentMention(start, end, text[start:end], value, value_max, sentence.strip(),
                                  _subject(sentence, left, start, end), _place(sentence, left, start, end)))
    return out
