"""spaCy's Indonesian tokenizer, with infixes for the way scraped news glues tokens together.

Abbreviations of region type words and acting markers (`Prov.`, `Kab.`, `Kec.`, `Kep.`, `Plh.`; lexicon
`tokenizer_abbreviations.txt`) stay one token, so that `Prov. Kaltara` is read as a typed region.

Scraped text often drops the space before a parenthesis or a quote (`Pemilu(Bawaslu)`,
`Sama“Pejabat`); the stock rules keep such strings as one token, so no entity boundary can
fall inside. The extra infixes split them. Registered so that the trained model's config
(`[nlp.tokenizer] @tokenizers = "pilkada.Tokenizer.v1"`) rebuilds the same tokenizer on load.
"""
from __future__ import annotations

import spacy
from spacy.tokenizer import Tokenizer
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from pipeline.lexicon import read_lines

_EXTRA_INFIXES = [
    r"(?<=[\w.,])[\(\)\[\]](?=\w)",  # Umum(Bawaslu, Kukar)pada
    r"(?<=\w)[\)\]](?=[\W])",  # Bawaslu), handled when followed by punctuation
    r"(?<=\w)[“”\"‘’](?=\w)",  # Sama“Pejabat
]


@spacy.registry.tokenizers("pilkada.Tokenizer.v1")
def create_tokenizer():
    def make(nlp):
        d = nlp.Defaults
        rules = dict(d.tokenizer_exceptions)
        for abbreviation in read_lines("tokenizer_abbreviations.txt"):
            for form in (abbreviation, abbreviation.upper()):
                rules[form] = [{ORTH: form}]
        return Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(d.prefixes).search,
            suffix_search=compile_suffix_regex(d.suffixes).search,
            infix_finditer=compile_infix_regex(list(d.infixes) + _EXTRA_INFIXES).finditer,
            token_match=d.token_match,
            url_match=d.url_match,
        )

    return make


def blank():
    """A blank Indonesian pipeline with this tokenizer (for training data and tests)."""
    return spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "pilkada.Tokenizer.v1"}}})
