"""Report frameworks a campaign can adopt: the templates the seeds prescribe, read from their transcriptions."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "demo" / "seeds"
# key → (seed file, label shown to the DRC)
PRESETS = {
    "putuo_four_part": ("putuo.json", "四部分及典型案例（普陀区）"),
    "three_part": ("hongqiao.json", "三部分（红桥区）"),
    "three_part_projects": ("rongshui.json", "三部分含重大工程项目（融水县）"),
    "ordos_three_part_projects": ("ordos.json", "三部分含重点项目（鄂尔多斯市应急体系规划）"),
}


@cache
def framework_presets() -> dict[str, dict]:
    presets = {}
    for key, (seed, label) in PRESETS.items():
        framework = json.loads((SEEDS / seed).read_text("utf-8"))["campaign"]["report_framework"]
        presets[key] = {**framework, "key": key, "label": label}
    return presets


def framework_choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (_, label) in PRESETS.items()]
