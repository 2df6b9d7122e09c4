"""spaCy's Indonesian tokenizer, with infixes for the way scraped news glues tokens together.

Abbreviations of region type words and acting markers (`Prov.`, `Kab.`, `Kec.`, `Kep.`, `Plh.`; lexicon
`tokenizer_abbreviations.txt`) stay one token, so that `Prov. Kaltara` is read as a typed region.

Scraped text often drops the space before a parenthesis or a quote (`Pemilu(Bawaslu)`,
`Sama“Pejabat`); the stock rules keep such strings as one token, so no entity boundary can
fall inside. The extra infixes split them. Registered so that the trained model's config
(`[nlp.tokenizer] @tokenizers = "pilkada.Tokenizer.v1"`) rebuilds the same tokenizer on load.

spaCy's Indonesian exceptions are ~16,000 words kept whole (`abu-abu`, `sehari-hari`). Loaded as
special cases they take ~3 s to build (most become PhraseMatcher patterns), which a re-run that
extracts one article pays in full. `WholeWordTokenizer` gives the same tokens without that cost: the
words are a set tested as `token_match`, and the one thing the special-case matcher added (a word
inside a longer glued string, `abu-abu/hitam`) is done by a merge after tokenizing.

Sorting the exceptions into whole words and finding the infixes inside them still costs ~0.3 s of regex tests,
so the tables that come out are saved with the exceptions, and the pipeline's load (`nlp.load`) reads the
tokenizer from the model's `tokenizer` file (`pilkada.SavedTokenizer.v1`) rather than building it again; a test
holds that file equal to what this module builds (`python -m pipeline.extract.tokenizer` writes it).
"""
from __future__ import annotations

import re

import spacy
import srsly
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from pipeline.lexicon import read_lines

_EXTRA_INFIXES = [
    r"(?<=[\w.,])[\(\)\[\]](?=\w)",  # Umum(Bawaslu, Kukar)pada
    r"(?<=\w)[\)\]](?=[\W])",  # Bawaslu), handled when followed by punctuation
    r"(?<=\w)[“”\"‘’](?=\w)",  # Sama“Pejabat
    r"(?<=\d),(?=[A-Za-z])",  # urut 3,Lalu: a decimal comma has a digit after it
    r"(?<=[\w.])-{2,}(?=[A-Z])",  # dilakukan.--Rusman: a double hyphen is a dash
]


# A dash glued to the first word after a dateline or a sentence (`Medan. -Komisi Pemilihan Umum`,
# `dilakukan.--Rusman Afrizal`) is no part of the word.
_EXTRA_PREFIXES = [r"-+(?=[A-Z])"]
# A slash glued after a name in a credit (`Jiafni Rismawarni/ TribunBengkulu.com`) is no part of it.
_EXTRA_SUFFIXES = [r"(?<=[a-z])/"]

_SPACE = re.compile(r"\s")


# The key of the tables `_set_rules` derives, saved with the exceptions they come from.
DERIVED_KEY = "whole_words"


class WholeWords(frozenset):
    """Exception words that are one token, spelt as written; the tokenizer tests membership as its
    `token_match`."""

    # spaCy serialises `token_match` as `token_match.__self__.pattern`; the words are saved with the
    # rules instead (WholeWordTokenizer.to_bytes).
    pattern = None


class WholeWordTokenizer(Tokenizer):
    """spaCy's Tokenizer with its one-token exceptions held as a set (see the module docstring)."""

    def __init__(self, vocab, rules=None, prefix_search=None, suffix_search=None, infix_finditer=None,
                 token_match=None, url_match=None, **settings):
        if token_match is not None and not isinstance(getattr(token_match, "__self__", None), WholeWords):
            raise ValueError("WholeWordTokenizer builds its own token_match from the rules")
        super().__init__(vocab, None, prefix_search, suffix_search, infix_finditer, None, url_match, **settings)
        known = token_match.__self__ if token_match is not None else ()
        self._set_rules({**{word: [{ORTH: word}] for word in known}, **(rules or {})})

    def _set_rules(self, rules: dict, derived: dict | None = None) -> None:
        """Sort `rules` into whole words and special cases. `derived` is what `_derive` gave for the same rules
        before (saved by `to_bytes`), taken as it is: deriving again costs ~0.3 s of regex tests."""
        words, split_words, inner_joins = self._derive(rules) if derived is None else _read_derived(derived)
        self.whole_words = WholeWords(words)
        self.token_match = self.whole_words.__contains__
        self.rules = {chunk: tokens for chunk, tokens in rules.items() if chunk not in words}
        self._split_words = split_words
        self._inner_joins = inner_joins

    def _derive(self, rules: dict) -> tuple[set[str], dict[str, tuple[str, ...]], re.Pattern | None]:
        """The whole words among `rules`, the parts the infixes split each into, and `_inner_joins_of` them."""
        words = {chunk for chunk, tokens in rules.items() if self._is_whole_word(chunk, tokens)}
        # What spaCy's special-case matcher looked for: the words the infixes split, as the token texts
        # they split into when written alone.
        split_words = {}
        for word in words:
            infixes = self.find_infix(word)
            if infixes:
                split_words[word] = tuple(_infix_parts(word, infixes))
        return words, split_words, _inner_joins_of(split_words) if split_words else None

    def _is_whole_word(self, chunk: str, tokens: list) -> bool:
        # An affix on the word itself changes how spaCy tries it (it is looked up before the affix is cut),
        # so such words stay ordinary special cases. spaCy's prefix regex anchors every alternative at the
        # start, so `match` finds what `find_prefix` (a `search`) does, ten times faster.
        return (tokens == [{ORTH: chunk}] and not _SPACE.search(chunk)
                and not _cuts(self.prefix_search.__self__.match(chunk)) and not self.find_suffix(chunk))

    def __call__(self, text: str):
        doc = super().__call__(text)
        if self._inner_joins is not None:
            _merge_glued_words(doc, text, self._inner_joins, self._split_words)
        return doc

    def __reduce__(self):
        return (self.__class__, (self.vocab, self.rules, self.prefix_search, self.suffix_search,
                                 self.infix_finditer, self.token_match, self.url_match), None, None)

    def to_bytes(self, *, exclude=tuple()):
        data = srsly.msgpack_loads(super().to_bytes(exclude=exclude))
        if "exceptions" in data:
            data["exceptions"] = dict(sorted({**data["exceptions"],
                                              **{word: [{ORTH: word}] for word in self.whole_words}}.items()))
            data[DERIVED_KEY] = {
                "words": sorted(self.whole_words),
                "split_words": dict(sorted(self._split_words.items())),
                "inner_joins": self._inner_joins.pattern if self._inner_joins is not None else None,
            }
        return srsly.msgpack_dumps(data)

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        data = srsly.msgpack_loads(bytes_data)
        rules = data.pop("exceptions", None)
        derived = data.pop(DERIVED_KEY, None)
        super().from_bytes(srsly.msgpack_dumps(data), exclude=exclude)
        if rules is not None:
            self._set_rules(rules, derived)
        return self


def _read_derived(derived: dict) -> tuple[set[str], dict[str, tuple[str, ...]], re.Pattern | None]:
    """`WholeWordTokenizer._derive`'s tables as `to_bytes` saved them."""
    joins = derived["inner_joins"]
    return (set(derived["words"]), {word: tuple(parts) for word, parts in derived["split_words"].items()},
            re.compile(joins) if joins is not None else None)


def _cuts(match: re.Match | None) -> bool:
    return match is not None and match.end() > match.start()


def _infix_parts(word: str, matches) -> list[str]:
    """The pieces spaCy's infix step cuts `word` into (Tokenizer._attach_tokens)."""
    parts, start = [], 0
    for match in matches:
        if match.start() == 0:
            continue
        if match.start() != start:
            parts.append(word[start:match.start()])
        if match.start() != match.end():
            parts.append(word[match.start():match.end()])
        start = match.end()
    if word[start:]:
        parts.append(word[start:])
    return parts


def _inner_joins_of(words) -> re.Pattern:
    """A regex that every text holding one of `words` matches: each word has an inner joiner (`-`, `/`,
    `.`) with a character on both sides, found as the letters seen around that joiner in any word, or
    spelt as in the word when a side is not a letter or digit. Most paragraphs fail it at once."""
    sides = {}
    spelt = set()
    for word in words:
        i = next(i for i in range(1, len(word) - 1) if not word[i].isalnum())
        before, joiner, after = word[i - 1:i + 2]
        if before.isalnum() and after.isalnum():
            seen_before, seen_after = sides.setdefault(joiner, (set(), set()))
            seen_before.add(before)
            seen_after.add(after)
        else:
            spelt.add(re.escape(word[i - 1:i + 2]))
    classes = {"[%s]%s[%s]" % (re.escape("".join(sorted(before))), re.escape(joiner),
                               re.escape("".join(sorted(after))))
               for joiner, (before, after) in sides.items()}
    return re.compile("|".join(sorted(classes | spelt)))


_NON_SPACE = re.compile(r"\S*")


def _merge_glued_words(doc, text: str, inner_joins: re.Pattern, split_words: dict) -> None:
    """Merge the exception words found inside longer glued strings, as spaCy's special-case matcher did:
    longest first, then leftmost, skipping one whose first or last token another candidate took."""
    candidates, chunk_end = [], 0
    for join in inner_joins.finditer(text):
        if join.start() < chunk_end:
            continue
        chunk_start = join.start()
        while chunk_start and not text[chunk_start - 1].isspace():
            chunk_start -= 1
        chunk_end = _NON_SPACE.match(text, join.end()).end()
        span = doc.char_span(chunk_start, chunk_end)
        if span is None or len(span) < 2:
            continue
        texts = [token.text for token in span]
        for i in range(len(texts)):
            joined = ""
            for j in range(i, len(texts)):
                joined += texts[j]
                if j > i and split_words.get(joined) == tuple(texts[i:j + 1]):
                    candidates.append((span.start + i, span.start + j + 1))
    if not candidates:
        return
    chosen, seen = [], set()
    for start, end in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if start not in seen and end - 1 not in seen:
            chosen.append((start, end))
        seen.update(range(start, end))
    with doc.retokenize() as retokenizer:
        for start, end in chosen:
            retokenizer.merge(doc[start:end])


# A photo or report credit glues the outlet's domain to a name (`Bangkapos.com/Deddy Marjaya`,
# `Ceposonline.com/dok.Velix Wanggai`): without a scheme and with a capitalised word as its only path, it is
# no URL, so the infixes split it and the name can be an entity.
_CREDIT = r"(?![^\s/:]+\.[a-z]{2,}/(?:[a-z]+\.)?[A-Z][^\s/]*$)"


def _url_match_except_credits(url_match):
    pattern = url_match.__self__.pattern
    if not pattern.startswith("(?u)^"):
        raise ValueError("spaCy's URL pattern changed: update _url_match_except_credits")
    return re.compile("(?u)^" + _CREDIT + pattern[len("(?u)^"):]).match


@spacy.registry.tokenizers("pilkada.Tokenizer.v1")
def create_tokenizer():
    def make(nlp):
        d = nlp.Defaults
        rules = dict(d.tokenizer_exceptions)
        for abbreviation in read_lines("tokenizer_abbreviations.txt"):
            for form in (abbreviation, abbreviation.upper()):
                rules[form] = [{ORTH: form}]
        if d.token_match is not None:
            raise ValueError("the Indonesian defaults gained a token_match: WholeWordTokenizer must combine it")
        return WholeWordTokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(list(d.prefixes) + _EXTRA_PREFIXES).search,
            suffix_search=compile_suffix_regex(list(d.suffixes) + _EXTRA_SUFFIXES).search,
            infix_finditer=compile_infix_regex(list(d.infixes) + _EXTRA_INFIXES).finditer,
            url_match=_url_match_except_credits(d.url_match),
        )

    return make


@spacy.registry.tokenizers("pilkada.SavedTokenizer.v1")
def create_saved_tokenizer():
    """An empty WholeWordTokenizer, to be filled from a saved pipeline's `tokenizer` file (nlp.load): its
    exceptions, affix patterns and the tables derived from them are read, not built again."""
    def make(nlp):
        return WholeWordTokenizer(nlp.vocab)

    return make


def blank():
    """A blank Indonesian pipeline with this tokenizer (for training data and tests)."""
    return spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "pilkada.Tokenizer.v1"}}})


if __name__ == "__main__":
    # After a change to this tokenizer: write it into the shipped model, which a load reads it from (nlp.load).
    from pipeline.extract.model import model_path
    (model_path() / "tokenizer").write_bytes(blank().tokenizer.to_bytes(exclude=["vocab"]))
