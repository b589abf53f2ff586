"""Keywords and themes of free-text answers (问卷 and 人民建议), with jieba (docs/surveys.md).

jieba is a plain library here: no Django. Its dictionary takes a second or more to load, so one
tokenizer is built per process, on first use, behind a lock (``tokenizer()``); its cache file goes
to the folder given by ``configure(cache_dir=...)`` (the app sets var/cache), never a shared /tmp
where another account could plant a cache that jieba would unmarshal. Nothing here touches the
network: jieba reads only the dictionary and IDF table shipped in its wheel.

Keywords are TF-IDF, the formula of ``jieba.analyse.extract_tags`` with jieba's own IDF table:
term frequency over all the answers of a group × IDF (words missing from the table get its
median). Only nouns, verbal nouns, idioms and the platform's own domain words count; person
names (nr) never do, so a name written in an answer does not become a headline. Stop words are
``stopwords_zh.STOP_WORDS`` (function words, opinion filler such as 希望/建议, and the plan's own
vocabulary such as 规划). Each keyword also says in how many answers it appears.

Themes are a fixed lexicon of public-service topics (交通出行, 生态环境, 垃圾分类 …): an answer
counts toward a theme when one of its words contains one of the theme's stems. A lexicon, not
clustering, because a DRC must be able to say why an answer was counted where it was.
"""
from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .stopwords_zh import STOP_WORDS

# Parts of speech that can be a keyword: nouns (n, ns place, nt organisation, nz other proper),
# verbal nouns (vn), idioms (i), set phrases (l), abbreviations (j). Not nr (person names).
KEYWORD_POS = frozenset({"n", "ns", "nt", "nz", "nl", "ng", "vn", "i", "l", "j"})
MIN_LENGTH = 2

# Words of plans and public services that jieba's general dictionary splits or mis-tags.
DOMAIN_WORDS = (
    "十四五", "中期评估", "高标准农田", "垃圾分类", "湿垃圾", "干垃圾", "口袋公园", "黑臭水体", "一网通办",
    "一网统管", "城市更新", "旧区改造", "老旧小区", "加装电梯", "停车难", "停车位", "充电桩", "养老服务",
    "社区食堂", "助餐点", "投放点", "长者食堂", "养老", "托育", "家门口", "生活圈", "滨河步道", "苏州河", "河道",
    "营商环境", "人才公寓", "保障性租赁住房", "菜市场", "非机动车", "共享单车", "公交线路", "微循环",
    "断头路", "噪音扰民", "社区卫生服务中心", "家庭医生", "健身步道", "绿道", "海绵城市",
)

THEMES: dict[str, tuple[str, ...]] = {
    "交通出行": ("停车", "公交", "地铁", "轨道", "道路", "交通", "拥堵", "出行", "骑行", "非机动车", "单车",
             "断头路", "路口", "红绿灯", "充电桩"),
    "生态环境": ("河道", "河流", "水质", "黑臭", "空气", "绿化", "绿地", "公园", "绿道", "噪音", "噪声", "污染",
             "异味", "生态", "苏州河", "步道"),
    "垃圾分类": ("垃圾", "分类", "环卫", "保洁", "清运", "回收"),
    "住房与城市更新": ("住房", "房价", "租房", "租赁", "旧改", "旧区", "老旧小区", "电梯", "城市更新", "物业",
                "房屋", "公寓"),
    "医疗卫生": ("医院", "看病", "医疗", "医生", "卫生服务", "挂号", "就医", "门诊"),
    "养老托育": ("养老", "老人", "老年", "助餐", "长者", "适老", "托育", "托幼", "食堂"),
    "教育": ("学校", "教育", "入学", "幼儿园", "课后", "学位", "老师"),
    "就业与营商": ("就业", "创业", "企业", "营商", "招聘", "办事", "一网通办", "审批", "人才"),
    "文化体育": ("文化", "体育", "健身", "图书馆", "运动", "球场", "场馆", "演出"),
    "社区治理与安全": ("社区", "居委", "治安", "安全", "消防", "志愿", "物业管理", "一网统管"),
}

_lock = threading.Lock()
_state: dict[str, object] = {"cache_dir": None, "tokenizer": None, "pos": None, "idf": None}


def configure(*, cache_dir: str | None) -> None:
    """Where jieba may write its dictionary cache. Call before first use (the app's ready())."""
    _state["cache_dir"] = cache_dir


def tokenizer():
    """The process's part-of-speech tokenizer, built once on first use (about a second)."""
    pos = _state["pos"]
    if pos is not None:
        return pos
    with _lock:
        if _state["pos"] is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            base = jieba.Tokenizer()
            if _state["cache_dir"]:
                os.makedirs(str(_state["cache_dir"]), exist_ok=True)
                base.tmp_dir = str(_state["cache_dir"])
            base.initialize()
            for word in DOMAIN_WORDS:
                base.add_word(word, freq=None, tag="n")
            _state["tokenizer"] = base
            _state["idf"] = _load_idf(os.path.join(os.path.dirname(jieba.__file__), "analyse", "idf.txt"))
            _state["pos"] = jieba.posseg.POSTokenizer(base)
    return _state["pos"]


def _load_idf(path: str) -> tuple[dict[str, float], float]:
    # The table of jieba.analyse, read here so that importing jieba.analyse (which builds its own
    # extractors over the global tokenizer) is not needed.
    table: dict[str, float] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word, _, value = line.strip().partition(" ")
            if value:
                table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


def segment(text: str) -> list[tuple[str, str]]:
    """``text`` as (word, part of speech) pairs."""
    return [(pair.word, pair.flag) for pair in tokenizer().lcut(text or "")]


def content_words(text: str) -> list[str]:
    """The words of ``text`` that may be keywords: right part of speech, not a stop word, ≥ 2 characters."""
    return [word for word, flag in segment(text)
            if flag in KEYWORD_POS and len(word) >= MIN_LENGTH and word not in STOP_WORDS
            and not word.isdigit()]


@dataclass(frozen=True)
class Keyword:
    word: str
    weight: float
    answers: int        # how many answers contain it


@dataclass(frozen=True)
class Theme:
    name: str
    answers: int        # how many answers touch it
    words: tuple[str, ...]   # the words that matched, most frequent first


@dataclass(frozen=True)
class TextSummary:
    answers: int
    keywords: tuple[Keyword, ...]
    themes: tuple[Theme, ...]


def summarise(texts: Iterable[str], *, top: int = 10) -> TextSummary:
    """Keywords (TF-IDF) and themes of a group of answers; empty answers are not counted."""
    documents = [content_words(text) for text in texts if (text or "").strip()]
    return TextSummary(answers=len(documents), keywords=_keywords(documents, top),
                       themes=_themes(documents))


def keywords(texts: Iterable[str], *, top: int = 10) -> list[str]:
    """Just the keyword strings of ``texts``, best first."""
    return [k.word for k in summarise(texts, top=top).keywords]


def _keywords(documents: Sequence[list[str]], top: int) -> tuple[Keyword, ...]:
    frequency = Counter(word for words in documents for word in words)
    total = sum(frequency.values())
    if not total:
        return ()
    table, median = _state["idf"]
    presence = Counter(word for words in documents for word in set(words))
    scored = sorted(((count * table.get(word, median) / total, word) for word, count in frequency.items()),
                    key=lambda pair: (-pair[0], pair[1]))
    return tuple(Keyword(word, round(weight, 4), presence[word]) for weight, word in scored[:top])


def _themes(documents: Sequence[list[str]]) -> tuple[Theme, ...]:
    themes = []
    for name, stems in THEMES.items():
        hits, words = 0, Counter()
        for document in documents:
            matched = [word for word in document if any(stem in word for stem in stems)]
            if matched:
                hits += 1
                words.update(matched)
        if hits:
            themes.append(Theme(name, hits, tuple(w for w, _ in words.most_common(5))))
    return tuple(sorted(themes, key=lambda t: (-t.answers, list(THEMES).index(t.name))))


def idf_ready() -> bool:
    """Whether the dictionary is loaded in this process (for the benchmark's cold/warm split)."""
    return _state["pos"] is not None

