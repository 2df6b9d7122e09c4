"""Build the extraction pipeline: the shipped NER model plus the rule components after it."""
from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language

# Importing these registers the tokenizer and the components with spaCy.
from pipeline.extract import entity_rules, office_model, offices, places, tokenizer  # noqa: F401

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "id_pilkada_ner"
RULE_COMPONENTS = ["entity_rules", "office_ruler", "place_finder"]
# Components that run after the article-level name pass of the extract stage (see stage._annotate).
ARTICLE_LEVEL_AFTER = ["office_ruler", "place_finder"]


class ModelMissing(RuntimeError):
    pass


def model_path(model: str | Path | None = None) -> Path:
    return Path(model or os.environ.get("PILKADA_MODEL") or DEFAULT_MODEL)


def load(model: str | Path | None = None) -> Language:
    """The NER model at `model` (default: models/id_pilkada_ner) with the rule components added."""
    path = model_path(model)
    if not (path / "config.cfg").is_file():
        raise ModelMissing(
            f"no NER model at {path}: the repository ships one in models/id_pilkada_ner "
            "(rebuild it with `make train`, or pass --model DIR / set PILKADA_MODEL)"
        )
    # The tokenizer is rebuilt from its registered function (see tokenizer.py); loading its saved
    # special cases again from disk would double the load time for the same result.
    nlp = spacy.load(path, exclude=["tokenizer", *RULE_COMPONENTS])
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp
