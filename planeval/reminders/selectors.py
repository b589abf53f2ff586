from .models import Notification


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user, *, unread_only: bool = False):
    """The user's own reminders, newest first (one query)."""
    rows = Notification.objects.filter(recipient=user).select_related("campaign")
    return rows.filter(read_at__isnull=True) if unread_only else rows
