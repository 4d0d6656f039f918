from django.urls import reverse

from apps.accounts.choices import Role
from apps.titles.choices import ReviewLevel, Track
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.titles import ApplicantFactory, TitleApplicationFactory
from tests.titles.conftest import decide

QUEUE = reverse("titles:review-queue")


def _queued(client):
    response = client.get(QUEUE)
    assert response.status_code == 200
    return {a.pk for a in response.context["applications"]}


def test_the_queue_shows_what_waits_at_the_reviewers_level_in_scope(
    client, login, school, edu_wuhua, edu_kunming
):
    # given applications at several levels, in and out of Wuhua
    wuhua = ApplicantFactory(school=school)
    panlong = ApplicantFactory(school=SchoolFactory(county=division("530103")))
    yuxi = ApplicantFactory(school=SchoolFactory(county=division("530402")))
    at_county_wuhua = TitleApplicationFactory(applicant=wuhua, waiting_at=ReviewLevel.COUNTY)
    at_county_panlong = TitleApplicationFactory(applicant=panlong, waiting_at=ReviewLevel.COUNTY)
    TitleApplicationFactory(applicant=yuxi, waiting_at=ReviewLevel.COUNTY)
    at_prefecture = TitleApplicationFactory(
        applicant=ApplicantFactory(school=school), waiting_at=ReviewLevel.PREFECTURE
    )
    TitleApplicationFactory(applicant=ApplicantFactory(school=school), waiting_at="school")
    TitleApplicationFactory(applicant=ApplicantFactory(school=school))  # a draft
    TitleApplicationFactory(applicant=ApplicantFactory(school=school), approved=True)

    # then the county reviewer sees only Wuhua's county-level item
    login(edu_wuhua)
    assert _queued(client) == {at_county_wuhua.pk}
    # and the prefecture reviewer only what waits at prefecture level in Kunming
    login(edu_kunming)
    assert _queued(client) == {at_prefecture.pk}
    assert at_county_panlong.pk not in _queued(client)


def test_a_school_reviewer_sees_only_their_school(client, login, school, edu_school):
    mine = TitleApplicationFactory(
        applicant=ApplicantFactory(school=school), waiting_at=ReviewLevel.SCHOOL
    )
    TitleApplicationFactory(
        applicant=ApplicantFactory(school=SchoolFactory(county=school.county)),
        waiting_at=ReviewLevel.SCHOOL,
    )
    login(edu_school)

    assert _queued(client) == {mine.pk}


def test_the_queue_filters_by_track_and_year(client, login, school, edu_school):
    def make(track, year):
        return TitleApplicationFactory(
            applicant=ApplicantFactory(school=school),
            waiting_at=ReviewLevel.SCHOOL,
            track=track,
            year=year,
        )

    yp_2017, subject_2017, yp_2018 = (
        make(Track.YP_ACTIVITIES, 2017),
        make(Track.SUBJECT, 2017),
        make(Track.YP_ACTIVITIES, 2018),
    )
    login(edu_school)

    def queued(**query):
        return {a.pk for a in client.get(QUEUE, query).context["applications"]}

    assert queued(track=Track.YP_ACTIVITIES) == {yp_2017.pk, yp_2018.pk}
    assert queued(year=2017) == {yp_2017.pk, subject_2017.pk}
    assert queued(track=Track.SUBJECT, year=2018) == set()


def test_the_queue_costs_the_same_queries_for_one_item_or_many(
    client, login, school, edu_school, django_assert_max_num_queries
):
    TitleApplicationFactory(
        applicant=ApplicantFactory(school=school), waiting_at=ReviewLevel.SCHOOL
    )
    login(edu_school)
    with django_assert_max_num_queries(100) as one:
        client.get(QUEUE)
    baseline = len(one.captured_queries)

    for _ in range(8):
        TitleApplicationFactory(
            applicant=ApplicantFactory(school=SchoolFactory(county=school.county)),
            waiting_at=ReviewLevel.SCHOOL,
        )
        TitleApplicationFactory(
            applicant=ApplicantFactory(school=school), waiting_at=ReviewLevel.SCHOOL
        )

    with django_assert_max_num_queries(baseline):
        response = client.get(QUEUE)
    assert len(response.context["applications"]) == 9


def test_non_reviewers_have_no_queue(client, login, school, official_kunming):
    counselor = ApplicantFactory(school=school).user
    league = UserFactory(role=Role.LEAGUE, division=division("530100"))
    for user in (counselor, league, official_kunming):
        login(user)
        assert client.get(QUEUE).status_code == 403


def test_handled_lists_what_the_reviewer_decided_latest_first(client, login, school, edu_wuhua):
    from apps.titles.choices import Decision

    approved = TitleApplicationFactory(
        applicant=ApplicantFactory(school=school), waiting_at=ReviewLevel.COUNTY
    )
    returned = TitleApplicationFactory(
        applicant=ApplicantFactory(school=school), waiting_at=ReviewLevel.COUNTY
    )
    TitleApplicationFactory(applicant=ApplicantFactory(school=school), waiting_at="county")
    decide(edu_wuhua, approved, comment="同意")
    decide(edu_wuhua, returned, decision=Decision.RETURN, comment="补充材料")

    login(edu_wuhua)
    response = client.get(reverse("titles:review-handled"))

    assert response.status_code == 200
    rows = [(a.pk, a.my_decision) for a in response.context["applications"]]
    assert rows == [(returned.pk, Decision.RETURN), (approved.pk, Decision.APPROVE)]
    # Beside the queue, which no longer holds them
    assert reverse("titles:review-handled") in client.get(QUEUE).content.decode()
    assert not {approved.pk, returned.pk} & _queued(client)


def test_league_staff_and_officials_read_what_was_submitted_in_their_scope(
    client, login, school, submitted, league_kunming, official_kunming
):
    TitleApplicationFactory(applicant=ApplicantFactory(school=school))  # a draft: the applicant's
    TitleApplicationFactory(
        applicant=ApplicantFactory(school=SchoolFactory(county=division("530402"))),
        waiting_at=ReviewLevel.COUNTY,
    )
    overview = reverse("titles:application-overview")
    detail = reverse("titles:application-detail", args=[submitted.pk])
    (evidence,) = submitted.evidence.all()

    for reader in (league_kunming, official_kunming):
        login(reader)
        response = client.get(overview)
        assert response.status_code == 200
        assert [a.pk for a in response.context["applications"]] == [submitted.pk]
        page = client.get(detail)
        assert page.status_code == 200
        assert page.context["review_form"] is None
        # Evidence stays with the reviewers: named, not linked, and not to be fetched.
        download = reverse("titles:evidence-download", args=[evidence.pk])
        assert evidence.original_name in page.content.decode()
        assert download not in page.content.decode()
        assert client.get(download).status_code == 403
