"""The HTTP contract of the gateway's routes: the shared wire models
(``shared.contracts``), which the services serialize through too. Field
names are camelCase on the wire, money is a string like "149.00", ids are
UUID strings."""

from shared.contracts.auth import ProfileUpdate, UserEnvelope, UserLogin, UserPublic, UserRegister
from shared.contracts.base import ApiModel, ErrorBody
from shared.contracts.catalog import (
    AssetEnvelope,
    AssetList,
    AssetPublic,
    CourseDetail,
    CourseList,
    CoursePublic,
    LessonPublic,
)
from shared.contracts.commerce import (
    Cart,
    CartMerged,
    OrderCreate,
    OrderCreated,
    OrderItemCreate,
    OrderItemPublic,
    OrderList,
    OrderPublic,
    OrderWithItems,
)
from shared.contracts.media import Download
from shared.contracts.learning import (
    CertificatePublic,
    CertificateSummary,
    EnrollmentCreate,
    EnrollmentEnvelope,
    EnrollmentList,
    EnrollmentPublic,
    EnrollmentWithProgress,
    LessonProgressEnvelope,
    LessonProgressList,
    LessonOpened,
    LessonProgressPublic,
    PositionUpdate,
    Progress,
    ProgressUpdate,
    Resume,
)

__all__ = [
    "ApiModel",
    "Cart",
    "CartMerged",
    "AssetEnvelope",
    "AssetList",
    "AssetPublic",
    "CertificatePublic",
    "CertificateSummary",
    "CourseDetail",
    "Download",
    "CourseList",
    "CoursePublic",
    "EnrollmentCreate",
    "EnrollmentEnvelope",
    "EnrollmentList",
    "EnrollmentPublic",
    "EnrollmentWithProgress",
    "ErrorBody",
    "LessonOpened",
    "LessonProgressEnvelope",
    "LessonPublic",
    "LessonProgressList",
    "LessonProgressPublic",
    "OrderCreate",
    "OrderCreated",
    "OrderItemCreate",
    "OrderItemPublic",
    "OrderList",
    "OrderPublic",
    "OrderWithItems",
    "PositionUpdate",
    "ProfileUpdate",
    "Progress",
    "ProgressUpdate",
    "Resume",
    "UserEnvelope",
    "UserLogin",
    "UserPublic",
    "UserRegister",
]
