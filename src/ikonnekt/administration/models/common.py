"""What every room of joint administration shares: the child rule, money and percent field options."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator

MONEY = {"max_digits": 12, "decimal_places": 2}
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class ChildMixin:
    """Children inherit reading and writing from their ``sharing_parent``."""

    sharing_parent = ""

    @classmethod
    def visible_to_q(cls, user, prefix: str = ""):
        """Compose the parent's rule across the relation (children of children work too)."""
        parent = cls._meta.get_field(cls.sharing_parent).related_model
        return parent.visible_to_q(user, prefix=f"{prefix}{cls.sharing_parent}__")

    @property
    def parent_object(self):
        return getattr(self, self.sharing_parent)

    def can_edit(self, user) -> bool:
        return self.parent_object.can_edit(user)

    def can_delete(self, user) -> bool:
        return self.parent_object.can_edit(user)

    def audit_owner_id(self):
        return self.parent_object.owner_id

    def get_absolute_url(self):
        return self.parent_object.get_absolute_url()
