"""Extract stage entry point: kept paragraphs → entities, dates, percentages, roles and quotes tables.

Paragraphs go through the spaCy pipeline in batches (`nlp.pipe`), with article-level passes
between the NER and the rule components (person names made consistent across an article's
paragraphs: pipeline.extract.names; the article's own outlet: pipeline.extract.outlets); dates and percentages are
found by their own grammars on the same cleaned text. Offsets are reported in the cleaned
paragraph (`start`/`end`) and mapped back to the raw article (`raw_start`/`raw_end`).
Article-level steps follow: place normalisation (which needs the whole article as context), person ids,
roles (which resolve short name mentions against the article's full names) with their offices' names and
jurisdictions, and quotes (whose speakers are read through the article's names and roles).
"""
from __future__ import annotations

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import schema
from pipeline.clean import offset_map
from pipeline.extract.acronyms import propagate_abbreviations
from pipeline.extract.dates import find_dates
from pipeline.extract.jurisdictions import locate_roles
from pipeline.extract.names import propagate_names
from pipeline.extract.nlp import ARTICLE_LEVEL_AFTER
from pipeline.extract.outlets import mark_outlet_names, outlet_names
from pipeline.extract.percentages import find_percentages
from pipeline.extract.places import propagate_places
from pipeline.extract.persons import person_ids
from pipeline.extract.quotes import find_quotes
from pipeline.extract.regions import normalise_places
from pipeline.extract.roles import article_fullest_names, find_roles
from pipeline.extract.spans import OFFICE_KEY, PLACE_KEY

BATCH_SIZE = 64  # paragraphs per nlp.pipe batch: 256 gave no speed but 270 MB more peak memory
# Articles whose Docs are held at once. The local engine passes 64 articles per call; a Dask partition has
# thousands, and holding all their Docs took ~950 MB of worker memory for 750 articles.
ARTICLES_PER_PASS = 64


def kept_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    keep = ~paragraphs["is_boilerplate"].astype(bool) & ~paragraphs["is_duplicate"].astype(bool)
    return paragraphs[keep]


def mentions(doc: Doc):
    """(span, source) for every entity mention of the Doc contract in pipeline.extract.spans."""
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG"):
            yield ent, ent._.source or "ner"
    for key in (OFFICE_KEY, PLACE_KEY):
        for span in doc.spans.get(key, []):
            yield span, span._.source or "rules"


def _annotate(nlp: Language, articles: list[list[dict]], outlets: dict[str, set[str]]) -> list[Doc]:
    """Run the pipeline over the paragraphs of `articles` (each a list of paragraph records); between the
    NER and the components after it, make person names and organisations' abbreviations consistent across each
    article's paragraphs (pipeline.extract.names, pipeline.extract.acronyms) and mark the article's own outlet
    (pipeline.extract.outlets)."""
    late = [name for name in nlp.pipe_names if name in ARTICLE_LEVEL_AFTER]
    texts = (para["text"] for paras in articles for para in paras)
    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE, disable=late))
    start = 0
    for paras in articles:
        article_docs = docs[start:start + len(paras)]
        start += len(paras)
        propagate_names(article_docs)
        propagate_abbreviations(article_docs)
        propagate_places(article_docs)
        mark_outlet_names(article_docs, outlets.get(paras[0]["article_id"], set()))
    for name in late:
        component = nlp.get_pipe(name)
        docs = [component(doc) for doc in docs]
    return docs


def _annotated(nlp: Language, records: list[dict], outlets: dict[str, set[str]]):
    """(paragraph record, Doc) for every record, ARTICLES_PER_PASS whole articles at a time."""
    by_article: dict[str, list[dict]] = {}
    for para in records:
        by_article.setdefault(para["article_id"], []).append(para)
    articles = list(by_article.values())
    for first in range(0, len(articles), ARTICLES_PER_PASS):
        batch = articles[first:first + ARTICLES_PER_PASS]
        yield from zip((para for paras in batch for para in paras), _annotate(nlp, batch, outlets))


def extract(articles: pd.DataFrame, paragraphs: pd.DataFrame, nlp: Language) -> dict[str, pd.DataFrame]:
    kept = kept_paragraphs(paragraphs)
    published = dict(zip(articles["article_id"], articles["published"]))
    rows = {"entities": [], "dates": [], "percentages": []}
    outlets = {a.article_id: outlet_names(a.outlet, a.url) for a in articles.itertuples()}
    for para, doc in _annotated(nlp, kept.to_dict("records"), outlets):
        aid, idx, omap = para["article_id"], para["paragraph_index"], offset_map(para)

        def located(start: int, end: int, text: str) -> dict:
            return {"article_id": aid, "paragraph_index": idx, "start": start, "end": end,
                    "raw_start": omap.raw_start(start), "raw_end": omap.raw_end(end), "text": text}

        for span, source in mentions(doc):
            row = located(span.start_char, span.end_char, span.text)
            row.update(label=span.label_, source=source,
                       entity_id=f"{aid}:{idx}:{span.start_char}:{span.end_char}:{span.label_}")
            rows["entities"].append(row)
        pub = published.get(aid)
        for d in find_dates(para["text"], None if pd.isna(pub) else pub):
            row = located(d.start, d.end, d.text)
            row.update(value=d.value, granularity=d.granularity, year_inferred=d.year_inferred,
                       weekday_consistent=d.weekday_consistent,
                       range_id=None if d.range_id is None else f"{aid}:{idx}:{d.range_id}")
            rows["dates"].append(row)
        places = [(span.start_char, span.end_char) for span in doc.spans.get(PLACE_KEY, [])]
        for p in find_percentages(para["text"], places):
            row = located(p.start, p.end, p.text)
            row.update(value=p.value, value_max=p.value_max, context=p.context, subject=p.subject, place=p.place)
            rows["percentages"].append(row)

    entities = schema.frame("entities", rows["entities"])
    entities = entities.sort_values(["article_id", "paragraph_index", "start", "end", "label"], kind="stable")
    entities = normalise_places(entities.reset_index(drop=True), articles)
    fullest = article_fullest_names(entities)
    entities["person_id"] = person_ids(entities, fullest)
    roles = locate_roles(find_roles(entities, kept, fullest), entities, articles)
    return {
        "entities": schema.frame("entities", entities),
        "dates": schema.frame("dates", rows["dates"]),
        "percentages": schema.frame("percentages", rows["percentages"]),
        "roles": schema.frame("roles", roles),
        "quotes": find_quotes(entities, kept, roles, articles, fullest),
    }
