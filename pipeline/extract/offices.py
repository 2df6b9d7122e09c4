"""OFFICE mentions: the `office_ruler` spaCy component.

An OFFICE mention (see ../shared/spec/ANNOTATION.md) is, contiguously: optional acting/deputy markers
(`Pj`, `Pejabat Sementara (Pjs)`, `Wakil`), a position head (`Bupati`, `Kepala Dinas`, `Komisioner`) and the
jurisdiction or agency that directly follows (`Kutai Kartanegara (Kukar)`, `Bawaslu Buton Utara`).
The component reads token by token with lexicons from `lexicons/office_*.txt` rather than fixed patterns because
the qualifier is open-ended: it is built from the NER's ORG/PLACE entities, the region gazetteer (which also
catches lower-case `bupati kendal`), known agency names, bracketed abbreviations and, outside Title Case
headlines, plain capitalised words. It stops at a PERSON entity, a rank or honorific, a lower-case word, or
punctuation (except inside a `Bidang X, Y dan Z` field list).

Not OFFICE: generic role nouns (`Kepala OPD`), bare heads that name a class (`Kades`), lower-case bare titles,
and heads after candidacy, election, regulation or plural words (`calon Bupati`, `Pilkada Gubernur Papua`,
`Peraturan Bupati`, `para camat`), including heads coordinated with such a head (`Calon Bupati dan Wakil Bupati`);
a national office's act is that office's (`Keputusan Menteri Dalam Negeri`), unless abbreviated as a kind of
legislation (`Instruksi Presiden (Inpres)`).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.lexicon import read_lines, read_rows
from pipeline.extract.morphology import is_common_word
from pipeline.extract.regions import KECAMATAN, TYPE_WORDS, gazetteer
from pipeline.extract.spans import OFFICE_KEY, OFFICE_MODEL_KEY, per_token_once, token_texts

SOURCE = "office_ruler"
MODEL_SOURCE = "office_spancat"
WORD_OR_MARK = re.compile(r"\w+|[^\w\s]")  # how lexicon phrases are cut into tokens
_ORDINAL_COLLECTIVE = re.compile(r"^ke(dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)$")
# The number of a military or police unit, written before a slash and its name (`XVII/Cenderawasih`, `0906/Kkr`).
UNIT_NUMBER = re.compile(r"^(?:\d{1,5}|[IVXL]{1,6})$")
_COORDINATION = {"dan", "atau", "&", "serta", "/", "(", ")"}
# Between a candidacy word and the titles it governs: a ticket's hyphen and its ballot number
# (`paslon Gubernur-Wakil Gubernur`, `Paslon No. 01 Walikota dan Wakil Walikota`).
_TICKET_WORDS = {"-", "–", "—", "no", "nomor", "urut"}
_TICKET_HYPHEN = re.compile(r"[-–—]")
# Words after which a comma may continue a list of fields: `Bidang Ekonomi, Keuangan dan Pembangunan`,
# `Koordinator Pencegahan, Partisipasi dan Humas`, `Dinas Komunikasi, Informatika dan Statistik`.
_FIELD_WORDS = {"bidang", "divisi", "seksi", "urusan", "dinas", "badan", "kementerian"}
# A field of the office written after its agency and region: `Komisioner KPU Surabaya Divisi Teknis`.
_SUBUNIT_WORDS = {"bidang", "divisi", "seksi"}
_FIELD_HEADS = _FIELD_WORDS | {"koordinator", "kordinator", "kordiv", "kadiv", "kabid", "kasi", "kasie", "asisten",
                               "kadis", "kaban", "kasubid", "kasubbid", "menteri"}


def is_unit_designation(doc: Doc, q: int) -> bool:
    """`XVII/Cenderawasih`, `0906/Kkr` at token q: a unit's number, a slash and a capitalised name, no spaces."""
    return (q + 2 < len(doc) and UNIT_NUMBER.match(doc[q].text) is not None and doc[q + 1].text == "/"
            and not doc[q].whitespace_ and not doc[q + 1].whitespace_
            and doc[q + 2].text[:1].isupper() and doc[q + 2].is_alpha)


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(token_key(w) for w in WORD_OR_MARK.findall(phrase))


_SPELLINGS = dict(read_rows("office_spellings.tsv"))


def token_key(text: str) -> str:
    """Lexicon key of a token: lower case, a trailing full stop dropped (`Plt.` = `Plt`, `Dr.` = `Dr`), a common
    misspelling of an office word read as the word (office_spellings.tsv)."""
    lowered = text.lower()
    key = lowered[:-1] if len(lowered) > 1 and lowered.endswith(".") else lowered
    return _SPELLINGS.get(key, key)


def token_keys(texts: list[str]) -> list[str]:
    """`token_key` of every token text, in one pass."""
    spellings = _SPELLINGS
    return [spellings.get(k, k) for k in (k[:-1] if len(k) > 1 and k[-1] == "." else k for k in map(str.lower, texts))]


def doc_token_keys(doc: Doc) -> list[str]:
    """`token_keys` of a Doc's tokens, computed once per Doc as `token_texts` are (`per_token_once`)."""
    return per_token_once(doc, "pilkada_token_keys", lambda d: token_keys(token_texts(d)))


PLURAL_QUANTIFIERS = frozenset(token_key(w) for w in read_lines("plural_quantifiers.txt"))


class PhraseTable:
    """Case-insensitive lookup of multi-token phrases at a token position, longest first."""

    def __init__(self, phrases: dict[tuple[str, ...], frozenset[str]]) -> None:
        self._phrases = phrases
        # Length of the longest phrase each word opens: most tokens open none and are passed at once.
        self._longest: dict[str, int] = {}
        for p in phrases:
            if p:
                self._longest[p[0]] = max(self._longest.get(p[0], 0), len(p))
        self.vocabulary = {w for p in phrases for w in p}

    def opens(self, key: str) -> bool:
        """Whether some phrase starts with this token key."""
        return key in self._longest

    def match(self, keys: list[str], i: int) -> tuple[int, frozenset[str]]:
        """(length, flags) of the longest phrase starting at token i; (0, empty) if none."""
        longest = self._longest.get(keys[i], 0) if i < len(keys) else 0
        for n in range(min(longest, len(keys) - i), 0, -1):
            flags = self._phrases.get(tuple(keys[i:i + n]))
            if flags is not None:
                return n, flags
        return 0, frozenset()


@dataclass(frozen=True)
class OfficeLexicon:
    heads: PhraseTable
    markers: PhraseTable
    agencies: PhraseTable
    not_office: PhraseTable
    blockers: frozenset[str]
    instruments: frozenset[str]  # the blockers that name a legal instrument (`Peraturan`)
    indefinites: frozenset[str]  # the blockers that make the title one of many, unless its holder is named
    boundaries: frozenset[str]
    name_prefixes: frozenset[str]
    title_words: frozenset[str]  # every word of a head, marker or generic role phrase


@functools.cache
def lexicon() -> OfficeLexicon:
    heads = {}
    for line in read_lines("office_heads.txt"):
        phrase, _, flags = line.partition("\t")
        heads[_phrase_key(phrase)] = frozenset(f.strip() for f in flags.split(",") if f.strip())

    def table(name: str) -> PhraseTable:
        return PhraseTable({_phrase_key(line): frozenset() for line in read_lines(name)})

    sections: dict[str, set[str]] = {}
    current = ""
    for line in read_lines("office_boundaries.txt"):
        if line.startswith("["):
            current = line.strip("[]")
            sections[current] = set()
        else:
            sections[current].add(token_key(line))
    head_table, markers, not_office = PhraseTable(heads), table("office_markers.txt"), table("office_not_office.txt")
    instruments = frozenset(token_key(w) for w in read_lines("office_instruments.txt"))
    indefinites = frozenset(token_key(w) for w in read_lines("office_indefinites.txt"))
    return OfficeLexicon(
        heads=head_table,
        markers=markers,
        agencies=table("office_agencies.txt"),
        not_office=not_office,
        blockers=frozenset(token_key(w) for w in read_lines("office_context_blockers.txt")) | PLURAL_QUANTIFIERS
        | instruments | indefinites,
        instruments=instruments,
        indefinites=indefinites,
        boundaries=frozenset(sections["words"]),
        name_prefixes=frozenset(sections["name_prefixes"]),
        title_words=frozenset(head_table.vocabulary | markers.vocabulary | not_office.vocabulary),
    )


@dataclass(frozen=True)
class Title:
    """Where the markers and the head of an OFFICE mention lie (token indices into the Doc)."""
    start: int
    head_start: int
    head_end: int
    flags: frozenset[str]


def is_capitalised(token: Token) -> bool:
    return capitalised(token.text)


def capitalised(text: str) -> bool:
    return text[:1].isupper()


def is_title_case(doc: Doc) -> bool:
    """A headline: short, no sentence-final full stop, nearly every content word capitalised.
    In headlines capitals say nothing about names, so plain capitalised words do not extend a qualifier."""
    if len(doc) > 40:
        return False
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    if len(words) < 4 or doc[-1].text in {",", ";"} or any(t.text == "." for t in doc):
        return False
    return sum(is_capitalised(t) for t in words) / len(words) >= 0.75


def bracket_abbreviation_end(doc: Doc, i: int, keys: list[str]) -> int:
    """End (exclusive) of a bracketed abbreviation `(Pjs)`, `(Kukar)`, `(Pj Sekda)` starting at token i, else 0.
    A bracket with anything longer (`(Staf Ahli Bupati Bidang …)`) is a different phrase, not an abbreviation."""
    if i >= len(doc) or doc[i].text != "(":
        return 0
    lex = lexicon()
    for close in range(i + 2, min(i + 5, len(doc))):
        if doc[close].text != ")":
            continue
        inner = doc[i + 1:close]
        if len(inner) == 1:
            token = inner[0]
            ok = token.text[:1].isupper() and token.text[:1].isalpha() and len(token.text) <= 15
        else:
            ok = all(k in lex.title_words or t.text.isupper() for t, k in zip(inner, keys[i + 1:close]))
        return close + 1 if ok and not any(t.ent_type_ == "PERSON" for t in inner) else 0
    return 0


def regional_head_ends_at(doc: Doc, keys: list[str], i: int, level: str = "region") -> bool:
    """Whether a title whose jurisdiction is a province, kabupaten or kota (`region` in office_heads.txt; `district`:
    a kecamatan) ends right before token i (`Wakil Bupati` + i)."""
    for j in range(max(0, i - 4), i):
        title = read_title(doc, j, keys)
        if title is not None and title.head_end == i and level in title.flags:
            return True
    return False


def read_title(doc: Doc, i: int, keys: list[str]) -> Title | None:
    """Markers and head starting at token i (with their bracketed abbreviations), or None."""
    lex = lexicon()
    j = i
    while j < len(doc):
        n, _ = lex.markers.match(keys, j)
        if not n:
            break
        j += n
        if j < len(doc) and doc[j].text == "." and not doc[j - 1].whitespace_:
            j += 1  # `Plh.` tokenised as `Plh` + `.`
        j = bracket_abbreviation_end(doc, j, keys) or j
    n, flags = lex.heads.match(keys, j)
    if not n:
        return None
    return Title(i, j, j + n, flags)


class _OfficeReader:
    """Reads OFFICE mentions off one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex = lexicon()
        self.gaz = gazetteer()
        self.texts = token_texts(doc)
        self.keys = doc_token_keys(doc)
        ents = doc.ents
        self.ent_starting = {e.start: e for e in ents}
        self.ent_of: list[Span | None] = [None] * len(doc)
        for ent in ents:
            for k in range(ent.start, ent.end):
                self.ent_of[k] = ent
        self.headline = is_title_case(doc)

    def offices(self) -> list[Span]:
        found = []
        i = 0
        while i < len(self.doc):
            # An office opens with a marker or a head word: other tokens need no closer look.
            opener = self.lex.markers.opens(self.keys[i]) or self.lex.heads.opens(self.keys[i])
            span = self.office_at(i) if opener else None
            if span is None:
                i += 1
            else:
                span._.source = SOURCE
                found.append(span)
                i = span.end
        return found

    def office_at(self, i: int) -> Span | None:
        doc, lex = self.doc, self.lex
        if lex.not_office.match(self.keys, i)[0]:
            return None
        title = read_title(doc, i, self.keys)
        if title is None or lex.not_office.match(self.keys, title.head_start)[0]:
            return None
        if any(self.ent_of[k] is not None and self.ent_of[k].label_ == "PERSON" for k in range(i, title.head_end)):
            return None
        end, has_qualifier = self.qualifier(title)
        if has_qualifier:
            if "capital" in title.flags and not is_capitalised(doc[i]) and not (
                    self.holder_at(end) and is_capitalised(doc[title.head_end])):
                return None  # a member noun in lower case is any member, unless a named body's member is named after
        elif not ("anycase" in title.flags or (is_capitalised(doc[title.head_start])
                                               and ("bare" in title.flags or self.holder_at(end)))):
            # A bare title stands for one holder when its head is capitalised (`Pj bupati` is any); any title
            # does when its holder's name follows (`ujar Hakim Konstitusi, M Guntur Hamzah`).
            return None
        if self.blocked(i, title, end) or self.distributive(end) or self.alternative(i, end):
            return None
        return Span(doc, i, end, label="OFFICE")

    def holder_beside(self, k: int, end: int) -> bool:
        """A PERSON named beside the phrase that opens at token k and ends at `end`: right after it (`holder_at`), or
        right before it with a comma (`Kaleb Elevensi, salah seorang Komisioner KPU Melawi`, `salah` included; name
        words the NER left out of the PERSON may stand between)."""
        if self.holder_at(end):
            return True
        k -= k > 0 and self.keys[k - 1] == "salah"
        if k < 2 or self.keys[k - 1] != ",":
            return False
        q = k - 2
        while q > 0 and self.ent_of[q] is None and self.texts[q].istitle() and self.texts[q].isalpha():
            q -= 1
        return self.ent_of[q] is not None and self.ent_of[q].label_ == "PERSON"

    def holder_at(self, q: int) -> bool:
        """A PERSON mention starts at token q, or right after a comma there."""
        q += q < len(self.doc) and self.doc[q].text == ","
        ent = self.ent_starting.get(q)
        return ent is not None and ent.label_ == "PERSON"

    def qualifier(self, title: Title) -> tuple[int, bool]:
        """End of the jurisdiction/agency after the head, and whether there is one (brackets alone do not count)."""
        doc, lex, keys = self.doc, self.lex, self.keys
        head_ent = self.ent_of[title.head_end - 1]
        end = q = title.head_end
        has_qualifier = closed = complete = last_was_ent = False
        field_list = keys[title.head_end - 1] in _FIELD_HEADS
        closing_dan = None
        limit = len(doc)
        if head_ent is not None and head_ent.label_ != "PERSON":
            if head_ent.start < title.head_start:
                limit = head_ent.end  # a head inside an ORG/PLACE (`Kantor Bupati`) ends with it
            else:
                q = end = head_ent.end  # the head's last word opens the agency (`Kepala` + `Dinas Pendidikan`)
                has_qualifier = closed = last_was_ent = True
        while q < limit:
            token, key = doc[q], keys[q]
            if complete and token.text != "(" and not lex.agencies.match(keys, q)[0]:
                break  # only a bracketed abbreviation or another agency (`RI`) follows a minister's portfolio
            first = q == title.head_end
            ent = self.ent_starting.get(q)
            if ent is not None and ent is not head_ent:
                if ent.label_ == "PERSON" or ent.end > limit:
                    break
                if first and "region" in title.flags and ent.label_ == "PLACE" and not self.gaz.holds_region(
                        self.texts[ent.start:ent.end], ent.text):
                    break  # a regional head's jurisdiction is a known region: this is its holder's name
                q = end = ent.end
                has_qualifier = closed = last_was_ent = True
                continue
            if self.ent_of[q] is not None and self.ent_of[q] is not head_ent:
                break  # never enter an entity in its middle
            if token.text == "(":
                after = bracket_abbreviation_end(doc, q, keys)
                if not after:
                    break
                q = end = after
                continue
            last_was_ent = last_was_ent and token.text in "()"
            n, _ = lex.agencies.match(keys, q)
            if n and (is_capitalised(token) or not self.headline):
                q = end = q + n
                has_qualifier = True
                complete = "portfolio" in title.flags
                continue
            if key in lex.boundaries or key in lex.name_prefixes or self.initial_of_name(q, limit):
                break
            n, closes = self.region_at(q, limit, first and "place" in title.flags,
                                       first and "place" in title.flags and "village" not in title.flags)
            if n and closed and not closes:
                n = 0  # after its jurisdiction a title takes no second bare region: `Bupati Kukar Bambang` is a name
            if n:
                q = end = q + n
                has_qualifier = True
                closed = closed or closes
                continue
            if first and "of_office" in title.flags:
                n, flags = lex.heads.match(keys, q)
                if n and flags & {"bare", "anycase"}:
                    q = end = q + n
                    has_qualifier = True
                    continue
            n = self.unit_designation(q, limit)
            if n:
                q = end = q + n
                has_qualifier = True
                continue
            if closed and key in _SUBUNIT_WORDS and not self.headline and is_capitalised(token) \
                    and q + 1 < limit and is_capitalised(doc[q + 1]) and self.ent_of[q + 1] is None:
                closed = False  # the field's name is read as plain capitalised words
            plain_ok = not self.headline and not closed and not self.starts_title(q)
            if plain_ok and has_qualifier and token.is_digit and doc[q - 1].text.isupper() and q + 1 < limit \
                    and is_capitalised(doc[q + 1]):
                q = end = q + 1  # a numbered unit: `Kepala SMKN 1 Tenggarong`, `Ketua RT 05 Sukamaju`
                continue
            if first and token.is_digit and q + 1 < limit and self.region_at(q + 1, limit, False, True)[0]:
                q = end = q + 1  # a unit head's unit number before its region: `Dandim 1705 Nabire`
                continue
            if plain_ok and first and "region" in title.flags:
                break  # after a regional head, a capitalised word that names no region and no body is a name
            if plain_ok and is_capitalised(token) and token.text[:1].isalpha():
                if field_list and closing_dan is not None and q > closing_dan + 1 and not is_common_word(token.text):
                    break  # `Bidang Pemerintahan, Hukum dan Politik` + `Sulkan`: no field is named by a name
                field_list = field_list or key in _FIELD_WORDS
                q = end = q + 1
                has_qualifier = True
                continue
            if plain_ok and key in {"dan", "&"} and has_qualifier and not last_was_ent and self.joins_name(q + 1, limit):
                closing_dan = q
                q += 1
                continue
            if plain_ok and token.text == "," and field_list and self.list_continues(q + 1, limit):
                q += 1
                continue
            break
        return end, has_qualifier

    def region_at(self, q: int, limit: int, lowercase_ok: bool, jurisdiction_slot: bool) -> tuple[int, bool]:
        """(length, closes) of a region mention at token q. A region of kabupaten level or above, a typed one
        (`Kabupaten X`), a press abbreviation, or any region right after a territorial head (`Camat Loa Kulu`)
        is a jurisdiction and closes the qualifier. Elsewhere an untyped name known only as a kecamatan is often
        also a word or a village (`Sumber Daya`, `Kades Tanjung Garbus II`): where plain capitalised words are
        read anyway it counts as one of them (0); in headlines and lower case it is taken as the jurisdiction."""
        token = self.doc[q]
        if not (is_capitalised(token) or lowercase_ok):
            return 0, False
        n = self.gaz.longest_match(self.texts[q:limit])
        if not n:
            return 0, False
        surface = " ".join(self.texts[q:q + n])
        regions = self.gaz.candidates(surface)
        jurisdiction = (jurisdiction_slot or self.gaz.is_abbreviation(surface) or token.lower_.rstrip(".") in TYPE_WORDS
                        or any(r.kind != KECAMATAN for r in regions))
        if jurisdiction or self.headline or not is_capitalised(token):
            return n, True
        return 0, False

    def ends_with_region(self, span: Span) -> bool:
        """Whether a span ends with a region mention (a PLACE entity or words the gazetteer knows)."""
        last = self.ent_of[span.end - 1]
        return (last is not None and last.label_ == "PLACE" and last.end == span.end) or any(
            self.gaz.longest_match(self.texts[k:span.end]) == span.end - k for k in range(span.start + 1, span.end))

    def unit_designation(self, q: int, limit: int) -> int:
        """Length of a unit's number, slash and name at token q (`Pangdam XVII/Cenderawasih`, `Dandim 0906/Kkr`);
        0 if there is none. The name may be an entity of its own (not a PERSON)."""
        if not (q + 2 < limit and is_unit_designation(self.doc, q)):
            return 0
        ent = self.ent_starting.get(q + 2)
        if ent is not None:
            return ent.end - q if ent.label_ != "PERSON" and ent.end <= limit else 0
        return 3 if self.ent_of[q + 2] is None else 0

    def initial_of_name(self, q: int, limit: int) -> bool:
        """`M Rifa'i`, `M. Irfansyah`: a one-letter initial opening a name (roman numerals I, V, X are unit numbers)."""
        letter = self.texts[q].rstrip(".")
        return (len(letter) == 1 and letter.isupper() and letter not in "IVX"
                and q + 1 < limit and is_capitalised(self.doc[q + 1]))

    def starts_title(self, q: int) -> bool:
        return bool(self.lex.heads.match(self.keys, q)[0] or self.lex.markers.match(self.keys, q)[0])

    def joins_name(self, q: int, limit: int) -> bool:
        """`dan` inside a name (`Masyarakat dan Gampong`), not between two offices or two organisations."""
        if q >= limit:
            return False
        token = self.doc[q]
        return (is_capitalised(token) and token.text[:1].isalpha() and q not in self.ent_starting
                and self.ent_of[q] is None and not self.starts_title(q) and not self.lex.agencies.match(self.keys, q)[0]
                and not (token.text.isupper() and len(token.text) > 1)  # `… dan UPT`: another body
                and self.keys[q] not in self.lex.boundaries and self.keys[q] not in self.lex.name_prefixes)

    def list_continues(self, q: int, limit: int) -> bool:
        """After a comma in a field list: more capitalised words and commas, closed by `dan` + a capitalised word."""
        while q < limit:
            token = self.doc[q]
            if token.text == "," or (is_capitalised(token) and token.text[:1].isalpha() and self.ent_of[q] is None):
                q += 1
            elif self.keys[q] in {"dan", "&"}:
                return self.joins_name(q + 1, limit)
            else:
                return False
        return False

    def blocked(self, i: int, title: Title | None = None, end: int = 0) -> bool:
        """A candidacy, election, regulation or plural word before the title, possibly across coordinated
        titles (with commas between titles), brackets, a ticket's hyphen and ballot number
        (`Bakal Calon (bacalon) Bupati dan Wakil Bupati`, `Pilkada Gubernur, Wakil Gubernur, dan Bupati`).
        A legal instrument does not block the act of a national office (`national_act`) when the title is known."""
        k = i - 1
        while k >= 0:
            key = self.keys[k]
            if key in self.lex.indefinites:
                return not self.holder_beside(k, end)
            if key in self.lex.blockers:
                return not (key in self.lex.instruments and title is not None and self.national_act(key, title, end))
            if key.isdigit() or _ORDINAL_COLLECTIVE.match(key):
                return True  # `5 Kades`, `kelima Kades`, `6 Penjabat Sementara (Pjs) Bupati dan Wali Kota`
            if key == ")" and self.abbreviated_blocker(k):
                return True  # `Perselisihan Hasil Pemilihan Umum (PHPU) Bupati dan Wakil Bupati`
            if key in _COORDINATION or key in self.lex.title_words or key in _TICKET_WORDS or self.ballot_number(k) \
                    or self.hyphened_titles(k) \
                    or (key == "," and k > 0 and self.keys[k - 1] in self.lex.title_words):  # a list of titles
                k -= 1
                continue
            return False
        return False

    def national_act(self, instrument: str, title: Title, end: int) -> bool:
        """`Keputusan Menteri Dalam Negeri Nomor …`, `Peraturan Mendagri`: the act of a national office is one
        specific office's act, so the office is an OFFICE (as dev's `surat edaran mendagri` is),
        unless the phrase is a kind of legislation, written with its own abbreviation (`Instruksi Presiden
        (Inpres)`); a regional head's or a rector's regulation (`Peraturan Bupati`) stays a kind."""
        national = bool(title.flags & {"anycase", "portfolio"})
        abbreviated = any(self.keys[k] == "(" and self.keys[k + 2] == ")" and self.keys[k + 1].startswith(instrument[:2])
                          for k in range(title.head_end, min(end + 1, len(self.doc) - 2)))
        return national and not abbreviated

    def abbreviated_blocker(self, close: int) -> bool:
        """A phrase with a blocker (no legal instrument: `Surat Keputusan (SK) Gubernur` is the holder's act) among
        its last three words, then its bracketed abbreviation closing at `close`."""
        opening = next((j for j in range(close - 1, max(-1, close - 5), -1) if self.keys[j] == "("), None)
        return opening is not None and any(key in self.lex.blockers and key not in self.lex.instruments
                                           for key in self.keys[max(0, opening - 3):opening])

    def _acronym(self, q: int) -> bool:
        return self.texts[q].isupper() and self.texts[q].isalpha()

    def alternative(self, i: int, end: int) -> bool:
        """`Bupati/Wali Kota`: either title, the category of holders, not one office."""
        before = self.keys[i - 1] if i >= 1 else ""
        return (end + 1 < len(self.doc) and self.keys[end] == "/" and read_title(self.doc, end + 1, self.keys) is not None
                ) or (before == "/" and i >= 2 and self.keys[i - 2] in self.lex.title_words
                      ) or (before.endswith("/") and before[:-1] in self.lex.title_words)  # `Bupati/` kept as one token

    def hyphened_titles(self, k: int) -> bool:
        """A ticket's titles the tokenizer keeps as one word (`bupati-wakil` + `bupati`, `Kota-Wakil` + `Wali Kota`)."""
        parts = _TICKET_HYPHEN.split(self.keys[k])
        return len(parts) > 1 and all(part in self.lex.title_words for part in parts)

    def ballot_number(self, k: int) -> bool:
        """The number or the full stop of `No. 01`, `nomor urut 2` (not a year or a sentence's end)."""
        return (self.keys[k].isdigit() or self.keys[k] == ".") and any(
            key in _TICKET_WORDS for key in self.keys[max(0, k - 2):k])

    def distributive(self, end: int) -> bool:
        """`camat se-Lampung Utara`, `Ketua RT, RW dan Lurah se Kota X`: every holder of the titles in a region,
        not one office (across the titles listed after it)."""
        q = end
        while q + 1 < len(self.doc):
            key = self.keys[q]
            if key == "se":
                following = self.doc[q + 1]
                return following.text == "-" or (following.text[:1].isupper() and following.is_alpha)
            if (key in _COORDINATION and key not in {"(", ")"}) or key in self.lex.title_words or self._acronym(q) or (
                    key == "," and (self.keys[q + 1] in self.lex.title_words or self._acronym(q + 1))):
                q += 1  # the list goes on: titles, and the bodies or units of titles left implicit (`Ketua RT, RW`)
                continue
            return False
        return False


def find_offices(doc: Doc) -> list[Span]:
    """OFFICE spans of a Doc whose `doc.ents` hold the NER's PERSON/PLACE/ORG entities."""
    return _OfficeReader(doc).offices()


def office_title(span: Span, keys: list[str] | None = None) -> Title | None:
    """Markers and head of an OFFICE span, so callers can tell the title from its jurisdiction.
    `keys` are the Doc's `token_key`s when the caller has them already."""
    keys = keys if keys is not None else [token_key(t.text) for t in span.doc]
    return read_title(span.doc, span.start, keys)


def model_offices(doc: Doc) -> list[Span]:
    """The trained span categorizer's OFFICE proposals (pipeline.extract.office_model), checked against the
    lexicon reader and made non-overlapping, the highest-scoring span first:
    - a span opens no earlier than a PERSON ends, and stops before a PERSON that starts inside it (an office
      stops before its holder's name); acting markers written right before it are added (`Pj.` + `Gubernur`);
    - a span that runs on into another title after a comma, a bracket or a conjunction is several offices
      (`Direktur Krimum, Dansat Brimob`, `Ketua dan Komisioner KPU Kalbar`);
    - where the reader knows the title at the span's start, its verdict counts: no office when it rejects the
      title in context (a generic `Kades`, `Kepala OPD`, `calon Bupati`), and its reading when the model stopped
      at the bare title or its bracketed abbreviation (`Wali Kota` + `Pematang Siantar`) or inside the region
      the reader takes as the jurisdiction (`Camat Loa` + `Janan`).
    The model decides where the lexicon cannot: titles it does not know and the extent of long qualifiers."""
    group = doc.spans.get(OFFICE_MODEL_KEY)
    if not group:
        return []
    scores = group.attrs.get("scores")
    reader = _OfficeReader(doc)
    keys = reader.keys
    order = sorted(range(len(group)), key=lambda k: (-float(scores[k]), group[k].start, -len(group[k])))
    taken: list[Span] = []
    for k in order:
        start, end = group[k].start, group[k].end
        if doc[start].ent_type_ == "PERSON":
            continue
        person = next((t.i for t in doc[start:end] if t.ent_type_ == "PERSON"), None)
        end = _trimmed_end(doc, start, person if person is not None else end)
        start = _with_markers_before(keys, start)
        for s, e in _split_at_titles(doc, keys, start, end):
            checked = _checked_by_lexicon(reader, s, e)
            if checked is None or any(checked[0] < t.end and t.start < checked[1] for t in taken):
                continue
            span = Span(doc, checked[0], checked[1], label="OFFICE")
            span._.source = MODEL_SOURCE
            taken.append(span)
    return sorted(taken, key=lambda span: span.start)


def _trimmed_end(doc: Doc, start: int, end: int) -> int:
    """End without trailing punctuation; a closing bracket stays only if the span opened it."""
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text != ")"
                           or (doc[end - 1].text == ")" and not any(t.text == "(" for t in doc[start:end - 1]))):
        end -= 1
    return end


def _checked_by_lexicon(reader: "_OfficeReader", start: int, end: int) -> tuple[int, int] | None:
    title = read_title(reader.doc, start, reader.keys)
    if title is None:  # a title the lexicon does not know: the model's call, unless its context rules out any office
        return None if reader.blocked(start) else (start, end)
    ruled = reader.office_at(start)
    if ruled is None:
        return None  # the lexicon knows the title and rejects it here
    bare_end = bracket_abbreviation_end(reader.doc, title.head_end, reader.keys) or title.head_end
    if "portfolio" in title.flags and title.head_end < ruled.end < end:
        return start, ruled.end  # a minister's office ends with the portfolio: the model ran on into the holder
    if ruled.end > end and (end <= bare_end or reader.gaz.candidates(reader.doc[bare_end:ruled.end].text)):
        return start, ruled.end  # the model stopped at the title, or inside the region that is its jurisdiction
    if ruled.end > end and reader.keys[end] in _SUBUNIT_WORDS:
        return start, ruled.end  # the model stopped before the office's field (`Komisioner KPU X` + `Divisi Hukum`)
    if ruled.end > end and bracket_abbreviation_end(reader.doc, end, reader.keys) == ruled.end:
        return start, ruled.end  # the model stopped before the abbreviation that closes the office (`… (Tala)`)
    if ruled.end < end and _holder_opens_at(reader, title, ruled):
        return start, ruled.end  # the model ran on into the holder's rank or name
    if ruled.end < end and reader.keys[ruled.end] in reader.lex.boundaries and reader.texts[ruled.end][:1].isupper():
        return start, ruled.end  # the model ran on past a word that ends any qualifier (`Bupati Kampar` + `Lantai III`)
    after = ruled.end + 1
    if end > after and reader.keys[ruled.end] in _TITLE_BREAKS and (
            after in reader.ent_starting or read_title(reader.doc, after, reader.keys) is not None):
        return start, ruled.end  # the model ran on over `dan` or a comma into the next item of a list
    return start, end


def _holder_opens_at(reader: "_OfficeReader", title: Title, ruled: Span) -> bool:
    """The token right after the reader's office opens its holder: a rank or honorific (`Kapolres` + `AKBP`), or a
    capitalised word that no entity covers, that names no region and no body, after an office that ends with its
    region (`Kepala BPS Aceh` + `Ahmadriswan`) or after a regional head, whose jurisdiction the gazetteer knows
    in full (`Wakil Bupati` + `Bakhtiar`)."""
    k = ruled.end
    token, key = reader.doc[k], reader.keys[k]
    if token.ent_type_:
        return False
    if key in reader.lex.name_prefixes:
        return True
    return (("region" in title.flags or reader.ends_with_region(ruled)) and token.is_title and token.is_alpha
            and key not in TYPE_WORDS and key not in reader.lex.title_words and key not in reader.lex.boundaries
            and not reader.lex.agencies.match(reader.keys, k)[0]
            and not reader.gaz.candidates(token.text) and not reader.gaz.is_abbreviation(token.text))


def _with_markers_before(keys: list[str], start: int) -> int:
    """Start of an office moved back over acting/deputy markers written right before it (`Pj.` + `Gubernur`)."""
    markers = lexicon().markers
    moved = True
    while moved:
        moved = False
        dot = 1 if start > 0 and keys[start - 1] == "." else 0  # `Plh` + `.` where tokenised apart
        for n in range(1, 4):
            if start - dot - n >= 0 and markers.match(keys, start - dot - n)[0] == n:
                start, moved = start - dot - n, True
                break
    return start


_TITLE_BREAKS = {",", "(", "dan", "serta", "&", ";", "/"}


def _split_at_titles(doc: Doc, keys: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span where a comma, bracket or conjunction is followed by another title (a bracketed abbreviation
    of the same title, `Kepala Seksi (Kasi)`, is no new title)."""
    pieces = []
    s = start
    for k in range(start + 1, end - 1):
        if keys[k] in _TITLE_BREAKS and k >= s + 1 and read_title(doc, k + 1, keys) is not None \
                and not (keys[k] == "(" and bracket_abbreviation_end(doc, k, keys)):
            e = _trimmed_end(doc, s, k)
            if e > s:
                pieces.append((s, e))
            s = k + 1
    e = _trimmed_end(doc, s, end)
    if e > s:
        pieces.append((s, e))
    return pieces


def combined_offices(doc: Doc) -> list[Span]:
    """The model's OFFICE spans, and the lexicon reader's where the model proposes none that overlaps."""
    learned = model_offices(doc)
    ruled = [span for span in find_offices(doc) if not any(span.start < m.end and m.start < span.end for m in learned)]
    return sorted(learned + ruled, key=lambda span: span.start)


class OfficeRuler:
    """spaCy component: writes `doc.spans["OFFICE"]`."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[OFFICE_KEY] = combined_offices(doc)
        return doc


@Language.factory("office_ruler")
def make_office_ruler(nlp: Language, name: str) -> OfficeRuler:
    return OfficeRuler()
