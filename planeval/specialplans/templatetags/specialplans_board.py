"""The compact 专项规划评估 section of the DRC's board (submissions:board): counts per state and a
link to the full list. An inclusion tag, so the board's view stays as it is."""
from django import template

from planeval.specialplans import selectors

register = template.Library()


@register.inclusion_tag("specialplans/_board.html")
def special_plan_board(campaign):
    counts = selectors.state_counts(campaign)
    return {"campaign": campaign, "counts": counts, "total": sum(n for _c, _l, n in counts)}
