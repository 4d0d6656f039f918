"""Admin changes are in the security log, and the log's own admin page is read-only and
for the provincial administrators only."""

import datetime

from django.urls import reverse

from apps.core.models import WorkdayOverride
from apps.core.security import SecurityKind, SecurityOutcome, record
from apps.securitylog.models import SecurityEvent
from tests.securitylog.conftest import events

CHANGELIST = reverse("admin:securitylog_securityevent_changelist")


def test_an_admin_change_is_recorded_with_the_model_and_row(login, province_admin):
    url = reverse("admin:core_workdayoverride_add")

    response = login(province_admin).post(
        url, {"date": "2027-03-21", "is_workday": "", "reason": "三月三"}, REMOTE_ADDR="10.9.8.7"
    )

    assert response.status_code == 302
    override = WorkdayOverride.objects.get(date=datetime.date(2027, 3, 21))
    (event,) = events(SecurityKind.ADMIN_CHANGE)
    assert event.user == province_admin
    assert event.details["action"] == "addition"
    assert event.details["model"] == "core.workdayoverride"
    assert event.details["object_id"] == str(override.pk)
    assert event.ip_address == "10.9.8.7"
    assert event.path == url


def _overrides(*days):
    return [
        WorkdayOverride.objects.create(
            date=datetime.date(2027, 3, day), is_workday=False, reason="三月三"
        )
        for day in days
    ]


def _delete_selected(client, rows, **extra):
    return client.post(
        reverse("admin:core_workdayoverride_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk for row in rows], **extra},
    )


def test_a_bulk_delete_records_each_deleted_row(login, province_admin):
    rows = _overrides(21, 22, 23)
    client = login(province_admin)

    asked = _delete_selected(client, rows)
    assert asked.status_code == 200  # the confirmation page deletes nothing yet
    assert events(SecurityKind.ADMIN_CHANGE) == []

    response = _delete_selected(client, rows, post="yes")

    assert response.status_code == 302
    assert not WorkdayOverride.objects.filter(pk__in=[row.pk for row in rows]).exists()
    recorded = events(SecurityKind.ADMIN_CHANGE)
    assert sorted(event.details["object_id"] for event in recorded) == sorted(
        str(row.pk) for row in rows
    )
    assert {
        (event.user, event.details["action"], event.details["model"]) for event in recorded
    } == {(province_admin, "deletion", "core.workdayoverride")}


def test_a_bulk_delete_of_one_row_is_recorded_once(login, province_admin):
    (row,) = _overrides(24)

    _delete_selected(login(province_admin), [row], post="yes")

    (event,) = events(SecurityKind.ADMIN_CHANGE)
    assert (event.details["action"], event.details["object_id"]) == ("deletion", str(row.pk))


def test_a_provincial_administrator_reads_and_filters_the_log(login, province_admin, edu_wuhua):
    record(SecurityKind.SIGN_IN_FAILED, username="intruder", outcome=SecurityOutcome.FAILURE)
    record(SecurityKind.EXPORT, user=edu_wuhua, list="counselors", rows=3, masked=True)
    client = login(province_admin)

    listing = client.get(CHANGELIST)
    by_kind = client.get(CHANGELIST, {"kind__exact": SecurityKind.EXPORT})
    by_user = client.get(CHANGELIST, {"username": "intruder"})

    assert listing.status_code == 200
    assert "安全日志" in listing.content.decode()
    assert {e.kind for e in by_kind.context["cl"].result_list} == {SecurityKind.EXPORT}
    assert [e.username for e in by_user.context["cl"].result_list] == ["intruder"]


def test_the_log_cannot_be_added_to_changed_or_deleted_in_the_admin(login, province_admin):
    record(SecurityKind.SIGN_IN_FAILED, username="intruder", outcome=SecurityOutcome.FAILURE)
    event = SecurityEvent.objects.get(username="intruder")
    client = login(province_admin)

    assert client.get(reverse("admin:securitylog_securityevent_add")).status_code == 403
    change = client.post(
        reverse("admin:securitylog_securityevent_change", args=[event.pk]), {"username": "x"}
    )
    assert change.status_code == 403
    delete = client.post(
        reverse("admin:securitylog_securityevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert SecurityEvent.objects.get(pk=event.pk).username == "intruder"


def test_other_staff_may_not_read_the_log(login, edu_province, league_province):
    for user in (edu_province, league_province):
        client = login(user)
        assert client.get(CHANGELIST).status_code == 403
        assert "安全日志" not in client.get(reverse("admin:index")).content.decode()
