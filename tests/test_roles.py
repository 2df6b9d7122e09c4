"""Roles (person, office) from PERSON and OFFICE rows, on paragraphs written for these tests."""
import pandas as pd
import pytest

from pipeline.extract.roles import find_roles, fullest_names
from pipeline.schema import columns


def tables(paragraphs: list[str], mentions: list[tuple[int, str, str]], article_id: str = "a1"):
    """paragraphs and entities frames; mentions are (paragraph_index, surface, label), found left to right."""
    rows, cursor = [], {}
    for index, surface, label in mentions:
        start = paragraphs[index].index(surface, cursor.get((index, surface), 0))
        cursor[(index, surface)] = start + 1
        rows.append({"entity_id": f"{article_id}:{index}:{start}:{start + len(surface)}:{label}",
                     "article_id": article_id, "paragraph_index": index, "start": start,
                     "end": start + len(surface), "text": surface, "label": label})
    paras = pd.DataFrame([{"article_id": article_id, "paragraph_index": i, "text": t} for i, t in enumerate(paragraphs)])
    return pd.DataFrame(rows), paras


def pairs(paragraphs, mentions) -> set[tuple[str, str, str]]:
    roles = find_roles(*tables(paragraphs, mentions))
    return {(r.person, r.office, r.pattern) for r in roles.itertuples()}


@pytest.mark.parametrize("text, person, office, pattern", [
    ("Acara dibuka Pjs Bupati Kutim Agus Salim di Sangatta.", "Agus Salim", "Pjs Bupati Kutim", "title"),
    ("Kapolres Paser AKBP Novy Adi Wibowo menyiagakan personel.", "Novy Adi Wibowo", "Kapolres Paser", "title"),
    ("Acara dibuka oleh Pejabat Sementara (Pjs) Bupati Kutim yakni Agus Salim.", "Agus Salim",
     "Pejabat Sementara (Pjs) Bupati Kutim", "yakni"),
    ("Rudi Hartono selaku Camat Loa Kulu mengatakan acara lancar.", "Rudi Hartono", "Camat Loa Kulu", "selaku"),
    ("Rudi Hartono sebagai Camat Loa Kulu mengatakan acara lancar.", "Rudi Hartono", "Camat Loa Kulu", "selaku"),
    ("Komisioner Bawaslu Paser, Siti Aminah, S.Pd, mengatakan hal itu.", "Siti Aminah", "Komisioner Bawaslu Paser",
     "appos_office_person"),
    ("Menurut Bupati Berau, Dr. Sri Juniarsih, program berjalan.", "Sri Juniarsih", "Bupati Berau",
     "appos_office_person"),
    ("“Data ini penting,” ujar Heni Lestari, Kepala BPS Paser, dalam acara itu.", "Heni Lestari", "Kepala BPS Paser",
     "appos_person_office"),
    ("Menurut Andi Wijaya, salah seorang Komisioner KPU Paser, logistik aman.", "Andi Wijaya",
     "Komisioner KPU Paser", "appos_person_office"),
])
def test_each_pattern(text, person, office, pattern):
    assert pairs([text], [(0, office, "OFFICE"), (0, person, "PERSON")]) == {(person, office, pattern)}


def test_bracketed_office_shares_the_holder():
    text = "Plh. Sekretaris Daerah (Staf Ahli Bupati Bidang Ekonomi dan Pembangunan), Lukman Hakim, S.Pd membuka acara."
    found = pairs([text], [(0, "Plh. Sekretaris Daerah", "OFFICE"),
                           (0, "Staf Ahli Bupati Bidang Ekonomi dan Pembangunan", "OFFICE"), (0, "Lukman Hakim", "PERSON")])
    assert {(p, o) for p, o, _ in found} == {("Lukman Hakim", "Plh. Sekretaris Daerah"),
                                             ("Lukman Hakim", "Staf Ahli Bupati Bidang Ekonomi dan Pembangunan")}


def test_short_mention_resolves_to_the_fullest_name():
    paragraphs = ["Pjs Bupati Kutim Agus Salim membuka acara.", "“Kita jaga netralitas,” kata Pjs Bupati Agus."]
    found = pairs(paragraphs, [(0, "Pjs Bupati Kutim", "OFFICE"), (0, "Agus Salim", "PERSON"),
                               (1, "Pjs Bupati", "OFFICE"), (1, "Agus", "PERSON")])
    assert {(p, o) for p, o, _ in found} == {("Agus Salim", "Pjs Bupati Kutim"), ("Agus Salim", "Pjs Bupati")}


def test_title_of_the_next_name_is_not_an_apposition_of_the_previous_one():
    text = "Hadir Wakil Menteri Dalam Negeri Rina Lestari, Penjabat (Pj) Gubernur Papua Agus Wibowo, dan tamu lain."
    found = pairs([text], [(0, "Wakil Menteri Dalam Negeri", "OFFICE"), (0, "Rina Lestari", "PERSON"),
                           (0, "Penjabat (Pj) Gubernur Papua", "OFFICE"), (0, "Agus Wibowo", "PERSON")])
    assert {(p, o) for p, o, _ in found} == {("Rina Lestari", "Wakil Menteri Dalam Negeri"),
                                             ("Agus Wibowo", "Penjabat (Pj) Gubernur Papua")}


@pytest.mark.parametrize("text, office, person", [
    ("Bupati Paser meninjau lokasi banjir bersama Budi Santoso.", "Bupati Paser", "Budi Santoso"),
    ("Budi Santoso mengaku sudah melapor ke Bupati Paser.", "Bupati Paser", "Budi Santoso"),
    ("Laporan Budi Santoso diteruskan. Bupati Paser belum menjawab.", "Bupati Paser", "Budi Santoso"),
])
def test_no_pair_without_a_stating_construction(text, office, person):
    assert pairs([text], [(0, office, "OFFICE"), (0, person, "PERSON")]) == set()


def test_pairs_never_cross_paragraphs():
    assert pairs(["Hadir pula Bupati Paser", "Budi Santoso memberi sambutan."],
                 [(0, "Bupati Paser", "OFFICE"), (1, "Budi Santoso", "PERSON")]) == set()


def test_one_row_per_pair_with_entity_ids():
    paragraphs = ["Camat Loa Kulu Rudi Hartono hadir.", "Camat Loa Kulu Rudi Hartono kembali hadir."]
    ents, paras = tables(paragraphs, [(0, "Camat Loa Kulu", "OFFICE"), (0, "Rudi Hartono", "PERSON"),
                                      (1, "Camat Loa Kulu", "OFFICE"), (1, "Rudi Hartono", "PERSON")])
    roles = find_roles(ents, paras)
    assert list(roles.columns) == columns("roles")
    assert len(roles) == 1
    row = roles.iloc[0]
    assert (row.person, row.office, row.paragraph_index) == ("Rudi Hartono", "Camat Loa Kulu", 0)
    assert row.person_entity_id == "a1:0:15:27:PERSON" and row.office_entity_id == "a1:0:0:14:OFFICE"


def test_empty_input_gives_an_empty_table():
    _, paras = tables(["Tidak ada nama di sini."], [])
    ents = pd.DataFrame(columns=["entity_id", "article_id", "paragraph_index", "start", "end", "text", "label"])
    assert find_roles(ents, paras).empty


def test_fullest_names():
    names = fullest_names(["Bambang", "Bambang Arwanto", "Wattimena", "Bodewin Wattimena", "Agus", "Agus Salim",
                           "Agus Wibowo"])
    assert names["Bambang"] == "Bambang Arwanto"
    assert names["Wattimena"] == "Bodewin Wattimena"
    assert names["Agus"] == "Agus"  # two different Agus in the article: keep the short form


def test_fullest_names_forgive_a_letter_the_press_got_wrong():
    names = fullest_names(["Ketut Darmawan Suryana", "Darmawan Suriana", "Marewangi", "Marewangi", "Marwangi",
                           "Rudi Hartono", "Rida"])
    assert names["Darmawan Suriana"] == "Ketut Darmawan Suryana"
    assert names["Marwangi"] == "Marewangi"  # the spelling the article writes more often
    assert names["Marewangi"] == "Marewangi"
    assert names["Rida"] == "Rida"  # short names that differ are different names
