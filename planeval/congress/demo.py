"""Putuo's 提请审议 package in the demo: the generated documents and the first two steps (示例数据).

The route's order comes from the seeds (经区委、区政府审议通过后，提交区人大审议); the dates,
meeting names and 文号 are invented and marked as sample data.
"""
from __future__ import annotations

import datetime

from django.db import transaction

from planeval.accounts.models import User
from planeval.domain.congress_route import RouteStep

from . import services
from .models import Document, Package

SAMPLE_STEPS = (
    (RouteStep.GOVERNMENT, datetime.date(2023, 10, 16), "区政府第××次常务会议", "普府会纪〔2023〕××号",
     "原则通过《中期评估报告》《指标调整方案》，请区发改委根据会议意见修改后报区委常委会审议。"),
    (RouteStep.PARTY, datetime.date(2023, 10, 24), "区委常委会第××次会议", "普委会纪〔2023〕××号",
     "同意提请区人大常委会审议。"),
)


@transaction.atomic
def sample_congress_load(campaign) -> int:
    """Create the sample package once; returns the number of steps recorded."""
    if Package.objects.filter(campaign=campaign).exists():
        return 0
    user = User.objects.get(username="fgw")
    package = Package.objects.create(campaign=campaign, is_sample=True)
    from planeval.reports.services import export_document

    for kind in (Document.Kind.ADJUSTMENT_PLAN, Document.Kind.ADJUSTMENT_EXPLANATION):
        exported = export_document(campaign=campaign, kind=kind, fmt="docx")
        services._store(package=package, user=user, kind=kind, title=f"{Document.Kind(kind).label}（示例）",
                        filename=exported.filename, content=exported.content, is_sample=True)
    for step, day, body, number, outcome in SAMPLE_STEPS:
        services.route_step_record(package=package, user=user, step=step.value, held_on=day, body=body,
                                   document_number=number, outcome=outcome, expected_version=None,
                                   is_sample=True)
    return len(SAMPLE_STEPS)
