"""Small template helpers of the shell."""
from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """``posted|get:"v-2022-value"`` — a key that is not a valid template variable name."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def number(value):
    """A stored Decimal as people write it: 12.500000 → 12.5, 1400.000000 → 1400."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return value


@register.filter
def percent(value):
    return "—" if value is None else f"{value * 100:.0f}%"
