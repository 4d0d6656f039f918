"""``Writes.on_record``: the admin writes of rows that stay on record once made."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied

from apps.core.admin_writes import Writes


def _services(calls):
    return SimpleNamespace(
        pilot_create=lambda **kw: calls.append(("create", kw)) or "new",
        pilot_update=lambda **kw: calls.append(("update", kw)) or kw["pilot"],
        pilot_delete=lambda **kw: calls.append(("delete", kw)),
    )


def test_rows_on_record_are_created_changed_with_every_field_and_never_deleted():
    calls = []
    writes = Writes.on_record(
        _services(calls), "school", "pilot", ("started_on", "summary"), kept_because="留存"
    )
    row = SimpleNamespace(started_on="2018-09-01", summary="旧")

    assert writes.create("actor", "school-1", {"summary": "新"}) == "new"
    writes.update("actor", row, {"summary": "新"})
    with pytest.raises(PermissionDenied, match="留存"):
        writes.delete("actor", row)

    assert calls == [
        ("create", {"actor": "actor", "school": "school-1", "summary": "新"}),
        # the field the form left alone is passed as the row has it
        ("update", {"actor": "actor", "pilot": row, "started_on": "2018-09-01", "summary": "新"}),
    ]
    assert (writes.parent, writes.fields) == ("school", ("started_on", "summary"))


@pytest.mark.parametrize(
    "writes",
    [
        "apps.meetings.admin.MEETING_WRITES",
        "apps.meetings.admin.DECISION_WRITES",
        "apps.transition.admin.PILOT_WRITES",
    ],
)
def test_meetings_decisions_and_pilots_stay_on_record_in_the_admin(writes):
    from django.utils.module_loading import import_string

    with pytest.raises(PermissionDenied):
        import_string(writes).delete("actor", object())
