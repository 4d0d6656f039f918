"""Writes of the documents area; the views, the admin, the demo and the tests call these.

Split by purpose: ``drafting`` (a draft, its grid and attachments), ``countersigning``
(submit, countersign, issue), ``issued`` (interpretation, validity), ``notices``, ``bodies``.
"""

from apps.documents.services.bodies import body_create, body_update
from apps.documents.services.common import acts_for, is_drafting_office
from apps.documents.services.countersigning import (
    document_countersign,
    document_issue,
    document_submit,
    unsigned_bodies,
)
from apps.documents.services.drafting import (
    attachment_add,
    attachment_remove,
    coissuer_add,
    coissuer_remove,
    coissuer_update,
    document_create,
    document_update,
)
from apps.documents.services.issued import document_interpret, document_set_validity
from apps.documents.services.notices import (
    notice_attachment_add,
    notice_attachment_remove,
    notice_create,
    notice_publish,
    notice_update,
)

__all__ = [
    "acts_for",
    "attachment_add",
    "attachment_remove",
    "body_create",
    "body_update",
    "coissuer_add",
    "coissuer_remove",
    "coissuer_update",
    "document_countersign",
    "document_create",
    "document_interpret",
    "document_issue",
    "document_set_validity",
    "document_submit",
    "document_update",
    "is_drafting_office",
    "notice_attachment_add",
    "notice_attachment_remove",
    "notice_create",
    "notice_publish",
    "notice_update",
    "unsigned_bodies",
]
