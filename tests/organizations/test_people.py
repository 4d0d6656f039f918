"""People on the organization pages are shown as 姓名（单位）: committee members, chief
counselors and whoever last changed a record."""

import pytest

from apps.organizations import services
from apps.organizations.choices import HomeBody
from tests.factories import (
    ChiefCounselorPostFactory,
    CommitteeMemberFactory,
    SchoolFactory,
    WorkCommitteeFactory,
    division,
)

pytestmark = pytest.mark.django_db


def test_a_member_is_their_name_and_department_or_their_home_body(divisions):
    committee = WorkCommitteeFactory(division=division("530102"))
    member = CommitteeMemberFactory(committee=committee, name="陈静", department="五华区教育局")
    bare = CommitteeMemberFactory(
        committee=committee, name="刘洋", department="", home_body=HomeBody.LEAGUE
    )

    assert (member.person_name, member.person_unit) == ("陈静", "五华区教育局")
    assert bare.person_unit == str(HomeBody.LEAGUE.label)


def test_the_committee_page_lists_members_as_name_and_unit(login, league_kunming):
    committee = WorkCommitteeFactory(division=division("530102"))
    CommitteeMemberFactory(committee=committee, name="陈静", department="共青团五华区委员会")

    html = login(league_kunming).get(f"/organizations/committees/{committee.pk}/").content.decode()

    assert '<th scope="row" data-person>陈静（共青团五华区委员会）</th>' in html


def test_the_division_page_shows_the_chief_counselor_as_name_and_host(login, edu_wuhua):
    ChiefCounselorPostFactory(county=division("530102"), holder_name="王芳", host_body="league")

    html = login(edu_wuhua).get("/organizations/divisions/530102/").content.decode()

    assert f"<span data-person>王芳（{HomeBody.LEAGUE.label}）</span>" in html


def test_the_school_page_names_who_last_changed_it(login, edu_wuhua, inspector):
    school = SchoolFactory()
    services.school_update(actor=edu_wuhua, school=school, data={"address": "人民中路1号"})

    html = login(inspector).get(f"/organizations/schools/{school.pk}/").content.decode()

    meta = html[html.index("data-record-meta") :]
    meta = meta[: meta.index("</p>")]
    assert f"{edu_wuhua.full_name}（{edu_wuhua.work_unit} {edu_wuhua.department}）" in meta


def test_the_committee_page_names_who_last_changed_it(login, league_kunming):
    committee = WorkCommitteeFactory(division=division("530102"))
    services.committee_update(actor=league_kunming, committee=committee, data={"name": "新名"})

    html = login(league_kunming).get(f"/organizations/committees/{committee.pk}/").content.decode()

    assert league_kunming.full_name in html[html.index("data-record-meta") :]
