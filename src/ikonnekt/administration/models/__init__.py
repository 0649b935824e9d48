"""Joint administrative action: agreements, task transfers, shared positions and resources,
cost sharing with annual settlements, working groups with meetings.

Top-level objects (agreements, positions, resources, working groups) follow the
sharing rule; everything below them inherits the parent's visibility (``sharing_parent``). Each
sub-area is a module of its own; this package re-exports every model and choice."""

# isort: off
# (the rooms in the order of the former single module, so the models register in that order)
from ikonnekt.administration.models.common import MONEY, PERCENT, ChildMixin
from ikonnekt.administration.models.agreements import (
    AgreementKind,
    TaskField,
    AgreementStatus,
    PartyRole,
    VatStatus,
    Agreement,
    AgreementParty,
    CouncilDecision,
    StatusChange,
    TaskTransfer,
)
from ikonnekt.administration.models.positions import SharedPosition, PositionShare, TimeRecord
from ikonnekt.administration.models.resources import (
    ResourceKind,
    UsageUnit,
    SharedResource,
    BookingStatus,
    ACTIVE_BOOKING,
    Booking,
    UsageRecord,
)
from ikonnekt.administration.models.costs import (
    CostKey,
    KeyBasis,
    CostKeyComponent,
    CostCategory,
    CostItem,
    AdvancePayment,
    Settlement,
    ReminderLog,
)
from ikonnekt.administration.models.groups import (
    GroupKind,
    WorkingGroup,
    GroupMember,
    MeetingKind,
    Meeting,
    MeetingChild,
    AgendaItem,
    AttendanceStatus,
    Attendance,
    Decision,
    ActionStatus,
    ActionItem,
    IdeaCard,
    IdeaVote,
    CalendarFeed,
)
# isort: on


__all__ = [
    "MONEY",
    "PERCENT",
    "ChildMixin",
    "AgreementKind",
    "TaskField",
    "AgreementStatus",
    "PartyRole",
    "VatStatus",
    "Agreement",
    "AgreementParty",
    "CouncilDecision",
    "StatusChange",
    "TaskTransfer",
    "SharedPosition",
    "PositionShare",
    "TimeRecord",
    "ResourceKind",
    "UsageUnit",
    "SharedResource",
    "BookingStatus",
    "ACTIVE_BOOKING",
    "Booking",
    "UsageRecord",
    "CostKey",
    "KeyBasis",
    "CostKeyComponent",
    "CostCategory",
    "CostItem",
    "AdvancePayment",
    "Settlement",
    "ReminderLog",
    "GroupKind",
    "WorkingGroup",
    "GroupMember",
    "MeetingKind",
    "Meeting",
    "MeetingChild",
    "AgendaItem",
    "AttendanceStatus",
    "Attendance",
    "Decision",
    "ActionStatus",
    "ActionItem",
    "IdeaCard",
    "IdeaVote",
    "CalendarFeed",
]
