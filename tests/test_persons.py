"""Person ids (pipeline.extract.persons)."""
import pandas as pd
import pytest

from pipeline.extract.persons import person_id, person_ids


@pytest.mark.parametrize("name, pid", [
    ("Bambang Arwanto", "bambang-arwanto"),
    ("H. La Nita, S.Pd, M.M", "la-nita"),
    ("Dr. Ir. Hj. Siti Aminah", "siti-aminah"),
    ("M. Rizal Hamdani", "m-rizal-hamdani"),
    ("M Rizal Hamdani", "m-rizal-hamdani"),
    ("Muhammad Rifa’i", "muhammad-rifai"),
    ("Darwis T. Lamato", "darwis-t-lamato"),
    ("Andi Baso Pallawa", "andi-baso-pallawa"),  # `Andi` opens a Bugis name, it is no title
    ("Haji", "haji"),  # a lone word stays, even a title word
    ("", None),
])
def test_person_id(name, pid):
    assert person_id(name) == pid


def test_short_mentions_take_the_id_of_the_articles_fullest_name():
    entities = pd.DataFrame([
        {"article_id": "a", "label": "PERSON", "text": "Bambang Arwanto"},
        {"article_id": "a", "label": "OFFICE", "text": "Bupati Kukar"},
        {"article_id": "a", "label": "PERSON", "text": "Bambang"},
        {"article_id": "b", "label": "PERSON", "text": "Bambang"},  # another article: nothing is guessed
    ])
    assert person_ids(entities).tolist() == ["bambang-arwanto", None, "bambang-arwanto", "bambang"]
