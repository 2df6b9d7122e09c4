from hypothesis import given, strategies as st

from pipeline.clean import normalise_line
from pipeline.offsets import OffsetMapBuilder


def test_copied_and_replaced_segments():
    b = OffsetMapBuilder()
    b.add("abc", 0, 3)
    b.add("“", 3, 6)  # a 3-character mojibake became one character
    b.add("de", 9, 11)  # raw 6..9 was deleted
    m = b.map
    assert b.text() == "abc“de"
    assert [m.raw_start(i) for i in range(6)] == [0, 1, 2, 3, 9, 10]
    assert [m.raw_end(i) for i in range(1, 7)] == [1, 2, 3, 6, 10, 11]


def test_normalise_line_maps_spans_back_to_raw():
    raw = "xx\u00a0 Kata  â€œBupatiâ€\u009d\u200b Kukar\u00a0\n"
    text, m = normalise_line(raw, 0, len(raw) - 1)
    assert text == "xx Kata “Bupati” Kukar"
    for word in ("Kata", "Bupati", "Kukar", "“Bupati”"):
        s = text.index(word)
        e = s + len(word)
        raw_span = raw[m.raw_start(s):m.raw_end(e)]
        assert raw_span.replace("â€œ", "“").replace("â€\u009d", "”") == word


def test_stray_capital_a_before_space_is_a_space():
    text, _ = normalise_line("Baca juga :Â Judul", 0, 18)
    assert text == "Baca juga : Judul"


words = st.text(alphabet="abcKUKAR", min_size=1, max_size=6)
seps = st.sampled_from([" ", "  ", "\u00a0", "\t", " \u200b", "\u2009"])


@given(st.lists(st.tuples(words, seps), min_size=1, max_size=8))
def test_every_word_maps_back_to_itself(parts):
    raw = "".join(w + s for w, s in parts)
    text, m = normalise_line(raw, 0, len(raw))
    pos = 0
    for w, _ in parts:
        s = text.index(w, pos)
        e = s + len(w)
        assert raw[m.raw_start(s):m.raw_end(e)] == w
        pos = e
