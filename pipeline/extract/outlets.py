"""The article's own outlet named in its text (`NTBSatu –`, `(KompasTV)`, `HALONUSA -`) is an ORG.

Outlet names change with every feed and the NER knows few of them, but every record says where it
was scraped from (`outlet`, `url`). The labels of that host name, without top-level domains,
generic subdomains and region names (`news.halonusa.id` → `halonusa`; `kalteng.wahananews.co` →
`wahananews`; `origin.kompas.tv` → `kompas`, `kompastv`), are the outlet's name as it is written in
the text. A token equal to one of them, case aside, is an ORG mention when it is written in
capitals or CamelCase, or when the article never writes it in lower case (`Catatan` opening a
sentence of an article from `catatan.co.id` is the ordinary word when the article also writes
`catatan`). Only entities made of that token alone are relabelled; a longer name stays as it is, except a
dateline's place glued before the outlet's name (`POLEWALI RADAR SULBAR —` → PLACE + ORG). A regional edition
is written name first (`malang.viva.co.id` → `VIVA Malang`); the outlet's ORG holds no PLACE (places.py).
"""
from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from spacy.tokens import Doc, Span

from pipeline.lexicon import read_lines, read_rows
from pipeline.extract.regions import gazetteer
from pipeline.extract.spans import token_texts

SOURCE = "outlets"
_HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
_MIN_LENGTH = 4  # shorter labels (`jpnn` is 4) are too often ordinary abbreviations


@functools.lru_cache(maxsize=1)
def _domain_words() -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {"tld": set(), "generic": set()}
    for kind, label in read_rows("outlet_domain_words.txt"):
        kinds[kind].add(label)
    return kinds


@functools.cache
def brand_words() -> frozenset[str]:
    """Lower-case words that mark an organisation name as a brand or a media outlet (`Pos`, `Harian`)."""
    return frozenset(word.lower() for word in read_lines("region_brand_words.txt"))


def outlet_names(outlet: str | None, url: str | None) -> set[str]:
    """Lower-case names an outlet's host name gives (`origin.kompas.tv` → {`kompas`, `kompastv`})."""
    words = _domain_words()
    names: set[str] = set()
    for value in (outlet, url):
        if not isinstance(value, str) or not value.strip():
            continue
        host = urlsplit(value if "//" in value else "//" + value).hostname or ""
        if not _HOST.match(host):
            continue
        labels, suffix = _split_domain([label for label in host.lower().split(".") if label])
        for n, label in enumerate(labels):
            if label in words["generic"] or gazetteer().candidates(label) or gazetteer().candidates(label.capitalize()):
                continue
            for name in (label, label.replace("-", "")):
                if len(name) >= _MIN_LENGTH:
                    names.add(name)
            if n == len(labels) - 1 and suffix:
                names.add(label.replace("-", "") + suffix[0])  # `kompas.tv` is written `KompasTV`
        kept = [label.replace("-", "") for label in labels if label not in words["generic"]]
        if len(kept) > 1:
            names.add("".join(kept))  # `pontianakinfo.disway.id` is written `Pontianak Info Disway`
            # a regional edition is written name first: `malang.viva.co.id` is `VIVA Malang`
            names.add("".join(kept[1:] + kept[:1]))
    return names


def _split_domain(labels: list[str]) -> tuple[list[str], list[str]]:
    """Lower-case host labels → (the labels before the top-level domain, the top-level domain's labels)."""
    tlds = _domain_words()["tld"]
    end = len(labels)
    while end > 1 and labels[end - 1] in tlds:
        end -= 1
    return labels[:end], labels[end:]


def _without_domain(text: str) -> str:
    """A token lower-cased, without the top-level domain an outlet may write after its name (`Antarasumsel.com`)."""
    lowered = text.lower()
    if "." not in lowered:
        return lowered
    return ".".join(_split_domain(lowered.split("."))[0])


def _written_as_name(text: str) -> bool:
    return text.isupper() or any(c.isupper() for c in text[1:])


def mark_outlet_names(docs: list[Doc], names: set[str]) -> None:
    """Label the outlet's name as ORG in an article's paragraphs (docs are changed in place)."""
    if not names:
        return
    texts = [token_texts(doc) for doc in docs]
    lowercase = {text for doc_texts in texts for text in doc_texts if text.islower()}
    for doc, doc_texts in zip(docs, texts):
        found = [doc[i] for i, text in enumerate(doc_texts) if _without_domain(text) in names and not text.islower()
                 and (_written_as_name(text) or text.lower() not in lowercase)]
        spelt_out = _spelt_out(doc_texts, names)
        if not found and not spelt_out:
            continue
        ents = list(doc.ents)
        for token in found:
            inside = [e for e in ents if e.start <= token.i < e.end]
            if inside and (inside[0].label_ == "ORG" or len(inside[0]) > 1):
                continue
            span = Span(doc, token.i, token.i + 1, label="ORG")
            span._.source = SOURCE
            ents = [e for e in ents if e not in inside] + [span]
        for start, end in spelt_out:
            longer = [e for e in ents if e.start < end and start < e.end and not (start <= e.start and e.end <= end)]
            before = doc[longer[0].start:start] if len(longer) == 1 and longer[0].end == end else None
            if before and gazetteer().candidates(before.text) and not any(t.lower_ in brand_words() for t in before):
                # `POLEWALI RADAR SULBAR —`: the dateline's place, then the outlet
                ents = [e for e in ents if e is not longer[0]] + [Span(doc, longer[0].start, start, label="PLACE")]
            elif longer:
                continue  # a longer name overlaps it
            span = Span(doc, start, end, label="ORG")
            span._.source = SOURCE
            ents = [e for e in ents if not (start <= e.start and e.end <= end)] + [span]
        doc.ents = sorted(ents, key=lambda s: s.start)


def _spelt_out(texts: list[str], names: set[str]) -> list[tuple[int, int]]:
    """Runs of two to four capitalised words that spell an outlet's host name (`Pontianak Info Disway`,
    `Pasific Pos.com`)."""
    found = []
    i = 0
    while i < len(texts):
        first = texts[i]
        if not (first[:1].isupper() and first.isalnum() and any(name.startswith(first.lower()) for name in names)):
            i += 1
            continue
        for n in range(4, 1, -1):
            words = texts[i:i + n]
            keys = [_without_domain(w) for w in words]
            if len(words) == n and all(w[:1].isupper() and key.isalnum() for w, key in zip(words, keys)) \
                    and "".join(keys) in names:
                found.append((i, i + n))
                i += n - 1
                break
        i += 1
    return found
