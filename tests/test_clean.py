from pipeline.clean import clean_article


def paragraphs(raw):
    paras, info = clean_article(raw)
    return [(p.text, p.is_boilerplate) for p in paras], info


def test_chrome_lines_are_flagged_not_deleted():
    raw = ("Judul Berita\n\nIsi pertama berita.\n\nBacaan Lainnya\n\nBaca Juga: Judul Lain di Sini\n\n"
           "Isi kedua.\n\nPos terkait\n\nLeave a Reply\nYour email address will not be published. Required\n"
           "Tinggalkan Balasan\n![]() |\n")
    paras, info = paragraphs(raw)
    flags = dict(paras)
    assert flags["Isi pertama berita."] is False and flags["Isi kedua."] is False
    for chrome in ("Bacaan Lainnya", "Baca Juga: Judul Lain di Sini", "Pos terkait", "Leave a Reply",
                   "Tinggalkan Balasan", "![]() |"):
        assert flags[chrome] is True
    assert info["n_boilerplate_removed"] == 7


def test_teaser_glued_to_article_text_is_cut_out():
    raw = "Judul\nBaca Juga: Unpatti Teken Kerja Sama“Pejabat daerah wajib menjaga netralitas,” tegasnya.\n"
    paras, _ = paragraphs(raw)
    assert paras[1] == ("“Pejabat daerah wajib menjaga netralitas,” tegasnya.", False)
    kept, _ = clean_article(raw)
    p = kept[1]
    s = p.text.index("Pejabat")
    assert raw[p.map.raw_start(s):p.map.raw_end(s + 7)] == "Pejabat"


def test_teaser_title_followed_by_article_text_after_a_space_is_cut_out():
    raw = ("Judul\nBaca Juga: Harga Cabai Naik Jelang Natal Pedagang sayur di pasar itu mengaku omzetnya turun "
           "sejak awal bulan.\nBaca Juga: Bupati Resmikan Pasar Baru di Kecamatan Sukamaju\n")
    paras, _ = paragraphs(raw)
    assert paras[1] == ("Pedagang sayur di pasar itu mengaku omzetnya turun sejak awal bulan.", False)
    assert paras[2][1] is True


def test_teaser_title_on_the_line_after_its_marker():
    paras, _ = paragraphs("Judul\nIsi berita.\nBaca Juga:\nDana Desa Dominasi Kasus Korupsi\nIsi lanjutan berita.\n")
    assert [b for _, b in paras] == [False, False, True, True, False]


def test_weather_widget_at_the_top():
    paras, _ = paragraphs("32.7 C\nJakarta\nFriday, November 22, 2024\n\nJudul Berita Hari Ini\n\nJAKARTA – Isi.\n")
    assert [b for _, b in paras] == [True, True, True, False, False]


def test_dateline_and_bylines_are_extracted():
    raw = ("Judul\n\nAMBON, Siwalimanews – Pemkot Ambon menggelar rapat.\n\nIsi lain. (eri/art/kpg)\n\n"
           "Penulis: Slamet\n")
    paras, info = paragraphs(raw)
    assert info["dateline"] == "AMBON, Siwalimanews"
    assert info["byline"] == "(eri/art/kpg) | Penulis: Slamet"
    assert ("Penulis: Slamet", False) in paras  # bylines are kept as content


def test_capital_dateline_without_outlet():
    _, info = paragraphs("Judul\nKUTAI KARTANEGARA – Penjabat Bupati hadir.\n")
    assert info["dateline"] == "KUTAI KARTANEGARA"


def test_mojibake_and_odd_spaces():
    paras, _ = paragraphs("Judul\nKata dia, â€œsiap.â€\u009d\u00a0\u00a0Selesai\u200b.\n")
    assert paras[1][0] == "Kata dia, “siap.” Selesai."


def test_sentence_starting_with_a_marker_word_is_content():
    paras, _ = paragraphs("Judul\nShare saham daerah naik menjadi 20 persen tahun ini.\n")
    assert paras[1][1] is False
