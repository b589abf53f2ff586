"""Time jieba on the public's free-text answers: the dictionary's first load, then keywords and themes
of 1,000 answers (planeval/domain/keywords.py). Pure Python, no database.

    .venv/bin/python benchmarks/survey_keywords.py

Prints the cold load (import + dictionary, once per process), and the best of five summaries of 1,000
answers (about 30 characters each, drawn reproducibly from realistic sentences). Goal: a summary of
1,000 answers well under 1 s once the dictionary is loaded.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planeval.domain import keywords

ANSWERS = 1000
POOL = (
    "苏州河滨河步道修得很漂亮，晚上散步的人很多，希望继续延伸。", "小区旁边的河道还有异味，希望加强河道治理。",
    "垃圾分类做得不错，但是湿垃圾清运不及时，投放点有异味。", "希望多建一些口袋公园，老小区周边绿地太少。",
    "空气质量比前几年好了，但是工地扬尘和噪音还是扰民。", "小区停车难，晚上回家找不到停车位，希望建立体停车库。",
    "老旧小区加装电梯推进太慢，老人上下楼很困难。", "社区食堂价格实惠，希望多开几家长者食堂。",
    "地铁站到小区最后一公里不方便，希望增加公交线路。", "家门口的社区卫生服务中心看病方便多了。",
    "孩子入学学位紧张，希望新建学校。", "办事大厅一网通办很方便，企业开办一天就办好了。",
)


def main() -> None:
    keywords.configure(cache_dir=tempfile.mkdtemp(prefix="planeval-jieba-"))
    started = time.perf_counter()
    keywords.tokenizer()
    cold = time.perf_counter() - started
    rng = random.Random(1)
    pool = list(POOL)
    answers = [rng.choice(pool) + rng.choice(pool)[: rng.randint(0, 20)] for _ in range(ANSWERS)]
    characters = sum(len(a) for a in answers)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        summary = keywords.summarise(answers, top=10)
        runs.append(time.perf_counter() - started)
    print(f"dictionary load (first use in a process): {cold * 1000:.0f} ms")
    print(f"{ANSWERS} answers, {characters} characters: best {min(runs) * 1000:.0f} ms, "
          f"worst {max(runs) * 1000:.0f} ms ({min(runs) / ANSWERS * 1e6:.0f} µs an answer)")
    print("keywords:", "、".join(k.word for k in summary.keywords))
    print("themes:", "、".join(f"{t.name} {t.answers}" for t in summary.themes))


if __name__ == "__main__":
    main()
