import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from apps.accounts.choices import Role
from apps.core.access import rule_for
from apps.core.people import person_label
from apps.core.registry import url_rules
from apps.titles import services
from apps.titles.choices import ApplicationStatus, Decision, ReviewLevel, Track
from apps.titles.models import EvidenceFile, ReviewStep, TitleApplication
from apps.training.models import Attendance, Course
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.titles import (
    PDF_BYTES,
    PNG_BYTES,
    THIS_YEAR,
    ApplicantFactory,
    TitleApplicationFactory,
    upload,
)

URL_RULES = url_rules()


def detail_url(application):
    return reverse("titles:application-detail", args=[application.pk])


def review_url(application):
    return reverse("titles:application-review", args=[application.pk])


# Access


@pytest.mark.parametrize(
    "name, args",
    [
        ("titles:application-list", []),
        ("titles:application-create", []),
        ("titles:review-queue", []),
        ("titles:application-detail", [1]),
        ("titles:application-update", [1]),
        ("titles:application-submit", [1]),
        ("titles:application-review", [1]),
        ("titles:evidence-add", [1]),
        ("titles:evidence-remove", [1]),
        ("titles:evidence-download", [1]),
    ],
)
def test_every_titles_url_has_a_rule_and_sends_visitors_to_sign_in(client, db, name, args):
    assert rule_for(name, URL_RULES) is not None
    assert not URL_RULES[name].public

    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_applicant_and_each_reviewer_in_scope_see_the_application(
    client, login, submitted, applicant, reviewers
):
    for user in [applicant.user, *reviewers.values()]:
        login(user)
        response = client.get(detail_url(submitted))
        assert response.status_code == 200, user.username


def test_reviewers_and_others_outside_scope_get_404_league_staff_in_scope_read_it(
    client, login, submitted, edu_yuxi, school
):
    other_school_reviewer = UserFactory(
        role=Role.EDUCATION, division=None, school=SchoolFactory(county=division("530102"))
    )
    colleague_counselor = ApplicantFactory(school=school).user
    league_in_scope = UserFactory(role=Role.LEAGUE, division=division("530102"))

    for user in (edu_yuxi, other_school_reviewer, colleague_counselor):
        login(user)
        assert client.get(detail_url(submitted)).status_code == 404, user.username
    # League staff of the district read it (read-only: no decision form).
    login(league_in_scope)
    response = client.get(detail_url(submitted))
    assert response.status_code == 200
    assert response.context["review_form"] is None


def test_a_draft_is_the_applicants_alone(client, login, draft, applicant, edu_wuhua):
    login(edu_wuhua)
    assert client.get(detail_url(draft)).status_code == 404

    login(applicant.user)
    assert client.get(detail_url(draft)).status_code == 200


def _facts(response) -> dict:
    """The facts the areas contribute on the page, by their label as shown."""
    return {str(fact.label): fact.value for fact in response.context["profile"]["facts"]}


def _label(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


def test_the_applicant_record_comes_from_the_portal(client, login, submitted, edu_school):
    login(edu_school)

    response = client.get(detail_url(submitted))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-section="applicant-record"' in html
    assert 'data-section="facts"' in html
    assert "昆明市五华区红旗小学" in html
    # Every area contributes what it knows: training (nothing yet) and this application.
    facts = _facts(response)
    assert facts[_label("Courses attended")] == 0
    assert _label("Title applications") in facts


def test_reviewers_see_the_applicants_training_hours_and_courses(
    client, login, submitted, applicant, edu_kunming
):
    # given the applicant attended a provincial face-to-face course
    course = Course.objects.create(
        name="2017年省培项目少先队大队辅导员培训班",
        organiser="省少工委",
        start_date=datetime.date(2017, 7, 10),
        end_date=datetime.date(2017, 7, 14),
        hours=Decimal("40.0"),
        capacity=100,
    )
    Attendance.objects.create(
        course=course, counselor=applicant, hours=Decimal("40.0"), certificate_number="YN2017-001"
    )
    submitted.current_level = ReviewLevel.PREFECTURE
    submitted.save()
    login(edu_kunming)

    response = client.get(detail_url(submitted))

    html = response.content.decode()
    facts = _facts(response)
    assert facts[_label("Courses attended")] == 1
    assert "40.0" in str(facts[_label("Training hours")])
    assert "2017年省培项目少先队大队辅导员培训班" in html
    assert "YN2017-001" in str(facts["2017年省培项目少先队大队辅导员培训班"])


# Deciding through the page


def test_a_reviewer_decides_from_the_detail_page(client, login, submitted, edu_school):
    login(edu_school)
    page = client.get(detail_url(submitted))
    assert 'data-form="review"' in page.content.decode()

    response = client.post(
        review_url(submitted),
        {"decision": Decision.APPROVE, "comment": "", "version": submitted.version},
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.current_level == ReviewLevel.COUNTY
    assert ReviewStep.objects.get().reviewer == edu_school


def test_the_decision_form_needs_a_reason_to_return(client, login, submitted, edu_school):
    login(edu_school)

    response = client.post(
        review_url(submitted),
        {"decision": Decision.RETURN, "comment": " ", "version": submitted.version},
    )

    assert response.status_code == 400
    assert "comment" in response.context["review_form"].errors
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert not ReviewStep.objects.exists()


def test_a_forged_decision_from_outside_scope_is_a_404_and_changes_nothing(
    client, login, submitted, edu_yuxi
):
    login(edu_yuxi)

    response = client.post(
        review_url(submitted),
        {"decision": Decision.REJECT, "comment": "伪造", "version": submitted.version},
    )

    assert response.status_code == 404
    submitted.refresh_from_db()
    assert (submitted.status, submitted.current_level) == ("submitted", "school")
    assert not ReviewStep.objects.exists()


def test_a_reviewer_at_the_wrong_level_sees_no_form_and_cannot_decide(
    client, login, submitted, edu_kunming
):
    login(edu_kunming)
    page = client.get(detail_url(submitted))
    assert page.status_code == 200
    assert 'data-form="review"' not in page.content.decode()

    response = client.post(
        review_url(submitted),
        {"decision": Decision.APPROVE, "comment": "", "version": submitted.version},
    )

    assert response.status_code == 400
    assert "__all__" in response.context["review_form"].errors
    submitted.refresh_from_db()
    assert submitted.current_level == ReviewLevel.SCHOOL
    assert not ReviewStep.objects.exists()


def test_a_decision_on_a_stale_page_is_refused_with_a_reload_message(
    client, login, submitted, edu_school, school
):
    colleague = UserFactory(role=Role.EDUCATION, division=None, school=school)
    seen = submitted.version
    login(colleague)
    client.post(
        review_url(submitted),
        {"decision": Decision.APPROVE, "comment": "", "version": seen},
    )

    login(edu_school)
    response = client.post(
        review_url(submitted),
        {"decision": Decision.REJECT, "comment": "不同意", "version": seen},
    )

    assert response.status_code == 409
    codes = [e.code for e in response.context["review_form"].errors.as_data()["__all__"]]
    assert codes == ["stale"]
    assert list(ReviewStep.objects.values_list("reviewer", flat=True)) == [colleague.pk]


# The applicant's pages


def test_a_counselor_creates_uploads_and_submits(client, login, applicant):
    login(applicant.user)

    response = client.post(
        reverse("titles:application-create"),
        {
            "track": Track.YP_ACTIVITIES,
            "target_title": "first",
            "year": THIS_YEAR,
            "statement": "组织少先队活动课。",
        },
    )
    application = TitleApplication.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("titles:application-update", args=[application.pk])
    assert application.applicant == applicant

    response = client.post(
        reverse("titles:evidence-add", args=[application.pk]), {"file": upload("奖状.pdf")}
    )
    assert response.status_code == 302
    assert application.evidence.count() == 1

    response = client.post(reverse("titles:application-submit", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.current_level) == ("submitted", "school")


def test_the_create_form_shows_errors_next_to_fields(client, login, applicant):
    login(applicant.user)

    response = client.post(
        reverse("titles:application-create"),
        {"track": "chess", "target_title": "third", "year": 1999, "statement": ""},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"track", "target_title", "year", "statement"}
    assert not TitleApplication.objects.exists()


def test_a_second_open_application_for_the_year_is_refused_on_the_form(
    client, login, draft, applicant
):
    login(applicant.user)

    response = client.post(
        reverse("titles:application-create"),
        {"track": Track.SUBJECT, "target_title": "first", "year": THIS_YEAR, "statement": "x"},
    )

    assert response.status_code == 200
    # On the year, naming the round and the open application, with a link to it
    (error,) = response.context["form"].errors.as_data()["year"]
    assert error.code == "open_application"
    with translation.override("zh-hans"):
        message = str(error.message % error.params)
    assert str(THIS_YEAR) in message and "本年度" not in message
    link = reverse("titles:application-update", args=[draft.pk])
    assert f'href="{link}" data-open-application' in response.content.decode()
    assert TitleApplication.objects.count() == 1


def test_a_bad_upload_is_reported_on_the_file_field(client, login, draft, applicant):
    login(applicant.user)

    response = client.post(
        reverse("titles:evidence-add", args=[draft.pk]),
        {"file": upload("scan.pdf", b"just text", "application/pdf")},
    )

    assert response.status_code == 400
    assert "file" in response.context["upload_form"].errors
    assert draft.evidence.count() == 1


def test_submitting_without_evidence_shows_why(client, login, applicant):
    application = TitleApplicationFactory(applicant=applicant, target_title="first")
    login(applicant.user)

    response = client.post(reverse("titles:application-submit", args=[application.pk]))

    assert response.status_code == 400
    assert response.context["submit_error"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_another_counselor_cannot_touch_an_application(client, login, draft, school):
    intruder = ApplicantFactory(school=school).user
    login(intruder)
    evidence = draft.evidence.get()

    assert client.get(reverse("titles:application-update", args=[draft.pk])).status_code == 404
    assert client.post(reverse("titles:application-submit", args=[draft.pk])).status_code == 404
    response = client.post(reverse("titles:evidence-add", args=[draft.pk]), {"file": upload()})
    assert response.status_code == 404
    response = client.post(reverse("titles:evidence-remove", args=[evidence.pk]))
    assert response.status_code == 404
    assert draft.evidence.count() == 1
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_my_applications_lists_only_my_own(client, login, draft, applicant, school):
    TitleApplicationFactory(applicant=ApplicantFactory(school=school))
    login(applicant.user)

    response = client.get(reverse("titles:application-list"))

    assert response.status_code == 200
    assert [a.pk for a in response.context["applications"]] == [draft.pk]


def test_a_counselor_without_a_record_cannot_start_an_application(client, login, school):
    orphan = UserFactory(role=Role.COUNSELOR, division=None, school=school)
    login(orphan)

    assert client.get(reverse("titles:application-list")).status_code == 200
    assert client.get(reverse("titles:application-create")).status_code == 404


# Evidence downloads


def test_evidence_downloads_as_an_attachment_that_is_never_sniffed(
    client, login, submitted, edu_wuhua
):
    evidence = submitted.evidence.get()
    login(edu_wuhua)

    response = client.get(reverse("titles:evidence-download", args=[evidence.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_png_downloads_as_png_under_its_uploaded_name(client, login, draft, applicant):
    evidence = services.evidence_add(
        actor=applicant.user, application=draft, upload=upload("scan.jpeg.png", PNG_BYTES)
    )
    login(applicant.user)

    response = client.get(reverse("titles:evidence-download", args=[evidence.pk]))

    assert response["Content-Type"] == "image/png"
    assert 'filename="scan.jpeg.png"' in response["Content-Disposition"]


def test_evidence_outside_scope_is_a_404(client, login, submitted, edu_yuxi, school):
    evidence = submitted.evidence.get()
    for user in (edu_yuxi, ApplicantFactory(school=school).user):
        login(user)
        response = client.get(reverse("titles:evidence-download", args=[evidence.pk]))
        assert response.status_code == 404, user.username


def test_evidence_of_a_draft_is_hidden_from_reviewers(client, login, draft, edu_wuhua):
    login(edu_wuhua)
    evidence = draft.evidence.get()

    response = client.get(reverse("titles:evidence-download", args=[evidence.pk]))

    assert response.status_code == 404
    assert EvidenceFile.objects.count() == 1


def test_media_files_are_not_served_by_url(client, login, submitted, applicant):
    evidence = submitted.evidence.get()
    login(applicant.user)

    response = client.get("/media/" + evidence.file.name)

    assert response.status_code == 404


def test_an_edit_page_saved_after_a_change_in_another_tab_is_refused(
    client, login, draft, applicant
):
    # given the edit page was loaded, then a file was added in another tab
    login(applicant.user)
    form = client.get(reverse("titles:application-update", args=[draft.pk])).context["form"]
    services.evidence_add(actor=applicant.user, application=draft, upload=upload("第二份.pdf"))

    # when the page, as loaded, is saved
    response = client.post(
        reverse("titles:application-update", args=[draft.pk]),
        {
            "track": Track.SUBJECT,
            "target_title": "first",
            "year": THIS_YEAR,
            "statement": "改写",
            "version": form["version"].value(),
        },
    )

    # then it is refused with the reload message, and nothing is written
    assert response.status_code == 200
    codes = [e.code for e in response.context["form"].non_field_errors().as_data()]
    assert codes == ["stale"]
    draft.refresh_from_db()
    assert draft.track == Track.YP_ACTIVITIES


def test_reviewers_are_named_with_their_unit_in_the_history(
    client, login, submitted, review, applicant
):
    review(submitted, ReviewLevel.SCHOOL, Decision.RETURN, "请补充材料。")
    login(applicant.user)

    response = client.get(detail_url(submitted))

    step = response.context["steps"][0]
    assert person_label(step.reviewer) in response.content.decode()
