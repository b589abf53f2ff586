"""Who may import into a jurisdiction: its DRC (发改委), here or above, and system administrators.

Imports create and change a government's planning data for every unit at once, which is the
DRC's job; a unit enters its own figures through its forms (and the API) instead.
"""
from django.core.exceptions import PermissionDenied

from planeval.accounts.access import access_jurisdiction, is_drc
from planeval.organizations.models import Jurisdiction

NO_IMPORT = "只有发改委可以导入数据。"


def access_import(user, jurisdiction_id: int) -> Jurisdiction:
    """The jurisdiction if ``user`` may import into it; PermissionDenied otherwise."""
    jurisdiction = access_jurisdiction(user, jurisdiction_id)
    if not is_drc(user, jurisdiction):
        raise PermissionDenied(NO_IMPORT)
    return jurisdiction
