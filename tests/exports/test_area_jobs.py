"""Long exports of the areas' lists become background jobs that rebuild exactly the page's
rows: the filters, and for a course's attendance the course from the page's URL; a job
whose owner has lost the right to the list fails without a file."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from apps.accounts.choices import Role
from apps.accounts.services import user_apply_role
from apps.exports.choices import ExportStatus
from apps.exports.models import ExportJob
from apps.exports.registry import get_definition, registered_kinds
from apps.exports.services import export_job_create, export_job_execute
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.counselors import AttendanceFactory, CounselorFactory, CourseFactory
from tests.factories.inspections import CampaignFactory, InspectionFactory


def _queue(client, url, params, capture):
    with capture(execute=True):
        response = client.get(url, params)
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("exports:job-detail", args=[job.pk])
    return job


def _csv_rows(client, job) -> list[list[str]]:
    response = client.get(reverse("exports:job-download", args=[job.pk]))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]


@pytest.fixture
def attendance(divisions):
    """A course with Wuhua, Panlong and Yuxi attendees, and another course."""
    course, other = CourseFactory(), CourseFactory()
    for name, code in [("五华甲", "530102"), ("五华乙", "530102"), ("盘龙甲", "530103")]:
        school = SchoolFactory(county=division(code))
        AttendanceFactory(course=course, counselor=CounselorFactory(name=name, school=school))
    AttendanceFactory(
        course=course,
        counselor=CounselorFactory(name="红塔甲", school=SchoolFactory(county=division("530402"))),
    )
    AttendanceFactory(course=other, counselor=CounselorFactory(name="别课"))
    return course, other


def test_a_long_attendance_export_rebuilds_the_courses_rows_in_scope(
    attendance, edu_kunming, login, settings, run_worker, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 1
    course, other = attendance
    client = login(edu_kunming)
    url = reverse("training:course-detail", args=[course.pk])

    # A forged course parameter cannot swap the page's course.
    job = _queue(
        client,
        url,
        {"format": "csv", "course": str(other.pk)},
        django_capture_on_commit_callbacks,
    )
    run_worker()

    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert job.parameters["filters"] == {"course": [str(course.pk)]}
    assert sorted(row[1] for row in _csv_rows(client, job)) == ["五华乙", "五华甲", "盘龙甲"]


def test_an_unknown_course_is_a_404_for_its_export_too(divisions, edu_kunming, login):
    url = reverse("training:course-detail", args=[999999])

    assert login(edu_kunming).get(url, {"format": "xlsx"}).status_code == 404


def test_a_long_report_export_keeps_the_filters(
    divisions, edu_kunming, login, settings, run_worker, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 1
    campaign, other = CampaignFactory(), CampaignFactory()
    for code in ("530102", "530103", "530402"):
        InspectionFactory(campaign=campaign, target_division=division(code))
    InspectionFactory(campaign=other, target_division=division("530102"))
    client = login(edu_kunming)

    job = _queue(
        client,
        reverse("inspections:inspection-list"),
        {"format": "csv", "campaign": str(campaign.pk), "page": "2"},
        django_capture_on_commit_callbacks,
    )
    run_worker()

    job.refresh_from_db()
    rows = _csv_rows(client, job)
    assert job.parameters["filters"] == {"campaign": [str(campaign.pk)]}
    assert sorted(row[0] for row in rows) == ["五华区", "盘龙区"]
    assert {row[2] for row in rows} == {campaign.name}


def test_a_job_whose_owner_lost_the_list_fails_without_a_file(attendance, divisions):
    course, _other = attendance
    reader = UserFactory(username="league_reader", role=Role.LEAGUE, division=division("530100"))
    job = export_job_create(
        actor=reader,
        definition=get_definition("course-attendance"),
        filters={"course": [str(course.pk)]},
        file_format="csv",
    )
    # Moved to a role that reads courses but not who attended them.
    reader.role = Role.INSPECTOR
    user_apply_role(user=reader)
    reader.save()

    with pytest.raises(PermissionDenied):
        export_job_execute(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert "may no longer export" in job.error
    assert not job.file


def _list_views_by_export_kind() -> dict[str, list[str]]:
    """Every URL's view class that exports, by the kind it names (found by walking the URLs,
    so an area's new list needs no entry here)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, list[str]] = {}

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                kind = getattr(view_class, "export_kind", None)
                if kind:
                    found.setdefault(kind, []).append(view_class.__name__)

    walk(get_resolver().url_patterns)
    return found


def test_every_list_has_exactly_one_export_definition():
    views = _list_views_by_export_kind()

    # Each exporting list names a registered kind, and each kind has one list page.
    assert set(views) <= set(registered_kinds())
    assert {kind: names for kind, names in views.items() if len(names) > 1} == {}
    # The lists of the first areas are among them.
    assert {"counselors", "schools", "inspection-reports", "title-queue"} <= set(views)
