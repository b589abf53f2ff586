"""The one home of permission checks for submissions and their items.

Views, the admin and (later) imports and the API ask here. A unit's draft is visible to
the unit itself, to the DRC, leaders and observers of its jurisdiction (or above), and to
nobody else; a co-responsible unit sees only the items it co-owns, and may comment on them.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from planeval.accounts.access import JURISDICTION_ROLES, ancestor_ids, jurisdiction_and_below, role_assignments
from planeval.domain import workflow
from planeval.planning.models import Indicator, Project, Task

from .models import Submission

NO_ACCESS = "您无权查看该单位的填报内容。"
NO_WRITE = "只有牵头单位的填报人可以修改该事项。"
NOT_OUR_ITEM = "该事项不由本单位牵头，不能在本单位的报告中填报。"
NOT_CO_OWNER = "只有配合单位可以对该事项提出意见。"
NO_UNIT = "您的账户没有所属单位，不能填报。"


@dataclass(frozen=True)
class Standing:
    """What a user is with respect to one submission."""

    roles: frozenset[str]          # workflow role codes: filler, unit_head, drc, leader, observer
    co_unit_ids: frozenset[int]    # other units of the same jurisdiction the user works for

    @property
    def is_unit(self) -> bool:
        return bool(self.roles & workflow.UNIT_ROLES)

    @property
    def can_read(self) -> bool:
        return bool(self.roles)

    @property
    def can_review(self) -> bool:
        return workflow.DRC in self.roles


def standing(user, submission: Submission) -> Standing:
    """The user's roles over ``submission``, from their role assignments (read once per request)."""
    if not user.is_authenticated:
        return Standing(frozenset(), frozenset())
    jurisdictions = ancestor_ids(submission.campaign.jurisdiction)
    roles, units = set(), set()
    for role, unit_id, jurisdiction_id in _roles(user):
        if role in workflow.UNIT_ROLES:
            if unit_id == submission.unit_id:
                roles.add(role)
            elif unit_id is not None:
                units.add(unit_id)
        if jurisdiction_id in jurisdictions and role in JURISDICTION_ROLES:
            roles.add(role)
    return Standing(frozenset(roles), frozenset(units))


def _roles(user) -> list[tuple[str, int | None, int]]:
    return [(a.role, a.unit_id, a.jurisdiction_id) for a in role_assignments(user)]


def own_unit(user, campaign):
    """The unit for which ``user`` fills in ``campaign`` (their first unit role there); PermissionDenied if none."""
    for assignment in role_assignments(user):   # oldest first
        if assignment.role in workflow.UNIT_ROLES and assignment.unit is not None \
                and assignment.unit.jurisdiction_id == campaign.jurisdiction_id:
            return assignment.unit
    raise PermissionDenied(NO_UNIT)


def visible_submissions(user):
    """The submissions ``user`` may read, as a queryset: the list form of ``standing(...).can_read``.

    The same two grounds as ``standing``: a unit role in the submission's unit, or a DRC,
    leader or observer role in the campaign's jurisdiction or above it (tests compare the two).
    """
    if not user.is_authenticated:
        return Submission.objects.none()
    unit_ids, roots = set(), set()
    for role, unit_id, jurisdiction_id in _roles(user):
        if role in workflow.UNIT_ROLES and unit_id is not None:
            unit_ids.add(unit_id)
        if role in JURISDICTION_ROLES:
            roots.add(jurisdiction_id)
    return Submission.objects.filter(
        Q(unit_id__in=unit_ids) | Q(campaign__jurisdiction_id__in=jurisdiction_and_below(roots))
    )


def _submission(submission_id: int) -> Submission:
    # The jurisdiction's parents come along: standing() walks them to find roles held above.
    return get_object_or_404(
        Submission.objects.select_related("campaign__jurisdiction__parent__parent", "unit"), id=submission_id
    )


def access_submission(user, submission_id: int) -> tuple[Submission, Standing]:
    """The submission and the user's standing, if the user may read it; PermissionDenied otherwise."""
    submission = _submission(submission_id)
    who = standing(user, submission)
    if not who.can_read:
        raise PermissionDenied(NO_ACCESS)
    return submission, who


ITEM_MODELS = {"indicator": Indicator, "task": Task, "project": Project}


def access_item(user, submission_id: int, item_type: str, item_id: int, *, write: bool = False):
    """An indicator, task or project of a submission, checked for the user.

    Reading: anyone who may read the submission, or a co-responsible unit for its own
    co-owned item. Writing: only the lead unit's filler or head, and only items the unit
    leads. Returns (submission, standing, item).
    """
    submission = _submission(submission_id)
    model = ITEM_MODELS.get(item_type)
    if model is None:
        raise PermissionDenied(NO_ACCESS)
    item = get_object_or_404(model.objects.select_related("lead_unit", "plan"), id=item_id)
    if item.plan.jurisdiction_id != submission.campaign.jurisdiction_id or item.lead_unit_id != submission.unit_id:
        raise PermissionDenied(NOT_OUR_ITEM)
    who = standing(user, submission)
    if write and not who.is_unit:
        raise PermissionDenied(NO_WRITE)
    if not who.can_read and not _co_owns(item, who.co_unit_ids):
        raise PermissionDenied(NO_ACCESS)
    return submission, who, item


def _co_owns(item, unit_ids: frozenset[int]) -> bool:
    if not unit_ids or not hasattr(item, "co_units"):
        return False
    return item.co_units.filter(id__in=unit_ids).exists()


def co_owner_unit(user, item):
    """The unit through which ``user`` co-owns ``item``, or None."""
    unit_ids = [unit_id for role, unit_id, _ in _roles(user) if role in workflow.UNIT_ROLES and unit_id]
    return item.co_units.filter(id__in=unit_ids).first() if hasattr(item, "co_units") else None
