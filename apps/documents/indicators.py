"""Document indicators: how many documents were issued, in countersigning, in drafting and
in force, as things stood at the end of the year asked for (or today, for this year).

The figures are read from the documents' history (django-simple-history keeps a full copy
of each row per change, dated by the portal's clock): a document's status on a day is the
status of its last change up to that day. So the 2018 figures stay 2018's after the three
documents then in countersigning are issued, and a document started later does not count.
Documents belong to their lead body's division; most are provincial, so there is no
breakdown by prefecture.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.utils import timezone

from apps.documents.choices import DocumentStatus
from apps.documents.models import Document
from apps.organizations.models import Division


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def document_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """``documents.issued`` (issued up to ``as_of``), ``issued_in_year``, ``in_countersigning``
    and ``drafting`` on ``as_of``, and ``in_force`` (issued, neither amended nor repealed,
    not past its end date). One query."""
    rows = (
        Document.history.as_of(_end_of(as_of))
        .filter(division__code__startswith=scope.prefix)
        .values_list("status", "dated_on", "amended_by_id", "repealed_by_id", "valid_until")
    )
    statuses: Counter[str] = Counter()
    issued_in_year = in_force = 0
    for status, dated_on, amended_by, repealed_by, valid_until in rows:
        statuses[status] += 1
        if status != DocumentStatus.ISSUED:
            continue
        issued_in_year += dated_on.year == as_of.year
        expired = valid_until is not None and valid_until < as_of
        in_force += not (amended_by or repealed_by or expired)
    return {
        "documents": {
            "issued": statuses[DocumentStatus.ISSUED],
            "issued_in_year": issued_in_year,
            "in_countersigning": statuses[DocumentStatus.COUNTERSIGNING],
            "drafting": statuses[DocumentStatus.DRAFTING],
            "in_force": in_force,
        }
    }
