"""Sentence bounds (pipeline.extract.sentences)."""
from pipeline.extract.sentences import sentence_bounds, sentence_ends


def test_sentences_end_at_stops_but_not_after_initials_or_titles():
    text = "Menurut Dr. Ir. H. M. Yusuf, inflasi turun. “Ini baik,” katanya. Angka 2.5 persen wajar."
    ends = sentence_ends(text)
    assert [text[a:b] for a, b in zip([0] + [n for _, n in ends], [e for e, _ in ends] + [len(text)])] == [
        "Menurut Dr. Ir. H. M. Yusuf, inflasi turun.", "“Ini baik,” katanya.", "Angka 2.5 persen wajar."]
    start = text.index("katanya")
    assert text[slice(*sentence_bounds(text, start, start + 7))] == "“Ini baik,” katanya."
