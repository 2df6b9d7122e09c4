"""Build the extraction pipeline: the shipped NER model plus the rule components after it."""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

# Importing these registers the tokenizer and the components with spaCy.
from pipeline.extract import entity_rules, office_model, offices, places, tokenizer  # noqa: F401
from pipeline.extract.model import ModelMissing, model_path

RULE_COMPONENTS = ["entity_rules", "office_ruler", "place_finder"]
# Components that run after the article-level name pass of the extract stage (see stage._annotate).
ARTICLE_LEVEL_AFTER = ["office_ruler", "place_finder"]


def load(model: str | Path | None = None) -> Language:
    """The NER model at `model` (default: models/id_pilkada_ner) with the rule components added."""
    path = model_path(model)
    if not (path / "config.cfg").is_file():
        raise ModelMissing(
            f"no NER model at {path}: the repository ships one in models/id_pilkada_ner "
            "(rebuild it with `make train`, or pass --model DIR / set PILKADA_MODEL)"
        )
    # The tokenizer is read from the model's `tokenizer` file, with the tables derived from its exceptions, instead
    # of being built by its registered function and then replaced (see tokenizer.py: building takes ~0.4 s).
    nlp = spacy.load(path, exclude=RULE_COMPONENTS,
                     config={"nlp": {"tokenizer": {"@tokenizers": "pilkada.SavedTokenizer.v1"}}})
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp
