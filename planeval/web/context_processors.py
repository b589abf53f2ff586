from django.conf import settings


def shell(request):
    """What every page of the shell needs: the environment badge and the user's jurisdictions."""
    context = {"planeval_env": settings.PLANEVAL_ENV, "demo_mode": settings.PLANEVAL_ENV == "demo"}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from planeval.accounts.access import role_labels, visible_jurisdictions

        context["nav_jurisdictions"] = list(visible_jurisdictions(user).order_by("id"))
        context["nav_roles"] = role_labels(user)
    return context
