"""The comparison rule, table-driven, without a database."""
import pytest

from planeval.domain.review_compare import Agreement, compare, rating_letter, third_party_sentence


@pytest.mark.parametrize("self_rating, outside, expected", [
    ("B", "B", Agreement.SAME),
    ("B", "C", Agreement.DIFFERENT),
    ("C", "B", Agreement.DIFFERENT),
    ("B", "D", Agreement.STRONG),
    ("A", "C", Agreement.STRONG),
    ("D", "A", Agreement.STRONG),
    ("", "B", Agreement.NONE),
    ("B", "", Agreement.NONE),
])
def test_compare(self_rating, outside, expected):
    assert compare(self_rating, outside) is expected


@pytest.mark.parametrize("text, letter", [
    ("B", "B"), ("b", "B"), (" C ", "C"), ("B 进展良好、可以如期完成", "B"), ("Ｄ", "D"), ("D、情况变化", "D"),
    ("", ""), ("E", ""), ("AB", ""), ("进展良好", ""), (None, ""),
])
def test_rating_letter(text, letter):
    assert rating_letter(text) == letter


def test_sentence_counts_agreements_and_what_could_not_be_compared():
    text = third_party_sentence(organisations=["某研究院"], judged=8, same=4, different=2, strong=1)
    assert text.startswith("委托某研究院开展第三方评估，共对8项（次）")
    assert "一致4项、不一致2项（相差两级及以上1项），另有2项尚无自评结论可供比较。" in text
    assert third_party_sentence(organisations=[], judged=0, same=0, different=0, strong=0) == ""
    assert "尚未报送" in third_party_sentence(organisations=["某研究院"], judged=0, same=0, different=0, strong=0)
