"""Forms of joint administration. Each sub-area is a module of its own; this package re-exports
every form."""

from ikonnekt.administration.forms.agreements import (
    AgreementForm,
    CouncilDecisionForm,
    PartyForm,
    StatusForm,
    TaskTransferForm,
    VatForm,
)
from ikonnekt.administration.forms.common import CooperationShareableForm
from ikonnekt.administration.forms.costs import (
    AdvanceForm,
    ComponentForm,
    ComponentFormSet,
    CostItemForm,
    CostKeyForm,
    SettlementForm,
)
from ikonnekt.administration.forms.groups import (
    ActionItemForm,
    AgendaItemForm,
    AgendaMinutesForm,
    DecisionForm,
    GroupForm,
    IdeaForm,
    MeetingForm,
    MemberForm,
)
from ikonnekt.administration.forms.positions import CsvImportForm, PositionForm, SharesForm, TimeRecordForm
from ikonnekt.administration.forms.resources import BookingForm, ResourceForm, UsageForm

__all__ = [
    "CooperationShareableForm",
    "AgreementForm",
    "PartyForm",
    "CouncilDecisionForm",
    "StatusForm",
    "TaskTransferForm",
    "VatForm",
    "PositionForm",
    "SharesForm",
    "TimeRecordForm",
    "CsvImportForm",
    "ResourceForm",
    "BookingForm",
    "UsageForm",
    "CostKeyForm",
    "ComponentForm",
    "ComponentFormSet",
    "CostItemForm",
    "AdvanceForm",
    "SettlementForm",
    "GroupForm",
    "MemberForm",
    "MeetingForm",
    "AgendaItemForm",
    "AgendaMinutesForm",
    "DecisionForm",
    "ActionItemForm",
    "IdeaForm",
]
