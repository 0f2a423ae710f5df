from .ledger import Budget, LedgerEntry, LedgerKind
from .notifications import Notification, NotificationKind
from .requests import (
    FieldType,
    Request,
    RequestAction,
    RequestAttachment,
    RequestEvent,
    RequestField,
    RequestStatus,
    RequestType,
)
from .tasks import (
    ApprovalTask,
    ApprovalTaskState,
    ConditionOperator,
    NamedGroupTask,
    OrganisationReviewerTask,
    TaskSignature,
)

__all__ = [
    "ApprovalTask",
    "ApprovalTaskState",
    "Budget",
    "ConditionOperator",
    "FieldType",
    "LedgerEntry",
    "LedgerKind",
    "NamedGroupTask",
    "Notification",
    "NotificationKind",
    "OrganisationReviewerTask",
    "Request",
    "RequestAction",
    "RequestAttachment",
    "RequestEvent",
    "RequestField",
    "RequestStatus",
    "RequestType",
    "TaskSignature",
]
