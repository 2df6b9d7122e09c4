"""Canonical office names and the jurisdiction of each role (pipeline.extract.jurisdictions)."""
import pandas as pd
import pytest

from pipeline.extract.jurisdictions import NATIONAL, locate_roles, office_name


def places_in(text: str, *places: str) -> list[tuple[int, int]]:
    return [(text.index(p), text.index(p) + len(p)) for p in places]


@pytest.mark.parametrize("text, places, name, national", [
    ("Pejabat Sementara (Pjs) Bupati Kutai Kartanegara (Kukar)", ["Kutai Kartanegara", "Kukar"], "Pjs Bupati", False),
    ("Pj. Gubernur Kaltim", ["Kaltim"], "Pj Gubernur", False),
    ("Ketua KPU Kabupaten Paser", ["Kabupaten Paser"], "Ketua KPU", False),
    ("Walikota Palu", ["Palu"], "Wali Kota", False),
    ("Sekda Kabupaten Katingan", ["Kabupaten Katingan"], "Sekretaris Daerah", False),
    ("Sekretaris Daerah (Sekda) Kabupaten Lebak", ["Kabupaten Lebak"], "Sekretaris Daerah", False),
    ("Kepala Badan Pusat Statistik (BPS) Sulawesi Tengah (Sulteng)", ["Sulawesi Tengah", "Sulteng"], "Kepala BPS", False),
    ("Ketua Badan Pengawas Pemilihan Umum (Bawaslu) Kabupaten Sitaro", ["Kabupaten Sitaro"], "Ketua Bawaslu", False),
    ("Kepala Dinas Lingkungan Hidup dan Kehutanan (DLHK) DIY", ["DIY"], "Kepala DLHK", False),
    ("Kabid Politik Dalam Negeri Badan Kesatuan Bangsa dan Politik (Kesbangpol)", [],
     "Kepala Bidang Politik Dalam Negeri Kesbangpol", False),
    ("Ketua Divisi Data dan Informasi KPU Jakarta", ["Jakarta"], "Ketua Divisi Data dan Informasi KPU", False),
    ("Menteri Dalam Negeri (Mendagri)", [], "Menteri Dalam Negeri", True),
    ("Mendagri", [], "Menteri Dalam Negeri", True),
    ("Ketua Bawaslu RI", [], "Ketua Bawaslu", True),
    ("Ketua MK", [], "Ketua MK", True),
    ("Kapolres Paser", ["Paser"], "Kapolres", False),
])
def test_office_name(text, places, name, national):
    assert office_name(text, places_in(text, *places)) == (name, national)


def tables(offices: list[tuple[str, str, list[tuple[str, str | None, str | None]]]], other_places=(), dateline=None):
    """roles, entities and articles of one article: offices are (person, office text, nested places as
    (surface, normalized, region code)), each in its own paragraph; other_places are (normalized, code)."""
    entities, roles = [], []
    for i, (person, office, places) in enumerate(offices):
        oid = f"a:{i}:0:{len(office)}:OFFICE"
        entities.append({"entity_id": oid, "article_id": "a", "paragraph_index": i, "start": 0, "end": len(office),
                         "text": office, "label": "OFFICE", "normalized": None, "region_code": None})
        for surface, normalized, code in places:
            s = office.index(surface)
            entities.append({"entity_id": f"a:{i}:{s}:PLACE", "article_id": "a", "paragraph_index": i, "start": s,
                             "end": s + len(surface), "text": surface, "label": "PLACE", "normalized": normalized,
                             "region_code": code})
        roles.append({"article_id": "a", "person": person, "office": office, "office_entity_id": oid})
    for j, (normalized, code) in enumerate(other_places):
        entities.append({"entity_id": f"a:99:{j}:PLACE", "article_id": "a", "paragraph_index": 99, "start": j, "end": j + 1,
                         "text": normalized, "label": "PLACE", "normalized": normalized, "region_code": code})
    articles = pd.DataFrame([{"article_id": "a", "dateline": dateline}])
    return pd.DataFrame(roles), pd.DataFrame(entities), articles


def located(*args, **kwargs) -> list[tuple]:
    roles = locate_roles(*tables(*args, **kwargs))
    return [(r.person_id, r.office_normalized, r.office_region, r.office_region_code, r.office_region_source)
            for r in roles.itertuples()]


def test_the_region_in_the_office_phrase():
    assert located([("H. Rudi Hartono, S.Sos", "Ketua KPU Kabupaten Paser", [("Kabupaten Paser", "Kabupaten Paser", "64.01")])]) == [
        ("rudi-hartono", "Ketua KPU", "Kabupaten Paser", "64.01", "phrase")]
    assert located([("Lukas Lamba", "Kepala Desa Sukamaju", [("Sukamaju", None, None)])]) == [
        ("lukas-lamba", "Kepala Desa", "Sukamaju", None, "phrase")]


def test_offices_of_the_republic_are_national():
    assert located([("Rudi Santosa", "Menteri Dalam Negeri", [])], other_places=[("Kota Ambon", "81.71")]) == [
        ("rudi-santosa", "Menteri Dalam Negeri", NATIONAL, None, "national")]


def test_without_a_region_the_article_context_at_the_level_of_the_head():
    kalteng = [("Provinsi Kalimantan Tengah", "62"), ("Kabupaten Kapuas", "62.03"), ("Kabupaten Kapuas", "62.03")]
    assert located([("Eka Pratama", "Wakil Gubernur", [])], other_places=kalteng) == [
        ("eka-pratama", "Wakil Gubernur", "Provinsi Kalimantan Tengah", "62", "context")]
    assert located([("Beni Ismail", "Bupati", [])], other_places=kalteng) == [
        ("beni-ismail", "Bupati", "Kabupaten Kapuas", "62.03", "context")]
    # two regions named as often: no guess
    tie = [("Kabupaten Kapuas", "62.03"), ("Kabupaten Katingan", "62.06")]
    assert located([("Beni Ismail", "Bupati", [])], other_places=tie) == [("beni-ismail", "Bupati", None, None, None)]
    # ... unless the dateline names one of them
    assert located([("Beni Ismail", "Bupati", [])], other_places=tie, dateline="KATINGAN, Kaltengnews")[0][3] == "62.06"


def test_a_bare_office_takes_the_region_the_same_persons_office_has_in_the_article():
    offices = [("Rudi Hartono", "Ketua KPU Paser", [("Paser", "Kabupaten Paser", "64.01")]),
               ("Rudi Hartono", "Ketua KPU", [])]
    assert [r[2:] for r in located(offices, other_places=[("Kota Balikpapan", "64.71")] * 3)] == [
        ("Kabupaten Paser", "64.01", "phrase"), ("Kabupaten Paser", "64.01", "phrase")]
