"""Person ids: one stable id per person name, the same in every article and every run.

`person_id` is the person's full name normalised: lower case, letters and digits only, honorifics and
ranks before it and academic degrees after it dropped (`H. La Nita, S.Pd` → `la-nita`), words joined
by `-`. Within an article a short mention takes the id of the fullest name that contains it
(`Bambang` → `bambang-arwanto` when the article also writes `Bambang Arwanto`); across articles
nothing is guessed, so a person an article only names as `Bambang` keeps the id `bambang`.
"""
from __future__ import annotations

import re

import pandas as pd

from pipeline.extract.roles import article_fullest_names
from pipeline.lexicon import read_rows

_AFFIXES = read_rows("person_affixes.tsv")
_PREFIXES = {word for kind, word in _AFFIXES if kind == "prefix"}
_SUFFIXES = {word.replace(".", "") for kind, word in _AFFIXES if kind == "suffix"}
_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*")


def person_id(name: str | None) -> str | None:
    """The id of a person's name, None when nothing of a name is left."""
    if not name:
        return None
    words = [w.lower() for w in _WORD.findall(name)]
    while len(words) > 1 and words[0].rstrip(".") in _PREFIXES:
        words.pop(0)
    while len(words) > 1 and words[-1].replace(".", "") in _SUFFIXES:
        words.pop()
    words = [re.sub(r"[.'’]", "", w) for w in words]
    return "-".join(w for w in words if w) or None


def person_ids(entities: pd.DataFrame, fullest: dict[str, dict[str, str]] | None = None) -> pd.Series:
    """`person_id` of every PERSON row of `entities` (null for other labels): the id of the fullest
    name of its article that contains the mention. `fullest`: `article_fullest_names(entities)` when
    the caller has it already."""
    if fullest is None:
        fullest = article_fullest_names(entities)
    persons = entities[entities["label"] == "PERSON"]
    ids = [person_id(fullest[a].get(str(t), str(t))) for a, t in zip(persons["article_id"], persons["text"])]
    result = pd.Series([None] * len(entities), index=entities.index, dtype=object)
    result.loc[persons.index] = ids
    return result
