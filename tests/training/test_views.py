from decimal import Decimal

import pytest
from django.urls import reverse

from apps.training.models import Attendance, Course, TrainingPlan
from tests.factories.counselors import AttendanceFactory, CounselorFactory, CourseFactory

PLANS = reverse("training:plan-list")
PLAN_CREATE = reverse("training:plan-create")
COURSES = reverse("training:course-list")
COURSE_CREATE = reverse("training:course-create")


def plan_data(**overrides):
    data = {
        "name": "2018-2022年云南省少先队辅导员五年培训规划",
        "start_year": 2018,
        "end_year": 2022,
        "issuing_body": "云南省教育厅",
        "target_total": 1500,
        "target_530100": 200,
        "target_530400": 100,
    }
    data.update(overrides)
    return data


def course_data(plan, **overrides):
    data = {
        "plan": plan.pk,
        "name": "2016年少先队大队辅导员省级培训班",
        "category": "provincial",
        "organiser": "云南省少工委",
        "start_date": "2016-07-11",
        "end_date": "2016-07-15",
        "hours": "40",
        "capacity": 100,
        "mode": "face_to_face",
    }
    data.update(overrides)
    return data


# Plans ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["edu_wuhua", "league_kunming", "inspector", "official_kunming", "province_admin"]
)
def test_every_staff_role_reads_plans_and_courses(request, login, persona, course):
    client = login(request.getfixturevalue(persona))

    assert client.get(PLANS).status_code == 200
    assert client.get(reverse("training:plan-detail", args=[course.plan.pk])).status_code == 200
    assert client.get(COURSES).status_code == 200
    assert client.get(reverse("training:course-detail", args=[course.pk])).status_code == 200


def test_province_education_staff_create_a_plan_with_prefecture_targets(login, edu_province):
    response = login(edu_province).post(PLAN_CREATE, plan_data())

    plan = TrainingPlan.objects.get(start_year=2018)
    assert response.status_code == 302
    assert dict(plan.targets.filter(target__gt=0).values_list("prefecture_id", "target")) == {
        "530100": 200,
        "530400": 100,
    }
    assert plan.targets.count() == 16
    assert plan.created_by == edu_province


def test_prefecture_and_county_staff_cannot_create_or_edit_plans(login, edu_kunming, course):
    client = login(edu_kunming)

    assert client.get(PLAN_CREATE).status_code == 403
    assert client.post(PLAN_CREATE, plan_data()).status_code == 403
    update = reverse("training:plan-update", args=[course.plan.pk])
    assert client.get(update).status_code == 403
    assert not TrainingPlan.objects.filter(start_year=2018).exists()


def test_a_plan_ending_before_it_starts_is_refused(login, edu_province):
    response = login(edu_province).post(PLAN_CREATE, plan_data(end_year=2017))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not TrainingPlan.objects.filter(start_year=2018).exists()


def test_plan_progress_shows_the_prefectures_of_the_users_scope(
    login, edu_kunming, province_admin, course, wuhua_counselor, yuxi_counselor
):
    AttendanceFactory(course=course, counselor=wuhua_counselor)
    AttendanceFactory(course=course, counselor=yuxi_counselor)
    url = reverse("training:plan-detail", args=[course.plan.pk])

    kunming = login(edu_kunming).get(url).context["rows"]
    assert [(r["code"], r["trained"]) for r in kunming] == [("530100", 1)]

    everyone = login(province_admin).get(url).context["rows"]
    assert len(everyone) == 16
    assert {r["code"]: r["trained"] for r in everyone}["530400"] == 1


def test_a_prefecture_past_its_target_reads_past_100_percent(
    login, province_admin, course, yuxi_school, yuxi_counselor
):
    course.plan.targets.create(prefecture_id="530400", target=1)
    AttendanceFactory(course=course, counselor=yuxi_counselor)
    AttendanceFactory(course=course, counselor=CounselorFactory(school=yuxi_school, name="李兰"))
    url = reverse("training:plan-detail", args=[course.plan.pk])

    response = login(province_admin).get(url)

    (yuxi,) = [r for r in response.context["rows"] if r["code"] == "530400"]
    assert (yuxi["trained"], yuxi["target"], yuxi["percent"]) == (2, 1, 200)
    assert '<progress max="100" value="100">' in response.content.decode()


# Courses -------------------------------------------------------------------------------------


def test_education_staff_at_any_level_add_a_course(login, edu_wuhua, course):
    response = login(edu_wuhua).post(COURSE_CREATE, course_data(course.plan, category="county"))

    assert response.status_code == 302
    created = Course.objects.get(name="2016年少先队大队辅导员省级培训班")
    assert created.hours == Decimal("40.0")
    assert (created.created_by, created.owner_id) == (edu_wuhua, "530102")


def test_a_course_outside_its_plans_period_is_refused(login, edu_wuhua, course):
    data = course_data(course.plan, start_date="2019-03-01", end_date="2019-03-05")
    response = login(edu_wuhua).post(COURSE_CREATE, data)

    assert "start_date" in response.context["form"].errors


def test_league_staff_cannot_add_courses(login, league_kunming, course):
    assert login(league_kunming).post(COURSE_CREATE, course_data(course.plan)).status_code == 403


def test_the_add_button_follows_the_add_pages_access_rule(
    login, edu_wuhua, league_kunming, course, monkeypatch
):
    from apps.core.access import Rule
    from apps.core.registry import url_rules

    def add_button(user):
        return f'href="{COURSE_CREATE}" data-action="create"' in (
            login(user).get(COURSES).content.decode()
        )

    # given the page's own rule: education staff may add, league staff may not
    assert add_button(edu_wuhua) and not add_button(league_kunming)

    # when the add page's rule changes, the list offers the button to whom it lets in
    monkeypatch.setitem(
        url_rules(),
        "training:course-create",
        Rule("league only", lambda u: u.role == "league"),
    )

    assert add_button(league_kunming) and not add_button(edu_wuhua)


def test_course_detail_lists_attendance_in_the_users_scope_only(
    login, edu_wuhua, course, wuhua_counselor, panlong_counselor
):
    mine = AttendanceFactory(course=course, counselor=wuhua_counselor)
    AttendanceFactory(course=course, counselor=panlong_counselor)

    response = login(edu_wuhua).get(reverse("training:course-detail", args=[course.pk]))

    assert [a.pk for a in response.context["page"]] == [mine.pk]
    assert panlong_counselor.name not in response.content.decode()


@pytest.mark.parametrize("persona", ["inspector", "official_kunming"])
def test_it_hides_who_attended_from_readers_without_the_attendance_permission(
    request, login, persona, course, wuhua_counselor
):
    AttendanceFactory(course=course, counselor=wuhua_counselor, certificate_number="ZS-2016-001")

    response = login(request.getfixturevalue(persona)).get(
        reverse("training:course-detail", args=[course.pk])
    )

    assert response.status_code == 200
    assert response.context["page"] is None
    body = response.content.decode()
    assert wuhua_counselor.name not in body
    assert "ZS-2016-001" not in body
    assert "data-attendance=" not in body


def test_the_course_list_counts_attendees_in_scope(
    login, edu_wuhua, course, wuhua_counselor, panlong_counselor
):
    AttendanceFactory(course=course, counselor=wuhua_counselor)
    AttendanceFactory(course=course, counselor=panlong_counselor)

    courses = login(edu_wuhua).get(COURSES).context["page"]

    assert [(c.pk, c.attendance_count) for c in courses] == [(course.pk, 1)]


def test_the_course_list_query_count_does_not_grow_with_rows(
    login, edu_kunming, course, django_assert_max_num_queries
):
    client = login(edu_kunming)
    # About 12 for the page, and a fixed 20 or so for the menu's to-do counts.
    with django_assert_max_num_queries(34) as few:
        client.get(COURSES)
    CourseFactory.create_batch(15, plan=course.plan)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(COURSES)
    assert len(response.context["page"]) == 16


def test_the_course_detail_query_count_does_not_grow_with_attendees(
    login, edu_kunming, course, wuhua_school, django_assert_max_num_queries
):
    client = login(edu_kunming)
    url = reverse("training:course-detail", args=[course.pk])
    AttendanceFactory(course=course, counselor=CounselorFactory(school=wuhua_school))
    # Two of them read the history panel: the course's, and its attendance's; a fixed 20 or
    # so count the menu's to-dos.
    with django_assert_max_num_queries(36) as few:
        client.get(url)
    for counselor in CounselorFactory.create_batch(10, school=wuhua_school):
        AttendanceFactory(course=course, counselor=counselor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"]) == 11


# Recording attendance ------------------------------------------------------------------------


def record_url(course):
    return reverse("training:attendance-create", args=[course.pk])


def test_staff_record_attendance_for_a_counselor_in_scope(
    login, edu_wuhua, course, wuhua_counselor
):
    response = login(edu_wuhua).post(
        record_url(course),
        {"counselor": wuhua_counselor.pk, "hours": "40", "certificate_number": "C-1"},
    )

    assert response.status_code == 302
    attendance = Attendance.objects.get(course=course, counselor=wuhua_counselor)
    assert attendance.created_by == edu_wuhua


def test_the_counselor_dropdown_offers_only_counselors_in_scope(
    login, edu_wuhua, course, wuhua_counselor, panlong_counselor
):
    form = login(edu_wuhua).get(record_url(course)).context["form"]

    assert list(form.fields["counselor"].queryset) == [wuhua_counselor]


def test_a_forged_out_of_scope_counselor_is_a_field_error(
    login, edu_wuhua, course, panlong_counselor
):
    response = login(edu_wuhua).post(
        record_url(course),
        {"counselor": panlong_counselor.pk, "hours": "40", "certificate_number": "C-1"},
    )

    assert "counselor" in response.context["form"].errors
    assert not Attendance.objects.exists()


def test_hours_above_the_courses_are_refused(login, edu_wuhua, course, wuhua_counselor):
    response = login(edu_wuhua).post(
        record_url(course),
        {"counselor": wuhua_counselor.pk, "hours": "40.5", "certificate_number": "C-1"},
    )

    assert "hours" in response.context["form"].errors
    assert not Attendance.objects.exists()


def test_a_second_record_for_the_same_course_and_counselor_is_refused(
    login, edu_wuhua, course, wuhua_counselor
):
    AttendanceFactory(course=course, counselor=wuhua_counselor, certificate_number="C-1")
    response = login(edu_wuhua).post(
        record_url(course),
        {"counselor": wuhua_counselor.pk, "hours": "40", "certificate_number": "C-2"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Attendance.objects.count() == 1


def test_a_counselor_account_cannot_open_training_pages(login, me, course):
    client = login(me)

    assert client.get(COURSES).status_code == 403
    assert client.get(record_url(course)).status_code == 403


def test_the_counselor_dropdown_names_each_counselor_with_their_school(
    login, edu_wuhua, course, wuhua_counselor
):
    form = login(edu_wuhua).get(record_url(course)).context["form"]

    labels = [label for value, label in form.fields["counselor"].choices if value]
    assert labels == ["张丽（五华区测试小学）"]
