"""Quotes: who said what, as an article reports it (the `quotes` table).

One row per quotation or reported statement of an article's kept paragraphs (the title line excluded):
- `direct`: words in quotation marks (`“…”`, `"…"`; `‘…’` when a speech cue goes with them; a stray `”`
  glued to the first word opens a quote too). A quote left open at the end of a paragraph goes on in the
  next one when that paragraph opens it again or closes it, and is one row. Quoted words are a quotation
  when a cue goes with them, or when they open their paragraph or run to a long sentence; a short quoted
  term or a Title Case name in quotes (`“Pilkada Damai”`) is not.
- `indirect`: a clause framed by a cue of reported speech (`lexicons/quote_cues.tsv`): a reporting verb after
  its subject (`Budi mengatakan (bahwa) …`, `… meminta ASN agar …`), `menurut` (`Menurut Budi, …`,
  `Menurutnya, …`), a speech tag with its speaker (`…, kata Budi.`, `…, ujarnya.`, `Lanjut Budi, …`,
  `Selain itu, kata Budi, …`), a passive cue opening a sentence (`Ditambahkan, …`). The quote is the clause
  to the end of its sentence, or the sentence around a tag written inside it. `Hal itu disampaikan Budi …`
  reports the sentence before it (and names the speaker of a statement made there in an organisation's name).

The speaker is read off the frame: the PERSON named with the tag or `menurut` (across an office title:
`kata Ketua KPU Paser, Rudi …`), or the subject of the reporting verb (across apposed titles, places
and asides: `Budi, Kepala Desa Sukamaju, Kecamatan X, mengatakan`). A pronoun (`ia`, `dia`, `-nya`,
`pihaknya`), a passive cue and a quote with no cue of its own in the paragraph after a quote refer to the
person already speaking (at the start of an article, the first person named in the paragraph or the one
before it). A bare office title (`tutur Kapolres`) is resolved to its holder through the article's
`roles`. An organisation as subject (`Bawaslu mengimbau …`) gives no speaker; any other noun (`salah satu
kades … mengaku`) gives none either and ends the current speaker. `speaker` is the fullest form of the name
in the article, `speaker_office` the office `roles` gives that person in the article.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import pandas as pd

from pipeline import schema
from pipeline.clean import offset_map
from pipeline.extract.dates import WEEKDAYS
from pipeline.extract.jurisdictions import office_name
from pipeline.extract.offices import lexicon as office_lexicon, token_key
from pipeline.extract.persons import person_id
from pipeline.extract.roles import article_fullest_names
from pipeline.extract.sentences import sentence_bounds, sentence_ends
from pipeline.lexicon import read_rows

_DOUBLE_MARK = re.compile(r"[\"“”]")
_SINGLE_OPEN = re.compile(r"(?<!\w)[‘'](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])[’‘'](?!\w)")
_OPENING = "“\"‘'”"
_WORD = re.compile(r"[\w'’.-]+")
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w.-]*|dan)(?:\s+(?:[A-Z][\w.-]*|dan))*")
_DEGREE = re.compile(r"[,\s]*([A-Za-z][A-Za-z.]*)\s*$")
# Labels in the order a position that several mentions share is read as.
_PRIORITY = {"PERSON": 0, "OFFICE": 1, "ORG": 2, "PLACE": 3}
_MAX_CHAIN = 4  # mentions apposed between a subject and its verb (`Budi, Kepala Desa X, Kecamatan Y,`)
_MIN_WORDS = 3  # an uncued quote shorter than this is a quoted term, not a quotation
_LONG_QUOTE = 8  # an uncued quote inside a paragraph is a quotation from this many words


def _alternation(words) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Cues:
    """The compiled lexicon of quote cues (see lexicons/quote_cues.tsv)."""
    tag: re.Pattern[str]
    verb: re.Pattern[str]
    prep: re.Pattern[str]
    passive: re.Pattern[str]
    anaphoric: re.Pattern[str]
    blockers: frozenset[str]
    word_tags: frozenset[str]
    requirement: dict[str, str]
    marker_first: re.Pattern[str]
    marker_anywhere: re.Pattern[str]
    between_last: re.Pattern[str]
    coordinated_verb: re.Pattern[str]
    pronouns: frozenset[str]
    asides: frozenset[str]
    name_prefixes: frozenset[str]


@functools.cache
def cues() -> Cues:
    rows = read_rows("quote_cues.tsv")
    by_role: dict[str, list[list[str]]] = {}
    for row in rows:
        by_role.setdefault(row[1], []).append(row)
    words = {role: [r[0] for r in entries] for role, entries in by_role.items()}
    edge = r"(?<![\w-])", r"(?![\w-])"
    verbs = _alternation(words["verb"])
    affixes = read_rows("person_affixes.tsv")
    return Cues(
        tag=re.compile(rf"{edge[0]}(?P<root>{_alternation(words['tag'])})(?P<nya>nya)?{edge[1]}", re.I),
        verb=re.compile(rf"{edge[0]}(?P<root>{verbs}){edge[1]}", re.I),
        prep=re.compile(rf"{edge[0]}(?P<root>{_alternation(words['prep'])})(?P<nya>nya)?{edge[1]}", re.I),
        passive=re.compile(rf"(?P<root>{_alternation(words['passive'])})\s*,", re.I),
        anaphoric=re.compile(rf"(?:{_alternation(words['anaphor'])})\s+(?P<root>{_alternation(words['passive'])})"
                             rf"(?P<nya>nya)?{edge[1]}(?:\s+oleh)?", re.I),
        blockers=frozenset(words["blocker"]),
        word_tags=frozenset(r[0] for r in by_role["tag"] if len(r) > 2 and r[2] == "word"),
        requirement={r[0]: r[2] for r in by_role["verb"]},
        marker_first=re.compile(rf"(?:{_alternation(words['marker'])}){edge[1]}", re.I),
        marker_anywhere=re.compile(rf"{edge[0]}(?:{_alternation(words['marker'])}){edge[1]}", re.I),
        between_last=re.compile(rf"(?<![\w-])(?:{_alternation(words['between'])})\s*$", re.I),
        coordinated_verb=re.compile(rf"(?:serta|dan|sekaligus)\s+(?:{verbs}){edge[1]}\s*(?:bahwa{edge[1]})?\s*[,:]?\s*", re.I),
        pronouns=frozenset(words["pronoun"]),
        asides=frozenset(words["aside"]),
        name_prefixes=frozenset({w for kind, w in affixes if kind == "prefix"} | office_lexicon().name_prefixes),
    )


@dataclass(frozen=True)
class _Mention:
    entity_id: str
    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Ref:
    """Who a frame names: a `person` (with the office named beside it), an `office` without a name, a
    `pronoun` (the person already speaking), an `org`, or `other` (a noun that names nobody)."""
    kind: str
    mention: _Mention | None = None
    office: _Mention | None = None


class _Paragraph:
    def __init__(self, index: int, text: str, omap, mentions: list[_Mention]) -> None:
        self.index, self.text, self.omap = index, text, omap
        self.mentions = mentions
        self.persons = sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: m.start)
        self.starting: dict[int, _Mention] = {}
        self.ending: dict[int, _Mention] = {}
        for m in sorted(mentions, key=lambda m: (_PRIORITY[m.label], m.start - m.end)):
            self.starting.setdefault(m.start, m)
            self.ending.setdefault(m.end, m)
        self.ends = sentence_ends(text)
        self.quoted: list[tuple[int, int]] = []  # [start, end) of quotation marks and what they enclose
        self.lead = 0  # end of the dateline that opens the paragraph (`AMBON, Siwalimanews –`), if one does

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        return sentence_bounds(self.text, start, end, self.ends)

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)


@dataclass
class _Frame:
    k: int  # position of the paragraph in the article's list
    cue_start: int
    cue_end: int
    cue: str
    kind: str  # tag / verb / prep / passive
    ref: _Ref
    content: tuple[int, int] | None  # the reported clause; None when the frame introduces a direct quote
    opens_quote_at: tuple[int, int] | None = None  # (paragraph, offset) of the mark a None-content frame leads to
    content_k: int = -1  # the paragraph of `content` when it is not the frame's own (`Hal itu disampaikan …`)
    anaphoric: bool = False  # `Hal itu disampaikan Budi`: it names who made the statement before it

    def __post_init__(self) -> None:
        if self.content_k < 0:
            self.content_k = self.k


@dataclass
class _Quote:
    first: int
    start: int
    last: int
    end: int
    kind: str  # direct / indirect
    frame: _Frame | None = None
    open_mark: int = -1
    close_mark: int | None = None
    single: bool = False


@dataclass
class _Speaker:
    name: str | None
    entity_id: str | None
    office: str | None
    k: int = -1  # paragraph where it was last named or referred to


# --- direct quotes ------------------------------------------------------------------------------


def _may_open(text: str, pos: int) -> bool:
    """A straight `"` opens a quote after a space, a bracket or punctuation, before a word."""
    before = text[pos - 1] if pos > 0 else " "
    return (before.isspace() or before in "([:;,—–-") and pos + 1 < len(text) and not text[pos + 1].isspace()


def _glued_opener(text: str, pos: int) -> bool:
    """A `”` that opens a quote: glued to the word after it (`.”Kami siap`), or opening the paragraph."""
    after = text[pos + 1:pos + 2]
    if text[:pos].strip() == "":
        return bool(after)
    return after.isalnum() and not (text[pos - 1:pos].isalnum())


def _closes(text: str, pos: int, mark: str) -> bool:
    return mark == "”" or (mark == '"' and not _may_open(text, pos))


def _direct_quotes(paras: list[_Paragraph]) -> list[_Quote]:
    found: list[_Quote] = []
    open_at: tuple[int, int] | None = None  # (paragraph, offset of the opening mark) of the quote being read
    for k, p in enumerate(paras):
        text = p.text
        marks = [(m.start(), m.group()) for m in _DOUBLE_MARK.finditer(text)]
        if open_at is not None:  # left open in the paragraph before
            lead = len(text) - len(text.lstrip())
            if marks and marks[0][0] == lead and marks[0][1] in "“\"":
                marks = marks[1:]  # re-opened: the quotation goes on
                p.quoted.append((0, lead + 1))
            elif not (marks and _closes(text, *marks[0])):
                found.append(_quote_to_end(paras, open_at, k - 1))
                open_at = None
        for pos, mark in marks:
            if open_at is None:
                if mark == "“" or (mark == '"' and _may_open(text, pos)) or (mark == "”" and _glued_opener(text, pos)):
                    open_at = (k, pos)
            elif mark in "”\"":
                first, opened = open_at
                found.append(_Quote(first, opened + 1, k, pos, "direct", open_mark=opened, close_mark=pos))
                _mark_quoted(paras, first, opened, k, pos + 1)
                open_at = None
    if open_at is not None:
        found.append(_quote_to_end(paras, open_at, len(paras) - 1))
    for k, p in enumerate(paras):
        found += _single_quotes(p, k)
    return [q for q in found if _strip(paras, q)]


def _quote_to_end(paras: list[_Paragraph], open_at: tuple[int, int], last: int) -> _Quote:
    first, opened = open_at
    end = len(paras[last].text)
    _mark_quoted(paras, first, opened, last, end)
    return _Quote(first, opened + 1, last, end, "direct", open_mark=opened)


def _mark_quoted(paras: list[_Paragraph], first: int, start: int, last: int, end: int) -> None:
    for k in range(first, last + 1):
        paras[k].quoted.append((start if k == first else 0, end if k == last else len(paras[k].text)))


def _single_quotes(p: _Paragraph, k: int) -> list[_Quote]:
    """`‘…’` quotations (also closed with `‘`): only where no double quotation mark is."""
    found = []
    pos = 0
    while (m := _SINGLE_OPEN.search(p.text, pos)) is not None:
        close = _SINGLE_CLOSE.search(p.text, m.end())
        if close is None:
            break
        if not p.in_quote(m.start()) and not p.in_quote(close.start()):
            found.append(_Quote(k, m.end(), k, close.start(), "direct", open_mark=m.start(), close_mark=close.start(),
                                single=True))
        pos = close.end()
    for q in found:
        p.quoted.append((q.open_mark, q.close_mark + 1))
    return found


def _strip(paras: list[_Paragraph], q: _Quote) -> bool:
    """Trim the quote of spaces; False when nothing is left."""
    while q.first < q.last and paras[q.first].text[q.start:].strip() == "":
        q.first, q.start = q.first + 1, 0
    first, last = paras[q.first].text, paras[q.last].text
    while q.start < len(first) and first[q.start].isspace():
        q.start += 1
    while q.end > 0 and last[q.end - 1].isspace():
        q.end -= 1
    return q.first < q.last or q.start < q.end


# --- frames -------------------------------------------------------------------------------------


def _skip_spaces(text: str, pos: int, also: str = "") -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] in also):
        pos += 1
    return pos


def _forward_ref(p: _Paragraph, pos: int) -> tuple[_Ref, int]:
    """Who is named from `pos` on (after a tag or `menurut`), and where that name ends."""
    c = cues()
    text = p.text
    office = org = None
    end = pos
    pos = _skip_spaces(text, pos)
    for _ in range(_MAX_CHAIN + 2):
        mention = p.starting.get(pos)
        if mention is not None:
            if mention.label == "PERSON":
                return _Ref("person", mention, office), mention.end
            if mention.label == "OFFICE":
                office = office or mention
            elif mention.label == "ORG":
                org = org or mention
            end = mention.end
            pos = _skip_spaces(text, mention.end, ",")
            continue
        word = _WORD.match(text, pos)
        if word is None:
            break
        key = token_key(word.group())
        if key in c.pronouns and office is None and org is None:
            return _Ref("pronoun"), word.end()
        if key in c.name_prefixes:
            pos = _skip_spaces(text, word.end())
            continue
        title = _TITLE_WORDS.match(text, pos)
        if title is not None and p.starting.get(_skip_spaces(text, title.end(), ",")) is not None:
            pos = _skip_spaces(text, title.end(), ",")  # a title the lexicon lacks: `ujar Hakim Konstitusi, Budi`
            continue
        break
    if office is not None:
        return _Ref("office", office, office), end
    if org is not None:
        return _Ref("org", org), end
    return _Ref("other"), end


def _backward_ref(p: _Paragraph, pos: int, floor: int) -> _Ref:
    """The subject of a reporting verb at `pos`, reading back to `floor` (the sentence start) across
    apposed mentions, commas, words such as `juga`, degrees and asides."""
    c = cues()
    text = p.text
    chain: list[_Mention] = []
    closed = False  # whether a comma closes what is read back now (`Budi, warga Desa X, mengatakan`)
    while pos > floor and len(chain) < _MAX_CHAIN:
        pos = floor + len(text[floor:pos].rstrip())
        if text[pos - 1:pos] == "." and pos - 1 in p.ending:
            pos -= 1  # `Drs. H. Budi. MSi mengatakan`: the full stop after the name
        if pos in p.ending:
            mention = p.ending[pos]
            if mention.label == "PERSON":
                office = next((m for m in chain if m.label == "OFFICE"), None) or _office_before(p, mention)
                return _Ref("person", mention, office)
            chain.append(mention)
            pos = mention.start
            continue
        if text[pos - 1:pos] == ",":
            pos, closed = pos - 1, True
            continue
        between = c.between_last.search(text, floor, pos)
        degree = _DEGREE.search(text, floor, pos)
        if between is not None:
            pos = between.start()
        elif degree is not None and degree.group(1).lower().replace(".", "") in _degrees():
            pos = degree.start()
        else:
            aside = _aside_start(p, floor, pos, closed)
            if aside is None:
                break
            pos = aside
        closed = False
    named = next((m for m in chain if m.label in ("OFFICE", "ORG")), None)
    if named is not None:
        return _Ref("office", named, named) if named.label == "OFFICE" else _Ref("org", named)
    if chain:
        return _Ref("other")
    word = re.search(r"(\w+)\s*$", text[floor:pos])
    if word is not None and (word.group(1).lower() in c.pronouns or _is_nya_tag(word.group(1))):
        return _Ref("pronoun")  # `ia mengatakan`, `…,” jelasnya seraya mengatakan`
    return _Ref("other")


_MAX_ASIDE_WORDS = 12


def _aside_start(p: _Paragraph, floor: int, pos: int, closed: bool) -> int | None:
    """End of the first mention before an aside that ends at `pos` (`Budi saat dikonfirmasi`, `Budi di
    Ambon, Selasa`, `Budi, yang memimpin rapat`, `Budi dari Fraksi X`; between commas, also a description
    in lower case: `Budi, salah seorang warga Desa X,`), or None when there is no aside."""
    c = cues()
    for end in sorted(e for e in p.ending if floor < e < pos):
        gap = p.text[end:pos]
        words = gap.replace(",", " ").split()
        if not words or len(words) > _MAX_ASIDE_WORDS:
            continue
        first = words[0].lower()
        if first in c.asides or first in WEEKDAYS or (closed and gap.lstrip().startswith(",") and words[0].islower()):
            return end
    return None


def _is_nya_tag(word: str) -> bool:
    m = cues().tag.fullmatch(word)
    return m is not None and bool(m.group("nya"))


def _office_before(p: _Paragraph, person: _Mention) -> _Mention | None:
    """The office title right before a name (`Ketua KPU Paser, Rudi …`)."""
    pos = len(p.text[:person.start].rstrip(" ,"))
    mention = p.ending.get(pos)
    return mention if mention is not None and mention.label == "OFFICE" else None


@functools.cache
def _degrees() -> frozenset[str]:
    return frozenset(w.replace(".", "") for kind, w in read_rows("person_affixes.tsv") if kind == "suffix")


def _content_after(p: _Paragraph, pos: int, right: int) -> tuple[int, int]:
    """The reported clause from `pos` to the sentence end `right`, stopping at a quotation mark."""
    start = _skip_spaces(p.text, pos, ",:")
    end = right
    for s, _ in p.quoted:
        if start <= s < end:
            end = s
    return start, end


def _leads_to_quote(paras: list[_Paragraph], k: int, pos: int) -> tuple[int, int] | None:
    """(paragraph, offset) of the quotation mark right after `pos` (possibly opening the next paragraph)."""
    text = paras[k].text
    at = _skip_spaces(text, pos, ",:.")
    if at < len(text):
        return (k, at) if text[at] in _OPENING else None
    if k + 1 < len(paras):
        nxt = paras[k + 1].text
        at = _skip_spaces(nxt, 0)
        return (k + 1, at) if at < len(nxt) and nxt[at] in _OPENING else None
    return None


def _frames(paras: list[_Paragraph], k: int) -> list[_Frame]:
    """Every speech frame of paragraph `k` outside its quotation marks."""
    return _tag_frames(paras, k) + _verb_frames(paras, k) + _prep_frames(paras, k) + _passive_frames(paras, k)


def _tag_frames(paras: list[_Paragraph], k: int) -> list[_Frame]:
    """`“…,” kata Budi`, `…, ujarnya.`, `Selain itu, kata Budi, …`, `Lanjut Budi, …`."""
    c = cues()
    p = paras[k]
    text = p.text
    frames = []
    for m in c.tag.finditer(text):
        if p.in_quote(m.start()):
            continue
        root, nya = m.group("root").lower(), bool(m.group("nya"))
        ref, ref_end = (_Ref("pronoun"), m.end()) if nya else _forward_ref(p, m.end())
        frame = _Frame(k, m.start(), m.end(), m.group(), "tag", ref, None)
        if _after_close(p, m.start()):
            frames.append(frame)  # the tag of a direct quote
            continue
        left, right = p.sentence(m.start(), m.end())
        before = text[left:m.start()].rstrip()
        after = text[ref_end:right].strip()
        if ref.kind == "other":
            continue
        if not before.endswith(",") and (before or (root in c.word_tags and ref.kind not in ("person", "office"))):
            continue  # `Lanjut Budi, …` opens a sentence; `Jelasnya, …` (`to be clear`) does not report
        if after.strip(".!?;") and not after.startswith(","):
            continue  # the frame does not close: `kata` as a noun, `tegas` as an adjective
        if not before:
            frame.content = _content_after(p, ref_end, right)
        elif not after.strip(" ,.!?;"):
            frame.content = (left, left + len(before) - 1)
        else:
            frame.content = (left, right)
        frames.append(frame)
    return frames


def _verb_frames(paras: list[_Paragraph], k: int) -> list[_Frame]:
    """`Budi mengatakan (bahwa) …`, `Budi meminta ASN agar …`, `Budi mengatakan, “…”`."""
    c = cues()
    p = paras[k]
    text = p.text
    frames = []
    for m in c.verb.finditer(text):
        if p.in_quote(m.start()):
            continue
        left, right = p.sentence(m.start(), m.end())
        word_before = re.search(r"(\w+)\s*$", text[left:m.start()])
        if word_before is not None and word_before.group(1).lower() in c.blockers:
            continue  # `dalam memastikan`, `akan menyampaikan`: nothing is reported
        opener = re.match(r"\s*(?:bahwa(?![\w-])\s*[,:]?|[,:])?\s*", text[m.end():], re.I)
        start = m.end() + opener.end()
        coordinated = c.coordinated_verb.match(text, start)  # `mengingatkan serta mengimbau …`
        if coordinated is not None:
            start = coordinated.end()
        frame = _Frame(k, m.start(), m.end(), m.group(), "verb", _backward_ref(p, m.start(), left), None)
        frame.opens_quote_at = _leads_to_quote(paras, k, start)
        if frame.opens_quote_at is None:
            content = _content_after(p, start, right)
            marked = bool(opener.group().strip()) or bool(c.marker_first.match(text, content[0]))
            need = c.requirement[m.group("root").lower()]
            if need == "marked" and not marked:
                continue
            if need == "request" and not (marked or c.marker_anywhere.search(text, content[0], content[1])):
                continue
            frame.content = content
        frames.append(frame)
    return frames


def _prep_frames(paras: list[_Paragraph], k: int) -> list[_Frame]:
    """`Menurut Budi, …`, `Menurutnya, …`, `…, menurut Budi.`"""
    c = cues()
    p = paras[k]
    text = p.text
    frames = []
    for m in c.prep.finditer(text):
        if p.in_quote(m.start()):
            continue
        ref, ref_end = (_Ref("pronoun"), m.end()) if m.group("nya") else _forward_ref(p, m.end())
        if ref.kind not in ("person", "office", "pronoun"):
            continue  # `menurut data BPS`: a source, not a speaker
        left, right = p.sentence(m.start(), m.end())
        frame = _Frame(k, m.start(), m.end(), m.group(), "prep", ref, None)
        frame.opens_quote_at = _leads_to_quote(paras, k, ref_end)
        if frame.opens_quote_at is None:
            before = text[left:m.start()].rstrip()
            if before.endswith(",") and not text[ref_end:right].strip(" ,.!?;"):
                frame.content = (left, left + len(before) - 1)  # `…, menurut Budi.`
            else:
                frame.content = _content_after(p, ref_end, right)
        frames.append(frame)
    return frames


def _passive_frames(paras: list[_Paragraph], k: int) -> list[_Frame]:
    """Passive cues opening a sentence: `Ditambahkan, …`, and `Hal itu disampaikan Budi …` for the sentence before."""
    c = cues()
    p = paras[k]
    text = p.text
    frames = []
    for n, left in enumerate([0] + [start for _, start in p.ends]):
        at = _skip_spaces(text, left)
        if p.in_quote(at):
            continue
        m = c.passive.match(text, at)
        if m is not None:
            right = p.sentence(m.start(), m.end())[1]
            frames.append(_Frame(k, m.start(), m.start() + len(m.group("root")), m.group("root"), "passive",
                                 _Ref("pronoun"), _content_after(p, m.end(), right)))
            continue
        m = c.anaphoric.match(text, at)
        previous = _previous_sentence(paras, k, n) if m is not None else None
        if previous is not None:
            ref = _Ref("pronoun") if m.group("nya") else _forward_ref(p, m.end())[0]
            if ref.kind != "other":
                frames.append(_Frame(k, m.start("root"), m.end("root"), m.group("root"), "passive", ref,
                                     previous[1:], content_k=previous[0], anaphoric=True))
    return frames


def _previous_sentence(paras: list[_Paragraph], k: int, n: int) -> tuple[int, int, int] | None:
    """(paragraph, start, end) of the sentence before sentence `n` of paragraph `k`."""
    if n > 0:
        p = paras[k]
        start = p.ends[n - 2][1] if n > 1 else 0
        return k, start, p.ends[n - 1][0]
    if k == 0:
        return None
    p = paras[k - 1]
    return k - 1, (p.ends[-1][1] if p.ends else 0), len(p.text)


def _after_close(p: _Paragraph, pos: int) -> bool:
    """A cue right after a closing quotation mark (`,” kata`, `” ujarnya`)."""
    before = p.text[:pos].rstrip(" ,.")
    return bool(before) and before[-1] in "”\"’‘'" and p.in_quote(len(before) - 1)


# --- putting quotes and frames together -------------------------------------------------------------


def _attach(paras: list[_Paragraph], directs: list[_Quote], frames: list[_Frame]) -> list[_Quote]:
    """Give each direct quote its frame; frames left over with a clause become indirect quotes."""
    used: set[int] = set()
    for q in directs:
        if q.close_mark is not None:
            tail = paras[q.last].text
            after = next((f for f in frames if f.k == q.last and f.kind == "tag" and f.cue_start > q.close_mark
                          and not tail[q.close_mark + 1:f.cue_start].strip(" ,.")), None)
            if after is not None:
                q.frame = after
                used.add(id(after))
                continue
        before = next((f for f in frames if f.opens_quote_at == (q.first, q.open_mark) and id(f) not in used), None)
        if before is not None:
            q.frame = before
            used.add(id(before))
    quotes = [q for q in directs if q.frame is not None or _looks_spoken(paras, q)]
    for f in sorted(frames, key=lambda f: (f.k, f.cue_start)):
        if id(f) in used or f.content is None:
            continue
        start, end = f.content
        start = max(start, paras[f.content_k].lead)
        text = paras[f.content_k].text[start:end].rstrip(" .,;:")
        end = start + len(text)
        if len(text.split()) < 2:
            continue
        same = next((q for q in quotes if q.first <= f.content_k <= q.last
                     and (q.first < f.content_k or q.start < end) and (q.last > f.content_k or start < q.end)), None)
        if same is not None:
            if f.anaphoric and (same.frame is None or same.frame.ref.kind in ("org", "other")):
                same.frame = f  # `Pemkot mengingatkan …. Hal itu disampaikan Sekretaris Kota, Budi`: Budi said it
            continue
        quotes.append(_Quote(f.content_k, start, f.content_k, end, "indirect", f))
    return sorted(quotes, key=lambda q: (q.first, q.start))


def _looks_spoken(paras: list[_Paragraph], q: _Quote) -> bool:
    """An uncued quotation: at least a few words, not a Title Case name, and either opening its
    paragraph or long (`“Pilkada Damai”` is a quoted term)."""
    if q.single:
        return False
    words = _quote_text(paras, q).split()
    if len(words) < _MIN_WORDS:
        return False
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    if long_words and sum(w[:1].isupper() for w in long_words) / len(long_words) >= 0.75:
        return False
    opens = paras[q.first].text[:q.open_mark].strip() == ""
    return opens or len(words) >= _LONG_QUOTE


def _quote_text(paras: list[_Paragraph], q: _Quote) -> str:
    if q.first == q.last:
        return paras[q.first].text[q.start:q.end]
    pieces = [paras[q.first].text[q.start:]] + [paras[k].text for k in range(q.first + 1, q.last)]
    pieces.append(paras[q.last].text[:q.end])
    return "\n".join([pieces[0]] + [piece.lstrip().lstrip("“\"").lstrip() for piece in pieces[1:]])


# --- speakers -----------------------------------------------------------------------------------


@dataclass
class _Roles:
    """The article's roles, for the office of a speaker and the holder of a bare office title."""
    by_office_mention: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # office entity -> (person, person entity, office)
    by_office_name: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    by_person: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # person -> [(office entity, office)]


def _speakers(paras: list[_Paragraph], quotes: list[_Quote], fullest: dict[str, str], roles: _Roles) -> list[_Speaker | None]:
    current: _Speaker | None = None
    known = False  # whether `current` says who is speaking (None then means: nobody the article names)
    result: list[_Speaker | None] = []
    for q in quotes:
        ref = q.frame.ref if q.frame is not None else None
        k = q.frame.k if q.frame is not None else q.first
        if ref is None:  # a quotation with no cue of its own: the person speaking in this paragraph or the one before
            if not (known and current is not None and current.k >= q.first - 1):
                result.append(None)  # nobody to give it to; who is speaking stays as it was
                continue
            speaker = current
        elif ref.kind == "person":
            name = fullest.get(ref.mention.text, ref.mention.text)
            speaker = _Speaker(name, ref.mention.entity_id, _office_of(roles, name, ref.office))
        elif ref.kind == "office":
            speaker = _holder(roles, paras[k], ref.office, current)
        elif ref.kind == "pronoun":
            speaker = current if known else _first_person(paras, q.frame, fullest, roles)
        elif ref.kind == "org":
            result.append(None)
            continue
        else:
            speaker = None
        if speaker is not None:
            speaker = _Speaker(speaker.name, speaker.entity_id, speaker.office, k)
        current, known = speaker, True
        result.append(speaker)
    return result


def _office_of(roles: _Roles, name: str, office: _Mention | None) -> str | None:
    held = roles.by_person.get(name, [])
    named = next((o for entity, o in held if office is not None and entity == office.entity_id), None)
    return named or (held[0][1] if held else None)


def _holder(roles: _Roles, p: _Paragraph, office: _Mention, current: _Speaker | None) -> _Speaker | None:
    """The person an office title stands for: its own role, else the one holder of that office in the
    article, else the person speaking when that is their office."""
    own = roles.by_office_mention.get(office.entity_id)
    if own is not None:
        return _Speaker(*own)
    places = [(m.start - office.start, m.end - office.start) for m in p.mentions
              if m.label == "PLACE" and office.start < m.start and m.end <= office.end]
    name = office_name(office.text, places)[0]
    holders = roles.by_office_name.get(name, [])
    if len({h[0] for h in holders}) == 1:
        return _Speaker(*holders[0])
    if current is not None and any(h[0] == current.name for h in holders):
        return current
    return None


def _first_person(paras: list[_Paragraph], frame: _Frame, fullest: dict[str, str], roles: _Roles) -> _Speaker | None:
    """At the start of an article, `-nya` refers to the first person named in its paragraph, else before it."""
    for k in (frame.k, frame.k - 1):
        if k < 0:
            break
        persons = [m for m in paras[k].persons if (k < frame.k or m.start < frame.cue_start) and not paras[k].in_quote(m.start)]
        if persons:
            name = fullest.get(persons[0].text, persons[0].text)
            return _Speaker(name, persons[0].entity_id, _office_of(roles, name, None))
    return None


# --- the table ----------------------------------------------------------------------------------


def find_quotes(entities: pd.DataFrame, paragraphs: pd.DataFrame, roles: pd.DataFrame,
                articles: pd.DataFrame, fullest: dict[str, dict[str, str]] | None = None) -> pd.DataFrame:
    """Rows of the `quotes` table for the kept `paragraphs` of `articles` (see the module docstring).
    `roles` must carry `office_normalized` (pipeline.extract.jurisdictions.locate_roles); `fullest`:
    `article_fullest_names(entities)` when the caller has it already."""
    if fullest is None:
        fullest = article_fullest_names(entities)
    mentions: dict[tuple[str, int], list[_Mention]] = {}
    for r in entities[entities["label"].isin(list(_PRIORITY))].itertuples(index=False):
        mentions.setdefault((r.article_id, int(r.paragraph_index)), []).append(
            _Mention(r.entity_id, r.label, int(r.start), int(r.end), str(r.text)))
    article_roles: dict[str, _Roles] = {}
    for r in roles.itertuples(index=False):
        held = article_roles.setdefault(r.article_id, _Roles())
        entry = (r.person, r.person_entity_id, r.office)
        held.by_office_mention[r.office_entity_id] = entry
        held.by_office_name.setdefault(r.office_normalized, []).append(entry)
        held.by_person.setdefault(r.person, []).append((r.office_entity_id, r.office))
    titles = dict(zip(articles["article_id"], articles["title"]))
    datelines = dict(zip(articles["article_id"], articles["dateline"]))
    published = dict(zip(articles["article_id"], articles["published"]))
    by_article: dict[str, list[_Paragraph]] = {}
    for para in paragraphs.sort_values(["article_id", "paragraph_index"]).to_dict("records"):
        aid = para["article_id"]
        if para["text"].strip() == str(titles.get(aid) or "").strip():
            continue  # the headline states, it does not quote
        paragraph = _Paragraph(int(para["paragraph_index"]), para["text"], offset_map(para),
                               mentions.get((aid, int(para["paragraph_index"])), []))
        dateline = datelines.get(aid)
        if isinstance(dateline, str) and dateline and paragraph.text.startswith(dateline):
            paragraph.lead = re.match(r"[\s,.()–—-]*", paragraph.text[len(dateline):]).end() + len(dateline)
        by_article.setdefault(aid, []).append(paragraph)
    rows = []
    for aid, paras in by_article.items():
        directs = _direct_quotes(paras)
        frames = [f for k in range(len(paras)) for f in _frames(paras, k)]
        quotes = _attach(paras, directs, frames)
        for q, speaker in zip(quotes, _speakers(paras, quotes, fullest.get(aid, {}), article_roles.get(aid, _Roles()))):
            first, last = paras[q.first], paras[q.last]
            rows.append({
                "article_id": aid, "paragraph_index": first.index, "end_paragraph_index": last.index,
                "start": q.start, "end": q.end,
                "raw_start": first.omap.raw_start(q.start), "raw_end": last.omap.raw_end(q.end),
                "quote": _quote_text(paras, q), "kind": q.kind, "cue": q.frame.cue if q.frame else None,
                "speaker": speaker.name if speaker else None,
                "speaker_entity_id": speaker.entity_id if speaker else None,
                "speaker_person_id": person_id(speaker.name) if speaker else None,
                "speaker_office": speaker.office if speaker else None,
                "published": published.get(aid),
            })
    return schema.frame("quotes", rows)
