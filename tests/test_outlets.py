"""The article's own outlet, known from its host name, is an ORG where the text names it."""
from hand_docs import doc_with_ents as doc

from pipeline.extract.outlets import mark_outlet_names, outlet_names


def ents(d):
    return [(e.text, e.label_) for e in d.ents]


def test_names_come_from_the_host_without_tlds_subdomains_or_regions():
    assert outlet_names("ntbsatu.com", None) == {"ntbsatu"} | {"ntbsatucom"}
    assert outlet_names(None, "https://origin.kompas.tv/regional/1") == {"kompas", "kompastv"}
    assert outlet_names("kalteng.wahananews.co", None) == {"wahananews", "wahananewsco", "kaltengwahananews",
                                                           "wahananewskalteng"}
    assert outlet_names("www.suara-rakyat.id", None) == {"suara-rakyat", "suararakyat", "suararakyatid"}
    assert outlet_names(None, None) == set()
    assert outlet_names("", "not a url") == set()


def test_the_outlet_in_capitals_or_camel_case_is_org_and_replaces_a_one_word_entity():
    names = outlet_names("news.lensanusa.id", None)
    first = doc("LENSANUSA - Bawaslu Agam menggelar rapat.", [("LENSANUSA", "PLACE"), ("Bawaslu Agam", "ORG")])
    second = doc("Tonton juga di kanal LensaNusa dan Lensanusa Pagi.", [("Lensanusa Pagi", "ORG")])
    mark_outlet_names([first, second], names)
    assert ents(first) == [("LENSANUSA", "ORG"), ("Bawaslu Agam", "ORG")]
    assert ents(second) == [("LensaNusa", "ORG"), ("Lensanusa Pagi", "ORG")]  # a longer name stays


def test_an_ordinary_word_the_article_writes_in_lower_case_is_left_alone():
    names = outlet_names("catatan.co.id", None)
    first = doc("Catatan penting dari rapat itu dibacakan.")
    second = doc("Ia membaca catatan rapat.")
    mark_outlet_names([first, second], names)
    assert ents(first) == [] and ents(second) == []


def test_the_outlet_spelt_out_in_words_is_one_org():
    names = outlet_names("pontianakinfo.disway.id", None)
    d = doc("Dok. Pontianak Info Disway - Kamera", [("Pontianak Info Disway", "PERSON")])
    mark_outlet_names([d], names)
    assert ents(d) == [("Pontianak Info Disway", "ORG")]


def test_the_outlet_written_with_its_domain_is_one_org():
    names = outlet_names("pasificpos.com", None)
    d = doc("Pasific Pos.com - KPU Papua menggelar pleno.", [("Pos.com", "ORG"), ("KPU Papua", "ORG")])
    glued = doc("Mukomuko (Lensanusa.com) - Bupati hadir.", [("Lensanusa.com", "PERSON")])
    mark_outlet_names([d], names)
    mark_outlet_names([glued], outlet_names("www.lensanusa.com", None))
    assert ents(d) == [("Pasific Pos.com", "ORG"), ("KPU Papua", "ORG")]
    assert ents(glued) == [("Lensanusa.com", "ORG")]


def test_a_regional_edition_is_written_name_first():
    names = outlet_names("malang.viva.co.id", None)
    d = doc("Batu - VIVA Malang / Galih Rakasiwi", [("VIVA", "ORG"), ("Galih Rakasiwi", "PERSON")])
    mark_outlet_names([d], names)
    assert ents(d) == [("VIVA Malang", "ORG"), ("Galih Rakasiwi", "PERSON")]


def test_a_dateline_place_glued_to_the_spelt_out_outlet_is_a_place_but_a_brand_word_is_not():
    names = outlet_names("radarsulbar.fajar.co.id", None)
    d = doc("POLEWALI RADAR SULBAR — Dana Desa cair.", [("POLEWALI RADAR SULBAR", "ORG")])
    mark_outlet_names([d], names)
    assert ents(d) == [("POLEWALI", "PLACE"), ("RADAR SULBAR", "ORG")]
    d = doc("HARIAN BOGOR RAYA - Bawaslu Bogor", [("HARIAN BOGOR RAYA", "ORG")])
    mark_outlet_names([d], outlet_names("bogorraya.pikiran-rakyat.com", None))
    assert ents(d) == [("HARIAN BOGOR RAYA", "ORG")]
