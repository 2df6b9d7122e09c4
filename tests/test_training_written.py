"""The markup of the written training articles (training/written), read by training.written."""
import pytest

from training.written import parse_line


def test_marks_nest_and_the_inner_one_closes_first():
    text, spans = parse_line("kata {{OFFICE:Ketua {{ORG:KIP Aceh Utara}}}}, {{PERSON:Teuku Zulfikar}}.")
    assert text == "kata Ketua KIP Aceh Utara, Teuku Zulfikar."
    assert [(text[s:e], label) for s, e, label in spans] == [
        ("Ketua KIP Aceh Utara", "OFFICE"), ("KIP Aceh Utara", "ORG"), ("Teuku Zulfikar", "PERSON")]


@pytest.mark.parametrize("line", ["{{ORG:KPU Kendal}", "KPU}} Kendal", "{{OFFICE:Bupati {{PLACE:Kendal}}", "{{DATE:Senin}}"])
def test_malformed_markup_is_refused(line):
    with pytest.raises(ValueError):
        parse_line(line)
