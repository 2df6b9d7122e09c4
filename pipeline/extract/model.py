"""Where the NER model is, and the error when it is missing: kept apart from pipeline.extract.nlp so that a
run with nothing to extract can check the model without importing spaCy."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "id_pilkada_ner"


class ModelMissing(RuntimeError):
    pass


def model_path(model: str | Path | None = None) -> Path:
    return Path(model or os.environ.get("PILKADA_MODEL") or DEFAULT_MODEL)
