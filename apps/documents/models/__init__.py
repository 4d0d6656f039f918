"""The documents area's models: policy documents and their countersigning, and notices."""

from apps.documents.models.countersigning import (
    Attachment,
    CoIssuer,
    CountersignStep,
    DocumentVersion,
    SignedPage,
)
from apps.documents.models.documents import Document, IssuingBody, validity_expression
from apps.documents.models.notices import Notice, NoticeAttachment

__all__ = [
    "Attachment",
    "CoIssuer",
    "CountersignStep",
    "Document",
    "DocumentVersion",
    "IssuingBody",
    "Notice",
    "NoticeAttachment",
    "SignedPage",
    "validity_expression",
]
