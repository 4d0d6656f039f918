"""Lost updates on the organization tree: an edit page saved after someone else saved the
same row is refused with the core's message, the other change kept (tests/stale.py)."""

import pytest

from apps.organizations.models import Brigade, ChiefCounselorPost, Squad
from tests.factories import (
    ChiefCounselorPostFactory,
    CommitteeMemberFactory,
    SchoolFactory,
    WorkCommitteeFactory,
)
from tests.stale import assert_stale_save_refused

pytestmark = pytest.mark.django_db


def test_a_stale_school_edit_is_refused(edu_wuhua, edu_kunming):
    school = SchoolFactory(name="五华区实验小学", address="旧址")

    assert_stale_save_refused(
        first=edu_wuhua,
        second=edu_kunming,
        url=f"/organizations/schools/{school.pk}/edit/",
        theirs={"address": "翠湖南路1号"},
        mine={"address": "人民中路2号"},
    )

    school.refresh_from_db()
    assert (school.address, school.version) == ("翠湖南路1号", 2)


def test_a_stale_committee_edit_is_refused(league_province, league_kunming):
    committee = WorkCommitteeFactory(name="五华区少工委")

    assert_stale_save_refused(
        first=league_province,
        second=league_kunming,
        url=f"/organizations/committees/{committee.pk}/edit/",
        theirs={"name": "五华区少先队工作委员会"},
        mine={"name": "五华区少工委（新）"},
    )

    committee.refresh_from_db()
    assert committee.name == "五华区少先队工作委员会"


def test_a_stale_committee_member_edit_is_refused(league_province, league_kunming):
    member = CommitteeMemberFactory(name="李明", position="委员")

    assert_stale_save_refused(
        first=league_province,
        second=league_kunming,
        url=f"/organizations/members/{member.pk}/edit/",
        theirs={"position": "副主任"},
        mine={"position": "秘书长"},
    )

    member.refresh_from_db()
    assert member.position == "副主任"


def test_a_stale_chief_counselor_post_edit_is_refused(edu_wuhua, edu_kunming):
    ChiefCounselorPostFactory(holder_name="王芳")

    assert_stale_save_refused(
        first=edu_wuhua,
        second=edu_kunming,
        url="/organizations/divisions/530102/chief-counselor/",
        theirs={"holder_name": "赵磊"},
        mine={"holder_name": "钱敏"},
    )

    assert ChiefCounselorPost.objects.get(county="530102").holder_name == "赵磊"


def test_stale_brigade_and_squad_renames_are_refused(edu_wuhua, edu_kunming):
    school = SchoolFactory(name="五华区实验小学", squad_count=1)
    brigade, squad = Brigade.objects.get(school=school), Squad.objects.get(brigade__school=school)

    for url, row in (
        (f"/organizations/brigades/{brigade.pk}/edit/", brigade),
        (f"/organizations/squads/{squad.pk}/edit/", squad),
    ):
        assert_stale_save_refused(
            first=edu_wuhua,
            second=edu_kunming,
            url=url,
            theirs={"name": "他们改的名"},
            mine={"name": "我改的名"},
        )
        row.refresh_from_db()
        assert row.name == "他们改的名"
