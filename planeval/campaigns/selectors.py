from django.db.models import Prefetch

from planeval.organizations.models import Jurisdiction

from .models import Campaign, Deadline, Phase


def current_campaign(jurisdiction: Jurisdiction) -> Campaign | None:
    """The jurisdiction's open campaign (the newest if several), with its schedule."""
    return (
        Campaign.objects.filter(jurisdiction=jurisdiction)
        .exclude(status=Campaign.Status.CLOSED)
        .prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("position", "id")),
            Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on", "id")),
        )
        .order_by("-id")
        .first()
    )
