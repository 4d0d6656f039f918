"""Writes of the commendations area; each service checks the actor's right and scope."""

from apps.commendations.services.nominations import (
    child_consent_record,
    evidence_add,
    nomination_create,
    nomination_resubmit,
    nomination_review,
)
from apps.commendations.services.notices import (
    final_list_publish,
    notice_close,
    notice_publish,
    objection_resolve,
    objection_submit,
    objector_data_purge,
    round_close_review,
)

__all__ = [
    "child_consent_record",
    "evidence_add",
    "final_list_publish",
    "nomination_create",
    "nomination_resubmit",
    "nomination_review",
    "notice_close",
    "notice_publish",
    "objection_resolve",
    "objection_submit",
    "objector_data_purge",
    "round_close_review",
]
