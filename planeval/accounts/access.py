"""The one home of read access to jurisdictions: who may see which government's data.

A role held in a jurisdiction reaches that jurisdiction and everything below it
(a city's DRC sees its districts). Superusers see everything. Later object types
(submissions, values) add their own ``access_<thing>`` here or next to their app.
"""
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from planeval.organizations.models import Jurisdiction

from .models import Role, RoleAssignment, User

NO_ACCESS_TO_JURISDICTION = "您无权查看该行政区划的数据。"


def visible_jurisdiction_ids(user: User) -> set[int]:
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Jurisdiction.objects.values_list("id", flat=True))
    roots = set(RoleAssignment.objects.filter(user=user).values_list("jurisdiction_id", flat=True))
    return jurisdiction_and_below(roots)


def jurisdiction_and_below(roots: set[int]) -> set[int]:
    """The jurisdictions ``roots`` and every one below them (one query; none when ``roots`` is empty)."""
    if not roots:
        return set()
    children: dict[int | None, list[int]] = {}
    for jid, parent_id in Jurisdiction.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(jid)
    seen, stack = set(), list(roots)
    while stack:
        jid = stack.pop()
        if jid not in seen:
            seen.add(jid)
            stack.extend(children.get(jid, ()))
    return seen


def visible_jurisdictions(user: User) -> QuerySet[Jurisdiction]:
    return Jurisdiction.objects.filter(id__in=visible_jurisdiction_ids(user))


def access_jurisdiction(user: User, jurisdiction_id: int) -> Jurisdiction:
    """The jurisdiction if ``user`` may read it; PermissionDenied otherwise."""
    if jurisdiction_id not in visible_jurisdiction_ids(user):
        raise PermissionDenied(NO_ACCESS_TO_JURISDICTION)
    return Jurisdiction.objects.get(id=jurisdiction_id)


def home_jurisdiction(user: User) -> Jurisdiction | None:
    """Where the user works: the jurisdiction of their first role, or the first visible one."""
    assignment = (
        RoleAssignment.objects.filter(user=user).select_related("jurisdiction").order_by("id").first()
    )
    if assignment:
        return assignment.jurisdiction
    return visible_jurisdictions(user).order_by("id").first()


def role_labels(user: User) -> list[str]:
    assignments = RoleAssignment.objects.filter(user=user).select_related("unit", "jurisdiction")
    labels = [
        f"{a.unit.name if a.unit_id else a.jurisdiction.name} · {Role(a.role).label}" for a in assignments
    ]
    if user.is_superuser and not labels:
        labels.append(Role.SYSTEM_ADMIN.label)
    return labels


# Roles that reach a whole jurisdiction (and those below it), whatever unit the holder sits in.
JURISDICTION_ROLES = frozenset({Role.DRC, Role.LEADER, Role.OBSERVER})


def ancestor_ids(jurisdiction: Jurisdiction) -> list[int]:
    """The jurisdiction and its parents, nearest first."""
    ids, current = [], jurisdiction
    while current is not None:
        ids.append(current.id)
        current = current.parent
    return ids


def jurisdiction_roles(user: User, jurisdiction: Jurisdiction) -> frozenset[str]:
    """DRC, leader and observer roles the user holds over ``jurisdiction`` (here or above)."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        RoleAssignment.objects.filter(user=user, jurisdiction_id__in=ancestor_ids(jurisdiction),
                                      role__in=sorted(JURISDICTION_ROLES)).values_list("role", flat=True)
    )
