from django.conf import settings


def shell(request):
    """What every page of the shell needs: environment badge, jurisdictions, and the campaign links."""
    context = {"planeval_env": settings.PLANEVAL_ENV, "demo_mode": settings.PLANEVAL_ENV == "demo"}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    from planeval.accounts.access import (
        JURISDICTION_ROLES, home_jurisdiction, may_read_audit_log, role_assignments, role_labels,
        separated_admin_role, totp_eligible, visible_jurisdictions,
    )
    from planeval.accounts.models import Role
    from planeval.campaigns.selectors import current_campaign_id

    context["nav_jurisdictions"] = list(visible_jurisdictions(user).order_by("id"))
    context["nav_roles"] = role_labels(user)
    context["nav_totp"] = totp_eligible(user)
    context["nav_audit"] = may_read_audit_log(user)
    from planeval.reminders.selectors import unread_count

    if separated_admin_role(user) is None:  # confined administrators have no reminders page
        context["nav_unread"] = unread_count(user)  # the reminder bell
    home = home_jurisdiction(user)
    roles = {assignment.role for assignment in role_assignments(user)}
    if home is not None and (user.is_superuser or Role.DRC in roles):
        context["nav_import_jurisdiction"] = home
    # DRC, leaders and observers oversee the jurisdictions below theirs (the 下级一览 link).
    context["nav_overseer"] = user.is_superuser or bool(roles & JURISDICTION_ROLES)
    campaign_id = current_campaign_id(home) if home else None
    if campaign_id is not None:
        context["nav_campaign_id"] = campaign_id
        context["nav_is_unit"] = bool(roles & {Role.FILLER, Role.UNIT_HEAD})
        context["nav_can_board"] = bool(roles & JURISDICTION_ROLES)
    return context
