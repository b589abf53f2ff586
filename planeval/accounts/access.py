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


def role_assignments(user: User) -> list[RoleAssignment]:
    """The user's roles with their jurisdiction and unit, oldest first, read once per request.

    Kept on the user object: the authentication middleware loads the user anew for every
    request, so the shell, the view and its permission checks share one query, and a role
    given or taken away shows from the next request on.
    """
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_planeval_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("jurisdiction", "unit")
                      .order_by("id"))
        user._planeval_roles = cached
    return cached


def visible_jurisdiction_ids(user: User) -> set[int]:
    """Every jurisdiction the user may read (once per request, as ``role_assignments``)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_planeval_visible", None)
    if cached is None:
        if user.is_superuser:
            cached = set(Jurisdiction.objects.values_list("id", flat=True))
        else:
            cached = jurisdiction_and_below({a.jurisdiction_id for a in role_assignments(user)})
        user._planeval_visible = cached
    return set(cached)


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
    assignments = role_assignments(user)
    if assignments:
        return assignments[0].jurisdiction
    return visible_jurisdictions(user).order_by("id").first()


def role_labels(user: User) -> list[str]:
    labels = [
        f"{a.unit.name if a.unit_id else a.jurisdiction.name} · {Role(a.role).label}" for a in role_assignments(user)
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


def is_drc(user: User, jurisdiction: Jurisdiction) -> bool:
    """A DRC role over ``jurisdiction``, held here or above, or a superuser: who may change a
    government's data across its units (imports, tasks assigned downward, reviews, peer values)."""
    return user.is_superuser or Role.DRC in jurisdiction_roles(user, jurisdiction)


def jurisdiction_roles(user: User, jurisdiction: Jurisdiction) -> frozenset[str]:
    """DRC, leader and observer roles the user holds over ``jurisdiction`` (here or above)."""
    over = set(ancestor_ids(jurisdiction))
    return frozenset(a.role for a in role_assignments(user)
                     if a.jurisdiction_id in over and a.role in JURISDICTION_ROLES)
