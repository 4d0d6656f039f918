"""The one write path of the pairing area: keyword-only services that re-check the actor's
right and scope, validate in full and save inside ``transaction.atomic``, taking "today" from
the core clock. The pages, the import, the admin, the commands and the demo call these.

- ``institutions``: institution_create, institution_update
- ``pairings``: pairing_create, activity_record
- ``wishes``: wish_post, wish_claim, wish_fulfil, wish_release, wish_confirm,
  wishes_return_overdue, wishes_purge_text
"""

from apps.pairing.services.institutions import institution_create, institution_update
from apps.pairing.services.pairings import activity_record, pairing_create
from apps.pairing.services.wishes import (
    wish_claim,
    wish_confirm,
    wish_fulfil,
    wish_post,
    wish_release,
    wishes_purge_text,
    wishes_return_overdue,
)

__all__ = [
    "activity_record",
    "institution_create",
    "institution_update",
    "pairing_create",
    "wish_claim",
    "wish_confirm",
    "wish_fulfil",
    "wish_post",
    "wish_release",
    "wishes_purge_text",
    "wishes_return_overdue",
]
