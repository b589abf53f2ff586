"""Keyword extraction on real Chinese sentences (issue 8, "done when"): jieba must segment them
into the words a person would pick, and the stop words must keep filler out."""
import socket

import pytest

from planeval.domain import keywords

PARKING = [
    "小区停车难，晚上回家根本找不到停车位，希望建立体停车库。",
    "停车位太少了，路边乱停车很严重，建议规划更多公共停车场。",
    "老小区停车难的问题一直没有解决，希望政府重视。",
]
WASTE = [
    "垃圾分类做得不错，但是湿垃圾清运不及时，投放点有异味。",
    "希望垃圾分类投放点增加洗手池，定时投放时间能否延长。",
    "垃圾分类宣传很到位，小区干净多了。",
]
RIVER = [
    "小区旁边的河道还有异味，夏天比较明显，希望加强河道治理。",
    "河道水质明显改善，苏州河滨河步道很漂亮。",
    "建议河道两岸多种树，增加绿化。",
]


def test_parking_sentences_give_parking_keywords():
    found = keywords.keywords(PARKING, top=5)
    assert "停车难" in found and "停车位" in found
    assert found[0] in {"停车难", "停车位"}


def test_waste_sentences_give_waste_keywords():
    found = keywords.keywords(WASTE, top=5)
    assert found[0] == "垃圾分类"      # one word, not 垃圾 + 分类: broken segmentation fails here
    assert {"投放点", "垃圾清运", "洗手池"} & set(found)
    assert "小区" not in found            # everyone lives in one: not a keyword


def test_river_sentences_give_river_keywords():
    found = keywords.keywords(RIVER, top=5)
    assert found[0] == "河道"
    assert "水质" in found or "苏州河" in found


def test_mixed_answers_rank_each_topic_and_count_answers():
    summary = keywords.summarise(PARKING + WASTE + RIVER, top=6)
    words = {k.word: k for k in summary.keywords}
    assert {"河道", "垃圾分类", "停车难"} <= set(words)
    assert words["河道"].answers == 3 and words["垃圾分类"].answers == 3
    assert summary.answers == 9


def test_stop_words_and_plan_words_never_become_keywords():
    found = keywords.keywords(PARKING + WASTE + RIVER, top=30)
    for filler in ("希望", "建议", "规划", "问题", "政府", "小区干净"):
        assert filler not in found
    assert all(len(word) >= 2 for word in found)


def test_person_names_are_not_keywords():
    assert "张伟" not in keywords.content_words("张伟说社区食堂价格太贵")
    assert "社区食堂" in keywords.content_words("张伟说社区食堂价格太贵")


def test_themes_group_answers_by_public_service_topic():
    themes = {t.name: t for t in keywords.summarise(PARKING + WASTE + RIVER).themes}
    assert themes["交通出行"].answers == 3
    assert themes["垃圾分类"].answers == 3
    assert themes["生态环境"].answers >= 3   # the river answers (and the smell of a waste point)
    assert "停车难" in themes["交通出行"].words


def test_empty_answers_give_an_empty_summary():
    summary = keywords.summarise(["", "   "])
    assert summary.answers == 0 and summary.keywords == () and summary.themes == ()


def test_keyword_extraction_opens_no_network_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("keyword extraction tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert keywords.keywords(["苏州河的河道很干净"], top=3)


@pytest.mark.parametrize("sentence, word", [("希望多建口袋公园", "口袋公园"), ("老旧小区加装电梯太慢", "加装电梯"),
                                            ("十四五中期评估", "中期评估")])
def test_domain_words_stay_whole(sentence, word):
    assert word in [w for w, _ in keywords.segment(sentence)]
