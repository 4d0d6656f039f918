"""Committee, member and chief counselor pages: who may edit, scope, errors on the fields."""

import datetime

import pytest

from apps.accounts.choices import Role
from apps.organizations.models import ChiefCounselorPost, CommitteeMember, WorkCommittee
from tests.factories import (
    ChiefCounselorPostFactory,
    CommitteeMemberFactory,
    UserFactory,
    WorkCommitteeFactory,
    division,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(divisions):
    return WorkCommitteeFactory(division=division("530102"), name="五华区少工委")


@pytest.fixture
def yuxi_committee(divisions):
    return WorkCommitteeFactory(division=division("530402"), name="红塔区少工委")


def member_post(**overrides):
    data = {
        "name": "张伟",
        "role": "vice_chair",
        "home_body": "education",
        "department": "德育科",
        "position": "科长",
        "start_date": "2018-01-01",
        "end_date": "",
        "secondment_start": "",
        "secondment_end": "",
        "version": "1",  # of a member the factory made, as its edit page carries it
    }
    data.update(overrides)
    return data


def new_member_url(committee):
    return f"/organizations/committees/{committee.pk}/members/new/"


def test_the_committee_page_lists_past_and_current_members(login, inspector, committee):
    CommitteeMemberFactory(committee=committee, name="现任委员")
    CommitteeMemberFactory(committee=committee, name="前任委员", end_date=datetime.date(2017, 1, 1))

    html = login(inspector).get(f"/organizations/committees/{committee.pk}/").content.decode()

    assert 'data-current="true"' in html and 'data-current="false"' in html
    assert "现任委员" in html and "前任委员" in html
    assert 'data-dual-chair="not-compliant"' in html


def test_league_staff_add_a_member(login, league_kunming, committee):
    response = login(league_kunming).post(new_member_url(committee), member_post())

    assert response.status_code == 302
    assert response.url == f"/organizations/committees/{committee.pk}/"
    member = CommitteeMember.objects.get()
    assert (member.committee, member.name, member.department) == (committee, "张伟", "德育科")


def test_education_staff_cannot_add_a_member(login, edu_kunming, committee):
    client = login(edu_kunming)

    assert client.get(new_member_url(committee)).status_code == 403
    assert client.post(new_member_url(committee), member_post()).status_code == 403
    assert not CommitteeMember.objects.exists()


def test_an_inspector_can_read_but_not_edit(login, inspector, committee):
    member = CommitteeMemberFactory(committee=committee)
    client = login(inspector)

    assert client.get(f"/organizations/committees/{committee.pk}/").status_code == 200
    for path in (
        new_member_url(committee),
        f"/organizations/members/{member.pk}/edit/",
        f"/organizations/committees/{committee.pk}/edit/",
        "/organizations/divisions/530102/chief-counselor/",
    ):
        assert client.get(path).status_code == 403
        assert client.post(path, {}).status_code == 403


def test_league_staff_cannot_reach_a_committee_outside_their_scope(
    login, league_kunming, yuxi_committee
):
    member = CommitteeMemberFactory(committee=yuxi_committee, name="原名")
    client = login(league_kunming)

    assert client.get(f"/organizations/committees/{yuxi_committee.pk}/").status_code == 404
    assert client.post(new_member_url(yuxi_committee), member_post()).status_code == 404
    response = client.post(f"/organizations/members/{member.pk}/edit/", member_post(name="改"))
    assert response.status_code == 404
    member.refresh_from_db()
    assert member.name == "原名"
    assert CommitteeMember.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"end_date": "2017-12-31"}, {"end_date"}),
        ({"is_seconded": "on"}, {"secondment_start", "secondment_end"}),
        ({"is_seconded": "on", "secondment_start": "2018-03-01"}, {"secondment_end"}),
        (
            {"is_seconded": "on", "secondment_start": "2018-03-01", "secondment_end": "2018-01-01"},
            {"secondment_end"},
        ),
        ({"start_date": ""}, {"start_date"}),
        ({"role": "president"}, {"role"}),
    ],
)
def test_member_errors_appear_next_to_their_field(
    login, league_kunming, committee, overrides, fields
):
    response = login(league_kunming).post(new_member_url(committee), member_post(**overrides))

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == fields
    assert not CommitteeMember.objects.exists()
    # rendered next to the field, not above the form
    assert 'class="form-errors"' not in response.content.decode()


def test_league_staff_end_a_members_term(login, league_kunming, committee):
    member = CommitteeMemberFactory(
        committee=committee, name="张伟", start_date=datetime.date(2018, 1, 1)
    )

    response = login(league_kunming).post(
        f"/organizations/members/{member.pk}/edit/", member_post(end_date="2020-12-31")
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.end_date == datetime.date(2020, 12, 31)


def test_league_staff_edit_the_committee(login, league_kunming, committee):
    client = login(league_kunming)
    path = f"/organizations/committees/{committee.pk}/edit/"

    assert client.get(path).status_code == 200
    data = {"name": "五华区少先队工作委员会", "established_on": "2009-06-01", "version": "1"}
    response = client.post(path, data)

    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.name == "五华区少先队工作委员会"
    assert committee.established_on == datetime.date(2009, 6, 1)


def test_a_committee_name_is_required(login, league_province, committee):
    response = login(league_province).post(
        f"/organizations/committees/{committee.pk}/edit/",
        {"name": "", "established_on": "x", "version": "1"},
    )

    assert set(response.context["form"].errors) == {"name", "established_on"}
    assert WorkCommittee.objects.get().name == "五华区少工委"


# Chief counselor post


def post_url(code):
    return f"/organizations/divisions/{code}/chief-counselor/"


def test_education_staff_create_the_post_when_the_county_has_none(login, edu_wuhua):
    client = login(edu_wuhua)
    assert client.get(post_url("530102")).status_code == 200

    response = client.post(
        post_url("530102"),
        {"host_body": "league", "holder_name": "王芳", "holder_heads_section": "on"},
    )

    assert response.status_code == 302
    assert response.url == "/organizations/divisions/530102/"
    post = ChiefCounselorPost.objects.get()
    assert (post.county_id, post.host_body, post.holder_heads_section) == ("530102", "league", True)


def test_education_staff_change_the_existing_post(login, edu_kunming):
    ChiefCounselorPostFactory(county=division("530102"), host_body="league")

    data = {"host_body": "education", "holder_name": "王芳", "version": "1"}
    login(edu_kunming).post(post_url("530102"), data)

    post = ChiefCounselorPost.objects.get()
    assert (post.host_body, post.holder_name) == ("education", "王芳")


def test_the_post_form_requires_a_known_host(login, edu_wuhua):
    response = login(edu_wuhua).post(post_url("530102"), {"host_body": "school"})

    assert set(response.context["form"].errors) == {"host_body"}
    assert not ChiefCounselorPost.objects.exists()


@pytest.mark.parametrize("code", ["530100", "530000", "530103"])
def test_only_in_scope_counties_have_a_post_page(login, edu_kunming, edu_wuhua, code):
    user = edu_wuhua if code == "530103" else edu_kunming

    assert login(user).get(post_url(code)).status_code == 404
    assert login(user).post(post_url(code), {"host_body": "education"}).status_code == 404
    assert not ChiefCounselorPost.objects.exists()


def test_league_staff_cannot_set_the_post(login, league_kunming):
    assert login(league_kunming).get(post_url("530102")).status_code == 403


def test_a_school_scoped_user_cannot_reach_the_committee_pages(login, divisions, committee):
    from tests.factories import SchoolFactory

    counselor = UserFactory(role=Role.COUNSELOR, division=None, school=SchoolFactory())

    assert login(counselor).get(f"/organizations/committees/{committee.pk}/").status_code == 403
