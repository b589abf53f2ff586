import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from planeval.domain.working_days import CalendarNotCovered, deadline_due
from planeval.organizations.models import Jurisdiction

from .models import Campaign, Deadline, Phase


def _open_campaigns(jurisdiction: Jurisdiction):
    return Campaign.objects.filter(jurisdiction=jurisdiction).exclude(status=Campaign.Status.CLOSED).order_by("-id")


def current_campaign_id(jurisdiction: Jurisdiction) -> int | None:
    """The id of ``current_campaign`` in one query without the schedule (the navigation's links)."""
    return _open_campaigns(jurisdiction).values_list("id", flat=True).first()


def current_campaign(jurisdiction: Jurisdiction) -> Campaign | None:
    """The jurisdiction's open campaign (the newest if several), with its schedule."""
    return (
        _open_campaigns(jurisdiction)
        .prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("position", "id")),
            Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on", "id")),
        )
        .first()
    )


WORKING_DAYS_NOTE = "（按工作日计算，已剔除节假日）"


@dataclass(frozen=True)
class DeadlineRow:
    """A deadline as the pages list it: its text, the date it falls on, and why there is none."""

    deadline: Deadline
    due_on: datetime.date | None
    computed: bool  # counted in working days from the event's date
    problem: str = ""  # Chinese: the calendar does not cover the year, or the event has no date yet

    @property
    def label(self) -> str:
        return str(self.deadline)

    note = WORKING_DAYS_NOTE


EVENT_PENDING = "起算事件“{event}”尚未登记发生日期，截止日期待定"


def deadline_row(deadline: Deadline) -> DeadlineRow:
    """The computed due date of one deadline (working days on the official calendar)."""
    computed = deadline.due_on is None and bool(deadline.working_days_after)
    try:
        due = deadline_due(due_on=deadline.due_on, working_days_after=deadline.working_days_after,
                           event_on=deadline.event_on)
    except CalendarNotCovered as uncovered:
        return DeadlineRow(deadline, None, computed, str(uncovered))
    if due is None and computed:
        return DeadlineRow(deadline, None, computed, EVENT_PENDING.format(event=deadline.after_event))
    return DeadlineRow(deadline, due, computed)


def deadline_rows(campaign: Campaign) -> list[DeadlineRow]:
    """Every deadline of the campaign with its date (uses the prefetched ``deadlines``)."""
    return [deadline_row(d) for d in campaign.deadlines.all()]
