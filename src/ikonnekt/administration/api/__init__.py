"""REST API of joint administration (OpenAPI via drf-spectacular). Writes go through the actions.
Each sub-area is a module of its own; this package re-exports every serializer and viewset and
registers the viewsets."""

from ikonnekt.administration.api.agreements import (
    AgreementSerializer,
    AgreementViewSet,
    CouncilDecisionSerializer,
    PartySerializer,
    StatusChangeSerializer,
    TaskTransferSerializer,
    TransitionSerializer,
    VatClassificationSerializer,
)
from ikonnekt.administration.api.common import CooperationCheckMixin, ProtectedDeleteMixin
from ikonnekt.administration.api.costs import (
    IssueSettlementSerializer,
    SettlementSerializer,
    SettlementViewSet,
)
from ikonnekt.administration.api.groups import (
    ActionItemSerializer,
    ActionItemViewSet,
    GroupSerializer,
    GroupViewSet,
    MeetingSerializer,
    MeetingViewSet,
)
from ikonnekt.administration.api.positions import (
    PositionSerializer,
    PositionViewSet,
    ShareSerializer,
    TimeRecordSerializer,
)
from ikonnekt.administration.api.resources import (
    BookingSerializer,
    BookingViewSet,
    ResourceSerializer,
    ResourceViewSet,
)


def register(router):
    router.register("agreements", AgreementViewSet, basename="agreement")
    router.register("settlements", SettlementViewSet, basename="settlement")
    router.register("shared-positions", PositionViewSet, basename="sharedposition")
    router.register("shared-resources", ResourceViewSet, basename="sharedresource")
    router.register("bookings", BookingViewSet, basename="booking")
    router.register("working-groups", GroupViewSet, basename="workinggroup")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("action-items", ActionItemViewSet, basename="actionitem")


__all__ = [
    "CooperationCheckMixin",
    "ProtectedDeleteMixin",
    "SettlementSerializer",
    "IssueSettlementSerializer",
    "SettlementViewSet",
    "PartySerializer",
    "CouncilDecisionSerializer",
    "StatusChangeSerializer",
    "TaskTransferSerializer",
    "AgreementSerializer",
    "TransitionSerializer",
    "VatClassificationSerializer",
    "AgreementViewSet",
    "ShareSerializer",
    "PositionSerializer",
    "TimeRecordSerializer",
    "PositionViewSet",
    "ResourceSerializer",
    "BookingSerializer",
    "ResourceViewSet",
    "BookingViewSet",
    "GroupSerializer",
    "GroupViewSet",
    "ActionItemSerializer",
    "MeetingSerializer",
    "MeetingViewSet",
    "ActionItemViewSet",
    "register",
]
