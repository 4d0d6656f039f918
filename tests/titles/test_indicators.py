from django.template.loader import render_to_string
from django.test import RequestFactory

from apps.reports.indicators import as_of_date, compute
from apps.titles.choices import ReviewLevel, Track
from apps.titles.indicators import title_indicators
from tests.factories import SchoolFactory, division
from tests.factories.titles import ApplicantFactory, TitleApplicationFactory


def _applicant(county_code):
    return ApplicantFactory(school=SchoolFactory(county=division(county_code)))


def _seed():
    # Young Pioneer activities titles won in 2017: Kunming 2, Yuxi 1, Qujing 1.
    for county in ("530102", "530103", "530402", "530302"):
        TitleApplicationFactory(applicant=_applicant(county), approved=True)
    # Still under review, returned, rejected, a draft, another track, another year.
    TitleApplicationFactory(applicant=_applicant("530102"), waiting_at=ReviewLevel.COUNTY)
    TitleApplicationFactory(applicant=_applicant("530102"), rejected=True)
    TitleApplicationFactory(applicant=_applicant("530102"))  # draft: not submitted
    TitleApplicationFactory(applicant=_applicant("530102"), track=Track.SUBJECT, approved=True)
    TitleApplicationFactory(
        applicant=_applicant("530402"), track=Track.SUBJECT, waiting_at=ReviewLevel.SCHOOL
    )
    TitleApplicationFactory(applicant=_applicant("530102"), year=2016, approved=True)


def test_it_counts_submitted_and_approved_by_track_and_yp_titles_by_prefecture(divisions):
    _seed()

    figures = title_indicators(scope=division("530000"), as_of=as_of_date(2017))["titles"]

    assert figures["by_track"]["yp_activities"]["submitted"] == 6
    assert figures["by_track"]["yp_activities"]["approved"] == 4
    assert figures["by_track"]["subject"] == {"submitted": 2, "approved": 1}
    by_prefecture = figures["by_track"]["yp_activities"]["approved_by_prefecture"]
    assert len(by_prefecture) == 16
    assert {code: n for code, n in by_prefecture.items() if n} == {
        "530100": 2,
        "530400": 1,
        "530300": 1,
    }


def test_a_prefecture_or_county_sees_only_its_own(divisions):
    _seed()

    kunming = title_indicators(scope=division("530100"), as_of=as_of_date(2017))["titles"]
    wuhua = title_indicators(scope=division("530102"), as_of=as_of_date(2017))["titles"]

    assert kunming["by_track"]["yp_activities"]["approved_by_prefecture"] == {"530100": 2}
    assert kunming["by_track"]["yp_activities"]["submitted"] == 4
    assert wuhua["by_track"]["yp_activities"]["approved_by_prefecture"] == {"530100": 1}
    assert wuhua["by_track"]["subject"] == {"submitted": 1, "approved": 1}


def test_the_indicators_cost_a_fixed_number_of_queries(divisions, django_assert_num_queries):
    province = division("530000")
    TitleApplicationFactory(applicant=_applicant("530102"), approved=True)
    with django_assert_num_queries(4):
        title_indicators(scope=province, as_of=as_of_date(2017))

    _seed()
    with django_assert_num_queries(4):
        title_indicators(scope=province, as_of=as_of_date(2017))


def test_the_provider_is_part_of_the_portals_indicators(divisions):
    _seed()

    result = compute(scope=division("530000"), year=2017)

    assert result["titles"]["by_track"]["yp_activities"]["approved"] == 4


def test_the_dashboard_panel_shows_figures_and_the_reviewers_queue(divisions, edu_kunming):
    _seed()
    request = RequestFactory().get("/dashboard/")
    request.user = edu_kunming

    html = render_to_string(
        "titles/_dashboard_panel.html",
        {"indicators": compute(scope=division("530100"), year=2017)},
        request=request,
    )

    assert 'data-indicator="titles.by_track.yp_activities.approved" data-value="2">2<' in html
    assert 'data-indicator="titles.by_track.yp_activities.approved_by_prefecture.530100">2<' in html
    # Nothing waits at prefecture level in Kunming.
    assert 'data-queue-count="0"' in html


def test_the_dashboard_panel_has_no_queue_for_non_reviewers(divisions, official_kunming):
    request = RequestFactory().get("/dashboard/")
    request.user = official_kunming

    html = render_to_string(
        "titles/_dashboard_panel.html",
        {"indicators": compute(scope=division("530100"), year=2017)},
        request=request,
    )

    assert "data-queue-count" not in html
    assert 'data-panel="titles"' in html
