"""Major projects for the demo: names as Putuo's task table writes them, figures invented (示例数据).

The seed names these construction projects inside its tasks but gives no investment or
schedule, so each gets a reproducible sample budget, schedule and progress, flagged
``is_sample`` and shown with the 示例数据 badge.
"""
from __future__ import annotations

import datetime
import random
import zlib
from dataclasses import dataclass
from decimal import Decimal

# (task number in 附件3, project name as written there)
PUTUO_PROJECTS = (
    ("57", "长途客运站和上海西站地上地下一体联通的综合交通枢纽"),
    ("56", "红旗村改造-真如境项目"),
    ("64", "沪西工人文化宫"),
    ("64", "中海剧场"),
    ("66", "上海市体育宫改扩建"),
    ("66", "真如体育公园"),
    ("72", "桃浦污水厂初期雨水调蓄池改造及支管工程"),
    ("80", "华东师大二附中普陀校区"),
    ("80", "武宁中学改扩建"),
    ("83", "西部区域医疗中心"),
    ("83", "区中医医院迁建"),
    ("83", "红十字会老年护理院"),
)

STATUSES = ("completed", "under_construction", "under_construction", "under_construction", "about_to_start",
            "preparing")


@dataclass(frozen=True)
class SampleProject:
    task_number: str
    name: str
    total_investment: Decimal
    completed_investment: Decimal
    starts_on: datetime.date
    finishes_on: datetime.date
    status: str


def sample_projects() -> list[SampleProject]:
    projects = []
    for task_number, name in PUTUO_PROJECTS:
        rng = random.Random(zlib.crc32(name.encode("utf-8")))
        total = Decimal(str(round(rng.uniform(1.5, 40), 1)))
        start = datetime.date(rng.choice((2020, 2021, 2022)), rng.choice((3, 6, 9)), 1)
        finish = datetime.date(start.year + rng.choice((2, 3, 4)), rng.choice((6, 12)), 30)
        status = rng.choice(STATUSES)
        if status == "completed":
            share = 1.0
        elif status in ("preparing", "about_to_start"):
            share = 0.0
        else:
            share = rng.uniform(0.15, 0.8)
        projects.append(SampleProject(task_number, name, total, Decimal(str(round(float(total) * share, 1))),
                                      start, finish, status))
    return projects
