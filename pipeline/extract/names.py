"""Article-level consistency of person names, between the NER and the office/place components.

A name the NER recognises once in an article (`Suyuti Syamsul`) is often missed in its short
repeat mentions (`kata Suyuti`), taken for a place, or swallowed by the organisation before it
(`Kepala Dinas Pendidikan Sumsel Sutoko`). The paragraphs of an article are processed together:
a run of capitalised tokens made only of words of the article's PERSON mentions becomes a PERSON
mention, relabelling an entity that covers exactly the run, cutting it off the end of an entity
that swallowed it, or filling a gap where there was none; a run right next to a PERSON mention
joins it (`Putri Nurjannah` + `Kurita`).

Election news names a candidate pair with a hyphen (`Edi Kamtono-Bahasan`, `Jhon Tabo-Ones
Pahabol`): when one side of a hyphen glued between capitalised words is a person, the
capitalised words on the other side are the running mate.

A ticket's short name in capitals (`Ratu Dewa-Prima Salam (RDPS)`, `pasangan MARI-YO`, `Tim YSK-Victory`) names
neither a person nor an organisation: entities made only of its words are dropped throughout the article. A
nickname in it stays (`(Mulia-PAS)`: `Mulia` is Made Muliawan's).
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from pipeline.extract.entity_rules import (BYLINE_ROLES, CLAUSE_ENDS, ORG_ACRONYMS, PERSON_PREFIXES,
                                           PLACES_BEYOND_REGIONS, STOPLIST, join_adjacent_persons, opens_sentence)
from pipeline.extract.offices import is_title_case, lexicon as office_lexicon, token_key
from pipeline.extract.regions import gazetteer, is_unmistakable_region
from pipeline.extract.spans import closing_bracket, token_texts

SOURCE = "names"


def name_words(docs: list[Doc]) -> set[str]:
    """Words of the article's PERSON mentions that can stand for the person on their own."""
    titles = office_lexicon().title_words  # `Bupati`, `Pj`: never a name on their own
    words = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            for tok in ent:
                text = tok.text
                # Capitals-only words (`ASN` in a mis-tagged `Wattimena ASN`) are acronyms far more
                # often than names: spreading them would turn one NER error into dozens.
                if (len(text) >= 3 and text[:1].isupper() and tok.is_alpha and not text.isupper()
                        and text.lower() not in PERSON_PREFIXES and token_key(text) not in titles
                        and text.lower() not in STOPLIST and not is_unmistakable_region(text)):
                    words.add(text)
    return words


def propagate_names(docs: list[Doc]) -> None:
    """Apply the article's person names to all its paragraphs (docs are changed in place)."""
    tickets = set().union(*(_ticket_names(doc, token_texts(doc)) for doc in docs))
    _drop_ticket_names(docs, tickets)
    _headline_persons(docs)
    texts = [token_texts(doc) for doc in docs]
    lowercase = {text.lower() for doc_texts in texts for text in doc_texts if text.islower()}
    words = name_words(docs)
    for doc, doc_texts in zip(docs, texts):
        before = list(doc.ents)
        ents = _pair_persons(doc, doc_texts, list(before), words, lowercase)
        if ents != before:
            doc.ents = ents
    words = name_words(docs)  # now with the running mates
    for doc, doc_texts in zip(docs, texts):
        before = list(doc.ents)
        ents = join_adjacent_persons(doc, _name_runs(doc, doc_texts, list(before), words, lowercase))
        if ents != before:
            doc.ents = ents
    _split_pair_shorthands(docs)
    _drop_ticket_names(docs, tickets)  # a running mate found beside a nickname (`YSK-Victory`) is none


_PAIR_JOINERS = {"dan", "&", "-", "–", "—"}
_TICKET_WORDS = {"pasangan", "paslon"}  # + the ticket's short name
_TEAM_WORDS = {"tim", "kubu"}  # + a short name written as a pair (`Tim YSK-Victory`)


def _drop_ticket_names(docs: list[Doc], names: set[str]) -> None:
    if not names:
        return
    for doc in docs:
        texts = token_texts(doc)
        kept = [e for e in doc.ents
                if not all(texts[k] in names or texts[k] in _PAIR_JOINERS for k in range(e.start, e.end))]
        if len(kept) < len(doc.ents):
            doc.ents = kept


def _ticket_names(doc: Doc, texts: list[str]) -> set[str]:
    """The capitalised acronyms of the ticket short names a paragraph defines: in brackets right after a candidate
    pair (a PERSON, a joiner and the running mate's capitalised words), after `pasangan`/`paslon` (an acronym no
    body has) and after `tim`/`kubu` (two names joined by a hyphen)."""
    found = set()
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    for i, text in enumerate(texts):
        if text == "(":
            close = closing_bracket(texts, i)
            words = [w for w in texts[i + 1:close] if w not in _PAIR_JOINERS] if close else []
            if words and all(_short_name_word(w) for w in words) and _after_pair(texts, persons, i):
                found.update(w for w in words if w.isupper())
        elif i and texts[i - 1].lower() in _TICKET_WORDS and _short_name_word(text) and text.isupper():
            found.add(text)
            if i + 2 < len(texts) and texts[i + 1] in _PAIR_JOINERS and texts[i + 2].isupper() \
                    and _short_name_word(texts[i + 2]):
                found.add(texts[i + 2])
        elif i and texts[i - 1].lower() in _TEAM_WORDS and text.isupper() and _short_name_word(text) \
                and i + 2 < len(texts) and texts[i + 1] in _PAIR_JOINERS and _short_name_word(texts[i + 2]):
            found.add(text)
    return found


def _short_name_word(word: str) -> bool:
    return (word.isalpha() and word[:1].isupper() and len(word) >= 2 and word not in ORG_ACRONYMS
            and word.lower() not in STOPLIST and not gazetteer().is_abbreviation(word))


def _after_pair(texts: list[str], persons: list[Span], bracket: int) -> bool:
    """A PERSON, a joiner and capitalised words (the running mate, tagged or not) end right before the bracket."""
    k = bracket
    while k > 0 and texts[k - 1][:1].isupper() and texts[k - 1] not in _PAIR_JOINERS:
        k -= 1
    return k < bracket and k > 1 and texts[k - 1] in _PAIR_JOINERS and any(p.end == k - 1 for p in persons)


def _headline_persons(docs: list[Doc]) -> None:
    """In a Title Case headline capitals say nothing about names, and the NER takes in the verbs and labels beside
    a name (`Norsan-Krisantus Menangkan Pilgub`, `Jadi Wali Kota Terpilih`): there a PERSON keeps only the words up
    to the last one the article's PERSON mentions outside headlines use. The article's first line, when it is
    such a headline and no credit line (`Penulis: …`), also loses the persons that use none of them; other Title
    Case lines opening with a capital (the title repeated under the page's menu, related stories, but also
    captions and bylines) only lose the words after the known ones. An article whose other lines name nobody
    keeps its headline persons."""
    is_headline = [is_title_case(doc) and doc[0].text[:1].isupper() and not any(tok.lower_ in BYLINE_ROLES for tok in doc)
                   for doc in docs]
    if not any(is_headline):
        return
    known = {tok.lower_ for doc, headline in zip(docs, is_headline) if not headline
             for ent in doc.ents if ent.label_ == "PERSON" for tok in ent}
    if not known:
        return
    for n, headline in enumerate(docs):
        if not is_headline[n]:
            continue
        ents = []
        for ent in headline.ents:
            if ent.label_ == "PERSON":
                end = ent.end
                while end > ent.start and headline[end - 1].lower_ not in known:
                    end -= 1
                if end == ent.start and n == 0:
                    continue
                ent = ent if end in (ent.end, ent.start) else _person(headline, ent.start, end)
            ents.append(ent)
        if ents != list(headline.ents):
            headline.ents = ents


def _split_pair_shorthands(docs: list[Doc]) -> None:
    """`Lisa Wartono` for the ticket of `Lisa Halaby` and `Wartono`: a two-word PERSON mention the article
    writes more than once, whose first word starts another of its names (`Lisa Halaby`) and whose second
    word is a person of its own there (a mention holding it without the first word), is the pair's
    shorthand: two mentions. (Written once, such a name is as likely a person sharing common first names:
    `Zainal Arifin` beside `Zainal Abidin` and `Arifin Tasrif`.)"""
    persons = [[tok.text for tok in ent] for doc in docs for ent in doc.ents if ent.label_ == "PERSON"]
    written = Counter(tuple(words) for words in persons)
    seconds: dict[str, set[str]] = {}  # first word of a longer name -> the words after it
    for words in persons:
        if len(words) >= 2:
            seconds.setdefault(words[0], set()).add(words[1])

    def is_shorthand(first: str, second: str) -> bool:
        return (written[first, second] > 1 and bool(seconds.get(first, set()) - {second})
                and any(second in words and first not in words for words in persons))

    for doc in docs:
        ents = list(doc.ents)
        split = [ent for ent in ents if ent.label_ == "PERSON" and len(ent) == 2 and ent[0].is_alpha
                 and ent[1].is_alpha and is_shorthand(ent[0].text, ent[1].text)]
        if split:
            ents = [e for e in ents if e not in split]
            ents += [_person(doc, i, i + 1) for ent in split for i in (ent.start, ent.start + 1)]
            doc.ents = sorted(ents, key=lambda s: s.start)


def _name_runs(doc: Doc, texts: list[str], ents: list[Span], words: set[str], lowercase: set[str]) -> list[Span]:
    owner = {i: n for n, ent in enumerate(ents) for i in range(ent.start, ent.end)}
    i = 0
    while i < len(doc):
        if texts[i] not in words or (i in owner and ents[owner[i]].label_ == "PERSON"):
            i += 1
            continue
        j = i
        while j < len(doc) and texts[j] in words:
            j += 1
        # A lone name word opening a sentence may be an ordinary capitalised word, unless it is
        # no stop word and the article never writes it in lower case.
        if j - i == 1 and opens_sentence(texts, i, CLAUSE_ENDS) and (
                doc[i].is_stop or doc[i].text.lower() in lowercase):
            i = j
            continue
        # A run that names a region (`Lombok Tengah` from a mis-tagged `Jubir Banggar DPRD Lombok Tengah`), an
        # island or a country is the place: one NER error must not turn every mention of it into a person.
        if is_unmistakable_region(doc[i:j].text) or doc[i:j].text in PLACES_BEYOND_REGIONS:
            i = j
            continue
        covering = {owner[k] for k in range(i, j) if k in owner}
        if not covering:
            ents.append(_person(doc, i, j))
        elif len(covering) == 1:
            n = covering.pop()
            ent = ents[n]
            if ent.start == i and ent.end == j:
                ents[n] = _person(doc, i, j)
            elif ent.start < i and ent.end == j and ent.label_ in ("ORG", "PLACE"):
                ents[n] = Span(doc, ent.start, i, label=ent.label)
                ents.append(_person(doc, i, j))
        i = j
    return sorted(ents, key=lambda s: s.start)


_MAX_NAME_WORDS = 4


def _is_name_token(token) -> bool:
    text = token.text
    return (token.is_alpha and text[:1].isupper() and text.lower() not in PERSON_PREFIXES
            and token_key(text) not in office_lexicon().title_words)


def _capitalised_run(doc: Doc, first: int, step: int, lowercase: set[str]) -> tuple[int, int]:
    """[start, end) of the capitalised name words from token `first` (the one at the hyphen) going
    in direction `step`; past the first, a word the article also writes in lower case ends the run
    (`Pasangan Edi-Bahasan`)."""
    i = first
    while (0 <= i < len(doc) and abs(i - first) < _MAX_NAME_WORDS and _is_name_token(doc[i])
           and (i == first or doc[i].text.lower() not in lowercase)):
        i += step
    return (i + 1, first + 1) if step < 0 else (first, i)


def _pair_persons(doc: Doc, texts: list[str], ents: list[Span], words: set[str], lowercase: set[str]) -> list[Span]:
    """`Edi Kamtono-Bahasan`: the capitalised side of a glued hyphen next to a person is a person."""
    persons_ending = {e.end: e for e in ents if e.label_ == "PERSON"}
    persons_starting = {e.start: e for e in ents if e.label_ == "PERSON"}
    # Mentions a running mate's name does not run into: bodies, and places that name a region (a PLACE
    # the NER made of an unknown name may be the mate: `Edi Kamtono-Bahasan`).
    placed = {i for e in ents if e.label_ == "ORG" or (e.label_ == "PLACE" and is_unmistakable_region(e.text))
              for i in range(e.start, e.end)}
    for h in range(1, len(doc) - 1):
        if texts[h] != "-" or doc[h - 1].whitespace_ or doc[h].whitespace_:
            continue
        left = persons_ending.get(h)
        right = persons_starting.get(h + 1)
        if left is not None and right is not None:
            continue
        left_run = _off_places(_capitalised_run(doc, h - 1, -1, lowercase), placed, keep_end=True)
        right_run = _off_places(_capitalised_run(doc, h + 1, 1, lowercase), placed, keep_end=False)
        if left is None and right is None:
            # Neither side is a mention yet: one side must be made of the article's name words
            # (`keunggulan Edi-Bahasan`, where only `Edi` is).
            known_left = _name_word_suffix(doc, left_run, words)
            known_right = _name_word_prefix(doc, right_run, words)
            if known_left:
                new = [known_left, right_run]
            elif known_right:
                new = [left_run, known_right]
            else:
                continue
        else:
            new = [right_run if left is not None else left_run]
        for start, end in new:
            if end <= start:
                continue
            inside = [e for e in ents if e.start < end and e.end > start]
            if any(e.start < start or e.end > end for e in inside):
                continue  # the other side belongs to a longer mention: leave it
            ents = [e for e in ents if e not in inside] + [_person(doc, start, end)]
            persons_ending[end] = persons_starting[start] = ents[-1]
    return sorted(ents, key=lambda s: s.start)


def _off_places(run: tuple[int, int], placed: set[int], keep_end: bool) -> tuple[int, int]:
    """The part of a run next to the hyphen (its end when `keep_end`, else its start) before a region or ORG
    mention: `Iqbal-Dinda Lombok Tengah` names the running mate `Dinda`, in Lombok Tengah."""
    start, end = run
    inside = [i for i in range(start, end) if i in placed]
    if not inside:
        return run
    return (max(inside) + 1, end) if keep_end else (start, min(inside))


def _name_word_suffix(doc: Doc, run: tuple[int, int], words: set[str]) -> tuple[int, int] | None:
    start, end = run
    while start < end and doc[start].text not in words:
        start += 1
    if start < end and all(doc[i].text in words for i in range(start, end)):
        return start, end
    return None


def _name_word_prefix(doc: Doc, run: tuple[int, int], words: set[str]) -> tuple[int, int] | None:
    start, end = run
    while end > start and doc[end - 1].text not in words:
        end -= 1
    if end > start and all(doc[i].text in words for i in range(start, end)):
        return start, end
    return None


def _person(doc: Doc, start: int, end: int) -> Span:
    span = Span(doc, start, end, label="PERSON")
    span._.source = SOURCE
    return span
