"""Division pages: the browser, the detail page, its breadcrumbs, committee and children."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.choices import Role
from apps.organizations import selectors
from apps.organizations.choices import HomeBody
from tests.factories import (
    ChiefCounselorPostFactory,
    CommitteeMemberFactory,
    SchoolFactory,
    UserFactory,
    WorkCommitteeFactory,
    division,
)
from tests.factories.organizations import LONG_AGO, chair, dual_chair_committee, schools_in

pytestmark = pytest.mark.django_db


def url(code: str) -> str:
    return f"/organizations/divisions/{code}/"


def codes(html: str, attribute: str = "data-code") -> list[str]:
    return re.findall(rf'<tr {attribute}="(\d+)"', html)


def breadcrumb_codes(html: str) -> list[str]:
    return re.findall(r'<li data-code="(\d+)"', html)


@pytest.mark.parametrize(
    ("persona", "root"),
    [
        ("province_admin", "530000"),
        ("inspector", "530000"),
        ("edu_kunming", "530100"),
        ("league_kunming", "530100"),
        ("edu_wuhua", "530102"),
        ("edu_yuxi", "530400"),
    ],
)
def test_the_browser_opens_the_users_own_division(request, login, persona, root):
    user = request.getfixturevalue(persona)

    response = login(user).get("/organizations/divisions/")

    assert response.status_code == 302
    assert response.url == url(root)


def test_the_browser_opens_a_school_users_county(login, divisions):
    school = SchoolFactory(county=division("530102"))
    official = UserFactory(role=Role.OFFICIAL, division=None, school=school)

    response = login(official).get("/organizations/divisions/", follow=True)

    assert response.redirect_chain[-1][0] == url("530102")
    assert response.status_code == 200


def test_a_signed_out_visitor_is_sent_to_sign_in(client, divisions):
    response = client.get(url("530000"))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_kunming_prefecture_user_sees_its_14_counties(login, edu_kunming):
    html = login(edu_kunming).get(url("530100")).content.decode()

    children = codes(html)
    assert len(children) == 14
    assert all(code.startswith("5301") for code in children)


def test_the_province_page_lists_the_16_prefectures_with_their_school_counts(login, inspector):
    schools_in("530102", 3)
    schools_in("530103", 2)
    schools_in("530402", 4)

    html = login(inspector).get(url("530000")).content.decode()

    assert len(codes(html)) == 16
    counts = dict(re.findall(r'<tr data-code="(\d+)" data-school-count="(\d+)"', html))
    assert counts["530100"] == "5"
    assert counts["530400"] == "4"
    assert counts["530300"] == "0"


@pytest.mark.parametrize("code", ["530103", "530100", "530000", "530402", "999999", "abc"])
def test_a_county_user_gets_404_outside_their_county(login, edu_wuhua, code):
    assert login(edu_wuhua).get(url(code)).status_code == 404


def test_breadcrumbs_stop_at_the_users_scope_root(login, province_admin, edu_kunming, edu_wuhua):
    assert breadcrumb_codes(login(province_admin).get(url("530102")).content.decode()) == [
        "530000",
        "530100",
        "530102",
    ]
    assert breadcrumb_codes(login(edu_kunming).get(url("530102")).content.decode()) == [
        "530100",
        "530102",
    ]
    assert breadcrumb_codes(login(edu_wuhua).get(url("530102")).content.decode()) == ["530102"]


def test_the_page_shows_current_members_with_their_details(login, inspector):
    committee = dual_chair_committee("530102")
    CommitteeMemberFactory(
        committee=committee,
        name="挂职副主任",
        role="vice_chair",
        home_body=HomeBody.OTHER,
        department="某小学",
        start_date=LONG_AGO,
        is_seconded=True,
        secondment_start=LONG_AGO,
        secondment_end=LONG_AGO.replace(year=2030),
    )
    CommitteeMemberFactory(committee=committee, name="已离任委员", end_date=LONG_AGO)

    html = login(inspector).get(url("530102")).content.decode()

    assert "挂职副主任" in html and "某小学" in html and "2016-01-01 – 2030-01-01" in html
    assert "已离任委员" not in html
    assert html.count("data-member=") == 3
    assert 'data-dual-chair="compliant"' in html


def test_a_county_page_shows_its_chief_counselor_post(login, inspector):
    ChiefCounselorPostFactory(
        county=division("530102"),
        host_body="league",
        holder_name="赵老师",
        holder_heads_section=True,
    )

    html = login(inspector).get(url("530102")).content.decode()
    prefecture = login(inspector).get(url("530100")).content.decode()

    assert 'data-host-body="league"' in html and "赵老师" in html
    assert 'data-heads-section="true"' in html
    assert 'data-section="chief-counselor"' not in prefecture


def test_a_county_without_a_post_says_so(login, edu_wuhua):
    html = login(edu_wuhua).get(url("530102")).content.decode()

    assert 'data-post="none"' in html
    assert 'data-action="edit-chief-counselor"' in html


def test_the_schools_link_is_filtered_to_the_division(login, inspector, edu_kunming):
    county = login(inspector).get(url("530102")).content.decode()
    prefecture = login(inspector).get(url("530100")).content.decode()
    own_prefecture = login(edu_kunming).get(url("530100")).content.decode()

    assert 'href="/organizations/schools/?county=530102"' in county
    assert 'href="/organizations/schools/?prefecture=530100"' in prefecture
    # A prefecture user's own prefecture is their whole list
    assert 'href="/organizations/schools/" data-action="schools"' in own_prefecture


def test_edit_buttons_follow_the_users_rules(login, league_kunming, edu_kunming, inspector):
    committee = WorkCommitteeFactory(division=division("530102"))
    CommitteeMemberFactory(committee=committee)

    league = login(league_kunming).get(url("530102")).content.decode()
    education = login(edu_kunming).get(url("530102")).content.decode()
    reader = login(inspector).get(url("530102")).content.decode()

    assert 'data-action="add-member"' in league and 'data-action="edit-member"' in league
    assert 'data-action="edit-chief-counselor"' not in league
    assert 'data-action="add-member"' not in education
    assert 'data-action="edit-chief-counselor"' in education
    for action in ("add-member", "edit-member", "edit-committee", "edit-chief-counselor"):
        assert f'data-action="{action}"' not in reader


def test_the_children_table_is_one_query_whatever_its_size(inspector):
    for code in ("530102", "530103", "530111"):
        committee = WorkCommitteeFactory(division=division(code))
        chair(committee, HomeBody.LEAGUE, start_date=LONG_AGO)
    schools_in("530102", 5)

    for parent in (division("530000"), division("530100")):
        with CaptureQueriesContext(connection) as queries:
            rows = list(selectors.division_children(actor=inspector, division=parent))
            [(row.dual_chair, row.school_count) for row in rows]
        assert len(queries) == 1
    assert len(rows) == 14


def test_the_detail_page_costs_the_same_queries_with_more_rows(login, inspector):
    client = login(inspector)
    client.get(url("530100"))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(url("530100"))

    for code in ("530102", "530103", "530111", "530112"):
        dual_chair_committee(code)
        schools_in(code, 20)
    dual_chair_committee("530100")
    with CaptureQueriesContext(connection) as many:
        client.get(url("530100"))

    # One more query only because the prefecture now has a committee whose members load
    assert len(many) <= len(few) + 1
