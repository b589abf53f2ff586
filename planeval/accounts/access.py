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

# Administrator roles: they manage the system, accounts or the audit log, never plan data.
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})


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
            # Separated administrator roles reach no plan data, wherever they are held.
            cached = jurisdiction_and_below({a.jurisdiction_id for a in role_assignments(user)
                                             if a.role not in ADMIN_ROLES})
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


def drc_jurisdiction_ids(user: User) -> set[int]:
    """Every jurisdiction whose data ``user`` may change as a DRC: where they hold the DRC role and
    below it, or all of them for a superuser. The scope of the admin site for staff."""
    if user.is_superuser:
        return visible_jurisdiction_ids(user)
    return jurisdiction_and_below({a.jurisdiction_id for a in role_assignments(user) if a.role == Role.DRC})


def jurisdiction_roles(user: User, jurisdiction: Jurisdiction) -> frozenset[str]:
    """DRC, leader and observer roles the user holds over ``jurisdiction`` (here or above)."""
    over = set(ancestor_ids(jurisdiction))
    return frozenset(a.role for a in role_assignments(user)
                     if a.jurisdiction_id in over and a.role in JURISDICTION_ROLES)


# Separated administrator roles (三权分立, docs/audit.md). An account holding the security or audit
# administrator role is confined to that role's pages, whatever else it holds; the system
# administrator is the superuser and may do everything except read or change the audit log.
SEPARATED_ADMIN_ROLES = frozenset({Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
NOT_YOUR_DUTY = "您的账户为{role}，只能使用{role}的功能；本页面不属于其职责范围。"
NO_AUDIT_ACCESS = "只有审计管理员（以及只读安全事件的安全管理员）可以查看审计记录。"

# URL namespaces each confined role may open besides its own account pages (login, logout,
# password change, second factor) — "admin" is Django's admin, whose model permissions narrow
# the security administrator further to accounts and lockouts.
_ROLE_NAMESPACES = {
    Role.AUDIT_ADMIN: frozenset({"audit"}),
    Role.SECURITY_ADMIN: frozenset({"audit", "admin"}),
}
ACCOUNT_URL_NAMESPACES = frozenset({"accounts", "two_factor"})
# The admin models a security administrator manages (its Django group's permissions): accounts,
# roles and lockouts — and, to pick where a role applies, a read-only view of the organisations.
SECURITY_ADMIN_MODELS = {
    "accounts.user": ("add", "change", "view"),
    "accounts.roleassignment": ("add", "change", "delete", "view"),
    "auth.group": ("view",),
    "axes.accessattempt": ("view", "delete"),
    "axes.accessfailurelog": ("view",),
    "axes.accesslog": ("view",),
    # A user who lost the phone: the security administrator deletes the TOTP device, they enrol again.
    "otp_totp.totpdevice": ("view", "delete"),
    "organizations.jurisdiction": ("view",),
    "organizations.unit": ("view",),
}
ACCOUNT_URL_NAMES = frozenset({"login", "logout", "password_change", "password_change_done", "healthz"})


def separated_admin_role(user: User) -> str | None:
    """The confining administrator role the user holds (audit first, the stricter), or None."""
    held = {a.role for a in role_assignments(user)}
    for role in (Role.AUDIT_ADMIN, Role.SECURITY_ADMIN):
        if role in held:
            return role
    return None


# Where a confined administrator lands instead of the plan home page.
_ROLE_HOMES = {Role.AUDIT_ADMIN: "audit:events", Role.SECURITY_ADMIN: "admin:index"}


def separated_admin_home(user: User) -> str | None:
    """The URL name of the confined administrator's own start page; None for everyone else."""
    role = separated_admin_role(user)
    return _ROLE_HOMES[role] if role else None


def access_page(user: User, *, namespace: str, url_name: str = "") -> None:
    """Refuse a confined administrator any page outside its role (deny by default for them).

    Every other user passes here; the page's own ``access_<thing>`` check decides the rest.
    """
    role = separated_admin_role(user)
    if role is None:
        return
    if url_name in ACCOUNT_URL_NAMES or namespace in ACCOUNT_URL_NAMESPACES:
        return
    if namespace.split(":")[0] in _ROLE_NAMESPACES[role]:
        return
    raise PermissionDenied(NOT_YOUR_DUTY.format(role=Role(role).label))


def audit_actions_readable(user: User) -> frozenset[str]:
    """Which audit actions the user may read: every action for the audit administrator, the security
    events for a security administrator, and nothing for anyone else — superusers included."""
    from planeval.audit.actions import SECURITY_ACTIONS, Action

    role = separated_admin_role(user) if user.is_authenticated and user.is_active else None
    if role == Role.AUDIT_ADMIN:
        return frozenset(Action.values)
    if role == Role.SECURITY_ADMIN:
        return SECURITY_ACTIONS
    return frozenset()


def may_read_audit_log(user: User) -> bool:
    return bool(audit_actions_readable(user))


def access_audit_log(user: User) -> frozenset[str]:
    """The audit actions the user may read; PermissionDenied if none."""
    actions = audit_actions_readable(user)
    if not actions:
        raise PermissionDenied(NO_AUDIT_ACCESS)
    return actions


# Second factor (TOTP, issue 9): offered to the roles that change plan data for a whole
# jurisdiction or run the system, and required of them when PLANEVAL_TOTP_REQUIRED is on.
TOTP_ROLES = frozenset({Role.DRC, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
TOTP_NOT_OFFERED = "双因素认证仅适用于发改委统筹和管理员账户。"


def totp_eligible(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(a.role in TOTP_ROLES for a in role_assignments(user))


def access_totp(user: User) -> None:
    """Refuse the 双因素认证 page to accounts it is not offered to."""
    if not totp_eligible(user):
        raise PermissionDenied(TOTP_NOT_OFFERED)


def totp_required(user: User) -> bool:
    """Whether the user must enrol before using anything else (PLANEVAL_TOTP_REQUIRED)."""
    from django.conf import settings

    return settings.TOTP_REQUIRED and totp_eligible(user)
