"""What every room of joint administration shares: money and percent field options."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator

from ikonnekt.core.sharing import SharedChild

MONEY = {"max_digits": 12, "decimal_places": 2}
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


# Migration 0001 names ``ChildMixin`` as a base class of the child models; the rule itself is
# core's ``SharedChild`` (issue #19: one implementation of "visible if its parent is").
ChildMixin = SharedChild
