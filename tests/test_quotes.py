"""Quotes and their speakers (pipeline.extract.quotes), on paragraphs written for these tests in the style
of Indonesian regional news, with their PERSON / OFFICE / ORG / PLACE mentions given by hand."""
import pandas as pd
import pytest

from pipeline.extract.jurisdictions import locate_roles
from pipeline.extract.persons import person_id
from pipeline.extract.quotes import find_quotes
from pipeline.extract.roles import find_roles

ARTICLE = "a1"


def quotes(paragraphs: list[str], mentions=(), title: str | None = None, dateline: str | None = None,
           raw_gap: int = 1) -> pd.DataFrame:
    """The quotes table of one article; mentions are (paragraph_index, surface, label), found left to right.
    Paragraph i stands at raw offset sum(len + raw_gap) of the paragraphs before it."""
    rows, cursor = [], {}
    for index, surface, label in mentions:
        start = paragraphs[index].index(surface, cursor.get((index, surface), 0))
        cursor[(index, surface)] = start + 1
        rows.append({"entity_id": f"{ARTICLE}:{index}:{start}:{start + len(surface)}:{label}", "article_id": ARTICLE,
                     "paragraph_index": index, "start": start, "end": start + len(surface), "text": surface,
                     "label": label, "normalized": None, "region_code": None})
    entities = pd.DataFrame(rows, columns=["entity_id", "article_id", "paragraph_index", "start", "end", "text", "label",
                                           "normalized", "region_code"])
    paras, raw = [], 0
    for i, text in enumerate(paragraphs):
        paras.append({"article_id": ARTICLE, "paragraph_index": i, "text": text, "offset_clean": [0],
                      "offset_raw": [raw], "offset_raw_end": [raw + len(text)]})
        raw += len(text) + raw_gap
    paras = pd.DataFrame(paras)
    articles = pd.DataFrame([{"article_id": ARTICLE, "title": title, "dateline": dateline,
                              "published": pd.Timestamp("2024-11-20").date()}])
    roles = locate_roles(find_roles(entities, paras), entities, articles)
    return find_quotes(entities, paras, roles, articles)


def found(table: pd.DataFrame) -> list[tuple]:
    return [(r.kind, r.quote, None if pd.isna(r.speaker) else r.speaker) for r in table.itertuples()]


def test_direct_quote_with_its_tag_and_the_title_before_the_name():
    text = "“Kami siap menggelar debat kedua,” kata Ketua KPU Paser, Rudi Hartono, Senin (7/10/2024)."
    table = quotes([text], [(0, "Ketua KPU Paser", "OFFICE"), (0, "Rudi Hartono", "PERSON")])
    assert found(table) == [("direct", "Kami siap menggelar debat kedua,", "Rudi Hartono")]
    row = table.iloc[0]
    assert (row.cue, row.speaker_office, row.speaker_person_id) == ("kata", "Ketua KPU Paser", "rudi-hartono")
    assert row.speaker_entity_id == f"{ARTICLE}:0:57:69:PERSON"
    assert (row.start, row.end, row.raw_start, row.raw_end) == (1, 33, 1, 33)


def test_nya_and_pronouns_refer_to_the_person_speaking():
    paragraphs = ["Ketua Bawaslu Paser Siti Aminah mengatakan pengawasan diperketat sampai ke desa.",
                  "“Kami awasi sampai ke TPS,” ujarnya.",
                  "Ia juga meminta warga agar melapor bila menemukan pelanggaran."]
    table = quotes(paragraphs, [(0, "Ketua Bawaslu Paser", "OFFICE"), (0, "Siti Aminah", "PERSON")])
    assert found(table) == [("indirect", "pengawasan diperketat sampai ke desa", "Siti Aminah"),
                            ("direct", "Kami awasi sampai ke TPS,", "Siti Aminah"),
                            ("indirect", "warga agar melapor bila menemukan pelanggaran", "Siti Aminah")]
    assert list(table.cue) == ["mengatakan", "ujarnya", "meminta"]


def test_a_quote_goes_on_in_the_next_paragraph_that_opens_or_closes_it():
    reopened = quotes(["“Tahapan sudah berjalan sesuai jadwal.", "“Logistik tiba minggu depan,” kata Rudi Hartono."],
                      [(1, "Rudi Hartono", "PERSON")])
    assert found(reopened) == [("direct", "Tahapan sudah berjalan sesuai jadwal.\nLogistik tiba minggu depan,",
                                "Rudi Hartono")]
    row = reopened.iloc[0]
    assert (row.paragraph_index, row.end_paragraph_index, row.raw_start, row.raw_end) == (0, 1, 1, 67)
    closed = quotes(["“Tahapan sudah berjalan sesuai jadwal.", "Logistik tiba minggu depan,” kata Rudi Hartono."],
                    [(1, "Rudi Hartono", "PERSON")])
    assert found(closed)[0][1] == "Tahapan sudah berjalan sesuai jadwal.\nLogistik tiba minggu depan,"
    left_open = quotes(["Rudi Hartono mengatakan, “Tahapan sudah berjalan sesuai jadwal dan tidak ada kendala",
                        "Acara ditutup dengan doa bersama pukul 12.00 Wita."], [(0, "Rudi Hartono", "PERSON")])
    assert found(left_open) == [("direct", "Tahapan sudah berjalan sesuai jadwal dan tidak ada kendala", "Rudi Hartono")]


def test_a_frame_before_the_marks_gives_one_direct_quote():
    text = "Bupati Paser Budi Santoso mengatakan, “Semua ASN wajib menjaga netralitas.”"
    table = quotes([text], [(0, "Bupati Paser", "OFFICE"), (0, "Budi Santoso", "PERSON")])
    assert found(table) == [("direct", "Semua ASN wajib menjaga netralitas.", "Budi Santoso")]
    assert table.cue.tolist() == ["mengatakan"]


@pytest.mark.parametrize("text", [
    "Kegiatan bertajuk “Pilkada Damai” digelar di halaman kantor bupati.",
    "Tema “Netralitas Aparatur Sipil Negara Dalam Pilkada Serentak” diusung panitia tahun ini.",
    "Warga menamai kampung itu “kampung pemilu” sejak lama.",
])
def test_quoted_terms_and_names_are_not_quotes(text):
    assert quotes([text]).empty


def test_straight_marks_a_glued_closing_mark_and_single_marks():
    straight = quotes(['"Kami tidak akan ragu memberi sanksi," tegas Rudi Hartono.'], [(0, "Rudi Hartono", "PERSON")])
    assert found(straight) == [("direct", "Kami tidak akan ragu memberi sanksi,", "Rudi Hartono")]
    glued = quotes(["Rudi Hartono memastikan laporan itu diproses.”Semua sesuai aturan,” tegasnya."],
                   [(0, "Rudi Hartono", "PERSON")])
    assert found(glued)[-1] == ("direct", "Semua sesuai aturan,", "Rudi Hartono")
    single = quotes(["Di grup itu Ahmad Yani menulis, ‘ayo kita menangkan calon kita’."], [(0, "Ahmad Yani", "PERSON")])
    assert found(single) == [("direct", "ayo kita menangkan calon kita", "Ahmad Yani")]


@pytest.mark.parametrize("text, quote", [
    ("Camat Loa Kulu Rudi Hartono menegaskan bahwa seluruh kades harus netral.", "seluruh kades harus netral"),
    ("Rudi Hartono, dalam sambutannya, meminta seluruh ASN agar menjaga netralitas.",
     "seluruh ASN agar menjaga netralitas"),
    ("Rudi Hartono saat dikonfirmasi di Tana Paser, Senin, mengatakan logistik sudah tiba.", "logistik sudah tiba"),
    ("Rudi Hartono dari Fraksi Golkar juga sebelumnya menyebut, anggaran belum cair.", "anggaran belum cair"),
    ("Rudi Hartono, S.Sos., M.Si menyebutkan, tiga laporan sudah masuk.", "tiga laporan sudah masuk"),
    ("Ketua Bawaslu Paser, Rudi Hartono, yang memimpin rapat itu menjelaskan tahapan berjalan lancar.",
     "tahapan berjalan lancar"),
    ("Rudi Hartono mengingatkan pentingnya netralitas aparatur desa.", "pentingnya netralitas aparatur desa"),
    ("Rudi Hartono, salah seorang kepala kampung dari Distrik Waan, mengatakan dana belum cair.", "dana belum cair"),
])
def test_reporting_verbs_and_the_subject_before_them(text, quote):
    mentions = [(0, "Rudi Hartono", "PERSON")]
    mentions += [(0, m, "ORG") for m in ("Fraksi Golkar",) if m in text]
    mentions += [(0, m, "PLACE") for m in ("Distrik Waan",) if m in text]
    mentions += [(0, m, "OFFICE") for m in ("Camat Loa Kulu", "Ketua Bawaslu Paser") if m in text]
    assert found(quotes([text], mentions)) == [("indirect", quote, "Rudi Hartono")]


@pytest.mark.parametrize("text", [
    "Rudi Hartono menyampaikan apresiasi kepada seluruh panitia.",  # a noun object: no statement
    "Rapat ini penting dalam memastikan hasil pemilu berjalan adil.",  # `dalam memastikan`
    "Rudi Hartono akan menyampaikan hasilnya kepada warga besok.",  # nothing said yet
    "Menurut data BPS, inflasi bulan ini turun.",  # a source, not a speaker
    "Dengan kata lain, tahapan sudah selesai.",
])
def test_no_statement_without_a_speech_frame(text):
    assert quotes([text], [(0, "Rudi Hartono", "PERSON")] if "Rudi" in text else []).empty


def test_menurut_and_speech_tags_inside_or_after_the_sentence():
    paragraphs = ["Menurut Rudi Hartono, partisipasi pemilih naik tahun ini.",
                  "Selain itu, kata Rudi, logistik sudah tiba di gudang.",
                  "Distribusi dimulai besok pagi, ujarnya.",
                  "Lanjut Rudi, petugas akan dikawal aparat.",
                  "Partisipasi naik di semua kecamatan, menurut Rudi Hartono.",
                  "Jelasnya, kegiatan itu sudah dianggarkan."]
    mentions = [(0, "Rudi Hartono", "PERSON"), (1, "Rudi", "PERSON"), (3, "Rudi", "PERSON"), (4, "Rudi Hartono", "PERSON")]
    assert found(quotes(paragraphs, mentions)) == [
        ("indirect", "partisipasi pemilih naik tahun ini", "Rudi Hartono"),
        ("indirect", "Selain itu, kata Rudi, logistik sudah tiba di gudang", "Rudi Hartono"),
        ("indirect", "Distribusi dimulai besok pagi", "Rudi Hartono"),
        ("indirect", "petugas akan dikawal aparat", "Rudi Hartono"),
        ("indirect", "Partisipasi naik di semua kecamatan", "Rudi Hartono")]


def test_a_name_before_another_subject_is_not_the_speaker():
    table = quotes(["Setelah bertemu Rudi Hartono, warga mengatakan jalan desa rusak parah."], [(0, "Rudi Hartono", "PERSON")])
    assert found(table) == [("indirect", "jalan desa rusak parah", None)]


def test_organisations_give_no_speaker_and_other_nouns_end_the_speaker():
    paragraphs = ["Rudi Hartono mengatakan logistik sudah tiba.",
                  "Bawaslu Paser mengimbau warga untuk melapor.",
                  "“Laporkan saja ke posko terdekat,” katanya.",
                  "Salah satu kades mengaku belum menerima surat panggilan.",
                  "“Saya belum tahu soal itu,” katanya."]
    table = quotes(paragraphs, [(0, "Rudi Hartono", "PERSON"), (1, "Bawaslu Paser", "ORG")])
    assert [speaker for _, _, speaker in found(table)] == ["Rudi Hartono", None, "Rudi Hartono", None, None]


def test_a_bare_office_title_speaks_for_its_holder():
    paragraphs = ["Kapolres Paser AKBP Novy Adi Wibowo memimpin apel pengamanan.",
                  "“Jaga netralitas sampai akhir,” tutur Kapolres.",
                  "Ketua KPU Paser, dalam sambutannya, menegaskan bahwa tahapan berjalan lancar."]
    table = quotes(paragraphs, [(0, "Kapolres Paser", "OFFICE"), (0, "Paser", "PLACE"), (0, "Novy Adi Wibowo", "PERSON"),
                                (1, "Kapolres", "OFFICE"), (2, "Ketua KPU Paser", "OFFICE"), (2, "Paser", "PLACE")])
    assert [speaker for _, _, speaker in found(table)] == ["Novy Adi Wibowo", None]  # nobody holds Ketua KPU here
    assert table.speaker_office.tolist()[0] == "Kapolres Paser"


def test_hal_itu_disampaikan_names_who_made_the_statement_before_it():
    paragraphs = ["Pemkab Paser mengingatkan seluruh ASN untuk menjaga netralitas.",
                  "Hal itu disampaikan Sekda Paser, Budi Santoso, di Tana Paser, Senin."]
    table = quotes(paragraphs, [(0, "Pemkab Paser", "ORG"), (1, "Sekda Paser", "OFFICE"), (1, "Budi Santoso", "PERSON")])
    assert found(table) == [("indirect", "seluruh ASN untuk menjaga netralitas", "Budi Santoso")]
    table = quotes(["Warga diminta melapor lewat posko. Demikian disampaikannya di Tana Paser.", ""], [])
    assert found(table) == [("indirect", "Warga diminta melapor lewat posko", None)]


def test_nya_at_the_start_refers_to_the_first_person_named_outside_quotes():
    paragraphs = ["Gubernur Budi Santoso melantik Rina Lestari sebagai Sekda di aula kantor gubernur.",
                  "“Pak Joko sudah lama menjabat, kini saatnya Bu Rina,” katanya."]
    table = quotes(paragraphs, [(0, "Budi Santoso", "PERSON"), (0, "Rina Lestari", "PERSON"),
                                (1, "Joko", "PERSON"), (1, "Rina", "PERSON")])
    assert [speaker for _, _, speaker in found(table)] == ["Budi Santoso"]


def test_headline_and_dateline_are_left_out():
    paragraphs = ["Bupati: “ASN Wajib Netral Selama Pilkada”",
                  "PASER, Kaltimnews – Logistik pemilu sudah tiba di gudang, kata Rudi Hartono."]
    table = quotes(paragraphs, [(1, "Rudi Hartono", "PERSON")], title=paragraphs[0], dateline="PASER, Kaltimnews")
    assert found(table) == [("indirect", "Logistik pemilu sudah tiba di gudang", "Rudi Hartono")]


def test_misspelt_and_short_mentions_take_the_fullest_name():
    paragraphs = ["Ketua KPU Paser Ketut Darmawan Suryana membuka rapat.",
                  "Menurut Darmawan Suriana, debat disiarkan langsung."]
    table = quotes(paragraphs, [(0, "Ketut Darmawan Suryana", "PERSON"), (1, "Darmawan Suriana", "PERSON")])
    assert found(table) == [("indirect", "debat disiarkan langsung", "Ketut Darmawan Suryana")]
    assert table.speaker_person_id.tolist() == [person_id("Ketut Darmawan Suryana")]
