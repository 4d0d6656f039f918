"""Exports (sync and background) and imports (preview and confirm) are in the security log:
who, which list or page, the parameters, the file name, the row count, masked or not."""

from django.urls import reverse

from apps.core.security import SecurityKind, SecurityOutcome
from apps.counselors.models import Counselor
from tests.exports.conftest import make_counselors
from tests.imports.conftest import upload, xlsx_bytes
from tests.imports.test_counselor_import import HEADERS, counselor_row, person
from tests.securitylog.conftest import events

LIST = reverse("counselors:counselor-list")
IMPORT = reverse("counselors:counselor-import")


def test_a_masked_export_records_the_list_parameters_and_rows(login, edu_kunming, divisions):
    make_counselors("530102", 3)
    make_counselors("530103", 2)

    response = login(edu_kunming).get(LIST, {"format": "xlsx", "county": "530102"})

    assert response.status_code == 200
    (event,) = events(SecurityKind.EXPORT)
    assert event.user == edu_kunming
    assert event.details["list"] == "counselors"
    assert event.details["format"] == "xlsx"
    assert event.details["parameters"] == {"county": ["530102"]}
    assert event.details["rows"] == 3
    assert event.details["masked"] is True
    assert event.details["job"] is None
    assert not events(SecurityKind.PERSONAL_DATA)


def test_an_unmasked_export_is_also_personal_data_shown(login, province_admin, divisions):
    people = make_counselors("530402", 2)

    body = login(province_admin).get(LIST, {"format": "csv", "county": "530402"})
    content = b"".join(body.streaming_content).decode("utf-8-sig")

    assert people[0].id_number in content
    (export,) = events(SecurityKind.EXPORT)
    assert export.details["masked"] is False
    assert export.details["rows"] == 2
    (shown,) = events(SecurityKind.PERSONAL_DATA)
    assert shown.user == province_admin
    assert shown.details["count"] == 2
    assert set(shown.details["fields"]) == {"birth_date", "id_number", "phone"}
    assert shown.details["export"]["parameters"] == {"county": ["530402"]}
    assert people[0].id_number not in str(shown.details)


def test_a_background_export_is_recorded_when_its_file_is_done(
    login, edu_kunming, divisions, settings, run_worker, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 2
    make_counselors("530102", 4)
    client = login(edu_kunming)

    # when the list is too long for the request, it becomes a job...
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.get(LIST, {"format": "xlsx", "county": "530102", "junk": "1"})
    assert queued.status_code == 302
    assert not events(SecurityKind.EXPORT)

    # ...recorded once the worker has written the file
    assert run_worker() == 1
    (event,) = events(SecurityKind.EXPORT)
    assert event.user == edu_kunming
    assert event.details["rows"] == 4
    assert event.details["parameters"] == {"county": ["530102"]}
    assert event.details["masked"] is True
    assert event.details["job"]


def test_an_import_preview_and_its_confirmation_are_recorded(login, edu_wuhua, wuhua_school):
    client = login(edu_wuhua)
    rows = [counselor_row(person(1)), counselor_row(person(2), name="李娜")]

    preview = client.post(IMPORT, {"sheet": upload(xlsx_bytes(HEADERS, rows), "五华区辅导员.xlsx")})
    token = preview.context["token"]
    confirmed = client.post(IMPORT, {"token": token})

    assert confirmed.status_code == 302
    assert Counselor.objects.count() == 2
    (previewed,) = events(SecurityKind.IMPORT_PREVIEW)
    assert previewed.user == edu_wuhua
    assert previewed.details["file"] == "五华区辅导员.xlsx"
    assert previewed.details["rows"] == 2
    assert previewed.details["preview"] == token
    assert previewed.outcome == SecurityOutcome.SUCCESS
    (committed,) = events(SecurityKind.IMPORT_CONFIRM)
    assert committed.user == edu_wuhua
    assert committed.details["preview"] == token
    assert committed.details["rows"] == 2
    assert committed.details["new"] == 2
    assert committed.outcome == SecurityOutcome.SUCCESS
    # the file's ID numbers stay out of the log
    assert person(1) not in str(previewed.details) + str(committed.details)


def test_a_preview_with_errors_is_recorded_as_failed(login, edu_wuhua, wuhua_school):
    rows = [counselor_row("not-an-id-number")]

    login(edu_wuhua).post(IMPORT, {"sheet": upload(xlsx_bytes(HEADERS, rows))})

    (previewed,) = events(SecurityKind.IMPORT_PREVIEW)
    assert previewed.outcome == SecurityOutcome.FAILURE
    assert previewed.details["preview"] is None
