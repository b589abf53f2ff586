"""The compiled report's sentences on the public's voice (问卷调查, 人民建议征集)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SAMPLE_NOTE = "（以上含示例数据，仅供演示。）"


@dataclass(frozen=True)
class AreaIndex:
    label: str
    n: int
    index: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class AreaVoice:
    label: str
    total: int
    themes: tuple[str, ...]


def survey_sentences(*, questionnaires: int, responses: int, areas: Sequence[AreaIndex], themes: Sequence[str],
                     keywords: Sequence[str]) -> list[str]:
    if not questionnaires:
        return []
    sentences = [f"开展问卷调查{questionnaires}项，共回收答卷{responses}份。"]
    scored = [a for a in areas if a.index is not None]
    if scored:
        parts = []
        for a in scored:
            interval = f"95%置信区间{a.low:.1f}–{a.high:.1f}，" if a.low is not None else ""
            parts.append(f"{a.label}{a.index:.1f}（{interval}样本{a.n}份）")
        sentences.append("各领域满意度指数（满分100）：" + "；".join(parts) + "。")
    if themes:
        text = "公众文字意见主要集中在" + "、".join(themes) + "等方面"
        sentences.append(text + (f"，高频关键词为{'、'.join(keywords)}。" if keywords else "。"))
    return sentences


def suggestion_sentences(*, counts: dict[str, int], outcomes: dict[str, int], areas: Sequence[AreaVoice]) -> list[str]:
    total = sum(counts.values())
    if not total:
        return []
    public = counts.get("published", 0) + counts.get("routed", 0) + counts.get("answered", 0)
    sentence = (f"开展人民建议征集，共收到建议{total}条，经审核公开{public}条、不予公开{counts.get('rejected', 0)}条、"
                f"待审核{counts.get('pending', 0)}条；已转相关单位办理{counts.get('routed', 0) + counts.get('answered', 0)}条，"
                f"已答复{counts.get('answered', 0)}条")
    if counts.get("answered"):
        sentence += ("（其中采纳{adopted}条、部分采纳{partly}条、不采纳{not_adopted}条、其他答复{replied}条）"
                     .format(**{k: outcomes.get(k, 0) for k in ("adopted", "partly", "not_adopted", "replied")}))
    sentences = [sentence + "。"]
    parts = [f"{a.label}{a.total}条" + (f"（{'、'.join(a.themes)}）" if a.themes else "") for a in areas]
    if parts:
        sentences.append("分领域看：" + "；".join(parts) + "。")
    return sentences
