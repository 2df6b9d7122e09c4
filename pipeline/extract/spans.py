"""The Doc contract shared by the pipeline's spaCy components.

After the pipeline runs, a paragraph's Doc holds:
- `doc.ents`: PERSON, PLACE, ORG from the statistical NER after rule repair (flat, no overlap);
- `doc.spans["OFFICE"]`: OFFICE mentions (may contain ORG and PLACE mentions);
- `doc.spans["PLACE"]`: every PLACE mention, including the ones nested in OFFICE/ORG spans;
- `doc.spans["OFFICE_MODEL"]`: the OFFICE spans the trained span categorizer proposes, with
  their scores in `.attrs["scores"]` (pipeline.extract.office_model); `office_ruler` reads them.
Each span may say which component found it in `span._.source` (written to `entities.source`).
"""
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc, Span

if not Span.has_extension("source"):
    Span.set_extension("source", default=None)

OFFICE_KEY = "OFFICE"
PLACE_KEY = "PLACE"
OFFICE_MODEL_KEY = "OFFICE_MODEL"


def per_token_once(doc: Doc, name: str, compute) -> list:
    """`compute(doc)`, a list with one item per token, computed once per Doc and kept in `doc.user_data[name]`:
    every rule component asks for the same token texts and keys, and tokens do not change after the tokenizer.
    The list is shared: callers must not change it."""
    cached = doc.user_data.get(name)
    if cached is not None and len(cached) == len(doc):
        return cached
    value = compute(doc)
    doc.user_data[name] = value
    return value


def token_texts(doc: Doc) -> list[str]:
    """The text of every token of a Doc, read from its array (much cheaper than a Token object per token), once
    per Doc (`per_token_once`)."""
    return per_token_once(doc, "pilkada_token_texts",
                          lambda d: [d.vocab.strings[orth] for orth in d.to_array(ORTH).tolist()])


def doc_text(doc: Doc, texts: list[str]) -> str:
    """`doc.text` from the Doc's token texts and trailing spaces (`doc.text` makes a Token object per token)."""
    return "".join(text + " " if space else text for text, space in zip(texts, doc.to_array(SPACY).tolist()))


def closing_bracket(texts: list[str], opening: int, reach: int = 4) -> int | None:
    """Index of the `)` closing the bracket opened at token `opening` within `reach` tokens (a short bracket:
    an abbreviation or a code), or None."""
    return next((k for k in range(opening + 1, min(opening + 1 + reach, len(texts))) if texts[k] == ")"), None)
