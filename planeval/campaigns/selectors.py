from django.db.models import Prefetch

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
